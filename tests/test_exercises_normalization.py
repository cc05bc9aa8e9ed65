"""Exercise checkers of notebook 07: correct solutions pass, classic mistakes are named."""
import re

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from course_utils.exercises.normalization import (
    check_largest_stable_lr,
    check_normalize,
)


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    """Tiny matrices: one BLAS thread (several threads on a loaded 2-core machine are ~50x slower)."""
    with threadpool_limits(1):
        yield


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
    H = lambda X: X @ X.T / X.shape[1]
    cases = [(lambda X: 1 / np.linalg.eigvalsh(H(X))[-1], "1 / lambda_max"),
             (lambda X: 2 / np.linalg.eigvalsh(H(X))[0], "smallest eigenvalue"),
             (lambda X: 2 / np.linalg.eigvalsh(X @ X.T)[-1], "forgot to divide X X\\^T by m"),
             (lambda X: 2 / np.max(np.diag(H(X))), "largest variance on the diagonal"),
             (lambda X: 2 / np.trace(H(X)), "trace of H")]
    for wrong, match in cases:
        fb = check_largest_stable_lr(wrong)
        assert not fb.passed and re.search(match, fb.message), fb.message
