"""gradcheck_demos (notebook 10) and its figures: real behaviour, bad inputs."""
import numpy as np
import pytest

from course_utils.gradcheck import gradient_check
from course_utils.lessons.gradcheck import (
    BUGS,
    below,
    check_during_training,
    check_vs_epsilon,
    course_test_case,
    cube_example,
    dropout_check,
    finite_difference_errors,
    loglog_slope,
    magnitude,
    planted_backprop,
    relu_kink_example,
    report_table,
    small_problem,
    time_check_vs_backprop,
)
from course_utils.plots.gradcheck import (
    plot_check_vs_epsilon,
    plot_difference_errors,
    plot_per_parameter,
)

EPS = np.logspace(-13, -1, 49)


def test_cube_example_matches_the_lecture():
    r = cube_example(1.0, 0.01)
    assert round(r["one_sided"], 4) == 3.0301 and round(r["two_sided"], 4) == 3.0001
    assert r["err_one"] > 100 * r["err_two"]


def test_error_orders_and_roundoff_floor():
    r = finite_difference_errors(EPS)
    assert abs(loglog_slope(EPS, r["one_sided"], 1e-4, 1e-1) - 1) < 0.1
    assert abs(loglog_slope(EPS, r["two_sided"], 1e-4, 1e-1) - 2) < 0.1
    # below the optimum, round-off grows like 1/eps
    assert loglog_slope(EPS, r["two_sided"], 1e-13, 1e-9) < -0.5
    r32 = finite_difference_errors(EPS, dtype=np.float32)
    assert r32["two_sided"].min() > 100 * r["two_sided"].min()
    assert r32["unit_roundoff"] > 1e8 * r["unit_roundoff"]


def test_course_bug_reproduces_0285_and_is_localized():
    X, Y, p = course_test_case()
    rep = gradient_check(X, Y, p, hidden_activation="relu",
                         backprop=planted_backprop("dW2 x2, db1 x4", "relu"))
    assert round(rep.difference, 4) == 0.2851
    assert rep.suspects == ["b1", "W2"]
    assert gradient_check(X, Y, p, hidden_activation="relu").difference < 1e-7


@pytest.mark.parametrize("bug,suspects", [("none", []), ("dW2 x2, db1 x4", ["b1", "W2"]),
                                          ("L2 term forgotten", ["W1", "W2", "W3"]),
                                          ("db2 without 1/m", ["b2"])])
def test_planted_bugs_are_localized(bug, suspects):
    X, Y, p = small_problem()
    rep = gradient_check(X, Y, p, hidden_activation="tanh", lambd=0.7,
                         backprop=planted_backprop(bug, "tanh", 0.7))
    assert rep.suspects == suspects


def test_forgotten_l2_is_invisible_without_l2():
    X, Y, p = small_problem()
    rep = gradient_check(X, Y, p, hidden_activation="tanh", lambd=0.0,
                         backprop=planted_backprop("L2 term forgotten", "tanh", 0.0))
    assert rep.passed


def test_identity_slope_bug_hides_at_small_weights_and_shows_after_training():
    X, Y, _ = small_problem()
    r = check_during_training(X, Y, [4, 5, 3, 1], bug="tanh' taken as 1",
                              checkpoints=(0, 1500))
    assert r["difference"][0] < 1e-3 < r["difference"][-1]
    assert r["weight_norm2"][-1] > 10 * r["weight_norm2"][0]


def test_check_vs_epsilon_has_a_v_shape():
    X, Y, p = small_problem()
    d = check_vs_epsilon(X, Y, p, [1e-12, 1e-6, 1e-1], hidden_activation="tanh")
    assert d[1] < d[0] and d[1] < d[2]


def test_cost_of_the_check_and_dropout():
    X, Y, p = small_problem()
    t = time_check_vs_backprop(X, Y, p, repeats=1)
    assert t["n_params"] == 47 and t["ratio"] > 10
    r = dropout_check(X, Y, p, [0.8, 0.8])
    assert r["fixed"] < 1e-7 < 1e-2 < r["fresh"]


