"""What differs between a learner's result and the expected one, said in words (floor 5).

:func:`differences` walks the expected and the returned value side by side
(tuples and lists element by element, dicts key by key, then arrays, numbers,
strings, booleans) and lists every part that differs as a :class:`Difference`;
:meth:`Difference.describe` says what differs (type, length, keys, shape,
dtype, how many entries, the first differing index with both values, the
largest difference). :func:`part_name` names the part ("element 2 of the
returned tuple, the mask D", "the returned grads['dW2']"), and
:func:`describe_inputs` says what a test case passed in (shapes and scalars).

The recurring patterns (wrong layout, constant factor, arguments changed in
place) are in :mod:`.patterns`.

Every sentence is a gettext template (``_``), filled in after translation.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..i18n import _, ngettext

__all__ = ["Difference", "differences", "first_difference", "part_name", "describe_value",
           "describe_inputs", "fmt_number", "fmt_pair", "as_float_array", "fmt_index",
           "fmt_shape"]

_MAX_DIGITS = 17


# --------------------------------------------------------------------------- numbers
def fmt_number(x, digits: int = 4) -> str:
    """``x`` rounded to ``digits`` significant digits (booleans and integers exactly)."""
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    x = float(x)
    if np.isnan(x) or np.isinf(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x)) if digits < _MAX_DIGITS else repr(x)
    return f"{x:.{digits}g}"


def fmt_pair(expected, got, digits: int = 4) -> tuple[str, str]:
    """Both numbers, with as many significant digits as it takes to tell them apart."""
    e, g = fmt_number(expected, digits), fmt_number(got, digits)
    while e == g and digits < _MAX_DIGITS:
        digits += 3
        e, g = fmt_number(expected, digits), fmt_number(got, digits)
    return e, g


def fmt_index(idx) -> str:
    """An array index as Python writes it: [0, 3]."""
    return "[" + ", ".join(str(int(i)) for i in idx) + "]"


def fmt_shape(shape) -> str:
    """A shape as Python writes it: (4, 6)."""
    return str(tuple(int(n) for n in shape))


def _is_number(x) -> bool:
    return isinstance(x, (bool, int, float, complex, np.generic)) or \
        (isinstance(x, np.ndarray) and x.ndim == 0)


def as_float_array(x):
    """``x`` as a float array, or None when it is not numeric (None is not numeric)."""
    if x is None:
        return None
    try:
        return np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- values
def describe_value(x, names=None) -> str:
    """A short description of a value: its kind, and its shape, length, keys or value."""
    if x is None:
        return _("None")
    if isinstance(x, np.random.Generator):
        return _("a numpy Generator")
    if isinstance(x, str):
        return _("the string {value}").format(value=repr(x))
    if _is_number(x):
        return _("the number {value}").format(value=fmt_number(np.asarray(x).item()))
    if isinstance(x, np.ndarray):
        return _("an array of shape {shape} ({dtype})").format(shape=fmt_shape(x.shape),
                                                                 dtype=x.dtype)
    if isinstance(x, dict):
        return _("a dict with keys {keys}").format(keys=", ".join(map(str, x)) or "-")
    if isinstance(x, (tuple, list)):
        n = len(x)
        text = (ngettext("a tuple of {n} value", "a tuple of {n} values", n) if isinstance(x, tuple)
                else ngettext("a list of {n} value", "a list of {n} values", n)).format(n=n)
        if names is not None and not isinstance(names, str) and len(names) == n:
            text = _("{value} ({names})").format(value=text, names=", ".join(names))
        return text
    if callable(x):
        return _("the function {name}").format(name=_fn_name(x))
    return _("an object of type {type}").format(type=type(x).__name__)


def _fn_name(f) -> str:
    return getattr(f, "__name__", type(f).__name__).lstrip("_") or "?"


def describe_inputs(case: dict) -> str:
    """The arguments of a test case in a few words: array shapes, scalar values, kinds."""
    items = []
    for name, v in case.items():
        if isinstance(v, np.random.Generator):
            items.append(_("{name}: a numpy Generator").format(name=name))
        elif isinstance(v, (str, bool, np.bool_)) or _is_number(v):
            shown = repr(v) if isinstance(v, str) else fmt_number(np.asarray(v).item())
            items.append(_("{name} = {value}").format(name=name, value=shown))
        elif isinstance(v, np.ndarray):
            if v.dtype == np.float64:
                items.append(_("{name}: array of shape {shape}").format(
                    name=name, shape=fmt_shape(v.shape)))
            else:
                items.append(_("{name}: {dtype} array of shape {shape}").format(
                    name=name, dtype=v.dtype, shape=fmt_shape(v.shape)))
        elif isinstance(v, dict):
            parts = [f"{k} {fmt_shape(np.shape(x))}" if isinstance(x, np.ndarray) else str(k)
                     for k, x in list(v.items())[:8]]
            items.append(_("{name}: dict of {items}").format(
                name=name, items=", ".join(parts) + (", ..." if len(v) > 8 else "")))
        elif isinstance(v, (list, tuple)) and len(v) <= 12 and all(_is_number(x) for x in v):
            shown = "[" + ", ".join(fmt_number(np.asarray(x).item()) for x in v) + "]"
            items.append(_("{name} = {value}").format(name=name, value=shown))
        elif isinstance(v, (list, tuple)):
            items.append(_("{name}: list of {n} items").format(name=name, n=len(v)))
        elif callable(v):
            items.append(_("{name}: the function {function}").format(name=name,
                                                                     function=_fn_name(v)))
        else:
            items.append(_("{name}: {value}").format(name=name, value=describe_value(v)))
    return "; ".join(items)


# --------------------------------------------------------------------------- the walk
@dataclass(frozen=True)
class Difference:
    """One part of a result that differs from the expected value.

    ``path`` holds the steps from the whole value down to the part: ``(kind, key)``
    with kind "tuple", "list" (key: the index) or "dict" (key: the dict key).
    ``kind`` says what differs: "none", "type", "length", "keys", "string",
    "shape", "values" (numbers or arrays with the same shape).
    """

    path: tuple
    kind: str
    expected: object
    got: object
    names: object = None
    rtol: float = 1e-7
    atol: float = 1e-10

    def describe(self) -> str:
        """What differs, as a clause: "expected shape (4, 6), got shape (6, 4)"."""
        e, g = self.expected, self.got
        if self.kind == "none":
            return _("expected {expected}, got None").format(expected=describe_value(e))
        if self.kind in ("type", "length"):
            names = self.names if not self.path else None
            return _("expected {expected}, got {got}").format(
                expected=describe_value(e, names), got=describe_value(g))
        if self.kind == "keys":
            missing = [str(k) for k in e if k not in g]
            extra = [str(k) for k in g if k not in e]
            clauses = []
            if missing:
                clauses.append(ngettext("the key {keys} is missing", "the keys {keys} are missing",
                                        len(missing)).format(keys=", ".join(missing)))
            if extra:
                clauses.append(ngettext("the key {keys} is not expected",
                                        "the keys {keys} are not expected",
                                        len(extra)).format(keys=", ".join(extra)))
            return _("{clauses} (expected the keys {expected})").format(
                clauses="; ".join(clauses), expected=", ".join(map(str, e)))
        if self.kind == "string":
            if " ".join(e.lower().split()) == " ".join(g.lower().split()):
                return _("expected {expected}, got {got}: the same words, written differently "
                         "(capitals or spaces); return exactly {expected}").format(
                    expected=repr(e), got=repr(g))
            return _("expected {expected}, got {got}").format(expected=repr(e), got=repr(g))
        ea, ga = np.asarray(e), np.asarray(g)
        if self.kind == "shape":
            if ea.ndim == 0:
                return _("expected a number, got an array of shape {got}").format(
                    got=fmt_shape(ga.shape))
            if ga.ndim == 0:
                return _("expected an array of shape {expected}, got the number {got}").format(
                    expected=fmt_shape(ea.shape), got=fmt_number(ga.item()))
            return _("expected shape {expected}, got shape {got}").format(
                expected=fmt_shape(ea.shape), got=fmt_shape(ga.shape))
        return _values_clause(ea, ga, self.rtol, self.atol)


def _values_clause(e: np.ndarray, g: np.ndarray, rtol: float, atol: float) -> str:
    """Equal shapes, different values: how many, where first, by how much at most."""
    ef, gf = e.astype(float), np.asarray(g, dtype=float)
    if e.ndim == 0:
        a, b = fmt_pair(e.item() if e.dtype == bool else ef.item(),
                        g.item() if g.dtype == bool else gf.item())
        return _("expected {expected}, got {got}").format(expected=a, got=b)
    bad = ~np.isclose(gf, ef, rtol=rtol, atol=atol, equal_nan=True)
    if not bad.any():  # close under the default tolerances, not under the exercise's
        bad = gf != ef
    n_bad, n = int(bad.sum()), int(bad.size)
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    as_bool = e.dtype == bool or g.dtype == bool
    a, b = fmt_pair(e[first] if as_bool else ef[first], g[first] if as_bool else gf[first])
    if n_bad == 1:
        text = _("1 of {n} entries differs, at {index}: expected {expected}, got {got}").format(
            n=n, index=fmt_index(first), expected=a, got=b)
    else:
        text = _("{n_bad} of {n} entries differ; the first at {index}: expected {expected}, "
                 "got {got}").format(n_bad=n_bad, n=n, index=fmt_index(first), expected=a, got=b)
    if as_bool:
        n_true = int(np.count_nonzero(gf))
        text += "; " + ngettext("{got} entry is True, expected {expected}",
                                "{got} entries are True, expected {expected}", n_true).format(
            got=n_true, expected=int(np.count_nonzero(ef)))
    elif n_bad > 1:
        diff = np.where(np.isfinite(gf), np.abs(gf - ef), -1.0)
        worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape))
        if diff[worst] > 0:
            text += "; " + _("the largest difference is {diff}, at {index}").format(
                diff=fmt_number(diff[worst]), index=fmt_index(worst))
    n_bad_values = int(np.count_nonzero(~np.isfinite(gf) & np.isfinite(ef)))
    if n_bad_values:
        text += "; " + ngettext("{n} entry of yours is nan or inf", "{n} entries of yours are "
                                "nan or inf", n_bad_values).format(n=n_bad_values)
    if e.dtype.kind != g.dtype.kind and "b" in (e.dtype.kind, g.dtype.kind):
        text += " " + _("(expected dtype {expected}, got {got})").format(expected=e.dtype,
                                                                         got=g.dtype)
    return text


def differences(got, expected, *, rtol: float = 1e-7, atol: float = 1e-10, names=None,
                path: tuple = ()) -> list[Difference]:
    """Every part of ``got`` that differs from ``expected``, in walk order.

    The comparison is the one of :func:`course_utils.exercises.base.same`: the
    list is empty exactly when ``same(got, expected, rtol, atol)`` is true.
    ``names`` (names of the tuple elements) is kept for describing the top level.
    """
    out: list[Difference] = []
    _walk(got, expected, path, out, rtol, atol, names)
    return out


def first_difference(got, expected, **kw) -> Difference | None:
    """The first :class:`Difference` found, or None when the values agree."""
    found = differences(got, expected, **kw)
    return found[0] if found else None


def _walk(got, expected, path, out, rtol, atol, names):
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            out.append(Difference(path, "none" if got is None else "type", expected, got, names))
            return
        if set(got) != set(expected):
            out.append(Difference(path, "keys", expected, got, names))
        for k in expected:
            if k in got:
                _walk(got[k], expected[k], path + (("dict", k),), out, rtol, atol, names)
        return
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            out.append(Difference(path, "none" if got is None else "type", expected, got, names))
        elif len(got) != len(expected):
            out.append(Difference(path, "length", expected, got, names))
        else:
            kind = "tuple" if isinstance(got, tuple) else "list"
            for i, (g, e) in enumerate(zip(got, expected)):
                _walk(g, e, path + ((kind, i),), out, rtol, atol, names)
        return
    if isinstance(expected, str):
        if got != expected:
            out.append(Difference(path, "string" if isinstance(got, str) else
                                  ("none" if got is None else "type"), expected, got, names))
        return
    e, g = as_float_array(expected), as_float_array(got)
    if e is None or g is None:
        out.append(Difference(path, "none" if got is None else "type", expected, got, names))
    elif e.shape != g.shape:
        kind = "type" if isinstance(got, (tuple, list)) else "shape"
        out.append(Difference(path, kind, np.asarray(expected), got if kind == "type" else
                              np.asarray(got), names))
    elif not np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
        out.append(Difference(path, "values", np.asarray(expected), np.asarray(got), names,
                              rtol, atol))


def part_name(path: tuple, names=None) -> str:
    """The part of a returned value at ``path``, in words.

    ``names`` is a string naming the whole value ("grads" gives "the returned
    grads['dW2']") or a sequence naming the elements of a returned tuple
    ("element 2 of the returned tuple, the mask D").
    """
    subscript = "".join(f"[{key!r}]" for _kind, key in path)
    if isinstance(names, str):
        return _("the returned {expression}").format(expression=names + subscript)
    if not path:
        return _("the returned value")
    kind, key = path[0]
    if kind == "dict":
        base = _("entry {key} of the returned dict").format(key=repr(key))
    else:
        name = names[key] if names is not None and key < len(names) else None
        if kind == "tuple":
            base = (_("element {n} of the returned tuple, {name}") if name else
                    _("element {n} of the returned tuple")).format(n=key + 1, name=name)
        else:
            base = (_("element {n} of the returned list, {name}") if name else
                    _("element {n} of the returned list")).format(n=key + 1, name=name)
    if len(path) > 1:
        base = _("{part}, at {subscript}").format(
            part=base, subscript="".join(f"[{k!r}]" for _kind, k in path[1:]))
    return base
