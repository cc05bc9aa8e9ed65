"""course_utils.metrics: accuracy and error counted exactly, weight norms, grids, failed runs."""
import numpy as np
import pytest

from course_utils.initializers import initialize_parameters
from course_utils.metrics import (
    error_rate,
    grid_axes,
    grid_proba,
    is_collapsed,
    network_accuracy,
    predict,
    proba_accuracy,
    proba_error,
    weight_norm2,
)
from course_utils.nn import forward


@pytest.fixture
def net():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 50))
    Y = (X[0:1] + 0.3 * rng.standard_normal((1, 50)) > 0).astype(float)
    params = initialize_parameters([2, 6, 1], "he", seed=1)
    return X, Y, params


def test_accuracy_and_error_are_exact_counts(net):
    X, Y, params = net
    AL = forward(X, params)[0]
    k_right = int(np.sum((AL > 0.5) == (Y > 0.5)))
    assert proba_accuracy(AL, Y) == k_right / 50
    assert proba_error(AL, Y) == (50 - k_right) / 50
    assert network_accuracy(params, X, Y) == k_right / 50
    assert error_rate(params, X, Y) == (50 - k_right) / 50
    assert network_accuracy(params, X, Y) == float(np.mean(predict(X, params) == Y))


def test_softmax_accuracy_uses_the_argmax():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((3, 40))
    Y = np.eye(4)[:, rng.integers(0, 4, 40)]
    params = initialize_parameters([3, 5, 4], "xavier", seed=3)
    AL = forward(X, params, "tanh", "softmax")[0]
    expected = float(np.mean(AL.argmax(axis=0) == Y.argmax(axis=0)))
    assert network_accuracy(params, X, Y, "tanh", "softmax") == expected
    assert error_rate(params, X, Y, "tanh", "softmax") == pytest.approx(1 - expected, abs=0)


def test_error_rate_checks_its_inputs(net):
    X, Y, params = net
    with pytest.raises(ValueError, match="use X.T"):
        error_rate(params, X.T, Y)
    with pytest.raises(ValueError, match=r"Y.reshape\(1, -1\)"):
        error_rate(params, X, Y.ravel())
    with pytest.raises(ValueError, match="Unknown hidden_activation 'gelu'"):
        network_accuracy(params, X, Y, "gelu")


def test_weight_norm2_counts_weights_not_biases():
    params = {"W1": np.ones((2, 3)), "b1": 5 * np.ones((2, 1)), "W2": 2 * np.ones((1, 2)),
              "b2": np.ones((1, 1))}
    assert weight_norm2(params) == 6 + 8


def test_grid_matches_a_plain_loop(net):
    X, _, params = net
    xs, ys = grid_axes(X, resolution=7)
    assert xs[0] == pytest.approx(X[0].min() - 0.25) and ys[-1] == pytest.approx(X[1].max() + 0.25)
    P = grid_proba(params, xs, ys)
    Z = grid_proba(params, xs, ys, logits=True)
    assert P.shape == (7, 7)
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            AL, caches = forward(np.array([[x], [y]]), params)
            assert P[i, j] == pytest.approx(AL[0, 0], abs=1e-14)
            assert Z[i, j] == pytest.approx(caches[-1].Z[0, 0], abs=1e-12)


def test_grid_axes_needs_two_features():
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\) \(two features in rows\)"):
        grid_axes(np.zeros((3, 5)))


def test_is_collapsed_flags_constant_and_majority_only_networks(net):
    X, Y, params = net
    assert not is_collapsed(params, X, Y) or network_accuracy(params, X, Y) <= \
        max(Y.mean(), 1 - Y.mean()) + 0.01
    dead = {k: np.zeros_like(v) for k, v in params.items()}
    dead["b2"] = np.full((1, 1), -3.0)           # always predicts class 0
    assert is_collapsed(dead, X, Y)
    # a network that gets every example right did not fail
    perfect = {"W1": np.array([[1.0, 0.0]]), "b1": np.zeros((1, 1)),
               "W2": np.array([[50.0]]), "b2": np.array([[-1e-9]])}
    Xp = np.array([[-1.0, -0.5, 0.5, 1.0], [0.0, 0.0, 0.0, 0.0]])
    Yp = np.array([[0.0, 0.0, 1.0, 1.0]])
    assert network_accuracy(perfect, Xp, Yp) == 1.0 and not is_collapsed(perfect, Xp, Yp)
