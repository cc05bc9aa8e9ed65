r"""Notebook 02 (bias and variance): what the errors say and where the error comes from (floor 4).

Two small tools of the "practical aspects" week, all pure NumPy:

* **Diagnosis.** :func:`diagnose` reads train and dev error against the Bayes
  (optimal) error: avoidable bias = train - Bayes, variance = dev - train, and
  names the next step of the basic recipe.
* **Bayes error.** :func:`boundary_error` is the error of the true boundary of
  the course's 2-D data (the best possible classifier) on given examples;
  :func:`bayes_error` measures it on a large fresh sample.
* **Decomposition.** For squared error,
  :math:`E[(\hat f(x) - y)^2] = \text{bias}^2 + \text{variance} + \sigma^2`;
  :func:`decompose` measures the three terms from the predictions of many models
  trained on resampled training sets (the noise from repeated labels at the same
  inputs), :func:`polynomial_bias_variance` runs that experiment for polynomial
  regression of increasing degree.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from .._checks import as_float_array, as_rng, check_positive_int, check_XY
from ..data import _diagonal_score, make_diagonal_regions

__all__ = [
    "Diagnosis", "diagnose", "LECTURE_CASES", "quadrant_table",
    "boundary_error", "bayes_error",
    "Decomposition", "decompose", "true_function", "polynomial_bias_variance",
]


# --------------------------------------------------------------------------- diagnosis
def _check_error(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be an error rate (a number in [0, 1]), got "
                        f"{type(value).__name__} {value!r}.")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be an error rate in [0, 1], got {value}.")
    if value > 1:
        raise ValueError(f"{name} = {value} is above 1: error rates are fractions in [0, 1]. "
                         f"If you meant {value}%, pass {value / 100:g}.")
    return float(value)


@dataclass(frozen=True)
class Diagnosis:
    """Output of :func:`diagnose`: the two gaps, the labels and the next step."""

    train_error: float
    dev_error: float
    bayes_error: float
    avoidable_bias: float
    variance: float
    high_bias: bool
    high_variance: bool
    label: str
    next_step: str

    def __str__(self) -> str:
        return (f"train {100 * self.train_error:.1f}%, dev {100 * self.dev_error:.1f}%, "
                f"Bayes {100 * self.bayes_error:.1f}% -> avoidable bias "
                f"{100 * self.avoidable_bias:.1f} pp, variance {100 * self.variance:.1f} pp: "
                f"{self.label}. Next: {self.next_step}")


_NEXT = {
    "high bias": "fit the training set first: bigger network, train longer "
                 "(or another architecture).",
    "high variance": "close the dev-train gap: more data, regularization "
                     "(L2, dropout, augmentation) (or another architecture).",
    "high bias and high variance": "fix the bias first (bigger network, train longer), "
                                   "then the variance (more data, regularization).",
    "low bias and low variance": "done: both gaps are small.",
}


def diagnose(train_error: float, dev_error: float, bayes_error: float = 0.0,
             tolerance: float = 0.02) -> Diagnosis:
    r"""Name the problem from train and dev error, relative to the Bayes error.

    .. math::
        \text{avoidable bias} = E_\text{train} - E_\text{Bayes}, \qquad
        \text{variance} = E_\text{dev} - E_\text{train}.

    A gap larger than ``tolerance`` is "high". Errors are fractions in [0, 1].

    Parameters
    ----------
    train_error, dev_error : measured errors (0.15 = 15%)
    bayes_error : estimate of the optimal error (human-level error as a proxy); 0 by default
    tolerance : gap above which bias or variance counts as high (0.02 = 2 pp)

    Returns
    -------
    Diagnosis with ``avoidable_bias``, ``variance``, ``high_bias``, ``high_variance``,
    ``label`` (one of "high bias", "high variance", "high bias and high variance",
    "low bias and low variance") and ``next_step`` (the basic recipe).
    """
    tr = _check_error(train_error, "train_error")
    dv = _check_error(dev_error, "dev_error")
    by = _check_error(bayes_error, "bayes_error")
    tol = _check_error(tolerance, "tolerance")
    bias, var = tr - by, dv - tr
    hb, hv = bias > tol, var > tol
    label = {(True, True): "high bias and high variance", (True, False): "high bias",
             (False, True): "high variance", (False, False): "low bias and low variance"}[hb, hv]
    return Diagnosis(tr, dv, by, bias, var, hb, hv, label, _NEXT[label])


LECTURE_CASES = (
    ("1% / 11%", 0.01, 0.11, 0.0),
    ("15% / 16%", 0.15, 0.16, 0.0),
    ("15% / 30%", 0.15, 0.30, 0.0),
    ("0.5% / 1%", 0.005, 0.01, 0.0),
    ("15% / 16%, Bayes 15%", 0.15, 0.16, 0.15),
)
"""The lecture's cat-classifier cases: (name, train error, dev error, Bayes error)."""


