"""Explorer of notebook 07: every slider extreme works, the figure and the summary follow."""
import numpy as np
import pytest

from course_utils.widgets.normalization import (
    normalization_compute,
    normalization_explorer,
    normalization_summary,
)


def test_compute_raw_diverges_where_standardized_converges():
    res = normalization_compute(10.0, 0.1)
    assert res["raw"]["run"].diverged and "overflowed" in res["raw"]["run"].message
    assert res["std"]["run"].converged_at is not None
    assert res["raw"]["lr_max"] < 0.1 < res["std"]["lr_max"]
    text = normalization_summary(res)
    assert "diverged" in text and "converged in" in text


def test_compute_equal_scales_make_both_panels_alike():
    res = normalization_compute(1.0, 0.5)
    a, b = res["raw"]["run"].converged_at, res["std"]["run"].converged_at
    assert a is not None and b is not None and abs(a - b) <= 0.3 * b
    assert res["raw"]["problem"].condition_number < 1.5


def test_compute_bad_inputs():
    with pytest.raises(ValueError, match=r"learning_rate must be a finite number > 0"):
        normalization_compute(10.0, -1.0)
    with pytest.raises(ValueError, match=r"scale_ratio must be a finite number > 0"):
        normalization_compute(0.0, 0.1)


def test_explorer_every_extreme():
    ex = normalization_explorer()
    sr, lr = ex.controls["scale_ratio"], ex.controls["learning_rate"]
    seen = {ex.image.value}
    for ratio in (sr.min, 1.0, 10 ** ((np.log10(sr.max) + 0) / 2), 100.0):
        sr.value = ratio
        for alpha in (10 ** lr.min, 0.015, 10 ** lr.max):
            lr.value = alpha
            assert ex.error is None, ex.error
            assert ex.result["learning_rate"] == pytest.approx(lr.value)
            assert "Raw features" in ex.summary_text and "Standardized" in ex.summary_text
            seen.add(ex.image.value)
    assert len(seen) > 8, "the figure changes with the sliders"
    sr.value, lr.value = 100.0, 10 ** lr.max
    assert "diverged" in ex.summary_text
    sr.value, lr.value = 1.0, 0.5
    assert ex.summary_text.count("converged in") == 2
    assert len(ex.timings) > 12
