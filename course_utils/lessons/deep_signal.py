r"""How signals and gradients grow or shrink with depth (floor 3, notebook 08).

Two experiments:

* A **deep linear network** with :math:`W^{[l]} = c\,I` (no bias, identity
  activation): :math:`a^{[l]} = c^l x`, so :math:`\hat y = a^{[L]} = c^L x`
  explodes for :math:`c > 1` and vanishes for :math:`c < 1`. With the linear
  loss :math:`J = u^\top \hat y` every layer's gradient is
  :math:`\partial J / \partial W^{[l]} = c^{L-1} u x^\top`.
* A **deep nonlinear network** (ReLU, tanh, sigmoid, linear hidden units) of
  ``depth`` hidden layers of equal width, initialized by a scheme of
  :mod:`course_utils.initializers` times a ``scale``: the RMS of the
  activations and the Frobenius norm of :math:`dW^{[l]}` per layer, from one
  forward and one backward pass of :mod:`course_utils.nn`.

Overflow is never a crash: values that leave float64's range are reported
(``overflow`` message, ``first_bad_layer``) and the non-finite entries are kept
as ``inf``/``nan`` in the arrays.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._checks import as_float_array, check_choice, check_positive_float, check_positive_int
from ..activations import ACTIVATIONS
from ..initializers import INITIALIZERS, initialize_parameters
from ..nn import backward_unchecked, forward_unchecked
from ..train_batched import train_batched

__all__ = ["deep_linear_network", "SignalProfile", "signal_profile", "scale_sweep",
           "growth_per_layer", "train_settings"]


def _rms(a: np.ndarray) -> float:
    """Root mean square without overflow for huge finite values (inf/nan propagate)."""
    big = float(np.max(np.abs(a)))
    if big == 0.0 or not np.isfinite(big):
        return big                      # 0, inf or nan
    return big * float(np.sqrt(np.mean((a / big) ** 2)))


def _norm(a: np.ndarray) -> float:
    """Euclidean / Frobenius norm without overflow of the squares."""
    return _rms(a) * float(np.sqrt(a.size))


def deep_linear_network(c: float, depth: int, x=None, u=None) -> dict:
    r"""Forward and backward pass of the deep linear network :math:`W^{[l]} = c I`.

    Parameters
    ----------
    c : float > 0
        The diagonal of every weight matrix.
    depth : int >= 1
        Number of layers L.
    x : array (n,) or (n, 1), optional
        The input; default ``[1, 1]`` (two units, as in the lecture).
    u : array like ``x``, optional
        Loss weights of :math:`J = u^\top \hat y`; default all ones.

    Returns
    -------
    dict with
        ``layers`` (L+1,) 0..L; ``act_norms`` (L+1,) :math:`\|a^{[l]}\|_2` (l = 0 is x);
        ``y_hat`` (n,) :math:`a^{[L]}`; ``grad_norms`` (L,) :math:`\|dW^{[l]}\|_F`
        for l = 1..L; ``c``, ``depth``; ``overflow`` (str or None).
    """
    c = check_positive_float(c, "c")
    depth = check_positive_int(depth, "depth")
    x = np.array([1.0, 1.0]) if x is None else as_float_array(x, "x").ravel()
    u = np.ones_like(x) if u is None else as_float_array(u, "u").ravel()
    if u.shape != x.shape:
        raise ValueError(f"u must have the shape of x, {x.shape}, got {u.shape}; pass one "
                         f"loss weight per output unit.")
    n = x.size
    W = c * np.eye(n)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        acts = [x]
        for _ in range(depth):                       # a[l] = W a[l-1]
            acts.append(W @ acts[-1])
        # backward: dJ/da[L] = u; dJ/dW[l] = da[l] a[l-1]^T; da[l-1] = W^T da[l]
        da = u.copy()
        grad_norms = np.empty(depth)
        for l in range(depth, 0, -1):
            grad_norms[l - 1] = _norm(np.outer(da, acts[l - 1]))
            da = W.T @ da
        act_norms = np.array([_norm(a) for a in acts])
    bad = ~np.isfinite(act_norms) | (act_norms == 0)
    overflow = None
    if bad.any() or not np.all(np.isfinite(grad_norms)) or np.any(grad_norms == 0):
        layer = int(np.argmax(bad)) if bad.any() else None
        overflow = (f"c^L = {c}^{depth} is outside float64's range (about 1e-308 to 1e308)"
                    + (f": the activations became {act_norms[layer]} at layer {layer}"
                       if layer is not None else ": the gradients over/underflowed"))
    return {"layers": np.arange(depth + 1), "act_norms": act_norms, "y_hat": acts[-1],
            "grad_norms": grad_norms, "c": c, "depth": depth, "overflow": overflow}


@dataclass
class SignalProfile:
    """Per-layer signal of one deep network at initialization (see :func:`signal_profile`).

    ``act_rms`` (L,) RMS of :math:`a^{[l]}` for the hidden layers l = 1..L-1 and the
    output pre-activation :math:`z^{[L]}`; ``grad_norms`` (L,) :math:`\\|dW^{[l]}\\|_F`;
    ``overflow`` a message when a value left float64's range (else None);
    ``first_bad_layer`` the first layer (1-based) with a non-finite value.
    """

    depth: int
    activation: str
    init: str
    scale: float
    width: int
    act_rms: np.ndarray
    grad_norms: np.ndarray
    overflow: str | None = None
    first_bad_layer: int | None = None

    @property
    def layers(self) -> np.ndarray:
        """Layer numbers 1..L, shape (L,)."""
        return np.arange(1, self.depth + 2)

    @property
    def grad_ratio(self) -> float:
        """:math:`\\|dW^{[1]}\\|_F / \\|dW^{[L]}\\|_F` (first over last layer)."""
        with np.errstate(all="ignore"):
            return float(self.grad_norms[0] / self.grad_norms[-1])


def signal_profile(depth: int, activation: str = "relu", init: str = "he", scale: float = 1.0,
                   width: int = 64, m: int = 256, seed: int = 0) -> SignalProfile:
    r"""Activation RMS and gradient norm per layer of a deep network at initialization.

    The network has ``depth`` hidden layers of ``width`` units and a sigmoid
    output: ``layer_dims = [width] + [width] * depth + [1]`` (L = depth + 1
    layers). Inputs :math:`X \sim \mathcal N(0, 1)` of shape ``(width, m)``,
    random 0/1 labels; one forward and one backward pass (cross-entropy cost).

    Parameters
    ----------
    depth : int >= 1, number of hidden layers
    activation : key of :data:`course_utils.activations.ACTIVATIONS`
    init : key of :data:`course_utils.initializers.INITIALIZERS`
    scale : float > 0, multiplier of the scheme's standard deviation
    width, m : units per hidden layer and number of examples
    seed : int, randomness of X, Y and the weights

    Returns
    -------
    SignalProfile
    """
    depth = check_positive_int(depth, "depth")
    check_choice(activation, ACTIVATIONS, "activation")
    check_choice(init, INITIALIZERS, "init method")
    scale = check_positive_float(scale, "scale")
    width = check_positive_int(width, "width")
    m = check_positive_int(m, "m")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((width, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    params = initialize_parameters([width] + [width] * depth + [1], init, scale, rng=rng)
    L = depth + 1
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        AL, caches = forward_unchecked(X, params, activation, "sigmoid")
        grads = backward_unchecked(AL, Y, caches, params, activation)
        act_rms = np.array([_rms(caches[l].A) for l in range(L - 1)]
                           + [_rms(caches[-1].Z)])
        grad_norms = np.array([_norm(grads[f"dW{l}"]) for l in range(1, L + 1)])
    bad_act = ~np.isfinite(act_rms)
    bad_grad = ~np.isfinite(grad_norms)
    overflow, first_bad = None, None
    if bad_act.any() or bad_grad.any():
        la = int(np.argmax(bad_act)) + 1 if bad_act.any() else L + 1
        lg = int(np.argmax(bad_grad)) + 1 if bad_grad.any() else L + 1
        first_bad = la if bad_act.any() else lg
        what = (f"the activations overflowed (inf/nan) at layer {la}" if bad_act.any()
                else f"the gradient of layer {lg} overflowed (inf/nan)")
        overflow = (f"Overflow: {what}. Scale {scale:g} x {init} with {activation} "
                    f"multiplies the signal at every one of the {depth} layers until it "
                    f"leaves float64's range (~1e308).")
    elif np.any(act_rms == 0) or np.any(grad_norms == 0):
        zero = np.flatnonzero((act_rms == 0) | (grad_norms == 0))
        first_bad = int(zero[0]) + 1
        overflow = (f"Underflow: the signal vanished to exactly 0 at layer {first_bad} "
                    f"(below float64's smallest number, ~1e-308).")
    return SignalProfile(depth, activation, init, float(scale), width, act_rms, grad_norms,
                         overflow, first_bad)


def growth_per_layer(values) -> float:
    r"""Geometric-mean factor per layer of a positive sequence ``values`` (k,).

    :math:`(v_{k-1} / v_0)^{1/(k-1)}`, fitted as the slope of :math:`\log v` by least
    squares so a single noisy layer does not dominate. ``nan`` if any value is not
    finite and positive.
    """
    v = as_float_array(values, "values", ndim=1)
    if v.size < 2:
        raise ValueError(f"values needs at least 2 layers, got {v.size}.")
    if not np.all(np.isfinite(v) & (v > 0)):
        return float("nan")
    k = np.arange(v.size)
    slope = np.polyfit(k, np.log(v), 1)[0]
    return float(np.exp(slope))


def scale_sweep(depth: int, activation: str, init: str, scales, seeds=(0, 1, 2),
                width: int = 64, m: int = 256) -> dict:
    """:func:`signal_profile` over several weight scales and seeds.

    Returns
    -------
    dict with ``scales`` (k,), ``grad_norms`` (k, n_seeds, L), ``act_rms`` (k, n_seeds, L),
    ``grad_growth`` (k, n_seeds) the gradient-norm growth factor per layer from the
    output back to layer 1 (:func:`growth_per_layer` of the reversed hidden-layer norms;
    < 1 vanishing, > 1 exploding), ``overflow`` (k, n_seeds) bool.
    """
    scales = as_float_array(scales, "scales", ndim=1)
    seeds = [int(s) for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. seeds=(0, 1, 2).")
    L = check_positive_int(depth, "depth") + 1
    G = np.empty((scales.size, len(seeds), L))
    A = np.empty_like(G)
    growth = np.empty((scales.size, len(seeds)))
    over = np.zeros((scales.size, len(seeds)), dtype=bool)
    for i, s in enumerate(scales):
        for j, seed in enumerate(seeds):
            p = signal_profile(depth, activation, init, float(s), width, m, seed)
            G[i, j], A[i, j] = p.grad_norms, p.act_rms
            over[i, j] = p.overflow is not None
            growth[i, j] = growth_per_layer(p.grad_norms[:-1][::-1]) if depth > 1 else np.nan
    return {"scales": scales, "grad_norms": G, "act_rms": A, "grad_growth": growth,
            "overflow": over, "depth": depth, "activation": activation, "init": init}


_SETTING_KEYS = ("hidden_activation", "init", "init_scale", "learning_rate")


def train_settings(X, Y, layer_dims, settings: dict, seeds=(0, 1, 2, 3, 4),
                   num_iterations: int = 400, record_every: int = 50) -> dict:
    """Train one network per setting and seed, batching the settings that can share a stack.

    Network (name, seed) is what ``train(X, Y, layer_dims, seed=seed,
    num_iterations=..., record_every=..., **settings[name])`` gives: the settings
    with the same hidden activation and init scheme are trained together by
    :func:`course_utils.train_batched.train_batched` (bit-identical to separate
    runs, each stopping on its own when its cost becomes inf/nan).

    Parameters
    ----------
    X : (n_x, m) ; Y : (1, m)
    settings : dict name -> dict with keys ``hidden_activation``, ``init``,
        ``init_scale`` (None = the scheme's default) and ``learning_rate``
    seeds : the initialization seeds, one network per seed and setting

    Returns
    -------
    dict name -> list of :class:`course_utils.train.TrainResult`, one per seed
    """
    if not isinstance(settings, dict) or not settings:
        raise TypeError("settings must be a non-empty dict name -> dict(hidden_activation=..., "
                        "init=..., init_scale=..., learning_rate=...).")
    for name, kw in settings.items():
        unknown = set(kw) - set(_SETTING_KEYS)
        if unknown:
            raise ValueError(f"setting {name!r} has unknown keys {sorted(unknown)}; valid keys: "
                             f"{', '.join(_SETTING_KEYS)}.")
    seeds = [int(s) for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. seeds=(0, 1, 2).")
    groups = {}
    for name, kw in settings.items():
        key = (kw.get("hidden_activation", "relu"), kw.get("init", "he"))
        groups.setdefault(key, []).append(name)
    out = {}
    for (activation, init), names in groups.items():
        nets = [(name, s) for name in names for s in seeds]
        results = train_batched(
            X, Y, layer_dims, seeds=[s for _, s in nets], hidden_activation=activation,
            init=init, init_scale=[settings[n].get("init_scale") for n, _ in nets],
            learning_rate=[settings[n].get("learning_rate", 0.01) for n, _ in nets],
            num_iterations=num_iterations, record_every=record_every)
        for (name, _), res in zip(nets, results):
            out.setdefault(name, []).append(res)
    return {name: out[name] for name in settings}
