r"""Exercise checkers of notebook 08 (vanishing / exploding gradients).

1. :func:`check_deep_linear_output`: ``deep_linear_output(x, c, L)`` returns
   :math:`\hat y = W^{[L]} \cdots W^{[1]} x` for :math:`W^{[l]} = c I`, i.e. :math:`c^L x`.
2. :func:`check_gradient_norms`: ``gradient_norms(grads)`` returns the array (L,) of
   :math:`\|dW^{[l]}\|_F` for l = 1..L from a gradient dict of :func:`course_utils.nn.backward`.
"""
from __future__ import annotations

import numpy as np

from ..i18n import N_
from ..initializers import initialize_parameters
from ..nn import backward_unchecked, forward_unchecked
from .base import Feedback, check_function

__all__ = ["check_deep_linear_output", "check_gradient_norms", "deep_linear_cases",
           "gradient_cases"]


def deep_linear_cases() -> list[dict]:
    """Test cases ``(x (n,), c, L)``: growing, shrinking and neutral c."""
    return [{"x": np.array([1.0, 1.0]), "c": 1.5, "L": 10},
            {"x": np.array([2.0, -1.0, 0.5]), "c": 0.5, "L": 7},
            {"x": np.array([3.0]), "c": 1.0, "L": 50},
            {"x": np.array([1.0, 2.0]), "c": 1.2, "L": 1}]


def check_deep_linear_output(deep_linear_output) -> Feedback:
    """Check ``deep_linear_output(x, c, L) -> c**L * x`` (shape of x)."""
    mistakes = [
        (N_("multiplied by c * L instead of c to the power L"),
         lambda x, c, L: c * L * x, N_("Each of the L layers multiplies by c: c ** L.")),
        (N_("used L - 1 factors of c"), lambda x, c, L: c ** (L - 1) * x,
         N_("There are L weight matrices W[1] .. W[L], each contributing one factor c.")),
        (N_("used L + 1 factors of c"), lambda x, c, L: c ** (L + 1) * x,
         N_("The input x is layer 0 and has no weight: L factors of c.")),
        (N_("returned the scale c ** L without multiplying x"), lambda x, c, L: c ** L + 0 * x,
         N_("y_hat is a vector: c ** L * x.")),
        (N_("raised x to the power L"), lambda x, c, L: c * x ** L,
         N_("The weights compound, not the input: c ** L * x.")),
    ]
    return check_function(N_("deep_linear_output"), deep_linear_output, deep_linear_cases(),
                          lambda x, c, L: c ** L * x, mistakes, output_names="y_hat",
                          hint=N_("apply x = c * x (or W @ x with W = c * np.eye(n)) L times."))


def gradient_cases() -> list[dict]:
    """Gradient dicts from one backward pass of small tanh and ReLU networks."""
    cases = []
    for seed, dims, act in ((0, [4, 5, 5, 1], "tanh"), (1, [3, 6, 4, 4, 1], "relu")):
        rng = np.random.default_rng(seed)
        X = rng.standard_normal((dims[0], 16))
        Y = (rng.random((1, 16)) < 0.5).astype(float)
        params = initialize_parameters(dims, "he", rng=rng)
        AL, caches = forward_unchecked(X, params, act, "sigmoid")
        cases.append({"grads": backward_unchecked(AL, Y, caches, params, act)})
    return cases


def _ref_norms(grads):
    L = len(grads) // 2
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])


def check_gradient_norms(gradient_norms) -> Feedback:
    """Check ``gradient_norms(grads) -> array (L,)`` of Frobenius norms of dW1..dWL."""
    mistakes = [
        (N_("returned the squared norms"), lambda grads: _ref_norms(grads) ** 2,
         N_("Take the square root: np.linalg.norm(dW) or np.sqrt(np.sum(dW ** 2)).")),
        (N_("listed the layers from L down to 1"), lambda grads: _ref_norms(grads)[::-1],
         N_("Return layer 1 first: for l in range(1, L + 1).")),
        (N_("included db in the norm"),
         lambda grads: np.array([np.sqrt(np.sum(grads[f"dW{l}"] ** 2)
                                         + np.sum(grads[f"db{l}"] ** 2))
                                 for l in range(1, len(grads) // 2 + 1)]),
         N_("Only the weights: use grads[f'dW{l}'] alone.")),
        (N_("used the spectral norm (largest singular value, ord=2)"),
         lambda grads: np.array([np.linalg.norm(grads[f"dW{l}"], 2)
                                 for l in range(1, len(grads) // 2 + 1)]),
         N_("Use the Frobenius norm: np.linalg.norm(dW) without ord.")),
        (N_("used the largest absolute entry"),
         lambda grads: np.array([np.abs(grads[f"dW{l}"]).max()
                                 for l in range(1, len(grads) // 2 + 1)]),
         N_("Use the Frobenius norm: sqrt of the sum of all squared entries.")),
        (N_("counted the db entries as layers (2L values)"),
         lambda grads: np.array([np.linalg.norm(v) for v in grads.values()]),
         N_("Only the keys dW1 .. dWL: L = len(grads) // 2.")),
    ]
    return check_function(N_("gradient_norms"), gradient_norms, gradient_cases(), _ref_norms,
                          mistakes, output_names=N_("norms"),
                          hint=N_("L = len(grads) // 2; np.array([np.linalg.norm("
                                  "grads[f'dW{l}']) for l in range(1, L + 1)])"))
