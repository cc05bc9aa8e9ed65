"""course_utils.train: history, early stopping, divergence, determinism, the fused step, and
the reproduction of the course's initialization result."""
import pathlib
import re

import numpy as np
import pytest
from sklearn.datasets import make_circles

from course_utils.initializers import initialize_parameters
from course_utils.metrics import accuracy, predict
from course_utils.nn import backward
from course_utils.train import EarlyStopping, train


def circles(n, seed):
    X, y = make_circles(n_samples=n, noise=0.05, random_state=seed)
    return X.T, y.reshape(1, -1).astype(float)


# ------------------------------------------------------------------ history / training
def test_history_and_learning():
    X, Y = circles(300, 1)
    Xd, Yd = circles(100, 2)
    res = train(X, Y, [2, 10, 5, 1], learning_rate=0.05, num_iterations=2000,
                X_dev=Xd, Y_dev=Yd, record_every=250, lambd=0.1)
    h = res.history
    assert h.iterations == list(range(0, 2001, 250))
    for key in ("cost", "data_cost", "train_accuracy", "dev_accuracy", "dev_cost",
                "weight_norm2"):
        assert len(getattr(h, key)) == len(h.iterations)
    assert all(c > d for c, d in zip(h.cost, h.data_cost))  # L2 term is positive
    assert h.cost[-1] < h.cost[0]
    assert h.train_accuracy[-1] > 0.8 and h.dev_accuracy[-1] > 0.8
    assert res.stop_reason == "completed all iterations" and not res.diverged


def test_full_cost_with_l2_decreases_monotonically():
    X, Y = circles(200, 3)
    res = train(X, Y, [2, 10, 5, 1], learning_rate=0.05, num_iterations=1500, lambd=1.0,
                record_every=10)
    assert np.all(np.diff(res.history.cost) <= 1e-12)


def test_minibatches_and_snapshots():
    X, Y = circles(200, 3)
    res = train(X, Y, [2, 8, 1], learning_rate=0.1, num_iterations=300, batch_size=32,
                record_every=100, keep_snapshots=True)
    assert [it for it, _ in res.snapshots] == [0, 100, 200, 300]
    np.testing.assert_array_equal(res.snapshots[-1][1]["W1"], res.params["W1"])
    assert not np.array_equal(res.snapshots[0][1]["W1"], res.snapshots[-1][1]["W1"])


def test_same_seed_same_result_bit_for_bit():
    X, Y = circles(200, 4)
    kw = dict(learning_rate=0.1, num_iterations=300, keep_probs=[0.7, 0.8], record_every=50,
              batch_size=64)
    a = train(X, Y, [2, 10, 5, 1], seed=11, **kw)
    b = train(X, Y, [2, 10, 5, 1], seed=11, **kw)
    c = train(X, Y, [2, 10, 5, 1], seed=12, **kw)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert a.history == b.history
    assert not np.array_equal(a.params["W1"], c.params["W1"])


def test_warm_start_does_not_mutate_given_params():
    X, Y = circles(100, 5)
    p0 = initialize_parameters([2, 4, 1], seed=0)
    before = {k: v.copy() for k, v in p0.items()}
    train(X, Y, [2, 4, 1], params=p0, num_iterations=50)
    for k in p0:
        np.testing.assert_array_equal(p0[k], before[k])


def test_divergence_stops_with_a_reason_instead_of_nan():
    X, Y = circles(200, 6)
    # 12 ReLU layers with weights of std 3: activations grow ~ (3 * sqrt(50/2))^12
    res = train(X, Y, [2] + [50] * 12 + [1], init="random", init_scale=3.0,
                learning_rate=0.1, num_iterations=200, record_every=1)
    assert res.diverged
    assert res.stop_reason.startswith("diverged: the cost became nan at iteration 2")
    assert res.stopped_iteration == 2 and res.history.iterations == [0, 1]
    assert all(np.isfinite(v).all() for v in res.params.values())
    assert all(np.isfinite(res.history.cost))


def test_callback_can_stop_training():
    X, Y = circles(100, 7)
    seen = []

    def cb(it, params, hist):
        seen.append(it)
        return it >= 200

    res = train(X, Y, [2, 4, 1], num_iterations=1000, record_every=100, callback=cb)
    assert seen == [0, 100, 200] and res.stopped_iteration == 200
    assert "callback" in res.stop_reason


