r"""Gradient checking by finite differences (floor 3).

The two-sided difference

.. math::
    d\theta_{approx}[i] = \frac{J(\theta + \varepsilon e_i)
                                 - J(\theta - \varepsilon e_i)}{2\varepsilon}

has error :math:`O(\varepsilon^2)` (the one-sided one :math:`O(\varepsilon)`). The check
compares it with backprop's :math:`d\theta` by

.. math::
    \text{difference} = \frac{\|d\theta_{approx} - d\theta\|_2}
                              {\|d\theta_{approx}\|_2 + \|d\theta\|_2}.

With :math:`\varepsilon = 10^{-7}`: about 1e-7 is great, 1e-5 deserves a closer look,
1e-3 or more is almost certainly a bug. Always in float64.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import (
    as_float_array,
    as_rng,
    check_choice,
    check_keep_probs,
    check_lambd,
    check_positive_float,
    check_XY,
)
from .activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from .nn import (
    backward_unchecked,
    check_params,
    cross_entropy_unchecked,
    forward,
    forward_unchecked,
    l2_penalty_unchecked,
)

__all__ = ["params_to_vector", "vector_to_params", "grads_to_vector", "numerical_gradient",
           "relative_difference", "verdict", "GradCheckReport", "gradient_check",
           "draw_dropout_masks", "THRESHOLDS"]

THRESHOLDS = {"great": 1e-7, "look closer": 1e-5, "bug": 1e-3}
"""The lecture's rules of thumb for ``epsilon = 1e-7``."""


def params_to_vector(params: dict):
    """Flatten ``{"W1", "b1", ..., "WL", "bL"}`` into one vector theta.

    Returns
    -------
    theta : (n_params,) float64
    spec : list of ``(key, shape)`` in order, for :func:`vector_to_params`.
    """
    L = check_params(params)
    keys = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    spec = [(k, np.shape(params[k])) for k in keys]
    return np.concatenate([np.asarray(params[k], dtype=np.float64).ravel() for k in keys]), spec


def vector_to_params(theta, spec) -> dict:
    """Inverse of :func:`params_to_vector` (returns new arrays)."""
    theta = as_float_array(theta, "theta", ndim=1)
    total = sum(int(np.prod(s)) for _, s in spec)
    if theta.size != total:
        raise ValueError(f"theta has {theta.size} entries but spec describes {total}; "
                         f"use the spec returned with this theta by params_to_vector.")
    out, i = {}, 0
    for key, shape in spec:
        n = int(np.prod(shape))
        out[key] = theta[i:i + n].reshape(shape).copy()
        i += n
    return out


def grads_to_vector(grads: dict, spec) -> np.ndarray:
    """Flatten ``{"dW1", "db1", ...}`` in the order of ``spec``: shape (n_params,)."""
    missing = [k for k, _ in spec if "d" + k not in grads]
    if missing:
        raise ValueError(f"grads lacks {['d' + k for k in missing]}; expected keys "
                         f"'dW1', 'db1', ... matching the parameters.")
    return np.concatenate([np.asarray(grads["d" + k], dtype=np.float64).ravel() for k, _ in spec])


def numerical_gradient(f, theta, epsilon: float = 1e-7, method: str = "two-sided") -> np.ndarray:
    """Finite-difference gradient of a scalar function ``f(theta)``.

    Parameters
    ----------
    f : callable ``(n,) -> float``
    theta : (n,) float64 (not modified)
    epsilon : step size > 0
    method : ``"two-sided"`` (error O(eps^2)) or ``"one-sided"`` (O(eps))

    Returns
    -------
    (n,) float64
    """
    theta = as_float_array(theta, "theta", ndim=1)
    epsilon = check_positive_float(epsilon, "epsilon")
    if method not in ("two-sided", "one-sided"):
        raise ValueError(f"Unknown method {method!r}. Valid names: 'two-sided', 'one-sided'.")
    t = theta.copy()
    f0 = f(t) if method == "one-sided" else None
    grad = np.empty_like(t)
    for i in range(t.size):
        old = t[i]
        t[i] = old + epsilon
        f_plus = f(t)
        if method == "two-sided":
            t[i] = old - epsilon
            grad[i] = (f_plus - f(t)) / (2 * epsilon)
        else:
            grad[i] = (f_plus - f0) / epsilon
        t[i] = old
    return grad


def relative_difference(a, b) -> float:
    """``||a - b||_2 / (||a||_2 + ||b||_2)``; 0 when both are zero."""
    a = as_float_array(a, "a").ravel()
    b = as_float_array(b, "b").ravel()
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same number of entries, got {a.size} and "
                         f"{b.size}.")
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if den == 0 else float(np.linalg.norm(a - b) / den)


