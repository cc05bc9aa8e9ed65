"""The keep_prob explorer of notebook 04: every slider extreme works, the display follows."""
import numpy as np
import pytest

from course_utils.widgets import dropout as wd


@pytest.fixture(scope="module")
def data():
    g = np.random.default_rng(0)
    X = g.uniform(-0.75, 0.75, size=(2, 160))
    Y = ((X[1] - X[0] + 0.1 * g.standard_normal(160)) > 0).astype(float).reshape(1, -1)
    return X[:, :100], Y[:, :100], X[:, 100:], Y[:, 100:]


def test_compute_is_pure_and_measures(data):
    r = wd.keep_prob_compute((0.5, 1.0), *data, num_iterations=200)
    r2 = wd.keep_prob_compute((0.5, 1.0), *data, num_iterations=200)
    assert r["keep_probs"] == (0.5, 1.0)
    assert r["train_acc"] == r2["train_acc"] and r["dev_acc"] == r2["dev_acc"]
    assert all(np.array_equal(r["params"][k], r2["params"][k]) for k in r["params"])
    assert 0.5 < r["train_acc"] <= 1.0 and r["norm2"] > 0
    assert r["history"].iterations[-1] == 200


def test_compute_bad_inputs(data):
    with pytest.raises(ValueError, match="one keep probability per hidden layer: 2 values"):
        wd.keep_prob_compute((0.5,), *data)
    with pytest.raises(ValueError, match="not a drop rate"):
        wd.keep_prob_compute((0.0, 1.0), *data)
    X, Y, Xd, Yd = data
    with pytest.raises(ValueError, match="use X.T"):
        wd.keep_prob_compute((0.5, 1.0), X.T, Y, Xd, Yd)
    with pytest.raises(ValueError, match="Y_dev.reshape"):
        wd.keep_prob_compute((0.5, 1.0), X, Y, Xd, Yd.ravel())


def test_summary_format():
    r = {"keep_probs": (0.86, 1.0), "train_acc": 0.925, "dev_acc": 0.93, "norm2": 12.34}
    text = wd.keep_prob_summary(r)
    assert "train 92.5% | dev 93.0%" in text and "(0.86, 1.00)" in text and "12.3" in text


def test_explorer_sliders_extremes_and_middle(data):
    e = wd.keep_prob_explorer(*data, keep_probs=(0.86, 1.0), num_iterations=150)
    assert e.error is None and e.result["keep_probs"] == (0.86, 1.0)
    sliders = list(e.controls.values())
    assert len(sliders) == 2
    for s in sliders:
        assert "keep_prob" in s.description
        assert s.continuous_update is False
        assert (s.min, s.max) == (wd.KP_MIN, wd.KP_MAX)
    seen_images = {e.image.value}
    texts = {e.summary_text}
    for name, value in [("keep_prob_1", wd.KP_MIN), ("keep_prob_2", wd.KP_MIN),
                        ("keep_prob_1", wd.KP_MAX), ("keep_prob_2", wd.KP_MAX),
                        ("keep_prob_1", 0.65)]:
        e.controls[name].value = value
        assert e.error is None, e.error
        assert e.result["keep_probs"] == tuple(round(s.value, 4) for s in sliders)
        assert "train " in e.summary_text and "| dev " in e.summary_text
        seen_images.add(e.image.value)
        texts.add(e.summary_text)
    assert len(seen_images) == 6  # every setting redrew a different picture
    assert len(texts) >= 5
    assert len(e.timings) == 6 and len(e.cache) == 6


def test_explorer_cache_returns_the_same_result(data):
    e = wd.keep_prob_explorer(*data, keep_probs=(0.5, 1.0), num_iterations=100)
    first = e.result
    e.controls["keep_prob_1"].value = 0.7
    e.controls["keep_prob_1"].value = 0.5
    assert e.result is first


def test_explorer_one_slider_per_hidden_layer(data):
    e = wd.keep_prob_explorer(*data, layer_dims=(2, 6, 5, 4, 1), num_iterations=50)
    assert list(e.controls) == ["keep_prob_1", "keep_prob_2", "keep_prob_3"]
    assert "(5 units)" in e.controls["keep_prob_2"].description


def test_explorer_bad_inputs(data):
    with pytest.raises(ValueError, match="outside the sliders' range"):
        wd.keep_prob_explorer(*data, keep_probs=(0.1, 1.0))
    with pytest.raises(ValueError, match="at least one hidden layer"):
        wd.keep_prob_explorer(*data, layer_dims=(2, 1))


def test_compute_takes_the_initialization(data):
    he = wd.keep_prob_compute((0.5, 1.0), *data, num_iterations=20)
    xavier = wd.keep_prob_compute((0.5, 1.0), *data, num_iterations=20, init="xavier")
    assert not np.array_equal(he["params"]["W1"], xavier["params"]["W1"])
    with pytest.raises(ValueError, match="Unknown init"):
        wd.keep_prob_compute((0.5, 1.0), *data, num_iterations=20, init="uniform")


def test_explorer_figure_has_no_layout_engine(data):
    # any layout engine (even the placeholder "none" leaves) makes savefig draw twice per update
    e = wd.keep_prob_explorer(*data, keep_probs=(0.5, 1.0), num_iterations=20, init="xavier")
    assert e.error is None and e.fig.get_layout_engine() is None
    assert e.controls["keep_prob_1"].description.startswith("keep_prob")
