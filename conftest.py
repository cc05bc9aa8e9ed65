"""How the suite is shared between pytest-xdist's two workers (``--dist loadgroup``).

Every test runs in the group of its file, as ``--dist loadfile`` would do: a notebook's
nbval cells must all run, in order, in one kernel, and a test module's fixtures are
built once. The two files that execute every notebook (the browser test and the
student edition) are the exception: their tests are dealt to two groups in turn, so
that both workers share them instead of one worker running them all while the other
waits.

This file sits at the repository's root so that it is loaded whatever the command
runs (``pytest notebooks/03_l2_regularization.ipynb`` included).
"""
from __future__ import annotations

import pytest

# file -> number of groups its tests are dealt into
SPLIT = {"tests/test_browser.py": 2, "tests/test_student_edition.py": 2}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks
def pytest_collection_modifyitems(config, items):
    dealt = dict.fromkeys(SPLIT, 0)
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        group = path
        if path in SPLIT and "[" in item.nodeid:  # a parametrized test: one per notebook
            group = f"{path}#{dealt[path] % SPLIT[path]}"
            dealt[path] += 1
        item.add_marker(pytest.mark.xdist_group(group))
