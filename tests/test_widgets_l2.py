"""Tests of the lambd explorer (course_utils.widgets.l2): every slider value, extremes
included, the "no regularization" checkbox, the summary, memoization, and how close the
warm-started networks are to a full retraining (in a form that holds under every BLAS kernel)."""
import numpy as np
import pytest

from course_utils.data import load_diagonal_regions
from course_utils.lessons.l2 import grid_disagreement, lambd_sweep
from course_utils.metrics import weight_norm2
from course_utils.train import train
from course_utils.widgets.l2 import LambdModels, lambd_explorer, lambd_summary

LAMBDS = [0, 0.1, 1, 10]


@pytest.fixture(scope="module")
def data():
    return load_diagonal_regions()


@pytest.fixture(scope="module")
def sweep(data):
    # short runs keep the test fast; the notebook uses up to 20,000 iterations
    return lambd_sweep(data, LAMBDS, seeds=[0], num_iterations=3000, rtol=2e-3)


@pytest.fixture(scope="module")
def explorer(data, sweep):
    return lambd_explorer(data, sweep, warm_iterations=200)


def test_controls(explorer):
    s, box = explorer.controls["lambd"], explorer.controls["no_regularization"]
    assert "lambd" in s.description and s.continuous_update is False
    assert (s.min, s.max, s.base) == (-3, 1, 10)
    assert box.value is False
    assert explorer.summary.__class__.__name__ == "HTML"


def test_every_slider_position_and_extremes(explorer):
    s = explorer.controls["lambd"]
    positions = [10.0 ** e for e in np.arange(s.min, s.max + 1e-9, s.step)]
    assert positions[0] == pytest.approx(1e-3) and positions[-1] == pytest.approx(10.0)
    seen_text, seen_img, norms = set(), set(), []
    for v in positions:
        s.value = v
        assert explorer.error is None, explorer.error
        r = explorer.result
        assert r["lambd"] == pytest.approx(s.value)
        assert 0.0 <= r["train_acc"] <= 1.0 and 0.0 <= r["dev_acc"] <= 1.0
        text = explorer.summary_text
        assert f"train {100 * r['train_acc']:.1f}%" in text and "dev " in text
        assert f"||W||F = {r['weight_norm']:.2f}" in text
        seen_text.add(text)
        seen_img.add(explorer.image.value)
        norms.append(r["weight_norm"])
    assert len(seen_text) == len(positions) and len(seen_img) == len(positions)
    # more regularization, smaller weights (from 1e-3 to 10)
    assert norms[-1] < 0.5 * norms[0]


def test_checkbox_gives_lambd_zero_and_disables_slider(explorer, sweep):
    s, box = explorer.controls["lambd"], explorer.controls["no_regularization"]
    s.value = 1.0
    img = explorer.image.value
    box.value = True
    try:
        assert explorer.result["lambd"] == 0.0 and s.disabled
        assert "lambd = 0 (no regularization)" in explorer.summary_text
        assert explorer.image.value != img
        # lambd = 0 is a sweep value: the sweep's network is shown as it is
        assert explorer.result["params"] is sweep.params[0][0]
    finally:
        box.value = False
    assert not s.disabled and explorer.result["lambd"] == pytest.approx(1.0)


def test_memoization(explorer):
    s = explorer.controls["lambd"]
    s.value = 10 ** -1.5
    first = explorer.result
    s.value = 1.0
    s.value = 10 ** -1.5
    assert explorer.result is first


@pytest.mark.slow
def test_warm_start_is_close_to_retraining(data):
    """With the notebook's sweep grid (up to 20,000 iterations, rtol 2e-3), a warm start from a
    regularized sweep network (the slider at or above the smallest positive sweep lambd) has the
    accuracy, boundary and ||W||_F of a full retraining at that lambd. Those runs converge to the
    same network under every BLAS kernel, so this holds on every machine.

    Below the smallest positive sweep lambd the start is the unregularized network, whose end
    state depends on the kernel's round-off (notebook 03, Going further G3): there the test
    checks what holds everywhere: the explorer runs 1,000 steps of train() from that network
    with the new lambd, and its weights shrink, yet stay larger than a full retraining's (the
    documented limit)."""
    grid, kw = [0, 0.1, 0.7, 3, 10], dict(seeds=[0], num_iterations=20_000, rtol=2e-3)
    sw = lambd_sweep(data, grid, **kw)
    models = LambdModels(data, sw, warm_iterations=1000)
    for lam in (10 ** -0.75, 10 ** -0.25, 10 ** 0.5):
        warm = models(lam)
        full = lambd_sweep(data, [lam], **kw)
        assert abs(warm["dev_acc"] - full.dev_acc[0, 0]) <= 0.02 + 1e-9, lam
        assert abs(warm["train_acc"] - full.train_acc[0, 0]) <= 0.02 + 1e-9, lam
        assert grid_disagreement(warm["params"], full.params[0][0], data.X_train) < 0.05, lam
        assert abs(warm["weight_norm"] - full.weight_norm[0, 0]) / full.weight_norm[0, 0] < 0.2
    lam = 10 ** -1.5
    warm, start = models(lam), sw.params[0][0]
    again = train(data.X_train, data.Y_train, [2, 20, 3, 1], learning_rate=0.3,
                  num_iterations=1000, lambd=lam, record_every=1000, params=start).params
    assert all(np.array_equal(warm["params"][k], again[k]) for k in again)
    full = lambd_sweep(data, [lam], **kw)
    assert full.weight_norm[0, 0] < warm["weight_norm"] < np.sqrt(weight_norm2(start))


def test_summary_format():
    r = {"lambd": 0.7, "train_acc": 0.945, "dev_acc": 0.91, "weight_norm": 12.345,
         "source": "x"}
    html = lambd_summary(r)
    assert "lambd = 0.7" in html and "train 94.5%" in html and "dev 91.0%" in html
    assert "= 12.35" in html


def test_bad_inputs(data, sweep):
    with pytest.raises(TypeError, match="sweep must be a SweepResult"):
        LambdModels(data, {"lambds": [0]})
    no_zero = lambd_sweep(data, [1.0], seeds=[0], num_iterations=10)
    with pytest.raises(ValueError, match="sweep must include lambd = 0"):
        LambdModels(data, no_zero)
    with pytest.raises(ValueError, match="seed_index must be in \\[0, 0\\]"):
        LambdModels(data, sweep, seed_index=3)
    models = LambdModels(data, sweep)
    with pytest.raises(ValueError, match="lambd must be a finite number >= 0"):
        models(-1.0)


def test_explorer_shows_errors_instead_of_raising(data, sweep):
    ex = lambd_explorer(data, sweep, warm_iterations=10)
    ex.compute.cache.clear()
    ex.compute = lambda **kw: (_ for _ in ()).throw(ValueError("boom"))
    ex.update()
    assert ex.error == "boom" and "Cannot show this setting" in ex.summary.value
