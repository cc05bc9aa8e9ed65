r"""Experiments of notebook 09: what the initialization does to a network (floor 3).

Three questions, each answered by a pure function:

* symmetry: with :math:`W = 0` every unit of a layer computes the same thing
  forever (:func:`row_spread`);
* signal propagation: with :math:`\operatorname{Var}(w) = c/n_{l-1}` the variance of
  the activations is kept across depth for the right :math:`c` (1 for tanh,
  2 for ReLU) and shrinks or grows geometrically otherwise
  (:func:`activation_variances`, :func:`variance_by_depth`);
* the course's results table on ``make_circles`` (:func:`compare_inits`).

No matplotlib, no ipywidgets.
"""
from __future__ import annotations

import numbers

import numpy as np

from .._checks import (
    as_rng,
    check_choice,
    check_layer_dims,
    check_nonneg_int,
    check_positive_int,
    check_X,
)
from ..activations import ACTIVATIONS
from ..data import make_circles
from ..initializers import INITIALIZERS, init_std, initialize_parameters
from ..nn import check_params, cross_entropy_unchecked, forward_unchecked
from ..train_batched import train_batched

__all__ = ["circles_split", "activation_variances", "variance_by_depth", "row_spread",
           "output_saturation", "initial_cost", "course_params", "compare_inits",
           "COURSE_INITS", "COURSE_REFERENCE"]

COURSE_INITS = {"zeros": ("zeros", None), "large random (x10)": ("random", 10.0),
                "He": ("he", None)}
"""The three initializations of the course's assignment: name -> (method, scale)."""

COURSE_REFERENCE = {"zeros": (0.50, 0.50), "large random (x10)": (0.83, 0.86),
                    "He": (0.993, 0.96)}
"""The assignment's (train, test) accuracies (make_circles, [2, 10, 5, 1], 15,000 iterations)."""


def _check_scale(scale):
    if scale is None:
        return None
    if isinstance(scale, bool) or not isinstance(scale, numbers.Real) or \
            not np.isfinite(scale) or scale < 0:
        raise ValueError(f"scale must be a finite number >= 0 or None (the method's default), "
                         f"got {scale!r}.")
    return float(scale)


def circles_split(seed: int = 0, n_train: int = 300, n_test: int = 100, noise: float = 0.05):
    """The assignment's data: two concentric circles (:func:`course_utils.data.make_circles`).

    Inner radius 0.8 (scikit-learn's default, as in the assignment). Train and test
    sets are drawn independently, with seeds ``2*seed+1`` and ``2*seed+2`` (so each
    seed is a fresh dataset).

    Returns
    -------
    X : (2, n_train), Y : (1, n_train), X_test : (2, n_test), Y_test : (1, n_test)
    """
    seed = check_nonneg_int(seed, "seed")
    X, Y = make_circles(n_train, noise, factor=0.8, seed=2 * seed + 1)
    X_test, Y_test = make_circles(n_test, noise, factor=0.8, seed=2 * seed + 2)
    return X, Y, X_test, Y_test


def activation_variances(method: str, activation: str = "relu", depth: int = 50,
                         width: int = 100, scale: float | None = None, m: int = 500,
                         seed: int = 0, keep: tuple = ()) -> dict:
    r"""Forward standard-normal inputs through a deep, wide, bias-free network.

    The network has ``depth`` layers of ``width`` units, weights from
    :func:`initialize_parameters` (``method``, ``scale``) and biases 0. Input
    ``X ~ N(0, 1)`` of shape ``(width, m)`` (so :math:`\operatorname{Var}(x) = 1`).

    Parameters
    ----------
    method : key of ``INITIALIZERS``; scale : its multiplier (None = default)
    activation : key of ``ACTIVATIONS`` for every layer
    depth, width, m : network depth, layer width, number of examples
    keep : layer indices (1-based) whose activations are returned for histograms

    Returns
    -------
    dict with
        ``var_a`` (depth,) :math:`\operatorname{Var}(A^{[l]})` over all entries,
        ``var_z`` (depth,) :math:`\operatorname{Var}(Z^{[l]})`,
        ``saturated`` (depth,) share of tanh/sigmoid units with :math:`|g'(z)| < 0.05`
        (for ReLU: share of exact zeros, i.e. inactive units),
        ``activations`` dict l -> (width, m) array for the layers in ``keep``.
    """
    check_choice(method, INITIALIZERS, "init method")
    act = check_choice(activation, ACTIVATIONS, "activation")
    depth = check_positive_int(depth, "depth")
    width = check_positive_int(width, "width")
    m = check_positive_int(m, "m")
    scale = _check_scale(scale)
    keep = tuple(int(k) for k in keep)
    for k in keep:
        if not 1 <= k <= depth:
            raise ValueError(f"keep must hold layer indices in 1..{depth}, got {k}.")
    gen = as_rng(seed)
    params = initialize_parameters([width] * (depth + 1), method, scale, rng=gen)
    A = gen.standard_normal((width, m))
    var_a, var_z, sat, kept = np.empty(depth), np.empty(depth), np.empty(depth), {}
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(1, depth + 1):
            Z = params[f"W{l}"] @ A
            A = act.forward(Z)
            var_z[l - 1], var_a[l - 1] = Z.var(), A.var()
            if activation in ("relu", "leaky_relu"):
                sat[l - 1] = np.mean(Z <= 0)
            elif activation == "linear":
                sat[l - 1] = 0.0
            else:
                slope = 1.0 - A * A if activation == "tanh" else A * (1.0 - A)
                sat[l - 1] = np.mean(slope < 0.05)
            if l in keep:
                kept[l] = A.copy()
    return {"var_a": var_a, "var_z": var_z, "saturated": sat, "activations": kept,
            "method": method, "scale": scale, "activation": activation}


