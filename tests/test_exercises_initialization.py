"""Exercise checkers of notebook 09: correct solutions pass, each classic mistake is named."""
import re

import numpy as np
import pytest

from course_utils.activations import ACTIVATIONS
from course_utils.exercises.initialization import (
    check_he_initialization,
    check_layer_variances,
)


# ------------------------------------------------------------------ He initialization
def he_factory(std_fn, zero_w=False, same_rows=False, bias=0.0, transpose=False, seeded=True):
    def init(layer_dims, seed=0):
        rng = np.random.default_rng(seed if seeded else 123)
        p = {}
        for l in range(1, len(layer_dims)):
            n_prev, n = layer_dims[l - 1], layer_dims[l]
            shape = (n_prev, n) if transpose else (n, n_prev)
            W = rng.standard_normal(shape) * std_fn(n_prev, n)
            if same_rows:
                W = np.tile(rng.standard_normal((1, n_prev)) * std_fn(n_prev, n), (n, 1))
            p[f"W{l}"] = np.zeros(shape) if zero_w else W
            p[f"b{l}"] = np.full((n, 1), bias)
        return p
    return init


def test_he_correct_passes():
    fb = check_he_initialization(he_factory(lambda a, b: np.sqrt(2 / a)))
    assert fb.passed, str(fb)


@pytest.mark.parametrize("impl,match", [
    (he_factory(lambda a, b: np.sqrt(2 / b)), r"used n_l .* instead of n_\(l-1\)"),
    (he_factory(lambda a, b: 2 / a), r"forgot the square root"),
    (he_factory(lambda a, b: 0.0, zero_w=True), r"all zeros: .*\(symmetry is never broken\)"),
    (he_factory(lambda a, b: np.sqrt(1 / a)), r"Xavier"),
    (he_factory(lambda a, b: 1.0), r"plain randn"),
    (he_factory(lambda a, b: 0.01), r"0\.01 \* randn"),
    (he_factory(lambda a, b: np.sqrt(2 / a), same_rows=True), r"rows of W1 are identical"),
    (he_factory(lambda a, b: np.sqrt(2 / a), bias=0.1), r"b1 is not zero"),
    (he_factory(lambda a, b: np.sqrt(2 / a), transpose=True), r"\(transposed\?\)"),
    (he_factory(lambda a, b: np.sqrt(2 / a), seeded=False), r"use the seed argument"),
    (he_factory(lambda a, b: 5.0), r"expected sqrt\(2 / 400\)"),
])
def test_he_mistakes_are_named(impl, match):
    fb = check_he_initialization(impl)
    assert not fb.passed and fb.status == "failed"
    assert re.search(match, str(fb)), str(fb)


def test_he_stub_and_non_function():
    def stub(layer_dims, seed=0):
        raise NotImplementedError("write it")
    assert str(check_he_initialization(stub)).startswith("[TODO]")
    assert "expected a function" in str(check_he_initialization(42))
    assert "return a dict" in str(check_he_initialization(lambda layer_dims, seed=0: [1]))


# ------------------------------------------------------------------ layer variances
def variances(X, params, activation):
    g = ACTIVATIONS[activation].forward
    A, out = X, []
    for l in range(1, len(params) // 2):
        A = g(params[f"W{l}"] @ A + params[f"b{l}"])
        out.append(A.var())
    return np.array(out)


def test_layer_variances():
    assert check_layer_variances(variances).passed
    std = lambda X, params, activation: np.sqrt(variances(X, params, activation))  # noqa: E731
    assert "standard deviation" in str(check_layer_variances(std))

    def no_bias(X, params, activation):
        g = ACTIVATIONS[activation].forward
        A, out = X, []
        for l in range(1, len(params) // 2):
            A = g(params[f"W{l}"] @ A)
            out.append(A.var())
        return np.array(out)
    assert "forgot the bias" in str(check_layer_variances(no_bias))

    def pre(X, params, activation):
        g = ACTIVATIONS[activation].forward
        A, out = X, []
        for l in range(1, len(params) // 2):
            Z = params[f"W{l}"] @ A + params[f"b{l}"]
            out.append(Z.var())
            A = g(Z)
        return np.array(out)
    assert "pre-activation Z" in str(check_layer_variances(pre))
    wrong = lambda X, params, activation: np.zeros(2)  # noqa: E731
    assert "wrong result on test case 1" in str(check_layer_variances(wrong))
