"""The diagnosis and decomposition explorers of notebook 02 respond to every control."""
import numpy as np
import pytest

from course_utils.widgets.bias_variance import (
    decomposition_compute,
    decomposition_explorer,
    diagnosis_compute,
    diagnosis_explorer,
)


def test_diagnosis_compute_in_percent():
    d = diagnosis_compute(15, 16, 15)
    assert d.label == "low bias and low variance"
    assert d.variance == pytest.approx(0.01)


@pytest.mark.parametrize("values, label", [
    (dict(train_pct=1, dev_pct=11, bayes_pct=0), "high variance"),
    (dict(train_pct=15, dev_pct=16, bayes_pct=0), "high bias"),
    (dict(train_pct=15, dev_pct=30, bayes_pct=0), "high bias and high variance"),
    (dict(train_pct=0.5, dev_pct=1, bayes_pct=0), "low bias and low variance"),
    (dict(train_pct=15, dev_pct=16, bayes_pct=15), "low bias and low variance"),
])
def test_diagnosis_explorer_lecture_cases(values, label):
    e = diagnosis_explorer(train_pct=30, dev_pct=40, bayes_pct=5)
    for name, v in values.items():
        e.controls[name].value = v
    assert e.error is None
    assert e.result.label == label
    assert f"→ {label}" in e.summary_text


def test_diagnosis_explorer_extremes_and_notes():
    e = diagnosis_explorer()
    for name in ("train_pct", "dev_pct", "bayes_pct"):
        s = e.controls[name]
        for v in (s.min, (s.min + s.max) / 2, s.max):
            before, changed = e.image.value, v != s.value
            s.value = v
            assert e.error is None, e.error
            assert (e.image.value != before) == changed
    e.controls["train_pct"].value = 0
    e.controls["bayes_pct"].value = 30
    assert "below your Bayes estimate" in e.summary_text
    e.controls["dev_pct"].value = 0
    e.controls["train_pct"].value = 40
    assert "Dev error below train error" in e.summary_text


def test_decomposition_explorer_every_degree():
    e = decomposition_explorer(n_sets=60)
    s = e.controls["degree"]
    totals = []
    for d in range(s.min, s.max + 1):
        before = e.image.value
        s.value = d
        assert e.error is None
        if d != 3:  # 3 is the initial value
            assert e.image.value != before
        assert e.summary_text.startswith(f"Degree {d}:")
        totals.append(e.result["total"])
    best = int(np.argmin(totals))
    assert 0 < best < s.max and totals[0] > totals[best] < totals[-1]


def test_decomposition_compute_rejects_unknown_degree():
    res = {"degree": np.arange(3), "bias2": np.zeros(3), "variance": np.zeros(3),
           "noise": np.zeros(3), "total": np.zeros(3)}
    assert decomposition_compute(2, res)["degree"] == 2
    with pytest.raises(ValueError, match=r"degree must be one of \[0, 1, 2\], got 5"):
        decomposition_compute(5, res)


def test_decomposition_explorer_reuses_a_given_result():
    from course_utils.lessons.bias_variance import polynomial_bias_variance
    res = polynomial_bias_variance(range(5), n_sets=40, seed=1)
    e = decomposition_explorer(degree=2, res=res)
    assert e.controls["degree"].max == 4 and e.result["res"] is res
    e.controls["degree"].value = 4
    assert e.error is None and e.result["total"] == res["total"][4]
