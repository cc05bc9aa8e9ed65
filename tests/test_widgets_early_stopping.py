"""Scrubber explorer: every recorded iteration works; markers and summary follow the slider."""
import pytest

from course_utils.train import train
from course_utils.widgets.early_stopping import (
    ScrubData,
    scrub_compute,
    scrubber_explorer,
)


def test_compute_and_phases(snapshot_run):
    res, (X, Y, _, _) = snapshot_run
    d = ScrubData(res, X, Y, patience=3, hidden_activation="tanh")
    its = d.iterations
    assert its[0] == 0 and its[-1] == 2000 and len(its) == 21
    phases = set()
    for it in its:
        r = scrub_compute(int(it), d)
        assert r["proba"].shape == (80, 80)
        assert 0 <= r["dev_error"] <= 1
        phases.add(r["phase"].split(":")[0])
    best = scrub_compute(d.best_iteration, d)
    assert best["phase"].startswith("the dev minimum")
    assert scrub_compute(0, d)["phase"].startswith("before") or d.best_iteration == 0
    assert len(phases) >= 3
    if d.stop.stopped:
        assert scrub_compute(d.stop_iteration, d)["phase"].startswith("the stopping record")
    # cached grid: the same array object the second time
    assert scrub_compute(100, d)["proba"] is scrub_compute(100, d)["proba"]


def test_explorer_every_position(snapshot_run):
    res, (X, Y, _, _) = snapshot_run
    e = scrubber_explorer(res, X, Y, patience=3, hidden_activation="tanh")
    slider = e.controls["iteration"]
    assert slider.value == e.result["best_iteration"]
    options = list(slider.options)
    for it in [options[0], options[len(options) // 2], options[-1]] + options:
        slider.value = it
        assert e.error is None
        assert e.result["iteration"] == it
        assert f"Iteration {it}:" in e.summary_text
        assert f"stops at {e.result['stop_iteration']}" in e.summary_text
        assert bytes(e.image.value).startswith(b"\x89PNG")
    slider.value = options[0]
    img_start = bytes(e.image.value)
    slider.value = options[-1]
    assert bytes(e.image.value) != img_start
    assert "Past the stopping point" in e.summary_text or \
        e.result["stop_iteration"] == options[-1]
    assert e.result["phase"].startswith("past the stopping point") or \
        e.result["stop_iteration"] == options[-1]


def test_errors(snapshot_run):
    res, (X, Y, _, _) = snapshot_run
    no_snap = train(X, Y, [2, 3, 1], num_iterations=10, record_every=5)
    with pytest.raises(ValueError, match="keep_snapshots=True"):
        ScrubData(no_snap, X, Y)
    no_dev = train(X, Y, [2, 3, 1], num_iterations=10, record_every=5, keep_snapshots=True)
    with pytest.raises(ValueError, match="no dev curve"):
        ScrubData(no_dev, X, Y)
    with pytest.raises(ValueError, match="Unknown monitor 'dev_acc'"):
        ScrubData(res, X, Y, monitor="dev_acc")
    d = ScrubData(res, X, Y)
    with pytest.raises(ValueError, match="iteration 150 was not recorded"):
        scrub_compute(150, d)
