r"""Experiments of notebook 02: measuring over seeds, the width sweep, a bumpy linear model.

* :func:`measure` trains one configuration on several datasets/seeds and returns
  train and dev error: the raw material of every effect claimed in the notebook
  (reported as mean +/- std). On one dataset the seeds train together
  (:func:`course_utils.train_batched.train_batched`, bit-identical to one
  :func:`course_utils.train.train` run per seed).
* :func:`width_sweep` does that for hidden widths x L2 strengths (the L2
  strengths of one width and dataset train together); :func:`seconds_per_iteration`
  measures what a bigger network costs.
* :func:`fit_linear_with_bumps` builds the lecture's "high bias *and* high
  variance" classifier: logistic regression on :math:`(x_1, x_2)` plus narrow
  Gaussian bumps :math:`\exp(-\|x - c_j\|^2 / 2s^2)` centred on a few noisy
  training points. The linear part underfits the curved boundary (bias), the
  bumps memorise the noise (variance).
"""
from __future__ import annotations

import time

import numpy as np

from .._checks import check_positive_float, check_X
from ..metrics import error_rate, is_collapsed
from ..nn import forward_unchecked
from ..train import train
from ..train_batched import train_batched

__all__ = ["text_progress", "fit", "measure", "seconds_per_iteration", "width_sweep",
           "bump_features", "farthest_mistakes", "fit_linear_with_bumps", "bumps_proba"]


def text_progress(label: str):
    """A ``callback(done, total)`` that rewrites one progress line: ``label: done/total``."""
    def callback(done, total):
        end = "\n" if done == total else ""
        print(f"\r{label}: {done}/{total} {'#' * done}{'.' * (total - done)}", end=end, flush=True)
    return callback


def fit(X, Y, config: dict, seed: int = 0):
    """Train ``config`` (``layer_dims`` + keyword arguments of :func:`course_utils.train.train`).

    Records only the last iteration (fast). Returns the :class:`TrainResult`.
    """
    dims, cfg = _split_config(config)
    return train(X, Y, dims, record_every=max(1, cfg.get("num_iterations", 1000)), seed=seed,
                 **cfg)


def _is_one_set(train_sets) -> bool:
    """True when ``train_sets`` is a single (X, Y) pair rather than a list of pairs."""
    return isinstance(train_sets, tuple) and len(train_sets) == 2 and np.ndim(train_sets[0]) == 2


def _split_config(config: dict):
    cfg = dict(config)
    if "layer_dims" not in cfg:
        raise ValueError(f"config needs a 'layer_dims' entry such as [2, 5, 1], got keys "
                         f"{sorted(cfg)}.")
    return cfg.pop("layer_dims"), cfg


def measure(config: dict, train_sets, X_dev, Y_dev, seeds) -> dict:
    """Train ``config`` once per seed, on ``train_sets[i]`` = (X (n_x, m), Y (1, m)).

    ``train_sets`` may be a single (X, Y) pair, used for every seed (only the
    initialization changes; the seeds then train together with
    :func:`course_utils.train_batched.train_batched`, bit-identical to separate
    runs), or one pair per seed (fresh data each time). Likewise the dev set:
    ``X_dev, Y_dev`` arrays, or ``X_dev`` a list of (X, Y) pairs (one per seed) and
    ``Y_dev=None``.

    Returns
    -------
    dict of (n_seeds,) arrays ``train``, ``dev`` (error fractions) and ``collapsed``
    (:func:`course_utils.metrics.is_collapsed` on the training set), and ``params``
    (list of parameter dicts).
    """
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must name at least one seed, e.g. range(3).")
    dims, cfg = _split_config(config)
    one_set = _is_one_set(train_sets)
    if one_set:
        train_sets = [train_sets] * len(seeds)
    if len(train_sets) != len(seeds):
        raise ValueError(f"give one training set per seed ({len(seeds)}) or a single (X, Y) "
                         f"pair; got {len(train_sets)} sets.")
    if Y_dev is None:                                   # one dev set per seed
        dev_sets = list(X_dev)
        if len(dev_sets) != len(seeds):
            raise ValueError(f"give one dev set per seed ({len(seeds)}) or a single X_dev, "
                             f"Y_dev pair; got {len(dev_sets)} dev sets.")
    else:
        dev_sets = [(X_dev, Y_dev)] * len(seeds)
    act = cfg.get("hidden_activation", "relu")
    n_it = cfg.get("num_iterations", 1000)
    if one_set:
        results = train_batched(*train_sets[0], dims, seeds=seeds, record_every=max(1, n_it),
                                **cfg)
    else:
        results = [fit(X, Y, config, seed) for (X, Y), seed in zip(train_sets, seeds)]
    out = {"train": [], "dev": [], "collapsed": [], "params": []}
    for res, (X, Y), (Xd, Yd) in zip(results, train_sets, dev_sets):
        out["train"].append(error_rate(res.params, X, Y, act))
        out["dev"].append(error_rate(res.params, Xd, Yd, act))
        out["collapsed"].append(is_collapsed(res.params, X, Y, act))
        out["params"].append(res.params)
    return {k: (v if k == "params" else np.asarray(v)) for k, v in out.items()}


