"""Unit tests of the network core: gradients, cost, dropout, initializers, predict."""
import numpy as np
import pytest
from sklearn.metrics import log_loss

from course_utils.activations import ACTIVATIONS, sigmoid, softmax
from course_utils.gradcheck import draw_dropout_masks, gradient_check
from course_utils.initializers import init_std, initialize_parameters
from course_utils.metrics import accuracy, predict, predict_proba
from course_utils.nn import (
    LayerCache,
    backward,
    compute_cost,
    cross_entropy,
    dropout_forward,
    forward,
    l2_penalty,
)


def small_problem(n_out=1, m=9, seed=0, layer_dims=(3, 5, 4)):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m))
    if n_out == 1:
        Y = (rng.random((1, m)) > 0.5).astype(float)
    else:
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)]
    params = initialize_parameters(list(layer_dims) + [n_out], "xavier", seed=seed + 1)
    # small random biases keep ReLU away from its kink at exactly z = 0
    for k in params:
        if k.startswith("b"):
            params[k] = 0.1 * rng.standard_normal(params[k].shape)
    return X, Y, params


# ------------------------------------------------------------------ gradients
@pytest.mark.parametrize("hidden", sorted(ACTIVATIONS))
@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_gradients_every_hidden_activation_sigmoid_output(hidden, lambd):
    X, Y, params = small_problem()
    report = gradient_check(X, Y, params, hidden_activation=hidden, lambd=lambd)
    assert report.difference < 1e-7, report.table()


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("lambd", [0.0, 0.5])
def test_gradients_softmax_output(hidden, lambd):
    X, Y, params = small_problem(n_out=4)
    report = gradient_check(X, Y, params, hidden_activation=hidden,
                            output_activation="softmax", lambd=lambd)
    assert report.difference < 1e-7, report.table()


@pytest.mark.parametrize("lambd", [0.0, 0.3])
def test_gradients_dropout_with_fixed_masks(lambd):
    X, Y, params = small_problem(m=12)
    masks = draw_dropout_masks([5, 4], 12, [0.6, 0.8], seed=3)
    assert any(not mk.all() for mk in masks)  # something is actually dropped
    report = gradient_check(X, Y, params, hidden_activation="tanh", keep_probs=[0.6, 0.8],
                            masks=masks, lambd=lambd)
    assert report.difference < 1e-7, report.table()


def test_l2_gradient_is_lambd_over_m_times_W_and_b_untouched():
    X, Y, params = small_problem()
    AL, caches = forward(X, params, "tanh")
    g0 = backward(AL, Y, caches, params, "tanh", lambd=0.0)
    g1 = backward(AL, Y, caches, params, "tanh", lambd=0.7)
    m = X.shape[1]
    for l in (1, 2, 3):
        np.testing.assert_allclose(g1[f"dW{l}"] - g0[f"dW{l}"], 0.7 / m * params[f"W{l}"],
                                   rtol=0, atol=1e-15)
        np.testing.assert_array_equal(g1[f"db{l}"], g0[f"db{l}"])


def test_weight_decay_identity():
    X, Y, params = small_problem()
    AL, caches = forward(X, params, "relu")
    lambd, alpha, m = 0.7, 0.3, X.shape[1]
    grads = backward(AL, Y, caches, params, "relu", lambd=0.0)
    for l in (1, 2, 3):
        W, dW = params[f"W{l}"], grads[f"dW{l}"]
        with_l2 = W - alpha * (dW + lambd / m * W)
        decayed = (1 - alpha * lambd / m) * W - alpha * dW
        np.testing.assert_allclose(with_l2, decayed, rtol=0, atol=1e-12)


# ------------------------------------------------------------------ cost
def test_cost_equals_sklearn_log_loss_plus_l2():
    X, Y, params = small_problem(m=50)
    AL, caches = forward(X, params, "relu")
    ZL = caches[-1].Z
    ref = log_loss(Y.ravel(), AL.ravel(), labels=[0, 1])
    assert abs(cross_entropy(ZL, Y) - ref) < 1e-12
    lambd, m = 0.7, 50
    l2 = lambd / (2 * m) * sum(np.sum(params[f"W{l}"] ** 2) for l in (1, 2, 3))
    assert abs(compute_cost(ZL, Y, params, lambd) - (ref + l2)) < 1e-12
    assert abs(l2_penalty(params, lambd, m) - l2) < 1e-15


