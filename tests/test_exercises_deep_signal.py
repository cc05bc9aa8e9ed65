"""Exercise checkers of notebook 08: correct solutions pass, classic mistakes are named."""
import re

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from course_utils.exercises.deep_signal import (
    check_deep_linear_output,
    check_gradient_norms,
)


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    """Tiny matrices: one BLAS thread (several threads on a loaded 2-core machine are ~50x slower)."""
    with threadpool_limits(1):
        yield


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
