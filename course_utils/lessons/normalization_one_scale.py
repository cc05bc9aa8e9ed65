r"""Notebook 07, section 4: standardizing features that already share one range (floor 4).

Pixels in :math:`[0, 1]` already share a range, so gradient descent is not slowed
down by their scales. Standardizing them is then not needed, and it is not free:
dividing by :math:`\sigma_j` multiplies feature :math:`j` by :math:`1/\sigma_j`,
so a pixel that is blank in almost every training image (:math:`\sigma_j` near 0)
is blown up, and centering turns the many zeros of sparse inputs into non-zero
values. :func:`one_scale_experiment` measures both on small digit training sets.
"""
from __future__ import annotations

import numpy as np

from .._checks import check_positive_int, check_X
from ..metrics import network_accuracy
from ..preprocessing import Standardizer
from ..train_batched import train_batched

__all__ = ["VARIANTS", "scale_variants", "one_scale_experiment"]

VARIANTS = ("raw", "centered only", "standardized")
"""The three input variants compared, in this order."""


def scale_variants(X_train, X_other) -> dict:
    """``{variant: (train, other)}``: raw, centered and standardized with the training statistics.

    Parameters
    ----------
    X_train : (n_x, m) ; X_other : (n_x, m_other), transformed with the *training* mean and sigma

    A feature that is constant in the training set keeps the divisor 1 (see
    :class:`course_utils.preprocessing.Standardizer`).
    """
    X_train, X_other = check_X(X_train, "X_train"), check_X(X_other, "X_other")
    sc = Standardizer().fit(X_train)
    return {"raw": (X_train, X_other),
            "centered only": (X_train - sc.mean_, X_other - sc.mean_),
            "standardized": (sc.transform(X_train), sc.transform(X_other))}


def _per_class(labels, n: int, gen) -> np.ndarray:
    """``n`` random indices of every class, sorted by class (no repeats)."""
    out = []
    for c in np.unique(labels):
        idx = np.flatnonzero(labels == c)
        if idx.size < n:
            raise ValueError(f"class {c} has only {idx.size} examples, fewer than "
                             f"n_per_class={n}; lower n_per_class.")
        out.append(gen.choice(idx, n, replace=False))
    return np.concatenate(out)


def one_scale_experiment(X_pool, Y_pool, X_dev, Y_dev, n_per_class: int = 10,
                         data_seeds=range(3), seeds=range(5), hidden: int = 32,
                         learning_rate: float = 0.5, num_iterations: int = 1000,
                         small_std: float = 0.05) -> dict:
    """Dev accuracy of a softmax network ``[n_x, hidden, C]`` (ReLU) trained on raw, centered
    and standardized inputs, for several small training sets and initializations.

    For every data seed a training set of ``n_per_class`` examples per class is
    drawn from the pool; the three variants of it (:func:`scale_variants`) are each
    trained with every initialization seed (``train_batched``), so differences
    between variants are paired.

    Parameters
    ----------
    X_pool : (n_x, m) ; Y_pool : (C, m) one-hot ; X_dev, Y_dev : (n_x, m_dev), (C, m_dev)
    n_per_class : training examples drawn per class
    data_seeds : one training set each ; seeds : initialization seeds (one network each)
    small_std : a feature whose training sigma is below this counts as near-constant

    Returns
    -------
    dict with ``accuracy``: ``{variant: (len(data_seeds), len(seeds))}`` dev accuracies;
    ``zeros``: ``{variant: fraction of zero entries in the training inputs}`` (mean over
    data seeds); ``largest``: ``{variant: largest |value| in the transformed dev set}``
    (max over data seeds); ``near_constant``: number of features with training sigma
    below ``small_std`` (mean over data seeds); ``max_gain``: largest 1/sigma among the
    non-constant features (max over data seeds); ``m_train``.
    """
    X_pool, X_dev = check_X(X_pool, "X_pool"), check_X(X_dev, "X_dev")
    n = check_positive_int(n_per_class, "n_per_class")
    labels = np.asarray(Y_pool).argmax(axis=0)
    data_seeds, seeds = [int(s) for s in data_seeds], [int(s) for s in seeds]
    if not data_seeds or not seeds:
        raise ValueError("data_seeds and seeds must each hold at least one seed, e.g. range(3).")
    acc = {v: np.zeros((len(data_seeds), len(seeds))) for v in VARIANTS}
    zeros = {v: [] for v in VARIANTS}
    largest = {v: 0.0 for v in VARIANTS}
    near, gain = [], 0.0
    dims = [X_pool.shape[0], check_positive_int(hidden, "hidden"), np.shape(Y_pool)[0]]
    for i, ds in enumerate(data_seeds):
        idx = _per_class(labels, n, np.random.default_rng([ds, 707]))
        Xt, Yt = X_pool[:, idx], np.asarray(Y_pool)[:, idx]
        sd = Xt.std(axis=1)
        near.append(int(np.sum(sd < small_std)))
        gain = max(gain, float(1.0 / sd[sd > 0].min()))
        for v, (A, D) in scale_variants(Xt, X_dev).items():
            zeros[v].append(float(np.mean(A == 0)))
            largest[v] = max(largest[v], float(np.abs(D).max()))
            runs = train_batched(A, Yt, dims, seeds=seeds, output_activation="softmax",
                                 learning_rate=learning_rate, num_iterations=num_iterations,
                                 record_every=num_iterations)
            acc[v][i] = [network_accuracy(r.params, D, Y_dev, "relu", "softmax") for r in runs]
    return {"accuracy": acc, "zeros": {v: float(np.mean(z)) for v, z in zeros.items()},
            "largest": largest, "near_constant": float(np.mean(near)), "max_gain": gain,
            "m_train": n * len(np.unique(labels))}
