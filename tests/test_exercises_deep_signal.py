"""Exercise checkers of notebook 08: correct solutions pass, classic mistakes are named."""
import re

import numpy as np
import pytest
from test_exercises_base import assert_translated

from course_utils.exercises.deep_signal import (
    check_deep_linear_output,
    check_gradient_norms,
)


def test_deep_linear_output():
    assert check_deep_linear_output(lambda x, c, L: c ** L * np.asarray(x)).passed
    loop = check_deep_linear_output(lambda x, c, L: np.linalg.matrix_power(
        c * np.eye(len(x)), L) @ x)
    assert loop.passed
    for wrong, match in [(lambda x, c, L: c * L * x, "c \\* L"),
                         (lambda x, c, L: c ** (L - 1) * x, "L - 1 factors"),
                         (lambda x, c, L: c ** (L + 1) * x, "L \\+ 1 factors"),
                         (lambda x, c, L: c * x ** L, "raised x to the power L")]:
        fb = check_deep_linear_output(wrong)
        assert not fb.passed and re.search(match, fb.message), fb.message


def _norms(grads):
    L = len(grads) // 2
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])


def test_gradient_norms():
    assert check_gradient_norms(_norms).passed
    wrongs = [(lambda g: _norms(g) ** 2, "squared norms"),
              (lambda g: _norms(g)[::-1], "from L down to 1"),
              (lambda g: np.array([np.sqrt(np.sum(g[f"dW{l}"] ** 2) + np.sum(g[f"db{l}"] ** 2))
                                   for l in range(1, len(g) // 2 + 1)]), "included db"),
              (lambda g: np.array([np.linalg.norm(g[f"dW{l}"], 2)
                                   for l in range(1, len(g) // 2 + 1)]), "spectral norm"),
              (lambda g: np.array([np.linalg.norm(v) for v in g.values()]), "2L values")]
    for wrong, match in wrongs:
        fb = check_gradient_norms(lambda grads, f=wrong: f(grads))
        assert not fb.passed and re.search(match, fb.message), fb.message
    fb = check_gradient_norms(lambda grads: grads["dW1"])
    assert not fb.passed and "expected shape (3,), got shape (5, 4)" in fb.message, fb.message


# --------------------------------------------------------------------------- further wrong answers
def multiply_in_place(x, c, L):
    for _ in range(L):
        x *= c
    return x


@pytest.mark.parametrize("fn, pattern", [
    (lambda x, c, L: (c ** L * x).reshape(-1, 1),
     r"in the returned y_hat: the values are right and in the right order, but the shape is "
     r"\(2, 1\) instead of \(2,\)"),
    (lambda x, c, L: np.sum(c ** L * x),
     r"^wrong result on test case 1, in the returned y_hat: expected an array of shape \(2,\), "
     r"got the number 115\.3\. Inputs of test case 1: x: array of shape \(2,\); c = 1\.5; "
     r"L = 10\.$"),
    (multiply_in_place, r"^the result is right, but your function changed its argument x in "
                        r"place \(2 of 2 entries changed; the first at \[0\]: it was 1, now "
                        r"57\.67\)"),
    (lambda x, c, L: c ** max(L, 2) * x,
     r"test case 4, in the returned y_hat: every entry is 1\.2 times the expected one \(that is "
     r"c\)"),
    (lambda x, c, L: np.where(np.arange(len(x)) == 0, c ** L * x, x),
     r"in the returned y_hat: 1 of 2 entries differs, at \[1\]: expected 57\.67, got 1"),
])
def test_deep_linear_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_deep_linear_output(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_deep_linear_output, fn)


@pytest.mark.parametrize("fn, pattern", [
    (lambda grads: 2 * _norms(grads),
     r"in the returned norms: every entry is 2 times the expected one"),
    (lambda grads: _norms(grads)[:-1],
     r"^wrong result on test case 1, in the returned norms: expected shape \(3,\), got shape "
     r"\(2,\)\. Inputs of test case 1: grads: dict of dW3 \(1, 5\), db3 \(1, 1\), dW2 \(5, 5\), "
     r"db2 \(5, 1\), dW1 \(5, 4\), db1 \(5, 1\)\.$"),
    (lambda grads: np.array([np.abs(grads[f"dW{l}"]).mean() for l in range(1, len(grads) // 2
                                                                            + 1)]),
     r"in the returned norms: 3 of 3 entries differ; the first at \[0\]: expected 0\.1328, got "
     r"0\.02402"),
    (lambda grads: {f"dW{l}": np.linalg.norm(grads[f"dW{l}"]) for l in range(1, len(grads) // 2
                                                                              + 1)},
     r"in the returned norms: expected an array of shape \(3,\) \(float64\), got a dict with "
     r"keys dW1, dW2, dW3"),
])
def test_gradient_norms_further_wrong_answers_name_the_part(fn, pattern):
    fb = check_gradient_norms(fn)
    assert fb.status == "failed" and re.search(pattern, fb.message), fb.message
    assert_translated(check_gradient_norms, fn)


def test_remaining_catalogued_mistakes_and_stubs():
    fb = check_deep_linear_output(lambda x, c, L: c ** L + 0 * x)
    assert "without multiplying x" in fb.message
    fb = check_gradient_norms(lambda grads: np.array([np.abs(grads[f"dW{l}"]).max()
                                                      for l in range(1, len(grads) // 2 + 1)]))
    assert "largest absolute entry" in fb.message

    def stub(*args, **kwargs):
        raise NotImplementedError
    for checker in (check_deep_linear_output, check_gradient_norms):
        assert checker(stub).message.startswith("not implemented yet. Hint: ")
        assert_translated(checker, stub)
