r"""Notebook 01 (train/dev/test sets): what goes wrong with a dev set (floor 4).

The two experiments take a ``sampler(m, seed) -> (X, Y)`` that draws ``m`` fresh
examples, ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``, from one
distribution (e.g. ``course_utils.data.make_diagonal_regions``), so every
repetition uses new data and results are reported as mean and spread.

* :func:`perturb` makes a second distribution from the first: noisier and/or
  shifted inputs with the same labels (like blurry phone photos next to clean
  web photos).
* :func:`mismatch_experiment` picks a model on a dev set from the training
  distribution and tests it on the target distribution, and compares with a dev
  set drawn like the test set.
* :func:`selection_experiment` tries many random configurations, picks the best
  on dev, and compares its dev accuracy with a held-out test accuracy. The
  configurations of one architecture train together (:func:`fit_configs`, built
  on :func:`course_utils.train_batched.train_batched`).

How big a dev set must be is in :mod:`course_utils.lessons.splits`.
"""
from __future__ import annotations

import numbers

import numpy as np

from .._checks import as_rng, check_nonneg_int, check_positive_int, check_X
from ..data import draw_parts
from ..metrics import error_rate
from ..train import train
from ..train_batched import train_batched

__all__ = ["perturb", "fit_error", "mismatch_experiment", "random_configs", "fit_configs",
           "selection_experiment", "best_of_k"]


# --------------------------------------------------------------------------- mismatch and selection
def perturb(X, noise_std: float = 0.0, offset=(0.0, 0.0), seed: int | None = None,
            rng: np.random.Generator | None = None) -> np.ndarray:
    r"""Inputs of a different distribution: :math:`x' = x + \text{offset} + \sigma\,\varepsilon`.

    Parameters
    ----------
    X : (n_x, m) inputs
    noise_std : sigma >= 0 of the Gaussian noise added to every coordinate
    offset : (n_x,) shift added to every example
    seed, rng : randomness of the noise

    Returns
    -------
    X_new : (n_x, m); labels are unchanged (the same object seen differently).
    """
    X = check_X(X, "X")
    if isinstance(noise_std, bool) or not isinstance(noise_std, numbers.Real) \
            or not np.isfinite(noise_std) or noise_std < 0:
        raise ValueError(f"noise_std must be a finite number >= 0, got {noise_std!r}.")
    off = np.asarray(offset, dtype=float).reshape(-1, 1)
    if off.shape[0] != X.shape[0]:
        raise ValueError(f"offset must have one value per feature ({X.shape[0]}), got "
                         f"{off.shape[0]} values: {list(np.ravel(offset))}.")
    gen = as_rng(seed, rng)
    return X + off + noise_std * gen.standard_normal(X.shape)


def fit_error(X, Y, evals, config: dict, seed: int = 0) -> list[float]:
    """Train one configuration and return its error on each ``(X_e, Y_e)`` in ``evals``.

    ``config`` holds ``layer_dims`` and any keyword argument of
    :func:`course_utils.train.train` (``learning_rate``, ``num_iterations``, ``lambd``...).
    """
    cfg = dict(config)
    dims = cfg.pop("layer_dims")
    act = cfg.get("hidden_activation", "relu")
    res = train(X, Y, dims, record_every=max(1, cfg.get("num_iterations", 1000)), seed=seed,
                **cfg)
    return [error_rate(res.params, Xe, Ye, act) for Xe, Ye in evals]


