"""Train/dev/test splits of data in the course layout (floor 1).

``X`` has shape ``(n_x, m)`` (one column per example); ``Y`` is ``(1, m)``
(binary or integer class labels) or one-hot ``(C, m)``. Part sizes follow
scikit-learn's convention (held-out parts rounded up, train gets the rest);
``stratify=True`` keeps every class's share in every part. Also re-exported by
:mod:`course_utils.data`.
"""
from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np

from ._checks import as_float_array, as_rng, check_X, check_Y

__all__ = ["Split", "SPLIT_KEYS", "train_dev_test_split"]

SPLIT_KEYS = ("X_train", "Y_train", "X_dev", "Y_dev", "X_test", "Y_test")
"""Field names of :class:`Split`, also the keys of the shipped ``.npz`` files."""


class Split(NamedTuple):
    """A train/dev(/test) split: ``X_*`` of shape ``(n_x, m_*)``, ``Y_*`` ``(1 or C, m_*)``.

    ``X_test`` and ``Y_test`` are ``None`` for a two-way (train/dev) split.
    """

    X_train: np.ndarray
    Y_train: np.ndarray
    X_dev: np.ndarray
    Y_dev: np.ndarray
    X_test: np.ndarray | None = None
    Y_test: np.ndarray | None = None

    @property
    def sizes(self) -> tuple[int, int, int]:
        """``(m_train, m_dev, m_test)``; ``m_test`` is 0 for a two-way split."""
        m_test = 0 if self.X_test is None else self.X_test.shape[1]
        return self.X_train.shape[1], self.X_dev.shape[1], m_test


# --------------------------------------------------------------------------- splits
def _check_ratios(ratios) -> tuple[float, float, float]:
    if isinstance(ratios, (str, bytes)) or not hasattr(ratios, "__len__"):
        raise TypeError(f"ratios must be a tuple of 2 or 3 fractions like (0.6, 0.2, 0.2), "
                        f"got {type(ratios).__name__} {ratios!r}.")
    r = list(ratios)
    if len(r) not in (2, 3):
        raise ValueError(f"ratios must have 2 entries (train, dev) or 3 (train, dev, test), "
                         f"got {len(r)}: {r}.")
    for v in r:
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise TypeError(f"ratios must contain numbers, got {v!r} in {r}.")
    r = [float(v) for v in r]
    names = ("train", "dev", "test")
    for name, v in zip(names, r):
        if not np.isfinite(v) or v < 0 or (v == 0 and name != "test"):
            need = ">= 0" if name == "test" else "> 0"
            raise ValueError(f"ratios: the {name} ratio must be a finite number {need}, got "
                             f"{v} in {tuple(r)}.")
    total = sum(r)
    if abs(total - 1.0) > 1e-9:
        if abs(total - 100.0) < 1e-6:
            guess = ", ".join(f"{v / 100:g}" for v in r)
            raise ValueError(f"ratios must be fractions summing to 1; did you mean ({guess})? "
                             f"Got percentages {tuple(r)}.")
        guess = ", ".join(f"{v / total:.4g}" for v in r)
        raise ValueError(f"ratios must be fractions summing to 1, got {tuple(r)} (sum "
                         f"{total:.12g}); e.g. ({guess}).")
    return r[0], r[1], (r[2] if len(r) == 3 else 0.0)


def _part_sizes(m: int, r_dev: float, r_test: float) -> tuple[int, int, int]:
    """scikit-learn's convention: held-out parts ``ceil(ratio * m)``, train gets the rest."""
    n_dev = math.ceil(r_dev * m)
    n_test = math.ceil(r_test * m) if r_test > 0 else 0
    return m - n_dev - n_test, n_dev, n_test


