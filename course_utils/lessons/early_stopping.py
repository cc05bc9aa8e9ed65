r"""Notebook 06 (early stopping): the rule on a recorded curve, and against an L2 sweep (floor 4).

Early stopping watches a dev quantity :math:`e_t` (the dev cost or the dev error) at
every record :math:`t`; it keeps the best record :math:`t^* = \arg\min_t e_t` (the
*first* one on ties). ``patience`` is the number of records in a row without an
improvement larger than ``min_delta`` that it tolerates: training stops at the next
one, record :math:`t^* + p + 1` when nothing improves. With ``restore_best`` the
network returned is the one of :math:`t^*`, not the last one.
:func:`early_stop_on_curve` replays this rule on a recorded curve and agrees with
:class:`course_utils.train.EarlyStopping` record for record.
"""
from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from .._checks import as_float_array, check_lambd, check_nonneg_int, check_positive_int
from ..metrics import error_rate, grid_proba, weight_norm2
from ..train import EarlyStopping
from ..train_batched import train_batched

__all__ = ["StopPoint", "early_stop_on_curve", "weight_distance2", "replay_early_stopping",
           "l2_sweep", "compare_early_stopping_l2", "summarize_comparison", "boundary_grid",
           "error_curve"]


class StopPoint(NamedTuple):
    """Where early stopping stops on a curve (indices into the records)."""

    stop_index: int    # record at which training stops (last record if it never stops)
    best_index: int    # record whose parameters are restored
    stopped: bool      # False when the curve ended before patience ran out


def early_stop_on_curve(values, patience: int, min_delta: float = 0.0) -> StopPoint:
    """Replay early stopping on a recorded dev curve (lower is better).

    Record ``t`` improves when ``values[t] < best - min_delta``; after ``patience``
    records in a row without improvement, training stops at the next one
    (``stop_index = best_index + patience + 1`` when nothing improves meanwhile).

    Parameters
    ----------
    values : (T,) dev error or dev cost per record
    patience : int >= 0 ; min_delta : float >= 0
    """
    v = as_float_array(values, "values", ndim=1)
    if v.size == 0:
        raise ValueError("values is empty; pass the dev curve recorded during training.")
    patience = check_nonneg_int(patience, "patience")
    if isinstance(min_delta, bool) or not isinstance(min_delta, numbers.Real) or min_delta < 0:
        raise ValueError(f"min_delta must be a number >= 0, got {min_delta!r}.")
    best, best_i, wait = np.inf, 0, 0
    for t, x in enumerate(v):
        if x < best - min_delta:
            best, best_i, wait = x, t, 0
        else:
            wait += 1
            if wait > patience:
                return StopPoint(t, best_i, True)
    return StopPoint(v.size - 1, best_i, False)


def weight_distance2(params: dict, start: dict) -> float:
    r""":math:`\sum_l \|W^{[l]} - W^{[l]}_0\|_F^2`: how far the weights moved from ``start``
    (biases not counted, as in :func:`course_utils.metrics.weight_norm2`)."""
    return float(sum(np.sum((np.asarray(params[k]) - np.asarray(start[k])) ** 2)
                     for k in params if k.startswith("W")))


def replay_early_stopping(runs, split, patience: int, monitor: str = "dev_cost",
                          hidden_activation: str = "relu") -> dict:
    """Early stopping replayed on finished long runs (no retraining), one result per run.

    Each run must come from ``train`` or ``train_batched`` with a dev set and
    ``keep_snapshots=True``. The rule of :func:`early_stop_on_curve` is applied to the
    recorded curve; the snapshot of the best record is the network early stopping
    would restore, and the stopping record is where a real early-stopped run (same
    seed and settings) would have stopped.

    Returns
    -------
    dict of arrays over runs: ``es_dev``, ``es_test`` (errors of the restored network),
    ``es_dev_cost`` (its dev cost), ``es_iterations`` (iterations an early-stopped run
    spends), ``es_best_iteration``, ``es_norm2`` and ``es_distance2`` (its
    :func:`weight_distance2` from the initialization).
    """
    if monitor not in ("dev_cost", "dev_error"):
        raise ValueError(f"Unknown monitor {monitor!r}. Valid names: 'dev_cost', 'dev_error'.")
    if split.X_test is None:
        raise ValueError("split needs a test set (X_test, Y_test) for the fair comparison; "
                         "use a three-way train_dev_test_split.")
    out = {k: [] for k in ("es_dev", "es_test", "es_dev_cost", "es_iterations",
                           "es_best_iteration", "es_norm2", "es_distance2")}
    for r in runs:
        if not r.snapshots or not r.history.dev_cost:
            raise ValueError("each run needs snapshots and a dev curve: train with X_dev, Y_dev "
                             "and keep_snapshots=True.")
        h = r.history.as_arrays()
        curve = h["dev_cost"] if monitor == "dev_cost" else 1.0 - h["dev_accuracy"]
        stop = early_stop_on_curve(curve, patience)
        best = r.snapshots[stop.best_index][1]
        out["es_dev"].append(error_rate(best, split.X_dev, split.Y_dev, hidden_activation))
        out["es_test"].append(error_rate(best, split.X_test, split.Y_test, hidden_activation))
        out["es_dev_cost"].append(h["dev_cost"][stop.best_index])
        out["es_iterations"].append(h["iterations"][stop.stop_index])
        out["es_best_iteration"].append(h["iterations"][stop.best_index])
        out["es_norm2"].append(weight_norm2(best))
        out["es_distance2"].append(weight_distance2(best, r.snapshots[0][1]))
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


