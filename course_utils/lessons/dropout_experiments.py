r"""Notebook 04's measurements across runs: weight spreading and the keep_prob tables (floor 4).

* :func:`weight_spread` and :func:`largest_incoming_share`: does dropout spread
  a unit's weight over its inputs (claim 20)?
* :func:`increasing_step_share`: how noisy the training cost is (claim 22).
* :func:`run_experiment`, :func:`mean_std`, :func:`format_table`: every
  configuration trained with every seed, summarized as mean ± std.
"""
from __future__ import annotations

import numpy as np

from .._checks import (
    as_float_array,
    check_choice,
    check_nonneg_int,
    check_params,
    check_X,
    check_XY,
)
from ..activations import ACTIVATIONS
from ..metrics import is_collapsed, proba_accuracy, weight_norm2
from ..nn import forward_unchecked
from .dropout import predict_with, train_dropout

__all__ = ["largest_incoming_share", "weight_spread", "increasing_step_share",
           "run_experiment", "mean_std", "format_table"]


def largest_incoming_share(W) -> np.ndarray:
    r"""Per unit, the share of its squared incoming weight held by its largest input.

    .. math:: s_i = \max_j W_{ij}^2 / \sum_j W_{ij}^2

    ``1/n_{l-1}`` means perfectly spread, 1 means the unit listens to one input only.

    Parameters
    ----------
    W : (n_l, n_{l-1})

    Returns
    -------
    shares : (n_l,) in [1/n_{l-1}, 1] (NaN for an all-zero row)
    """
    W = as_float_array(W, "W", ndim=2)
    sq = W ** 2
    tot = sq.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, sq.max(axis=1) / np.where(tot > 0, tot, 1.0), np.nan)


def weight_spread(params, layer: int | None = None, X=None,
                  hidden_activation: str = "relu") -> dict:
    r"""Weight measures of claim 20.

    Parameters
    ----------
    params : parameter dict of an L-layer network
    layer : the weight matrix to inspect (default 2: the one fed by hidden layer 1)
    X : (n_x, m), optional; adds the activation-weighted norm (below)

    Returns
    -------
    dict with ``norm2`` (:math:`\sum_l \|W^{[l]}\|_F^2`), ``norm2_layer``
    (:math:`\|W^{[layer]}\|_F^2`), ``max_share`` (mean over the units of ``layer`` of
    :func:`largest_incoming_share`) and, with ``X``, ``weighted_norm2``
    :math:`= \sum_{i,j} W_{ij}^2\, \overline{a_j^2}`, the squared weights weighted by the
    mean squared activation of their input (no dropout). Dropout at rate
    :math:`1-p` on those inputs adds :math:`\frac{1-p}{p}\sum_j W_{ij}^2 a_j^2` of
    variance to :math:`z_i`: this is the norm its noise penalizes.
    """
    L = check_params(params)
    layer = 2 if layer is None else layer
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 1 <= layer <= L:
        raise ValueError(f"layer must be an integer from 1 to {L} (the number of layers), "
                         f"got {layer!r}.")
    W = params[f"W{layer}"]
    out = {"norm2": weight_norm2(params),
           "norm2_layer": float(np.sum(W ** 2)),
           "max_share": float(np.nanmean(largest_incoming_share(W)))}
    if X is not None:
        X = check_X(X, "X", params["W1"].shape[1])
        check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
        A = X if layer == 1 else \
            forward_unchecked(X, params, hidden_activation, "sigmoid")[1][layer - 2].A
        out["weighted_norm2"] = float(np.sum(W ** 2 * np.mean(A ** 2, axis=1)[None, :]))
    return out


def increasing_step_share(costs, rtol: float = 1e-9) -> float:
    """Share of consecutive recorded steps at which the cost went up (0 = monotone decrease).

    Parameters
    ----------
    costs : (k,) recorded costs, k >= 2
    rtol : rises smaller than ``rtol * |cost|`` (round-off on a plateau) do not count
    """
    c = as_float_array(costs, "costs", ndim=1)
    if c.size < 2:
        raise ValueError(f"costs needs at least 2 values to count steps, got {c.size}.")
    return float(np.mean(np.diff(c) > rtol * np.abs(c[:-1])))


