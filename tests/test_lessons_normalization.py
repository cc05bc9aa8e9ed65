"""course_utils.lessons.normalization (notebook 07) and its figures: cost surfaces, gradient
descent, the largest stable learning rate, and the own-statistics normalization bug."""
import warnings

import numpy as np
import pytest

from course_utils.lessons.normalization import (
    final_gaps,
    gradient_descent,
    iterations_to_converge,
    largest_stable_learning_rate,
    least_squares,
    make_scaled_regression,
    normalize_with_own_statistics,
)
from course_utils.plots.normalization import (
    plot_cost_contours,
    plot_lr_window,
    plot_normalization_steps,
    plot_variances,
)


@pytest.fixture
def problems():
    X, y = make_scaled_regression(200, 10.0, seed=3)
    Xn = (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
    return least_squares(X, y), least_squares(Xn, y)


def test_make_scaled_regression_shapes_scales_and_seed():
    X, y = make_scaled_regression(500, 20.0, means=(5.0, -3.0), seed=1)
    assert X.shape == (2, 500) and y.shape == (1, 500)
    assert 15 < X[1].std() / X[0].std() < 25
    assert abs(X[0].mean() - 5) < 0.2 and abs(X[1].mean() + 3) < 3
    X2, y2 = make_scaled_regression(500, 20.0, means=(5.0, -3.0), seed=1)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, make_scaled_regression(500, 20.0, seed=2)[0])


@pytest.mark.parametrize("kwargs, exc, match", [
    (dict(scale_ratio=-1.0), ValueError, r"scale_ratio must be a finite number > 0"),
    (dict(scale_ratio="big"), TypeError, r"scale_ratio must be a positive number"),
    (dict(m=0), ValueError, r"m must be a positive integer"),
    (dict(means=(1.0, 2.0, 3.0)), ValueError, r"2 entries \(one per feature\)"),
    (dict(noise=-0.1), ValueError, r"noise must be a finite number >= 0"),
])
def test_make_scaled_regression_bad_inputs(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        make_scaled_regression(**kwargs)


def test_least_squares_matches_lstsq_and_the_quadratic_form():
    X, y = make_scaled_regression(100, 5.0, means=(2.0, 1.0), seed=0)
    for intercept in (False, True):
        p = least_squares(X, y, fit_intercept=intercept)
        A = np.vstack([X, np.ones((1, 100))]) if intercept else X
        w_ref = np.linalg.lstsq(A.T, y.ravel(), rcond=None)[0]
        assert np.allclose(p.w_star, w_ref, atol=1e-10)
        w = np.array([0.3, -0.2, 0.1])[: A.shape[0]]
        direct = np.sum((w @ A - y) ** 2) / (2 * 100)
        assert p.cost(w) == pytest.approx(direct, rel=1e-12)
        assert p.J_star == pytest.approx(p.cost(p.w_star), abs=1e-14)
        assert p.max_stable_lr_theory == pytest.approx(2 / np.linalg.eigvalsh(A @ A.T / 100)[-1])


def test_least_squares_bad_inputs():
    X, y = make_scaled_regression(50, 2.0, seed=0)
    with pytest.raises(ValueError, match=r"y must have shape \(1, m\) = \(1, 50\)"):
        least_squares(X, y.ravel())
    with pytest.raises(ValueError, match=r"linearly dependent"):
        least_squares(np.vstack([X[0], X[0]]), y)
    with pytest.raises(ValueError, match=r"constant feature duplicates the intercept"):
        least_squares(np.vstack([X[0], np.ones(50)]), y, fit_intercept=True)
    with pytest.raises(ValueError, match=r"\(m, n_x\) layout|must be 2-D"):
        least_squares(X[0], y)


def test_condition_number_drops_when_standardized(problems):
    raw, std = problems
    assert raw.condition_number > 50 and std.condition_number < 1.5


def test_gradient_descent_converges_below_the_limit(problems):
    for p in problems:
        run = gradient_descent(p, 0.9 * p.max_stable_lr_theory, 100_000, tol=1e-8)
        assert run.converged_at is not None and not run.diverged
        k = run.converged_at
        gaps = (run.costs - p.J_star) / (run.costs[0] - p.J_star)
        assert gaps[k] <= 1e-8 < gaps[k - 1], "the reported iteration is the first below tol"
        assert np.allclose(run.path[-1], p.w_star, atol=1e-3)
        assert run.message == f"converged in {k} iterations"


def test_gradient_descent_diverges_above_the_limit_without_warnings(problems):
    raw, _ = problems
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gradient_descent(raw, 1.5 * raw.max_stable_lr_theory, 5000)
    assert run.diverged and run.converged_at is None
    assert "diverged: the parameters overflowed" in run.message
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.costs))
    slow = gradient_descent(raw, 1.001 * raw.max_stable_lr_theory, 300)
    assert slow.diverged and slow.message.startswith("diverging")


