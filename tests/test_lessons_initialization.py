"""init_experiments (notebook 09) and its figures: real behaviour, bad inputs."""
import numpy as np
import pytest

from course_utils.initializers import initialize_parameters
from course_utils.lessons.initialization import (
    COURSE_INITS,
    COURSE_REFERENCE,
    activation_variances,
    circles_split,
    compare_inits,
    course_params,
    initial_cost,
    output_saturation,
    row_spread,
    variance_by_depth,
)
from course_utils.plots.common import plot_cost_curves
from course_utils.plots.initialization import (
    plot_activation_histograms,
    plot_init_accuracies,
    plot_variance_by_depth,
    plot_weight_rows,
)


def test_circles_split_matches_sklearn_and_is_balanced():
    from sklearn.datasets import make_circles
    X, Y, Xt, Yt = circles_split(2)
    x, y = make_circles(n_samples=300, noise=0.05, random_state=5)
    np.testing.assert_array_equal(X, x.T)
    np.testing.assert_array_equal(Y.ravel(), y)
    assert Xt.shape == (2, 100) and Yt.shape == (1, 100)
    assert Y.mean() == 0.5 and Yt.mean() == 0.5
    assert not np.array_equal(circles_split(3)[0], X)


def test_he_keeps_relu_variance_and_xavier_halves_it():
    he = activation_variances("he", "relu", depth=30, width=100, m=300, seed=0)
    xav = activation_variances("xavier", "relu", depth=30, width=100, m=300, seed=0)
    assert abs(np.log10(he["var_a"][-1] / he["var_a"][0])) < 1.0
    # each layer multiplies Var(z) by about 1/2: 2^-29 ~ 1.9e-9 over 29 layers
    assert np.log10(xav["var_a"][-1] / xav["var_a"][0]) < -7
    assert 0.4 < he["saturated"].mean() < 0.6  # about half of the ReLUs are off


def test_small_random_collapses_and_large_random_saturates_tanh():
    small = activation_variances("random", "tanh", depth=10, width=50, scale=0.01, m=200)
    big = activation_variances("random", "tanh", depth=10, width=50, scale=1.0, m=200)
    assert small["var_a"][-1] < 1e-20  # x (50 * 0.01^2) = x 5e-3 per layer
    assert big["saturated"].min() > 0.7


def test_activation_variances_keeps_requested_layers():
    r = activation_variances("he", "relu", depth=5, width=10, m=20, keep=(1, 5))
    assert sorted(r["activations"]) == [1, 5] and r["activations"][5].shape == (10, 20)


def test_variance_by_depth_shapes_and_zero_variance():
    res = variance_by_depth({"He": ("he", None), "zeros": ("zeros", None)}, "relu",
                            seeds=(0, 1), depth=6, width=20, m=50)
    assert res["He"]["log10_var"].shape == (2, 6) and res["He"]["mean"].shape == (6,)
    assert np.all(res["zeros"]["log10_var"] == -np.inf)


def test_row_spread_detects_symmetry():
    p = initialize_parameters([2, 4, 3, 1], "zeros")
    assert row_spread(p) == {"W1": 0.0, "W2": 0.0}
    q = initialize_parameters([2, 4, 3, 1], "he", seed=0)
    assert min(row_spread(q).values()) > 0


def test_large_random_saturates_output_and_costs_a_lot():
    X, Y, _, _ = circles_split(0)
    big = initialize_parameters([2, 10, 5, 1], "random", 10.0, seed=0)
    he = initialize_parameters([2, 10, 5, 1], "he", seed=0)
    assert output_saturation(X, big) > 0.9 and output_saturation(X, he) < 0.5
    assert initial_cost(X, Y, big) > 50 * initial_cost(X, Y, he)


def test_course_params_draw_the_assignments_weights():
    he = course_params([2, 10, 5, 1], "he")
    rs = np.random.RandomState(3)
    np.testing.assert_array_equal(he["W1"], rs.randn(10, 2) * np.sqrt(2 / 2))
    np.testing.assert_array_equal(he["W2"], rs.randn(5, 10) * np.sqrt(2 / 10))
    big = course_params([2, 10, 5, 1], "random", 10.0)
    np.testing.assert_array_equal(big["W1"], np.random.RandomState(3).randn(10, 2) * 10)
    zeros = course_params([2, 10, 5, 1], "zeros")
    assert all(np.all(v == 0) for v in zeros.values()) and zeros["b2"].shape == (5, 1)


