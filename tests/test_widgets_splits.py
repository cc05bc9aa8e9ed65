"""The split explorer of notebook 01 responds to every control, extremes included."""
import numpy as np
import pytest

from course_utils.widgets.splits import split_compute, split_explorer, split_summary


def test_split_compute_is_the_tested_recommendation():
    rec = split_compute(1e6, 0.5, 0.9, True)
    assert (rec.n_dev, rec.n_test) == (13_830, 13_830)
    rec = split_compute(1000, 0.5, 0.9, False)
    assert (rec.n_train, rec.n_dev, rec.n_test) == (700, 300, 0)
    assert "70/30" in split_summary(rec)


def test_split_explorer_every_m_and_extremes():
    e = split_explorer()
    assert e.error is None and e.image.value
    slider = e.controls["m"]
    seen = set()
    for exponent in np.arange(slider.min, slider.max + 1e-9, slider.step):
        before = e.image.value
        slider.value = 10.0 ** exponent
        assert e.error is None, e.error
        assert f"m = {int(round(10.0 ** exponent)):,}" in e.summary_text
        if exponent > slider.min:
            assert e.image.value != before
        seen.add(e.result.n_dev)
    assert len(seen) > 5                               # the dev size follows m, then saturates
    assert e.result.m == 10 ** 8 and e.result.n_dev == 13_830
    slider.value = 100
    assert "60 / 20 / 20" in e.summary_text and "capped" in e.summary_text


@pytest.mark.parametrize("name, values", [
    ("target_pp", [0.1, 2.5, 5.0]),
    ("p", [0.5, 0.75, 0.99]),
    ("with_test", [False, True]),
])
def test_split_explorer_other_controls(name, values):
    e = split_explorer(m=1e6)
    texts = set()
    for v in values:
        e.controls[name].value = v
        assert e.error is None, e.error
        texts.add(e.summary_text)
    assert len(texts) == len(values)
    if name == "with_test":
        e.controls["with_test"].value = False
        assert e.result.n_test == 0


def test_split_explorer_precision_matches_target():
    e = split_explorer(m=1e8)
    e.controls["target_pp"].value = 0.1
    assert e.result.dev_half_width <= 0.001
    assert "+/- 0.10 pp" in e.summary_text
