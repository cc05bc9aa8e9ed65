r"""An L-layer fully connected network: forward/backward pairs with explicit caches (floor 2).

Notation follows the lectures. For layer :math:`l = 1..L`:

.. math::
    Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]}),

with :math:`A^{[0]} = X` of shape ``(n_x, m)``. Hidden layers may apply inverted
dropout (``keep_probs``, one per hidden layer); the output layer is sigmoid
(binary, ``Y`` shape ``(1, m)``) or softmax (one-hot ``Y`` shape ``(C, m)``) with
the cross-entropy cost

.. math::
    J = -\frac1m \sum_i \left[y_i \log a_i + (1-y_i)\log(1-a_i)\right]
        + \frac{\lambda}{2m} \sum_l \|W^{[l]}\|_F^2 .

Public functions validate their inputs; the underscore versions used by the
training loop skip validation for speed.
"""
from __future__ import annotations

import numpy as np

from ._checks import (as_rng, check_choice, check_keep_probs, check_lambd, check_X, check_XY)
from .activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from .initializers import INITIALIZERS, initialize_parameters

__all__ = [
    "ACTIVATIONS", "OUTPUT_ACTIVATIONS", "INITIALIZERS", "initialize_parameters",
    "linear_forward", "linear_backward", "dropout_forward", "dropout_backward",
    "forward", "backward", "cross_entropy", "l2_penalty", "compute_cost",
    "predict_proba", "predict", "accuracy", "check_params", "n_layers",
]


# --------------------------------------------------------------------------- layers
def linear_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray):
    """``Z = W A_prev + b``.

    Parameters
    ----------
    A_prev : (n_{l-1}, m)
    W : (n_l, n_{l-1})
    b : (n_l, 1)

    Returns
    -------
    Z : (n_l, m)
    cache : tuple ``(A_prev, W)`` for :func:`linear_backward`.
    """
    return W @ A_prev + b, (A_prev, W)


def linear_backward(dZ: np.ndarray, cache):
    """Gradients of a linear layer (course convention: the ``1/m`` is applied here).

    Parameters
    ----------
    dZ : (n_l, m)
    cache : ``(A_prev, W)`` from :func:`linear_forward`.

    Returns
    -------
    dA_prev : (n_{l-1}, m), ``W.T @ dZ``
    dW : (n_l, n_{l-1}), ``dZ @ A_prev.T / m``
    db : (n_l, 1), ``sum(dZ, axis=1) / m``
    """
    A_prev, W = cache
    m = A_prev.shape[1]
    return W.T @ dZ, (dZ @ A_prev.T) / m, dZ.sum(axis=1, keepdims=True) / m


def dropout_forward(A: np.ndarray, keep_prob: float, rng: np.random.Generator | None = None,
                    mask: np.ndarray | None = None):
    """Inverted dropout: ``A * mask / keep_prob`` with ``mask = rng.random(A.shape) < keep_prob``.

    Parameters
    ----------
    A : (n_l, m)
    keep_prob : float in (0, 1]; 1 returns ``A`` unchanged (no mask drawn).
    rng : Generator used to draw the mask (ignored when ``mask`` is given).
    mask : (n_l, m) bool, optional; a fixed mask (used by gradient checking).

    Returns
    -------
    A_drop : (n_l, m)
    cache : ``(mask, keep_prob)``; ``mask`` is None when nothing was dropped.
    """
    if mask is None:
        if keep_prob >= 1.0:
            return A, (None, 1.0)
        mask = rng.random(A.shape) < keep_prob
    return A * mask / keep_prob, (mask, keep_prob)


def dropout_backward(dA: np.ndarray, cache) -> np.ndarray:
    """Backward of inverted dropout: ``dA * mask / keep_prob`` (shape ``(n_l, m)``)."""
    mask, keep_prob = cache
    return dA if mask is None else dA * mask / keep_prob


# --------------------------------------------------------------------------- network
def n_layers(params) -> int:
    """Number of layers L of a parameter dict ``{"W1", "b1", ..., "WL", "bL"}``."""
    return len(params) // 2


def check_params(params, n_features: int | None = None, name: str = "params") -> int:
    """Check a parameter dict and return its number of layers L."""
    if not isinstance(params, dict) or not params:
        raise TypeError(f"{name} must be a dict like {{'W1': ..., 'b1': ..., ...}}, "
                        f"got {type(params).__name__}.")
    L = len(params) // 2
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if set(params) != expected:
        raise ValueError(f"{name} must have keys W1, b1, ..., WL, bL; got {sorted(params)}.")
    prev = n_features if n_features is not None else np.shape(params["W1"])[1]
    for l in range(1, L + 1):
        W, b = np.shape(params[f"W{l}"]), np.shape(params[f"b{l}"])
        if len(W) != 2 or W[1] != prev or b != (W[0], 1):
            raise ValueError(f"{name}: W{l} has shape {W} and b{l} {b}; expected W{l} "
                             f"({W[0] if len(W) == 2 else 'n_l'}, {prev}) and b{l} "
                             f"({W[0] if len(W) == 2 else 'n_l'}, 1).")
        prev = W[0]
    return L


