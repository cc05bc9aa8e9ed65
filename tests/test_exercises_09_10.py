"""Exercise checkers of notebooks 09 and 10: correct solutions pass, each classic mistake is named."""
import re

import numpy as np
import pytest

from course_utils.activations import ACTIVATIONS
from course_utils.exercises.gradcheck import (check_cost_with_l2, check_numerical_gradient,
                                              check_two_sided_difference)
from course_utils.exercises.initialization import check_he_initialization, check_layer_variances
from course_utils.nn import cross_entropy, forward


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


# ------------------------------------------------------------------ two-sided difference
def test_two_sided():
    ok = lambda f, theta, epsilon: (f(theta + epsilon) - f(theta - epsilon)) / (2 * epsilon)  # noqa
    assert check_two_sided_difference(ok).passed
    one = lambda f, theta, epsilon: (f(theta + epsilon) - f(theta)) / epsilon  # noqa: E731
    assert "one-sided difference" in str(check_two_sided_difference(one))
    no2 = lambda f, theta, epsilon: (f(theta + epsilon) - f(theta - epsilon)) / epsilon  # noqa
    assert "factor 2" in str(check_two_sided_difference(no2))
    noeps = lambda f, theta, epsilon: (f(theta + epsilon) - f(theta - epsilon)) / 2  # noqa
    assert "divide by epsilon" in str(check_two_sided_difference(noeps))

    def stub(f, theta, epsilon):
        raise NotImplementedError
    assert str(check_two_sided_difference(stub)).startswith("[TODO]")


# ------------------------------------------------------------------ numerical gradient
def grad_ok(J, theta, epsilon):
    t = np.array(theta, dtype=float)
    g = np.zeros_like(t)
    for i in range(t.size):
        tp, tm = t.copy(), t.copy()
        tp[i] += epsilon
        tm[i] -= epsilon
        g[i] = (J(tp) - J(tm)) / (2 * epsilon)
    return g


def grad_no_restore_in_place(J, theta, epsilon):
    g = np.zeros_like(theta)
    for i in range(theta.size):
        theta[i] += epsilon
        jp = J(theta)
        theta[i] -= 2 * epsilon
        g[i] = (jp - J(theta)) / (2 * epsilon)
    return g


def grad_in_place_restored(J, theta, epsilon):
    g = np.zeros_like(theta)
    for i in range(theta.size):
        theta[i] += epsilon
        jp = J(theta)
        theta[i] -= 2 * epsilon
        g[i] = (jp - J(theta)) / (2 * epsilon)
        theta[i] += epsilon + 0.5  # leaves the caller's theta changed
        theta[i] -= 0.5
    return g


def test_numerical_gradient():
    assert check_numerical_gradient(grad_ok).passed
    assert "did not restore theta_i" in str(check_numerical_gradient(grad_no_restore_in_place))
    assert "one-sided" in str(check_numerical_gradient(
        lambda J, theta, epsilon: np.array([(J(theta + epsilon * e) - J(theta)) / epsilon
                                            for e in np.eye(theta.size)])))
    assert "factor 2" in str(check_numerical_gradient(
        lambda J, theta, epsilon: 2 * grad_ok(J, theta, epsilon)))
    assert "all components at once" in str(check_numerical_gradient(
        lambda J, theta, epsilon: np.full(theta.shape, (J(theta + epsilon) - J(theta - epsilon))
                                          / (2 * epsilon))))


def test_numerical_gradient_that_mutates_theta_is_caught():
    def mutating(J, theta, epsilon):
        g = grad_ok(J, theta, epsilon)
        theta += 1e-3
        return g
    fb = check_numerical_gradient(mutating)
    assert not fb.passed and "changed the caller's theta in place" in str(fb)


# ------------------------------------------------------------------ cost with L2
def cost_ok(X, Y, params, lambd):
    AL, caches = forward(X, params, "relu", "sigmoid")
    m = X.shape[1]
    w2 = sum(np.sum(params[k] ** 2) for k in params if k.startswith("W"))
    return cross_entropy(caches[-1].Z, Y) + lambd / (2 * m) * w2


def test_cost_with_l2():
    assert check_cost_with_l2(cost_ok).passed

    def no_l2(X, Y, params, lambd):
        return cross_entropy(forward(X, params)[1][-1].Z, Y)
    assert "forgot the L2 term" in str(check_cost_with_l2(no_l2))

    def with_b(X, Y, params, lambd):
        m = X.shape[1]
        return no_l2(X, Y, params, lambd) + lambd / (2 * m) * sum(np.sum(v ** 2)
                                                                  for v in params.values())
    assert "regularized the biases" in str(check_cost_with_l2(with_b))

    def no_half(X, Y, params, lambd):
        m = X.shape[1]
        return no_l2(X, Y, params, lambd) + lambd / m * sum(
            np.sum(params[k] ** 2) for k in params if k.startswith("W"))
    assert "forgot the 1/2" in str(check_cost_with_l2(no_half))
