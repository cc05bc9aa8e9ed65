"""Tests of course_utils.lessons.l2 (with l2_sweep) and course_utils.plots.l2 (notebook 03)."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_utils.data import load_diagonal_regions
from course_utils.lessons.l2 import (
    COURSE_REFERENCE,
    PENALTIES,
    below,
    boundary_length,
    converged_callback,
    dead_layer_callback,
    format_reference_table,
    format_sweep_table,
    gradient_step,
    grid_disagreement,
    lambd_sweep,
    linear_fit_r2,
    linear_regime_share,
    max_abs_difference,
    monotonicity,
    near_zero_share,
    penalty,
    penalty_gradients,
    train_variant,
    train_variants,
    weight_decay_step,
)
from course_utils.metrics import is_collapsed
from course_utils.nn import backward, forward, initialize_parameters, l2_penalty
from course_utils.plots import l2 as l2plots
from course_utils.plots.common import plot_boundary_image
from course_utils.train import train

DIMS = [2, 5, 3, 1]


@pytest.fixture(scope="module")
def data():
    return load_diagonal_regions()


@pytest.fixture(scope="module")
def small_sweep(data):
    return lambd_sweep(data, [0, 1.0, 30.0], seeds=[0, 2], layer_dims=DIMS,
                       num_iterations=1500, rtol=None, record_every=500)


def _params(seed=0, dims=DIMS):
    p = initialize_parameters(dims, "xavier", seed=seed)
    rng = np.random.default_rng(seed + 10)
    for k in p:
        if k.startswith("b"):
            p[k] = rng.standard_normal(p[k].shape)
    return p


# --------------------------------------------------------------------------- penalties
def test_penalty_values_match_formulas():
    p, lam, m = _params(), 0.7, 50
    sq_w = sum(np.sum(p[f"W{l}"] ** 2) for l in (1, 2, 3))
    sq_b = sum(np.sum(p[f"b{l}"] ** 2) for l in (1, 2, 3))
    abs_w = sum(np.abs(p[f"W{l}"]).sum() for l in (1, 2, 3))
    assert penalty(p, lam, m, "l2") == pytest.approx(lam / (2 * m) * sq_w, rel=1e-14)
    assert penalty(p, lam, m, "l2") == pytest.approx(l2_penalty(p, lam, m), rel=1e-14)
    assert penalty(p, lam, m, "l2_with_b") == pytest.approx(lam / (2 * m) * (sq_w + sq_b))
    assert penalty(p, lam, m, "l1") == pytest.approx(lam / (2 * m) * abs_w)
    assert penalty(p, 0.0, m, "l1") == 0.0


@pytest.mark.parametrize("kind", list(PENALTIES))
def test_penalty_gradients_match_finite_differences(kind):
    p, lam, m, eps = _params(3), 1.3, 20, 1e-6
    g = penalty_gradients(p, lam, m, kind)
    for key in p:
        idx = (0, 0)
        plus, minus = {k: v.copy() for k, v in p.items()}, {k: v.copy() for k, v in p.items()}
        plus[key][idx] += eps
        minus[key][idx] -= eps
        num = (penalty(plus, lam, m, kind) - penalty(minus, lam, m, kind)) / (2 * eps)
        assert g["d" + key][idx] == pytest.approx(num, abs=1e-7), (kind, key)
    if kind != "l2_with_b":
        assert all(np.all(g[f"db{l}"] == 0) for l in (1, 2, 3))


def test_penalty_bad_inputs():
    p = _params()
    with pytest.raises(ValueError, match="Unknown penalty kind 'l3'. Valid names"):
        penalty(p, 1.0, 10, "l3")
    with pytest.raises(ValueError, match="lambd must be a finite number >= 0"):
        penalty(p, -1.0, 10)
    with pytest.raises(ValueError, match="m must be the number of training examples"):
        penalty_gradients(p, 1.0, 0)
    with pytest.raises(TypeError, match="lambd must be a non-negative number"):
        penalty(p, "0.7", 10)


# --------------------------------------------------------------------------- train_variant
def test_train_variant_l2_equals_core_train(data):
    kw = dict(learning_rate=0.3, num_iterations=300)
    core = train(data.X_train, data.Y_train, DIMS, init="xavier", lambd=0.7, seed=4,
                 record_every=100, **kw)
    mine = train_variant(data.X_train, data.Y_train, DIMS, kind="l2", lambd=0.7, seed=4,
                         record_every=100, **kw)
    assert max_abs_difference(core.params, mine.params) < 1e-10
    np.testing.assert_allclose(core.history.cost, mine.history.cost, rtol=1e-10)


def test_train_variant_kinds_differ_as_expected(data):
    kw = dict(lambd=3.0, learning_rate=0.3, num_iterations=800, seed=0, hidden_activation="tanh")
    l2 = train_variant(data.X_train, data.Y_train, DIMS, kind="l2", **kw)
    l1 = train_variant(data.X_train, data.Y_train, DIMS, kind="l1", **kw)
    wb = train_variant(data.X_train, data.Y_train, DIMS, kind="l2_with_b", **kw)
    assert near_zero_share(l1.params) > near_zero_share(l2.params) + 0.2
    nb = [np.sqrt(sum(np.sum(r.params[f"b{l}"] ** 2) for l in (1, 2, 3))) for r in (l2, wb)]
    assert nb[1] < nb[0]
    # the recorded cost includes the penalty
    assert l1.history.cost[-1] > l1.history.data_cost[-1]


def test_train_variant_rtol_stops_early(data):
    r = train_variant(data.X_train, data.Y_train, DIMS, lambd=10.0, num_iterations=20000,
                      record_every=500, rtol=1e-3)
    assert r.stopped_iteration < 20000
    assert r.stop_reason.startswith("converged")


def test_train_variant_bad_inputs(data):
    # the same message as train(): the shared check_train_args
    with pytest.raises(ValueError, match=r"Y has 1 rows but the output layer has 2 units"):
        train_variant(data.X_train, data.Y_train, [2, 3, 2])
    with pytest.raises(ValueError, match="Unknown penalty kind"):
        train_variant(data.X_train, data.Y_train, DIMS, kind="elastic")
    with pytest.raises(ValueError, match="use X.T"):
        train_variant(data.X_train.T, data.Y_train, DIMS)


@pytest.mark.parametrize("kind,hidden", [("l1", "tanh"), ("l2_with_b", "relu"), ("l2", "relu")])
def test_train_variants_equal_train_variant(data, kind, hidden):
    """K networks at once give each network's train_variant result, bit for bit, including a
    network that stops early (rtol) and leaves the stack."""
    seeds, lams = [0, 3, 5], [0.7, 0.3, 10.0]
    kw = dict(kind=kind, hidden_activation=hidden, num_iterations=1200, record_every=200,
              rtol=2e-3)
    runs = train_variants(data.X_train, data.Y_train, DIMS, seeds=seeds, lambd=lams, **kw)
    stops = set()
    for s, lam, r in zip(seeds, lams, runs):
        one = train_variant(data.X_train, data.Y_train, DIMS, seed=s, lambd=lam, **kw)
        assert max_abs_difference(r.params, one.params) == 0.0, (kind, s)
        assert r.history.cost == one.history.cost and r.stop_reason == one.stop_reason
        stops.add(r.stopped_iteration)
    assert len(stops) > 1   # the networks did stop at different iterations


def test_train_variants_bad_inputs(data):
    with pytest.raises(ValueError, match="lambd must be one number or one per seed"):
        train_variants(data.X_train, data.Y_train, DIMS, seeds=[0, 1], lambd=[0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="seeds must hold at least one seed"):
        train_variants(data.X_train, data.Y_train, DIMS, seeds=[])
    with pytest.raises(ValueError, match="Unknown penalty kind"):
        train_variants(data.X_train, data.Y_train, DIMS, kind="l3")


# --------------------------------------------------------------------------- weight decay
def test_weight_decay_identity(data):
    p = _params(1)
    X, Y = data.X_train, data.Y_train
    AL, caches = forward(X, p, "relu")
    a = gradient_step(p, backward(AL, Y, caches, p, "relu", lambd=2.0), 0.3)
    b = weight_decay_step(p, backward(AL, Y, caches, p, "relu", lambd=0.0), 0.3, 2.0, X.shape[1])
    assert max_abs_difference(a, b) < 1e-13
    # and it is not trivially true: without the decay they differ
    c = weight_decay_step(p, backward(AL, Y, caches, p, "relu", lambd=0.0), 0.3, 0.0, X.shape[1])
    assert max_abs_difference(a, c) > 1e-4
    # b is never decayed
    assert np.array_equal(b["b1"], c["b1"])


def test_step_bad_inputs():
    p = _params()
    with pytest.raises(ValueError, match="grads is missing 'dW1'"):
        gradient_step(p, {}, 0.1)
    bad = {("d" + k): np.zeros((1, 1)) for k in p}
    with pytest.raises(ValueError,
                       match=r"grads\['dW1'\] has shape \(1, 1\), expected \(5, 2\)"):
        weight_decay_step(p, bad, 0.1, 1.0, 10)
    with pytest.raises(TypeError, match="grads must be a dict"):
        gradient_step(p, [1, 2], 0.1)
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        gradient_step(p, {("d" + k): v for k, v in p.items()}, 0.0)
    with pytest.raises(ValueError, match="same keys"):
        max_abs_difference(p, {"W1": p["W1"]})


# --------------------------------------------------------------------------- sweep
def test_sweep_shapes_and_effects(small_sweep):
    sw = small_sweep
    assert sw.train_acc.shape == (3, 2) and len(sw.params) == 3 and len(sw.params[0]) == 2
    assert np.all(sw.iterations == 1500)
    # a larger lambd gives smaller weights, and lambd = 30 underfits (or collapses) on every seed
    assert np.all(np.diff(sw.weight_norm, axis=0) < 0)
    mean_tr, _ = sw.mean_std("train_acc")
    assert np.isnan(mean_tr[2]) or mean_tr[2] < mean_tr[0]
    assert sw.best_lambd() in (0.0, 1.0, 30.0)


def test_sweep_networks_are_those_of_train(data):
    """Each (lambd, seed) network is train()'s, bit for bit, though all train in one stack;
    unregularized runs ignore rtol (they run every iteration), regularized ones stop once
    converged. On notebook 03's network seed 1 collapses: at lambd = 10 its weights decay
    until the penalty is below the data cost's round-off (cost == data_cost from its third
    record on), and it must still stop as a regularized run."""
    dims, lams, seeds = [2, 20, 3, 1], [0.0, 3.0, 10.0], [2, 1]
    sw = lambd_sweep(data, lams, seeds=seeds, layer_dims=dims, num_iterations=4000,
                     rtol=2e-3, record_every=1000)
    for i, lam in enumerate(lams):
        for j, seed in enumerate(seeds):
            cb = converged_callback(2e-3) if lam else None
            r = train(data.X_train, data.Y_train, dims, init="xavier", learning_rate=0.3,
                      num_iterations=4000, lambd=lam, record_every=1000, callback=cb, seed=seed)
            assert max_abs_difference(sw.params[i][j], r.params) == 0.0, (lam, seed)
            assert sw.iterations[i, j] == r.history.iterations[-1], (lam, seed)
    assert np.all(sw.iterations[0] == 4000) and np.all(sw.iterations[1:] < 4000)
    assert sw.collapsed[:, 1].all() and r.history.cost[-1] == r.history.data_cost[-1]


def test_sweep_stop_dead_stops_only_dead_unregularized_runs(data):
    """stop_dead: an unregularized run whose hidden layer has died (seed 1 of notebook 03's
    network, dead from iteration 60) stops at the next record, as train() with
    dead_layer_callback does; a healthy run and the regularized runs are unchanged."""
    dims, lams, seeds = [2, 20, 3, 1], [0.0, 3.0], [2, 1]
    kw = dict(seeds=seeds, layer_dims=dims, num_iterations=3000, rtol=2e-3, record_every=1000)
    on = lambd_sweep(data, lams, stop_dead=True, **kw)
    off = lambd_sweep(data, lams, **kw)
    assert on.iterations[0, 1] == 1000 and off.iterations[0, 1] == 3000
    assert on.collapsed[0, 1] and off.collapsed[0, 1] and on.settings["stop_dead"]
    for i in range(len(lams)):
        for j in range(len(seeds)):
            if (i, j) != (0, 1):
                assert max_abs_difference(on.params[i][j], off.params[i][j]) == 0.0
                assert on.iterations[i, j] == off.iterations[i, j]
    r = train(data.X_train, data.Y_train, dims, init="xavier", learning_rate=0.3,
              num_iterations=3000, record_every=1000, seed=1,
              callback=dead_layer_callback(data.X_train))
    assert max_abs_difference(on.params[0][1], r.params) == 0.0
    # the stopped network: its second hidden layer is 0 on every training example
    A2 = forward(data.X_train, r.params, "relu")[1][1].A
    assert not A2.any()
    # a fresh network is not dead
    assert not dead_layer_callback(data.X_train)(0, initialize_parameters(dims, "xavier", seed=1),
                                                 None)


def test_sweep_leaves_collapsed_runs_out(small_sweep, data):
    """A run that collapsed (metrics.is_collapsed) is left out of the means at its lambd only;
    paired changes use the seeds kept at both lambds."""
    sw = small_sweep
    expected = np.array([[is_collapsed(p, data.X_train, data.Y_train) for p in row]
                         for row in sw.params])
    assert np.array_equal(sw.collapsed, expected)
    saved = sw.collapsed.copy()
    try:
        sw.collapsed[:] = False
        sw.collapsed[0, 0] = True                  # seed 0 failed at lambd = 0 only
        mean, std = sw.mean_std("dev_acc")
        assert mean[0] == sw.dev_acc[0, 1] and std[0] == 0.0
        assert mean[1] == pytest.approx(sw.dev_acc[1].mean())
        assert sw.n_dropped == 1 and sw.kept.sum() == sw.collapsed.size - 1
        change = sw.paired_change("dev_acc", 1.0)
        assert change.shape == (1,) and change[0] == sw.dev_acc[1, 1] - sw.dev_acc[0, 1]
        sw.collapsed[1, :] = True                  # every run of lambd = 1 failed
        mean, _ = sw.mean_std("train_acc")
        assert np.isnan(mean[1]) and not np.isnan(mean[2])
    finally:
        sw.collapsed[:] = saved


def test_sweep_index_and_tables(small_sweep):
    sw = small_sweep
    assert sw.index(1.0) == 1 and sw.index(0) == 0
    with pytest.raises(ValueError, match="lambd = 0.5 is not in the sweep"):
        sw.index(0.5)
    table = format_sweep_table(sw).splitlines()
    assert len(table) == 4 and table[0].startswith("lambd |")
    assert sum("<- lowest dev error" in line for line in table) == 1
    mean, std = sw.mean_std("dev_acc")
    i = sw.index(sw.best_lambd())
    assert f"{100 * (1 - mean[i]):5.1f} ± {100 * std[i]:3.1f}" in table[i + 1]
    ref = format_reference_table(sw, {0.0: (94.8, 91.5), 1.0: (93.8, 93.0)}, extra=[30.0])
    lines = ref.splitlines()
    assert len(lines) == 4 and "94.8%" in lines[1] and "lambd = 30" in lines[3]
    assert COURSE_REFERENCE == {0.0: (94.8, 91.5), 0.7: (93.8, 93.0)}


def test_below():
    assert below(3e-17, 1e-12) == "below 1e-12" and below(0.0, 1e-12) == "below 1e-12"
    assert below(2.5e-9, 1e-12) == "2.5e-09"


def test_sweep_bad_inputs(data, small_sweep):
    with pytest.raises(ValueError, match="lambds must hold at least one value"):
        lambd_sweep(data, [])
    with pytest.raises(ValueError, match="lambd must be a finite number >= 0"):
        lambd_sweep(data, [-1.0])
    with pytest.raises(ValueError, match="seeds must hold at least one seed"):
        lambd_sweep(data, [0.0], seeds=[])
    with pytest.raises(ValueError, match="seed must be an integer >= 0, got -1"):
        lambd_sweep(data, [0.0], seeds=[-1])
    with pytest.raises(ValueError, match="Unknown metric 'acc'"):
        small_sweep.mean_std("acc")


def test_converged_callback_rule():
    cb = converged_callback(1e-3)

    class H:
        cost = [1.0]
    assert not cb(0, None, H)
    H.cost = [1.0, 0.9995]
    assert cb(1, None, H)
    H.cost = [1.0, 0.99]
    assert not cb(1, None, H)
    with pytest.raises(ValueError, match="rtol must be a finite number > 0"):
        converged_callback(0.0)


# --------------------------------------------------------------------------- measures
def test_near_zero_share():
    p = {"W1": np.array([[0.0, 0.005], [0.5, -0.001]]), "b1": np.zeros((2, 1)),
         "W2": np.array([[2.0, 0.02]]), "b2": np.zeros((1, 1))}
    assert near_zero_share(p, 1e-2) == pytest.approx(3 / 6)
    with pytest.raises(ValueError, match="tol must be a finite number > 0"):
        near_zero_share(p, 0)


def test_linear_regime_share_scales_with_weights():
    X = np.random.default_rng(1).uniform(-1, 1, (2, 100))
    p = _params(2)
    for k in p:
        if k.startswith("b"):
            p[k][:] = 0.0
    small = {k: v * 0.01 for k, v in p.items()}
    big = {k: v * 100 for k, v in p.items()}
    assert linear_regime_share(X, small) == 1.0
    assert linear_regime_share(X, big) < 0.1
    with pytest.raises(ValueError, match="no hidden layer"):
        linear_regime_share(X, {"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))})
    with pytest.raises(ValueError, match="threshold must be a finite number > 0"):
        linear_regime_share(X, p, threshold=-1)


def _line_params(offset=0.0):
    """A linear network with the boundary x2 = x1 + offset (identity hidden layer)."""
    return {"W1": np.array([[-1.0, 1.0]]), "b1": np.array([[-offset]]),
            "W2": np.array([[1.0]]), "b2": np.zeros((1, 1))}


def test_boundary_length_of_a_straight_diagonal():
    X = np.array([[-1.0, 1.0], [-1.0, 1.0]])  # box [-1.25, 1.25]^2 with the default margin
    L = boundary_length(_line_params(), X, "linear", resolution=400)
    assert L == pytest.approx(2.5 * np.sqrt(2), rel=0.02)
    # a closed circle of radius 0.5 (an "island"): length 2 pi r
    circle = {"W1": np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]]),
              "b1": np.zeros((4, 1)), "W2": np.array([[1.0, 1.0, 1.0, 1.0]]),
              "b2": np.array([[0.0]])}
    # relu(x)+relu(y)+relu(-x)+relu(-y) = |x|+|y|: a diamond |x|+|y| = 0.5, perimeter 4*sqrt(0.5)
    circle["b2"] = np.array([[-0.5]])
    assert boundary_length(circle, X, "relu", resolution=400) == pytest.approx(
        4 * np.sqrt(0.5), rel=0.05)
    none = _line_params(10.0)
    assert boundary_length(none, X, "linear") == 0.0


def test_linear_fit_r2_and_disagreement():
    X = np.array([[-1.0, 1.0], [-1.0, 1.0]])
    assert linear_fit_r2(_line_params(), X, "linear") == pytest.approx(1.0)
    bent = {"W1": np.array([[1.0, 0.0], [-1.0, 0.0]]), "b1": np.zeros((2, 1)),
            "W2": np.array([[1.0, 1.0]]), "b2": np.array([[-0.5]])}  # |x1| - 0.5
    assert linear_fit_r2(bent, X, "relu") < 0.2
    assert grid_disagreement(_line_params(), _line_params(), X, "linear") == 0.0
    d = grid_disagreement(_line_params(0.0), _line_params(0.5), X, "linear")
    assert 0.05 < d < 0.25
    with pytest.raises(ValueError, match="X must have shape \\(2, m\\)"):
        boundary_length(_line_params(), np.zeros((3, 5)), "linear")
    with pytest.raises(ValueError, match="resolution must be at least 3"):
        linear_fit_r2(_line_params(), X, "linear", resolution=2)
    with pytest.raises(ValueError, match="Unknown hidden_activation 'selu'. Valid names"):
        grid_disagreement(_line_params(), _line_params(), X, "selu")


def test_monotonicity():
    r = monotonicity([3.0, 2.0, 2.5, 1.0, 1.0])
    assert r == {"n_steps": 4, "n_increases": 1, "share_decreasing": 0.75, "max_increase": 0.5}
    assert monotonicity([2.0, 1.0])["n_increases"] == 0
    with pytest.raises(ValueError, match="at least 2 points"):
        monotonicity([1.0])
    with pytest.raises(ValueError, match="values must be a 1-D array"):
        monotonicity(np.ones((2, 2)))


# --------------------------------------------------------------------------- plots
def test_plots_return_axes_with_labels(small_sweep):
    fig = Figure()
    ax = l2plots.plot_validation_curve(small_sweep, ax=fig.add_subplot(), chosen=1.0, current=0.3,
                                       show_test=True)
    assert ax.get_title() and "lambda" in ax.get_xlabel() and ax.get_ylabel() == "error (%)"
    assert ax.get_xscale() == "log" and ax.get_xticklabels()[0].get_text() == "0"
    assert len(ax.get_legend().get_texts()) == 5
    ax2 = l2plots.plot_vs_lambd([0, 0.1, 1], [1, 2, 3], [0.1, 0.1, 0.1], ax=Figure().add_subplot(),
                                label="x", ylabel="y", title="t")
    assert ax2.get_title() == "t" and ax2.get_ylabel() == "y"
    rng = np.random.default_rng(0)
    ax3 = l2plots.plot_weight_histograms(np.r_[np.zeros(50), rng.normal(size=10)],
                                         rng.normal(size=60), ax=Figure().add_subplot())
    texts = [t.get_text() for t in ax3.get_legend().get_texts()]
    assert any("83% near zero" in t for t in texts) and ax3.get_xlabel()
    ax4 = l2plots.plot_reference(small_sweep, {0.0: (94.8, 91.5), 1.0: (93.8, 93.0)},
                                 ax=Figure().add_subplot())
    assert ax4.get_title() and ax4.get_ylabel() == "accuracy (%)"
    assert [t.get_text() for t in ax4.get_xticklabels()] == ["train", "dev", "test"] * 2
    legend = [t.get_text() for t in ax4.get_legend().get_texts()]
    assert "course assignment (one run)" in legend and len(legend) == 4


def test_plot_cost_terms_and_boundary(data):
    r = train(data.X_train, data.Y_train, DIMS, num_iterations=50, lambd=1.0, record_every=10)
    ax = l2plots.plot_cost_terms(r.history, ax=Figure().add_subplot())
    assert len(ax.get_lines()) == 3 and ax.get_yscale() == "log" and ax.get_title()
    ax2 = plot_boundary_image(r.params, data.X_train, data.Y_train, ax=Figure().add_subplot(),
                              title="b")
    assert ax2.get_title() == "b" and len(ax2.get_images()) == 1


def test_lambd_positions():
    np.testing.assert_allclose(l2plots.lambd_positions([0, 0.1, 1]), [0.01, 0.1, 1])
    with pytest.raises(ValueError, match="lambds must be a non-empty 1-D array"):
        l2plots.lambd_positions([-1])