def test_softmax_cost_equals_sklearn_log_loss():
    X, Y, params = small_problem(n_out=3, m=40)
    AL, caches = forward(X, params, "tanh", "softmax")
    ref = log_loss(Y.argmax(axis=0), AL.T, labels=[0, 1, 2])
    assert abs(cross_entropy(caches[-1].Z, Y, "softmax") - ref) < 1e-12


def test_cost_is_stable_for_huge_logits():
    Z = np.array([[800.0, -800.0, 50.0, -50.0]])
    Y = np.array([[1.0, 0.0, 0.0, 1.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        J = cross_entropy(Z, Y)
        A = sigmoid(Z)
        S = softmax(np.array([[1000.0, 0.0], [0.0, -1000.0]]))
    assert np.isclose(J, (50 + 50) / 4)  # the two wrong confident answers cost |z| each
    assert np.all((A >= 0) & (A <= 1)) and np.all(np.isfinite(S))


def test_column_labels_are_refused_not_broadcast():
    X, Y, params = small_problem()
    AL, caches = forward(X, params)
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        cross_entropy(caches[-1].Z, Y.T)
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        backward(AL, Y.ravel(), caches, params)


# ------------------------------------------------------------------ dropout
def test_inverted_dropout_preserves_the_mean_activation():
    rng = np.random.default_rng(0)
    A = rng.random((50, 4000)) + 0.5
    for kp in (0.3, 0.5, 0.8):
        D, (mask, _) = dropout_forward(A, kp, rng)
        assert abs(mask.mean() - kp) < 0.01
        # mean of A*mask/kp is mean(A) within a few standard errors
        se = (A * (mask / kp)).std() / np.sqrt(A.size)
        assert abs(D.mean() - A.mean()) < 4 * se
        assert abs((A * mask).mean() - kp * A.mean()) < 4 * se  # unscaled: shrunk by kp


def test_keep_prob_one_equals_no_dropout_exactly():
    X, Y, params = small_problem()
    A0, c0 = forward(X, params, "relu")
    A1, c1 = forward(X, params, "relu", keep_probs=[1.0, 1.0], seed=5)
    np.testing.assert_array_equal(A0, A1)
    np.testing.assert_array_equal(backward(A0, Y, c0, params)["dW1"],
                                  backward(A1, Y, c1, params)["dW1"])


def test_masks_live_in_the_cache_and_are_fresh_per_call():
    X, Y, params = small_problem(m=200)
    rng = np.random.default_rng(0)
    _, c1 = forward(X, params, keep_probs=[0.5, 0.5], rng=rng)
    _, c2 = forward(X, params, keep_probs=[0.5, 0.5], rng=rng)
    m1, m2 = c1[0].mask, c2[0].mask
    assert m1.shape == (5, 200) and m1.dtype == bool
    assert not np.array_equal(m1, m2)


def test_layer_cache_fields_name_what_the_forward_pass_kept():
    X, Y, params = small_problem(m=20)
    rng = np.random.default_rng(1)
    AL, caches = forward(X, params, "tanh", keep_probs=[0.5, 1.0], rng=rng)
    assert len(caches) == 3 and all(isinstance(c, LayerCache) for c in caches)
    c1 = caches[0]
    np.testing.assert_array_equal(c1.A_prev, X)
    np.testing.assert_allclose(c1.Z, params["W1"] @ X + params["b1"], atol=0)
    np.testing.assert_allclose(c1.A, np.tanh(c1.Z), atol=0)
    assert c1.keep_prob == 0.5 and c1.mask.shape == (5, 20)
    # the next layer's input is the dropped-out activation
    np.testing.assert_allclose(caches[1].A_prev, c1.A * c1.mask / 0.5, atol=0)
    assert caches[1].mask is None and caches[1].keep_prob == 1.0
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(-caches[-1].Z)), atol=1e-15)


def test_dropout_without_randomness_is_refused_and_fresh_masks_come_from_one_rng():
    X, Y, params = small_problem(m=50)
    with pytest.raises(ValueError, match="dropout needs randomness.*rng=np.random.default_rng"):
        forward(X, params, keep_probs=[0.5, 0.5])
    with pytest.raises(ValueError, match="dropout_forward: dropout needs randomness"):
        dropout_forward(np.ones((3, 4)), 0.5)
    # keep_prob 1 everywhere draws nothing, so it needs no randomness
    np.testing.assert_array_equal(forward(X, params, keep_probs=[1.0, 1.0])[0],
                                  forward(X, params)[0])
    A, c = dropout_forward(np.ones((3, 4)), 1.0)
    assert c.mask is None and np.array_equal(A, np.ones((3, 4)))
    # the same seed gives the same masks; one rng kept across calls gives fresh ones
    same = [dropout_forward(np.ones((30, 30)), 0.5, seed=3)[1].mask for _ in range(2)]
    assert np.array_equal(*same)
    rng = np.random.default_rng(3)
    fresh = [dropout_forward(np.ones((30, 30)), 0.5, rng)[1].mask for _ in range(2)]
    assert not np.array_equal(*fresh)
    np.testing.assert_array_equal(fresh[0], same[0])


@pytest.mark.parametrize("keep_prob", [1.5, 0.0, -0.2])
def test_dropout_forward_refuses_a_keep_prob_outside_0_1(keep_prob):
    A = np.ones((2, 3))
    before = A.copy()
    with pytest.raises(ValueError, match=r"keep_prob\[0\] = .* is outside \(0, 1\].*KEEPING"):
        dropout_forward(A, keep_prob, np.random.default_rng(0))
    np.testing.assert_array_equal(A, before)


def test_dropout_forward_checks_a_fixed_mask_shape():
    with pytest.raises(ValueError, match=r"mask has shape \(2, 2\), expected A's shape \(2, 3\)"):
        dropout_forward(np.ones((2, 3)), 0.5, mask=np.ones((2, 2), bool))


def test_complex_inputs_are_refused_not_cast():
    X, Y, params = small_problem(m=5)
    with pytest.raises(TypeError, match="X must be real-valued, got a complex array"):
        forward(X + 1j, params)
    with pytest.raises(TypeError, match="A must be real-valued"):
        dropout_forward(np.ones((2, 2)) * 1j, 0.5, seed=0)


def test_no_dropout_at_prediction_time():
    X, Y, params = small_problem(m=30)
    p1 = predict_proba(X, params)
    p2 = predict_proba(X, params)
    np.testing.assert_array_equal(p1, p2)
    np.testing.assert_array_equal(p1, forward(X, params)[0])


# ------------------------------------------------------------------ init / predict
@pytest.mark.parametrize("method,expected", [
    ("he", np.sqrt(2 / 400)), ("xavier", np.sqrt(1 / 400)),
    ("glorot", np.sqrt(2 / 700)), ("random", 0.01), ("zeros", 0.0)])
def test_initializer_standard_deviations(method, expected):
    params = initialize_parameters([400, 300], method, seed=0)
    assert init_std(method, 400, 300) == pytest.approx(expected)
    assert params["W1"].std() == pytest.approx(expected, rel=0.02)
    assert params["W1"].shape == (300, 400) and params["b1"].shape == (300, 1)
    assert not params["b1"].any()


def test_initializer_scale_multiplies():
    a = initialize_parameters([50, 40, 1], "he", seed=1)
    b = initialize_parameters([50, 40, 1], "he", scale=10, seed=1)
    np.testing.assert_allclose(b["W1"], 10 * a["W1"])


def test_predict_and_accuracy():
    X, Y, params = small_problem(n_out=3, m=20)
    pred = predict(X, params, "relu", "softmax")
    assert pred.shape == (1, 20)
    assert accuracy(pred, Y) == pytest.approx(np.mean(pred.ravel() == Y.argmax(axis=0)))
    Xb, Yb, pb = small_problem()
    p = predict(Xb, pb)
    assert set(np.unique(p)) <= {0.0, 1.0}
    assert accuracy(p, Yb) == pytest.approx(np.mean(p == Yb))
    with pytest.raises(ValueError, match=r"predictions must have shape \(1, m\)"):
        accuracy(p.ravel(), Yb)
