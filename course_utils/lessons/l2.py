r"""Numeric helpers of notebook 03 (L2 regularization), floor 4: no matplotlib.

* Penalty variants next to the course's L2 (which lives in :mod:`course_utils.nn`):
  L1, and L2 that also regularizes the biases, with :func:`train_variant`, a plain
  gradient-descent loop that trains one network with any of them, and
  :func:`train_variants`, the same algorithm for K networks at once (sweeps over seeds).
* The weight-decay identity: :func:`weight_decay_step` vs :func:`gradient_step`.
* Re-exported from :mod:`.l2_sweep`: the lambd sweep (:func:`lambd_sweep`), its tables
  and the course's reference results; from :mod:`.l2_measures`: why L2 helps (the share
  of tanh units in their near-linear region, the length of the decision boundary, how
  linear the network's logit is) and small measures (near-zero weight share, grid
  disagreement of two networks, monotonicity of a cost curve).

Penalties, for :math:`m` training examples (the lecture's conventions):

.. math::
    \text{L2: } \frac{\lambda}{2m}\sum_l \|W^{[l]}\|_F^2 \qquad
    \text{L1: } \frac{\lambda}{2m}\sum_l \|W^{[l]}\|_1 \qquad
    \text{L2 on b too: } \frac{\lambda}{2m}\sum_l \left(\|W^{[l]}\|_F^2
    + \|b^{[l]}\|_2^2\right)
"""
from __future__ import annotations

import numpy as np

from .._checks import (
    check_choice,
    check_lambd,
    check_n_examples,
    check_nonneg_int,
    check_positive_float,
)
from ..activations import ACTIVATIONS, sigmoid
from ..initializers import initialize_parameters
from ..metrics import proba_accuracy, weight_norm2
from ..nn import (
    backward_unchecked,
    check_params,
    cross_entropy_unchecked,
    forward_unchecked,
)
from ..train import History, TrainResult
from ..train_args import check_start_params, check_train_args, copy_params
from .l2_measures import (
    boundary_length,
    grid_disagreement,
    linear_fit_r2,
    linear_regime_share,
    monotonicity,
    near_zero_share,
)
from .l2_sweep import (
    COURSE_REFERENCE,
    SweepResult,
    below,
    converged_callback,
    dead_layer_callback,
    format_reference_table,
    format_sweep_table,
    lambd_sweep,
)

__all__ = ["PENALTIES", "penalty", "penalty_gradients", "train_variant", "train_variants",
           "gradient_step", "weight_decay_step", "max_abs_difference", "converged_callback",
           "dead_layer_callback", "SweepResult", "lambd_sweep", "COURSE_REFERENCE",
           "format_sweep_table", "format_reference_table", "below", "near_zero_share",
           "linear_regime_share", "boundary_length", "linear_fit_r2", "grid_disagreement",
           "monotonicity"]

PENALTIES = {"l2": "L2 on W (the course's choice)", "l1": "L1 on W",
             "l2_with_b": "L2 on W and b"}
"""Penalty variants by name."""


# --------------------------------------------------------------------------- penalties
def penalty(params, lambd: float, m: int, kind: str = "l2") -> float:
    """Value of the regularization term of ``kind`` (see the module formulas).

    Parameters
    ----------
    params : dict ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``
    lambd : strength >= 0 ; m : number of training examples ; kind : key of :data:`PENALTIES`
    """
    L = check_params(params)
    check_choice(kind, PENALTIES, "penalty kind")
    lambd, m = check_lambd(lambd), check_n_examples(m)
    W = [params[f"W{l}"] for l in range(1, L + 1)]
    if kind == "l1":
        return float(lambd / (2 * m) * sum(np.abs(w).sum() for w in W))
    total = sum(np.sum(w * w) for w in W)
    if kind == "l2_with_b":
        total += sum(np.sum(params[f"b{l}"] ** 2) for l in range(1, L + 1))
    return float(lambd / (2 * m) * total)