def _forward(X, params, hidden, output, keep_probs=None, rng=None, masks=None):
    """Unchecked forward pass; see :func:`forward`."""
    L = len(params) // 2
    g = ACTIVATIONS[hidden].forward
    A = X
    caches = []
    for l in range(1, L):
        Z, lin = linear_forward(A, params[f"W{l}"], params[f"b{l}"])
        A = g(Z)
        act = (Z, A)
        drop = (None, 1.0)
        if keep_probs is not None:
            A, drop = dropout_forward(A, keep_probs[l - 1], rng,
                                      None if masks is None else masks[l - 1])
        caches.append((lin, act, drop))
    Z, lin = linear_forward(A, params[f"W{L}"], params[f"b{L}"])
    AL = OUTPUT_ACTIVATIONS[output].forward(Z)
    caches.append((lin, (Z, AL), (None, 1.0)))
    return AL, caches


def forward(X, params, hidden_activation: str = "relu", output_activation: str = "sigmoid",
            keep_probs=None, seed: int | None = None, rng: np.random.Generator | None = None,
            masks=None):
    """Forward pass through ``L-1`` hidden layers and the output layer.

    Parameters
    ----------
    X : (n_x, m)
    params : dict ``{"W1": (n_1, n_x), "b1": (n_1, 1), ...}``
    hidden_activation : key of :data:`ACTIVATIONS`
    output_activation : ``"sigmoid"`` or ``"softmax"``
    keep_probs : float or list of L-1 floats in (0, 1], optional
        Inverted dropout on the hidden activations (training only).
    seed, rng : randomness for the dropout masks.
    masks : list of L-1 bool arrays (n_l, m), optional
        Fixed dropout masks (gradient checking); requires ``keep_probs``.

    Returns
    -------
    AL : (n_L, m) output probabilities
    caches : list of L tuples ``(linear_cache, (Z, A), dropout_cache)``.
    """
    L = check_params(params)
    X = check_X(X, "X", params["W1"].shape[1])
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    check_choice(output_activation, OUTPUT_ACTIVATIONS, "output_activation")
    kp = check_keep_probs(keep_probs, L - 1)
    if masks is not None:
        if kp is None:
            raise ValueError("masks were given without keep_probs; pass the keep_probs the "
                             "masks were drawn with.")
        if len(masks) != L - 1:
            raise ValueError(f"masks must hold one mask per hidden layer ({L - 1}), "
                             f"got {len(masks)}.")
        for l, mk in enumerate(masks, start=1):
            if np.shape(mk) != (params[f"W{l}"].shape[0], X.shape[1]):
                raise ValueError(f"masks[{l - 1}] has shape {np.shape(mk)}, expected "
                                 f"{(params[f'W{l}'].shape[0], X.shape[1])}.")
    gen = as_rng(seed, rng) if kp is not None and masks is None else None
    return _forward(X, params, hidden_activation, output_activation, kp, gen, masks)


def _backward(AL, Y, caches, params, hidden, lambd=0.0):
    """Unchecked backward pass; see :func:`backward`."""
    L = len(caches)
    grads = {}
    dgdz = ACTIVATIONS[hidden].backward
    dZ = AL - Y  # sigmoid + binary CE, or softmax + categorical CE
    for l in range(L, 0, -1):
        lin, act, drop = caches[l - 1]
        if l < L:
            dA = dropout_backward(dA, drop)
            dZ = dgdz(dA, act[0], act[1])
        dA, dW, db = linear_backward(dZ, lin)
        if lambd:
            dW = dW + (lambd / AL.shape[1]) * params[f"W{l}"]
        grads[f"dW{l}"] = dW
        grads[f"db{l}"] = db
    return grads


def backward(AL, Y, caches, params, hidden_activation: str = "relu", lambd: float = 0.0):
    """Backpropagation through the whole network.

    Parameters
    ----------
    AL : (n_L, m) output of :func:`forward`
    Y : (1, m) binary labels or (C, m) one-hot
    caches : from :func:`forward`
    params : the parameters used in the forward pass (for the L2 term)
    hidden_activation : the one used in the forward pass
    lambd : L2 strength; adds ``(lambd / m) * W`` to every ``dW`` (never to ``db``).

    Returns
    -------
    grads : dict ``{"dW1": (n_1, n_x), "db1": (n_1, 1), ...}`` (same shapes as params).
    """
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    lambd = check_lambd(lambd)
    Y = check_Y_like(Y, AL)
    return _backward(AL, Y, caches, params, hidden_activation, lambd)


