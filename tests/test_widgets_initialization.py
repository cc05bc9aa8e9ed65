"""The initialization explorer of notebook 09 responds to every control value, extremes included."""
import numpy as np
import pytest

from course_utils.lessons.initialization import circles_split
from course_utils.widgets.initialization import (
    init_compute,
    init_explorer,
    init_summary,
    shown_layers,
)

DATA = circles_split(0)[:2]


def test_shown_layers():
    assert shown_layers(1) == (1,)
    assert shown_layers(2) == (1, 2)
    assert shown_layers(12) == (1, 4, 6, 9, 12)
    assert shown_layers(3) == (1, 2, 3)
    with pytest.raises(ValueError, match="depth must be a positive integer"):
        shown_layers(0)


def log_drift(method, scale, seeds=range(5)):
    """Mean over seeds of log10(std of the last hidden layer / std of the first), depth 10."""
    return np.mean([np.log10(r["stds"][-1] / r["stds"][0]) for r in
                    (init_compute(method, scale, "relu", 10, data=DATA, seed=s, iterations=1)
                     for s in seeds)])


def test_compute_tells_the_inits_apart():
    # 16 units per layer: single networks fluctuate, so average the drift over 5 networks
    assert abs(log_drift("he", 1.0)) < 1
    assert log_drift("xavier", 1.0) < -1.5      # about 2^-4.5 in std over 9 layers
    assert log_drift("he", 10.0) > 6             # about 10^9 over 9 layers
    he = init_compute("he", 1.0, "relu", 10, data=DATA)
    zeros = init_compute("zeros", 1.0, "relu", 10, data=DATA)
    assert np.all(zeros["stds"] == 0) and zeros["stalled"] and zeros["train_accuracy"] == 0.5
    assert not he["stalled"] and he["final_cost"] < he["history"].cost[0]
    assert sorted(he["activations"]) == [1, 3, 6, 8, 10]
    assert "std(W1) = 1" in init_summary(he)


def test_compute_bad_inputs():
    with pytest.raises(ValueError, match=r"Unknown init method 'kaiming'"):
        init_compute("kaiming", 1.0, data=DATA)
    with pytest.raises(ValueError, match=r"Unknown activation 'swish'"):
        init_compute("he", 1.0, "swish", data=DATA)
    with pytest.raises(ValueError, match=r"depth must be a positive integer"):
        init_compute("he", 1.0, "relu", 0, data=DATA)
    with pytest.raises(ValueError, match=r"scale must be a finite number >= 0"):
        init_compute("he", -1.0, data=DATA)


@pytest.fixture(scope="module")
def explorer():
    return init_explorer()


@pytest.mark.parametrize("name, values", [
    ("method", ["zeros", "random", "xavier", "glorot", "he"]),
    ("scale", [0.01, 1.0, 100.0, 1.0]),
    ("activation", ["tanh", "relu"]),
    ("depth", [1, 6, 12, 8]),
    ("seed", [9, 4, 0]),
])
def test_every_control_extremes_included(explorer, name, values):
    e = explorer
    for v in values:
        before = e.image.value
        e.controls[name].value = v
        assert e.error is None, e.error
        assert e.result is not None and e.result[name] == v
        assert "Activation std" in e.summary_text
        assert e.image.value != before


def test_extreme_scale_reports_divergence_not_a_crash(explorer):
    e = explorer
    e.controls["method"].value = "random"
    e.controls["activation"].value = "relu"
    e.controls["depth"].value = 12
    e.controls["scale"].value = 100.0
    assert e.error is None
    assert "diverged" in e.summary_text
    e.controls["method"].value = "he"
    e.controls["scale"].value = 1.0
    assert "cost falling" in e.summary_text
