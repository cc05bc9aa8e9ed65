"""Explorer of notebook 08: depth, scale and activation extremes, overflow shown as a message."""
import numpy as np
import pytest

from course_utils.widgets.deep_signal import (
    DEFAULT_INIT,
    deep_signal_compute,
    deep_signal_explorer,
    deep_signal_summary,
)


def test_compute_uses_the_careful_init_as_reference():
    res = deep_signal_compute(10, 2.0, "relu")
    assert res["init"] == "he" and res["reference"].scale == 1.0 and res["profile"].scale == 2.0
    ratio = res["profile"].grad_norms.mean() / res["reference"].grad_norms.mean()
    assert 1e2 < ratio < 1e5, "ReLU: about 2^(L-1) = 2^10 larger"
    assert "×" in deep_signal_summary(res)


def test_compute_overflow_is_a_message():
    res = deep_signal_compute(200, 100.0, "relu")
    assert res["profile"].overflow is not None
    assert "Overflow" in deep_signal_summary(res)


def test_compute_bad_activation():
    with pytest.raises(ValueError, match=r"Unknown activation 'swish'. Valid names: 'relu'"):
        deep_signal_compute(5, 1.0, "swish")


def test_explorer_every_extreme_and_every_activation():
    ex = deep_signal_explorer()
    depth, scale, act = ex.controls["depth"], ex.controls["scale"], ex.controls["activation"]
    seen = {ex.image.value}
    combos = [(d, s) for d in (depth.min, depth.max) for s in (10 ** scale.min, 10 ** scale.max)]
    combos.append((30, 1.0))
    for a in DEFAULT_INIT:
        act.value = a
        for d, s in combos:
            depth.value, scale.value = d, s
            assert ex.error is None, ex.error
            assert ex.result["profile"].depth == d
            assert ex.result["profile"].scale == pytest.approx(s)
            assert f"{d} hidden {a} layers" in ex.summary_text
            seen.add(ex.image.value)
    assert len(seen) > 15, "the figure changes with the controls"
    act.value, depth.value, scale.value = "relu", 200, 100.0
    assert "Overflow" in ex.summary_text and "layer" in ex.summary_text
    act.value, depth.value, scale.value = "tanh", 30, 1.0
    assert "Overflow" not in ex.summary_text
    assert np.all(np.isfinite(ex.result["profile"].grad_norms))
