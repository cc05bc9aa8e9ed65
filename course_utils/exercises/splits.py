"""Exercise checkers of notebook 01: a shuffled column split, and the CI half-width."""
from __future__ import annotations

import numpy as np

from ..i18n import N_, _
from ..lessons.splits import Z_95
from .base import Feedback, check_function, in_place_feedback, not_a_function, not_implemented
from .compare import describe_value

__all__ = ["check_split_columns", "check_ci_half_width"]

_SPLIT = N_("split_columns")


def _probe(m: int = 50):
    """X (3, m) whose column j is (j, 10 j, -j) and Y (1, m) = j % 2: pairs stay recognisable."""
    j = np.arange(m, dtype=float)
    return np.vstack([j, 10 * j, -j]), (j % 2).reshape(1, -1)


def check_split_columns(fn) -> Feedback:
    """Check ``fn(X, Y, dev_fraction, seed) -> (X_train, Y_train, X_dev, Y_dev)``.

    Expected: a seeded random permutation of the m columns; the dev set gets
    ``round(dev_fraction * m)`` of them; X is (n_x, m) and Y (1, m), so examples
    are columns. Recognised mistakes: splitting rows instead of columns, flattening
    Y, forgetting to shuffle, shuffling X and Y differently, overlapping sets,
    ignoring the seed, shuffling the caller's X or Y in place.
    """
    if not callable(fn):
        return not_a_function(_SPLIT, fn)
    X, Y = _probe(50)
    Xc, Yc = X.copy(), Y.copy()
    try:
        out = fn(Xc, Yc, 0.2, 0)
    except NotImplementedError:
        return not_implemented(_SPLIT, N_("perm = np.random.default_rng(seed).permutation(m), "
                                          "then X[:, perm[:n_dev]] ..."))
    except Exception as exc:  # noqa: BLE001 - any learner error becomes feedback
        return _fail(_("your function raised {error}: {message}.").format(
            error=type(exc).__name__, message=exc))
    if not isinstance(out, (tuple, list)) or len(out) != 4:
        return _fail(_("return four arrays: (X_train, Y_train, X_dev, Y_dev); you returned "
                       "{got}.").format(got=describe_value(out)))
    Xtr, Ytr, Xdv, Ydv = (np.asarray(a) for a in out)
    if Xtr.ndim != 2 or Xdv.ndim != 2 or Xtr.shape[0] != 3 or Xdv.shape[0] != 3:
        return _fail(_("X_train has shape {train} and X_dev {dev}; expected (3, 40) and (3, 10). "
                       "It looks like you split the rows (features): examples are the columns "
                       "of X (n_x, m), so index X[:, idx].").format(train=Xtr.shape,
                                                                   dev=Xdv.shape))
    if Ytr.ndim != 2 or Ytr.shape[0] != 1 or Ydv.ndim != 2 or Ydv.shape[0] != 1:
        return _fail(_("Y_train has shape {train} and Y_dev {dev}: keep the (1, m) layout (index "
                       "Y[:, idx]); a (m,) vector broadcasts against (1, m) predictions into an "
                       "(m, m) matrix.").format(train=Ytr.shape, dev=Ydv.shape))
    if Xdv.shape[1] != 10 or Xtr.shape[1] != 40:
        return _fail(_("with m = 50 and dev_fraction = 0.2 expected 40 train and 10 dev "
                       "examples, got {train} and {dev}. Use n_dev = round(dev_fraction * m)."
                       ).format(train=Xtr.shape[1], dev=Xdv.shape[1]))
    ids = np.concatenate([Xtr[0], Xdv[0]])
    if len(set(ids.tolist())) != 50 or not np.array_equal(np.sort(ids), np.arange(50)):
        return _fail(_("train and dev overlap (or lose examples): every example must land in "
                       "exactly one set. Slice ONE permutation."))
    for name, Xa, Ya in (("Y_train", Xtr, Ytr), ("Y_dev", Xdv, Ydv)):
        if Ya.shape[1] != Xa.shape[1] or not np.array_equal(Ya[0], Xa[0] % 2):
            return _fail(_("the labels no longer match their examples ({name} is not indexed "
                           "like its X): X and Y must be indexed with the SAME permutation "
                           "(X[:, idx], Y[:, idx]).").format(name=name))
    if np.array_equal(Xtr[0], np.arange(40)) or np.array_equal(Xdv[0], np.arange(40, 50)) \
            or np.array_equal(Xdv[0], np.arange(10)):
        return _fail(_("the split is not shuffled: the dev set is a contiguous block of the "
                       "data. If the data is sorted (by class, date, source...) dev differs "
                       "from train. Shuffle with np.random.default_rng(seed).permutation(m)."))
    changed = in_place_feedback(_SPLIT, {"X": X, "Y": Y}, {"X": Xc, "Y": Yc})
    if changed is not None:
        return changed
    try:
        again = fn(X.copy(), Y.copy(), 0.2, 0)
        other = fn(X.copy(), Y.copy(), 0.2, 1)
    except Exception as exc:  # noqa: BLE001 - any learner error becomes feedback
        return _fail(_("your function raised {error}: {message}.").format(
            error=type(exc).__name__, message=exc))
    if not np.array_equal(np.asarray(again[2]), Xdv):
        return _fail(_("two calls with seed=0 gave different splits: build the generator from "
                       "the seed, np.random.default_rng(seed)."))
    if np.array_equal(np.asarray(other[2]), Xdv):
        return _fail(_("seed=0 and seed=1 gave the same split: use the seed argument, "
                       "np.random.default_rng(seed)."))
    return Feedback(_SPLIT, "passed", _("shuffled, reproducible, columns kept with their "
                                        "labels, 40/10 examples."))


def _fail(message: str) -> Feedback:
    return Feedback(_SPLIT, "failed", message)


def _ci(p, n):
    return Z_95 * np.sqrt(p * (1 - p) / n)


def check_ci_half_width(fn) -> Feedback:
    """Check ``fn(p, n)`` = half-width of the 95% CI of an accuracy ``p`` measured on ``n``
    examples."""
    cases = [dict(p=0.9, n=100), dict(p=0.5, n=10_000), dict(p=0.98, n=2500), dict(p=0.75, n=37)]
    mistakes = [
        (N_("returned the standard error, without the factor 1.96"),
         lambda p, n: np.sqrt(p * (1 - p) / n), N_("The 95% half-width is 1.96 * sqrt(p(1-p)/n).")),
        (N_("returned the full width of the interval"), lambda p, n: 2 * _ci(p, n),
         N_("The interval is p +/- half-width; return the half-width.")),
        (N_("forgot the square root"), lambda p, n: Z_95 * p * (1 - p) / n,
         N_("The standard error is sqrt(p(1-p)/n).")),
        (N_("used the variance p(1-p) without dividing by n"),
         lambda p, n: Z_95 * np.sqrt(p * (1 - p)),
         N_("More examples give a narrower interval: divide by n inside the root.")),
        (N_("divided by n outside the square root"), lambda p, n: Z_95 * np.sqrt(p * (1 - p)) / n,
         N_("Write sqrt(p * (1 - p) / n): the width shrinks like 1/sqrt(n), not 1/n.")),
    ]
    return check_function(N_("ci_half_width"), fn, cases, _ci, mistakes, rtol=1e-3,
                          output_names=N_("half-width"),
                          hint=N_("1.96 * np.sqrt(p * (1 - p) / n)"))
