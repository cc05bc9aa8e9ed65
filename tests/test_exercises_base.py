"""The generic explanation of a wrong answer (course_utils.exercises.base, .compare, .patterns).

Also holds :func:`pseudo_translation`, used by every ``test_exercises_<key>.py``: a
fake language in which every msgid comes back in full-width letters, so that any
learner-facing English that bypassed gettext stays visible in plain ASCII.
"""
from __future__ import annotations

import contextlib
import re

import numpy as np
import pytest

from course_utils import i18n
from course_utils.exercises.base import Feedback, check_function, not_implemented, same
from course_utils.exercises.compare import (
    describe_inputs,
    describe_value,
    differences,
    first_difference,
    fmt_number,
    fmt_pair,
    part_name,
)
from course_utils.exercises.patterns import changed_arguments, factor_note, layout_note, order_note


# --------------------------------------------------------------------------- a fake language
def _wide(text: str) -> str:
    """ASCII letters outside {fields} turned into full-width ones; fields and {{ }} kept."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if text.startswith("{{", i) or text.startswith("}}", i):
            out.append(text[i:i + 2])
            i += 2
        elif c == "{":
            j = text.index("}", i)
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c)
            i += 1
    return "".join(out)


class _Wide:
    def gettext(self, message):
        return _wide(message)

    def ngettext(self, singular, plural, n):
        return _wide(singular if n == 1 else plural)


@contextlib.contextmanager
def pseudo_translation():
    """Every ``_``/``ngettext`` in course_utils translates into full-width letters."""
    saved = i18n._state["translations"]
    i18n._state["translations"] = _Wide()
    try:
        yield
    finally:
        i18n._state["translations"] = saved


# Words of the English templates that no value (argument name, dtype, function name,
# label, number) contains: one of them in plain ASCII means a sentence missed gettext.
_TEMPLATE_WORDS = re.compile(
    r"\b(expected|got|your|function|entries|entry|differs?|returned|wrong|result|test|case|"
    r"inputs|looks|like|shape|element|tuple|changed|place|different|largest|difference|"
    r"first|missing|implemented|hint|forgot|the|you|times|number|should|must|use|return|"
    r"divide|multiply|draw|drew|correct|right|order|keys?|copy|answers?|examples?)\b",
    re.IGNORECASE)


def untranslated(message: str) -> list[str]:
    """English template words left in plain ASCII in ``message`` (empty when all translated)."""
    return _TEMPLATE_WORDS.findall(message)


def assert_translated(checker, answer):
    """The feedback on ``answer`` is wholly translated, exercise name included."""
    with pseudo_translation():
        fb = checker(answer)
        text = str(fb)
    left = untranslated(text)
    assert not left, (left, text)
    return fb


def test_pseudo_translation_catches_english():
    assert untranslated("wrong result on test case 1") == ["wrong", "result", "test", "case"]
    assert untranslated(_wide("wrong result on test case {case}").format(case=1)) == []
    assert _wide("{n} of {{x}}") == "{n} ｏｆ {{ｘ}}"


# --------------------------------------------------------------------------- numbers, values
def test_fmt_number_and_pair():
    assert fmt_number(0.123456789) == "0.1235"
    assert fmt_number(3.0) == "3" and fmt_number(np.int64(7)) == "7"
    assert fmt_number(True) == "True" and fmt_number(float("nan")) == "nan"
    e, g = fmt_pair(3.0001, 3.000025)
    assert e != g and e.startswith("3.0001") and g.startswith("3.00002")


@pytest.mark.parametrize("value, text", [
    (None, "None"),
    ((1.0, 2.0), "a tuple of 2 values"),
    ([1.0], "a list of 1 value"),
    ({"dW1": 1, "db1": 2}, "a dict with keys dW1, db1"),
    (np.zeros((4, 6), bool), "an array of shape (4, 6) (bool)"),
    (0.25, "the number 0.25"),
    (np.float64(2.0), "the number 2"),
    ("high bias", "the string 'high bias'"),
    (np.random.default_rng(0), "a numpy Generator"),
    (np.sin, "the function sin"),
])
def test_describe_value(value, text):
    assert describe_value(value) == text


def test_describe_value_names_the_elements_of_a_tuple():
    assert describe_value((1, 2), ("A_drop", "the mask D")) == \
        "a tuple of 2 values (A_drop, the mask D)"


def test_describe_inputs():
    case = {"A": np.zeros((4, 6)), "D": np.ones((4, 6), bool), "keep_prob": 0.8,
            "rng": np.random.default_rng(1), "training": False, "activation": "relu",
            "params": {"W1": np.zeros((5, 3)), "b1": np.zeros((5, 1))},
            "dev_errors": [0.5, 0.25], "snapshots": [(0, {}), (1, {}), (2, {})], "f": np.exp}
    text = describe_inputs(case)
    assert text == ("A: array of shape (4, 6); D: bool array of shape (4, 6); keep_prob = 0.8; "
                    "rng: a numpy Generator; training = False; activation = 'relu'; "
                    "params: dict of W1 (5, 3), b1 (5, 1); dev_errors = [0.5, 0.25]; "
                    "snapshots: list of 3 items; f: the function exp")


# --------------------------------------------------------------------------- the walk
PAIRS = [
    (1.0, 1.0), (1.0, 1.0 + 1e-12), (1.0, 2.0), ((1, 2), (1, 2)), ((1, 2), [1, 2]),
    ((1, 2), (1, 2, 3)), ((1, 2), np.array([1, 2])), ({"a": 1}, {"a": 1}), ({"a": 1}, {"b": 1}),
    ({"a": np.ones(3)}, {"a": np.ones(3) * 2}), ("x", "x"), ("x", "y"), ("x", 1.0),
    (np.ones((2, 3)), np.ones((3, 2))), (np.ones(3), np.ones(3)), (np.ones(3), None),
    (np.array([True, False]), np.array([1.0, 0.0])), (np.nan, np.nan), (2.0, "2"),
    ([np.ones(2), {"k": (1.0, "a")}], [np.ones(2), {"k": (1.0, "b")}]),
]


@pytest.mark.parametrize("expected, got", PAIRS)
def test_differences_is_empty_exactly_when_same(expected, got):
    assert (differences(got, expected) == []) == same(got, expected)


def test_difference_of_arrays_counts_locates_and_measures():
    expected = np.arange(12.0).reshape(3, 4)
    got = expected.copy()
    got[1, 2] += 0.5
    got[2, 3] -= 3.0
    d = first_difference(got, expected)
    assert d.kind == "values" and d.path == ()
    assert d.describe() == ("2 of 12 entries differ; the first at [1, 2]: expected 6, got 6.5; "
                            "the largest difference is 3, at [2, 3]")
    got = expected.copy()
    got[0, 1] = np.nan
    assert first_difference(got, expected).describe() == \
        "1 of 12 entries differs, at [0, 1]: expected 1, got nan; 1 entry of yours is nan or inf"


def test_difference_of_masks_counts_the_true_entries():
    e = np.array([[True, True, False, True]])
    g = np.array([[True, False, False, False]])
    assert first_difference(g, e).describe() == \
        "2 of 4 entries differ; the first at [0, 1]: expected True, got False; 1 entry is " \
        "True, expected 3"


@pytest.mark.parametrize("got, expected, text", [
    ((1.0, 2.0, 3.0), (1.0, 2.0), "expected a tuple of 2 values, got a tuple of 3 values"),
    (np.ones((3, 2)), np.ones((2, 3)), "expected shape (2, 3), got shape (3, 2)"),
    (np.ones(1), 1.0, "expected a number, got an array of shape (1,)"),
    (3.0, np.ones(2), "expected an array of shape (2,), got the number 3"),
    ({"dW1": 1}, {"dW1": 1, "db1": 2}, "the key db1 is missing (expected the keys dW1, db1)"),
    ({"dW1": 1, "W1": 0, "b1": 0}, {"dW1": 1},
     "the keys W1, b1 are not expected (expected the keys dW1)"),
    ("High bias", "high bias", "the same words, written differently"),
    ("high variance", "high bias", "expected 'high bias', got 'high variance'"),
    (None, (1, 2), "expected a tuple of 2 values, got None"),
    (0.3, 0.25, "expected 0.25, got 0.3"),
])
def test_difference_descriptions(got, expected, text):
    assert text in first_difference(got, expected).describe()


def test_paths_and_part_names():
    expected = ({"W1": np.ones(2)}, np.zeros(3))
    got = ({"W1": np.ones(2) * 2}, np.ones(3))
    found = differences(got, expected)
    assert [d.path for d in found] == [(("tuple", 0), ("dict", "W1")), (("tuple", 1),)]
    assert part_name(found[1].path, ("params", "the mask D")) == \
        "element 2 of the returned tuple, the mask D"
    assert part_name(found[1].path) == "element 2 of the returned tuple"
    assert part_name(found[0].path, ("params", "D")) == \
        "element 1 of the returned tuple, params, at ['W1']"
    assert part_name((("dict", "dW2"),), "grads") == "the returned grads['dW2']"
    assert part_name((("dict", "dW2"),)) == "entry 'dW2' of the returned dict"
    assert part_name((), "AL") == "the returned AL"
    assert part_name(()) == "the returned value"
    assert part_name((("list", 0),), ("a", "b")) == "element 1 of the returned list, a"


# --------------------------------------------------------------------------- patterns
@pytest.mark.parametrize("got, expected, text", [
    (np.arange(6.0).reshape(2, 3).T, np.arange(6.0).reshape(2, 3),
     "right but transposed: expected shape (2, 3), got (3, 2)"),
    (np.arange(4.0).reshape(2, 2).T, np.arange(4.0).reshape(2, 2),
     "flipped over its diagonal"),
    (np.arange(5.0), np.arange(5.0).reshape(1, 5),
     "the shape is (5,) instead of (1, 5): a 1-D array broadcasts"),
    (np.arange(6.0).reshape(3, 2), np.arange(6.0).reshape(2, 3),
     "right and in the right order, but the shape is (3, 2) instead of (2, 3)"),
    (np.array([[2.5]]), 2.5, "array of shape (1, 1) instead of a number: convert it with float"),
    (np.arange(5.0)[::-1], np.arange(5.0), "in reverse order"),
    (np.array([2.0, 0.0, 1.0]), np.array([0.0, 1.0, 2.0]), "in a different order"),
    (np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 5.0]])[:, ::-1],
     np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 5.0]]),
     "the columns are right but in another order: the expected column 0 is your column 1"),
    (np.array([[3.0, 3.0], [1.0, 2.0]]), np.array([[1.0, 2.0], [3.0, 3.0]]),
     "the rows are right but in another order"),
    (np.array([0.1, 0.2]), (0.1, 0.2), "instead of a tuple: return a1, a2"),
])
def test_layout_note(got, expected, text):
    note = layout_note(got, expected)
    assert note is not None and text in note, note


@pytest.mark.parametrize("got, expected", [
    (np.ones((2, 3)), np.zeros((3, 2))),                    # other values
    (np.ones(4), np.ones((2, 3))),                          # other size
    (np.array([1.0, 1.0, 2.0]), np.array([2.0, 1.0, 1.0])),  # repeated values: no order claim
    (np.arange(4.0).reshape(2, 2), np.arange(4.0).reshape(2, 2) + 1),
])
def test_layout_note_stays_silent_when_the_values_differ(got, expected):
    assert layout_note(got, expected) is None


def test_factor_note():
    e = np.array([[1.0, -2.0, 0.0], [4.0, 0.5, 3.0]])
    assert factor_note(0.5 * e, e) == "every entry is 0.5 times the expected one"
    assert factor_note(1.25 * e, e, {"keep_prob": 0.8}) == \
        "every entry is 1.25 times the expected one (that is 1 / keep_prob)"
    assert factor_note(4 * e, e, {"keep_prob": 0.8}) == \
        "every entry is 4 times the expected one (that is keep_prob / (1 - keep_prob))"
    assert "opposite sign" in factor_note(-e, e)
    assert factor_note(0 * e, e) == "every entry of yours is 0"
    assert factor_note(e + 1, e) is None                     # not proportional
    assert factor_note(2 * e[:1, :1], e[:1, :1]) is None      # one number: always a multiple
    assert factor_note(np.ones(3, bool), np.zeros(3, bool)) is None
    assert factor_note(e, e) is None


def test_order_note():
    assert order_note((2.0, 1.0), (1.0, 2.0), ("a", "b")) == \
        "the returned values are right but in another order: return them as (a, b); yours " \
        "come as (b, a)"
    assert order_note((1.0, 1.0), (1.0, 2.0)) is None
    assert order_note((1.0, 2.0), (1.0, 2.0)) is None
    assert order_note(np.array([2.0, 1.0]), (1.0, 2.0)) is None


def test_changed_arguments():
    before = {"A": np.arange(4.0), "params": {"W1": np.ones((2, 2))}, "xs": [1.0, 2.0],
              "rng": np.random.default_rng(0), "f": np.sin, "k": 0.5}
    import copy
    after = copy.deepcopy(before)
    assert changed_arguments(before, after) == []
    after["rng"].random(3)                                   # drawing is what a generator is for
    assert changed_arguments(before, after) == []
    after["A"][2] += 1e-16 + 1.0
    after["params"]["W1"][1, 0] = 7.0
    after["xs"].append(3.0)
    found = dict(changed_arguments(before, after))
    assert found["A"] == "1 of 4 entries changed; the first at [2]: it was 2, now 3"
    assert found["params['W1']"].startswith("1 of 4 entries changed; the first at [1, 0]")
    assert found["xs"] == "it was a list of 2 values, now a list of 3 values"
    rounding = copy.deepcopy(before)
    rounding["A"][0] = 0.3
    rounding["A"][0] += 0.1                                  # 0.3 + 0.1 - 0.1 != 0.3 in floats
    rounding["A"][0] -= 0.1
    before["A"][0] = 0.3
    assert "A" in dict(changed_arguments(before, rounding))  # exact: rounding traces count


# --------------------------------------------------------------------------- check_function
CASES = [{"x": np.array([1.0, 2.0, 3.0]), "c": 2.0}, {"x": np.array([-1.0, 0.5]), "c": 0.5}]


def ref_scale(x, c):
    return c * x


def stub(*args, **kwargs):
    raise NotImplementedError("write it")


def check(fn, **kw):
    return check_function("scale", fn, CASES, ref_scale, **kw)


def test_pass_stub_raise_and_not_a_function():
    fb = check(lambda x, c: x * c)
    assert fb.passed and str(fb) == "[PASSED] scale: correct on all 2 test cases."
    one = check_function("one", lambda x, c: x * c, CASES[:1], ref_scale)
    assert one.message == "correct on its 1 test case."
    fb = check(stub, hint="multiply")
    assert fb.status == "not implemented"
    assert str(fb) == "[TODO] scale: not implemented yet. Hint: multiply"
    assert check(stub).message == "not implemented yet."
    fb = check(lambda x, c: x @ np.ones((5, 5)))
    assert fb.message.startswith("your function raised ValueError: ") and \
        fb.message.endswith("(test case 1). Inputs of test case 1: x: array of shape (3,); c = 2.")
    assert check(42).message == "expected a function, got int."


def test_generic_difference_names_the_case_and_its_inputs():
    fb = check(lambda x, c: c * x + (x == 2.0))
    assert fb.message == ("wrong result on test case 1, in the returned value: 1 of 3 entries "
                          "differs, at [1]: expected 4, got 5. Inputs of test case 1: x: array "
                          "of shape (3,); c = 2.")
    fb = check_function("scale", lambda x, c: (c * x, x), CASES,
                        lambda x, c: (c * x, 2 * x), output_names=("y", "twice x"))
    assert "in element 2 of the returned tuple, twice x: every entry is 0.5 times the " \
           "expected one (that is 1 / c)" in fb.message


def test_also_different_lists_the_other_parts():
    fb = check_function("t", lambda x, c: (x, x, x), CASES, lambda x, c: (c * x, x + 1, x),
                        output_names=("a", "b", "c"))
    assert "in element 1 of the returned tuple, a:" in fb.message
    assert "Also different: element 2 of the returned tuple, b." in fb.message


def test_none_is_a_forgotten_return():
    fb = check(lambda x, c: None)
    assert "your function returned None (did it forget the return statement?); expected an " \
           "array of shape (3,) (float64)" in fb.message


def test_a_constant_factor_on_numbers_must_hold_on_every_case():
    cases = [{"a": 1.0, "b": 2.0}, {"a": 3.0, "b": 5.0}]
    fb = check_function("sum", lambda a, b: 2 * (a + b), cases, lambda a, b: a + b)
    assert "on all 2 test cases your result is 2 times the expected one" in fb.message
    fb = check_function("sum", lambda a, b: -(a + b), cases, lambda a, b: a + b)
    assert "the right size but the opposite sign" in fb.message
    # 2 * (a + b) on the first case only: a single ratio proves nothing
    fb = check_function("sum", lambda a, b: 6.0 if a == 1 else 9.0, cases, lambda a, b: a + b)
    assert "times" not in fb.message and "expected 3, got 6" in fb.message
    fb = check_function("pair", lambda a, b: (100 * a, 100 * b), cases, lambda a, b: (a, b))
    assert "every returned number is 100 times the expected one (percentages" in fb.message


def test_a_mistake_is_named_only_if_it_explains_every_case():
    mistakes = [("added c", lambda x, c: x + c, "Multiply.")]
    # c * x coincides with x + c where x = c / (c - 1): here only on the first case
    cases = [{"x": np.array([2.0]), "c": 2.0}, {"x": np.array([1.0, 3.0]), "c": 3.0}]
    fb = check_function("s", lambda x, c: x + c, cases, ref_scale, mistakes)
    assert fb.message == "it looks like you added c. Multiply."
    fb = check_function("s", lambda x, c: 2 * x if c == 2.0 else x * 0, cases, ref_scale,
                        mistakes)
    assert fb.passed is False and "added c" not in fb.message


def test_arguments_changed_in_place():
    def scale_in_place(x, c):
        x *= c
        return x
    fb = check(scale_in_place)
    assert fb.message.startswith("the result is right, but your function changed its argument x "
                                 "in place (3 of 3 entries changed; the first at [0]: it was 1, "
                                 "now 2).")
    assert check(scale_in_place, check_in_place=False).passed

    def wrong_in_place(x, c):
        x += c
        return x
    fb = check(wrong_in_place)
    assert fb.message.index("wrong result on test case 1") < \
        fb.message.index("Your function also changed its argument x in place")


# --------------------------------------------------------------------------- randomness
def ref_noise(x, rng):
    return x + rng.random(x.shape)


RNG_CASES = [{"x": np.zeros(4), "rng": np.random.default_rng(5)},
             {"x": np.ones((2, 3)), "rng": np.random.default_rng(6)}]


def check_noise(fn):
    return check_function("noise", fn, RNG_CASES, ref_noise,
                          draws="Draw one rng.random(x.shape).")


def test_randomness_from_the_given_generator():
    assert check_noise(lambda x, rng: x + rng.random(x.shape)).passed
    assert check_noise(lambda x, rng: x + rng.uniform(0, 1, x.shape)).passed


@pytest.mark.parametrize("fn, text", [
    (lambda x, rng: x + np.random.default_rng().random(x.shape),
     "returned different results in two calls on copies of the same inputs (test case 1), with "
     "the generator rng in the same state"),
    (lambda x, rng: x + np.random.default_rng(0).random(x.shape),
     "did not draw from the generator rng that it was given"),
    (lambda x, rng: (rng.random(), x + rng.random(x.shape))[1],
     "drew a different amount of random numbers from rng than the expected solution (the "
     "generator ends in another state), so the draws do not line up with the expected ones. "
     "Draw one rng.random(x.shape)."),
])
def test_randomness_not_from_the_generator(fn, text):
    fb = check_noise(fn)
    assert text in fb.message, fb.message
    assert fb.message.endswith("Inputs of test case 1: x: array of shape (4,); rng: a numpy "
                               "Generator.")


def test_draws_in_another_layout():
    fb = check_noise(lambda x, rng: x + rng.random(x.shape[::-1]).T)
    assert fb.message.startswith("wrong result on test case 2, in the returned value: the "
                                 "values are right but in a different order"), fb.message


def test_a_draw_where_none_is_expected():
    cases = [{"x": np.zeros(3), "rng": np.random.default_rng(1), "on": False}]
    fb = check_function("n", lambda x, rng, on: x + 0 * rng.random(3) + 1, cases,
                        lambda x, rng, on: x + (rng.random(3) if on else 0))
    assert "the expected solution draws no random numbers in test case 1, but your function " \
           "drew some from rng" in fb.message


def test_state_kept_between_calls_in_a_deterministic_exercise():
    calls = []

    def counting(x, c):
        calls.append(1)
        return c * x + len(calls)
    fb = check(counting)
    assert "must depend on the arguments only. Do not use np.random or variables kept from " \
           "one call to the next" in fb.message


def test_results_that_cannot_be_compared_are_not_called_random():
    fb = check(lambda x, c: object())
    assert "different results" not in fb.message and "an object of type object" in fb.message


# --------------------------------------------------------------------------- i18n
@pytest.mark.parametrize("fn", [
    lambda x, c: c * x + (x == 2.0), lambda x, c: None, lambda x, c: (x, c),
    lambda x, c: (c * x).reshape(1, -1), lambda x, c: 3 * c * x, stub, 7,
    lambda x, c: x.__imul__(c), lambda x, c: x + np.random.default_rng().random(),
    lambda x, c: {"y": c * x},
])
def test_every_sentence_goes_through_gettext(fn):
    mistakes = [("forgot c", lambda x, c: x, "Multiply by c.")]
    with pseudo_translation():
        fb = check_function("scale", fn, CASES, ref_scale, mistakes, hint="multiply",
                            output_names="y")
        text = str(fb)
    assert not untranslated(text), text
    assert "ｓｃａｌｅ" in text  # the exercise's name too


def test_feedback_is_a_plain_value():
    fb = Feedback("x", "failed", "m")
    assert not fb and repr(fb) == "[NOT YET] x: m"
    assert not_implemented("x").message == "not implemented yet."


def test_parameters_renamed():
    fb = check(lambda y, c: c * y)
    assert fb.message.startswith("your function cannot be called with the arguments of the "
                                 "exercise, x, c: ") and \
        fb.message.endswith("Keep the parameter names of the exercise's def line.")
    assert "raised TypeError: " in check(lambda x, c: len(c)).message


# --------------------------------------------------------------------------- every checker
def _checkers_and_their_calls(monkeypatch):
    """(checker, exercise, cases, reference, names) of every checker built on check_function."""
    import importlib
    keys = ["splits", "bias_variance", "l2", "dropout", "augment", "early_stopping",
            "normalization", "deep_signal", "initialization", "gradcheck"]
    calls = []
    for key in keys:
        module = importlib.import_module(f"course_utils.exercises.{key}")

        def spy(exercise, learner_fn, cases, reference, mistakes=(), hint="", **kw):
            calls.append((exercise, cases, reference, kw.get("output_names")))
            return Feedback(exercise, "not implemented", "spy")
        monkeypatch.setattr(module, "check_function", spy)
        for name in module.__all__:
            if name.startswith("check_"):
                getattr(module, name)(stub)
    return calls


def test_every_reference_is_deterministic_given_its_arguments(monkeypatch):
    """The two-call randomness check relies on it: same inputs (generator state included),
    same result. Also: every such exercise names the parts of its result."""
    import copy
    calls = _checkers_and_their_calls(monkeypatch)
    assert len(calls) == 22  # 25 exercises; split_columns, He init and the quiz check alone
    for exercise, cases, reference, names in calls:
        assert names is not None, exercise
        for case in cases:
            a = reference(**copy.deepcopy(case))
            b = reference(**copy.deepcopy(case))
            assert same(a, b, rtol=0, atol=0), exercise
