r"""Exercise checkers of notebook 07 (normalizing inputs), with the classic mistakes recognised.

1. :func:`check_normalize`: ``normalize(X_train, X_test) -> (X_train_norm, X_test_norm)``
   with the *training* mean and standard deviation,
   :math:`x_{norm} = (x - \mu_{train}) / \sigma_{train}`.
2. :func:`check_largest_stable_lr`: ``largest_stable_lr(X) -> float``, the step size
   above which gradient descent on the least-squares cost of ``X`` (n_x, m)
   diverges: :math:`2 / \lambda_{max}(X X^\top / m)`.
"""
from __future__ import annotations

import numpy as np

from ..i18n import N_
from .base import Feedback, check_function

__all__ = ["check_normalize", "check_largest_stable_lr", "normalize_cases", "lr_cases"]


def _stats(X, axis=1, ddof=0):
    return X.mean(axis=axis, keepdims=True), X.std(axis=axis, keepdims=True, ddof=ddof)


def _ref_normalize(X_train, X_test):
    mu, sd = _stats(X_train)
    return (X_train - mu) / sd, (X_test - mu) / sd


def _by_variance(X_train, X_test):
    mu, sd = _stats(X_train)
    return (X_train - mu) / sd ** 2, (X_test - mu) / sd ** 2


def _test_own_stats(X_train, X_test):
    mu, sd = _stats(X_train)
    mt, st = _stats(X_test)
    return (X_train - mu) / sd, (X_test - mt) / st


def _fit_on_all(X_train, X_test):
    mu, sd = _stats(np.hstack([X_train, X_test]))
    return (X_train - mu) / sd, (X_test - mu) / sd


def _center_only(X_train, X_test):
    mu = _stats(X_train)[0]
    return X_train - mu, X_test - mu


def _scale_only(X_train, X_test):
    sd = _stats(X_train)[1]
    return X_train / sd, X_test / sd


def _wrong_axis(X_train, X_test):
    mu, sd = _stats(X_train, axis=0)
    mt, st = _stats(X_test, axis=0)
    return (X_train - mu) / sd, (X_test - mt) / st


def _ddof1(X_train, X_test):
    mu, sd = _stats(X_train, ddof=1)
    return (X_train - mu) / sd, (X_test - mu) / sd


def normalize_cases() -> list[dict]:
    """Test cases: features on different scales and a test set that is shifted and small."""
    rng = np.random.default_rng(7)
    cases = []
    for n, m, mt in ((2, 50, 8), (4, 120, 5)):
        scales = np.geomspace(0.1, 100, n)[:, None]
        X_train = 3.0 + scales * rng.standard_normal((n, m))
        X_test = 4.0 + 0.5 * scales * rng.standard_normal((n, mt))
        cases.append({"X_train": X_train, "X_test": X_test})
    return cases


def check_normalize(normalize) -> Feedback:
    """Check ``normalize(X_train, X_test) -> (X_train_norm, X_test_norm)`` (arrays (n_x, m))."""
    mistakes = [
        (N_("divided by the variance sigma^2 (the erratum of the notes) instead of sigma"),
         _by_variance, N_("Divide by the standard deviation: X.std(axis=1, keepdims=True).")),
        (N_("normalized the test set with its own mean and sigma"),
         _test_own_stats, N_("Reuse the training mean and sigma for the test set: compute them "
                             "once from X_train.")),
        (N_("fitted the mean and sigma on train and test together (data leakage)"),
         _fit_on_all, N_("Compute the statistics from X_train only.")),
        (N_("only subtracted the mean"), _center_only,
         N_("Step 2: also divide by the training standard deviation.")),
        (N_("only divided by sigma, without subtracting the mean"), _scale_only,
         N_("Step 1: subtract the training mean first.")),
        (N_("computed the statistics per example (axis=0) instead of per feature"), _wrong_axis,
         N_("Features are rows of X (n_x, m): use axis=1, keepdims=True.")),
        (N_("used the sample standard deviation (ddof=1)"), _ddof1,
         N_("Use the lecture's 1/m definition: X.std(axis=1) (ddof=0).")),
    ]
    return check_function(N_("normalize"), normalize, normalize_cases(), _ref_normalize, mistakes,
                          output_names=("X_train_norm", "X_test_norm"),
                          hint=N_("mu = X_train.mean(axis=1, keepdims=True); sigma likewise with "
                                  ".std; apply (X - mu) / sigma to both sets."))


def _H(X):
    return X @ X.T / X.shape[1]


def _ref_lr(X):
    return float(2.0 / np.linalg.eigvalsh(_H(X))[-1])


def lr_cases() -> list[dict]:
    """Test cases: correlated features on different scales (H is not diagonal)."""
    rng = np.random.default_rng(11)
    cases = []
    for n, m in ((2, 40), (3, 100)):
        A = rng.standard_normal((n, n)) + np.diag(np.geomspace(1, 20, n))
        cases.append({"X": A @ rng.standard_normal((n, m)) + 1.0})
    return cases


def check_largest_stable_lr(largest_stable_lr) -> Feedback:
    """Check ``largest_stable_lr(X) -> float`` = 2 / largest eigenvalue of X X^T / m."""
    mistakes = [
        (N_("used 1 / lambda_max (a safe step, but not the largest stable one)"),
         lambda X: float(1.0 / np.linalg.eigvalsh(_H(X))[-1]),
         N_("Gradient descent is stable while |1 - alpha * lambda| < 1, i.e. alpha < 2 / lambda.")),
        (N_("used the smallest eigenvalue"), lambda X: float(2.0 / np.linalg.eigvalsh(_H(X))[0]),
         N_("The steepest direction limits the step: use the largest eigenvalue.")),
        (N_("forgot to divide X X^T by m"),
         lambda X: float(2.0 / np.linalg.eigvalsh(X @ X.T)[-1]),
         N_("The Hessian of J = 1/(2m) sum (w.x - y)^2 is X X^T / m.")),
        (N_("used the largest variance on the diagonal of H instead of its largest eigenvalue"),
         lambda X: float(2.0 / np.max(np.diag(_H(X)))),
         N_("Correlated features tilt the ellipses: use np.linalg.eigvalsh(H)[-1].")),
        (N_("used the trace of H (the sum of the eigenvalues)"),
         lambda X: float(2.0 / np.trace(_H(X))),
         N_("Use the largest eigenvalue only: np.linalg.eigvalsh(H)[-1].")),
    ]
    return check_function(N_("largest_stable_lr"), largest_stable_lr, lr_cases(), _ref_lr, mistakes,
                          hint=N_("H = X @ X.T / m; return 2 / np.linalg.eigvalsh(H)[-1]."),
                          rtol=1e-6, output_names=N_("learning rate"))
