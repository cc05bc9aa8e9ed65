"""Exercise checkers of notebook 10: correct solutions pass, each classic mistake is named."""

import numpy as np

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
