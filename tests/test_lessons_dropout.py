"""course_utils.lessons.dropout (numeric helpers of notebook 04) and course_utils.plots.dropout."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_utils.initializers import initialize_parameters
from course_utils.lessons import dropout as dr
from course_utils.lessons import dropout_experiments as dx
from course_utils.metrics import is_collapsed
from course_utils.nn import dropout_forward, forward_unchecked
from course_utils.train import sgd_step, train


@pytest.fixture(scope="module")
def data():
    g = np.random.default_rng(0)
    X = g.uniform(-1, 1, size=(2, 120))
    Y = ((X[1] - X[0] + 0.2 * g.standard_normal(120)) > 0).astype(float).reshape(1, -1)
    return X[:, :80], Y[:, :80], X[:, 80:], Y[:, 80:]


# --------------------------------------------------------------------------- one layer
def test_apply_dropout_is_gone_the_core_has_the_one_dropout():
    # one public dropout function: course_utils.nn.dropout_forward
    assert not hasattr(dr, "apply_dropout")
    A = np.arange(12.0).reshape(3, 4)
    d = np.random.default_rng(5).random(A.shape) < 0.6
    out, cache = dropout_forward(A, 0.6, seed=5)
    assert np.array_equal(cache.mask, d) and np.array_equal(out, A * d / 0.6)


def test_expected_activation_inverted_keeps_the_mean():
    A = np.abs(np.random.default_rng(0).standard_normal((20, 100)))
    r = dr.expected_activation(A, 0.6, n_draws=400, seed=0)
    assert abs(r["inverted_ratio"] - 1) < 0.01
    assert abs(r["plain_ratio"] - 0.6) < 0.01
    assert r["inverted"] == pytest.approx(r["plain"] / 0.6)


def test_expected_activation_bad_draws():
    with pytest.raises(ValueError, match="n_draws must be a positive integer"):
        dr.expected_activation(np.ones((2, 2)), 0.5, n_draws=0)


# --------------------------------------------------------------------------- training
def _one_network(X, Y, dims, keep_probs, policy, seed, lr=0.3, n_it=200, lambd=0.0):
    """The single-network loop train_dropout batches: train's forward and sgd_step with masks."""
    gen = np.random.default_rng(seed)
    params = initialize_parameters(dims, "he", rng=gen)
    kp = [keep_probs] * (len(dims) - 2) if np.isscalar(keep_probs) else list(keep_probs)

    def draw():
        return [gen.random((params[f"W{l}"].shape[0], X.shape[1])) < kp[l - 1]
                if kp[l - 1] < 1.0 else None for l in range(1, len(dims) - 1)]

    scale = [1.0] * len(kp) if policy == "plain" else kp
    fixed = draw() if policy == "fixed" else None
    for _ in range(n_it):
        AL, caches = forward_unchecked(X, params, "relu", "sigmoid", scale, None,
                                       fixed if fixed is not None else draw())
        sgd_step(AL, Y, caches, params, "relu", lr, lambd)
    return params


@pytest.mark.parametrize("policy", ["plain", "fixed"])
def test_batched_policies_equal_one_network_at_a_time_bit_for_bit(data, policy):
    X, Y, _, _ = data
    runs = dr.train_dropout(X, Y, [2, 6, 3, 1], [0.7, 1.0], policy=policy, seeds=[3, 0, 5],
                            num_iterations=150, lambd=0.2)
    assert [r.seed for r in runs] == [3, 0, 5] and all(r.policy == policy for r in runs)
    for r in runs:
        ref = _one_network(X, Y, [2, 6, 3, 1], [0.7, 1.0], policy, r.seed, n_it=150, lambd=0.2)
        assert all(np.array_equal(ref[k], r.params[k]) for k in ref), (policy, r.seed)


def test_inverted_policy_equals_core_train_bit_for_bit(data):
    X, Y, _, _ = data
    runs = dr.train_dropout(X, Y, [2, 6, 3, 1], [0.7, 0.9], num_iterations=300, record_every=50,
                            seeds=[4, 1])
    for run in runs:
        ref = train(X, Y, [2, 6, 3, 1], learning_rate=0.3, num_iterations=300,
                    keep_probs=[0.7, 0.9], record_every=50, seed=run.seed)
        for k in ref.params:
            assert np.array_equal(ref.params[k], run.params[k]), k
        assert run.iterations == ref.history.iterations
        assert np.array_equal(run.cost, ref.history.data_cost)


