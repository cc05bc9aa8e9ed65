"""Checkers of the notebook-06 exercises (early stopping), recognising the classic mistakes."""
from __future__ import annotations

import numpy as np

from ..i18n import N_
from ..lessons.early_stopping import early_stop_on_curve
from .base import Feedback, check_function

__all__ = ["check_early_stop", "check_restore_best"]


# --------------------------------------------------------------------------- exercise 1
def _ref(dev_errors, patience):
    r = early_stop_on_curve(dev_errors, patience)
    return (r.stop_index, r.best_index)


def _variant(dev_errors, patience, *, wait_ge=False, le=False, total=False, vs_previous=False):
    """A configurable early-stopping replay used to model the classic mistakes."""
    best, best_i, wait, prev = np.inf, 0, 0, np.inf
    for t, x in enumerate(dev_errors):
        ref = prev if vs_previous else best
        improved = x <= ref if le else x < ref
        if improved:
            if x < best or le:
                best, best_i = x, t
            if not total:
                wait = 0
        else:
            wait += 1
        prev = x
        if (wait >= patience if wait_ge else wait > patience) and not improved:
            return (t, best_i)
    return (len(dev_errors) - 1, best_i)


def _early_stop_cases():
    return [
        dict(dev_errors=[0.5, 0.3, 0.2, 0.25, 0.22, 0.21, 0.3, 0.4], patience=2),
        dict(dev_errors=[0.5, 0.3, 0.3, 0.3, 0.3, 0.3], patience=3),
        dict(dev_errors=[0.4, 0.35, 0.36, 0.34, 0.37, 0.33, 0.38, 0.39, 0.40, 0.41], patience=1),
        dict(dev_errors=[0.4, 0.3, 0.31, 0.29, 0.32, 0.33], patience=5),
        dict(dev_errors=[0.3, 0.4, 0.5, 0.6], patience=0),
        dict(dev_errors=[0.5, 0.4, 0.45, 0.42, 0.41, 0.43, 0.44, 0.46], patience=2),
        dict(dev_errors=[0.5, 0.3, 0.4, 0.45, 0.2, 0.6], patience=1),
    ]


def check_early_stop(early_stop) -> Feedback:
    """Exercise: ``early_stop(dev_errors, patience) -> (stop_index, best_index)``.

    Record ``t`` improves when ``dev_errors[t] < best so far``; training stops at the
    first record where ``patience`` records in a row have brought no improvement and
    this one does not either (so ``stop = best + patience + 1`` if nothing improves);
    if it never stops, ``stop_index`` is the last index. Indices are 0-based.
    """
    mistakes = [
        (N_("stopped one record too early (`wait >= patience` instead of `wait > patience`)"),
         lambda dev_errors, patience: _variant(dev_errors, patience, wait_ge=True),
         N_("patience = number of records WITHOUT improvement that you tolerate; stop on the "
            "next one: `if wait > patience`.")),
        (N_("counted an equal value as an improvement (`<=`), so the best moves to a later record"),
         lambda dev_errors, patience: _variant(dev_errors, patience, le=True),
         N_("Only a strictly smaller dev error is an improvement (`<`); on ties keep the first.")),
        (N_("never reset the patience counter after an improvement"),
         lambda dev_errors, patience: _variant(dev_errors, patience, total=True),
         N_("Set wait = 0 whenever the dev error improves.")),
        (N_("compared each record with the previous one instead of with the best so far"),
         lambda dev_errors, patience: _variant(dev_errors, patience, vs_previous=True),
         N_("Keep `best` (the lowest dev error seen) and compare every record with it.")),
        (N_("returned the stopping record as the best one (restoring the last parameters)"),
         lambda dev_errors, patience: (_ref(dev_errors, patience)[0],) * 2,
         N_("best_index is where the dev error was lowest, not where training stopped.")),
        (N_("returned 1-based indices for the best record (off by one)"),
         lambda dev_errors, patience: (_ref(dev_errors, patience)[0],
                                       _ref(dev_errors, patience)[1] + 1),
         N_("Python indices start at 0: the first record has index 0.")),
        (N_("returned the best record of the whole curve, ignoring where training stopped"),
         lambda dev_errors, patience: (_ref(dev_errors, patience)[0],
                                       int(np.argmin(dev_errors))),
         N_("Early stopping cannot see the future: the best is taken among records up to "
            "the stop.")),
    ]
    return check_function(N_("early_stop"), early_stop, _early_stop_cases(),
                          lambda dev_errors, patience: _ref(dev_errors, patience), mistakes,
                          output_names=("stop_index", "best_index"),
                          hint=N_("loop over the records keeping best, best_index and a wait "
                                  "counter."))


# --------------------------------------------------------------------------- exercise 2
def _restore_ref(snapshots, dev_errors):
    return snapshots[int(np.argmin(dev_errors))][1]


def _restore_cases():
    rng = np.random.default_rng(3)
    cases = []
    for errs in ([0.5, 0.3, 0.2, 0.25, 0.2, 0.3], [0.4, 0.1, 0.3, 0.35, 0.5]):
        snaps = [(50 * i, {"W1": rng.standard_normal((2, 2)), "b1": np.full((2, 1), float(i))})
                 for i in range(len(errs))]
        cases.append(dict(snapshots=snaps, dev_errors=errs))
    return cases


def check_restore_best(restore_best) -> Feedback:
    """Exercise: ``restore_best(snapshots, dev_errors)`` returns the parameters of the record
    with the lowest dev error (the first one on ties). ``snapshots`` is the list of
    ``(iteration, params)`` that ``train(..., keep_snapshots=True)`` records."""
    mistakes = [
        (N_("returned the last parameters instead of the best ones"),
         lambda snapshots, dev_errors: snapshots[-1][1],
         N_("The point of restore_best: go back to the snapshot at the dev minimum.")),
        (N_("picked the record with the HIGHEST dev error (argmax, as for an accuracy)"),
         lambda snapshots, dev_errors: snapshots[int(np.argmax(dev_errors))][1],
         N_("For an error lower is better: use np.argmin.")),
        (N_("took the snapshot one record after the best (off by one)"),
         lambda snapshots, dev_errors: snapshots[min(int(np.argmin(dev_errors)) + 1,
                                                     len(snapshots) - 1)][1],
         N_("Snapshot i and dev_errors[i] belong to the same record: use the same index.")),
        (N_("took the last of several equal minima"),
         lambda snapshots, dev_errors: snapshots[len(dev_errors) - 1 - int(np.argmin(
             np.asarray(dev_errors)[::-1]))][1],
         N_("On ties keep the earliest record (smaller weights, same dev error): np.argmin does.")),
        (N_("returned the (iteration, params) pair instead of the params dict"),
         lambda snapshots, dev_errors: snapshots[int(np.argmin(dev_errors))],
         N_("Each snapshot is a pair (iteration, params): return its second element.")),
    ]
    return check_function(N_("restore_best"), restore_best, _restore_cases(), _restore_ref,
                          mistakes, output_names="params",
                          hint=N_("i = int(np.argmin(dev_errors)); return snapshots[i][1]"))
