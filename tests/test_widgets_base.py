"""The Explorer machinery shared by every notebook's widgets, and its blitting variant."""
import ipywidgets as widgets
import pytest
from matplotlib.figure import Figure

from course_utils.widgets.base import BlitExplorer, Explorer


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


def test_blit_explorer_shows_errors_and_recovers():
    def compute(x):
        if x > 5:
            raise ValueError(f"x = {x} is too large")
        return {"x": x}

    def draw(r, fig):
        ax = fig.subplots()
        ax.set_xlim(0, 10)
        line = ax.axvline(r["x"])
        return {"line": line}

    def refresh(r, a):
        a["line"].set_xdata([r["x"], r["x"]])

    slider = widgets.IntSlider(value=1, min=0, max=10)
    e = BlitExplorer({"x": slider}, compute, draw, lambda r: f"x is {r['x']}",
                     refresh=refresh, dynamic=lambda a: [a["line"]], figsize=(3, 2))
    first = bytes(e.image.value)
    slider.value = 9
    assert e.error == "x = 9 is too large" and "Cannot show this setting" in e.summary.value
    assert bytes(e.image.value) == first  # the last good picture stays
    slider.value = 4
    assert e.error is None and e.summary_text == "x is 4"
    assert bytes(e.image.value) != first
    with pytest.raises(TypeError, match="needs refresh"):
        BlitExplorer({"x": widgets.IntSlider()}, compute, draw)
    assert isinstance(e.fig, Figure)


def test_explorer_draws_the_figure_once_per_png_and_keeps_one_renderer():
    """An explorer's draw function gets a figure without a layout engine (even under the
    course style, which asks for constrained layout, and although savefig puts the style's
    engine back after every PNG), so each PNG costs one draw. Its Agg canvas,
    and so its renderer and matplotlib's text caches, stay the same from update to update."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from course_utils.plots.style import use_course_style
    from course_utils.widgets.base import render_png

    slider = widgets.FloatSlider(value=1.0, min=-2.0, max=2.0, description="x")
    draws, renderers = [], []

    def draw(result, fig):
        engines.append(fig.get_layout_engine())
        ax = fig.add_axes([0.1, 0.1, 0.8, 0.8])
        ax.plot([0, 1], [0, result])

    engines = []
    with mpl.rc_context():
        use_course_style()
        ex = Explorer({"x": slider}, lambda x: x, draw)
        assert engines == [None]
        canvas = ex.fig.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        ex.fig.canvas.mpl_connect("draw_event", lambda event: draws.append(1))
        ex.fig.canvas.mpl_connect("draw_event", lambda event: renderers.append(event.renderer))
        slider.value = 0.5
        slider.value = -0.5
        assert len(draws) == 2, f"{len(draws)} draws for 2 updates"
        assert engines == [None, None, None]
        assert ex.fig.canvas is canvas and renderers[0] is renderers[1]
        # the course style's figure, with its constrained layout, draws twice
        fig = Figure(layout="constrained")
        FigureCanvasAgg(fig)
        fig.add_subplot().plot([0, 1])
        fig.canvas.mpl_connect("draw_event", lambda event: draws.append(2))
        render_png(fig)
        assert draws.count(2) == 2