def mismatch_experiment(sampler, candidates, noise_std: float = 0.5, offset=(0.0, 0.0),
                        m_train: int = 200, m_dev: int = 200, m_test: int = 200,
                        n_repeats: int = 5, seed: int = 0, callback=None) -> dict:
    """Choose a model on a mismatched vs a matched dev set; measure its test error.

    For each repetition: train every candidate on ``m_train`` examples of the
    source distribution A; measure its error on a dev set from A ("mismatched":
    the target is B), on a dev set from B = :func:`perturb` (A) ("matched"), and on
    a test set from B. Each dev set picks its best candidate.

    Parameters
    ----------
    sampler : ``sampler(m, seed) -> (X (2, m), Y (1, m))``
    candidates : list of configs for :func:`fit_error`
    noise_std, offset : how B differs from A (see :func:`perturb`)

    Returns
    -------
    dict with arrays ``dev_A``, ``dev_B``, ``test_B`` of shape (n_repeats, n_candidates),
    and for each setup ``"mismatched"``/``"matched"``: ``chosen`` (n_repeats,) index,
    ``dev`` and ``test`` (n_repeats,) errors of the chosen model.
    """
    if not candidates:
        raise ValueError("candidates must be a non-empty list of configs, e.g. "
                         "[{'layer_dims': [2, 1], 'learning_rate': 0.5}].")
    n_repeats = check_positive_int(n_repeats, "n_repeats")
    seed = check_nonneg_int(seed, "seed")
    dev_A, dev_B, test_B = (np.empty((n_repeats, len(candidates))) for _ in range(3))
    for r in range(n_repeats):
        base = 1000 * (seed + 1) + 10 * r
        X, Y, XdA, YdA, XdB, YdB, XtB, YtB = draw_parts(sampler, (m_train, m_dev, m_dev, m_test),
                                                        base)
        XdB = perturb(XdB, noise_std, offset, seed=base + 4)
        XtB = perturb(XtB, noise_std, offset, seed=base + 5)
        for c, cfg in enumerate(candidates):
            dev_A[r, c], dev_B[r, c], test_B[r, c] = fit_error(
                X, Y, [(XdA, YdA), (XdB, YdB), (XtB, YtB)], cfg, seed=r)
        if callback is not None:
            callback(r + 1, n_repeats)
    out = {"dev_A": dev_A, "dev_B": dev_B, "test_B": test_B}
    rows = np.arange(n_repeats)
    for name, dev in (("mismatched", dev_A), ("matched", dev_B)):
        chosen = dev.argmin(axis=1)
        out[name] = {"chosen": chosen, "dev": dev[rows, chosen], "test": test_B[rows, chosen]}
    return out


def random_configs(n: int, seed: int = 0, n_x: int = 2) -> list[dict]:
    """``n`` random hyperparameter configurations of a one-hidden-layer network.

    Width ``2, 4, 8, 16`` or ``32`` (log-uniform), learning rate log-uniform in
    [0.03, 1], 100 to 800 iterations, and no L2 or lambd log-uniform in [0.01, 3]
    (each half the time).
    """
    n = check_positive_int(n, "n")
    rng = as_rng(seed)
    out = []
    for _ in range(n):
        width = int(2 ** rng.integers(1, 6))
        out.append({"layer_dims": [n_x, width, 1],
                    "learning_rate": float(10 ** rng.uniform(-1.5, 0)),
                    "num_iterations": int(rng.integers(1, 9) * 100),
                    "lambd": float(rng.choice([0.0, 10 ** rng.uniform(-2, 0.5)]))})
    return out


def _stop_at(iterations):
    """A ``train_batched`` callback that stops network k after ``iterations[k]`` steps.

    ``train_batched`` records every network in network order at iteration 0, so the
    order in which the networks' histories first appear is their index.
    """
    index = {}

    def callback(it, params, history):
        k = index.setdefault(id(history), len(index))
        return it >= iterations[k]
    return callback