def variance_by_depth(settings: dict, activation: str, seeds=(0, 1, 2), depth: int = 50,
                      width: int = 100, m: int = 500) -> dict:
    r""":math:`\log_{10}\operatorname{Var}(A^{[l]})` per layer for several initializations.

    Parameters
    ----------
    settings : dict label -> (method, scale)
    activation : hidden activation of every layer
    seeds : one network (and input) per seed

    Returns
    -------
    dict label -> dict with ``log10_var`` (n_seeds, depth) (``-inf`` where the variance
    is exactly 0, ``inf`` on overflow), ``mean`` (depth,) its mean over seeds,
    ``saturated`` (depth,) the mean share of saturated/inactive units.
    """
    if not isinstance(settings, dict) or not settings:
        raise TypeError("settings must be a non-empty dict label -> (method, scale), e.g. "
                        "{'He': ('he', None)}.")
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. seeds=(0, 1, 2).")
    out = {}
    for label, (method, scale) in settings.items():
        runs = [activation_variances(method, activation, depth, width, scale, m, s)
                for s in seeds]
        with np.errstate(divide="ignore"):
            logv = np.log10(np.array([r["var_a"] for r in runs]))
        logv = np.nan_to_num(logv, nan=np.inf, posinf=np.inf, neginf=-np.inf)
        out[label] = {"log10_var": logv, "mean": logv.mean(axis=0),
                      "saturated": np.mean([r["saturated"] for r in runs], axis=0)}
    return out


def row_spread(params: dict) -> dict:
    """Largest difference between two units (rows of W, entries of b) of each hidden layer.

    0 means every unit of the layer has exactly the same incoming weights: the
    layer behaves like a single unit (symmetry not broken).

    Returns
    -------
    dict ``"W1" -> float, "W2" -> float, ...`` (hidden layers only)
    """
    L = check_params(params)
    out = {}
    for l in range(1, L):
        W = np.hstack([params[f"W{l}"], params[f"b{l}"]])
        out[f"W{l}"] = float(np.max(W.max(axis=0) - W.min(axis=0)))
    return out


def output_saturation(X, params, hidden_activation: str = "relu", threshold: float = 0.01):
    r"""Share of examples whose sigmoid output is saturated: :math:`a(1-a) < ` ``threshold``.

    Where :math:`\sigma'(z) = a(1-a)` is tiny, a wrong prediction is confidently
    wrong: its loss is about :math:`|z|`, huge. Returns a float in [0, 1].
    """
    check_params(params)
    X = check_X(X, "X", params["W1"].shape[1])
    with np.errstate(over="ignore"):
        A = forward_unchecked(X, params, hidden_activation, "sigmoid")[0]
    return float(np.mean(A * (1 - A) < threshold))


def initial_cost(X, Y, params, hidden_activation: str = "relu") -> float:
    """Cross-entropy cost of ``params`` on (X, Y), computed stably from the logits."""
    check_params(params)
    X = check_X(X, "X", params["W1"].shape[1])
    _, caches = forward_unchecked(X, params, hidden_activation, "sigmoid")
    return cross_entropy_unchecked(caches[-1].Z, np.asarray(Y, dtype=float), "sigmoid")


