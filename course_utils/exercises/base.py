"""Shared machinery of the exercise checkers: run, compare, recognise known mistakes."""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

__all__ = ["Feedback", "same", "check_function", "not_implemented"]

_MARK = {"passed": "[PASSED]", "failed": "[NOT YET]", "not implemented": "[TODO]"}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one exercise: ``status`` is "passed", "failed" or "not implemented"."""

    exercise: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return f"{_MARK[self.status]} {self.exercise}: {self.message}"

    def __repr__(self) -> str:
        return str(self)


def not_implemented(exercise: str, hint: str = "") -> Feedback:
    """Feedback for a function that still raises NotImplementedError."""
    return Feedback(exercise, "not implemented",
                    "not implemented yet." + (f" Hint: {hint}" if hint else ""))


def same(got, expected, rtol: float = 1e-7, atol: float = 1e-10) -> bool:
    """Structural equality with a numeric tolerance (scalars, arrays, dicts, tuples, lists)."""
    if isinstance(expected, dict):
        return isinstance(got, dict) and set(got) == set(expected) and \
            all(same(got[k], expected[k], rtol, atol) for k in expected)
    if isinstance(expected, (tuple, list)):
        return isinstance(got, (tuple, list)) and len(got) == len(expected) and \
            all(same(g, e, rtol, atol) for g, e in zip(got, expected))
    if isinstance(expected, str):
        return got == expected
    try:
        g = np.asarray(got, dtype=float)
        e = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    return g.shape == e.shape and bool(np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True))


def _describe(x) -> str:
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    if isinstance(x, dict):
        return f"a dict with keys {sorted(x)}"
    if isinstance(x, (float, int, np.floating, np.integer)):
        return f"{float(x):.6g}"
    return type(x).__name__


def check_function(exercise: str, learner_fn, cases, reference, mistakes=(), hint: str = "",
                   rtol: float = 1e-7, atol: float = 1e-10) -> Feedback:
    """Run ``learner_fn(**case)`` for each case and compare with ``reference(**case)``.

    Parameters
    ----------
    exercise : name shown in the feedback
    learner_fn : the learner's function
    cases : list of dicts of keyword arguments (deep-copied for every call, so a
        learner function that mutates its inputs cannot corrupt the check)
    reference : the correct implementation
    mistakes : sequence of ``(description, wrong_fn, fix)``: when the learner's
        output matches ``wrong_fn``'s, the feedback names that mistake and the fix.
    hint : shown when the function is not implemented yet
    """
    if not callable(learner_fn):
        return Feedback(exercise, "failed", f"expected a function, got {type(learner_fn).__name__}.")
    for i, case in enumerate(cases):
        try:
            got = learner_fn(**copy.deepcopy(case))
        except NotImplementedError:
            return not_implemented(exercise, hint)
        except Exception as exc:  # noqa: BLE001 - any learner error becomes feedback
            return Feedback(exercise, "failed",
                            f"your function raised {type(exc).__name__}: {exc} (test case {i + 1}).")
        expected = reference(**copy.deepcopy(case))
        if same(got, expected, rtol, atol):
            continue
        for description, wrong, fix in mistakes:
            try:
                wrong_out = wrong(**copy.deepcopy(case))
            except Exception:  # noqa: BLE001 - a mistake model that cannot run is skipped
                continue
            if same(got, wrong_out, rtol, atol):
                return Feedback(exercise, "failed", f"it looks like you {description}. {fix}")
        shape_note = ""
        if isinstance(expected, np.ndarray) and np.shape(got) != expected.shape:
            shape_note = f" Expected shape {expected.shape}, got {np.shape(got)}."
        return Feedback(exercise, "failed",
                        f"wrong result on test case {i + 1}: expected {_describe(expected)}, "
                        f"got {_describe(got)}.{shape_note}")
    return Feedback(exercise, "passed", f"correct on all {len(cases)} test cases.")
