"""Activation functions as forward/backward pairs, in registries (floor 2).

Each entry of :data:`ACTIVATIONS` (hidden layers) is an :class:`Activation`
with ``forward(Z) -> A`` and ``backward(dA, Z, A) -> dZ``; all arrays have the
layer's shape ``(n_l, m)``. Output activations (:data:`OUTPUT_ACTIVATIONS`) are
always paired with the cross-entropy cost, so their backward pass is the
famous ``dZ = A - Y`` computed in :func:`course_utils.nn.backward`.

Everything is numerically stable: no overflow warnings for large ``|z|``.

The same formulas written into preallocated arrays (:data:`INPLACE_ACTIVATIONS`,
:data:`INPLACE_OUTPUTS`, :func:`inplace_activation`) serve the batched trainer
:mod:`course_utils.train_batched`; learners can skip them.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

__all__ = ["Activation", "ACTIVATIONS", "OUTPUT_ACTIVATIONS",
           "sigmoid", "relu", "tanh", "linear", "leaky_relu", "softmax",
           "INPLACE_ACTIVATIONS", "INPLACE_OUTPUTS", "inplace_activation"]


class Activation(NamedTuple):
    """A named activation: ``forward(Z) -> A`` and ``backward(dA, Z, A) -> dZ``."""

    name: str
    forward: Callable[[np.ndarray], np.ndarray]
    backward: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
    formula: str


def sigmoid(Z: np.ndarray) -> np.ndarray:
    r"""Logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})`, stable for any ``z``.

    Computed as :math:`\tfrac12(1 + \tanh(z/2))`, an identity that never overflows
    (``exp(-z)`` does for ``z < -709``) and costs no more than the naive formula.

    Parameters
    ----------
    Z : ndarray, shape (n, m)

    Returns
    -------
    ndarray, shape (n, m), values in [0, 1].
    """
    return 0.5 * (1.0 + np.tanh(0.5 * Z))


def relu(Z: np.ndarray) -> np.ndarray:
    """Rectified linear unit ``max(0, z)``; shape preserved."""
    return np.maximum(Z, 0.0)


def tanh(Z: np.ndarray) -> np.ndarray:
    """Hyperbolic tangent; shape preserved."""
    return np.tanh(Z)


def linear(Z: np.ndarray) -> np.ndarray:
    """Identity ``g(z) = z`` (a linear network); returns ``Z`` itself."""
    return Z


def leaky_relu(Z: np.ndarray, slope: float = 0.01) -> np.ndarray:
    """``max(slope * z, z)``; shape preserved."""
    return np.where(Z > 0, Z, slope * Z)


def softmax(Z: np.ndarray) -> np.ndarray:
    r"""Column-wise softmax :math:`e^{z_k} / \sum_j e^{z_j}`, stable (max subtracted).

    Parameters
    ----------
    Z : ndarray, shape (C, m)

    Returns
    -------
    ndarray, shape (C, m); every column sums to 1.
    """
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


ACTIVATIONS: dict[str, Activation] = {
    "relu": Activation("relu", relu, lambda dA, Z, A: dA * (Z > 0), r"\max(0, z)"),
    "tanh": Activation("tanh", tanh, lambda dA, Z, A: dA * (1.0 - A * A), r"\tanh(z)"),
    "sigmoid": Activation("sigmoid", sigmoid, lambda dA, Z, A: dA * A * (1.0 - A),
                          r"1 / (1 + e^{-z})"),
    "linear": Activation("linear", linear, lambda dA, Z, A: dA, "z"),
    "leaky_relu": Activation("leaky_relu", leaky_relu,
                             lambda dA, Z, A: np.where(Z > 0, dA, 0.01 * dA),
                             r"\max(0.01 z, z)"),
}
"""Hidden-layer activations by name."""

OUTPUT_ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, lambda dA, Z, A: dA * A * (1.0 - A),
                          r"1 / (1 + e^{-z})"),
    "softmax": Activation("softmax", softmax, None, r"e^{z_k} / \sum_j e^{z_j}"),
}
"""Output activations by name; both are paired with cross-entropy (``dZ = A - Y``)."""


# --------------------------------------------------------------------------- in place
# Used by course_utils.train_batched.
# The formulas of ACTIVATIONS (the same operations in the same order, so the same
# bits; tests/test_core_train_batched.py checks it), written into preallocated arrays:
# with K stacked networks every temporary is large, and allocating it at every
# step costs more than the arithmetic. These backward passes read A only (for relu,
# A > 0 exactly where Z > 0, NaN included), so A may overwrite Z and dZ may overwrite
# dA. Other activations use the registry, their own arrays and a copy.
def _relu_back(dA, Z, A, out, tmp):
    return np.multiply(dA, np.greater(A, 0, out=tmp), out=out)


def _tanh_back(dA, Z, A, out, tmp):
    np.multiply(A, A, out=tmp)
    return np.multiply(dA, np.subtract(1.0, tmp, out=tmp), out=out)


def _sigmoid(Z, out, tmp=None):
    np.tanh(np.multiply(Z, 0.5, out=out), out=out)
    return np.multiply(np.add(out, 1.0, out=out), 0.5, out=out)


def _sigmoid_back(dA, Z, A, out, tmp):
    np.multiply(dA, A, out=out)
    return np.multiply(out, np.subtract(1.0, A, out=tmp), out=out)


def _softmax(Z, out, tmp=None):
    np.exp(np.subtract(Z, Z.max(axis=-2, keepdims=True), out=out), out=out)
    return np.divide(out, out.sum(axis=-2, keepdims=True), out=out)


INPLACE_ACTIVATIONS = {"relu": (lambda Z, out: np.maximum(Z, 0.0, out=out), _relu_back, bool),
            "tanh": (lambda Z, out: np.tanh(Z, out=out), _tanh_back, float),
            "sigmoid": (_sigmoid, _sigmoid_back, float)}
INPLACE_OUTPUTS = {"sigmoid": _sigmoid, "softmax": _softmax}


def inplace_activation(name):
    """``(forward(Z, out), backward(dA, Z, A, out, tmp), tmp dtype, reads A only?)``."""
    if name in INPLACE_ACTIVATIONS:
        return INPLACE_ACTIVATIONS[name] + (True,)
    act = ACTIVATIONS[name]
    return (lambda Z, out: np.copyto(out, act.forward(Z)) or out,
            lambda dA, Z, A, out, tmp: np.copyto(out, act.backward(dA, Z, A)) or out, float,
            False)
