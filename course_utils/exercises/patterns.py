"""Mistakes that recur across exercises, recognised from a result (floor 5).

* :func:`layout_note`: the right values in the wrong layout (transposed, (m,)
  against (1, m), reshaped, reordered, an array instead of a number or a tuple);
* :func:`order_note`: the right elements of a tuple, in another order;
* :func:`factor_note`: every entry off by one constant factor, named when it is
  an expression of the case's scalar arguments ("1 / keep_prob");
* :func:`factor_across_cases`: a number (or tuple of numbers) off by the same
  factor on every test case;
* :func:`changed_arguments`: arguments that a call modified in place;
* :func:`randomness_note`: random numbers not taken from the arguments, a
  generator argument not drawn from or drawn from differently.

Each returns a clause or a sentence (a gettext template, filled in) or nothing.
"""
from __future__ import annotations

import copy

import numpy as np

from ..i18n import _
from .compare import (
    Difference,
    as_float_array,
    describe_value,
    differences,
    fmt_index,
    fmt_number,
    fmt_pair,
    fmt_shape,
)

__all__ = ["layout_note", "order_note", "factor_note", "factor_across_cases",
           "changed_arguments", "randomness_note", "call_quietly"]


def layout_note(got, expected, rtol: float = 1e-7, atol: float = 1e-10, names=None) -> str | None:
    """A clause when ``got`` holds the expected values in another layout, else None.

    Recognised: an array holding the expected number; the transpose; the same
    values in the same order but another shape ((m,) against (1, m)...); the same
    distinct values in reverse or another order; an array instead of a tuple.
    """
    if isinstance(expected, (tuple, list)) and not isinstance(got, (tuple, list, str, dict)):
        e, g = as_float_array(expected), as_float_array(got)
        if e is not None and g is not None and e.size == g.size and e.ndim == 1 and \
                np.allclose(g.ravel(), e, rtol=rtol, atol=atol):
            listed = ", ".join(names) if names is not None and not isinstance(names, str) \
                else ", ".join("a" + str(i + 1) for i in range(e.size))
            return _("the values are right, but you returned {got} instead of a tuple: "
                     "return {names} (comma-separated), not an array").format(
                got=describe_value(got), names=listed)
        return None
    e, g = as_float_array(expected), as_float_array(got)
    if e is None or g is None or e.size != g.size or e.size == 0 or isinstance(got, (dict, str)):
        return None

    def close(a, b):
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))

    es, gs = fmt_shape(e.shape), fmt_shape(g.shape)
    if e.shape != g.shape:
        if e.ndim == 0:
            return _("the value is right, but you returned an array of shape {got} instead of "
                     "a number: convert it with float(...)").format(got=gs)
        if e.ndim == 2 and close(g, e.T):
            return _("the values are right but transposed: expected shape {expected}, got "
                     "{got}. Keep the layout of the exercise: look for a .T or a shape written "
                     "the other way round").format(expected=es, got=gs)
        if close(g.ravel(), e.ravel()):
            if g.ndim == 1 and e.ndim == 2 and 1 in e.shape and e.size > 1:
                return _("the values are right, but the shape is {got} instead of {expected}: "
                         "a 1-D array broadcasts against {expected} into a square matrix. Keep "
                         "two dimensions (keepdims=True, or index with [:, idx])").format(
                    got=gs, expected=es)
            return _("the values are right and in the right order, but the shape is {got} "
                     "instead of {expected}: look for a reshape, ravel or flatten, or a "
                     "missing keepdims=True").format(got=gs, expected=es)
        return None
    if e.ndim == 2 and e.shape[0] == e.shape[1] and e.shape[0] > 1 and close(g, e.T) \
            and not close(e, e.T):
        return _("the values are right but transposed (the {shape} matrix is flipped over "
                 "its diagonal)").format(shape=es)
    moved = _moved_slices(g, e, rtol, atol) if e.ndim == 2 else None
    if moved:
        return moved
    flat_e, flat_g = e.ravel(), g.ravel()
    if e.size > 1 and np.unique(flat_e).size == e.size and \
            close(np.sort(flat_g), np.sort(flat_e)):
        if close(flat_g, flat_e[::-1]):
            return _("the values are right but in reverse order")
        return _("the values are right but in a different order (the same numbers, in other "
                 "places)")
    return None


