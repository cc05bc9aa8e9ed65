"""course_utils.gradcheck: flattening, one- and two-sided differences, planted bugs, dropout."""

import numpy as np
import pytest
from sklearn.datasets import make_circles

from course_utils.gradcheck import (
    gradient_check,
    numerical_gradient,
    params_to_vector,
    relative_difference,
    vector_to_params,
)
from course_utils.initializers import initialize_parameters
from course_utils.nn import backward


def circles(n, seed):
    X, y = make_circles(n_samples=n, noise=0.05, random_state=seed)
    return X.T, y.reshape(1, -1).astype(float)


# ------------------------------------------------------------------ gradient checking
def test_vector_round_trip():
    p = initialize_parameters([3, 4, 2], "he", seed=0)
    theta, spec = params_to_vector(p)
    assert theta.shape == (3 * 4 + 4 + 4 * 2 + 2,)
    back = vector_to_params(theta, spec)
    for k in p:
        np.testing.assert_array_equal(back[k], p[k])


def test_two_sided_is_second_order_one_sided_first_order():
    f = lambda t: float(np.sum(t ** 3))  # noqa: E731
    two = numerical_gradient(f, np.array([1.0]), 0.01)[0]
    one = numerical_gradient(f, np.array([1.0]), 0.01, method="one-sided")[0]
    assert two == pytest.approx(3.0001, abs=1e-10)
    assert one == pytest.approx(3.0301, abs=1e-10)


def test_relative_difference():
    assert relative_difference([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert relative_difference([0.0], [0.0]) == 0.0
    assert relative_difference([1.0], [-1.0]) == 1.0


def test_planted_bugs_are_flagged_and_localized():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4, 10))
    Y = (rng.random((1, 10)) > 0.5).astype(float)
    p = initialize_parameters([4, 5, 3, 1], "xavier", seed=1)
    for k in p:
        if k.startswith("b"):
            p[k] = 0.1 * rng.standard_normal(p[k].shape)

    def buggy(X, Y, params, caches, AL):
        g = backward(AL, Y, caches, params, "relu")
        g["dW2"] = 2 * g["dW2"]
        g["db1"] = 4 * g["db1"]
        return g

    bad = gradient_check(X, Y, p, backprop=buggy)
    assert bad.difference > 1e-2 and not bad.passed
    assert bad.suspects == ["b1", "W2"]
    assert "bug" in bad.verdict
    good = gradient_check(X, Y, p)
    assert good.difference < 1e-7 and good.passed and good.suspects == []
    assert "great" in good.verdict


def test_gradcheck_refuses_random_dropout():
    X, Y = circles(20, 0)
    p = initialize_parameters([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match="does not work with random dropout"):
        gradient_check(X, Y, p, keep_probs=[0.5])


def test_gradcheck_detects_forgotten_l2_term():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((3, 8))
    Y = (rng.random((1, 8)) > 0.5).astype(float)
    p = initialize_parameters([3, 4, 1], "xavier", seed=2)
    no_l2 = lambda X, Y, params, caches, AL: backward(AL, Y, caches, params, "tanh")  # noqa
    rep = gradient_check(X, Y, p, hidden_activation="tanh", lambd=1.0, backprop=no_l2)
    assert rep.difference > 1e-3 and set(rep.suspects) == {"W1", "W2"}