def test_core_equality_also_with_a_layer_at_keep_prob_one_and_l2(data):
    X, Y, _, _ = data
    ref = train(X, Y, [2, 6, 3, 1], learning_rate=0.3, num_iterations=200, lambd=0.5,
                keep_probs=[1.0, 0.6], seed=2)
    run, = dr.train_dropout(X, Y, [2, 6, 3, 1], [1.0, 0.6], num_iterations=200, lambd=0.5,
                            seeds=2)
    assert all(np.array_equal(ref.params[k], run.params[k]) for k in ref.params)


def test_no_dropout_is_deterministic_gradient_descent(data):
    X, Y, _, _ = data
    ref = train(X, Y, [2, 5, 1], learning_rate=0.3, num_iterations=100, init="xavier", seed=1)
    run, = dr.train_dropout(X, Y, [2, 5, 1], None, num_iterations=100, init="xavier", seeds=[1])
    assert all(np.array_equal(ref.params[k], run.params[k]) for k in ref.params)


def test_policies_differ_and_fixed_masks_repeat(data):
    X, Y, _, _ = data
    runs = {p: dr.train_dropout(X, Y, [2, 6, 3, 1], 0.5, policy=p, num_iterations=200)[0]
            for p in dr.MASK_POLICIES}
    assert not np.allclose(runs["inverted"].params["W2"], runs["plain"].params["W2"])
    assert not np.allclose(runs["inverted"].params["W2"], runs["fixed"].params["W2"])
    # with fixed masks the dropped-out cost is a deterministic function of the parameters:
    # gradient descent on it decreases it (almost) monotonically at a small learning rate
    fixed, fresh = (dr.train_dropout(X, Y, [2, 6, 3, 1], 0.5, policy=p, learning_rate=0.05,
                                     num_iterations=400, record_every=10)[0]
                    for p in ("fixed", "inverted"))
    assert dx.increasing_step_share(fixed.cost) == 0.0
    assert dx.increasing_step_share(fresh.cost) > 0.2


def test_same_seed_same_result_whatever_the_company(data):
    X, Y, _, _ = data
    a, = dr.train_dropout(X, Y, [2, 6, 1], 0.8, num_iterations=50, seeds=3)
    b = dr.train_dropout(X, Y, [2, 6, 1], 0.8, num_iterations=50, seeds=range(5))[3]
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)


def test_train_dropout_bad_inputs(data):
    X, Y, _, _ = data
    with pytest.raises(ValueError, match="Unknown policy 'random'. Valid names: 'inverted'"):
        dr.train_dropout(X, Y, [2, 4, 1], 0.5, policy="random")
    # the same message as train(): the shared check_train_args
    with pytest.raises(ValueError, match=r"Y has 1 rows but the output layer has 2 units"):
        dr.train_dropout(X, Y, [2, 4, 2], 0.5)
    with pytest.raises(ValueError, match="not a drop rate"):
        dr.train_dropout(X, Y, [2, 4, 1], 1.5)
    with pytest.raises(ValueError, match="use X.T"):
        dr.train_dropout(X.T, Y, [2, 4, 1], 0.5)
    with pytest.raises(ValueError, match="Y.reshape\\(1, -1\\)"):
        dr.train_dropout(X, Y.ravel(), [2, 4, 1], 0.5)
    for bad in (-1, [0, -2], [True], "0"):
        with pytest.raises(ValueError, match="seeds must be a non-negative integer"):
            dr.train_dropout(X, Y, [2, 4, 1], 0.5, seeds=bad)
    with pytest.raises(ValueError, match="seeds is empty"):
        dr.train_dropout(X, Y, [2, 4, 1], 0.5, seeds=[])


# --------------------------------------------------------------------------- test time
def test_predict_modes(data):
    X, Y, Xd, Yd = data
    run, = dr.train_dropout(X, Y, [2, 8, 4, 1], [0.6, 0.8], num_iterations=300)
    p = dr.predict_with(Xd, run.params)
    assert p.shape == (1, Xd.shape[1])
    a1 = dr.predict_with(Xd, run.params, "dropout_on", [0.6, 0.8], seed=1)
    a2 = dr.predict_with(Xd, run.params, "dropout_on", [0.6, 0.8], seed=2)
    assert not np.allclose(a1, a2)  # random predictions
    s = dr.predict_with(Xd, run.params, "scale_by_keep_prob", [1.0, 1.0])
    assert np.allclose(s, p)  # keep_prob 1: scaling changes nothing
    # scaling by keep_prob = multiplying the next weight matrices by keep_prob
    P2 = dict(run.params)
    P2["W2"] = run.params["W2"] * 0.6
    P2["W3"] = run.params["W3"] * 0.8
    assert np.allclose(dr.predict_with(Xd, run.params, "scale_by_keep_prob", [0.6, 0.8]),
                       dr.predict_with(Xd, P2))


