"""The order in which pytest-xdist's two workers take the suite (``-n 2 --dist loadfile``).

``loadfile`` keeps each test file and each notebook whole on one worker (a notebook's
nbval cells must run in order in one kernel) and hands the files out in collection
order. The two files that execute every notebook, the browser test and the student
edition, are by far the longest; collected first, they start at once on the two
workers, and the many short files fill in around them. Collected in alphabetical
order, the student edition started last and kept one worker busy for minutes after
the other had finished.

This file sits at the repository's root so that it applies whatever the command runs.
"""
from __future__ import annotations

import pytest

# The longest files, longest first (about 500 s and 300 s of the suite's 1,300 s). The
# browser test goes first so that it starts on a fresh worker: run after other tests in
# the same process, its Playwright (sync API) found an asyncio loop running and failed.
FIRST = ("tests/test_browser.py", "tests/test_student_edition.py")


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
