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

Two ways in
-----------
* The checked functions (:func:`forward`, :func:`backward`, :func:`cross_entropy`,
  :func:`l2_penalty`, ...) validate every argument and say how to fix a bad call.
  Use them in notebooks and exercises.
* The **fast path** (:func:`forward_unchecked`, :func:`backward_unchecked`,
  :func:`cross_entropy_unchecked`, :func:`l2_penalty_unchecked`) does the same
  arithmetic with no validation. The course's own loops (``train``, gradient
  checking, the lessons) call it after checking their inputs once.

Each layer's forward pass keeps a :class:`LayerCache` for its backward pass;
read its fields by name: ``caches[-1].Z`` is the output logits ``Z^{[L]}``,
``caches[0].A`` the first hidden activation, ``caches[0].mask`` its dropout mask.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._checks import (
    as_float_array,
    check_choice,
    check_keep_probs,
    check_lambd,
    check_n_examples,
    check_params,
    check_X,
    check_XY,
    dropout_rng,
)
from .activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from .initializers import INITIALIZERS, initialize_parameters

__all__ = [
    "ACTIVATIONS", "OUTPUT_ACTIVATIONS", "INITIALIZERS", "initialize_parameters",
    "LinearCache", "DropoutCache", "LayerCache",
    "linear_forward", "linear_backward", "dropout_forward", "dropout_backward",
    "forward", "backward", "cross_entropy", "l2_penalty", "compute_cost",
    "forward_unchecked", "backward_unchecked", "cross_entropy_unchecked",
    "l2_penalty_unchecked", "check_params",
]


# --------------------------------------------------------------------------- caches
class LinearCache(NamedTuple):
    """What :func:`linear_backward` needs: the layer's input and weights."""

    A_prev: np.ndarray  #: (n_{l-1}, m) input of the layer
    W: np.ndarray       #: (n_l, n_{l-1}) the weights used (the same array, not a copy)


class DropoutCache(NamedTuple):
    """What :func:`dropout_backward` needs: the mask and its keep probability."""

    mask: np.ndarray | None  #: (n_l, m) bool, True where a unit is kept; None: no dropout
    keep_prob: float         #: 1.0 when nothing was dropped