def test_predict_modes_bad_inputs(data):
    X, Y, _, _ = data
    run, = dr.train_dropout(X, Y, [2, 4, 1], 0.5, num_iterations=5)
    with pytest.raises(ValueError, match="needs the training keep_probs"):
        dr.predict_with(X, run.params, "dropout_on")
    with pytest.raises(ValueError, match="Unknown mode 'test'. Valid names"):
        dr.predict_with(X, run.params, "test", 0.5)


def test_prediction_instability(data):
    X, Y, Xd, Yd = data
    run, = dr.train_dropout(X, Y, [2, 16, 1], 0.5, num_iterations=300)
    r = dr.prediction_instability(Xd, Yd, run.params, 0.5, n_calls=10, seed=0)
    assert r["flip_rate"] > 0.0 and r["acc_std"] > 0.0
    stable = dr.prediction_instability(Xd, Yd, run.params, 1.0, n_calls=3, seed=0)
    assert stable["flip_rate"] == 0.0 and stable["acc_mean"] == stable["acc_correct"]
    with pytest.raises(ValueError, match="n_calls must be at least 2"):
        dr.prediction_instability(Xd, Yd, run.params, 0.5, n_calls=1)


# --------------------------------------------------------------------------- measures
def test_largest_incoming_share():
    W = np.array([[3.0, 4.0], [1.0, 1.0], [0.0, 0.0]])
    s = dx.largest_incoming_share(W)
    assert s[0] == pytest.approx(16 / 25) and s[1] == pytest.approx(0.5) and np.isnan(s[2])
    with pytest.raises(ValueError, match="W must be a 2-D array"):
        dx.largest_incoming_share(np.ones(3))


def test_weight_spread():
    params = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1)),
              "W2": np.array([[2.0, 0.0]]), "b2": np.zeros((1, 1))}
    r = dx.weight_spread(params)
    assert r == {"norm2": 8.0, "norm2_layer": 4.0, "max_share": 1.0}
    assert dx.weight_spread(params, layer=1)["max_share"] == 0.5
    with pytest.raises(ValueError, match="layer must be an integer from 1 to 2"):
        dx.weight_spread(params, layer=3)


def test_increasing_step_share():
    assert dx.increasing_step_share([3, 2, 1]) == 0.0
    assert dx.increasing_step_share([1, 2, 1, 2, 1]) == 0.5
    with pytest.raises(ValueError, match="at least 2 values"):
        dx.increasing_step_share([1.0])


def test_run_experiment_and_table(data):
    X, Y, Xd, Yd = data
    res = dx.run_experiment(X, Y, {"none": {}, "kp": {"keep_probs": 0.5}}, [0, 1], Xd, Yd,
                            layer_dims=[2, 8, 1], num_iterations=100)
    assert list(res) == ["none", "kp"] and len(res["kp"]) == 2
    row = res["kp"][0]
    assert 0 <= row["train"] <= 1 and 0 <= row["dev"] <= 1 and np.isnan(row["test"])
    m, s = dx.mean_std(res["kp"], "dev")
    assert m == pytest.approx(np.mean([r["dev"] for r in res["kp"]]))
    table = dx.format_table(res, ("train", "dev"))
    assert table.splitlines()[1].startswith("none") and "±" in table and "/2" in table
    assert "failed runs" in table.splitlines()[0]


def test_run_experiment_runs_are_those_of_train_and_train_dropout(data):
    X, Y, Xd, Yd = data
    cfgs = {"l2": {"lambd": 0.5}, "plain": {"keep_probs": [0.6, 1.0], "policy": "plain"},
            "kp": {"keep_probs": [0.6, 1.0]}, "fixed": {"keep_probs": 0.7, "policy": "fixed"}}
    res = dx.run_experiment(X, Y, cfgs, [2, 0], Xd, Yd, Xd, Yd, layer_dims=[2, 6, 3, 1],
                            init="xavier", num_iterations=120, record_every=40)
    assert list(res) == list(cfgs) and [r["seed"] for r in res["fixed"]] == [2, 0]
    for name, kw in (("l2", {"lambd": 0.5}), ("kp", {"keep_probs": [0.6, 1.0]})):
        for row in res[name]:
            ref = train(X, Y, [2, 6, 3, 1], init="xavier", learning_rate=0.3, num_iterations=120,
                        record_every=40, seed=row["seed"], **kw)
            assert all(np.array_equal(ref.params[k], row["params"][k]) for k in ref.params)
            assert np.array_equal(row["cost"], ref.history.cost)
            assert list(row["iterations"]) == [0, 40, 80, 120]
    for name in ("plain", "fixed"):
        runs = dr.train_dropout(X, Y, [2, 6, 3, 1], cfgs[name]["keep_probs"], policy=name,
                                seeds=[2, 0], init="xavier", num_iterations=120, record_every=40)
        for row, run in zip(res[name], runs):
            assert all(np.array_equal(run.params[k], row["params"][k]) for k in run.params)
    row = res["kp"][1]
    assert row["test"] == row["dev"] and row["collapsed"] == is_collapsed(row["params"], X, Y)
    assert set(row) >= {"norm2", "norm2_layer", "max_share", "weighted_norm2"}