def quadrant_table(cases=LECTURE_CASES, tolerance: float = 0.02) -> str:
    """A text table of :func:`diagnose` on ``cases`` ((name, train, dev, bayes) tuples)."""
    head = (f"{'case (train / dev)':<24}{'Bayes':>7}{'avoid. bias':>13}{'variance':>10}  "
            f"diagnosis")
    lines = [head, "-" * len(head) + "-" * 18]
    for name, tr, dv, by in cases:
        d = diagnose(tr, dv, by, tolerance)
        lines.append(f"{name:<24}{100 * by:>6.1f}%{100 * d.avoidable_bias:>10.1f} pp"
                     f"{100 * d.variance:>7.1f} pp  {d.label}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- Bayes error
def boundary_error(X, Y, curvature: float = 0.3) -> float:
    """Error of the true boundary of :func:`course_utils.data.make_diagonal_regions`.

    The best possible classifier of that data: every noisy pocket keeps its true
    label with probability above 1/2, so predicting the side of the true boundary
    is optimal. Its error on a finite set is that set's share of noisy labels.

    Parameters
    ----------
    X : (2, m) ; Y : (1, m) ; curvature : the generator's ``curvature``
    """
    X, Y = check_XY(X, Y, n_features=2, n_classes=1)
    return float(np.mean((_diagonal_score(X, float(curvature)) > 0) != (Y[0] > 0.5)))


def bayes_error(curvature: float = 0.3, m: int = 200_000, seed: int = 2024) -> float:
    """The Bayes error of :func:`course_utils.data.make_diagonal_regions` (default settings):
    :func:`boundary_error` on ``m`` fresh examples (standard error about 0.06 pp for
    200,000). Exact arithmetic on generated data: the same on every machine."""
    X, Y = make_diagonal_regions(check_positive_int(m, "m"), curvature=curvature, seed=seed)
    return boundary_error(X, Y, curvature)


# --------------------------------------------------------------------------- decomposition
@dataclass(frozen=True)
class Decomposition:
    """Averages over test points of bias^2, variance and noise, and the measured error."""

    bias2: float
    variance: float
    noise: float
    expected_error: float | None = None

    @property
    def total(self) -> float:
        """bias^2 + variance + noise."""
        return self.bias2 + self.variance + self.noise


def decompose(predictions, f_true, noise_var=None, y_test=None) -> Decomposition:
    r"""Bias-variance decomposition of squared error from many trained models.

    .. math::
        \underbrace{E_{D,\varepsilon}[(\hat f_D(x) - y)^2]}_\text{expected error}
        = \underbrace{(\bar f(x) - f(x))^2}_{\text{bias}^2}
        + \underbrace{E_D[(\hat f_D(x) - \bar f(x))^2]}_\text{variance}
        + \underbrace{\sigma^2}_\text{noise},
        \qquad \bar f = E_D[\hat f_D],

    each averaged over the test points ``x``. ``bias2`` is measured with the mean
    of the ``n_models`` fits in place of :math:`\bar f`, so it also holds the
    Monte-Carlo error of that mean, ``variance / n_models`` on average.

    Parameters
    ----------
    predictions : (n_models, n_points) predictions of models trained on
        independent training sets ``D``
    f_true : (n_points,) noise-free target ``f(x)`` at the test points
    noise_var : float or (n_points,) variance of the label noise at each point, if
        known; None (default) measures it from ``y_test``: the variance of the
        ``n_models`` repeated labels at each point, averaged over the points.
    y_test : optional (n_models, n_points) fresh noisy labels, one draw per model;
        when given, ``expected_error`` is the measured mean squared error.
    """
    P = as_float_array(predictions, "predictions", ndim=2)
    f = as_float_array(f_true, "f_true", ndim=1)
    if P.shape[1] != f.shape[0]:
        raise ValueError(f"predictions has {P.shape[1]} test points (columns) but f_true has "
                         f"{f.shape[0]}; pass predictions of shape (n_models, n_points).")
    if P.shape[0] < 2:
        raise ValueError(f"predictions needs at least 2 models (rows) to measure a variance, "
                         f"got {P.shape[0]}.")
    Yt = None
    if y_test is not None:
        Yt = as_float_array(y_test, "y_test", ndim=2)
        if Yt.shape != P.shape:
            raise ValueError(f"y_test must have the shape of predictions {P.shape}, got "
                             f"{Yt.shape}.")
    if noise_var is None:
        if Yt is None:
            raise ValueError("give noise_var (the label-noise variance, if known) or y_test "
                             "(repeated labels at the test points) to measure it.")
        noise = float(np.mean(Yt.var(axis=0, ddof=1)))
    else:
        nv = np.broadcast_to(as_float_array(noise_var, "noise_var"), f.shape)
        if np.any(nv < 0):
            raise ValueError("noise_var must be >= 0 (a variance).")
        noise = float(np.mean(nv))
    mean = P.mean(axis=0)
    bias2 = float(np.mean((mean - f) ** 2))
    var = float(np.mean(P.var(axis=0)))
    err = None if Yt is None else float(np.mean((P - Yt) ** 2))
    return Decomposition(bias2, var, noise, err)


def true_function(x):
    r"""The noise-free target of the regression experiment: :math:`f(x) = \sin(\pi x)`."""
    return np.sin(np.pi * np.asarray(x, dtype=float))


_DESIGNS = ("even", "uniform")


def polynomial_bias_variance(degrees, n_train: int = 20, n_sets: int = 300,
                             noise_std: float = 0.3, n_test: int = 200, design: str = "even",
                             seed: int = 0, callback=None) -> dict:
    r"""Measure bias^2, variance and noise of polynomial least squares vs degree.

    Each of ``n_sets`` training sets draws ``n_train`` inputs in [-1, 1] and labels
    ``y = sin(pi x) + eps``, ``eps ~ N(0, noise_std^2)``. With ``design="even"``
    (default) the inputs are spread evenly: one uniform point in each of
    ``n_train`` equal cells of [-1, 1]; with ``"uniform"`` they are independent
    uniform draws, which sometimes leave a wide gap where a high-degree fit
    swings far (its variance is then dominated by rare sets and does not settle).
    A polynomial of each degree (Legendre basis, least squares) is fitted to each
    set and predicts a fixed grid of ``n_test`` points in [-1, 1]. Fresh noisy
    labels there, one per set, give the measured expected error, and their
    variance at each point the measured noise.

    Parameters
    ----------
    degrees : sequence of non-negative ints
    design : "even" or "uniform" (see above)
    callback : optional ``callback(done, total)`` after each degree (progress)

    Returns
    -------
    dict of 1-D arrays over degrees: ``degree, bias2, variance, noise, total,
    expected_error``, and ``x_test`` (n_test,), ``predictions`` dict degree ->
    (n_sets, n_test), ``noise_std`` (the true sigma, for reference).
    """
    degs = [int(d) for d in degrees]
    if not degs or any(d < 0 for d in degs):
        raise ValueError(f"degrees must be a non-empty list of integers >= 0, got {degrees!r}.")
    n_train = check_positive_int(n_train, "n_train")
    if max(degs) >= n_train:
        raise ValueError(f"degree {max(degs)} needs more than {max(degs)} training points; "
                         f"n_train = {n_train}. Lower the degree or raise n_train.")
    n_sets = check_positive_int(n_sets, "n_sets")
    if n_sets < 2:
        raise ValueError(f"n_sets must be at least 2 to measure a variance, got {n_sets}.")
    n_test = check_positive_int(n_test, "n_test")
    if isinstance(noise_std, bool) or not isinstance(noise_std, numbers.Real) or noise_std < 0:
        raise ValueError(f"noise_std must be a number >= 0, got {noise_std!r}.")
    if design not in _DESIGNS:
        raise ValueError(f"design must be one of {list(_DESIGNS)}, got {design!r}.")
    rng = as_rng(seed)
    x_test = np.linspace(-1, 1, n_test)
    f_test = true_function(x_test)
    if design == "even":
        X = -1 + (np.arange(n_train) + rng.uniform(size=(n_sets, n_train))) * (2 / n_train)
    else:
        X = rng.uniform(-1, 1, size=(n_sets, n_train))
    Y = true_function(X) + noise_std * rng.standard_normal(X.shape)
    Y_new = f_test + noise_std * rng.standard_normal((n_sets, n_test))
    out = {k: [] for k in ("bias2", "variance", "noise", "total", "expected_error")}
    preds = {}
    for i, d in enumerate(degs):
        V = np.polynomial.legendre.legvander(X, d)                   # (n_sets, n_train, d+1)
        coef = np.linalg.pinv(V) @ Y[:, :, None]                     # least squares, every set
        P = (np.polynomial.legendre.legvander(x_test, d) @ coef)[:, :, 0]   # (n_sets, n_test)
        dec = decompose(P, f_test, None, Y_new)
        for k in out:
            out[k].append(getattr(dec, k))
        preds[d] = P
        if callback is not None:
            callback(i + 1, len(degs))
    res = {k: np.asarray(v) for k, v in out.items()}
    res.update(degree=np.asarray(degs), x_test=x_test, predictions=preds,
               noise_std=float(noise_std))
    return res
