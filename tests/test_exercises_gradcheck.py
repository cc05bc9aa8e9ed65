"""Exercise checkers of notebook 10: correct solutions pass, each classic mistake is named."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

from course_utils.exercises.gradcheck import (
    check_cost_with_l2,
    check_numerical_gradient,
    check_two_sided_difference,
)
from course_utils.nn import cross_entropy, forward


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
    assert not fb.passed and "changed its argument theta in place" in str(fb), str(fb)


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


# ------------------------------------------------------------------ further wrong answers
def _two(f, theta, epsilon):
    return (f(theta + epsilon) - f(theta - epsilon)) / (2 * epsilon)


@pytest.mark.parametrize("fn, pattern", [
    (lambda f, theta, epsilon: (f(theta + epsilon / 2) - f(theta - epsilon / 2)) / epsilon,
     r"^wrong result on test case 1, in the returned difference quotient: expected 3\.0001, got "
     r"3\.000025\. Inputs of test case 1: f: the function cube; theta = 1; epsilon = 0\.01\.$"),
    (lambda f, theta, epsilon: f(theta),
     r"in the returned difference quotient: expected 3, got 1"),
    (lambda f, theta, epsilon: -_two(f, theta, epsilon),
     r"in the returned difference quotient: on all 3 test cases your result has the right size "
     r"but the opposite sign"),
    (lambda f, theta, epsilon: np.array([_two(f, theta, epsilon)]),
     r"the value is right, but you returned an array of shape \(1,\) instead of a number"),
])
def test_two_sided_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_two_sided_difference(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_two_sided_difference, fn)


@pytest.mark.parametrize("fn, pattern", [
    (lambda J, theta, epsilon: -grad_ok(J, theta, epsilon),
     r"in the returned grad: every entry has the right size but the opposite sign"),
    (lambda J, theta, epsilon: grad_ok(J, theta, epsilon)[:-1],
     r"^wrong result on test case 1, in the returned grad: expected shape \(5,\), got shape "
     r"\(4,\)\. Inputs of test case 1: J: the function J; theta: array of shape \(5,\); "
     r"epsilon = 0\.0001\.$"),
    (lambda J, theta, epsilon: grad_ok(J, theta, epsilon).reshape(-1, 1),
     r"in the returned grad: the values are right and in the right order, but the shape is "
     r"\(5, 1\) instead of \(5,\)"),
    (lambda J, theta, epsilon: np.where(np.arange(theta.size) == 2, 0.0,
                                        grad_ok(J, theta, epsilon)),
     r"in the returned grad: 1 of 5 entries differs, at \[2\]: expected 0\.7132, got 0"),
    (grad_in_place_restored, r"^the result is right, but your function changed its argument "
                             r"theta in place \(1 of 7 entries changed; the first at \[0\]: it "
                             r"was -1, now -0\.9999999999999999\)\..* test case 2"),
])
def test_numerical_gradient_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_numerical_gradient(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_numerical_gradient, fn)


@pytest.mark.parametrize("fn, pattern", [
    (lambda X, Y, params, lambd: np.array([[cost_ok(X, Y, params, lambd)]]),
     r"in the returned J: the value is right, but you returned an array of shape \(1, 1\) "
     r"instead of a number"),
    (lambda X, Y, params, lambd: cross_entropy(forward(X, params, "tanh")[1][-1].Z, Y)
     + lambd / (2 * X.shape[1]) * sum(np.sum(params[k] ** 2) for k in params if k[0] == "W"),
     r"^wrong result on test case 1, in the returned J: expected 2\.328, got 1\.898\. Inputs of "
     r"test case 1: X: array of shape \(3, 8\); Y: array of shape \(1, 8\); params: dict of W1 "
     r"\(4, 3\), b1 \(4, 1\), W2 \(1, 4\), b2 \(1, 1\); lambd = 0\.7\.$"),
    (lambda X, Y, params, lambd: cross_entropy(forward(X, params)[1][-1].Z, Y)
     + lambd / (2 * X.shape[0]) * sum(np.sum(params[k] ** 2) for k in params if k[0] == "W"),
     r"in the returned J: expected 2\.328, got 4\.427"),
    (lambda X, Y, params, lambd: (cost_ok(X, Y, params, lambd), lambd),
     r"in the returned J: expected the number 2\.328, got a tuple of 2 values"),
])
def test_cost_with_l2_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_cost_with_l2(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_cost_with_l2, fn)


def test_remaining_catalogued_mistakes_and_stubs():
    back = check_two_sided_difference(lambda f, theta, epsilon: (f(theta) - f(theta - epsilon))
                                      / epsilon)
    assert "backward one-sided difference" in back.message
    assert_translated(check_two_sided_difference, lambda f, theta, epsilon: (
        f(theta + epsilon) - f(theta)) / epsilon)

    def no_m(X, Y, params, lambd):
        return cross_entropy(forward(X, params)[1][-1].Z, Y) + lambd / 2 * sum(
            np.sum(params[k] ** 2) for k in params if k.startswith("W"))
    assert "forgot to divide by m" in str(check_cost_with_l2(no_m))

    def norm_not_squared(X, Y, params, lambd):
        return cross_entropy(forward(X, params)[1][-1].Z, Y) + lambd / (2 * X.shape[1]) * sum(
            np.linalg.norm(params[k]) for k in params if k.startswith("W"))
    assert "instead of its square" in str(check_cost_with_l2(norm_not_squared))

    def stub(*args, **kwargs):
        raise NotImplementedError
    for checker in (check_two_sided_difference, check_numerical_gradient, check_cost_with_l2):
        assert checker(stub).message.startswith("not implemented yet. Hint: ")
        assert_translated(checker, stub)