def test_run_experiment_bad_inputs(data):
    X, Y, _, _ = data
    with pytest.raises(TypeError, match="configs must be a non-empty dict"):
        dx.run_experiment(X, Y, {}, [0])
    with pytest.raises(ValueError, match="seeds is empty"):
        dx.run_experiment(X, Y, {"a": {}}, [])
    with pytest.raises(TypeError, match="configs\\['a'\\] must be a dict"):
        dx.run_experiment(X, Y, {"a": 0.5}, [0])
    with pytest.raises(ValueError, match="unknown setting\\(s\\) \\['keep_prob'\\]"):
        dx.run_experiment(X, Y, {"a": {"keep_prob": 0.5}}, [0])
    with pytest.raises(ValueError, match="Unknown policy 'fresh'"):
        dx.run_experiment(X, Y, {"a": {"policy": "fresh"}}, [0])


def _row(seed, dev, collapsed=False):
    return {"seed": seed, "dev": dev, "collapsed": collapsed}


def test_mean_std_and_paired_differences_leave_out_failed_runs():
    a = [_row(0, 0.80), _row(1, 0.50, True), _row(2, 0.90)]
    b = [_row(0, 0.85), _row(1, 0.88), _row(2, 0.80, True)]
    assert dx.mean_std(a, "dev") == pytest.approx((0.85, 0.05))
    assert dx.mean_std(a, "dev", skip_collapsed=False)[0] == pytest.approx(2.2 / 3)
    assert dx.mean_std([_row(0, 0.5, True)], "dev")[0] != dx.mean_std([_row(0, 0.5, True)],
                                                                       "dev")[0]  # NaN
    assert dx.paired_differences(a, b, "dev") == pytest.approx([0.05])  # only seed 0 pairs


def test_standard_error_matches_the_textbook_formula():
    import statistics
    d = [0.02, -0.01, 0.04, 0.03, 0.00]
    assert dx.standard_error(d) == pytest.approx(statistics.stdev(d) / 5 ** 0.5, rel=1e-12)
    assert dx.standard_error(np.array([1.0, 1.0, 1.0])) == 0.0


@pytest.mark.parametrize("bad", [[0.1], [], [[0.1, 0.2], [0.3, 0.4]]])
def test_standard_error_needs_a_1d_array_of_two_or_more(bad):
    with pytest.raises(ValueError, match="d must be a 1-D array of at least 2 numbers"):
        dx.standard_error(bad)


def test_smooth_boundary_accuracy():
    from course_utils.data import make_diagonal_regions
    X, Y = make_diagonal_regions(400, pocket_share=0.0, noise=0.0, seed=3)
    assert dx.smooth_boundary_accuracy(X, Y) == 1.0
    Xn, Yn = make_diagonal_regions(2000, seed=3)  # 15% in pockets, 40% of those flipped
    assert 0.9 < dx.smooth_boundary_accuracy(Xn, Yn) < 0.97
    with pytest.raises(ValueError, match="use X.T"):
        dx.smooth_boundary_accuracy(X.T, Y)


