"""Exercise checkers of notebook 09: correct solutions pass, each classic mistake is named."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

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


# ------------------------------------------------------------------ further wrong answers
def he_keys_from_zero(layer_dims, seed=0):
    p = he_factory(lambda a, b: np.sqrt(2 / a))(layer_dims, seed)
    return {k[0] + str(int(k[1:]) - 1): v for k, v in p.items()}


def he_flat_bias(layer_dims, seed=0):
    p = he_factory(lambda a, b: np.sqrt(2 / a))(layer_dims, seed)
    return {k: (v.ravel() if k.startswith("b") else v) for k, v in p.items()}


def he_uniform(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", rng.random((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def he_appends(layer_dims, seed=0):
    p = he_factory(lambda a, b: np.sqrt(2 / a))(layer_dims, seed)
    layer_dims.append(1)
    return p


@pytest.mark.parametrize("impl, match", [
    (he_keys_from_zero, r"expected the keys W1, b1, W2, b2, W3, b3, got W0, b0, W1, b1, W2, b2 "
                        r"\(missing: W3, b3; not expected: W0, b0\)"),
    (he_flat_bias, r"b1 has shape \(100,\), expected \(100, 1\)"),
    (he_uniform, r"W1 has mean 0\.0354, far from 0"),
    (he_factory(lambda a, b: 3 * np.sqrt(2 / a)),
     r"W1 has std 0\.213, expected sqrt\(2 / 400\) = 0\.0707 \(about 3 times too large\)"),
    (he_factory(lambda a, b: np.sqrt(2 / a) / 4),
     r"W1 has std 0\.0177, expected sqrt\(2 / 400\) = 0\.0707 \(about 4 times too small\)"),
    (he_appends, r"changed its argument layer_dims in place \(it was a list of 4 values, now a "
                 r"list of 5 values\)"),
    (lambda layer_dims, seed=0: (he_factory(lambda a, b: np.sqrt(2 / a))(layer_dims, seed),),
     r"return a dict \{'W1': \.\.\., 'b1': \.\.\.\}, got a tuple of 1 value"),
])
def test_he_further_wrong_answers_name_the_part(impl, match):
    fb = check_he_initialization(impl)
    assert fb.status == "failed" and re.search(match, fb.message), fb.message
    assert_translated(check_he_initialization, impl)


def test_he_catalogued_mistakes_through_gettext():
    assert_translated(check_he_initialization, he_factory(lambda a, b: np.sqrt(2 / b)))
    assert_translated(check_he_initialization, he_factory(lambda a, b: np.sqrt(2 / a),
                                                          transpose=True))


def relu_variances(X, params, activation):
    return variances(X, params, "relu")


@pytest.mark.parametrize("fn, pattern", [
    (relu_variances, r"^wrong result on test case 2, in the returned variances: 2 of 2 entries "
                     r"differ; the first at \[0\]: expected 0\.4802, got 0\.6453.* Inputs of "
                     r"test case 2: X: array of shape \(5, 30\); params: dict of W1 \(9, 5\), b1 "
                     r"\(9, 1\), W2 \(4, 9\), b2 \(4, 1\), W3 \(1, 4\), b3 \(1, 1\); activation = "
                     r"'tanh'\.$"),
    (lambda X, params, activation: np.concatenate([[X.var()], variances(X, params, activation)]),
     r"in the returned variances: expected shape \(3,\), got shape \(4,\)"),
    (lambda X, params, activation: {f"A{l + 1}": v for l, v in enumerate(
        variances(X, params, activation))},
     r"in the returned variances: expected an array of shape \(3,\) \(float64\), got a dict"),
    (lambda X, params, activation: variances(X, params, activation) / 2,
     r"in the returned variances: every entry is 0\.5 times the expected one"),
])
def test_variances_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_layer_variances(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_layer_variances, fn)


def test_variances_remaining_catalogued_mistakes_and_stub():
    def with_output(X, params, activation):
        g = ACTIVATIONS[activation].forward
        A, out = X, []
        for l in range(1, len(params) // 2 + 1):
            A = g(params[f"W{l}"] @ A + params[f"b{l}"])
            out.append(A.var())
        return np.array(out)
    assert "included the output layer" in str(check_layer_variances(with_output))

    def per_unit(X, params, activation):
        g = ACTIVATIONS[activation].forward
        A, out = X, []
        for l in range(1, len(params) // 2):
            A = g(params[f"W{l}"] @ A + params[f"b{l}"])
            out.append(A.var(axis=1).mean())
        return np.array(out)
    assert "per-unit variances" in str(check_layer_variances(per_unit))

    def stub(X, params, activation):
        raise NotImplementedError
    assert check_layer_variances(stub).message.startswith("not implemented yet. Hint: ")