# ------------------------------------------------------------------ early stopping
def test_early_stopping_on_a_scripted_dev_curve():
    curve = [1.0, 0.8, 0.6, 0.55, 0.56, 0.58, 0.54, 0.60, 0.65, 0.7, 0.8]
    es = EarlyStopping(patience=2, min_delta=0.02)
    stopped_at = None
    for i, v in enumerate(curve):
        if es.update(i * 10, v, {"W1": np.array([[float(i)]]), "b1": np.zeros((1, 1))}):
            stopped_at = i * 10
            break
    # 0.55 at iteration 30 is the last improvement by more than 0.02 (0.54 is not)
    assert es.best_iteration == 30 and es.best_value == 0.55
    assert stopped_at == 60  # three records without improvement > patience 2
    assert es.best_params["W1"][0, 0] == 3.0


def test_early_stopping_in_train_restores_the_best_parameters():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (2, 60))
    Y = (rng.random((1, 60)) > 0.5).astype(float)  # pure noise: dev cost rises as it overfits
    Xd = rng.uniform(-1, 1, (2, 200))
    Yd = (rng.random((1, 200)) > 0.5).astype(float)
    res = train(X, Y, [2, 50, 50, 1], learning_rate=0.3, num_iterations=20000, X_dev=Xd,
                Y_dev=Yd, record_every=50, early_stopping=EarlyStopping(patience=5),
                keep_snapshots=True)
    h = res.history
    best = res.best_iteration
    assert "early stopping" in res.stop_reason and "restored" in res.stop_reason
    assert res.stopped_iteration < 20000
    assert h.dev_cost[h.iterations.index(best)] == min(h.dev_cost)
    assert res.stopped_iteration == h.iterations[h.iterations.index(best) + 6]
    snap = dict(res.snapshots)[best]
    for k in snap:
        np.testing.assert_array_equal(res.params[k], snap[k])


def test_early_stopping_needs_a_dev_set():
    X, Y = circles(50, 0)
    with pytest.raises(ValueError, match="pass X_dev and Y_dev"):
        train(X, Y, [2, 3, 1], early_stopping=EarlyStopping())


# ------------------------------------------------------------------ the course's result
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reproduce_course_initialization_result(seed):
    X, Y = circles(300, 2 * seed + 1)
    Xt, Yt = circles(100, 2 * seed + 2)
    kw = dict(learning_rate=0.01, num_iterations=15000, record_every=5000, seed=seed)
    zeros = train(X, Y, [2, 10, 5, 1], init="zeros", **kw)
    assert accuracy(predict(X, zeros.params), Y) == 0.5
    assert accuracy(predict(Xt, zeros.params), Yt) == 0.5
    # symmetry is never broken: every hidden unit of a layer stays identical
    assert np.all(zeros.params["W1"] == zeros.params["W1"][0])
    he = train(X, Y, [2, 10, 5, 1], init="he", **kw)
    assert accuracy(predict(X, he.params), Y) >= 0.97
    assert accuracy(predict(Xt, he.params), Yt) >= 0.93


def test_no_global_random_state_in_the_package():
    root = pathlib.Path(__file__).resolve().parent.parent / "course_utils"
    pattern = re.compile(r"np\.random\.seed\(|np\.random\.(rand|randn|randint|random|choice|"
                         r"permutation|shuffle|normal|uniform)\(|^\s*(import random|from random"
                         r" import)", re.M)
    offenders = [f"{f}:{t[:m.start()].count(chr(10)) + 1}" for f in root.rglob("*.py")
                 for t in [f.read_text()] for m in pattern.finditer(t)]
    assert offenders == []


@pytest.mark.parametrize("hidden,keep_probs,lambd", [("relu", None, 0.0), ("tanh", None, 0.7),
                                                      ("sigmoid", [0.6, 0.9], 0.3)])
def test_fused_sgd_step_equals_backward_then_update(hidden, keep_probs, lambd):
    from course_utils.nn import forward
    from course_utils.train import copy_params, sgd_step
    rng = np.random.default_rng(3)
    X = rng.standard_normal((3, 11))
    Y = (rng.random((1, 11)) > 0.5).astype(float)
    p = initialize_parameters([3, 5, 4, 1], "xavier", seed=3)
    AL, caches = forward(X, p, hidden, keep_probs=keep_probs, seed=1)
    grads = backward(AL, Y, caches, p, hidden, lambd)
    expected = {k: p[k] - 0.3 * grads["d" + k] for k in p}
    q = copy_params(p)
    AL, caches = forward(X, q, hidden, keep_probs=keep_probs, seed=1)
    sgd_step(AL, Y, caches, q, hidden, 0.3, lambd)
    for k in p:
        np.testing.assert_allclose(q[k], expected[k], rtol=0, atol=1e-12)
