r"""Notebook 01 (train/dev/test sets): how big a dev set must be (floor 4).

* **Measurement precision.** A dev set of ``n`` examples measures an accuracy
  ``p`` with standard error :math:`\sqrt{p(1-p)/n}`; the 95% confidence interval
  is :math:`p \pm 1.96\sqrt{p(1-p)/n}`. :func:`recommend_split` turns that into a
  train/dev/test split for a dataset of ``m`` examples.

What goes wrong with a dev set (a mismatched one, or one tuned on too often) is in
:mod:`course_utils.lessons.splits_selection`; its functions are re-exported here, so
``from course_utils.lessons.splits import mismatch_experiment`` keeps working.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from .._checks import check_probability
from .splits_selection import (
    best_of_k,
    fit_configs,
    fit_error,
    mismatch_experiment,
    perturb,
    random_configs,
    selection_experiment,
)

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