def verdict(difference: float) -> str:
    """The lecture's reading of a difference measured with ``epsilon = 1e-7``."""
    if difference < 1e-7 * 10:  # "about 1e-7"
        return "great: backprop is almost certainly correct"
    if difference < 1e-3:
        return "look closer: maybe fine, check the components"
    return "bug: backprop is almost certainly wrong"


def draw_dropout_masks(layer_sizes, m: int, keep_probs, seed=None, rng=None) -> list:
    """Draw one set of dropout masks ``[(n_1, m), ..., (n_{L-1}, m)]`` (bool) to hold fixed."""
    gen = as_rng(seed, rng)
    kp = check_keep_probs(keep_probs, len(layer_sizes))
    return [gen.random((n, m)) < p for n, p in zip(layer_sizes, kp)]


@dataclass
class GradCheckReport:
    """Result of :func:`gradient_check`.

    ``difference`` is the overall relative difference; ``per_parameter`` maps each
    key (``"W1"``, ``"b1"``, ...) to its own relative difference; ``suspects`` are
    the keys whose difference exceeds ``threshold``.
    """

    difference: float
    per_parameter: dict
    numerical: np.ndarray
    backprop: np.ndarray
    epsilon: float
    threshold: float

    @property
    def passed(self) -> bool:
        return self.difference < self.threshold

    @property
    def suspects(self) -> list:
        return [k for k, d in self.per_parameter.items() if d > self.threshold]

    @property
    def verdict(self) -> str:
        return verdict(self.difference)

    def table(self) -> str:
        """A fixed-width text table, one row per parameter block."""
        rows = [f"{'param':>6}  {'difference':>11}  status"]
        for k, d in self.per_parameter.items():
            rows.append(f"{k:>6}  {d:11.2e}  {'<-- suspect' if d > self.threshold else 'ok'}")
        rows.append(f"{'all':>6}  {self.difference:11.2e}  {self.verdict}")
        return "\n".join(rows)


def gradient_check(X, Y, params, *, hidden_activation: str = "relu",
                   output_activation: str = "sigmoid", lambd: float = 0.0, keep_probs=None,
                   masks=None, epsilon: float = 1e-7, threshold: float = 1e-5,
                   backprop=None) -> GradCheckReport:
    """Compare backprop's gradients with two-sided finite differences of the cost.

    Parameters
    ----------
    X : (n_x, m) ; Y : (1, m) or (C, m)
    params : the network's parameters (not modified)
    lambd : L2 strength; the checked cost *includes* the L2 term.
    keep_probs, masks : dropout makes J random, so a check needs fixed masks:
        pass ``masks`` (e.g. from :func:`draw_dropout_masks`) with ``keep_probs``.
        ``keep_probs`` without ``masks`` is refused with an explanation.
    epsilon : finite-difference step
    threshold : a block whose difference exceeds this is reported as a suspect
    backprop : optional ``backprop(X, Y, params, caches, AL) -> grads`` to check
        instead of the course's (used to plant bugs); ``caches`` come from
        ``nn.forward`` with the same settings.

    Returns
    -------
    GradCheckReport
    """
    L = check_params(params)
    X, Y = check_XY(X, Y, params["W1"].shape[1], params[f"W{L}"].shape[0])
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    check_choice(output_activation, OUTPUT_ACTIVATIONS, "output_activation")
    lambd = check_lambd(lambd)
    kp = check_keep_probs(keep_probs, L - 1)
    if kp is not None and any(p < 1 for p in kp) and masks is None:
        raise ValueError("Gradient checking does not work with random dropout: every cost "
                         "evaluation would draw new masks, so J is not a fixed function. Turn "
                         "dropout off (keep_probs=None) or fix the masks: masks = "
                         "draw_dropout_masks([n_1, ..., n_{L-1}], m, keep_probs, seed=0).")
    epsilon = check_positive_float(epsilon, "epsilon")
    m = X.shape[1]
    AL, caches = forward(X, params, hidden_activation, output_activation, kp, masks=masks)
    if backprop is None:
        grads = backward_unchecked(AL, Y, caches, params, hidden_activation, lambd)
    else:
        grads = backprop(X, Y, params, caches, AL)
    theta, spec = params_to_vector(params)
    d_backprop = grads_to_vector(grads, spec)

    def J(t):
        p = vector_to_params(t, spec)
        _, c = forward_unchecked(X, p, hidden_activation, output_activation, kp, None, masks)
        return (cross_entropy_unchecked(c[-1].Z, Y, output_activation)
                + l2_penalty_unchecked(p, lambd, m))

    d_approx = numerical_gradient(J, theta, epsilon)
    per, i = {}, 0
    for key, shape in spec:
        n = int(np.prod(shape))
        per[key] = relative_difference(d_approx[i:i + n], d_backprop[i:i + n])
        i += n
    return GradCheckReport(relative_difference(d_approx, d_backprop), per, d_approx,
                           d_backprop, epsilon, threshold)
