r"""Notebook 06 (early stopping): the rule on a recorded curve, and against an L2 sweep (floor 4).

Early stopping watches the dev error :math:`e_t` at every record :math:`t`; it keeps
the best record :math:`t^* = \arg\min_t e_t` (the *first* one on ties) and stops
when ``patience`` records in a row brought no improvement larger than
``min_delta``. With ``restore_best`` the network returned is the one of :math:`t^*`,
not the last one. :func:`early_stop_on_curve` replays this rule on a recorded
curve and agrees with :class:`course_utils.train.EarlyStopping`.
"""
from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from .._checks import as_float_array, check_lambd, check_nonneg_int, check_positive_int
from ..metrics import error_rate, grid_proba, weight_norm2
from ..train import EarlyStopping, train

__all__ = ["StopPoint", "early_stop_on_curve", "compare_early_stopping_l2", "summarize_comparison", "boundary_grid",
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


def compare_early_stopping_l2(split, layer_dims, lambdas, seeds, num_iterations: int,
                              patience: int, record_every: int = 100,
                              learning_rate: float = 0.5, hidden_activation: str = "relu",
                              init: str = "he", monitor: str = "dev_cost") -> dict:
    """Early stopping (one run) vs an L2 sweep (one full run per lambda), for each seed.

    Both strategies select on the **dev** set; the **test** error of the selected
    network is the fair comparison (dev error of a selection is optimistic).

    Parameters
    ----------
    split : a :class:`course_utils.data.Split` with train, dev and test
    layer_dims : network sizes ``[n_x, ..., 1]``
    lambdas : L2 strengths of the sweep (k values, each trained ``num_iterations``)
    seeds : initialization seeds (one comparison per seed)
    num_iterations : budget of the early-stopping run and of each L2 run
    patience : records without improvement before stopping
    record_every, learning_rate, hidden_activation, init : training settings shared by all runs
    monitor : what early stopping watches, ``"dev_cost"`` or ``"dev_error"``

    Returns
    -------
    dict of arrays over seeds: ``es_dev``, ``es_test``, ``es_iterations`` (iterations
    actually run), ``es_best_iteration``, ``es_norm2``; ``l2_dev``, ``l2_test``,
    ``l2_iterations`` (k x num_iterations), ``l2_lambda`` (chosen), ``l2_norm2``; and
    ``l2_dev_all`` (seeds, k) with the dev error of every lambda; ``lambdas``.
    """
    lambdas = [check_lambd(l) for l in lambdas]
    if not lambdas:
        raise ValueError("lambdas must hold at least one L2 strength, e.g. [0.1, 1, 10].")
    seeds = [int(s) for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. range(5).")
    if split.X_test is None:
        raise ValueError("split needs a test set (X_test, Y_test) for the fair comparison; "
                         "use a three-way train_dev_test_split.")
    kw = dict(hidden_activation=hidden_activation, learning_rate=learning_rate, init=init,
              X_dev=split.X_dev, Y_dev=split.Y_dev, record_every=record_every)
    out = {k: [] for k in ("es_dev", "es_test", "es_iterations", "es_best_iteration", "es_norm2",
                           "l2_dev", "l2_test", "l2_iterations", "l2_lambda", "l2_norm2",
                           "l2_dev_all")}
    for s in seeds:
        es = EarlyStopping(patience=patience, monitor=monitor, restore_best=True)
        r = train(split.X_train, split.Y_train, layer_dims, num_iterations=num_iterations,
                  early_stopping=es, seed=s, **kw)
        out["es_dev"].append(error_rate(r.params, split.X_dev, split.Y_dev, hidden_activation))
        out["es_test"].append(error_rate(r.params, split.X_test, split.Y_test, hidden_activation))
        out["es_iterations"].append(r.stopped_iteration)
        out["es_best_iteration"].append(r.best_iteration)
        out["es_norm2"].append(weight_norm2(r.params))
        devs, fits = [], []
        for lam in lambdas:
            p = train(split.X_train, split.Y_train, layer_dims, num_iterations=num_iterations,
                      lambd=lam, seed=s, **{**kw, "record_every": num_iterations}).params
            devs.append(error_rate(p, split.X_dev, split.Y_dev, hidden_activation))
            fits.append(p)
        j = int(np.argmin(devs))  # first best on ties: the smallest lambda listed first
        out["l2_dev"].append(devs[j])
        out["l2_test"].append(error_rate(fits[j], split.X_test, split.Y_test, hidden_activation))
        out["l2_iterations"].append(len(lambdas) * num_iterations)
        out["l2_lambda"].append(lambdas[j])
        out["l2_norm2"].append(weight_norm2(fits[j]))
        out["l2_dev_all"].append(devs)
    res = {k: np.asarray(v, dtype=float) for k, v in out.items()}
    res["lambdas"] = np.asarray(lambdas)
    res["seeds"] = np.asarray(seeds)
    return res


def summarize_comparison(res: dict) -> list[tuple[str, str, str]]:
    """Rows ``(quantity, early stopping, L2 sweep)`` as mean ± std strings over seeds."""
    def ms(x, pct=False, fmt="{:.0f}"):
        x = np.asarray(x, dtype=float)
        if pct:
            return f"{100 * x.mean():.1f}% ± {100 * x.std():.1f}"
        return f"{fmt.format(x.mean())} ± {fmt.format(x.std())}"
    return [
        ("dev error of the selected network", ms(res["es_dev"], True), ms(res["l2_dev"], True)),
        ("test error of the selected network", ms(res["es_test"], True), ms(res["l2_test"], True)),
        ("gradient-descent iterations spent", ms(res["es_iterations"]),
         ms(res["l2_iterations"])),
        ("runs of training", "1", f"{len(res['lambdas'])}"),
        ("||W||_F^2 of the selected network", ms(res["es_norm2"], fmt="{:.1f}"),
         ms(res["l2_norm2"], fmt="{:.1f}")),
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