def test_gradient_descent_path_and_budget(problems):
    raw, _ = problems
    run = gradient_descent(raw, 1e-4, 10, w0=[0.5, 0.5])
    assert run.path.shape == (11, 2) and np.array_equal(run.path[0], [0.5, 0.5])
    assert run.converged_at is None and not run.diverged
    assert run.message.startswith("not converged after 10 iterations")
    at_min = gradient_descent(raw, 0.01, 10, w0=raw.w_star)
    assert at_min.converged_at == 0


def test_gradient_descent_bad_inputs(problems):
    raw, _ = problems
    with pytest.raises(TypeError, match=r"problem must be a LeastSquares"):
        gradient_descent("J", 0.1)
    with pytest.raises(ValueError, match=r"learning_rate must be a finite number > 0"):
        gradient_descent(raw, 0.0)
    with pytest.raises(ValueError, match=r"w0 must have 2 entries"):
        gradient_descent(raw, 0.01, w0=[1.0, 2.0, 3.0])


def test_largest_stable_lr_matches_two_over_lambda_max(problems):
    for p in problems:
        lr = largest_stable_learning_rate(p)
        assert lr == pytest.approx(p.max_stable_lr_theory, rel=0.01)
    raw, std = problems
    assert largest_stable_learning_rate(std) > 50 * largest_stable_learning_rate(raw)


def test_largest_stable_lr_bad_range(problems):
    raw, _ = problems
    with pytest.raises(ValueError, match=r"lo must be below hi"):
        largest_stable_learning_rate(raw, lo=1.0, hi=0.1)
    with pytest.raises(ValueError, match=r"no learning rate in .* is stable; lower lo"):
        largest_stable_learning_rate(raw, lo=10.0, hi=100.0)


def test_final_gaps_agree_with_single_runs(problems):
    raw, _ = problems
    lrs = np.array([1e-3, 0.5 * raw.max_stable_lr_theory, 3 * raw.max_stable_lr_theory])
    gaps, _ = final_gaps(raw, lrs, 200)
    for lr, g in zip(lrs[:2], gaps[:2]):
        run = gradient_descent(raw, lr, 200, tol=1e-300)
        assert g == pytest.approx((run.costs[-1] - raw.J_star) / (run.costs[0] - raw.J_star),
                                  rel=1e-8)
    assert gaps[2] > 1e100, "above 2/lambda_max the gap explodes"
    with pytest.raises(ValueError, match=r"learning_rates must all be finite numbers > 0"):
        final_gaps(raw, [0.1, -1.0], 10)


def test_iterations_to_converge_is_much_smaller_when_standardized(problems):
    raw, std = problems
    n_raw = iterations_to_converge(raw, 0.9 * raw.max_stable_lr_theory)
    n_std = iterations_to_converge(std, 0.9 * std.max_stable_lr_theory)
    assert n_std < 40 and n_raw > 5 * n_std


def test_normalize_with_own_statistics():
    rng = np.random.default_rng(0)
    X = 10 + 3 * rng.standard_normal((3, 40))
    whole = normalize_with_own_statistics(X)
    assert np.allclose(whole.mean(axis=1), 0) and np.allclose(whole.std(axis=1), 1)
    assert np.array_equal(normalize_with_own_statistics(X, 1), np.zeros_like(X))
    b = normalize_with_own_statistics(X, 10)
    assert np.allclose(b[:, :10].mean(axis=1), 0) and np.allclose(b[:, 30:].std(axis=1), 1)
    with pytest.raises(ValueError, match=r"batch_size must be a positive integer"):
        normalize_with_own_statistics(X, 0)


def test_plots_return_axes_with_titles_and_labels(problems):
    X, _ = make_scaled_regression(100, 4.0, means=(3.0, 1.0), seed=0)
    axes = plot_normalization_steps(X)
    assert len(axes) == 3 and all(a.get_title() for a in axes) and axes[0].get_xlabel()
    raw, _ = problems
    run = gradient_descent(raw, 0.5 * raw.max_stable_lr_theory, 200)
    ax = plot_cost_contours(raw, run)
    assert ax.get_title().startswith("Cost contours") and ax.get_xlabel() == "w₁"
    bad = gradient_descent(raw, 2 * raw.max_stable_lr_theory, 500)
    ax = plot_cost_contours(raw, bad)
    assert any("DIVERGED" in t.get_text() for t in ax.texts)
    ax = plot_lr_window([1e-3, 1e-2], {"raw": [0.5, np.inf]}, {"raw": 0.02},
                        num_iterations=10)
    assert "10 iterations" in ax.get_title() and ax.get_legend() is not None
    ax = plot_variances(["a", "b"], {"raw": [1.0, 4.0], "/sigma": [1.0, 1.0]})
    assert ax.get_yscale() == "log" and ax.get_ylabel()
    with pytest.raises(ValueError, match=r"draws 2 parameters, the problem has 3"):
        plot_cost_contours(least_squares(X, X[:1] * 2, fit_intercept=True))
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\)"):
        plot_normalization_steps(np.zeros((3, 5)))
