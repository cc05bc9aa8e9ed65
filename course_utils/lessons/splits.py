r"""Experiments of notebook 01: mismatched dev sets and dev-set overuse (floor 3).

Both experiments take a ``sampler(m, seed) -> (X, Y)`` that draws ``m`` fresh
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
  on dev, and compares its dev accuracy with a held-out test accuracy.
"""
from __future__ import annotations

import numbers

import numpy as np

from .._checks import as_rng, check_nonneg_int, check_positive_int, check_X
from ..data import make_diagonal_regions
from ..nn import forward_unchecked
from ..train import train

__all__ = ["diagonal_sampler", "draw_parts", "perturb", "error_rate", "fit_error", "mismatch_experiment",
           "random_configs", "selection_experiment", "best_of_k"]


def diagonal_sampler(m: int, seed: int):
    """``m`` fresh examples of the course's 2-D data (:func:`course_utils.data.make_diagonal_regions`).

    Returns ``X`` (2, m) and ``Y`` (1, m); the sampler the experiments below expect.
    """
    return make_diagonal_regions(m, seed=seed)


def draw_parts(sampler, sizes, seed: int) -> list:
    """One draw of ``sum(sizes)`` examples, cut into consecutive parts.

    All parts come from the *same* draw, hence the same distribution (for
    :func:`course_utils.data.make_diagonal_regions` this matters: every call places
    its own noisy pockets). Returns ``[X_1, Y_1, X_2, Y_2, ...]`` with ``X_k`` of
    shape (n_x, sizes[k]) and ``Y_k`` of shape (1, sizes[k]).
    """
    sizes = [check_positive_int(n, "sizes[i]") for n in sizes]
    X, Y = sampler(sum(sizes), seed)
    out, start = [], 0
    for n in sizes:
        out += [X[:, start:start + n], Y[:, start:start + n]]
        start += n
    return out


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


def error_rate(params, X, Y, hidden_activation: str = "relu") -> float:
    """Fraction of misclassified examples of a sigmoid network: X (n_x, m), Y (1, m)."""
    A = forward_unchecked(np.asarray(X, dtype=float), params, hidden_activation, "sigmoid")[0]
    return float(np.mean((A > 0.5) != (np.asarray(Y) > 0.5)))


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
    """``n`` random hyperparameter configurations (width, learning rate, iterations, L2)."""
    n = check_positive_int(n, "n")
    rng = as_rng(seed)
    out = []
    for _ in range(n):
        width = int(round(2 ** rng.uniform(1, 5)))
        out.append({"layer_dims": [n_x, width, 1],
                    "learning_rate": float(10 ** rng.uniform(-1.5, 0)),
                    "num_iterations": int(rng.integers(1, 9) * 100),
                    "lambd": float(rng.choice([0.0, 10 ** rng.uniform(-2, 0.5)]))})
    return out


def selection_experiment(sampler, n_configs: int = 20, n_repeats: int = 6, m_train: int = 200,
                         m_dev: int = 100, m_test: int = 2000, seed: int = 0,
                         callback=None) -> dict:
    """Dev and test error of ``n_configs`` random configurations, over ``n_repeats`` datasets.

    Returns
    -------
    dict with ``dev`` and ``test`` error arrays of shape (n_repeats, n_configs)
    (config ``j`` of repetition ``r`` is ``random_configs(n_configs, seed + r)[j]``).
    """
    n_configs = check_positive_int(n_configs, "n_configs")
    n_repeats = check_positive_int(n_repeats, "n_repeats")
    seed = check_nonneg_int(seed, "seed")
    dev, test = np.empty((n_repeats, n_configs)), np.empty((n_repeats, n_configs))
    for r in range(n_repeats):
        base = 2000 * (seed + 1) + 10 * r
        X, Y, Xd, Yd, Xt, Yt = draw_parts(sampler, (m_train, m_dev, m_test), base)
        for j, cfg in enumerate(random_configs(n_configs, seed + r, X.shape[0])):
            dev[r, j], test[r, j] = fit_error(X, Y, [(Xd, Yd), (Xt, Yt)], cfg,
                                              seed=n_configs * r + j)
        if callback is not None:
            callback(r + 1, n_repeats)
    return {"dev": dev, "test": test}


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
