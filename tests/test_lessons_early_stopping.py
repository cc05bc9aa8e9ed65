"""course_utils.lessons.early_stopping and plots.early_stopping: the replayed rule, the
ES-vs-L2 comparison."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.data import Split, make_diagonal_regions
from course_utils.lessons.early_stopping import (
    boundary_grid,
    compare_early_stopping_l2,
    early_stop_on_curve,
    error_curve,
    error_rate,
    l2_sweep,
    replay_early_stopping,
    summarize_comparison,
    weight_distance2,
    weight_norm2,
)
from course_utils.plots.common import plot_cost_curves
from course_utils.plots.early_stopping import plot_error_curves, plot_es_vs_l2, plot_weight_norm
from course_utils.train import EarlyStopping, train


@pytest.fixture(scope="module")
def split():
    X, Y = make_diagonal_regions(300, seed=3)
    return Split(X[:, :100], Y[:, :100], X[:, 100:200], Y[:, 100:200], X[:, 200:], Y[:, 200:])


@pytest.fixture(scope="module")
def long_run(split):
    return train(split.X_train, split.Y_train, [2, 30, 30, 1], hidden_activation="tanh",
                 init="xavier", learning_rate=0.5, num_iterations=3000, X_dev=split.X_dev,
                 Y_dev=split.Y_dev, record_every=50, keep_snapshots=True, seed=0)


@pytest.mark.parametrize("curve, patience, expected", [
    ([0.5, 0.3, 0.2, 0.25, 0.22, 0.21, 0.3], 2, (5, 2, True)),     # stop = best + patience + 1
    ([0.5, 0.3, 0.3, 0.3], 1, (3, 1, True)),                      # ties do not improve
    ([0.5, 0.4, 0.3], 5, (2, 2, False)),                           # never stops
    ([0.3, 0.4], 0, (1, 0, True)),                                 # patience 0: first miss stops
    ([0.3], 3, (0, 0, False)),
])
def test_early_stop_on_curve(curve, patience, expected):
    assert tuple(early_stop_on_curve(curve, patience)) == expected


def test_min_delta_requires_a_real_improvement():
    assert early_stop_on_curve([0.5, 0.49, 0.48, 0.47], 1, min_delta=0.05).stop_index == 2
    assert early_stop_on_curve([0.5, 0.49, 0.48, 0.47], 1).stop_index == 3


@pytest.mark.parametrize("monitor", ["dev_cost", "dev_error"])
def test_replay_agrees_with_train_early_stopping(split, long_run, monitor):
    h = long_run.history.as_arrays()
    curve = h["dev_cost"] if monitor == "dev_cost" else 1 - h["dev_accuracy"]
    rep = early_stop_on_curve(curve, 5)
    es = EarlyStopping(patience=5, monitor=monitor)
    res = train(split.X_train, split.Y_train, [2, 30, 30, 1], hidden_activation="tanh",
                init="xavier", learning_rate=0.5, num_iterations=3000, X_dev=split.X_dev,
                Y_dev=split.Y_dev, record_every=50, early_stopping=es, seed=0)
    assert res.best_iteration == h["iterations"][rep.best_index]
    assert res.stopped_iteration == h["iterations"][rep.stop_index]
    best = long_run.snapshots[rep.best_index][1]
    assert all(np.array_equal(res.params[k], best[k]) for k in best)


def test_weights_grow_and_error_helpers(split, long_run):
    h = long_run.history.as_arrays()
    assert h["weight_norm2"][-1] > 2 * h["weight_norm2"][0]
    assert weight_norm2(long_run.params) == pytest.approx(h["weight_norm2"][-1])
    errs = error_curve(long_run.snapshots, split.X_dev, split.Y_dev, "tanh")
    np.testing.assert_allclose(errs, 1 - h["dev_accuracy"])
    assert 0 <= error_rate(long_run.params, split.X_test, split.Y_test, "tanh") < 0.3


def test_boundary_grid(long_run):
    g = boundary_grid(long_run.params, (-1, -1), (1, 1), 30, "tanh")
    assert g.shape == (30, 30) and np.all((g >= 0) & (g <= 1))
    assert g.min() < 0.5 < g.max()


def test_compare_early_stopping_l2_small(split):
    res = compare_early_stopping_l2(split, [2, 20, 20, 1], [0.1, 3.0], seeds=[0, 1],
                                    num_iterations=600, patience=3, record_every=50,
                                    hidden_activation="tanh", init="xavier")
    assert res["l2_dev_all"].shape == (2, 2)
    assert np.all(res["l2_iterations"] == 1200)
    assert np.all(res["es_iterations"] <= 600)
    assert set(res["l2_lambda"]) <= {0.1, 3.0}
    assert np.all(res["es_best_iteration"] <= res["es_iterations"])
    rows = summarize_comparison(res)
    assert rows[4] == ("runs of training", "1", "2")
    assert all("±" in r[1] for r in rows if r[0] != "runs of training")


def test_plots_have_titles_and_labels(split, long_run):
    fig, axes = plt.subplots(1, 4)
    h = long_run.history
    for ax in (plot_error_curves(h, axes[0], best=100, stop=400, current=200),
               plot_cost_curves(h, axes[1], best=100, stop=400, log_x=True, log_y=False),
               plot_weight_norm([h, h], axes[2], best=[100, 150])):
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert ax.get_legend() is not None
    res = compare_early_stopping_l2(split, [2, 5, 1], [0.1, 1.0], [0], 200, 2)
    ax = plot_es_vs_l2(res, axes[3])
    assert ax.get_title() and ax.get_xscale() == "log" and ax.get_legend() is not None
    assert len(ax.get_legend().get_texts()) == 3
    ax = plot_es_vs_l2(res, plt.subplots()[1], metric="dev_cost")
    assert "dev cost" in ax.get_ylabel() and len(ax.get_legend().get_texts()) == 2
    with pytest.raises(ValueError, match="Unknown metric 'dev_error'"):
        plot_es_vs_l2(res, metric="dev_error")


@pytest.mark.parametrize("call, exc, match", [
    (lambda: early_stop_on_curve([], 2), ValueError, "values is empty"),
    (lambda: early_stop_on_curve([[0.1, 0.2]], 2), ValueError, "must be a 1-D array"),
    (lambda: early_stop_on_curve([0.1], -1), ValueError, "patience must be an integer >= 0"),
    (lambda: early_stop_on_curve([0.1], 1.5), ValueError, "patience must be an integer"),
    (lambda: early_stop_on_curve([0.1], 1, min_delta=-1), ValueError, "min_delta must be"),
    (lambda: boundary_grid({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}, (0, 0), (0, 1)),
     ValueError, "hi > lo"),
    (lambda: error_rate({"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}, np.ones((2, 3)),
                        np.ones((3,))), ValueError, r"reshape\(1, -1\)"),
])
def test_bad_inputs(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_compare_bad_inputs(split):
    with pytest.raises(ValueError, match="at least one L2 strength"):
        compare_early_stopping_l2(split, [2, 3, 1], [], [0], 10, 1)
    with pytest.raises(ValueError, match="at least one seed"):
        compare_early_stopping_l2(split, [2, 3, 1], [0.1], [], 10, 1)
    with pytest.raises(ValueError, match="lambd must be a finite number >= 0"):
        compare_early_stopping_l2(split, [2, 3, 1], [-1.0], [0], 10, 1)
    two_way = Split(*split[:4])
    with pytest.raises(ValueError, match="needs a test set"):
        compare_early_stopping_l2(two_way, [2, 3, 1], [0.1], [0], 10, 1)


def test_weight_distance2_counts_weights_only():
    a = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1)), "W2": np.zeros((1, 2)),
         "b2": np.ones((1, 1))}
    b = {"W1": np.zeros((2, 3)), "b1": np.ones((2, 1)), "W2": np.full((1, 2), 2.0),
         "b2": np.zeros((1, 1))}
    assert weight_distance2(a, b) == 6 + 8
    assert weight_distance2(a, a) == 0


def test_replay_agrees_with_early_stopped_runs(split, long_run):
    rep = replay_early_stopping([long_run], split, 5, hidden_activation="tanh")
    es = EarlyStopping(patience=5)
    res = train(split.X_train, split.Y_train, [2, 30, 30, 1], hidden_activation="tanh",
                init="xavier", learning_rate=0.5, num_iterations=3000, X_dev=split.X_dev,
                Y_dev=split.Y_dev, record_every=50, early_stopping=es, seed=0)
    assert rep["es_iterations"][0] == res.stopped_iteration
    assert rep["es_best_iteration"][0] == res.best_iteration
    assert rep["es_test"][0] == error_rate(res.params, split.X_test, split.Y_test, "tanh")
    assert rep["es_dev"][0] == error_rate(res.params, split.X_dev, split.Y_dev, "tanh")
    assert rep["es_norm2"][0] == pytest.approx(weight_norm2(res.params))
    start = long_run.snapshots[0][1]
    assert rep["es_distance2"][0] == pytest.approx(weight_distance2(res.params, start))
    assert 0 < rep["es_distance2"][0] < weight_distance2(long_run.params, start)


def test_replay_bad_inputs(split, long_run):
    with pytest.raises(ValueError, match="Unknown monitor"):
        replay_early_stopping([long_run], split, 5, monitor="dev_acc")
    with pytest.raises(ValueError, match="needs a test set"):
        replay_early_stopping([long_run], Split(*split[:4]), 5)
    bare = train(split.X_train, split.Y_train, [2, 3, 1], num_iterations=20, seed=0)
    with pytest.raises(ValueError, match="keep_snapshots=True"):
        replay_early_stopping([bare], split, 5)


def test_l2_sweep_selects_on_the_dev_cost_and_matches_train(split):
    res = l2_sweep(split, [2, 8, 1], [0.0, 1.0, 30.0], seeds=[0, 1], num_iterations=300,
                   learning_rate=0.5, hidden_activation="tanh", init="xavier")
    assert res["l2_dev_cost_all"].shape == res["l2_test_all"].shape == (2, 3)
    j = res["l2_dev_cost_all"].argmin(axis=1)
    assert np.array_equal(res["l2_lambda"], np.array([0.0, 1.0, 30.0])[j])
    assert np.array_equal(res["l2_test"], res["l2_test_all"][[0, 1], j])
    assert np.all(res["l2_iterations"] == 900)
    one = train(split.X_train, split.Y_train, [2, 8, 1], hidden_activation="tanh", init="xavier",
                learning_rate=0.5, num_iterations=300, lambd=1.0, seed=1)
    assert res["l2_test_all"][1, 1] == error_rate(one.params, split.X_test, split.Y_test, "tanh")
    assert res["l2_norm2_all"][1, 1] == pytest.approx(weight_norm2(one.params))
    assert res["l2_norm2_all"][0, 2] < res["l2_norm2_all"][0, 0]
    mean = l2_sweep(split, [2, 8, 1], [0.0, 1.0, 30.0], seeds=[0, 1], num_iterations=300,
                    learning_rate=0.5, hidden_activation="tanh", init="xavier", select="mean")
    k = res["l2_dev_cost_all"].mean(axis=0).argmin()
    assert np.all(mean["l2_lambda"] == [0.0, 1.0, 30.0][k])
    assert np.array_equal(mean["l2_test"], res["l2_test_all"][:, k])
    with pytest.raises(ValueError, match="num_iterations"):
        l2_sweep(split, [2, 3, 1], [0.1], [0], 0)
    with pytest.raises(ValueError, match="Unknown select 'best'"):
        l2_sweep(split, [2, 3, 1], [0.1], [0], 10, select="best")