def course_params(layer_dims=(2, 10, 5, 1), method: str = "he", scale: float | None = None,
                  seed: int = 3) -> dict:
    """The initial weights of the course's assignment, drawn exactly as it draws them.

    The assignment seeds NumPy's legacy generator with 3 and draws
    ``randn(n_l, n_{l-1})`` layer after layer, times ``init_std(method, ...)``
    (``10`` for its large random initialization); biases are 0. We use a *local*
    ``RandomState(seed)``, never the global NumPy state.

    Returns
    -------
    dict ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``
    """
    dims = check_layer_dims(list(layer_dims))
    check_choice(method, INITIALIZERS, "init method")
    scale = _check_scale(scale)
    rs = np.random.RandomState(check_nonneg_int(seed, "seed"))
    params = {}
    for l in range(1, len(dims)):
        std = init_std(method, dims[l - 1], dims[l], scale)
        params[f"W{l}"] = (rs.randn(dims[l], dims[l - 1]) * std if std
                           else np.zeros((dims[l], dims[l - 1])))
        params[f"b{l}"] = np.zeros((dims[l], 1))
    return params


def _is_random(method: str, scale) -> bool:
    """False for a scheme that draws nothing (zeros, or scale 0): one run per dataset suffices."""
    return init_std(method, 2, 2, scale) != 0.0


def compare_inits(inits: dict | None = None, datasets=(0, 1, 2), seeds_per_dataset: int = 3,
                  layer_dims=(2, 10, 5, 1), learning_rate: float = 0.01,
                  num_iterations: int = 15000, record_every: int = 500,
                  course_run: bool = True) -> dict:
    """The course's table, over several datasets and weight draws, and the course's own run.

    On each dataset ``circles_split(d)`` one call of
    :func:`course_utils.train_batched.train_batched` (bit-identical to separate
    ``train`` runs) trains, for every initialization, ``seeds_per_dataset``
    networks whose weights are drawn with seeds ``d * seeds_per_dataset + i``
    (a scheme that draws nothing, like zeros, is trained once per dataset). With
    ``course_run``, dataset 0 (the assignment's own data: scikit-learn's
    ``make_circles`` with ``random_state`` 1 and 2) also trains each
    initialization from the assignment's own weights (:func:`course_params`); for a
    scheme that draws nothing those are the weights of our own run, which serves as both.

    Returns
    -------
    dict name -> dict with arrays over the runs ``train_acc``, ``test_acc``, ``cost0``
    (cost at iteration 0), ``cost_final``, ``dataset``, ``seed`` (n_runs,); ``first``
    the :class:`TrainResult` of the first run; ``course`` the course's own run
    (a :class:`TrainResult`, or None without ``course_run``).
    """
    inits = COURSE_INITS if inits is None else inits
    dims = check_layer_dims(list(layer_dims))
    datasets = [check_nonneg_int(d, "dataset") for d in datasets]
    if not datasets:
        raise ValueError("datasets must hold at least one dataset seed, e.g. datasets=(0, 1, 2).")
    per = check_positive_int(seeds_per_dataset, "seeds_per_dataset")
    rows = {name: {k: [] for k in ("train_acc", "test_acc", "cost0", "cost_final", "dataset",
                                   "seed")} | {"first": None, "course": None}
            for name in inits}
    for d in datasets:
        X, Y, Xt, Yt = circles_split(d)
        nets = []                                    # (name, seed or None for the course's)
        if course_run and d == 0:                    # zeros: the course's run is our own run
            nets += [(name, None) for name in inits if _is_random(*inits[name])]
        for name, (method, scale) in inits.items():
            seeds = range(d * per, (d + 1) * per) if _is_random(method, scale) else [d * per]
            nets += [(name, s) for s in seeds]
        params = [course_params(dims, *inits[name]) if s is None else
                  initialize_parameters(dims, *inits[name], seed=s) for name, s in nets]
        results = train_batched(X, Y, dims, params=params, learning_rate=learning_rate,
                                num_iterations=num_iterations, X_dev=Xt, Y_dev=Yt,
                                record_every=record_every)
        for (name, s), res in zip(nets, results):
            r = rows[name]
            if s is None:
                r["course"] = res
                continue
            if course_run and d == 0 and not _is_random(*inits[name]):
                r["course"] = res                    # the same (all-zero) initial weights
            h = res.history
            for key, value in (("train_acc", h.train_accuracy[-1]),
                               ("test_acc", h.dev_accuracy[-1]), ("cost0", h.cost[0]),
                               ("cost_final", h.cost[-1]), ("dataset", d), ("seed", s)):
                r[key].append(value)
            r["first"] = r["first"] or res
    return {name: {k: (v if k in ("first", "course") else np.array(v)) for k, v in r.items()}
            for name, r in rows.items()}
