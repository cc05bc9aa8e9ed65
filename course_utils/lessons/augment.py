"""The experiments of notebook 05: small digit training sets with and without augmentation.

Augmentation is *online*: every ``refresh_every`` iterations the network sees a
fresh random copy of each training image next to the original (training set
``[originals, augmented copy]``, labels repeated), so over a run it meets many
variants of every digit at the cost of a training set only twice as large.
Dev and test sets are never augmented.
"""
from __future__ import annotations

import numbers

import numpy as np

from .._checks import as_rng, check_positive_int, check_X
from ..augment.digits import DIGIT_AUGMENTATIONS, columns_to_images, images_to_columns
from ..nn import forward_unchecked
from ..train_batched import train_batched

__all__ = ["sample_per_class", "train_digits", "train_digits_many", "digit_accuracy",
           "augmentation_experiment", "per_class_accuracy", "dev_augmentation_effect"]

KINDS = ("none",) + tuple(DIGIT_AUGMENTATIONS)


def sample_per_class(labels, n_per_class: int, seed=None, rng=None) -> np.ndarray:
    """Indices of ``n_per_class`` random examples of every class (sorted by class), no repeats.

    Parameters
    ----------
    labels : (m,) integer class labels
    """
    y = np.asarray(labels)
    if y.ndim != 1:
        raise ValueError(f"labels must be integer labels of shape (m,), got shape {y.shape}.")
    n = check_positive_int(n_per_class, "n_per_class")
    gen = as_rng(seed, rng)
    out = []
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        if idx.size < n:
            raise ValueError(f"class {c} has only {idx.size} examples, fewer than "
                             f"n_per_class={n}; lower n_per_class.")
        out.append(gen.choice(idx, n, replace=False))
    return np.concatenate(out)


def train_digits(X, Y, augment: str = "none", hidden: int = 32, learning_rate: float = 0.5,
                 num_iterations: int = 1000, refresh_every: int = 50, seed: int = 0,
                 **aug_kwargs) -> dict:
    """Train a softmax network ``[64, hidden, C]`` (ReLU) on digits, optionally augmenting online.

    Parameters
    ----------
    X : (64, m) digit columns ; Y : (C, m) one-hot
    augment : ``"none"``, ``"jitter"`` (label-preserving rotation, shift, mild elastic) or
        ``"hflip"`` (a left-right flip, which does not preserve digits)
    refresh_every : iterations between two fresh augmented copies
    seed : initialization and augmentation randomness
    aug_kwargs : strengths for the augmentation (e.g. ``max_degrees=10, max_shift=1``)

    Returns
    -------
    dict of parameters ``W1 (hidden, 64), b1, W2 (C, hidden), b2``.
    """
    return train_digits_many([X], [Y], augment, [seed], hidden, learning_rate, num_iterations,
                             refresh_every, **aug_kwargs)[0]


def train_digits_many(Xs, Ys, augment: str, seeds, hidden: int = 32,
                      learning_rate: float = 0.5, num_iterations: int = 1000,
                      refresh_every: int = 50, **aug_kwargs) -> list[dict]:
    """:func:`train_digits` for K (training set, seed) pairs at once, with ``train_batched``.

    Network ``k`` is exactly ``train_digits(Xs[k], Ys[k], augment, seed=seeds[k], ...)``:
    its own initialization and augmentation generator, its own augmented copies.

    Parameters
    ----------
    Xs : K arrays (64, m) ; Ys : K one-hot arrays (C, m) (the same m for all)
    seeds : K seeds ; other arguments as in :func:`train_digits`

    Returns
    -------
    list of K parameter dicts.
    """
    if augment not in KINDS:
        raise ValueError(f"Unknown augment {augment!r}. Valid names: "
                         f"{', '.join(map(repr, KINDS))}.")
    Xs = [check_X(X, f"Xs[{k}]", 64) for k, X in enumerate(Xs)]
    seeds = [int(s) for s in seeds]
    if len(seeds) != len(Xs) or len(Ys) != len(Xs):
        raise ValueError(f"Give one seed and one Y per training set: {len(Xs)} training sets, "
                         f"{len(Ys)} label arrays, {len(seeds)} seeds.")
    Ys = [np.asarray(Y, dtype=float) for Y in Ys]
    dims = [64, check_positive_int(hidden, "hidden"), Ys[0].shape[0]]
    kw = dict(output_activation="softmax", learning_rate=learning_rate, seeds=seeds)
    if augment == "none":
        return [r.params for r in train_batched(np.stack(Xs), np.stack(Ys), dims,
                                                num_iterations=num_iterations,
                                                record_every=num_iterations, **kw)]
    refresh = check_positive_int(refresh_every, "refresh_every")
    images = [columns_to_images(X) for X in Xs]
    gens = [np.random.default_rng([s, 7]) for s in seeds]
    Y2 = np.stack([np.tile(Y, (1, 2)) for Y in Ys])
    params, done = None, 0
    while done < num_iterations:
        steps = min(refresh, num_iterations - done)
        X2 = np.stack([np.hstack([X, images_to_columns(
            DIGIT_AUGMENTATIONS[augment](im, rng=gen, **aug_kwargs))])
            for X, im, gen in zip(Xs, images, gens)])
        params = [r.params for r in train_batched(X2, Y2, dims, num_iterations=steps,
                                                  record_every=steps, params=params, **kw)]
        done += steps
    return params


