r"""Numeric helpers of notebook 03 (L2 regularization), floor 3: no matplotlib.

* Penalty variants next to the course's L2 (which lives in :mod:`course_utils.nn`):
  L1, and L2 that also regularizes the biases, with :func:`train_variant`, a
  plain gradient-descent loop that trains with any of them.
* The weight-decay identity: :func:`weight_decay_step` vs :func:`gradient_step`.
* A lambd sweep (:func:`lambd_sweep`) over seeds, with the choice on the dev set.
* Why L2 helps: the share of tanh units in their near-linear region, the length
  of the decision boundary and how linear the network's logit is.
* Small measures: near-zero weight share, grid disagreement of two networks,
  monotonicity of a cost curve.

The measures live in :mod:`course_utils.model_measures` and are re-exported here.

Penalties, for :math:`m` training examples (the lecture's conventions):

.. math::
    \text{L2: } \frac{\lambda}{2m}\sum_l \|W^{[l]}\|_F^2 \qquad
    \text{L1: } \frac{\lambda}{2m}\sum_l \|W^{[l]}\|_1 \qquad
    \text{L2 on b too: } \frac{\lambda}{2m}\sum_l \left(\|W^{[l]}\|_F^2 + \|b^{[l]}\|_2^2\right)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._checks import (
    check_choice,
    check_lambd,
    check_n_examples,
    check_nonneg_int,
    check_positive_float,
)
from ..initializers import initialize_parameters
from ..metrics import network_accuracy, proba_accuracy, weight_norm2
from ..nn import (
    backward_unchecked,
    check_params,
    cross_entropy_unchecked,
    forward_unchecked,
)
from ..train import History, TrainResult, check_start_params, check_train_args, train
from .l2_measures import (
    boundary_length,
    grid_disagreement,
    linear_fit_r2,
    linear_regime_share,
    monotonicity,
    near_zero_share,
)

__all__ = ["PENALTIES", "penalty", "penalty_gradients", "train_variant", "gradient_step",
           "weight_decay_step", "max_abs_difference", "converged_callback", "SweepResult",
           "lambd_sweep", "is_dead", "near_zero_share", "linear_regime_share",
           "boundary_length", "linear_fit_r2", "grid_disagreement", "monotonicity"]

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


# --------------------------------------------------------------------------- sweep
def converged_callback(rtol: float = 1e-6):
    """A ``train`` callback that stops once the cost changed by less than ``rtol``
    (relative) between two records: the remaining iterations would not move it."""
    rtol = check_positive_float(rtol, "rtol")

    def callback(iteration, params, history):
        c = history.cost
        return len(c) >= 2 and abs(c[-2] - c[-1]) <= rtol * abs(c[-2])
    return callback


def is_dead(params, X, hidden_activation: str = "relu") -> bool:
    """True when the network predicts the same class for every column of X (2, m):
    e.g. a ReLU network whose units all died, stuck at the majority class."""
    AL = forward_unchecked(np.asarray(X, dtype=float), params, hidden_activation, "sigmoid")[0]
    pred = AL > 0.5
    return bool(pred.all() or not pred.any())


@dataclass
class SweepResult:
    """Networks trained for every (lambd, seed) pair; arrays have shape (n_lambd, n_seeds).

    ``weight_norm`` is :math:`\\sqrt{\\sum_l \\|W^{[l]}\\|_F^2}`; ``dead`` marks networks
    that predict one class everywhere; :meth:`mean_std` leaves out the seeds that are
    dead at the smallest lambd (:attr:`failed_seeds`).
    """

    lambds: np.ndarray
    seeds: list
    train_acc: np.ndarray
    dev_acc: np.ndarray
    test_acc: np.ndarray
    weight_norm: np.ndarray
    iterations: np.ndarray
    dead: np.ndarray
    params: list = field(repr=False, default_factory=list)
    settings: dict = field(default_factory=dict)

    @property
    def failed_seeds(self) -> np.ndarray:
        """(n_seeds,) bool: seeds whose network at the smallest lambd is dead. A network
        that dies without (or with the least) regularization is a failed initialization,
        whatever lambd; one that dies only at a large lambd is an effect of lambd and stays."""
        return self.dead[int(np.argmin(self.lambds))].copy()

    def mean_std(self, metric: str):
        """Mean and std over the seeds that did not fail (:attr:`failed_seeds`), for each
        lambd: two (n_lambd,) arrays."""
        if metric not in ("train_acc", "dev_acc", "test_acc", "weight_norm", "iterations"):
            raise ValueError(f"Unknown metric {metric!r}. Valid names: 'train_acc', 'dev_acc', "
                             f"'test_acc', 'weight_norm', 'iterations'.")
        a = getattr(self, metric).astype(float)[:, ~self.failed_seeds]
        if a.shape[1] == 0:
            nan = np.full(self.lambds.size, np.nan)
            return nan, nan.copy()
        return a.mean(axis=1), a.std(axis=1)

    def best_lambd(self) -> float:
        """The lambd with the highest mean dev accuracy (ties: the larger lambd, the simpler model)."""
        mean, _ = self.mean_std("dev_acc")
        best = np.flatnonzero(mean >= np.nanmax(mean) - 1e-12)
        return float(self.lambds[best[-1]])


def lambd_sweep(split, lambds, seeds=(0, 1, 2), layer_dims=(2, 20, 3, 1),
                hidden_activation: str = "relu", init: str = "xavier",
                learning_rate: float = 0.3, num_iterations: int = 30000,
                rtol: float | None = 1e-6, record_every: int = 1000) -> SweepResult:
    """Train one network per (lambd, seed) with :func:`course_utils.train.train`.

    Parameters
    ----------
    split : a :class:`course_utils.data.Split` (train, dev and optionally test)
    lambds : sorted sequence of L2 strengths >= 0
    seeds : initialization seeds
    rtol : stop a run early once its cost changes by less than ``rtol`` (relative)
        between two records (``None``: always run ``num_iterations``).

    Returns
    -------
    SweepResult
    """
    lam = np.array([check_lambd(float(v)) for v in np.atleast_1d(lambds)])
    if lam.size == 0:
        raise ValueError("lambds must hold at least one value, e.g. [0, 0.1, 1].")
    seeds = [check_nonneg_int(s, "seed") for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. (0, 1, 2).")
    cb = None if rtol is None else converged_callback(rtol)
    shape = (lam.size, len(seeds))
    tr, dv, te, wn, its = (np.zeros(shape) for _ in range(5))
    dead = np.zeros(shape, dtype=bool)
    params = []
    has_test = split.X_test is not None
    for i, lv in enumerate(lam):
        row = []
        for j, s in enumerate(seeds):
            r = train(split.X_train, split.Y_train, list(layer_dims),
                      hidden_activation=hidden_activation, init=init,
                      learning_rate=learning_rate, num_iterations=num_iterations, lambd=lv,
                      record_every=record_every, callback=cb, seed=s)
            p = r.params
            acc = [network_accuracy(p, X, Y, hidden_activation) for X, Y in
                   ((split.X_train, split.Y_train), (split.X_dev, split.Y_dev))]
            tr[i, j], dv[i, j] = acc
            te[i, j] = network_accuracy(p, split.X_test, split.Y_test, hidden_activation) \
                if has_test else np.nan
            wn[i, j] = np.sqrt(r.history.weight_norm2[-1])
            its[i, j] = r.history.iterations[-1]
            dead[i, j] = is_dead(p, split.X_train, hidden_activation)
            row.append(p)
        params.append(row)
    settings = dict(layer_dims=list(layer_dims), hidden_activation=hidden_activation, init=init,
                    learning_rate=learning_rate, num_iterations=num_iterations, rtol=rtol)
    return SweepResult(lam, seeds, tr, dv, te, wn, its, dead, params, settings)