# --------------------------------------------------------------------------- plots
def test_plots_have_titles_and_labels(data):
    from course_utils.plots import dropout as pl

    A = np.abs(np.random.default_rng(0).standard_normal((6, 10)))
    A_drop, cache = dropout_forward(A, 0.5, seed=0)
    mask = cache.mask
    fig = Figure(figsize=(9, 3))
    axes = pl.plot_mask(A, mask, A_drop, 0.5, axes=fig.subplots(1, 3))
    assert all(ax.get_title() and ax.get_xlabel() for ax in axes)
    assert "kept" in axes[1].get_title()
    ax = pl.plot_expected_activation([0.5, 1.0], [1.0, 1.0], [0.5, 1.0], ax=Figure().subplots())
    assert ax.get_title() and len(ax.get_legend().get_texts()) == 3
    ax = pl.plot_test_time(["a", "b"], [0.9, 0.8], [0.01, 0.02], [np.nan, 0.1],
                           ax=Figure().subplots())
    assert ax.get_ylabel() == "dev accuracy (%)" and any("flip" in t.get_text()
                                                        for t in ax.texts)
    axes = pl.plot_weight_spread([1.0, 0.5], {"norm2": ([10, 5], [1, 1]),
                                              "max_share": ([0.5, 0.3], [0.1, 0.1])},
                                 ref={"L2": {"norm2": 4.0, "max_share": 0.4}},
                                 axes=Figure().subplots(1, 2))
    assert all(ax.get_title() and ax.get_legend() and ax.get_ylabel() for ax in axes)
    assert axes[0].get_title() == "Squared weight norm" and axes[0].xaxis_inverted()
    with pytest.raises(ValueError, match="Unknown measure\\(s\\) \\['norm'\\]"):
        pl.plot_weight_spread([1.0], {"norm": ([1], [0])})
    ax = pl.plot_noisy_cost({"a": ([0, 1, 2], [1, 0.5, 0.4]), "b": ([0, 1, 2], [1, 0.6, 0.7])},
                            ax=Figure().subplots())
    assert ax.get_yscale() == "log" and len(ax.get_lines()) == 2


def test_weighted_norm_matches_its_formula():
    g = np.random.default_rng(0)
    params = {"W1": g.standard_normal((4, 2)), "b1": g.standard_normal((4, 1)),
              "W2": g.standard_normal((1, 4)), "b2": np.zeros((1, 1))}
    X = g.standard_normal((2, 30))
    A1 = np.maximum(0, params["W1"] @ X + params["b1"])
    expected = float(np.sum(params["W2"] ** 2 * np.mean(A1 ** 2, axis=1)))
    assert dx.weight_spread(params, X=X)["weighted_norm2"] == pytest.approx(expected)
    w1 = float(np.sum(params["W1"] ** 2 * np.mean(X ** 2, axis=1)))
    assert dx.weight_spread(params, layer=1, X=X)["weighted_norm2"] == pytest.approx(w1)
    with pytest.raises(ValueError, match="use X.T"):
        dx.weight_spread(params, X=X.T)


def test_increasing_step_share_ignores_round_off_on_a_plateau():
    flat = 0.693 + np.array([0.0, 1e-15, 0.0, 2e-15])
    assert dx.increasing_step_share(flat) == 0.0
    assert dx.increasing_step_share(flat, rtol=0.0) > 0


def test_alive_units_and_rescale_layer():
    params = {"W1": np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]), "b1": np.zeros((3, 1)),
              "W2": np.array([[1.0, 2.0, 3.0]]), "b2": np.array([[0.5]])}
    X = np.array([[1.0, 2.0], [1.0, 0.5]])          # unit 3 is negative on both columns: dead
    assert dx.alive_units(params, X, layer=1) == 2
    q = dx.rescale_layer(params, 1, 2.5)
    assert np.allclose(forward_unchecked(X, q, "relu", "sigmoid")[0],
                       forward_unchecked(X, params, "relu", "sigmoid")[0], rtol=0, atol=1e-15)
    assert np.array_equal(q["b1"], params["b1"] * 2.5) and params["W1"][0, 0] == 1.0  # a copy
    assert dx.weight_spread(q, X=X)["weighted_norm2"] == pytest.approx(
        dx.weight_spread(params, X=X)["weighted_norm2"], rel=1e-12)
    # scaling W1 without b1 changes the function as soon as b1 is not zero
    params["b1"] = np.array([[0.3], [0.2], [-0.1]])
    wrong = dict(params, W1=params["W1"] * 2.5, W2=params["W2"] / 2.5)
    assert not np.allclose(forward_unchecked(X, wrong, "relu", "sigmoid")[0],
                           forward_unchecked(X, params, "relu", "sigmoid")[0])
    with pytest.raises(ValueError, match="layer must be a hidden layer"):
        dx.alive_units(params, X, layer=2)
    with pytest.raises(ValueError, match="c must be a positive number"):
        dx.rescale_layer(params, 1, -1.0)
    with pytest.raises(ValueError, match="layer must be a hidden layer"):
        dx.rescale_layer(params, 0, 2.0)