def _moved_slices(g, e, rtol, atol) -> str | None:
    """The same columns (or rows) of a 2-D array, in another order."""
    for axis in (1, 0):
        ge, ee = np.moveaxis(g, axis, 0), np.moveaxis(e, axis, 0)
        k = ee.shape[0]
        if not 1 < k or k * k * ee[0].size > 4_000_000:
            continue
        # close[i, j]: your slice i equals the expected slice j (np.allclose, vectorized)
        close = np.all(np.abs(ge[:, None] - ee[None, :]) <= atol + rtol * np.abs(ee[None, :]),
                       axis=2)
        if np.all(close.sum(axis=0) == 1) and np.all(close.sum(axis=1) == 1):
            where = [int(np.argmax(close[:, j])) for j in range(k)]
            if where != list(range(k)):
                j = next(j for j in range(k) if where[j] != j)
                template = (_("the columns are right but in another order: the expected column "
                              "{expected} is your column {got}") if axis == 1 else
                            _("the rows are right but in another order: the expected row "
                              "{expected} is your row {got}"))
                return template.format(expected=j, got=where[j])
    return None


def order_note(got, expected, names=None, rtol: float = 1e-7, atol: float = 1e-10) -> str | None:
    """A clause when ``got`` holds the elements of the expected tuple in another order."""
    if not isinstance(expected, (tuple, list)) or not isinstance(got, (tuple, list)) or \
            len(got) != len(expected) or not 1 < len(expected) <= 8:
        return None
    where = []
    for e in expected:
        matches = [k for k, g in enumerate(got) if not differences(g, e, rtol=rtol, atol=atol)]
        if len(matches) != 1:
            return None
        where.append(matches[0])
    if sorted(where) != list(range(len(expected))) or where == list(range(len(expected))):
        return None
    if names is None or isinstance(names, str) or len(names) != len(expected):
        names = [str(j + 1) for j in range(len(expected))]
    return _("the returned values are right but in another order: return them as "
             "({expected}); yours come as ({got})").format(
        expected=", ".join(names), got=", ".join(names[where.index(k)] for k in range(len(got))))


def _factor_names(c: float, scalars: dict) -> list[str]:
    """Expressions in the case's scalar arguments (and small constants) that equal ``c``."""
    found = []
    for name, x in scalars.items():
        cands = [(name, x), (f"1 / {name}", 1 / x if x else np.nan), (f"1 - {name}", 1 - x),
                 (f"1 / (1 - {name})", 1 / (1 - x) if x != 1 else np.nan),
                 (f"{name} / (1 - {name})", x / (1 - x) if x != 1 else np.nan),
                 (f"(1 - {name}) / {name}", (1 - x) / x if x else np.nan),
                 (f"{name}^2", x * x), (f"1 / {name}^2", 1 / (x * x) if x else np.nan)]
        found += [expr for expr, v in cands if np.isfinite(v) and np.isclose(c, v, rtol=1e-6)]
    return found


