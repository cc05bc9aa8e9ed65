r"""Notebook 01 (train/dev/test sets): how big a dev set must be, and what goes wrong (floor 4).

* **Measurement precision.** A dev set of ``n`` examples measures an accuracy
  ``p`` with standard error :math:`\sqrt{p(1-p)/n}`; the 95% confidence interval
  is :math:`p \pm 1.96\sqrt{p(1-p)/n}`. :func:`recommend_split` turns that into a
  train/dev/test split for a dataset of ``m`` examples.

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
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from .._checks import as_rng, check_nonneg_int, check_positive_int, check_probability, check_X
from ..data import draw_parts
from ..metrics import error_rate
from ..train import train
from ..train_batched import train_batched

__all__ = ["Z_95", "standard_error", "ci_half_width", "dev_size_needed", "LECTURE_RULES",
           "SplitRecommendation", "recommend_split", "perturb", "fit_error",
           "mismatch_experiment", "random_configs", "fit_configs", "selection_experiment",
           "best_of_k"]


# --------------------------------------------------------------------------- precision
Z_95 = 1.959963984540054
"""Two-sided 95% quantile of the standard normal distribution."""


def _check_size(n, name: str) -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Real) or not np.isfinite(n) or n < 1:
        raise ValueError(f"{name} must be a number of examples >= 1, got {n!r}.")
    if float(n) != int(n):
        raise ValueError(f"{name} must be a whole number of examples, got {n!r}; "
                         f"round it, e.g. int({n}).")
    return int(n)


# --------------------------------------------------------------------------- precision
def standard_error(p: float, n: int) -> float:
    r"""Standard error of an accuracy ``p`` measured on ``n`` examples: :math:`\sqrt{p(1-p)/n}`."""
    p = check_probability(p, "p")
    n = _check_size(n, "n")
    return math.sqrt(p * (1.0 - p) / n)


def ci_half_width(p: float, n: int, z: float = Z_95) -> float:
    r"""Half-width of the normal-approximation confidence interval, :math:`z\sqrt{p(1-p)/n}`.

    With ``z = 1.96`` (default) the 95% interval is ``p +/- ci_half_width(p, n)``.
    """
    return float(z) * standard_error(p, n)


def dev_size_needed(half_width: float, p: float = 0.9, z: float = Z_95) -> int:
    r"""Smallest ``n`` with ``ci_half_width(p, n) <= half_width``.

    :math:`n = \lceil z^2 p(1-p)/h^2\rceil`.

    Parameters
    ----------
    half_width : target precision as a fraction (0.005 = +/- 0.5 percentage points)
    p : the accuracy you expect to measure
    """
    h = check_probability(half_width, "half_width", low_open=True)
    p = check_probability(p, "p")
    n = math.ceil(round(z * z * p * (1.0 - p) / (h * h), 9))
    return max(n, 1)


LECTURE_RULES = {
    "small data: 60/20/20": (0.60, 0.20, 0.20),
    "small data, no test set: 70/30": (0.70, 0.30, 0.0),
    "big data: 98/1/1": (0.98, 0.01, 0.01),
    "very big data: 99.5/0.25/0.25": (0.995, 0.0025, 0.0025),
    "very big data: 99.5/0.4/0.1": (0.995, 0.004, 0.001),
}
"""The lecture's rules of thumb: name -> (train, dev, test) fractions."""


@dataclass(frozen=True)
class SplitRecommendation:
    """Output of :func:`recommend_split` (sizes are numbers of examples)."""

    m: int
    n_train: int
    n_dev: int
    n_test: int
    dev_half_width: float
    needed: int
    target_half_width: float
    p: float
    rule: str
    capped: bool

    @property
    def fractions(self) -> tuple[float, float, float]:
        """(train, dev, test) shares of ``m``."""
        return (self.n_train / self.m, self.n_dev / self.m, self.n_test / self.m)

    def describe(self) -> str:
        """One line: the split in percent and the dev precision."""
        tr, dv, te = (100 * f for f in self.fractions)
        return (f"m = {self.m:,}: train/dev/test = {tr:.4g}/{dv:.3g}/{te:.3g} % "
                f"({self.n_train:,}/{self.n_dev:,}/{self.n_test:,}); dev accuracy "
                f"{self.p:.0%} +/- {100 * self.dev_half_width:.2f} pp (95% CI)")


def recommend_split(m: int, target_half_width: float = 0.005, p: float = 0.9,
                    with_test: bool = True, max_dev_fraction: float = 0.2
                    ) -> SplitRecommendation:
    r"""Split ``m`` examples so the dev (and test) set measures accuracy precisely enough.

    The dev set needs :math:`n^* = \lceil z^2 p(1-p)/h^2 \rceil` examples to measure
    an accuracy near ``p`` to :math:`\pm h` (95% CI). It gets
    :math:`\min(n^*, \text{max\_dev\_fraction}\cdot m)` examples; so does the test
    set when ``with_test``; the rest trains. Small datasets hit the cap (the
    classic 60/20/20, or 70/30 without a test set); big ones give the dev set a
    fixed size, so its share shrinks like 1/m (98/1/1 near a million examples,
    99.5/0.25/0.25 and less beyond).

    Parameters
    ----------
    m : total number of examples (>= 3)
    target_half_width : wanted precision h as a fraction (0.005 = +/- 0.5 pp)
    p : expected accuracy
    with_test : keep a test set of the same size as the dev set
    max_dev_fraction : cap of the dev share (0.2 = 20%; 0.3 without a test set
        gives 70/30)

    Returns
    -------
    SplitRecommendation, with ``rule`` naming the closest lecture rule of thumb.
    """
    m = _check_size(m, "m")
    if m < 3:
        raise ValueError(f"m must be at least 3 to hold train, dev and test examples, got {m}.")
    if not isinstance(with_test, (bool, np.bool_)):
        raise TypeError(f"with_test must be True or False, got {type(with_test).__name__} "
                        f"{with_test!r}.")
    cap = check_probability(max_dev_fraction, "max_dev_fraction", low_open=True)
    if cap > (0.5 if with_test else 0.9):
        raise ValueError(f"max_dev_fraction = {cap} leaves too little to train on; use a "
                         f"value <= {0.5 if with_test else 0.9} (0.2 gives 60/20/20).")
    needed = dev_size_needed(target_half_width, p)
    n_cap = max(1, int(round(cap * m)))
    n_dev = min(needed, n_cap)
    n_test = n_dev if with_test else 0
    n_train = m - n_dev - n_test
    dev_share = n_dev / m
    if n_dev == n_cap:
        if with_test and cap == 0.2:
            rule = "small data: 60/20/20"
        elif not with_test and cap == 0.3:
            rule = "small data, no test set: 70/30"
        else:
            rule = f"small data: dev share capped at {cap:.0%}"
    else:
        candidates = {k: v for k, v in LECTURE_RULES.items()
                      if not k.startswith("small") and k != "very big data: 99.5/0.4/0.1"}
        rule = min(candidates, key=lambda k: abs(math.log(candidates[k][1] / dev_share)))
    return SplitRecommendation(m, n_train, n_dev, n_test, ci_half_width(p, n_dev), needed,
                               float(target_half_width), float(p), rule, n_dev == n_cap)


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
