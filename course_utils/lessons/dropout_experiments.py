r"""Notebook 04's measurements across runs: the keep_prob tables, weight spreading (floor 4).

* :func:`run_experiment`: every configuration trained with every seed (inverted
  dropout and L2 through :func:`course_utils.train_batched.train_batched`, all at
  once; the plain and fixed mask policies through
  :func:`course_utils.lessons.dropout.train_dropout`), each run measured.
* :func:`mean_std`, :func:`paired_differences`, :func:`format_table`: summaries over
  seeds that leave out the failed runs (:func:`course_utils.metrics.is_collapsed`).
* :func:`weight_spread` and :func:`largest_incoming_share`: does dropout spread
  a unit's weight over its inputs (claim 20)?
* :func:`increasing_step_share`: how noisy the training cost is (claim 22).
* :func:`smooth_boundary_accuracy`: the accuracy of the best classifier of the
  course's diagonal-regions data (its ceiling).
* :func:`alive_units`: how many units of a hidden layer still fire (dead ReLUs).
* :func:`rescale_layer`: move scale between two layers of a ReLU network without
  changing its function (why the raw weight norm is not what dropout controls).
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
from ..data import _diagonal_score
from ..metrics import is_collapsed, proba_accuracy, weight_norm2
from ..nn import forward_unchecked
from ..train_batched import train_batched
from .dropout import MASK_POLICIES, predict_with, train_dropout

__all__ = ["largest_incoming_share", "weight_spread", "increasing_step_share",
           "smooth_boundary_accuracy", "alive_units", "rescale_layer", "run_experiment",
           "mean_std", "paired_differences", "standard_error", "format_table"]

_CONFIG_KEYS = ("keep_probs", "lambd", "policy")


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


def smooth_boundary_accuracy(X, Y, curvature: float = 0.3) -> float:
    """Accuracy of the diagonal-regions generator's own boundary on ``(X, Y)``.

    :func:`course_utils.data.make_diagonal_regions` labels a point by the side of a
    smooth curved diagonal, then flips some labels inside its noisy pockets; the
    boundary itself is the best classifier of that distribution, so its accuracy
    on a sample is the ceiling a network can reach there (up to luck).

    Parameters
    ----------
    X : (2, m); Y : (1, m) 0/1 labels
    curvature : the generator's ``curvature`` (default: that of the shipped file)
    """
    X, Y = check_XY(X, Y, n_features=2, n_classes=1)
    return float(np.mean((_diagonal_score(X, float(curvature)) > 0) == (Y > 0.5)))


def alive_units(params, X, layer: int = 2, hidden_activation: str = "relu") -> int:
    """Number of units of hidden layer ``layer`` whose activation is > 0 for some column of X.

    A ReLU unit that is 0 on every example is *dead*: it gets no gradient, so
    gradient descent cannot revive it (unless the input it sees changes, e.g. through
    dropout on the layer below). No dropout is applied here.

    Parameters
    ----------
    params : parameter dict; X : (n_x, m)
    layer : a hidden layer, 1 to L-1
    """
    L = check_params(params)
    X = check_X(X, "X", params["W1"].shape[1])
    check_choice(hidden_activation, ACTIVATIONS, "hidden_activation")
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or \
            not 1 <= layer <= L - 1:
        raise ValueError(f"layer must be a hidden layer, an integer from 1 to {L - 1}, "
                         f"got {layer!r}.")
    A = forward_unchecked(X, params, hidden_activation, "sigmoid")[1][layer - 1].A
    return int(np.sum(A.max(axis=1) > 0))


def rescale_layer(params, layer: int, c: float) -> dict:
    r"""The same ReLU network with layer ``layer`` scaled by ``c`` and the next one by ``1/c``.

    :math:`(W^{[l]}, b^{[l]}) \to c\,(W^{[l]}, b^{[l]})` and
    :math:`W^{[l+1]} \to W^{[l+1]}/c`. For ``c > 0``, ReLU is positively homogeneous
    (:math:`\max(0, cz) = c\max(0, z)`), so :math:`a^{[l]}` is multiplied by ``c`` and
    :math:`z^{[l+1]}` is unchanged: the same function (up to round-off). The bias must
    be scaled too; scaling ``W`` alone changes the function. The squared weight norm
    changes, and so does nothing else, dropout's noise included (the mask multiplies
    :math:`a^{[l]}` whatever its scale).

    Parameters
    ----------
    params : parameter dict (not modified); layer : 1 to L-1; c : float > 0
    """
    L = check_params(params)
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or \
            not 1 <= layer <= L - 1:
        raise ValueError(f"layer must be a hidden layer, an integer from 1 to {L - 1}, "
                         f"got {layer!r}.")
    if isinstance(c, bool) or not isinstance(c, (int, float, np.floating, np.integer)) or \
            not c > 0 or not np.isfinite(c):
        raise ValueError(f"c must be a positive number (ReLU commutes only with positive "
                         f"scaling), got {c!r}.")
    out = {k: np.array(v, dtype=float, copy=True) for k, v in params.items()}
    out[f"W{layer}"] *= c
    out[f"b{layer}"] *= c
    out[f"W{layer + 1}"] /= c
    return out


def _measure(params, seed, cost, iterations, sets, X, Y, hidden, history=None) -> dict:
    row = {"seed": seed, "params": params, "cost": np.asarray(cost),
           "iterations": np.asarray(iterations), "history": history}
    for key, Xs, Ys in sets:
        row[key] = float("nan") if Xs is None else \
            proba_accuracy(predict_with(Xs, params, hidden_activation=hidden), Ys)
    row.update(weight_spread(params, X=X, hidden_activation=hidden))
    row["collapsed"] = is_collapsed(params, X, Y, hidden)
    return row


def run_experiment(X, Y, configs: dict, seeds, X_dev=None, Y_dev=None, X_test=None, Y_test=None,
                   layer_dims=(2, 20, 3, 1), init: str = "he", learning_rate: float = 0.3,
                   num_iterations: int = 30000, record_every: int = 100,
                   hidden_activation: str = "relu") -> dict:
    """Train every configuration with every seed and measure each run.

    Configurations with inverted dropout (the default policy) or no dropout train
    together in one :func:`course_utils.train_batched.train_batched` call (each
    network bit for bit what ``train(..., seed=s)`` gives); the ``"plain"`` and
    ``"fixed"`` policies train with :func:`course_utils.lessons.dropout.train_dropout`.

    Parameters
    ----------
    X, Y : training set (n_x, m), (1, m); X_dev/Y_dev, X_test/Y_test optional
    configs : dict name -> dict with any of ``keep_probs`` (one per hidden layer, or one
        number; None = no dropout), ``lambd`` (L2) and ``policy`` (a key of
        :data:`course_utils.lessons.dropout.MASK_POLICIES`)
    seeds : iterable of int (the initialization and the masks of each run)
    layer_dims, init, learning_rate, num_iterations, record_every, hidden_activation :
        shared by every run

    Returns
    -------
    dict name -> list (one per seed) of dicts with ``seed``, ``train``, ``dev``, ``test``
    (accuracies, NaN without that set), ``norm2``, ``norm2_layer``, ``max_share``,
    ``weighted_norm2`` (:func:`weight_spread` on the training set), ``cost`` (the
    recorded training cost J, array), ``iterations`` (array), ``params``,
    ``collapsed`` (:func:`course_utils.metrics.is_collapsed` on the training set) and
    ``history`` (the :class:`course_utils.train.History` of an inverted-dropout run, with
    the dev accuracy at every record when a dev set is given; None for the other
    policies).
    """
    if not isinstance(configs, dict) or not configs:
        raise TypeError(f"configs must be a non-empty dict name -> dict of settings "
                        f"({', '.join(_CONFIG_KEYS)}), got {type(configs).__name__}.")
    seeds = [check_nonneg_int(s, "seed") for s in seeds]
    if not seeds:
        raise ValueError("seeds is empty; pass e.g. range(5).")
    X, Y = check_XY(X, Y, n_classes=1)
    for name, cfg in configs.items():
        if not isinstance(cfg, dict):
            raise TypeError(f"configs[{name!r}] must be a dict of settings "
                            f"({', '.join(_CONFIG_KEYS)}), got {type(cfg).__name__}.")
        unknown = sorted(set(cfg) - set(_CONFIG_KEYS))
        if unknown:
            raise ValueError(f"configs[{name!r}] has unknown setting(s) {unknown}; valid: "
                             f"{list(_CONFIG_KEYS)}.")
        check_choice(cfg.get("policy", "inverted"), MASK_POLICIES, "policy")
    sets = [("train", X, Y), ("dev", X_dev, Y_dev), ("test", X_test, Y_test)]
    shared = {"init": init, "learning_rate": learning_rate, "num_iterations": num_iterations,
              "record_every": record_every, "hidden_activation": hidden_activation}
    batched = [n for n, c in configs.items() if c.get("policy", "inverted") == "inverted"]
    out = {}
    if batched:
        results = train_batched(
            X, Y, layer_dims, seeds=[s for _ in batched for s in seeds],
            keep_probs=[configs[n].get("keep_probs") for n in batched for _ in seeds],
            lambd=[configs[n].get("lambd", 0.0) for n in batched for _ in seeds],
            X_dev=X_dev, Y_dev=Y_dev, **shared)
        for i, name in enumerate(batched):
            out[name] = [_measure(r.params, s, r.history.cost, r.history.iterations, sets, X, Y,
                                  hidden_activation, r.history)
                         for s, r in zip(seeds, results[i * len(seeds):(i + 1) * len(seeds)])]
    for name, cfg in configs.items():
        if name not in out:
            runs = train_dropout(X, Y, layer_dims, cfg.get("keep_probs"), policy=cfg["policy"],
                                 seeds=seeds, lambd=cfg.get("lambd", 0.0), **shared)
            out[name] = [_measure(r.params, r.seed, r.cost, r.iterations, sets, X, Y,
                                  hidden_activation) for r in runs]
    return {name: out[name] for name in configs}


def mean_std(rows, key: str, skip_collapsed: bool = True):
    """Mean and standard deviation of ``row[key]`` over the runs of one configuration.

    By default only the runs that trained (``not row["collapsed"]``) count, the
    course's rule; NaNs are returned when none did.
    """
    vals = np.array([r[key] for r in rows if not (skip_collapsed and r["collapsed"])],
                    dtype=float)
    if vals.size == 0:
        return float("nan"), float("nan")
    return float(np.mean(vals)), float(np.std(vals))


def paired_differences(rows_a, rows_b, key: str) -> np.ndarray:
    """``b[key] - a[key]`` seed by seed, over the seeds where neither run collapsed.

    ``rows_a`` and ``rows_b`` are two configurations of :func:`run_experiment` trained
    with the same seeds (same initializations): pairing removes the seed-to-seed
    spread they share.
    """
    a = {r["seed"]: r for r in rows_a if not r["collapsed"]}
    b = {r["seed"]: r for r in rows_b if not r["collapsed"]}
    common = [s for s in a if s in b]
    return np.array([b[s][key] - a[s][key] for s in common], dtype=float)


def standard_error(d) -> float:
    """Standard error of the mean of ``d``: ``std(d, ddof=1) / sqrt(len(d))``.

    ``d`` is a 1-D array of at least two numbers, e.g. paired differences from
    :func:`paired_differences`; a mean is called larger than zero "by two standard
    errors" when ``d.mean() > 2 * standard_error(d)``.
    """
    d = np.asarray(d, dtype=float)
    if d.ndim != 1 or d.size < 2:
        raise ValueError(f"d must be a 1-D array of at least 2 numbers (one per seed), got "
                         f"shape {d.shape}; train more seeds, or pass the paired differences "
                         f"of at least two.")
    return float(np.std(d, ddof=1) / np.sqrt(d.size))


def format_table(results: dict, keys=("train", "dev", "test"), percent: bool = True,
                 decimals: int = 1) -> str:
    """A text table: one line per configuration, ``mean ± std`` over the runs that trained.

    The last column counts the failed runs (:func:`course_utils.metrics.is_collapsed`),
    which the means leave out ("no run" when every run of a configuration failed).
    """
    width = max(len(n) for n in results) + 2
    cell = 13 + 2 * decimals
    lines = [" " * width + "".join(f"{k:>{cell}}" for k in keys) + "   failed runs"]
    for name, rows in results.items():
        cells = []
        for k in keys:
            m, s = mean_std(rows, k)
            cells.append("no run" if np.isnan(m) else
                         f"{100 * m:.{decimals}f} ± {100 * s:.{decimals}f} %" if percent
                         else f"{m:.{decimals}f} ± {s:.{decimals}f}")
        n_bad = sum(r["collapsed"] for r in rows)
        lines.append(f"{name:<{width}}" + "".join(f"{c:>{cell}}" for c in cells)
                     + f"   {n_bad}/{len(rows)}")
    return "\n".join(lines)
