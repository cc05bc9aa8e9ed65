"""The gradient-check explorer of notebook 10 responds to every control value, extremes included."""
import numpy as np
import pytest

from course_utils.gradcheck import gradient_check
from course_utils.lessons.gradcheck import BUGS, planted_backprop
from course_utils.widgets.gradcheck import (
    EPSILON_GRID,
    LAMBDAS,
    NumericalGradients,
    gradcheck_compute,
    gradcheck_explorer,
    gradcheck_summary,
)

GRADS = NumericalGradients()


@pytest.mark.parametrize("bug", list(BUGS))
def test_compute_agrees_with_gradient_check(bug):
    r = gradcheck_compute(1e-7, bug, 0.7, GRADS)
    ref = gradient_check(GRADS.X, GRADS.Y, GRADS.params, hidden_activation="tanh", lambd=0.7,
                         backprop=planted_backprop(bug, "tanh", 0.7))
    assert r["report"].difference == pytest.approx(ref.difference, rel=1e-9, abs=1e-15)
    assert r["report"].suspects == ref.suspects
    assert set(r["curves"]) == ({"correct backprop"} if bug == "none" else
                                {"correct backprop", f"bug: {bug}"})
    assert all(c.shape == EPSILON_GRID.shape for c in r["curves"].values())


def test_compute_bad_inputs():
    with pytest.raises(ValueError, match=r"Unknown bug 'typo'"):
        gradcheck_compute(1e-7, "typo", 0.0, GRADS)
    with pytest.raises(ValueError, match=r"epsilon must be a finite number > 0"):
        gradcheck_compute(0.0, "none", 0.0, GRADS)
    with pytest.raises(ValueError, match=r"lambd must be a finite number >= 0"):
        gradcheck_compute(1e-7, "none", -1.0, GRADS)


@pytest.fixture(scope="module")
def explorer():
    return gradcheck_explorer()


def test_every_epsilon_position(explorer):
    e = explorer
    e.controls["bug"].value = "none"
    e.controls["lambd"].value = 0.7
    slider = e.controls["epsilon"]
    diffs = []
    for k, exponent in enumerate(np.arange(slider.min, slider.max + 1e-9, slider.step)):
        before = e.image.value
        slider.value = 10.0 ** exponent
        assert e.error is None, e.error
        assert f"epsilon = {10.0 ** exponent:.0e}" in e.summary_text
        if k:
            assert e.image.value != before
        diffs.append(e.result["report"].difference)
    diffs = np.array(diffs)
    # V shape: round-off at 1e-12, truncation at 1e-1, "great" around 1e-7
    assert diffs[0] > 1e-5 and diffs[-1] > 1e-5 and diffs.min() < 1e-9
    assert "round-off" in gradcheck_summary(e.result) or "truncation" in e.summary_text


@pytest.mark.parametrize("bug, suspects", [("none", "none"), ("dW2 x2, db1 x4", "b1, W2"),
                                           ("db2 without 1/m", "b2"),
                                           ("L2 term forgotten", "W1, W2, W3")])
def test_bug_menu(explorer, bug, suspects):
    e = explorer
    e.controls["epsilon"].value = 1e-7
    e.controls["lambd"].value = 0.7
    before = e.image.value
    e.controls["bug"].value = bug
    assert e.error is None
    assert f"suspect blocks: {suspects}" in e.summary_text
    assert ("great" in e.summary_text) == (bug == "none")
    if bug != "none":
        assert e.image.value != before


def test_forgotten_l2_is_invisible_without_l2(explorer):
    e = explorer
    e.controls["epsilon"].value = 1e-7
    e.controls["bug"].value = "L2 term forgotten"
    for lam in LAMBDAS:
        e.controls["lambd"].value = lam
        assert e.error is None
        assert ("bug:" in e.summary_text.split("→")[1]) == (lam > 0)
