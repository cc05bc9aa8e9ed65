"""Shared machinery of the exercise checkers: run, compare, recognise mistakes, explain.

:func:`check_function` runs the learner's function on each test case and
compares with a reference. When they disagree, the feedback gives the first of:

1. the classic mistake of the exercise's catalogue that gives the same results
   (on every test case, not just the failing one);
2. a forgotten ``return`` (None);
3. randomness not taken from the arguments: two calls on copies of the same
   inputs (generator state included) give different results;
4. a generator argument not drawn from, drawn from differently, or drawn from
   where the exercise needs no random numbers;
5. the first part of the result that differs (:mod:`.compare`), explained by a
   recurring pattern when one fits (:mod:`.patterns`: elements in another
   order, one constant factor on every case, the right values in the wrong
   layout, an array off by a constant factor) or else described (type, length,
   keys, shape, how many entries differ, where first, by how much at most);
   then the other parts that differ and any argument changed in place.

Every failure on a test case ends with that case's inputs. A right result
that changed an argument in place fails too, and so does a function whose
parameters do not take the exercise's argument names.

Every learner-facing sentence is a gettext template (``_``); the mistakes,
fixes, hints and exercise names that checkers pass in are translated here,
when they are shown (modules mark them with ``N_``).
"""
from __future__ import annotations

import copy
import inspect
from dataclasses import dataclass

import numpy as np

from ..i18n import _, ngettext
from .compare import describe_inputs, describe_value, differences, part_name
from .patterns import (
    call_quietly,
    changed_arguments,
    factor_across_cases,
    factor_note,
    layout_note,
    order_note,
    randomness_note,
)

__all__ = ["Feedback", "same", "check_function", "not_implemented", "not_a_function",
           "in_place_feedback"]