def l2_sweep(split, layer_dims, lambdas, seeds, num_iterations: int, learning_rate: float = 0.5,
             hidden_activation: str = "relu", init: str = "he", select: str = "per_seed") -> dict:
    """An L2 sweep: one full run per (seed, lambda), all trained together (``train_batched``).

    The lambda with the lowest **dev cost** (cross-entropy, without the penalty) is
    selected, the first one listed on ties: for each seed on its own
    (``select="per_seed"``), or one lambda for all seeds on the dev cost averaged over
    the seeds (``select="mean"``, a less noisy judge). The **test** error of the selected
    networks is the fair comparison.

    Parameters
    ----------
    split : a :class:`course_utils.data.Split` with train, dev and test
    layer_dims : ``[n_x, ..., 1]`` ; lambdas : k L2 strengths ; seeds : initialization seeds
    num_iterations : iterations of every run ; learning_rate, hidden_activation, init : shared
    select : ``"per_seed"`` or ``"mean"``

    Returns
    -------
    dict of arrays over seeds: ``l2_dev``, ``l2_test``, ``l2_dev_cost``, ``l2_lambda``
    (chosen), ``l2_norm2``, ``l2_iterations`` (k x num_iterations); arrays (seeds, k) over
    every run: ``l2_dev_all``, ``l2_test_all``, ``l2_dev_cost_all``, ``l2_norm2_all``;
    ``lambdas`` and ``seeds``.
    """
    lambdas = [check_lambd(lam) for lam in lambdas]
    if not lambdas:
        raise ValueError("lambdas must hold at least one L2 strength, e.g. [0.1, 1, 10].")
    seeds = [int(s) for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. range(5).")
    if split.X_test is None:
        raise ValueError("split needs a test set (X_test, Y_test) for the fair comparison; "
                         "use a three-way train_dev_test_split.")
    if select not in ("per_seed", "mean"):
        raise ValueError(f"Unknown select {select!r}. Valid names: 'per_seed', 'mean'.")
    n = check_positive_int(num_iterations, "num_iterations")
    runs = train_batched(split.X_train, split.Y_train, layer_dims,
                         seeds=[s for s in seeds for _ in lambdas],
                         lambd=[lam for _ in seeds for lam in lambdas], num_iterations=n,
                         learning_rate=learning_rate, hidden_activation=hidden_activation,
                         init=init, X_dev=split.X_dev, Y_dev=split.Y_dev, record_every=n)
    shape = (len(seeds), len(lambdas))
    dev = np.array([error_rate(r.params, split.X_dev, split.Y_dev, hidden_activation)
                    for r in runs]).reshape(shape)
    dev_cost = np.array([r.history.dev_cost[-1] for r in runs]).reshape(shape)
    test = np.array([error_rate(r.params, split.X_test, split.Y_test, hidden_activation)
                     for r in runs]).reshape(shape)
    norm2 = np.array([weight_norm2(r.params) for r in runs]).reshape(shape)
    j = np.argmin(dev_cost, axis=1) if select == "per_seed" else \
        np.full(len(seeds), np.argmin(dev_cost.mean(axis=0)))     # first best on ties
    rows = np.arange(len(seeds))
    return {"l2_dev": dev[rows, j], "l2_test": test[rows, j], "l2_dev_cost": dev_cost[rows, j],
            "l2_lambda": np.asarray(lambdas)[j], "l2_norm2": norm2[rows, j],
            "l2_iterations": np.full(len(seeds), float(len(lambdas) * n)),
            "l2_dev_all": dev, "l2_test_all": test, "l2_dev_cost_all": dev_cost,
            "l2_norm2_all": norm2, "lambdas": np.asarray(lambdas, dtype=float),
            "seeds": np.asarray(seeds)}


def compare_early_stopping_l2(split, layer_dims, lambdas, seeds, num_iterations: int,
                              patience: int, record_every: int = 100,
                              learning_rate: float = 0.5, hidden_activation: str = "relu",
                              init: str = "he", monitor: str = "dev_cost") -> dict:
    """Early stopping (one run per seed) vs an L2 sweep (one full run per lambda and seed).

    The early-stopped runs train together (``train_batched`` with an
    :class:`~course_utils.train.EarlyStopping` template: each network stops on its own
    and gets its best parameters back); the sweep is :func:`l2_sweep`. Both select on
    the **dev** set; the **test** error of the selected network is the fair comparison.

    Parameters
    ----------
    split : a :class:`course_utils.data.Split` with train, dev and test
    layer_dims : network sizes ``[n_x, ..., 1]``
    lambdas : L2 strengths of the sweep (k values, each trained ``num_iterations``)
    seeds : initialization seeds (one comparison per seed)
    num_iterations : budget of the early-stopping run and of each L2 run
    patience : records without improvement that are tolerated (training stops at the next)
    record_every, learning_rate, hidden_activation, init : training settings shared by all runs
    monitor : what early stopping watches, ``"dev_cost"`` or ``"dev_error"``

    Returns
    -------
    the dict of :func:`l2_sweep` plus, over seeds, ``es_dev``, ``es_test``,
    ``es_dev_cost``, ``es_iterations`` (iterations actually run), ``es_best_iteration``
    and ``es_norm2``.
    """
    res = l2_sweep(split, layer_dims, lambdas, seeds, num_iterations, learning_rate,
                   hidden_activation, init)
    es = EarlyStopping(patience=patience, monitor=monitor, restore_best=True)
    runs = train_batched(split.X_train, split.Y_train, layer_dims, seeds=list(res["seeds"]),
                         num_iterations=num_iterations, learning_rate=learning_rate,
                         hidden_activation=hidden_activation, init=init, X_dev=split.X_dev,
                         Y_dev=split.Y_dev, record_every=record_every, early_stopping=es)
    for r in runs:
        h = r.history
        best = h.iterations.index(r.best_iteration)
        for key, value in (("es_dev", error_rate(r.params, split.X_dev, split.Y_dev,
                                                 hidden_activation)),
                           ("es_test", error_rate(r.params, split.X_test, split.Y_test,
                                                  hidden_activation)),
                           ("es_dev_cost", h.dev_cost[best]),
                           ("es_iterations", r.stopped_iteration),
                           ("es_best_iteration", r.best_iteration),
                           ("es_norm2", weight_norm2(r.params))):
            res.setdefault(key, []).append(value)
    for key in ("es_dev", "es_test", "es_dev_cost", "es_iterations", "es_best_iteration",
                "es_norm2"):
        res[key] = np.asarray(res[key], dtype=float)
    return res


def summarize_comparison(res: dict) -> list[tuple[str, str, str]]:
    """Rows ``(quantity, early stopping, L2 sweep)`` as mean ± std strings over seeds.

    ``res`` holds the keys of :func:`replay_early_stopping` (or
    :func:`compare_early_stopping_l2`) and of :func:`l2_sweep`.
    """
    def ms(x, pct=False, fmt="{:.0f}"):
        x = np.asarray(x, dtype=float)
        if pct:
            return f"{100 * x.mean():.1f}% ± {100 * x.std():.1f}"
        return f"{fmt.format(x.mean())} ± {fmt.format(x.std())}"
    return [
        ("dev cost of the selected network", ms(res["es_dev_cost"], fmt="{:.3f}"),
         ms(res["l2_dev_cost"], fmt="{:.3f}")),
        ("dev error of the selected network", ms(res["es_dev"], True), ms(res["l2_dev"], True)),
        ("test error of the selected network", ms(res["es_test"], True), ms(res["l2_test"], True)),
        ("gradient-descent iterations spent", ms(res["es_iterations"]),
         ms(res["l2_iterations"])),
        ("runs of training", "1", f"{len(res['lambdas'])}"),
        ("sum ||W||_F^2 of the selected network", ms(res["es_norm2"]), ms(res["l2_norm2"])),
    ]


def boundary_grid(params, lo, hi, resolution: int = 80, hidden_activation: str = "relu"):
    """P(y=1) of a sigmoid network on a ``resolution x resolution`` grid over ``[lo, hi]``.

    Parameters
    ----------
    lo, hi : (2,) corners of the box (x1, x2)

    Returns
    -------
    (resolution, resolution) array; row i is x2 = linspace(lo[1], hi[1])[i].
    """
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    if lo.shape != (2,) or hi.shape != (2,) or np.any(hi <= lo):
        raise ValueError(f"lo and hi must be two (x1, x2) corners with hi > lo, got {lo}, {hi}.")
    r = check_positive_int(resolution, "resolution")
    return grid_proba(params, np.linspace(lo[0], hi[0], r), np.linspace(lo[1], hi[1], r),
                      hidden_activation)


def error_curve(snapshots, X, Y, hidden_activation: str = "relu") -> np.ndarray:
    """Error on (X, Y) of every snapshot ``(iteration, params)``: shape (len(snapshots),)."""
    return np.array([error_rate(p, X, Y, hidden_activation) for _, p in snapshots])
