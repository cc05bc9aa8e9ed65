"""The Explorer machinery shared by every notebook's widgets."""
import ipywidgets as widgets
import pytest

from course_utils.widgets.base import Explorer


def make(compute):
    slider = widgets.FloatSlider(value=1.0, min=-2.0, max=2.0, description="x")

    def draw(result, fig):
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, result])
        ax.set_title(f"x = {result}")

    return slider, Explorer({"x": slider}, compute, draw,
                            lambda r: f"<b>value</b>&nbsp;=&nbsp;{r:.1f}")


def test_update_on_value_change_redraws_and_summarizes():
    slider, ex = make(lambda x: 2 * x)
    first = ex.image.value
    assert ex.summary_text == "value\xa0=\xa02.0" and ex.result == 2.0
    slider.value = -2.0
    assert ex.summary_text == "value\xa0=\xa0-4.0" and ex.result == -4.0
    assert ex.image.value != first and ex.image.value[:4] == b"\x89PNG"
    assert len(ex.timings) == 2 and ex.error is None


def test_compute_errors_are_shown_not_raised():
    def compute(x):
        if x < 0:
            raise ValueError("x must be >= 0, got a negative value")
        return x

    slider, ex = make(compute)
    slider.value = -1.0
    assert ex.error == "x must be >= 0, got a negative value"
    assert "Cannot show this setting" in ex.summary_text and ex.result == 1.0
    slider.value = 0.5
    assert ex.error is None and ex.result == 0.5


def test_explorer_needs_controls():
    with pytest.raises(ValueError, match="controls must name at least one widget"):
        Explorer({}, lambda: None)


def test_image_is_shown_at_its_own_pixel_width():
    slider, ex = make(lambda x: x)
    width = int.from_bytes(ex.image.value[16:20], "big")
    assert width == round(ex.fig.get_figwidth() * ex.dpi)
    assert ex.image.layout.width == f"{width}px"
