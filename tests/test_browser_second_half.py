"""The browser test, second half of the notebooks (the test itself is in test_browser.py).

pytest-xdist (``--dist loadfile``) runs each test file on one worker, and the browser
test is the suite's longest file: every notebook runs top to bottom in JupyterLab. Its
notebooks are therefore dealt to two files, this one and ``test_browser.py``, which the
two workers run side by side (each with its own JupyterLab and Chromium). Fixtures,
checks and ``BROWSER_NOTEBOOKS`` are those of ``test_browser.py``.
"""
from __future__ import annotations

import pytest
from test_browser import browser, lab, notebooks_half, run_notebook_in_the_browser  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("notebook", notebooks_half(1))
def test_notebook_runs_in_the_browser(notebook, lab, browser):  # noqa: F811 (fixtures)
    run_notebook_in_the_browser(notebook, lab, browser)
