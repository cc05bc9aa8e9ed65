r"""Input normalization fitted on the training set only (floor 1).

Two steps, per feature (row of ``X``, shape ``(n_x, m)``):

.. math::

    \mu = \frac{1}{m}\sum_i x^{(i)}, \qquad
    \sigma = \sqrt{\frac{1}{m}\sum_i (x^{(i)} - \mu)^2}, \qquad
    x_{\text{norm}} = \frac{x - \mu}{\sigma}

Divide by the standard deviation :math:`\sigma`, not the variance :math:`\sigma^2`.
The statistics come from the *training* set and are reused unchanged for the dev
and test sets. Matches scikit-learn's ``StandardScaler`` on the transposed layout.
"""
from __future__ import annotations

import numpy as np

from ._checks import check_X

__all__ = ["Standardizer", "standardize"]


class Standardizer:
    """Subtract the training mean and divide by the training standard deviation, per feature.

    Attributes (set by :meth:`fit`)
    -------------------------------
    mean_ : ndarray, shape (n_x, 1)
        Training mean of each feature.
    std_ : ndarray, shape (n_x, 1)
        Training standard deviation of each feature (``ddof=0``); 0 for a constant feature.
    scale_ : ndarray, shape (n_x, 1)
        The divisor: ``std_``, except 1 for a constant (zero-variance) feature, as in
        scikit-learn, so constant features become 0 rather than NaN.
    n_features_ : int
        ``n_x`` seen in :meth:`fit`.

    Examples
    --------
    >>> scaler = Standardizer().fit(X_train)          # doctest: +SKIP
    >>> X_dev_norm = scaler.transform(X_dev)          # doctest: +SKIP
    """

    def __init__(self):
        self.mean_ = None
        self.std_ = None
        self.scale_ = None
        self.n_features_ = None

    def __repr__(self) -> str:
        state = f"n_features_={self.n_features_}" if self.n_features_ is not None else "not fitted"
        return f"Standardizer({state})"

    def fit(self, X) -> "Standardizer":
        """Compute ``mean_``, ``std_`` and ``scale_`` from ``X`` (n_x, m), the training set."""
        Xa = check_X(X, "X")
        m = Xa.shape[1]
        mean = Xa.mean(axis=1, keepdims=True)
        var = ((Xa - mean) ** 2).mean(axis=1, keepdims=True)
        # Like scikit-learn: a variance within the rounding error of the two-pass
        # algorithm counts as zero (a constant feature).
        eps = np.finfo(np.float64).eps
        constant = var <= m * eps * var + (m * mean * eps) ** 2
        var = np.where(constant, 0.0, var)
        self.mean_ = mean
        self.std_ = np.sqrt(var)
        self.scale_ = np.where(constant, 1.0, self.std_)
        self.n_features_ = Xa.shape[0]
        return self

    def _check(self, X, name: str) -> np.ndarray:
        if self.mean_ is None:
            raise ValueError("This Standardizer is not fitted yet: call fit(X_train) (or "
                             "fit_transform(X_train)) before transform or inverse_transform.")
        Xa = check_X(X, name)
        n = self.n_features_
        if Xa.shape[0] != n:
            hint = (f" It looks like scikit-learn's (m, n_x) layout; use {name}.T."
                    if Xa.shape[1] == n else "")
            raise ValueError(f"{name} has {Xa.shape[0]} features (rows) but the Standardizer "
                             f"was fitted on {n} features; pass an array of shape ({n}, m)."
                             f"{hint}")
        return Xa

    def transform(self, X) -> np.ndarray:
        """Return ``(X - mean_) / scale_``, a new array of shape (n_x, m); ``X`` is unchanged."""
        Xa = self._check(X, "X")
        return (Xa - self.mean_) / self.scale_

    def fit_transform(self, X) -> np.ndarray:
        """:meth:`fit` on ``X`` (n_x, m), then :meth:`transform` it."""
        return self.fit(X).transform(X)

    def inverse_transform(self, X) -> np.ndarray:
        """Undo :meth:`transform`: ``X * scale_ + mean_``, shape (n_x, m)."""
        Xa = self._check(X, "X")
        return Xa * self.scale_ + self.mean_


def standardize(X_train, *others) -> tuple:
    """Fit a :class:`Standardizer` on ``X_train`` only and transform it and every other set.

    Parameters
    ----------
    X_train : array, shape (n_x, m_train)
    *others : arrays, shape (n_x, m_k)
        Dev, test, ... sets, transformed with the *training* statistics.

    Returns
    -------
    tuple of ndarray
        ``(X_train_norm, *others_norm)``, same shapes as the inputs (a 1-tuple if no
        other set is given).
    """
    scaler = Standardizer().fit(X_train)
    out = [scaler.transform(X_train)]
    for k, X in enumerate(others):
        try:
            out.append(scaler.transform(X))
        except (ValueError, TypeError) as exc:
            raise type(exc)(f"others[{k}]: {exc}") from None
    return tuple(out)