def penalty_gradients(params, lambd: float, m: int, kind: str = "l2") -> dict:
    """Gradient of :func:`penalty`: a dict ``{"dW1": ..., "db1": ...}`` (shapes of params).

    L2: ``(lambd/m) W`` (``db`` zero); L1: ``(lambd/2m) sign(W)`` (a subgradient, 0 at 0);
    L2 on b too: ``(lambd/m) W`` and ``(lambd/m) b``.
    """
    L = check_params(params)
    check_choice(kind, PENALTIES, "penalty kind")
    lambd, m = check_lambd(lambd), check_n_examples(m)
    return _penalty_gradients(params, lambd, m, kind, L)


def _penalty_gradients(params, lambd, m, kind, L):
    out = {}
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        out[f"dW{l}"] = (lambd / (2 * m)) * np.sign(W) if kind == "l1" else (lambd / m) * W
        out[f"db{l}"] = (lambd / m) * b if kind == "l2_with_b" else np.zeros_like(b)
    return out


def train_variant(X, Y, layer_dims, *, kind: str = "l2", lambd: float = 0.0,
                  hidden_activation: str = "relu", init: str = "xavier",
                  learning_rate: float = 0.3, num_iterations: int = 1000,
                  record_every: int = 100, params: dict | None = None,
                  seed: int | None = 0, rtol: float | None = None) -> TrainResult:
    """Full-batch gradient descent with a penalty of any ``kind`` (sigmoid output).

    The same algorithm as :func:`course_utils.train.train` (whose ``lambd`` is the
    ``"l2"`` kind), written plainly: backprop of the data term, plus
    :func:`penalty_gradients`, then ``theta -= alpha * dtheta``. ``history.cost``
    includes the penalty, ``history.data_cost`` does not.

    Parameters
    ----------
    X : (n_x, m) ; Y : (1, m)
    layer_dims : ``[n_x, ..., 1]``
    kind : key of :data:`PENALTIES` ; lambd : strength >= 0
    params : warm start (copied); otherwise initialized with ``init`` and ``seed``.
    rtol : stop once the cost changed by less than ``rtol`` (relative) between two
        records, like :func:`converged_callback` (``None``: run all iterations).
    """
    check_choice(kind, PENALTIES, "penalty kind")
    setup = check_train_args(X, Y, layer_dims, hidden_activation=hidden_activation, init=init,
                             learning_rate=learning_rate, num_iterations=num_iterations,
                             lambd=lambd, record_every=record_every)
    X, Y, dims = setup.X, setup.Y, setup.dims
    lambd, lr = setup.lambd, setup.learning_rate
    n_it, every = setup.num_iterations, setup.record_every
    rtol = None if rtol is None else check_positive_float(rtol, "rtol")
    if params is None:
        params = initialize_parameters(dims, init, seed=seed)
    else:
        params = check_start_params(params, dims)
    L, m = len(dims) - 1, X.shape[1]
    hist = History()
    reason = "completed all iterations"
    with np.errstate(over="ignore", invalid="ignore"):
        for it in range(n_it + 1):
            AL, caches = forward_unchecked(X, params, hidden_activation, "sigmoid")
            if it % every == 0 or it == n_it:
                data = cross_entropy_unchecked(caches[-1].Z, Y, "sigmoid")
                w2 = weight_norm2(params)
                hist.iterations.append(it)
                hist.data_cost.append(data)
                hist.cost.append(data + (penalty(params, lambd, m, kind) if lambd else 0.0))
                hist.weight_norm2.append(w2)
                hist.train_accuracy.append(proba_accuracy(AL, Y))
                c = hist.cost
                if rtol is not None and len(c) >= 2 and abs(c[-2] - c[-1]) <= rtol * abs(c[-2]):
                    reason = f"converged at iteration {it} (cost change below rtol = {rtol})"
                    break
            if it == n_it:
                break
            grads = backward_unchecked(AL, Y, caches, params, hidden_activation, 0.0)
            extra = _penalty_gradients(params, lambd, m, kind, L) if lambd else None
            for key in params:
                g = grads["d" + key] if extra is None else grads["d" + key] + extra["d" + key]
                params[key] = params[key] - lr * g
    return TrainResult(params, hist, reason, it)


