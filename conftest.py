"""The order in which pytest-xdist's two workers take the suite (``-n 2 --dist loadfile``).

``loadfile`` keeps each test file and each notebook whole on one worker (a notebook's
nbval cells must run in order in one kernel) and hands the files out in collection
order. The files that execute every notebook, the student edition and the browser
test (in two files), are by far the longest; collected first, they start at once on
the two workers, and the many short files fill in around them. Collected in alphabetical
order, the student edition started last and kept one worker busy for minutes after
the other had finished.

This file sits at the repository's root so that it applies whatever the command runs.
"""
from __future__ import annotations

import pytest

# The longest files, longest first: the browser test (its notebooks dealt to two files,
# about 250 s each) and the student edition (about 270 s), of the suite's 1,300 s.
FIRST = ("tests/test_student_edition.py", "tests/test_browser.py",
         "tests/test_browser_second_half.py")


def pytest_configure(config):
    # pytest-xdist >= 3.7 hands out the largest files (most tests) first unless told not to
    # (``--no-loadscope-reorder``); the browser and student-edition files have few, long
    # tests, so they would start last. Older versions keep the collection order anyway.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    def rank(item):
        path = item.nodeid.split("::", 1)[0]
        return FIRST.index(path) if path in FIRST else len(FIRST)
    items.sort(key=rank)  # stable: the order within a file or notebook is kept
