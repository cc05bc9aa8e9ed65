"""Exercise checkers of notebook 01 recognise right answers and the classic mistakes, and
explain any other wrong answer by the part that differs."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

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


def shuffled_in_place(X, Y, dev_fraction, seed):
    perm = np.random.default_rng(seed).permutation(X.shape[1])
    X[:] = X[:, perm]
    Y[:] = Y[:, perm]
    n_dev = round(dev_fraction * X.shape[1])
    return X[:, n_dev:], Y[:, n_dev:], X[:, :n_dev], Y[:, :n_dev]


def quarter(X, Y, dev_fraction, seed):
    perm = np.random.default_rng(seed).permutation(X.shape[1])
    n_dev = X.shape[1] // 4
    return X[:, perm[n_dev:]], Y[:, perm[n_dev:]], X[:, perm[:n_dev]], Y[:, perm[:n_dev]]


def dev_labels_flat(X, Y, dev_fraction, seed):
    a, b, c, d = good_split(X, Y, dev_fraction, seed)
    return a, b, c, d.ravel()


def dev_labels_unshuffled(X, Y, dev_fraction, seed):
    a, b, c, d = good_split(X, Y, dev_fraction, seed)
    return a, b, c, Y[:, :10]


@pytest.mark.parametrize("fn, pattern", [
    (shuffled_in_place, r"changed its argument X in place \(\d+ of 150 entries changed"),
    (quarter, r"expected 40 train and 10 dev examples, got 38 and 12"),
    (dev_labels_flat, r"Y_train has shape \(1, 40\) and Y_dev \(10,\)"),
    (dev_labels_unshuffled, r"labels no longer match their examples \(Y_dev is not indexed"),
    (lambda X, Y, f, s: good_split(X, Y, f, s)[:3], r"you returned a tuple of 3 values"),
])
def test_split_columns_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_split_columns(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_split_columns, fn)


@pytest.mark.parametrize("fn, pattern", [
    (lambda p, n: Z * np.sqrt(p * (1 - p) / (n - 1)),
     r"^wrong result on test case 1, in the returned half-width: expected 0\.0588, got 0\.0591\. "
     r"Inputs of test case 1: p = 0\.9; n = 100\.$"),
    (lambda p, n: np.array([Z * np.sqrt(p * (1 - p) / n)]),
     r"in the returned half-width: the value is right, but you returned an array of shape "
     r"\(1,\) instead of a number"),
    (lambda p, n: 1.645 * np.sqrt(p * (1 - p) / n),
     r"in the returned half-width: on all 4 test cases your result is 0\.8393 times the "
     r"expected one"),
    (lambda p, n: None, r"returned None \(did it forget the return statement\?\); expected "
                        r"the number 0\.0588"),
    (lambda p, n: (p - Z * np.sqrt(p * (1 - p) / n), p + Z * np.sqrt(p * (1 - p) / n)),
     r"in the returned half-width: expected the number 0\.0588, got a tuple of 2 values"),
])
def test_ci_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_ci_half_width(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_ci_half_width, fn)


def test_ci_remaining_catalogued_mistake_and_stub():
    fb = check_ci_half_width(lambda p, n: Z * np.sqrt(p * (1 - p)))
    assert "without dividing by n" in fb.message
    fb = check_ci_half_width(stub)
    assert fb.message.startswith("not implemented yet") and str(fb).startswith("[TODO]")
    assert check_split_columns(stub).message.startswith("not implemented yet")
