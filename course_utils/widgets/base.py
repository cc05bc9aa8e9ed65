"""The common machinery of every explorer: controls -> pure compute -> figure + summary.

An :class:`Explorer` observes its controls; on every change it calls the pure
``compute(**values)``, writes ``summarize(result)`` into an HTML widget and
redraws ``draw(result, fig)`` into a PNG ``Image`` widget. The figure is a
plain :class:`matplotlib.figure.Figure` (not managed by pyplot), so nothing is
displayed twice and nothing leaks between updates. Errors raised by ``compute``
(bad combinations of values, overflow) are shown as a message, never as a
traceback. Each update's duration is kept in ``timings`` for the benchmarks.
A :class:`BlitExplorer` draws the figure once and afterwards redraws only the
artists that change (notebooks 05 and 06).

What an explorer says to a learner (its title, the words of its controls, its
summary and the "Cannot show this setting" message) goes through
:func:`course_utils.i18n._` when it is shown, so the Chinese edition reads it in
Chinese; figure labels stay English. A text composed outside the widgets (a
lesson's verdict or rule) is translated by :func:`translate_known` when it has
one of the English forms the widget module lists with ``N_``.
"""
from __future__ import annotations

import html
import io
import re
import string
import time
from functools import lru_cache

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

from ..i18n import _

__all__ = ["Explorer", "BlitExplorer", "render_png", "translate_known"]


@lru_cache(maxsize=None)
def _form_pattern(form: str) -> re.Pattern:
    """A regular expression matching the texts that fill the template ``form``."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(form):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts), re.S)


def translate_known(message: str, forms) -> str:
    """``message`` in the language in use, when it fills one of the English ``forms``.

    For a text composed outside the widgets (a lesson's verdict, a recommendation's
    rule), shown in an explorer's summary. Each form is an English template marked
    with ``N_`` (``"not converged after {n} iterations"``, or a fixed text); the
    first form the whole ``message`` fills is translated and filled with the same
    field values. In English the result is ``message`` itself; a message of no
    listed form is returned unchanged (English).
    """
    for form in forms:
        match = _form_pattern(form).fullmatch(message)
        if match:
            return _(form).format(**match.groupdict())
    return message


def _fixed_margins(fig: Figure) -> Figure:
    """Remove ``fig``'s layout engine: the figure keeps the margins its axes are given.

    While a figure has any layout engine, ``savefig`` draws it twice (once to lay it out,
    once to render); ``fig.set_layout_engine("none")`` leaves a placeholder engine that
    still costs the extra draw, and ``set_layout_engine(None)`` alone picks the engine the
    course style asks for (constrained). Returns ``fig``.
    """
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    return fig


def render_png(fig: Figure, dpi: int = 80) -> bytes:
    """Render a figure to PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