def factor_note(got, expected, scalars: dict | None = None) -> str | None:
    """A clause when every entry of ``got`` is one constant times ``expected``, else None.

    Needs arrays of the same shape with at least two non-zero expected entries (a
    single number is always some multiple of another). ``scalars`` (the case's
    scalar arguments) lets the clause name the factor: "(that is 1 / keep_prob)".
    """
    e, g = as_float_array(expected), as_float_array(got)
    if e is None or g is None or e.shape != g.shape or np.asarray(expected).dtype == bool:
        return None
    if not (np.all(np.isfinite(e)) and np.all(np.isfinite(g))):
        return None
    scale = float(np.max(np.abs(e))) if e.size else 0.0
    if np.count_nonzero(np.abs(e) > 1e-12 * max(scale, 1e-300)) < 2:
        return None
    c = float(np.sum(g * e) / np.sum(e * e))
    if not np.allclose(g, c * e, rtol=1e-6, atol=1e-9 * scale) or np.isclose(c, 1, rtol=1e-6):
        return None
    if abs(c) < 1e-12:
        return _("every entry of yours is 0")
    if np.isclose(c, -1, rtol=1e-6):
        return _("every entry has the right size but the opposite sign (-1 times the expected "
                 "one): check the order of a subtraction")
    named = _factor_names(c, scalars or {})
    if named:
        return _("every entry is {factor} times the expected one (that is {expression})").format(
            factor=fmt_number(c), expression=" = ".join(named[:2]))
    return _("every entry is {factor} times the expected one").format(factor=fmt_number(c))


def changed_arguments(before: dict, after: dict) -> list[tuple[str, str]]:
    """``(part, change)`` for every argument that a call modified in place.

    Generators (drawing from them is their use) and functions are skipped; the
    comparison is exact (an in-place ``+=`` that is undone later by ``-=`` may
    leave rounding traces: that counts as a change too).
    """
    found = []
    for name, old in before.items():
        if isinstance(old, np.random.Generator) or callable(old):
            continue
        diff = differences(after.get(name), old, rtol=0.0, atol=0.0)
        if diff:
            d = diff[0]
            part = name + "".join(f"[{k!r}]" for _kind, k in d.path)
            found.append((part, _change_clause(d)))
    return found


def _change_clause(d: Difference) -> str:
    before, after = d.expected, d.got
    if d.kind == "values" and np.ndim(before) > 0:
        e, g = np.asarray(before), np.asarray(after)
        bad = ~((g == e) | (np.isnan(g.astype(float)) & np.isnan(e.astype(float))))
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        a, b = fmt_pair(e[first], g[first])
        return _("{n_bad} of {n} entries changed; the first at {index}: it was {before}, now "
                 "{after}").format(n_bad=int(bad.sum()), n=int(bad.size), index=fmt_index(first),
                                   before=a, after=b)
    if d.kind == "values":
        a, b = fmt_pair(np.asarray(before).item(), np.asarray(after).item())
        return _("it was {before}, now {after}").format(before=a, after=b)
    if d.kind == "shape":
        return _("its shape went from {before} to {after}").format(
            before=fmt_shape(np.shape(before)), after=fmt_shape(np.shape(after)))
    return _("it was {before}, now {after}").format(before=describe_value(before),
                                                    after=describe_value(after))


# --------------------------------------------------------------------------- across calls
def call_quietly(fn, case: dict):
    """``(True, fn(**deep copy of case))``, or ``(False, None)`` if the call raises."""
    try:
        return True, fn(**copy.deepcopy(case))
    except Exception:  # noqa: BLE001 - used only to compare calls
        return False, None


def _numbers(x) -> bool:
    """A finite number, or a tuple or list of finite numbers."""
    if isinstance(x, (tuple, list)):
        return 0 < len(x) and all(_numbers(v) and not isinstance(v, (tuple, list)) for v in x)
    try:
        return np.ndim(x) == 0 and bool(np.isfinite(float(x)))
    except (TypeError, ValueError):
        return False