def test_relu_kink_appears_with_zero_biases_only():
    kink = relu_kink_example(0.0)
    assert kink["n_on_kink"] > 0 and kink["report"].suspects == ["b2"]
    clean = relu_kink_example(0.1)
    assert clean["n_on_kink"] == 0 and clean["report"].difference < 1e-7


@pytest.mark.parametrize("call,exc,match", [
    (lambda: cube_example(1.0, 0.0), ValueError, r"epsilon must be a finite number > 0"),
    (lambda: cube_example("one"), TypeError, r"theta must be a numeric array"),
    (lambda: finite_difference_errors([]), ValueError, r"non-empty 1-D array"),
    (lambda: finite_difference_errors([1e-3, -1.0]), ValueError, r"finite numbers > 0"),
    (lambda: finite_difference_errors(EPS, dtype=np.float16), ValueError,
     r"dtype must be np\.float64 or np\.float32"),
    (lambda: finite_difference_errors(EPS, f=np.sin), TypeError, r"pass both f and df"),
    (lambda: loglog_slope(EPS, EPS, 10.0, 20.0), ValueError, r"at least two points"),
    (lambda: planted_backprop("sign flip"), ValueError, r"Unknown bug 'sign flip'"),
    (lambda: planted_backprop("none", lambd=-1.0), ValueError, r"lambd must be a finite"),
    (lambda: check_during_training(*small_problem()[:2], [4, 5, 3, 1], checkpoints=()),
     ValueError, r"checkpoints must be iterations >= 0"),
    (lambda: time_check_vs_backprop(*small_problem(), repeats=0), ValueError,
     r"repeats must be a positive integer"),
    (lambda: dropout_check(*small_problem(), keep_probs=[1.5, 0.5]), ValueError,
     r"not a drop rate"),
])
def test_bad_inputs(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_plots():
    curves = {"float64": finite_difference_errors(EPS),
              "float32": finite_difference_errors(EPS, dtype=np.float32)}
    ax = plot_difference_errors(curves)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log" and ax.get_title()
    assert len(ax.get_legend().get_texts()) == 7
    X, Y, p = small_problem()
    rep = gradient_check(X, Y, p, hidden_activation="tanh",
                         backprop=planted_backprop("dW2 x2, db1 x4"))
    ax = plot_per_parameter(rep)
    assert [t.get_text() for t in ax.get_xticklabels()] == list(rep.per_parameter)
    ax = plot_check_vs_epsilon(EPS[:3], {"a": np.ones(3), "b": np.ones(3)}, current=1e-7)
    assert ax.get_xlabel() and ax.get_legend() is not None
    assert set(BUGS) >= {"none", "dW2 x2, db1 x4"}


def test_round_off_level_numbers_print_as_bounds_or_magnitudes():
    assert magnitude(9.5e-4) == magnitude(1.01e-3) == "~1e-03"
    assert magnitude(6.7e-11) == "~1e-10" and magnitude(0.0) == "0"
    assert magnitude(float("inf")) == "inf"
    assert below(8.9e-9) == below(1.2e-9) == "< 1e-07"
    assert below(0.28509, digits=4) == "2.8509e-01" and below(3e-9, 1e-8) == "< 1e-08"
    with pytest.raises(ValueError, match="bound must be"):
        below(1.0, bound=0.0)
    X, Y, p = course_test_case()
    rep = gradient_check(X, Y, p, hidden_activation="relu",
                         backprop=planted_backprop("dW2 x2, db1 x4", "relu"))
    lines = report_table(rep).splitlines()
    assert lines[0].split() == ["param", "difference", "status"]
    assert lines[1].split() == ["W1", "<", "1e-07", "ok"]
    assert lines[2].split() == ["b1", "6.00e-01", "<--", "suspect"]
    assert lines[-1].startswith("   all     2.85e-01  bug")