def test_compare_inits_reproduces_the_course_run_and_counts_runs():
    table = compare_inits(datasets=(0, 1), seeds_per_dataset=2, num_iterations=15000,
                          record_every=5000)
    assert set(table) == set(COURSE_INITS) == set(COURSE_REFERENCE)
    for name, (train_acc, test_acc) in COURSE_REFERENCE.items():   # the course's own run
        h = table[name]["course"].history
        assert abs(h.train_accuracy[-1] - train_acc) < 0.005
        assert abs(h.dev_accuracy[-1] - test_acc) < 0.005
    # zeros draws nothing: one run per dataset; the others: 2 weight seeds per dataset
    assert list(table["zeros"]["dataset"]) == [0, 1] and np.all(table["zeros"]["test_acc"] == 0.5)
    assert list(table["He"]["dataset"]) == [0, 0, 1, 1]
    assert list(table["He"]["seed"]) == [0, 1, 2, 3]
    assert table["He"]["train_acc"].mean() > table["large random (x10)"]["train_acc"].mean()
    assert table["large random (x10)"]["cost0"].min() > 10 * table["He"]["cost0"].max()
    assert row_spread(table["zeros"]["course"].params) == {"W1": 0.0, "W2": 0.0}
    assert table["zeros"]["course"] is table["zeros"]["first"]    # all-zero weights: one run


def test_compare_inits_matches_separate_train_runs():
    from course_utils.train import train
    table = compare_inits({"He": ("he", None)}, datasets=(1,), seeds_per_dataset=1,
                          num_iterations=300, record_every=100, course_run=False)
    X, Y, Xt, Yt = circles_split(1)
    ref = train(X, Y, [2, 10, 5, 1], init="he", learning_rate=0.01, num_iterations=300,
                X_dev=Xt, Y_dev=Yt, record_every=100, seed=1)
    first = table["He"]["first"]
    assert table["He"]["course"] is None
    for k in ref.params:
        np.testing.assert_array_equal(first.params[k], ref.params[k])


@pytest.mark.parametrize("call,exc,match", [
    (lambda: activation_variances("kaiming"), ValueError, r"Unknown init method 'kaiming'"),
    (lambda: activation_variances("he", "swish"), ValueError, r"Unknown activation 'swish'"),
    (lambda: activation_variances("he", depth=0), ValueError, r"depth must be a positive"),
    (lambda: activation_variances("he", scale=-1.0), ValueError, r"scale must be a finite"),
    (lambda: activation_variances("he", depth=3, keep=(4,)), ValueError,
     r"keep must hold layer indices in 1\.\.3"),
    (lambda: variance_by_depth([], "relu"), TypeError, r"settings must be a non-empty dict"),
    (lambda: variance_by_depth({"a": ("he", None)}, "relu", seeds=()), ValueError,
     r"at least one seed"),
    (lambda: compare_inits(datasets=()), ValueError, r"at least one dataset"),
    (lambda: compare_inits(seeds_per_dataset=0), ValueError, r"seeds_per_dataset must be"),
    (lambda: course_params([2, 3, 1], "kaiming"), ValueError, r"Unknown init method"),
    (lambda: circles_split(-1), ValueError, r"seed must be an integer >= 0"),
    (lambda: output_saturation(np.zeros((300, 2)), initialize_parameters([2, 3, 1])),
     ValueError, r"use X\.T"),
])
def test_bad_inputs(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_plots_have_titles_labels_and_legends():
    res = variance_by_depth({"He": ("he", None), "Xavier": ("xavier", None)}, "relu",
                            seeds=(0, 1), depth=5, width=10, m=20)
    ax = plot_variance_by_depth(res)
    assert ax.get_title() and ax.get_xlabel() and ax.get_yscale() == "log"
    assert len(ax.get_legend().get_texts()) == 2
    r = activation_variances("he", depth=4, width=10, m=20, keep=(1, 4))
    ax = plot_activation_histograms(r)
    assert ax.get_title() and "shared axis, zeros left out" in ax.get_xlabel()
    assert [t.get_text().split(":")[0] for t in ax.texts] == ["layer 1", "layer 4"]
    assert len(ax.collections) == 2                      # one filled histogram per layer
    r_tanh = activation_variances("zeros", "tanh", depth=3, width=5, m=10, keep=(1, 3))
    ax = plot_activation_histograms(r_tanh)              # all activations 0: no crash
    assert "std 0" in ax.texts[0].get_text()
    with pytest.raises(ValueError, match=r"result\['activations'\] is empty"):
        plot_activation_histograms(activation_variances("he", depth=2, width=3, m=4))
    table = compare_inits(datasets=(0,), seeds_per_dataset=2, num_iterations=100,
                          record_every=50)
    ax = plot_init_accuracies(table, COURSE_REFERENCE)
    assert ax.get_ylabel() == "accuracy (%)" and ax.get_legend() is not None
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "the course's run" in labels and "ours: test, one per run" in labels
    ax = plot_weight_rows(table["zeros"]["first"].params["W1"])
    assert ax.get_title()
    ax = plot_cost_curves({k: v["course"].history for k, v in table.items()})
    assert len(ax.get_lines()) == 3 and ax.get_legend() is not None
