"""Exercise checkers of notebook 02: the two gaps, the four quadrants, bias^2 and variance."""
from __future__ import annotations

import numpy as np

from ..i18n import N_
from ..lessons.bias_variance import LECTURE_CASES, diagnose
from .base import Feedback, check_function

__all__ = ["check_gaps", "check_diagnosis_labels", "check_bias_variance_terms"]


def _gaps(train_error, dev_error, bayes_error):
    return (train_error - bayes_error, dev_error - train_error)


_GAP_CASES = [dict(train_error=tr, dev_error=dv, bayes_error=by)
              for _, tr, dv, by in LECTURE_CASES] \
    + [dict(train_error=0.08, dev_error=0.10, bayes_error=0.05)]


def check_gaps(fn) -> Feedback:
    """Check ``fn(train_error, dev_error, bayes_error) -> (avoidable_bias, variance)``."""
    mistakes = [
        (N_("used the train error as the avoidable bias (ignoring the Bayes error)"),
         lambda train_error, dev_error, bayes_error: (train_error, dev_error - train_error),
         N_("Avoidable bias = train error - Bayes error: only the part above the optimum can be "
            "removed.")),
        (N_("measured the variance from the Bayes error"),
         lambda train_error, dev_error, bayes_error: (train_error - bayes_error,
                                                      dev_error - bayes_error),
         N_("Variance = dev error - train error: the gap between data seen and unseen.")),
        (N_("swapped the two gaps"),
         lambda train_error, dev_error, bayes_error: (dev_error - train_error,
                                                      train_error - bayes_error),
         N_("Return (avoidable_bias, variance) in this order.")),
        (N_("subtracted the wrong way round"),
         lambda train_error, dev_error, bayes_error: (bayes_error - train_error,
                                                      train_error - dev_error),
         N_("Gaps are positive when the model is worse: train - Bayes, dev - train.")),
    ]
    return check_function(N_("avoidable bias and variance"), fn, _GAP_CASES, _gaps, mistakes,
                          output_names=("avoidable_bias", "variance"),
                          hint=N_("return train_error - bayes_error, dev_error - train_error"))


def _label(train_error, dev_error, bayes_error):
    return diagnose(train_error, dev_error, bayes_error).label


def _label_without_bayes(train_error, dev_error, bayes_error):
    return diagnose(train_error, dev_error, 0.0).label


def _label_dev_vs_bayes(train_error, dev_error, bayes_error):
    hb = train_error - bayes_error > 0.02
    hv = dev_error - bayes_error > 0.02
    return {(True, True): "high bias and high variance", (True, False): "high bias",
            (False, True): "high variance", (False, False): "low bias and low variance"}[hb, hv]


def check_diagnosis_labels(fn) -> Feedback:
    """Check ``fn(train_error, dev_error, bayes_error) -> label`` on the lecture's cases.

    Labels: "high bias", "high variance", "high bias and high variance",
    "low bias and low variance"; a gap counts as high above 2 percentage points.
    """
    cases = _GAP_CASES + [dict(train_error=0.12, dev_error=0.13, bayes_error=0.11)]
    mistakes = [
        (N_("ignored the Bayes error (15%/16% with Bayes 15% is LOW bias)"), _label_without_bayes,
         N_("Compare the train error with the Bayes error, not with 0.")),
        (N_("measured the variance against the Bayes error instead of the train error"),
         _label_dev_vs_bayes, N_("Variance is dev - train.")),
    ]
    return check_function(N_("diagnosis labels"), fn, cases, _label, mistakes, output_names="label",
                          hint=N_("high bias if train - bayes > 0.02; high variance if "
                                  "dev - train > 0.02"))


def _terms(predictions, f_true):
    mean = predictions.mean(axis=0)
    return (float(np.mean((mean - f_true) ** 2)), float(np.mean(predictions.var(axis=0))))


def _bias_cases():
    rng = np.random.default_rng(7)
    x = np.linspace(-1, 1, 12)
    f = np.sin(np.pi * x)
    cases = []
    for shift, spread in ((0.3, 0.5), (-0.2, 0.1)):
        P = f + shift * x + spread * rng.standard_normal((40, 12))
        cases.append(dict(predictions=P, f_true=f))
    return cases


def check_bias_variance_terms(fn) -> Feedback:
    """Check ``fn(predictions (n_models, n_points), f_true (n_points,)) -> (bias2, variance)``."""
    mistakes = [
        (N_("computed the mean squared error around the truth as the variance "
            "(that is bias^2 + variance)"),
         lambda predictions, f_true: (_terms(predictions, f_true)[0],
                                      float(np.mean((predictions - f_true) ** 2))),
         N_("Variance is measured around the mean prediction f_bar, not around f.")),
        (N_("did not square the bias"),
         lambda predictions, f_true: (float(np.mean(predictions.mean(axis=0) - f_true)),
                                      _terms(predictions, f_true)[1]),
         N_("bias^2 = mean over x of (f_bar(x) - f(x))^2.")),
        (N_("averaged over x before squaring (positive and negative biases cancel)"),
         lambda predictions, f_true: (float(np.mean(predictions.mean(axis=0) - f_true) ** 2),
                                      _terms(predictions, f_true)[1]),
         N_("Square at each x, then average over x.")),
        (N_("averaged over the wrong axis (models are rows, test points are columns)"),
         lambda predictions, f_true: (
             float(np.mean((predictions.mean(axis=1) - f_true.mean()) ** 2)),
             float(np.mean(predictions.var(axis=1)))),
         N_("f_bar = predictions.mean(axis=0): one mean per test point.")),
        (N_("used the sample variance with ddof=1"),
         lambda predictions, f_true: (_terms(predictions, f_true)[0],
                                      float(np.mean(predictions.var(axis=0, ddof=1)))),
         N_("Use the plain average over models, predictions.var(axis=0) (ddof=0), so the three "
            "terms add up exactly.")),
    ]
    return check_function(N_("bias^2 and variance"), fn, _bias_cases(), _terms, mistakes,
                          output_names=("bias2", "variance"),
                          hint=N_("f_bar = predictions.mean(axis=0); "
                                  "bias2 = np.mean((f_bar - f_true)**2)"))
