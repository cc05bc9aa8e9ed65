"""course_utils.lessons.deep_signal (notebook 08) and its figures: c^L in a deep linear network,
per-layer activation and gradient norms, overflow reported instead of raised."""
import warnings

import numpy as np
import pytest

from course_utils.data import make_circles
from course_utils.lessons.deep_signal import (
    deep_linear_network,
    growth_per_layer,
    scale_sweep,
    signal_profile,
    train_settings,
)
from course_utils.plots.common import plot_cost_curves
from course_utils.plots.deep_signal import plot_deep_linear, plot_scale_sweep, plot_signal_profile
from course_utils.plots.style import log_ticks
from course_utils.train import train


@pytest.mark.parametrize("c", [1.5, 0.5, 1.0, 2.0])
def test_deep_linear_network_follows_c_to_the_L(c):
    x = np.array([1.0, -2.0, 0.5])
    u = np.array([0.3, 1.0, -1.0])
    r = deep_linear_network(c, 40, x, u)
    layers = np.arange(41)
    assert np.allclose(r["act_norms"], c ** layers * np.linalg.norm(x), rtol=1e-12)
    assert np.allclose(r["y_hat"], c ** 40 * x, rtol=1e-12)
    expected = c ** 39 * np.linalg.norm(u) * np.linalg.norm(x)
    assert np.allclose(r["grad_norms"], expected, rtol=1e-12)
    assert r["overflow"] is None


def test_deep_linear_network_reports_overflow_and_underflow_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = deep_linear_network(1.5, 2000)
        small = deep_linear_network(0.5, 2000)
    assert "inf at layer 1750" in big["overflow"]
    assert "0.0 at layer 1075" in small["overflow"]
    assert np.isfinite(big["act_norms"][1749]) and np.isinf(big["act_norms"][1750])