class LayerCache(NamedTuple):
    """Everything layer ``l``'s forward pass keeps for its backward pass.

    ``A_prev`` is the layer's input (after the previous layer's dropout), ``Z`` its
    pre-activation, ``A = g(Z)`` its activation *before* its own dropout, ``mask``
    and ``keep_prob`` its dropout. A ``LayerCache`` has the fields of both
    :class:`LinearCache` and :class:`DropoutCache`, so it can be passed to
    :func:`linear_backward` and :func:`dropout_backward` directly.
    """

    A_prev: np.ndarray       #: (n_{l-1}, m)
    W: np.ndarray            #: (n_l, n_{l-1})
    Z: np.ndarray            #: (n_l, m)
    A: np.ndarray            #: (n_l, m), g(Z) before dropout
    mask: np.ndarray | None  #: (n_l, m) bool or None
    keep_prob: float         #: 1.0 when no dropout


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
    cache : :class:`LinearCache` ``(A_prev, W)`` for :func:`linear_backward`.
    """
    return W @ A_prev + b, LinearCache(A_prev, W)


def linear_backward(dZ: np.ndarray, cache):
    """Gradients of a linear layer (course convention: the ``1/m`` is applied here).

    Parameters
    ----------
    dZ : (n_l, m)
    cache : a :class:`LinearCache` (or :class:`LayerCache`) from the forward pass.

    Returns
    -------
    dA_prev : (n_{l-1}, m), ``W.T @ dZ``
    dW : (n_l, n_{l-1}), ``dZ @ A_prev.T / m``
    db : (n_l, 1), ``sum(dZ, axis=1) / m``
    """
    A_prev, W = cache.A_prev, cache.W
    m = A_prev.shape[1]
    return W.T @ dZ, (dZ @ A_prev.T) / m, dZ.sum(axis=1, keepdims=True) / m


def _dropout(A, keep_prob, rng, mask):
    """Unchecked inverted dropout (see :func:`dropout_forward`)."""
    if mask is None:
        if keep_prob >= 1.0:
            return A, DropoutCache(None, 1.0)
        mask = rng.random(A.shape) < keep_prob
    return A * mask / keep_prob, DropoutCache(mask, keep_prob)


def dropout_forward(A, keep_prob: float, rng: np.random.Generator | None = None,
                    mask: np.ndarray | None = None, *, seed: int | None = None):
    """Inverted dropout: ``A * mask / keep_prob`` with ``mask = rng.random(A.shape) < keep_prob``.

    Randomness is never implicit: pass ``rng`` (a Generator; keep the same one
    across calls and every call draws a **fresh** mask), ``seed`` (the same mask
    on every call with that seed: reproducible, but not how training works), or a
    fixed ``mask``. Calling it with none of them raises ``ValueError``.

    Parameters
    ----------
    A : (n_l, m)
    keep_prob : float in (0, 1], the probability of *keeping* a unit; 1 returns
        ``A`` unchanged (no mask drawn).
    rng : Generator used to draw the mask.
    mask : (n_l, m) bool, optional; a fixed mask (used by gradient checking).
    seed : int, optional; instead of ``rng``.

    Returns
    -------
    A_drop : (n_l, m)
    cache : :class:`DropoutCache` ``(mask, keep_prob)``; ``mask`` is None when nothing
        was dropped.
    """
    A = as_float_array(A, "A")
    p = check_keep_probs(keep_prob, 1, name="keep_prob")[0]
    if mask is not None:
        if np.shape(mask) != A.shape:
            raise ValueError(f"mask has shape {np.shape(mask)}, expected A's shape {A.shape}.")
        mask = np.asarray(mask, dtype=bool)
        gen = None
    else:
        gen = dropout_rng(seed, rng, needed=p < 1.0, where="dropout_forward")
    return _dropout(A, p, gen, mask)


def dropout_backward(dA: np.ndarray, cache) -> np.ndarray:
    """Backward of inverted dropout: ``dA * mask / keep_prob`` (shape ``(n_l, m)``).

    ``cache`` is a :class:`DropoutCache` (or :class:`LayerCache`).
    """
    mask = cache.mask
    return dA if mask is None else dA * mask / cache.keep_prob


# --------------------------------------------------------------------------- network
def forward_unchecked(X, params, hidden, output, keep_probs=None, rng=None, masks=None):
    """Fast path of :func:`forward`: the same arithmetic, no validation.

    ``keep_probs`` is None or a list of L-1 floats; with dropout, ``rng`` (a
    Generator) draws the masks unless ``masks`` (a list of L-1 bool arrays or
    None entries) fixes them. Returns ``(AL, caches)`` with one
    :class:`LayerCache` per layer.
    """
    L = len(params) // 2
    g = ACTIVATIONS[hidden].forward
    A = X
    caches = []
    for l in range(1, L):
        W = params[f"W{l}"]
        Z = W @ A + params[f"b{l}"]
        A_act = g(Z)
        mask, kp = None, 1.0
        A_next = A_act
        if keep_probs is not None:
            A_next, (mask, kp) = _dropout(A_act, keep_probs[l - 1], rng,
                                          None if masks is None else masks[l - 1])
        caches.append(LayerCache(A, W, Z, A_act, mask, kp))
        A = A_next
    W = params[f"W{L}"]
    Z = W @ A + params[f"b{L}"]
    AL = OUTPUT_ACTIVATIONS[output].forward(Z)
    caches.append(LayerCache(A, W, Z, AL, None, 1.0))
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
    seed, rng : randomness of the dropout masks, required when some keep_prob < 1
        and no ``masks`` are given. Pass one ``rng`` and reuse it across calls to
        get fresh masks at every call (as training does); the same ``seed`` gives
        the same masks on every call.
    masks : list of L-1 bool arrays (n_l, m), optional
        Fixed dropout masks (gradient checking); requires ``keep_probs``.

    Returns
    -------
    AL : (n_L, m) output probabilities
    caches : list of L :class:`LayerCache` (``caches[-1].Z`` is ``Z^{[L]}``).
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
    needed = kp is not None and masks is None and any(p < 1.0 for p in kp)
    gen = dropout_rng(seed, rng, needed=needed, where="forward")
    return forward_unchecked(X, params, hidden_activation, output_activation, kp, gen, masks)


def backward_unchecked(AL, Y, caches, params, hidden, lambd=0.0):
    """Fast path of :func:`backward`: the same arithmetic, no validation."""
    L = len(caches)
    grads = {}
    dgdz = ACTIVATIONS[hidden].backward
    dZ = AL - Y  # sigmoid + binary CE, or softmax + categorical CE
    dA = None    # set by the layer above before it is used
    for l in range(L, 0, -1):
        cache = caches[l - 1]
        if l < L:
            dA = dropout_backward(dA, cache)
            dZ = dgdz(dA, cache.Z, cache.A)
        dA, dW, db = linear_backward(dZ, cache)
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
    return backward_unchecked(AL, Y, caches, params, hidden_activation, lambd)


def check_Y_like(Y, AL):
    """Check ``Y`` against the network output ``AL`` (same m, right number of rows)."""
    _, Ya = check_XY(np.zeros((1, AL.shape[1])), Y, n_classes=AL.shape[0])
    return Ya


# --------------------------------------------------------------------------- cost
def cross_entropy_unchecked(ZL, Y, output):
    """Fast path of :func:`cross_entropy`: the same arithmetic, no validation."""
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
    ZL : (n_L, m) pre-activation of the output layer (``caches[-1].Z``)
    Y : (1, m) binary or (C, m) one-hot labels

    Returns
    -------
    float : ``-(1/m) sum[y log a + (1-y) log(1-a)]`` (sigmoid) or
        ``-(1/m) sum_i sum_k y_ki log a_ki`` (softmax), ``a = g(ZL)``.
    """
    check_choice(output_activation, OUTPUT_ACTIVATIONS, "output_activation")
    ZL = check_X(ZL, "ZL")
    Y = check_Y_like(Y, ZL)
    return cross_entropy_unchecked(ZL, Y, output_activation)


def l2_penalty_unchecked(params, lambd, m):
    """Fast path of :func:`l2_penalty`: the same arithmetic, no validation."""
    if not lambd:
        return 0.0
    L = len(params) // 2
    return float(lambd / (2 * m) * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1)))


def l2_penalty(params, lambd: float, m: int) -> float:
    r"""L2 term :math:`\frac{\lambda}{2m}\sum_l \|W^{[l]}\|_F^2` (biases are not regularized)."""
    check_params(params)
    lambd = check_lambd(lambd)
    return l2_penalty_unchecked(params, lambd, check_n_examples(m))


def compute_cost(ZL, Y, params=None, lambd: float = 0.0,
                 output_activation: str = "sigmoid") -> float:
    """Total cost: :func:`cross_entropy` plus :func:`l2_penalty` (when ``lambd > 0``)."""
    data = cross_entropy(ZL, Y, output_activation)
    lambd = check_lambd(lambd)
    if lambd and params is None:
        raise ValueError("lambd > 0 needs params to compute the L2 term; pass params=...")
    return data + (l2_penalty(params, lambd, np.shape(Y)[1]) if lambd else 0.0)
