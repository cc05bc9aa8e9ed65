"""course_utils.lessons.dropout (numeric helpers of notebook 04) and course_utils.plots.dropout."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_utils.lessons import dropout as dr
from course_utils.lessons import dropout_experiments as dx
from course_utils.train import train


@pytest.fixture(scope="module")
def data():
    g = np.random.default_rng(0)
    X = g.uniform(-1, 1, size=(2, 120))
    Y = ((X[1] - X[0] + 0.2 * g.standard_normal(120)) > 0).astype(float).reshape(1, -1)
    return X[:, :80], Y[:, :80], X[:, 80:], Y[:, 80:]


# --------------------------------------------------------------------------- one layer
def test_apply_dropout_mask_share_and_scaling():
    A = np.ones((50, 400))
    A_drop, mask = dr.apply_dropout(A, 0.7, seed=1)
    assert mask.dtype == bool and mask.shape == A.shape
    assert abs(mask.mean() - 0.7) < 0.01
    assert np.allclose(A_drop[mask], 1 / 0.7) and np.all(A_drop[~mask] == 0)
    plain, mask2 = dr.apply_dropout(A, 0.7, seed=1, scale=False)
    assert np.array_equal(mask, mask2) and np.allclose(plain[mask], 1.0)


def test_apply_dropout_is_the_lecture_recipe():
    A = np.arange(12.0).reshape(3, 4)
    rng = np.random.default_rng(5)
    d = rng.random(A.shape) < 0.6
    out, mask = dr.apply_dropout(A, 0.6, seed=5)
    assert np.array_equal(mask, d) and np.allclose(out, A * d / 0.6)


def test_keep_prob_one_keeps_everything():
    A = np.random.default_rng(0).random((4, 5))
    out, mask = dr.apply_dropout(A, 1.0, seed=0)
    assert mask.all() and np.array_equal(out, A)


@pytest.mark.parametrize("kp, match", [(0.0, "probability of KEEPING"), (1.5, r"in \[0, 1\]"),
                                       (-0.1, r"in \[0, 1\]")])
def test_apply_dropout_rejects_bad_keep_prob(kp, match):
    with pytest.raises(ValueError, match=match):
        dr.apply_dropout(np.ones((2, 2)), kp)


def test_apply_dropout_rejects_non_numeric():
    with pytest.raises(TypeError, match="A must be a numeric array"):
        dr.apply_dropout("abc", 0.5)
    with pytest.raises(TypeError, match="keep_prob must be a number"):
        dr.apply_dropout(np.ones((2, 2)), "0.5")


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
def test_inverted_policy_equals_core_train_bit_for_bit(data):
    X, Y, _, _ = data
    ref = train(X, Y, [2, 6, 3, 1], learning_rate=0.3, num_iterations=300,
                keep_probs=[0.7, 0.9], record_every=50, seed=4)
    run = dr.train_dropout(X, Y, [2, 6, 3, 1], [0.7, 0.9], num_iterations=300, record_every=50,
                           seed=4)
    for k in ref.params:
        assert np.array_equal(ref.params[k], run.params[k]), k
    assert run.iterations == ref.history.iterations
    assert np.allclose(run.cost, ref.history.data_cost)


def test_core_equality_also_with_a_layer_at_keep_prob_one_and_l2(data):
    X, Y, _, _ = data
    ref = train(X, Y, [2, 6, 3, 1], learning_rate=0.3, num_iterations=200, lambd=0.5,
                keep_probs=[1.0, 0.6], seed=2)
    run = dr.train_dropout(X, Y, [2, 6, 3, 1], [1.0, 0.6], num_iterations=200, lambd=0.5, seed=2)
    assert all(np.array_equal(ref.params[k], run.params[k]) for k in ref.params)


def test_no_dropout_is_deterministic_gradient_descent(data):
    X, Y, _, _ = data
    ref = train(X, Y, [2, 5, 1], learning_rate=0.3, num_iterations=100, seed=1)
    run = dr.train_dropout(X, Y, [2, 5, 1], None, num_iterations=100, seed=1)
    assert all(np.array_equal(ref.params[k], run.params[k]) for k in ref.params)


def test_policies_differ_and_fixed_masks_repeat(data):
    X, Y, _, _ = data
    runs = {p: dr.train_dropout(X, Y, [2, 6, 3, 1], 0.5, policy=p, num_iterations=200, seed=0)
            for p in dr.MASK_POLICIES}
    assert not np.allclose(runs["inverted"].params["W2"], runs["plain"].params["W2"])
    assert not np.allclose(runs["inverted"].params["W2"], runs["fixed"].params["W2"])
    # with fixed masks the dropped-out cost is a deterministic function of the parameters:
    # gradient descent on it decreases it (almost) monotonically at a small learning rate
    fixed = dr.train_dropout(X, Y, [2, 6, 3, 1], 0.5, policy="fixed", learning_rate=0.05,
                             num_iterations=400, record_every=10, seed=0)
    fresh = dr.train_dropout(X, Y, [2, 6, 3, 1], 0.5, policy="inverted", learning_rate=0.05,
                             num_iterations=400, record_every=10, seed=0)
    assert dx.increasing_step_share(fixed.cost) == 0.0
    assert dx.increasing_step_share(fresh.cost) > 0.2


def test_same_seed_same_result(data):
    X, Y, _, _ = data
    a = dr.train_dropout(X, Y, [2, 6, 1], 0.8, num_iterations=50, seed=3)
    b = dr.train_dropout(X, Y, [2, 6, 1], 0.8, num_iterations=50, seed=3)
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


# --------------------------------------------------------------------------- test time
def test_predict_modes(data):
    X, Y, Xd, Yd = data
    run = dr.train_dropout(X, Y, [2, 8, 4, 1], [0.6, 0.8], num_iterations=300, seed=0)
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
    run = dr.train_dropout(X, Y, [2, 4, 1], 0.5, num_iterations=5, seed=0)
    with pytest.raises(ValueError, match="needs the training keep_probs"):
        dr.predict_with(X, run.params, "dropout_on")
    with pytest.raises(ValueError, match="Unknown mode 'test'. Valid names"):
        dr.predict_with(X, run.params, "test", 0.5)


def test_prediction_instability(data):
    X, Y, Xd, Yd = data
    run = dr.train_dropout(X, Y, [2, 16, 1], 0.5, num_iterations=300, seed=0)
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
    assert set(res) == {"none", "kp"} and len(res["kp"]) == 2
    row = res["kp"][0]
    assert 0 <= row["train"] <= 1 and 0 <= row["dev"] <= 1 and np.isnan(row["test"])
    m, s = dx.mean_std(res["kp"], "dev")
    assert m == pytest.approx(np.mean([r["dev"] for r in res["kp"]]))
    table = dx.format_table(res, ("train", "dev"))
    assert table.splitlines()[1].startswith("none") and "±" in table and "/2" in table
    with pytest.raises(TypeError, match="configs must be a non-empty dict"):
        dx.run_experiment(X, Y, {}, [0])
    with pytest.raises(ValueError, match="seeds is empty"):
        dx.run_experiment(X, Y, {"a": {}}, [])
    with pytest.raises(TypeError, match="configs\\['a'\\] must be a dict"):
        dx.run_experiment(X, Y, {"a": 0.5}, [0])


# --------------------------------------------------------------------------- plots
def test_plots_have_titles_and_labels(data):
    from course_utils.plots import dropout as pl

    A = np.abs(np.random.default_rng(0).standard_normal((6, 10)))
    A_drop, mask = dr.apply_dropout(A, 0.5, seed=0)
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