_MARK = {"passed": "[PASSED]", "failed": "[NOT YET]", "not implemented": "[TODO]"}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one exercise: ``status`` is "passed", "failed" or "not implemented".

    ``exercise`` is the name as the checker wrote it (a msgid); it is shown in
    the language in use.
    """

    exercise: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        # one template, so that a translation can use its own colon (Chinese: "：")
        return _("{mark} {exercise}: {message}").format(mark=_MARK[self.status],
                                                        exercise=_(self.exercise),
                                                        message=self.message)

    def __repr__(self) -> str:
        return str(self)


def not_implemented(exercise: str, hint: str = "") -> Feedback:
    """Feedback for a function that still raises NotImplementedError (``hint`` is a msgid)."""
    message = (_("not implemented yet. Hint: {hint}").format(hint=_(hint)) if hint
               else _("not implemented yet."))
    return Feedback(exercise, "not implemented", message)


def not_a_function(exercise: str, obj) -> Feedback:
    """Feedback when the learner passed something else than a function."""
    return Feedback(exercise, "failed", _("expected a function, got {type}.").format(
        type=type(obj).__name__))


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


def in_place_feedback(exercise: str, before: dict, after: dict, result_right: bool = True):
    """Failed feedback if a call changed one of its arguments (``before``/``after``), else None.

    Test the answer with ``is not None``: a failed :class:`Feedback` is falsy.
    """
    changed = changed_arguments(before, after)
    if not changed:
        return None
    return Feedback(exercise, "failed", _in_place_sentence(changed, result_right))


def _in_place_sentence(changed, result_right: bool) -> str:
    part, change = changed[0]
    template = (_("the result is right, but your function changed its argument {part} in place "
                  "({change}). The caller's data must stay as it was: work on a copy "
                  "(x = x.copy()) or build a new array instead of using +=, -=, *=, /= or "
                  "slice assignment on an argument.") if result_right else
                _("Your function also changed its argument {part} in place ({change}): the "
                  "caller's data must stay as it was. Work on a copy (x = x.copy()) or build a "
                  "new array instead of using +=, -=, *=, /= or slice assignment on an "
                  "argument."))
    return template.format(part=part, change=change)


def check_function(exercise: str, learner_fn, cases, reference, mistakes=(), hint: str = "",
                   rtol: float = 1e-7, atol: float = 1e-10, output_names=None,
                   draws: str | None = None, check_in_place: bool = True) -> Feedback:
    """Run ``learner_fn(**case)`` for each case and compare with ``reference(**case)``.

    Parameters
    ----------
    exercise : name shown in the feedback (a msgid, translated when shown)
    learner_fn : the learner's function
    cases : list of dicts of keyword arguments (deep-copied for every call, so a
        learner function that mutates its inputs cannot corrupt the check)
    reference : the correct implementation; it must be deterministic given its
        arguments (randomness only from a Generator argument or a seed)
    mistakes : sequence of ``(description, wrong_fn, fix)``: when the learner's
        output matches ``wrong_fn``'s on every test case (where both run), the
        feedback names that mistake and the fix (msgids, translated when shown).
    hint : shown when the function is not implemented yet
    rtol, atol : tolerances of the comparison (:func:`same`)
    output_names : names of the elements of a returned tuple, e.g.
        ``("A_drop", "the mask D")``, or one name for the whole value (``"grads"``)
    draws : how the exercise draws from its generator argument, shown when the
        learner draws differently ("Draw exactly one rng.random(A.shape).")
    check_in_place : whether changing an argument in place is a mistake
    """
    if not callable(learner_fn):
        return not_a_function(exercise, learner_fn)
    if isinstance(output_names, str):
        output_names = _(output_names)
    elif output_names is not None:
        output_names = tuple(_(name) for name in output_names)
    for i, case in enumerate(cases):
        learner_case = copy.deepcopy(case)
        try:
            got = learner_fn(**learner_case)
        except NotImplementedError:
            return not_implemented(exercise, hint)
        except Exception as exc:  # noqa: BLE001 - any learner error becomes feedback
            if isinstance(exc, TypeError) and not _accepts(learner_fn, case):
                return Feedback(exercise, "failed", _(
                    "your function cannot be called with the arguments of the exercise, "
                    "{names}: {message}. Keep the parameter names of the exercise's def "
                    "line.").format(names=", ".join(case), message=exc))
            return Feedback(exercise, "failed", _(
                "your function raised {error}: {message} (test case {case}).").format(
                error=type(exc).__name__, message=exc, case=i + 1) + " " + _inputs(i, case))
        ref_case = copy.deepcopy(case)
        expected = reference(**ref_case)
        if same(got, expected, rtol, atol):
            changed = changed_arguments(case, learner_case) if check_in_place else []
            if changed:
                return Feedback(exercise, "failed", _in_place_sentence(changed, True) + " " +
                                _inputs(i, case))
            continue
        run = _Run(learner_fn, cases, reference, i, case, learner_case, ref_case, got, expected,
                   rtol, atol, output_names, draws, check_in_place)
        named = run.catalogued(mistakes)
        return Feedback(exercise, "failed", named if named else run.explain())
    n = len(cases)
    return Feedback(exercise, "passed", ngettext("correct on its {n} test case.",
                                                 "correct on all {n} test cases.", n).format(n=n))


def _accepts(fn, case: dict) -> bool:
    """Whether ``fn``'s signature takes the case's keyword arguments (True when unknown)."""
    try:
        inspect.signature(fn).bind(**case)
    except TypeError:
        return False
    except ValueError:  # no signature (some builtins)
        return True
    return True


def _inputs(i: int, case: dict) -> str:
    return _("Inputs of test case {case}: {inputs}.").format(case=i + 1,
                                                             inputs=describe_inputs(case))


@dataclass
class _Run:
    """One wrong result and what is needed to explain it."""

    learner_fn: object
    cases: list
    reference: object
    i: int
    case: dict
    learner_case: dict
    ref_case: dict
    got: object
    expected: object
    rtol: float
    atol: float
    names: object
    draws: str | None
    check_in_place: bool

    def catalogued(self, mistakes) -> str | None:
        """The first mistake of the catalogue that gives the learner's results.

        The learner's result must match the mistake's on this case and on every
        other case where both run: one coincidence (two different ways to draw a
        mask that agree for one keep_prob) must not name a mistake.
        """
        others = {}
        for description, wrong, fix in mistakes:
            try:
                wrong_out = wrong(**copy.deepcopy(self.case))
            except Exception:  # noqa: BLE001 - a mistake model that cannot run is skipped
                continue
            if not same(self.got, wrong_out, self.rtol, self.atol):
                continue
            agree = True
            for j, case in enumerate(self.cases):
                if j == self.i:
                    continue
                if j not in others:
                    others[j] = call_quietly(self.learner_fn, case)
                ok, mine = others[j]
                try:
                    theirs = wrong(**copy.deepcopy(case))
                except Exception:  # noqa: BLE001
                    continue
                if ok and not same(mine, theirs, self.rtol, self.atol):
                    agree = False
                    break
            if agree:
                return _("it looks like you {mistake}. {fix}").format(mistake=_(description),
                                                                       fix=_(fix))
        return None

    def explain(self) -> str:
        inputs = _inputs(self.i, self.case)
        if self.got is None:
            return _("wrong result on test case {case}: your function returned None (did it "
                     "forget the return statement?); expected {expected}.").format(
                case=self.i + 1, expected=describe_value(self.expected, self.names)
            ) + " " + inputs
        sentence = randomness_note(self.learner_fn, self.case, self.learner_case, self.ref_case,
                                   self.i + 1, self.draws)
        if sentence:
            return sentence + " " + inputs
        text = self._difference()
        if self.check_in_place:
            changed = changed_arguments(self.case, self.learner_case)
            if changed:
                text += " " + _in_place_sentence(changed, False)
        return text + " " + inputs

    def _difference(self) -> str:
        found = differences(self.got, self.expected, rtol=self.rtol, atol=self.atol,
                            names=self.names)
        case = self.i + 1
        if not found:  # cannot happen while differences() mirrors same(); kept as a safeguard
            return _("wrong result on test case {case}: expected {expected}, got {got}.").format(
                case=case, expected=describe_value(self.expected), got=describe_value(self.got))
        d = found[0]
        order = order_note(self.got, self.expected, self.names, self.rtol, self.atol)
        if order:
            return _("wrong result on test case {case}: {detail}.").format(case=case, detail=order)
        whole = factor_across_cases(self.learner_fn, self.cases, self.reference, self.expected,
                                    self.got)
        if whole:
            return _("wrong result on test case {case}, in {part}: {detail}.").format(
                case=case, part=part_name((), self.names), detail=whole)
        part = part_name(d.path, self.names)
        detail = None
        if d.kind in ("type", "shape", "values"):
            detail = layout_note(d.got, d.expected, self.rtol, self.atol,
                                 self.names if not d.path else None)
        if detail is None and d.kind == "values":
            scalars = {k: float(v) for k, v in self.case.items()
                       if isinstance(v, (int, float, np.integer, np.floating))
                       and not isinstance(v, (bool, np.bool_))}
            detail = factor_note(d.got, d.expected, scalars)
        text = _("wrong result on test case {case}, in {part}: {detail}.").format(
            case=case, part=part, detail=detail or d.describe())
        others = []
        for other in found[1:]:
            name = part_name(other.path[:1], self.names)
            if name != part_name(d.path[:1], self.names) and name not in others:
                others.append(name)
        if others:
            shown = "; ".join(others[:3])
            if len(others) > 3:
                shown = _("{parts} and {n} more").format(parts=shown, n=len(others) - 3)
            text += " " + _("Also different: {parts}.").format(parts=shown)
        return text