def check_Y_like(Y, AL):
    """Check ``Y`` against the network output ``AL`` (same m, right number of rows)."""
    _, Ya = check_XY(np.zeros((1, AL.shape[1])), Y, n_classes=AL.shape[0])
    return Ya


# --------------------------------------------------------------------------- cost
def _cross_entropy(ZL, Y, output):
    m = Y.shape[1]
    if output == "sigmoid":
        # log(1 + e^z) - y z, computed without overflow
        return float(np.sum(np.maximum(ZL, 0) - ZL * Y + np.log1p(np.exp(-np.abs(ZL)))) / m)
    zmax = ZL.max(axis=0, keepdims=True)
    logsumexp = zmax + np.log(np.exp(ZL - zmax).sum(axis=0, keepdims=True))
    return float(np.sum(Y * (logsumexp - ZL)) / m)


def cross_entropy(ZL, Y, output_activation: str = "sigmoid") -> float:
    """Data term of the cost, computed from the logits ``ZL`` (stable for any ``|z|``).

    Parameters
    ----------
    ZL : (n_L, m) pre-activation of the output layer (``caches[-1][1][0]``)
    Y : (1, m) binary or (C, m) one-hot labels

    Returns
    -------
    float : ``-(1/m) sum[y log a + (1-y) log(1-a)]`` (sigmoid) or
        ``-(1/m) sum_i sum_k y_ki log a_ki`` (softmax), ``a = g(ZL)``.
    """
    check_choice(output_activation, OUTPUT_ACTIVATIONS, "output_activation")
    ZL = check_X(ZL, "ZL")
    Y = check_Y_like(Y, ZL)
    return _cross_entropy(ZL, Y, output_activation)


def _l2_penalty(params, lambd, m):
    if not lambd:
        return 0.0
    L = len(params) // 2
    return float(lambd / (2 * m) * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1)))


def l2_penalty(params, lambd: float, m: int) -> float:
    r"""L2 term :math:`\frac{\lambda}{2m}\sum_l \|W^{[l]}\|_F^2` (biases are not regularized)."""
    check_params(params)
    lambd = check_lambd(lambd)
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(f"m must be the number of training examples (a positive integer), "
                         f"got {m!r}.")
    return _l2_penalty(params, lambd, int(m))


def compute_cost(ZL, Y, params=None, lambd: float = 0.0,
                 output_activation: str = "sigmoid") -> float:
    """Total cost: :func:`cross_entropy` plus :func:`l2_penalty` (when ``lambd > 0``)."""
    data = cross_entropy(ZL, Y, output_activation)
    lambd = check_lambd(lambd)
    if lambd and params is None:
        raise ValueError("lambd > 0 needs params to compute the L2 term; pass params=...")
    return data + (l2_penalty(params, lambd, np.shape(Y)[1]) if lambd else 0.0)


# --------------------------------------------------------------------------- predict
def predict_proba(X, params, hidden_activation: str = "relu",
                  output_activation: str = "sigmoid") -> np.ndarray:
    """Output probabilities ``AL`` (n_L, m), with no dropout (inference mode)."""
    return forward(X, params, hidden_activation, output_activation)[0]


def predict(X, params, hidden_activation: str = "relu", output_activation: str = "sigmoid",
            threshold: float = 0.5) -> np.ndarray:
    """Predicted labels, shape (1, m): 0/1 floats (sigmoid) or class indices (softmax).

    No dropout and no scaling at prediction time (inverted dropout already scaled
    the activations during training).
    """
    AL = predict_proba(X, params, hidden_activation, output_activation)
    if output_activation == "softmax":
        return AL.argmax(axis=0).reshape(1, -1)
    return (AL > threshold).astype(np.float64)


def accuracy(predictions, Y) -> float:
    """Fraction of correct predictions in [0, 1].

    Parameters
    ----------
    predictions : (1, m) labels from :func:`predict`
    Y : (1, m) binary labels, or (C, m) one-hot (compared with the class indices)
    """
    P = np.asarray(predictions)
    Ya = np.asarray(Y)
    if P.ndim != 2 or P.shape[0] != 1:
        raise ValueError(f"predictions must have shape (1, m), got {P.shape}; "
                         f"use predictions.reshape(1, -1).")
    if Ya.ndim != 2 or Ya.shape[1] != P.shape[1]:
        raise ValueError(f"Y must have shape (1, m) or (C, m) with m = {P.shape[1]}, "
                         f"got {Ya.shape}. Use Y.reshape(1, -1) for a label vector.")
    truth = Ya.argmax(axis=0)[None, :] if Ya.shape[0] > 1 else Ya
    return float(np.mean(P == truth))