@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(c=0.0, depth=3), ValueError, r"c must be a finite number > 0"),
    (dict(c=-1.5, depth=3), ValueError, r"c must be a finite number > 0"),
    (dict(c=1.5, depth=0), ValueError, r"depth must be a positive integer"),
    (dict(c=1.5, depth=3, x=[1.0, 2.0], u=[1.0]), ValueError, r"u must have the shape of x"),
    (dict(c="big", depth=3), TypeError, r"c must be a positive number"),
])
def test_deep_linear_network_bad_inputs(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        deep_linear_network(**kwargs)


def test_signal_profile_shapes_and_determinism():
    p = signal_profile(6, "tanh", "xavier", 1.0, width=16, m=32, seed=3)
    assert p.act_rms.shape == (7,) and p.grad_norms.shape == (7,)
    assert np.array_equal(p.layers, np.arange(1, 8))
    assert np.all(np.isfinite(p.grad_norms)) and p.overflow is None
    q = signal_profile(6, "tanh", "xavier", 1.0, width=16, m=32, seed=3)
    assert np.array_equal(p.grad_norms, q.grad_norms)


def test_signal_profile_matches_a_direct_backward_pass():
    from course_utils.initializers import initialize_parameters
    from course_utils.nn import backward, forward
    p = signal_profile(3, "relu", "he", 1.5, width=8, m=10, seed=0)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((8, 10))
    Y = (rng.random((1, 10)) < 0.5).astype(float)
    params = initialize_parameters([8, 8, 8, 8, 1], "he", 1.5, rng=rng)
    AL, caches = forward(X, params, "relu")
    grads = backward(AL, Y, caches, params, "relu")
    assert np.allclose(p.grad_norms, [np.linalg.norm(grads[f"dW{l}"]) for l in range(1, 5)])
    assert np.isclose(p.act_rms[0], np.sqrt(np.mean(caches[0].A ** 2)))


def test_relu_gradients_scale_like_s_to_the_L_minus_1():
    d = 20
    base = signal_profile(d, "relu", "he", 1.0, seed=1).grad_norms
    for s in (0.5, 2.0):
        g = signal_profile(d, "relu", "he", s, seed=1).grad_norms
        shift = np.mean(np.log10(g) - np.log10(base))
        assert shift / (d * np.log10(s)) == pytest.approx(1.0, abs=0.25)


def test_sigmoid_gradients_vanish_toward_the_input():
    p = signal_profile(20, "sigmoid", "xavier", 1.0, seed=0)
    assert p.grad_norms[0] < 1e-8 * p.grad_norms[-1]
    assert growth_per_layer(p.grad_norms[:-1][::-1]) < 0.5


def test_signal_profile_reports_overflow_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = signal_profile(200, "relu", "he", 100.0, width=16, m=16)
    assert p.overflow.startswith("Overflow: the activations overflowed")
    assert p.first_bad_layer is not None and 100 < p.first_bad_layer < 200
    assert np.isnan(p.grad_ratio) or not np.isfinite(p.grad_norms).all()


@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(depth=3, activation="swish"), ValueError, r"Unknown activation 'swish'. Valid names"),
    (dict(depth=3, init="orthogonal"), ValueError, r"Unknown init method 'orthogonal'"),
    (dict(depth=3, scale=0.0), ValueError, r"scale must be a finite number > 0"),
    (dict(depth=0), ValueError, r"depth must be a positive integer"),
    (dict(depth=3, width=0), ValueError, r"width must be a positive integer"),
])
def test_signal_profile_bad_inputs(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        signal_profile(**kwargs)


def test_growth_per_layer():
    assert growth_per_layer(3.0 * 0.7 ** np.arange(10)) == pytest.approx(0.7, rel=1e-12)
    assert np.isnan(growth_per_layer([1.0, 0.0, 2.0]))
    with pytest.raises(ValueError, match=r"values needs at least 2 layers"):
        growth_per_layer([1.0])


def test_scale_sweep_shapes_and_bad_seeds():
    sw = scale_sweep(4, "tanh", "xavier", [0.5, 1.0], seeds=(0, 1), width=8, m=16)
    assert sw["grad_norms"].shape == (2, 2, 5) and sw["grad_growth"].shape == (2, 2)
    assert not sw["overflow"].any()
    assert sw["grad_norms"][0].mean() < sw["grad_norms"][1].mean()
    with pytest.raises(ValueError, match=r"seeds must hold at least one seed"):
        scale_sweep(4, "tanh", "xavier", [1.0], seeds=())


def test_train_reports_exploding_runs_as_diverged():
    X, Y = make_circles(200, noise=0.1, factor=0.5, seed=0)     # notebook 08's setting
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = train(X, Y, [2] + [20] * 10 + [1], init="he", init_scale=3.0, learning_rate=0.1,
                  num_iterations=100, record_every=50, seed=1)
    assert r.diverged and r.stop_reason.startswith("diverged")


def test_train_settings_gives_what_train_gives_for_each_setting_and_seed():
    X, Y = make_circles(n_samples=60, noise=0.1, factor=0.5, seed=0)
    settings = {"tanh small": dict(hidden_activation="tanh", init="xavier", init_scale=0.3,
                                   learning_rate=0.1),
                "relu big lr": dict(hidden_activation="relu", init="he", learning_rate=3.0),
                "relu": dict(hidden_activation="relu", init="he", init_scale=1.0,
                             learning_rate=0.1)}
    runs = train_settings(X, Y, [2, 8, 8, 8, 1], settings, seeds=(0, 1), num_iterations=60,
                          record_every=20)
    assert list(runs) == list(settings) and all(len(v) == 2 for v in runs.values())
    for name, kw in settings.items():
        for seed, res in zip((0, 1), runs[name]):
            ref = train(X, Y, [2, 8, 8, 8, 1], num_iterations=60, record_every=20, seed=seed,
                        **kw)
            assert res.diverged == ref.diverged and res.history.cost == ref.history.cost
            for k in ref.params:
                np.testing.assert_array_equal(res.params[k], ref.params[k])


@pytest.mark.parametrize("settings,seeds,exc,match", [
    ({}, (0,), TypeError, r"settings must be a non-empty dict"),
    ({"a": dict(lr=0.1)}, (0,), ValueError, r"setting 'a' has unknown keys \['lr'\]"),
    ({"a": dict(learning_rate=0.1)}, (), ValueError, r"seeds must hold at least one seed"),
])
def test_train_settings_bad_inputs(settings, seeds, exc, match):
    X, Y = make_circles(n_samples=20, noise=0.1, factor=0.5, seed=0)
    with pytest.raises(exc, match=match):
        train_settings(X, Y, [2, 3, 1], settings, seeds=seeds)


def test_plots_return_axes_with_titles_and_labels():
    nets = [deep_linear_network(c, 10) for c in (1.5, 0.5)]
    ax = plot_deep_linear(nets)
    assert ax.get_yscale() == "log" and ax.get_title() and ax.get_legend() is not None
    ax = plot_deep_linear(nets, quantity="grad_norms")
    assert "gradients" in ax.get_title()
    with pytest.raises(ValueError, match=r"Unknown quantity 'z'"):
        plot_deep_linear(nets, quantity="z")
    profs = [signal_profile(5, seed=0), signal_profile(200, "relu", "he", 100.0, width=16, m=16)]
    a1, a2 = plot_signal_profile(profs)
    assert a1.get_title() == "Activations per layer" and a2.get_xlabel() == "layer l"
    assert any("overflow" in t.get_text() for t in a1.texts)
    log_ticks(a1)
    sw = scale_sweep(3, "relu", "he", [0.5, 1.0], seeds=(0,), width=8, m=8)
    ax = plot_scale_sweep(sw)
    assert "relu" in ax.get_title() and ax.get_ylabel()
    X, Y = make_circles(100, seed=0)
    r = train(X, Y, [2, 5, 1], num_iterations=20, record_every=10)
    ax = plot_cost_curves({"ok": [r]})
    assert ax.get_xlabel() == "iteration" and ax.get_legend() is not None
