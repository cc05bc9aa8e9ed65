"""Mistakes that recur across exercises, recognised from a result (floor 5).

* :func:`layout_note`: the right values in the wrong layout (transposed, (m,)
  against (1, m), reshaped, reordered, an array instead of a number or a tuple);
* :func:`order_note`: the right elements of a tuple, in another order;
* :func:`factor_note`: every entry off by one constant factor, named when it is
  an expression of the case's scalar arguments ("1 / keep_prob");
* :func:`changed_arguments`: arguments that a call modified in place.

Each returns a clause (a gettext template, filled in) or nothing.
"""
from __future__ import annotations

import numpy as np

from ..i18n import _
from .compare import (Difference, as_float_array, describe_value, differences, fmt_index,
                      fmt_number, fmt_pair, fmt_shape)

__all__ = ["layout_note", "order_note", "factor_note", "changed_arguments"]


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