def _split_labels(Y, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Check Y for splitting; return (Y as float64, class index of each column (m,))."""
    arr = as_float_array(Y, "Y")
    if arr.ndim == 2 and arr.shape == (1, m) and np.all(np.isfinite(arr)) \
            and np.all(arr == np.round(arr)) and np.all(arr >= 0):
        return arr, arr[0].astype(np.int64)          # binary or integer labels (1, m)
    Ya = check_Y(Y, m)
    return Ya, (Ya[0] if Ya.shape[0] == 1 else Ya.argmax(axis=0)).astype(np.int64)


def _controlled_round(counts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Integer table (classes x parts) with row sums ``counts`` and column sums ``sizes``,
    each cell within 1 of ``counts[c] * sizes[k] / m``.

    Floor every cell (exact integer arithmetic), then hand out the missing units, at most one
    per cell and only to cells whose exact share is not an integer: a bipartite matching
    solved by augmenting paths (it always exists: the fractional parts are a solution).
    """
    counts, sizes = np.asarray(counts, np.int64), np.asarray(sizes, np.int64)
    m = int(counts.sum())
    num = np.outer(counts, sizes)
    table, allowed = num // m, (num % m) != 0
    extra = np.zeros_like(table)
    col_left = sizes - table.sum(axis=0)

    def augment(r, seen):
        for k in np.flatnonzero(allowed[r] & (extra[r] == 0)):
            if k in seen:
                continue
            seen.add(k)
            if col_left[k] > 0:
                col_left[k] -= 1
                extra[r, k] = 1
                return True
            for r2 in np.flatnonzero(extra[:, k]):
                extra[r2, k] = 0  # try moving r2's unit from column k elsewhere
                if augment(r2, seen):
                    extra[r, k] = 1
                    return True
                extra[r2, k] = 1
        return False

    for c in range(len(counts)):
        for _ in range(int(counts[c] - table[c].sum())):
            if not augment(c, set()):  # pragma: no cover - impossible by construction
                raise RuntimeError("stratified allocation failed")
    return table + extra


def train_dev_test_split(X, Y, ratios=(0.6, 0.2, 0.2), seed: int | None = None,
                         rng: np.random.Generator | None = None, stratify: bool = False,
                         shuffle: bool = True) -> Split:
    """Split the columns (examples) of ``X`` and ``Y`` into train, dev and (optionally) test.

    Sizes follow scikit-learn's ``train_test_split``: each held-out part gets
    ``ceil(ratio * m)`` examples and train gets the rest, so a two-way split has
    the same sizes as ``train_test_split(..., test_size=ratios[1])``.

    Parameters
    ----------
    X : array, shape (n_x, m)
    Y : array, shape (1, m) binary 0/1, (C, m) one-hot, or (1, m) integer class labels
        ``0 .. C-1`` (accepted here for convenience; the network needs one-hot).
        A ``(m,)`` or ``(m, 1)`` Y is refused, never reshaped silently.
    ratios : tuple of float
        ``(train, dev)`` or ``(train, dev, test)`` fractions summing to 1; train and
        dev > 0; a test ratio of 0 gives no test set.
    seed, rng :
        Source of randomness (``seed=0`` if neither is given): same seed, same split.
    stratify : bool
        Keep the class proportions in every part (each part's count of each class is
        within one example of its share). Needs ``shuffle=True``.
    shuffle : bool
        Shuffle before splitting; ``False`` takes train, dev, test in column order.

    Returns
    -------
    Split
        ``X_*`` (n_x, m_*) and ``Y_*`` (rows of Y, m_*), new arrays (inputs are not
        modified); ``X_test``/``Y_test`` are ``None`` without a test part.
    """
    Xa = check_X(X, "X")
    m = Xa.shape[1]
    Y_arr = np.asarray(Y) if not isinstance(Y, (str, bytes)) else Y
    if np.ndim(Y_arr) == 2 and Xa.shape[0] == np.shape(Y_arr)[1] != m:
        raise ValueError(f"X has shape {Xa.shape} but Y has {np.shape(Y_arr)[1]} columns: X "
                         f"looks like scikit-learn's (m, n_x) layout. Use X.T (shape (n_x, m)).")
    Ya, classes = _split_labels(Y, m)
    r_train, r_dev, r_test = _check_ratios(ratios)
    if not isinstance(stratify, (bool, np.bool_)) or not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"stratify and shuffle must be True or False, got stratify={stratify!r}, "
                        f"shuffle={shuffle!r}.")
    if stratify and not shuffle:
        raise ValueError("stratify=True needs shuffle=True (a stratified split picks examples "
                         "at random within each class).")
    gen = as_rng(seed, rng)
    sizes = _part_sizes(m, r_dev, r_test)
    if sizes[0] < 1:
        need = next((k for k in range(m + 1, m + 10**6) if _part_sizes(k, r_dev, r_test)[0] >= 1),
                    None)
        parts = "train, dev and test" if r_test > 0 else "train and dev"
        raise ValueError(f"Too few examples: m = {m} cannot fill {parts} with ratios "
                         f"{tuple(v for v in (r_train, r_dev, r_test) if v)} (train would be "
                         f"empty); at least {need} examples are needed.")
    n_parts = 3 if r_test > 0 else 2
    if not stratify:
        idx = gen.permutation(m) if shuffle else np.arange(m)
        bounds = np.cumsum(sizes)[:n_parts - 1]
        parts = np.split(idx, bounds)
    else:
        values, counts = np.unique(classes, return_counts=True)
        table = _controlled_round(counts, np.array(sizes[:n_parts]))
        parts = [[] for _ in range(n_parts)]
        for c, value in enumerate(values):
            members = gen.permutation(np.flatnonzero(classes == value))
            for k, chunk in enumerate(np.split(members, np.cumsum(table[c])[:-1])):
                parts[k].append(chunk)
        parts = [gen.permutation(np.concatenate(p)) for p in parts]
    out = []
    for k in range(3):
        out += [Xa[:, parts[k]], Ya[:, parts[k]]] if k < n_parts else [None, None]
    return Split(*out)