def fit_configs(X, Y, configs, seeds, evals) -> np.ndarray:
    """Train every configuration once and return its error on each ``(X_e, Y_e)``.

    Configurations of the same architecture are trained together by
    :func:`course_utils.train_batched.train_batched` (each with its own learning
    rate, lambd, number of iterations and seed): the results are those of one
    :func:`course_utils.train.train` run per configuration, bit for bit.

    Parameters
    ----------
    X : (n_x, m) ; Y : (1, m)
    configs : list of dicts with ``layer_dims``, ``learning_rate``, ``num_iterations``
        (a multiple of 100) and ``lambd``
    seeds : one initialization seed per configuration
    evals : list of ``(X_e (n_x, m_e), Y_e (1, m_e))``

    Returns
    -------
    errors : (n_configs, n_evals)
    """
    seeds = list(seeds)
    if len(seeds) != len(configs):
        raise ValueError(f"give one seed per configuration ({len(configs)}), got {len(seeds)}.")
    groups: dict[tuple, list[int]] = {}
    for j, cfg in enumerate(configs):
        if cfg["num_iterations"] % 100:
            raise ValueError(f"num_iterations must be a multiple of 100 (the record period), "
                             f"got {cfg['num_iterations']} in configuration {j}.")
        groups.setdefault(tuple(cfg["layer_dims"]), []).append(j)
    errors = np.empty((len(configs), len(evals)))
    for dims, idx in groups.items():
        n_it = [configs[j]["num_iterations"] for j in idx]
        results = train_batched(X, Y, list(dims), seeds=[seeds[j] for j in idx],
                                learning_rate=[configs[j]["learning_rate"] for j in idx],
                                lambd=[configs[j]["lambd"] for j in idx],
                                num_iterations=max(n_it), record_every=100,
                                callback=_stop_at(n_it))
        for j, res in zip(idx, results):
            errors[j] = [error_rate(res.params, Xe, Ye) for Xe, Ye in evals]
    return errors


def selection_experiment(sampler, n_configs: int = 20, n_repeats: int = 6, m_train: int = 200,
                         m_dev: int = 100, m_test: int = 2000, m_dev_large: int | None = None,
                         seed: int = 0, callback=None) -> dict:
    """Dev and test error of ``n_configs`` random configurations, over ``n_repeats`` datasets.

    Each repetition draws fresh training, dev and test sets (and, if
    ``m_dev_large`` is given, a second, larger dev set) from one call of the sampler.

    Returns
    -------
    dict with ``dev`` and ``test`` (and ``dev_large``) error arrays of shape
    (n_repeats, n_configs); config ``j`` of repetition ``r`` is
    ``random_configs(n_configs, seed + r)[j]``, trained with seed ``n_configs * r + j``.
    """
    n_configs = check_positive_int(n_configs, "n_configs")
    n_repeats = check_positive_int(n_repeats, "n_repeats")
    seed = check_nonneg_int(seed, "seed")
    sizes = (m_train, m_dev, m_test) + (() if m_dev_large is None else (m_dev_large,))
    keys = ("dev", "test", "dev_large")[:len(sizes) - 1]
    out = {k: np.empty((n_repeats, n_configs)) for k in keys}
    for r in range(n_repeats):
        parts = draw_parts(sampler, sizes, 2000 * (seed + 1) + 10 * r)
        X, Y = parts[0], parts[1]
        evals = [(parts[i], parts[i + 1]) for i in range(2, len(parts), 2)]
        configs = random_configs(n_configs, seed + r, X.shape[0])
        err = fit_configs(X, Y, configs, [n_configs * r + j for j in range(n_configs)], evals)
        for i, k in enumerate(keys):
            out[k][r] = err[:, i]
        if callback is not None:
            callback(r + 1, n_repeats)
    return out


def best_of_k(dev, test, k: int):
    """Pick the best-on-dev configuration among the first ``k`` of each repetition.

    Parameters
    ----------
    dev, test : (n_repeats, n_configs) errors

    Returns
    -------
    dev_err, test_err : (n_repeats,) errors of the chosen configuration
    """
    dev, test = np.asarray(dev, dtype=float), np.asarray(test, dtype=float)
    if dev.ndim != 2 or dev.shape != test.shape:
        raise ValueError(f"dev and test must be 2-D arrays of the same shape "
                         f"(n_repeats, n_configs), got {dev.shape} and {test.shape}.")
    k = check_positive_int(k, "k")
    if k > dev.shape[1]:
        raise ValueError(f"k = {k} is more than the {dev.shape[1]} configurations tried; "
                         f"use k <= {dev.shape[1]}.")
    j = dev[:, :k].argmin(axis=1)
    rows = np.arange(dev.shape[0])
    return dev[rows, j], test[rows, j]
