"""Exercise checkers of notebooks 01/02 recognise right answers and the classic mistakes."""
import numpy as np
import pytest

from course_utils.exercises.bias_variance import (
    check_bias_variance_terms,
    check_diagnosis_labels,
    check_gaps,
)
from course_utils.exercises.splits import check_ci_half_width, check_split_columns


# --------------------------------------------------------------------------- split_columns
def good_split(X, Y, dev_fraction, seed):
    m = X.shape[1]
    perm = np.random.default_rng(seed).permutation(m)
    n_dev = round(dev_fraction * m)
    return X[:, perm[n_dev:]], Y[:, perm[n_dev:]], X[:, perm[:n_dev]], Y[:, perm[:n_dev]]


def no_shuffle(X, Y, dev_fraction, seed):
    n_dev = round(dev_fraction * X.shape[1])
    return X[:, n_dev:], Y[:, n_dev:], X[:, :n_dev], Y[:, :n_dev]


def rows_split(X, Y, dev_fraction, seed):
    perm = np.random.default_rng(seed).permutation(X.shape[0])
    return X[perm[1:]], Y, X[perm[:1]], Y


def flat_y(X, Y, dev_fraction, seed):
    a, b, c, d = good_split(X, Y, dev_fraction, seed)
    return a, b.ravel(), c, d.ravel()


def two_perms(X, Y, dev_fraction, seed):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    px, py = rng.permutation(m), rng.permutation(m)
    return X[:, px[10:]], Y[:, py[10:]], X[:, px[:10]], Y[:, py[:10]]


def overlap(X, Y, dev_fraction, seed):
    rng = np.random.default_rng(seed)
    tr = rng.choice(X.shape[1], 40, replace=False)
    dv = rng.choice(X.shape[1], 10, replace=False)
    return X[:, tr], Y[:, tr], X[:, dv], Y[:, dv]


def unseeded(X, Y, dev_fraction, seed, _state={"n": 0}):
    _state["n"] += 1
    return good_split(X, Y, dev_fraction, _state["n"])


def ignores_seed(X, Y, dev_fraction, seed):
    return good_split(X, Y, dev_fraction, 123)


def stub(*args, **kwargs):
    raise NotImplementedError("write your code here")


@pytest.mark.parametrize("fn, status, phrase", [
    (good_split, "passed", "shuffled, reproducible"),
    (no_shuffle, "failed", "not shuffled"),
    (rows_split, "failed", "split the rows"),
    (flat_y, "failed", "(1, m) layout"),
    (two_perms, "failed", "SAME permutation"),
    (overlap, "failed", "overlap"),
    (unseeded, "failed", "different splits"),
    (ignores_seed, "failed", "same split"),
    (stub, "not implemented", "not implemented yet"),
    (lambda X, Y, f, s: 1 / 0, "failed", "ZeroDivisionError"),
    (lambda X, Y, f, s: (X, Y), "failed", "four arrays"),
    ("not a function", "failed", "expected a function"),
])
def test_check_split_columns(fn, status, phrase):
    fb = check_split_columns(fn)
    assert fb.status == status, str(fb)
    assert phrase in fb.message


def test_split_columns_wrong_size():
    def floor_twice(X, Y, dev_fraction, seed):
        perm = np.random.default_rng(seed).permutation(X.shape[1])
        return X[:, perm[20:]], Y[:, perm[20:]], X[:, perm[:20]], Y[:, perm[:20]]
    fb = check_split_columns(floor_twice)
    assert not fb.passed and "40 train and 10 dev" in fb.message


# --------------------------------------------------------------------------- CI
Z = 1.959963984540054


@pytest.mark.parametrize("fn, status, phrase", [
    (lambda p, n: Z * np.sqrt(p * (1 - p) / n), "passed", "correct on all"),
    (lambda p, n: 1.96 * np.sqrt(p * (1 - p) / n), "passed", "correct on all"),
    (lambda p, n: np.sqrt(p * (1 - p) / n), "failed", "without the factor 1.96"),
    (lambda p, n: 2 * 1.96 * np.sqrt(p * (1 - p) / n), "failed", "full width"),
    (lambda p, n: 1.96 * p * (1 - p) / n, "failed", "square root"),
    (lambda p, n: 1.96 * np.sqrt(p * (1 - p)) / n, "failed", "outside the square root"),
    (lambda p, n: 0.1, "failed", "wrong result on test case 1"),
    (stub, "not implemented", "Hint"),
])
def test_check_ci_half_width(fn, status, phrase):
    fb = check_ci_half_width(fn)
    assert fb.status == status, str(fb)
    assert phrase in fb.message


# --------------------------------------------------------------------------- gaps / labels
@pytest.mark.parametrize("fn, status, phrase", [
    (lambda train_error, dev_error, bayes_error: (train_error - bayes_error, dev_error - train_error),
     "passed", "correct"),
    (lambda train_error, dev_error, bayes_error: (train_error, dev_error - train_error),
     "failed", "ignoring the Bayes error"),
    (lambda train_error, dev_error, bayes_error: (dev_error - train_error, train_error - bayes_error),
     "failed", "swapped"),
    (lambda train_error, dev_error, bayes_error: (train_error - bayes_error, dev_error - bayes_error),
     "failed", "variance from the Bayes error"),
])
def test_check_gaps(fn, status, phrase):
    fb = check_gaps(fn)
    assert fb.status == status, str(fb)
    assert phrase in fb.message


def label(train_error, dev_error, bayes_error):
    hb, hv = train_error - bayes_error > 0.02, dev_error - train_error > 0.02
    if hb and hv:
        return "high bias and high variance"
    if hb:
        return "high bias"
    return "high variance" if hv else "low bias and low variance"


def test_check_diagnosis_labels():
    assert check_diagnosis_labels(label).passed
    fb = check_diagnosis_labels(lambda train_error, dev_error, bayes_error:
                                label(train_error, dev_error, 0.0))
    assert not fb.passed and "ignored the Bayes error" in fb.message
    fb = check_diagnosis_labels(lambda train_error, dev_error, bayes_error: "high bias")
    assert not fb.passed and "expected" in fb.message


# --------------------------------------------------------------------------- bias^2 / variance
def terms(predictions, f_true):
    fbar = predictions.mean(axis=0)
    return np.mean((fbar - f_true) ** 2), np.mean(predictions.var(axis=0))


@pytest.mark.parametrize("fn, status, phrase", [
    (terms, "passed", "correct"),
    (lambda predictions, f_true: (terms(predictions, f_true)[0],
                                  np.mean((predictions - f_true) ** 2)), "failed", "around the truth"),
    (lambda predictions, f_true: (np.mean(predictions.mean(0) - f_true),
                                  terms(predictions, f_true)[1]), "failed", "did not square"),
    (lambda predictions, f_true: (terms(predictions, f_true)[0],
                                  np.mean(predictions.var(axis=0, ddof=1))), "failed", "ddof=1"),
])
def test_check_bias_variance_terms(fn, status, phrase):
    fb = check_bias_variance_terms(fn)
    assert fb.status == status, str(fb)
    assert phrase in fb.message