class Explorer:
    """Controls + live figure + summary text, driven by a pure ``compute`` function.

    Parameters
    ----------
    controls : dict name -> ipywidgets value widget (its value is passed to compute)
    compute : callable ``compute(**values) -> result`` (pure; tested on its own)
    draw : callable ``draw(result, fig)`` drawing into an empty Figure without a layout
        engine (give the axes their margins, e.g. ``fig.subplots(gridspec_kw=...)``); may be None
    summarize : callable ``summarize(result) -> str`` (HTML shown above the figure)
    figsize : figure size in inches
    title : optional HTML title above the controls
    dpi : resolution of the rendered PNG
    """

    def __init__(self, controls: dict, compute, draw=None, summarize=None,
                 figsize=(9.0, 3.6), title: str | None = None, dpi: int = 80):
        if not controls:
            raise ValueError("controls must name at least one widget, e.g. {'lambd': slider}.")
        self.controls = dict(controls)
        self.compute = compute
        self.draw = draw
        self.summarize = summarize or (lambda result: "")
        # Fixed margins (no layout engine): ``draw`` places the axes itself, and each PNG
        # costs one draw. One Agg canvas for the explorer's life: savefig on a bare Figure
        # makes a new canvas, hence a new renderer, every time, and matplotlib's text-size
        # and mathtext caches (kept per renderer) would start empty at every redraw.
        self.fig = _fixed_margins(Figure(figsize=figsize))
        FigureCanvasAgg(self.fig)
        self.dpi = dpi
        self.summary = widgets.HTML()
        self.image = widgets.Image(format="png",
                                   layout=widgets.Layout(max_width="100%", height="auto"))
        self.result = None
        self.error: str | None = None
        self.timings: list[float] = []
        for w in self.controls.values():
            w.observe(self._on_change, names="value")
        boxes = [widgets.HTML(title)] if title else []
        boxes += [widgets.HBox(list(self.controls.values()),
                               layout=widgets.Layout(flex_flow="row wrap")),
                  self.summary]
        if draw is not None:
            boxes.append(self.image)
        self.widget = widgets.VBox(boxes)
        self.update()

    def values(self) -> dict:
        """Current values of the controls, by name."""
        return {name: w.value for name, w in self.controls.items()}

    def _on_change(self, change) -> None:
        self.update()

    def update(self) -> None:
        """Recompute, summarize and redraw for the current control values."""
        t0 = time.perf_counter()
        try:
            result = self.compute(**self.values())
        except (ValueError, ArithmeticError) as exc:
            self.error = str(exc)
            self.summary.value = ("<p style='color:#D55E00'>"
                                  + _("<b>Cannot show this setting:</b> {message}").format(
                                      message=html.escape(str(exc))) + "</p>")
            self.timings.append(time.perf_counter() - t0)
            return
        self.error = None
        self.result = result
        self.summary.value = self.summarize(result)
        if self.draw is not None:
            self._show_png(self._render(result))
        self.timings.append(time.perf_counter() - t0)

    def _render(self, result) -> bytes:
        """Draw ``result`` into the (cleared) figure and return it as PNG bytes.

        Subclasses that redraw more cleverly (e.g. blitting) override this only.
        """
        self.fig.clear()
        _fixed_margins(self.fig)   # savefig put the style's layout engine back on its way out
        self.draw(result, self.fig)
        return render_png(self.fig, self.dpi)

    def _show_png(self, png: bytes) -> None:
        self.image.value = png
        # show the PNG at its own pixel width: a VBox stretches its children, which
        # would blur a small figure over the whole notebook width
        width = f"{int.from_bytes(png[16:20], 'big')}px"
        if self.image.layout.width != width:
            self.image.layout.width = width

    @property
    def summary_text(self) -> str:
        """The summary without HTML tags and entities (what a learner reads)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.summary.value))

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)


class BlitExplorer(Explorer):
    """An :class:`Explorer` that renders its static parts once and blits what changes.

    The first update draws the whole figure (``draw(result, fig)`` returns a dict of
    artists) and keeps the rendered background without the changing artists
    (``dynamic(artists)`` lists them, in drawing order); every later update restores
    that background, lets ``refresh(result, artists)`` update the changing artists,
    draws only those, and encodes the pixels as PNG. Axes, ticks, labels and static
    curves are never redrawn, which makes an update several times cheaper than a full
    redraw. Errors are shown as in :class:`Explorer`.
    """

    def __init__(self, *args, refresh=None, dynamic=None, **kwargs):
        if refresh is None or dynamic is None:
            raise TypeError("BlitExplorer needs refresh(result, artists) and dynamic(artists).")
        self._refresh = refresh
        self._dynamic_of = dynamic
        self._artists = None
        self._canvas = None
        self._background = None
        super().__init__(*args, **kwargs)

    def _dynamic(self):
        return self._dynamic_of(self._artists)

    def _blit_png(self) -> bytes:
        self._canvas.restore_region(self._background)
        for artist in self._dynamic():
            artist.set_animated(True)
            artist.axes.draw_artist(artist) if artist.axes is not None else \
                artist.draw(self._canvas.get_renderer())
        rgba = np.asarray(self._canvas.buffer_rgba())
        buf = io.BytesIO()
        PILImage.fromarray(rgba).save(buf, format="PNG", compress_level=1)
        return buf.getvalue()

    def _render(self, result) -> bytes:
        """Draw everything once; afterwards refresh and blit only the dynamic artists."""
        if self._artists is None:
            self.fig.clear()
            self.fig.set_dpi(self.dpi)
            self._canvas = self.fig.canvas
            self._artists = self.draw(result, self.fig)
            for artist in self._dynamic():
                artist.set_animated(True)
            self._canvas.draw()
            self._background = self._canvas.copy_from_bbox(self.fig.bbox)
        else:
            self._refresh(result, self._artists)
        return self._blit_png()
