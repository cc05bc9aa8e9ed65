"""Exercise checkers of notebook 06: the reference passes, each classic mistake is named."""
import numpy as np
import pytest

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