def digit_accuracy(params, X, Y) -> float:
    """Accuracy of a softmax network on ``X`` (64, m) with one-hot ``Y`` (C, m)."""
    AL = forward_unchecked(np.asarray(X, dtype=float), params, "relu", "softmax")[0]
    return float(np.mean(AL.argmax(axis=0) == np.asarray(Y).argmax(axis=0)))


def per_class_accuracy(params, X, labels) -> np.ndarray:
    """Accuracy on each class c = 0..C-1 (shape (C,)); ``labels`` (m,) integer labels."""
    y = np.asarray(labels)
    AL = forward_unchecked(np.asarray(X, dtype=float), params, "relu", "softmax")[0]
    pred = AL.argmax(axis=0)
    C = params[f"W{len(params) // 2}"].shape[0]
    return np.array([np.mean(pred[y == c] == c) if np.any(y == c) else np.nan for c in range(C)])


def augmentation_experiment(X_pool, labels_pool, X_dev, Y_dev, sizes_per_class=(2, 5, 10, 20),
                            seeds=range(6), kinds=("none", "jitter"), **train_kwargs) -> dict:
    """Dev accuracy for every (training-set size, seed, kind of augmentation).

    For each size ``n`` per class and each seed, one training set of ``n`` digits of
    every class is drawn from the pool (``sample_per_class``); every kind is then
    trained on *that same* set with the same initialization, so differences between
    kinds are paired.

    Parameters
    ----------
    X_pool : (64, m) ; labels_pool : (m,) integer labels ; X_dev, Y_dev : (64, m_dev), (C, m_dev)
    sizes_per_class : examples per class (training-set size = C x n)
    seeds : seeds (one training set and one initialization each)
    kinds : subset of ``("none", "jitter", "hflip")``
    train_kwargs : passed to :func:`train_digits` (hidden, num_iterations, max_degrees, ...)

    Returns
    -------
    dict with ``sizes`` (training-set sizes), ``seeds``, ``kinds`` and ``accuracy``:
    ``{kind: array (len(sizes), len(seeds))}`` of dev accuracies.
    """
    kinds = tuple(kinds)
    for k in kinds:
        if k not in KINDS:
            raise ValueError(f"Unknown kind {k!r}. Valid names: {', '.join(map(repr, KINDS))}.")
    sizes = [check_positive_int(n, "sizes_per_class") for n in sizes_per_class]
    seeds = [int(s) for s in seeds]
    if not seeds or not all(isinstance(s, numbers.Integral) and s >= 0 for s in seeds):
        raise ValueError(f"seeds must be a non-empty list of integers >= 0, got {seeds!r}.")
    y = np.asarray(labels_pool)
    X_pool = check_X(X_pool, "X_pool", 64)
    C = int(y.max()) + 1
    acc = {k: np.zeros((len(sizes), len(seeds))) for k in kinds}
    for i, n in enumerate(sizes):
        idx = [sample_per_class(y, n, seed=1000 * n + s) for s in seeds]
        Xts, Yts = [X_pool[:, ix] for ix in idx], [np.eye(C)[y[ix]].T for ix in idx]
        for k in kinds:   # the seeds of one size and kind train together
            for j, params in enumerate(train_digits_many(Xts, Yts, k, seeds, **train_kwargs)):
                acc[k][i, j] = digit_accuracy(params, X_dev, Y_dev)
    return {"sizes": np.array(sizes) * C, "seeds": np.array(seeds), "kinds": kinds,
            "accuracy": acc}


def dev_augmentation_effect(X_pool, labels_pool, X_dev, Y_dev, X_test, Y_test,
                            n_per_class: int = 10, seeds=range(6), kinds=("none", "jitter"),
                            dev_seed: int = 12345, **train_kwargs) -> dict:
    """What an *augmented* dev set measures, compared with the clean dev and test sets.

    For every seed, a training set of ``n_per_class`` digits per class is drawn and a
    network of every kind is trained on it; each is then scored on the clean dev
    set, on a jittered copy of the dev set (the mistake) and on the clean test set.

    Returns
    -------
    ``{kind: {"dev": (S,), "dev_augmented": (S,), "test": (S,)}}`` accuracies over the S seeds.
    """
    y = np.asarray(labels_pool)
    X_pool = check_X(X_pool, "X_pool", 64)
    C = int(y.max()) + 1
    X_dev_aug = images_to_columns(DIGIT_AUGMENTATIONS["jitter"](columns_to_images(X_dev),
                                                                seed=dev_seed))
    out = {k: {"dev": [], "dev_augmented": [], "test": []} for k in kinds}
    seeds = [int(s) for s in seeds]
    idx = [sample_per_class(y, n_per_class, seed=1000 * n_per_class + s) for s in seeds]
    Xts, Yts = [X_pool[:, ix] for ix in idx], [np.eye(C)[y[ix]].T for ix in idx]
    for k in kinds:
        for p in train_digits_many(Xts, Yts, k, seeds, **train_kwargs):
            out[k]["dev"].append(digit_accuracy(p, X_dev, Y_dev))
            out[k]["dev_augmented"].append(digit_accuracy(p, X_dev_aug, Y_dev))
            out[k]["test"].append(digit_accuracy(p, X_test, Y_test))
    return {k: {m: np.asarray(v) for m, v in d.items()} for k, d in out.items()}