def run_experiment(X, Y, configs: dict, seeds, X_dev=None, Y_dev=None, X_test=None, Y_test=None,
                   layer_dims=(2, 20, 3, 1), learning_rate: float = 0.3,
                   num_iterations: int = 30000, record_every: int = 100) -> dict:
    """Train every configuration with every seed and measure the run.

    Parameters
    ----------
    X, Y : training set (n_x, m), (1, m); X_dev/Y_dev, X_test/Y_test optional
    configs : dict name -> keyword arguments of :func:`train_dropout`
        (``keep_probs``, ``policy``, ``lambd``, ``layer_dims``, ``num_iterations``...)
    seeds : iterable of int

    Returns
    -------
    dict name -> list (one per seed) of dicts with ``seed``, ``train``, ``dev``, ``test``
    (accuracies, NaN without that set), ``norm2``, ``norm2_layer``, ``max_share``,
    ``weighted_norm2`` (:func:`weight_spread` on the training set), ``cost`` (array), ``iterations`` (array), ``params`` and
    ``collapsed`` (:func:`course_utils.metrics.is_collapsed` on the training set).
    """
    if not isinstance(configs, dict) or not configs:
        raise TypeError(f"configs must be a non-empty dict name -> dict of train_dropout "
                        f"arguments, got {type(configs).__name__}.")
    seeds = [check_nonneg_int(s, "seed") for s in seeds]
    if not seeds:
        raise ValueError("seeds is empty; pass e.g. range(5).")
    X, Y = check_XY(X, Y, n_classes=1)
    sets = [("train", X, Y), ("dev", X_dev, Y_dev), ("test", X_test, Y_test)]
    out = {}
    for name, cfg in configs.items():
        if not isinstance(cfg, dict):
            raise TypeError(f"configs[{name!r}] must be a dict of train_dropout arguments, "
                            f"got {type(cfg).__name__}.")
        kw = {"layer_dims": layer_dims, "learning_rate": learning_rate,
              "num_iterations": num_iterations, "record_every": record_every,
              "keep_probs": None, **cfg}
        rows = []
        for s in seeds:
            run = train_dropout(X, Y, seed=s, **kw)
            row = {"seed": s, "params": run.params, "cost": np.asarray(run.cost),
                   "iterations": np.asarray(run.iterations)}
            for key, Xs, Ys in sets:
                row[key] = float("nan") if Xs is None else \
                    proba_accuracy(predict_with(Xs, run.params), Ys)
            row.update(weight_spread(run.params, X=X,
                                     hidden_activation=kw.get("hidden_activation", "relu")))
            row["collapsed"] = is_collapsed(run.params, X, Y, kw.get("hidden_activation", "relu"))
            rows.append(row)
        out[name] = rows
    return out


def mean_std(rows, key: str, skip_collapsed: bool = False):
    """Mean and standard deviation of ``row[key]`` over the runs of one configuration.

    ``skip_collapsed=True`` averages only the runs that trained (``not row["collapsed"]``);
    NaNs are returned when none did.
    """
    vals = np.array([r[key] for r in rows if not (skip_collapsed and r["collapsed"])],
                    dtype=float)
    if vals.size == 0:
        return float("nan"), float("nan")
    return float(np.mean(vals)), float(np.std(vals))


def format_table(results: dict, keys=("train", "dev", "test"), percent: bool = True,
                 skip_collapsed: bool = False) -> str:
    """A text table: one line per configuration, ``mean ± std`` over seeds for each key.

    The last column counts the collapsed runs; ``skip_collapsed`` leaves them out of the
    means.
    """
    width = max(len(n) for n in results) + 2
    lines = [" " * width + "".join(f"{k:>16}" for k in keys) + "   collapsed runs"]
    for name, rows in results.items():
        cells = []
        for k in keys:
            m, s = mean_std(rows, k, skip_collapsed)
            cells.append(f"{100 * m:6.1f} ± {100 * s:4.1f} %" if percent else f"{m:8.3f} ± {s:5.3f}")
        n_bad = sum(r["collapsed"] for r in rows)
        lines.append(f"{name:<{width}}" + "".join(f"{c:>16}" for c in cells)
                     + f"   {n_bad}/{len(rows)}")
    return "\n".join(lines)
