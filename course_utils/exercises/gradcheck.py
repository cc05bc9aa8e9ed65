"""Exercise checkers of notebook 10 (gradient checking).

* :func:`check_two_sided_difference`: ``two_sided_difference(f, theta, epsilon) -> float``
* :func:`check_numerical_gradient`: ``numerical_gradient(J, theta, epsilon) -> (n,)``
* :func:`check_cost_with_l2`: ``cost_with_l2(X, Y, params, lambd) -> float``

Each recognises the classic mistakes: a one-sided difference, a forgotten
factor 2, a theta_i not restored (or theta modified in place), all components
perturbed at once, and a cost that forgets (or mangles) the L2 term.
"""
from __future__ import annotations

import numpy as np

from ..i18n import N_
from ..nn import cross_entropy_unchecked, forward_unchecked
from .base import Feedback, check_function

__all__ = ["check_two_sided_difference", "check_numerical_gradient", "check_cost_with_l2"]

_EX_1D = N_("Two-sided difference")
_EX_VEC = N_("Numerical gradient")
_EX_L2 = N_("Cost with the L2 term")


# --------------------------------------------------------------------------- 1-D
def _cube(t):
    return t ** 3


def _ref_two(f, theta, epsilon):
    return (f(theta + epsilon) - f(theta - epsilon)) / (2 * epsilon)


def check_two_sided_difference(two_sided_difference) -> Feedback:
    """Check ``two_sided_difference(f, theta, epsilon)`` = (f(θ+ε) − f(θ−ε)) / (2ε)."""
    cases = [{"f": _cube, "theta": 1.0, "epsilon": 0.01},
             {"f": np.sin, "theta": 0.3, "epsilon": 1e-3},
             {"f": np.exp, "theta": 2.0, "epsilon": 0.05}]
    mistakes = [
        (N_("used the one-sided difference (f(θ+ε) − f(θ)) / ε"),
         lambda f, theta, epsilon: (f(theta + epsilon) - f(theta)) / epsilon,
         N_("Use both sides: (f(θ+ε) − f(θ−ε)) / (2ε); its error is O(ε²), not O(ε).")),
        (N_("used the backward one-sided difference (f(θ) − f(θ−ε)) / ε"),
         lambda f, theta, epsilon: (f(theta) - f(theta - epsilon)) / epsilon,
         N_("Use both sides: (f(θ+ε) − f(θ−ε)) / (2ε).")),
        (N_("forgot the factor 2 in the denominator"),
         lambda f, theta, epsilon: (f(theta + epsilon) - f(theta - epsilon)) / epsilon,
         N_("the two points are 2ε apart: divide by 2 * epsilon.")),
        (N_("forgot to divide by epsilon"),
         lambda f, theta, epsilon: (f(theta + epsilon) - f(theta - epsilon)) / 2,
         N_("divide by 2 * epsilon, the distance between the two points.")),
    ]
    return check_function(_EX_1D, two_sided_difference, cases, _ref_two, mistakes,
                          output_names=N_("difference quotient"),
                          hint=N_("return (f(theta + epsilon) - f(theta - epsilon)) "
                                  "/ (2 * epsilon)"))


# --------------------------------------------------------------------------- vector
def _J(t):
    """A coupled test cost: sum(t^3)/3 + sum(sin(t) * roll(t, 1))."""
    t = np.asarray(t, dtype=float)
    return float(np.sum(t ** 3) / 3 + np.sum(np.sin(t) * np.roll(t, 1)))


def _ref_grad(J, theta, epsilon):
    t = np.array(theta, dtype=float)
    g = np.empty_like(t)
    for i in range(t.size):
        old = t[i]
        t[i] = old + epsilon
        jp = J(t)
        t[i] = old - epsilon
        g[i] = (jp - J(t)) / (2 * epsilon)
        t[i] = old
    return g


def _no_restore(J, theta, epsilon):
    t = np.array(theta, dtype=float)
    g = np.empty_like(t)
    for i in range(t.size):
        t[i] += epsilon
        jp = J(t)
        t[i] -= 2 * epsilon
        g[i] = (jp - J(t)) / (2 * epsilon)
    return g


def _one_sided(J, theta, epsilon):
    t = np.array(theta, dtype=float)
    j0, g = J(t), np.empty_like(t)
    for i in range(t.size):
        tp = t.copy()
        tp[i] += epsilon
        g[i] = (J(tp) - j0) / epsilon
    return g


def _no_two(J, theta, epsilon):
    return 2 * _ref_grad(J, theta, epsilon)


def _all_at_once(J, theta, epsilon):
    t = np.array(theta, dtype=float)
    d = (J(t + epsilon) - J(t - epsilon)) / (2 * epsilon)
    return np.full(t.shape, d)


