"""Exercise checkers of notebook 07: correct solutions pass, classic mistakes are named."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

from course_utils.exercises.normalization import (
    check_largest_stable_lr,
    check_normalize,
)


def _std(X, axis=1, ddof=0):
    return X.mean(axis=axis, keepdims=True), X.std(axis=axis, keepdims=True, ddof=ddof)


def good_normalize(X_train, X_test):
    mu, sd = _std(X_train)
    return (X_train - mu) / sd, (X_test - mu) / sd


NORMALIZE_MISTAKES = [
    (lambda a, b: ((a - _std(a)[0]) / _std(a)[1] ** 2, (b - _std(a)[0]) / _std(a)[1] ** 2),
     "divided by the variance"),
    (lambda a, b: ((a - _std(a)[0]) / _std(a)[1], (b - _std(b)[0]) / _std(b)[1]),
     "test set with its own mean"),
    (lambda a, b: tuple((x - _std(np.hstack([a, b]))[0]) / _std(np.hstack([a, b]))[1]
                        for x in (a, b)), "train and test together"),
    (lambda a, b: (a - _std(a)[0], b - _std(a)[0]), "only subtracted the mean"),
    (lambda a, b: (a / _std(a)[1], b / _std(a)[1]), "without subtracting the mean"),
    (lambda a, b: ((a - _std(a, 0)[0]) / _std(a, 0)[1], (b - _std(b, 0)[0]) / _std(b, 0)[1]),
     "per example \\(axis=0\\)"),
    (lambda a, b: ((a - _std(a)[0]) / _std(a, ddof=1)[1], (b - _std(a)[0]) / _std(a, ddof=1)[1]),
     "ddof=1"),
]


def test_normalize_correct_passes():
    fb = check_normalize(good_normalize)
    assert fb.passed and "correct on all 2 test cases" in str(fb)


@pytest.mark.parametrize("wrong, match", NORMALIZE_MISTAKES)
def test_normalize_mistakes_are_named(wrong, match):
    fb = check_normalize(lambda X_train, X_test: wrong(X_train, X_test))
    assert not fb.passed and fb.status == "failed"
    assert re.search(match, fb.message), fb.message


def test_normalize_stub_and_unknown_error():
    def stub(X_train, X_test):
        raise NotImplementedError("write me")
    fb = check_normalize(stub)
    assert fb.status == "not implemented" and str(fb).startswith("[TODO] normalize")
    fb = check_normalize(lambda X_train, X_test: (X_train, X_test))
    assert not fb.passed and "wrong result on test case 1" in fb.message
    assert check_normalize(42).message.startswith("expected a function")


def test_largest_stable_lr():
    assert check_largest_stable_lr(lambda X: 2 / np.linalg.eigvalsh(X @ X.T / X.shape[1])[-1])
    def H(X):
        return X @ X.T / X.shape[1]

    cases = [(lambda X: 1 / np.linalg.eigvalsh(H(X))[-1], "1 / lambda_max"),
             (lambda X: 2 / np.linalg.eigvalsh(H(X))[0], "smallest eigenvalue"),
             (lambda X: 2 / np.linalg.eigvalsh(X @ X.T)[-1], "forgot to divide X X\\^T by m"),
             (lambda X: 2 / np.max(np.diag(H(X))), "largest variance on the diagonal"),
             (lambda X: 2 / np.trace(H(X)), "trace of H")]
    for wrong, match in cases:
        fb = check_largest_stable_lr(wrong)
        assert not fb.passed and re.search(match, fb.message), fb.message


# --------------------------------------------------------------------------- further wrong answers
def normalize_in_place(X_train, X_test):
    mu, sd = _std(X_train)
    X_train -= mu
    X_train /= sd
    return X_train, (X_test - mu) / sd


def min_max(X_train, X_test):
    lo, hi = X_train.min(axis=1, keepdims=True), X_train.max(axis=1, keepdims=True)
    return (X_train - lo) / (hi - lo), (X_test - lo) / (hi - lo)


@pytest.mark.parametrize("fn, pattern", [
    (lambda X_train, X_test: tuple(x.T for x in good_normalize(X_train, X_test)),
     r"in element 1 of the returned tuple, X_train_norm: the values are right but transposed: "
     r"expected shape \(2, 50\), got \(50, 2\).* Also different: element 2 of the returned "
     r"tuple, X_test_norm\."),
    (normalize_in_place, r"^the result is right, but your function changed its argument X_train "
                         r"in place \(100 of 100 entries changed"),
    (lambda X_train, X_test: good_normalize(X_train, X_test)[0],
     r"in the returned value: expected a tuple of 2 values \(X_train_norm, X_test_norm\), got an "
     r"array of shape \(2, 50\) \(float64\)"),
    (min_max, r"^wrong result on test case 1, in element 1 of the returned tuple, X_train_norm: "
              r"100 of 100 entries differ; the first at \[0, 0\]: expected 0\.3321, got "
              r"0\.5574.* Inputs of test case 1: X_train: array of shape \(2, 50\); X_test: "
              r"array of shape \(2, 8\)\.$"),
    (lambda X_train, X_test: (good_normalize(X_train, X_test)[0],
                              good_normalize(X_train, X_test)[1][:, :-1]),
     r"in element 2 of the returned tuple, X_test_norm: expected shape \(2, 8\), got shape "
     r"\(2, 7\)"),
])
def test_normalize_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_normalize(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_normalize, fn)


def _H(X):
    return X @ X.T / X.shape[1]


@pytest.mark.parametrize("fn, pattern", [
    (lambda X: 1 / np.linalg.eigvalsh(_H(X))[-1] / 2,
     r"in the returned learning rate: on all 2 test cases your result is 0\.25 times the "
     r"expected one"),
    (lambda X: 2 / np.linalg.eigvalsh(_H(X)),
     r"in the returned learning rate: expected a number, got an array of shape \(2,\)"),
    (lambda X: 2 / np.linalg.eigvalsh(np.cov(X, bias=True))[-1],
     r"^wrong result on test case 1, in the returned learning rate: expected 0\.006351, got "
     r"0\.006508\. Inputs of test case 1: X: array of shape \(2, 40\)\.$"),
    (lambda X: np.array([[2 / np.linalg.eigvalsh(_H(X))[-1]]]),
     r"the value is right, but you returned an array of shape \(1, 1\) instead of a number"),
])
def test_lr_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_largest_stable_lr(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_largest_stable_lr, fn)


def test_catalogued_mistakes_and_stubs_through_gettext():
    for wrong, _match in NORMALIZE_MISTAKES:
        assert_translated(check_normalize, lambda X_train, X_test, f=wrong: f(X_train, X_test))
    assert_translated(check_largest_stable_lr, lambda X: 2 / np.trace(_H(X)))

    def stub(X):
        raise NotImplementedError
    assert check_largest_stable_lr(stub).message.startswith("not implemented yet. Hint: ")