def factor_across_cases(fn, cases, reference, expected, got) -> str | None:
    """A clause when ``fn`` returns one constant times the expected numbers on every case.

    For a number or a tuple of numbers. A single number is always some multiple
    of the expected one, so the factor must be the same on every test case (at
    least two) before it is named.
    """
    if not _numbers(expected) or not _numbers(got):
        return None
    factors = []
    for case in cases:
        ok, g = call_quietly(fn, case)
        e = reference(**copy.deepcopy(case))
        if not ok or not _numbers(g) or not _numbers(e):
            return None
        g, e = np.asarray(g, dtype=float).ravel(), np.asarray(e, dtype=float).ravel()
        if g.shape != e.shape or not np.any(e != 0):
            return None
        c = float(g @ e / (e @ e))
        if not np.allclose(g, c * e, rtol=1e-6, atol=1e-12):
            return None
        factors.append(c)
    c = factors[0]
    if len(factors) < 2 or not np.allclose(factors, c, rtol=1e-6) or \
            np.isclose(c, 1, rtol=1e-6) or abs(c) < 1e-12:
        return None
    if np.isclose(c, -1, rtol=1e-6):
        text = _("on all {n} test cases your result has the right size but the opposite "
                 "sign: check the order of a subtraction")
    elif np.ndim(expected) == 0:
        text = _("on all {n} test cases your result is {factor} times the expected one")
    else:
        text = _("on all {n} test cases every returned number is {factor} times the expected "
                 "one")
    text = text.format(n=len(factors), factor=fmt_number(c))
    if np.isclose(c, 100, rtol=1e-6):
        text += " " + _("(percentages instead of fractions?)")
    return text


def randomness_note(fn, case: dict, learner_case: dict, ref_case: dict, case_number: int,
                    draws: str | None = None) -> str | None:
    """A sentence when ``fn`` takes randomness from elsewhere or misuses its generator.

    ``case`` is the test case as it was, ``learner_case`` and ``ref_case`` the
    copies that ``fn`` and the reference were called with (their generators now
    in the state each call left them). Two calls on deep copies of the same case
    (each with its own copy of the generator, in the same state) must agree:
    every exercise's answer is determined by its arguments. A learner who ignores
    the generator but seeds their own (``np.random.default_rng(0)``) is
    reproducible, so the generator's state is compared too: after the learner's
    call it must be where the reference's call left it; unchanged means "not
    drawn from". ``draws`` (a msgid) says how the exercise draws.
    """
    gens = [k for k, v in case.items() if isinstance(v, np.random.Generator)]
    ok1, a = call_quietly(fn, case)
    ok2, b = call_quietly(fn, case)
    comparable = ok1 and ok2 and not differences(a, a)
    if comparable and differences(a, b, rtol=1e-9, atol=1e-12):
        if gens:
            return _("your function returned different results in two calls on copies of the "
                     "same inputs (test case {case}), with the generator {arg} in the same "
                     "state: it takes random numbers from somewhere else (np.random, a new "
                     "np.random.default_rng(), ...). Draw every random number from the argument "
                     "{arg}.").format(case=case_number, arg=gens[0])
        return _("your function returned different results in two calls on copies of the same "
                 "inputs (test case {case}): the result must depend on the arguments only. Do "
                 "not use np.random or variables kept from one call to the next.").format(
            case=case_number)
    for k in gens:
        start = case[k].bit_generator.state
        mine = learner_case[k].bit_generator.state
        ref = ref_case[k].bit_generator.state
        if mine == ref:
            continue
        if mine == start:
            return _("your function did not draw from the generator {arg} that it was given (its "
                     "state is unchanged after the call), so its random numbers cannot be the "
                     "expected ones. Draw from the argument, e.g. {arg}.random(shape), never from "
                     "np.random or a new np.random.default_rng(...).").format(arg=k)
        if ref == start:
            return _("the expected solution draws no random numbers in test case {case}, but "
                     "your function drew some from {arg}: look for a draw that should only "
                     "happen under a condition (such as if training:).").format(
                case=case_number, arg=k)
        how = _(draws) if draws else _("Draw the random numbers the way the exercise says: the "
                                       "same calls, with the same shapes, in the same order.")
        return _("your function drew a different amount of random numbers from {arg} than the "
                 "expected solution (the generator ends in another state), so the draws do not "
                 "line up with the expected ones. {how}").format(arg=k, how=how)
    return None