def _history_record(hist, it, AL, ZL, Y, params, lambd, m, kind):
    """Append one record to ``hist`` (as :func:`train_variant` does); return the cost's
    change since the previous record (None at the first record)."""
    data = cross_entropy_unchecked(ZL, Y, "sigmoid")
    hist.iterations.append(it)
    hist.data_cost.append(data)
    hist.cost.append(data + (penalty(params, lambd, m, kind) if lambd else 0.0))
    hist.weight_norm2.append(weight_norm2(params))
    hist.train_accuracy.append(proba_accuracy(AL, Y))
    c = hist.cost
    return abs(c[-2] - c[-1]) if len(c) >= 2 else None


def train_variants(X, Y, layer_dims, *, seeds=(0,), kind: str = "l2", lambd=0.0,
                   hidden_activation: str = "relu", init: str = "xavier",
                   learning_rate: float = 0.3, num_iterations: int = 1000,
                   record_every: int = 100, rtol: float | None = None) -> list[TrainResult]:
    """:func:`train_variant` for K networks at once, one per seed (same results to round-off).

    The K networks' weights are stacked, ``W[l]`` of shape (K, n_l, n_{l-1}), so one
    ``np.matmul`` serves them all; a network that meets ``rtol`` stops on its own and
    leaves the stack.

    Parameters
    ----------
    X : (n_x, m) ; Y : (1, m)
    layer_dims : ``[n_x, ..., 1]``
    seeds : K initialization seeds
    kind : key of :data:`PENALTIES` (shared)
    lambd : strength >= 0, one for all or a sequence of K
    rtol : as in :func:`train_variant`

    Returns
    -------
    list of K :class:`course_utils.train.TrainResult`, in seed order.
    """
    check_choice(kind, PENALTIES, "penalty kind")
    seeds = [check_nonneg_int(s, "seed") for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. (0, 1, 2).")
    lams = [lambd] * len(seeds) if np.ndim(lambd) == 0 else list(lambd)
    if len(lams) != len(seeds):
        raise ValueError(f"lambd must be one number or one per seed: got {len(lams)} values "
                         f"for {len(seeds)} seeds.")
    lams = [check_lambd(v) for v in lams]
    setup = check_train_args(X, Y, layer_dims, hidden_activation=hidden_activation, init=init,
                             learning_rate=learning_rate, num_iterations=num_iterations,
                             record_every=record_every)
    X, Y, dims, lr = setup.X, setup.Y, setup.dims, setup.learning_rate
    rtol = None if rtol is None else check_positive_float(rtol, "rtol")
    L, m, act = len(dims) - 1, X.shape[1], ACTIVATIONS[hidden_activation]
    starts = [initialize_parameters(dims, init, seed=s) for s in seeds]
    W = [np.stack([p[f"W{l}"] for p in starts]) for l in range(1, L + 1)]
    b = [np.stack([p[f"b{l}"] for p in starts]) for l in range(1, L + 1)]
    live = list(range(len(seeds)))                    # network index of each stack row
    hists = [History() for _ in seeds]
    results: list = [None] * len(seeds)

    def params_of(j):
        return {k: v for l in range(L)
                for k, v in ((f"W{l + 1}", W[l][j]), (f"b{l + 1}", b[l][j]))}

    with np.errstate(over="ignore", invalid="ignore"):
        for it in range(setup.num_iterations + 1):
            A, cache = X, []
            for l in range(L):
                Z = np.matmul(W[l], A) + b[l]
                cache.append((A, Z))
                A = act.forward(Z) if l < L - 1 else sigmoid(Z)
            AL, last = A, it == setup.num_iterations
            if it % setup.record_every == 0 or last:
                stop = []
                for j, k in enumerate(live):
                    p = params_of(j)
                    change = _history_record(hists[k], it, AL[j], cache[-1][1][j], Y, p,
                                             lams[k], m, kind)
                    if last or (rtol is not None and change is not None
                                and change <= rtol * abs(hists[k].cost[-2])):
                        reason = "completed all iterations" if last else \
                            f"converged at iteration {it} (cost change below rtol = {rtol})"
                        results[k] = TrainResult(copy_params(p), hists[k], reason, it)
                        stop.append(j)
                if stop:
                    keep = [j for j in range(len(live)) if j not in stop]
                    if not keep:
                        break
                    live = [live[j] for j in keep]
                    W, b, AL = [w[keep] for w in W], [v[keep] for v in b], AL[keep]
                    cache = [(A if l == 0 else A[keep], Z[keep])
                             for l, (A, Z) in enumerate(cache)]
            lam = np.array([lams[k] for k in live]).reshape(-1, 1, 1)
            dZ, dA = AL - Y, None      # dA is set by the layer above before it is used
            for l in range(L - 1, -1, -1):
                A_prev, Z = cache[l]
                if l < L - 1:
                    dZ = act.backward(dA, Z, cache[l + 1][0])
                dW = np.matmul(dZ, A_prev.swapaxes(-1, -2)) / m
                db = dZ.sum(axis=-1, keepdims=True) / m
                if l:
                    dA = np.matmul(W[l].swapaxes(-1, -2), dZ)
                if kind == "l1":
                    dW = dW + (lam / (2 * m)) * np.sign(W[l])
                else:
                    dW = dW + (lam / m) * W[l]
                    if kind == "l2_with_b":
                        db = db + (lam / m) * b[l]
                W[l] = W[l] - lr * dW
                b[l] = b[l] - lr * db
    return results


# --------------------------------------------------------------------------- weight decay
def gradient_step(params, grads, learning_rate: float) -> dict:
    r"""Plain step :math:`\theta \leftarrow \theta - \alpha\, d\theta` (a new dict).

    ``grads`` must already contain the L2 term, e.g. ``backward(..., lambd=lambd)``.
    """
    L = check_params(params)
    lr = check_positive_float(learning_rate, "learning_rate")
    _check_grads(grads, params, L)
    return {k: params[k] - lr * np.asarray(grads["d" + k], dtype=float) for k in params}


def weight_decay_step(params, data_grads, learning_rate: float, lambd: float, m: int) -> dict:
    r"""Weight decay: :math:`W \leftarrow (1 - \alpha\lambda/m)\,W - \alpha\, dW_{data}`,
    :math:`b \leftarrow b - \alpha\, db` (a new dict).

    ``data_grads`` are the gradients of the data term only (``backward(..., lambd=0)``).
    """
    L = check_params(params)
    lr = check_positive_float(learning_rate, "learning_rate")
    lambd, m = check_lambd(lambd), check_n_examples(m)
    _check_grads(data_grads, params, L)
    decay = 1.0 - lr * lambd / m
    out = {}
    for k, v in params.items():
        g = np.asarray(data_grads["d" + k], dtype=float)
        out[k] = (decay * v if k[0] == "W" else v) - lr * g
    return out


def _check_grads(grads, params, L):
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict like {{'dW1': ..., 'db1': ...}}, "
                        f"got {type(grads).__name__}.")
    for k in params:
        if "d" + k not in grads:
            raise ValueError(f"grads is missing 'd{k}'; pass the dict returned by backward().")
        if np.shape(grads["d" + k]) != np.shape(params[k]):
            raise ValueError(f"grads['d{k}'] has shape {np.shape(grads['d' + k])}, expected "
                             f"{np.shape(params[k])} (the shape of params['{k}']).")


def max_abs_difference(params_a, params_b) -> float:
    """Largest absolute difference between two parameter dicts with the same keys."""
    if not isinstance(params_a, dict) or not isinstance(params_b, dict) \
            or set(params_a) != set(params_b):
        raise ValueError("params_a and params_b must be dicts with the same keys, got "
                         f"{sorted(params_a) if isinstance(params_a, dict) else params_a!r} "
                         f"and {sorted(params_b) if isinstance(params_b, dict) else params_b!r}.")
    return float(max(np.max(np.abs(np.asarray(params_a[k]) - np.asarray(params_b[k])))
                     for k in params_a))


