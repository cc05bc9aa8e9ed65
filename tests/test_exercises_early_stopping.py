"""Exercise checkers of notebook 06: the reference passes, each classic mistake is named."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

from course_utils.exercises import early_stopping as EE


def stub(*args, **kwargs):
    raise NotImplementedError("write your solution here")


# --------------------------------------------------------------------------- 06
def good_early_stop(dev_errors, patience):
    best, best_i, wait = np.inf, 0, 0
    for t, e in enumerate(dev_errors):
        if e < best:
            best, best_i, wait = e, t, 0
        else:
            wait += 1
            if wait > patience:
                return t, best_i
    return len(dev_errors) - 1, best_i


@pytest.mark.parametrize("kw, phrase", [
    (dict(wait_ge=True), "one record too early"),
    (dict(le=True), "equal value as an improvement"),
    (dict(total=True), "never reset"),
    (dict(vs_previous=True), "previous one"),
])
def test_early_stop_mistakes(kw, phrase):
    fb = EE.check_early_stop(lambda dev_errors, patience: EE._variant(dev_errors, patience, **kw))
    assert not fb.passed and phrase in fb.message, fb.message


def test_early_stop_more_mistakes():
    assert EE.check_early_stop(good_early_stop).passed
    last = EE.check_early_stop(lambda dev_errors, patience: (good_early_stop(dev_errors,
                                                                             patience)[0],) * 2)
    assert "restoring the last parameters" in last.message
    one = EE.check_early_stop(lambda dev_errors, patience: (
        good_early_stop(dev_errors, patience)[0], good_early_stop(dev_errors, patience)[1] + 1))
    assert "1-based" in one.message
    peek = EE.check_early_stop(lambda dev_errors, patience: (
        good_early_stop(dev_errors, patience)[0], int(np.argmin(dev_errors))))
    assert "ignoring where training stopped" in peek.message
    assert EE.check_early_stop(stub).status == "not implemented"


def test_restore_best():
    good = lambda snapshots, dev_errors: snapshots[int(np.argmin(dev_errors))][1]  # noqa: E731
    assert EE.check_restore_best(good).passed
    cases = {
        "last parameters": lambda snapshots, dev_errors: snapshots[-1][1],
        "HIGHEST": lambda snapshots, dev_errors: snapshots[int(np.argmax(dev_errors))][1],
        "one record after": lambda snapshots, dev_errors: snapshots[
            int(np.argmin(dev_errors)) + 1][1],
        "last of several equal": lambda snapshots, dev_errors: snapshots[
            len(dev_errors) - 1 - int(np.argmin(np.asarray(dev_errors)[::-1]))][1],
        "(iteration, params) pair": lambda snapshots, dev_errors: snapshots[
            int(np.argmin(dev_errors))],
    }
    for phrase, fn in cases.items():
        fb = EE.check_restore_best(fn)
        assert not fb.passed and phrase in fb.message, (phrase, fb.message)
    assert EE.check_restore_best(stub).status == "not implemented"


# --------------------------------------------------------------------------- further wrong answers
def early_stop_pops(dev_errors, patience):
    result = good_early_stop(list(dev_errors), patience)
    dev_errors.pop()
    return result


@pytest.mark.parametrize("fn, pattern", [
    (lambda dev_errors, patience: good_early_stop(dev_errors, patience)[::-1],
     r"the returned values are right but in another order: return them as \(stop_index, "
     r"best_index\); yours come as \(best_index, stop_index\)"),
    (lambda dev_errors, patience: (good_early_stop(dev_errors, patience)[0] + 1,
                                   good_early_stop(dev_errors, patience)[1]),
     r"^wrong result on test case 1, in element 1 of the returned tuple, stop_index: expected 5, "
     r"got 6\. Inputs of test case 1: dev_errors = \[0\.5, 0\.3, 0\.2, 0\.25, 0\.22, 0\.21, 0\.3, "
     r"0\.4\]; patience = 2\.$"),
    (lambda dev_errors, patience: good_early_stop(dev_errors, patience)[0],
     r"expected a tuple of 2 values \(stop_index, best_index\), got the number 5"),
    (early_stop_pops, r"changed its argument dev_errors in place \(it was a list of 8 values, "
                      r"now a list of 7 values\)"),
    (lambda dev_errors, patience: (lambda r: (None if r[0] == len(dev_errors) - 1 else r[0],
                                              r[1]))(good_early_stop(dev_errors, patience)),
     r"test case 2, in element 1 of the returned tuple, stop_index: expected the number 5, got "
     r"None"),
])
def test_early_stop_further_wrong_answers_name_the_part(fn, pattern):
    fb = EE.check_early_stop(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(EE.check_early_stop, fn)


def best(snapshots, dev_errors):
    return snapshots[int(np.argmin(dev_errors))][1]


@pytest.mark.parametrize("fn, pattern", [
    (lambda snapshots, dev_errors: snapshots[int(np.argmin(dev_errors))][0],
     r"in the returned params: expected a dict with keys W1, b1, got the number 100"),
    (lambda snapshots, dev_errors: {"W1": best(snapshots, dev_errors)["W1"]},
     r"in the returned params: the key b1 is missing \(expected the keys W1, b1\)"),
    (lambda snapshots, dev_errors: snapshots[0][1],
     r"in the returned params\['W1'\]: 4 of 4 entries differ.* Also different: the returned "
     r"params\['b1'\]\. Inputs of test case 1: snapshots: list of 6 items; dev_errors = \[0\.5, "
     r"0\.3, 0\.2, 0\.25, 0\.2, 0\.3\]\.$"),
    (lambda snapshots, dev_errors: {k: (v.T if k == "W1" else v)
                                    for k, v in best(snapshots, dev_errors).items()},
     r"in the returned params\['W1'\]: the values are right but transposed"),
])
def test_restore_best_further_wrong_answers_name_the_part(fn, pattern):
    fb = EE.check_restore_best(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(EE.check_restore_best, fn)


def test_catalogued_mistakes_and_stubs_through_gettext():
    assert_translated(EE.check_early_stop, lambda dev_errors, patience: EE._variant(
        dev_errors, patience, wait_ge=True))
    assert_translated(EE.check_restore_best, lambda snapshots, dev_errors: snapshots[-1][1])
    for checker in (EE.check_early_stop, EE.check_restore_best):
        assert checker(stub).message.startswith("not implemented yet. Hint: ")