def seconds_per_iteration(layer_dims, X, Y, n_iterations: int = 200, repeats: int = 5) -> float:
    """Best-of-``repeats`` CPU time of one gradient step of ``layer_dims`` on X (n_x, m).

    CPU time of this process (``time.process_time``), and the minimum over repeats:
    both robust to other programs sharing the machine.
    """
    best = np.inf
    for r in range(repeats):
        t0 = time.process_time()
        train(X, Y, list(layer_dims), learning_rate=0.1, num_iterations=n_iterations,
              record_every=n_iterations, seed=r)
        best = min(best, time.process_time() - t0)
    return best / n_iterations


def width_sweep(widths, lambdas, train_sets, X_dev, Y_dev, seeds, depth: int = 2,
                learning_rate: float = 0.5, num_iterations: int = 3000, callback=None) -> dict:
    """Train ``[n_x] + [w] * depth + [1]`` networks for every width and L2 strength.

    For each width and training set, the L2 strengths train together with
    :func:`course_utils.train_batched.train_batched` (same seed, bit-identical to
    separate runs). ``train_sets``, ``X_dev``, ``Y_dev`` and ``seeds`` are as in
    :func:`measure`.

    Returns
    -------
    dict with arrays of shape (n_lambdas, n_widths, n_seeds): ``train``, ``dev``,
    ``collapsed``; and ``widths``, ``lambdas``.
    """
    widths, lambdas, seeds = list(widths), list(lambdas), list(seeds)
    if not widths or not lambdas:
        raise ValueError(f"widths and lambdas must be non-empty lists, got {widths} and "
                         f"{lambdas}.")
    n_x = np.shape(train_sets[0][0] if isinstance(train_sets, list) else train_sets[0])[0]
    shape = (len(lambdas), len(widths), len(seeds))
    out = {"train": np.empty(shape), "dev": np.empty(shape),
           "collapsed": np.zeros(shape, dtype=bool)}
    for j, w in enumerate(widths):
        for s, seed in enumerate(seeds):
            cfg = {"layer_dims": [n_x] + [int(w)] * depth + [1], "learning_rate": learning_rate,
                   "num_iterations": num_iterations}
            (X, Y), (Xd, Yd) = _one_of(train_sets, X_dev, Y_dev, s)
            results = train_batched(X, Y, cfg["layer_dims"], seeds=seed, lambd=lambdas,
                                    learning_rate=learning_rate, num_iterations=num_iterations,
                                    record_every=num_iterations)
            for i, res in enumerate(results):
                out["train"][i, j, s] = error_rate(res.params, X, Y)
                out["dev"][i, j, s] = error_rate(res.params, Xd, Yd)
                out["collapsed"][i, j, s] = is_collapsed(res.params, X, Y)
        if callback is not None:
            callback(j + 1, len(widths))
    out.update(widths=np.asarray(widths), lambdas=np.asarray(lambdas, dtype=float))
    return out


def _one_of(train_sets, X_dev, Y_dev, s):
    """The training and dev set of seed number ``s`` (see :func:`measure` for the forms)."""
    tr = train_sets if _is_one_set(train_sets) else train_sets[s]
    dv = list(X_dev)[s] if Y_dev is None else (X_dev, Y_dev)
    return tr, dv


def bump_features(X, centers, width: float) -> np.ndarray:
    r"""Features :math:`[x;\ \exp(-\|x - c_j\|^2 / 2s^2)]_j` of shape (n_x + k, m).

    Parameters
    ----------
    X : (n_x, m) ; centers : (n_x, k) ; width : s > 0
    """
    X = check_X(X, "X")
    C = check_X(centers, "centers")
    if C.shape[0] != X.shape[0]:
        raise ValueError(f"centers has shape {C.shape}; it needs one row per feature of X: "
                         f"shape ({X.shape[0]}, k), one column per bump.")
    s = check_positive_float(width, "width")
    d2 = ((X[:, None, :] - C[:, :, None]) ** 2).sum(axis=0)        # (k, m)
    return np.vstack([X, np.exp(-d2 / (2 * s * s))])


def farthest_mistakes(params, X, Y, k: int) -> np.ndarray:
    """Indices of the ``k`` misclassified examples of a sigmoid network that lie farthest
    on the wrong side (most confidently wrong): the "noisy points" a bump model chases."""
    A = forward_unchecked(np.asarray(X, dtype=float), params, "relu", "sigmoid")[0][0]
    y = np.asarray(Y)[0]
    wrong = np.flatnonzero((A > 0.5) != (y > 0.5))
    conf = np.abs(A[wrong] - 0.5)
    return wrong[np.argsort(-conf, kind="stable")[:k]]


def fit_linear_with_bumps(X, Y, centers, width: float = 0.06, learning_rate: float = 2.0,
                          num_iterations: int = 4000, seed: int = 0) -> dict:
    """Logistic regression on :func:`bump_features` (no regularization). Returns its params."""
    F = bump_features(X, centers, width)
    return train(F, Y, [F.shape[0], 1], learning_rate=learning_rate,
                 num_iterations=num_iterations, record_every=num_iterations, seed=seed).params


def bumps_proba(params, X, centers, width: float = 0.06) -> np.ndarray:
    """P(y=1) of the bump model, shape (1, m)."""
    return forward_unchecked(bump_features(X, centers, width), params, "relu", "sigmoid")[0]