def check_numerical_gradient(numerical_gradient) -> Feedback:
    """Check ``numerical_gradient(J, theta, epsilon) -> (n,)``, two-sided, theta left unchanged."""
    theta = np.array([0.5, -1.2, 0.8, 2.0, -0.3])
    cases = [{"J": _J, "theta": theta, "epsilon": 1e-4},
             {"J": _J, "theta": np.linspace(-1, 1, 7), "epsilon": 1e-3}]
    mistakes = [
        (N_("did not restore theta_i after perturbing it, so later components are evaluated at "
            "a shifted theta"), _no_restore,
         N_("save old = theta[i], and put theta[i] = old back before moving on to i + 1 (or "
            "work on copies: theta_plus = theta.copy()).")),
        (N_("used a one-sided difference"), _one_sided,
         N_("use (J(θ + ε e_i) − J(θ − ε e_i)) / (2ε): error O(ε²) instead of O(ε).")),
        (N_("forgot the factor 2 in the denominator"), _no_two, N_("divide by 2 * epsilon.")),
        (N_("perturbed all components at once"), _all_at_once,
         N_("perturb one component at a time: theta_plus[i] += epsilon only.")),
    ]
    # a theta changed in place is reported by check_function (arguments are compared
    # before and after every call), also when the gradient itself is right
    return check_function(_EX_VEC, numerical_gradient, cases, _ref_grad, mistakes,
                          hint=N_("for each i: perturb theta[i] by +eps and -eps (on a copy), "
                                  "take the two-sided difference, restore theta[i]."),
                          rtol=1e-6, atol=1e-9, output_names="grad")


# --------------------------------------------------------------------------- cost with L2
def _data_cost(X, Y, params):
    caches = forward_unchecked(X, params, "relu", "sigmoid")[1]
    return cross_entropy_unchecked(caches[-1].Z, Y, "sigmoid")


def _w2(params, with_b=False):
    return sum(float(np.sum(v ** 2)) for k, v in params.items()
               if k.startswith("W") or (with_b and k.startswith("b")))


def _ref_cost(X, Y, params, lambd):
    return _data_cost(X, Y, params) + lambd / (2 * X.shape[1]) * _w2(params)


def _l2_cases():
    rng = np.random.default_rng(3)
    cases = []
    for dims, m, lambd in (([3, 4, 1], 8, 0.7), ([2, 5, 3, 1], 12, 0.1)):
        params = {}
        for l in range(1, len(dims)):
            params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
            params[f"b{l}"] = 0.5 * rng.standard_normal((dims[l], 1))
        cases.append({"X": rng.standard_normal((dims[0], m)),
                      "Y": (rng.random((1, m)) > 0.5).astype(float),
                      "params": params, "lambd": lambd})
    return cases


def check_cost_with_l2(cost_with_l2) -> Feedback:
    r"""Check ``cost_with_l2(X, Y, params, lambd)`` = cross-entropy + (λ / 2m) Σ_l ||W_l||_F².

    The network is ReLU with a sigmoid output (``course_utils.nn.forward``).
    """
    mistakes = [
        (N_("forgot the L2 term"), lambda X, Y, params, lambd: _data_cost(X, Y, params),
         N_("the checked J must be the J whose gradient backprop computes: add "
            "lambd / (2 m) * sum of np.sum(W ** 2) over the layers.")),
        (N_("forgot the 1/2 in lambd / (2m)"), lambda X, Y, params, lambd:
         _data_cost(X, Y, params) + lambd / X.shape[1] * _w2(params),
         N_("the term is lambd / (2 m) * sum ||W||²: its gradient is then (lambd / m) W.")),
        (N_("regularized the biases too"), lambda X, Y, params, lambd:
         _data_cost(X, Y, params) + lambd / (2 * X.shape[1]) * _w2(params, with_b=True),
         N_("only the weights W are regularized, not b.")),
        (N_("forgot to divide by m"), lambda X, Y, params, lambd:
         _data_cost(X, Y, params) + lambd / 2 * _w2(params),
         N_("the term is lambd / (2 m) * sum ||W||², with m = X.shape[1].")),
        (N_("used the norm ||W|| instead of its square"), lambda X, Y, params, lambd:
         _data_cost(X, Y, params) + lambd / (2 * X.shape[1]) *
         sum(float(np.linalg.norm(v)) for k, v in params.items() if k.startswith("W")),
         N_("square it: np.sum(W ** 2).")),
    ]
    return check_function(_EX_L2, cost_with_l2, _l2_cases(), _ref_cost, mistakes, output_names="J",
                          hint=N_("cross_entropy(ZL, Y) + lambd / (2 * m) * sum(np.sum(W ** 2))."))
