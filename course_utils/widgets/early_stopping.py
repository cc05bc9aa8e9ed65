"""The scrubber of notebook 06: an iteration slider over snapshots recorded once during training.

Training runs once (``train(..., keep_snapshots=True)``); the slider only picks a
snapshot, so an update costs one small forward pass on a grid (cached) and a redraw.
"""
from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.ticker import NullLocator
from PIL import Image as PILImage

from ..lessons.early_stopping import boundary_grid, early_stop_on_curve
from ..plots.early_stopping import plot_boundary_image, plot_error_curves
from .base import Explorer

__all__ = ["ScrubData", "scrub_compute", "scrub_summary", "scrubber_explorer", "BlitExplorer"]


class ScrubData:
    """Everything the scrubber needs, computed from one finished training run.

    Parameters
    ----------
    result : a ``TrainResult`` of ``train(..., X_dev=..., keep_snapshots=True)``
    X, Y : (2, m), (1, m) points drawn on the boundary (the training set)
    patience, monitor : the early-stopping rule replayed on the recorded dev curve
    hidden_activation : of the trained network
    resolution : grid size of the decision-region image
    """

    def __init__(self, result, X, Y, patience: int = 20, monitor: str = "dev_cost",
                 hidden_activation: str = "relu", resolution: int = 80, margin: float = 0.15):
        if not result.snapshots:
            raise ValueError("result has no snapshots: train with keep_snapshots=True "
                             "(and a dev set) so the scrubber can replay training.")
        if monitor not in ("dev_cost", "dev_error"):
            raise ValueError(f"Unknown monitor {monitor!r}. Valid names: 'dev_cost', 'dev_error'.")
        self.history = result.history.as_arrays()
        if self.history["dev_cost"].size == 0:
            raise ValueError("result has no dev curve: train with X_dev and Y_dev.")
        self.snapshots = result.snapshots
        self.iterations = np.array([it for it, _ in self.snapshots])
        self.X, self.Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        self.hidden = hidden_activation
        curve = self.history["dev_cost"] if monitor == "dev_cost" \
            else 1.0 - self.history["dev_accuracy"]
        self.stop = early_stop_on_curve(curve, patience)
        self.best_iteration = int(self.iterations[self.stop.best_index])
        self.stop_iteration = int(self.iterations[self.stop.stop_index])
        self.lo = self.X.min(axis=1) - margin
        self.hi = self.X.max(axis=1) + margin
        self.resolution = resolution
        self._grids: dict[int, np.ndarray] = {}

    def grid(self, index: int) -> np.ndarray:
        """P(y=1) on the grid for snapshot ``index`` (computed once, then cached)."""
        if index not in self._grids:
            self._grids[index] = boundary_grid(self.snapshots[index][1], self.lo, self.hi,
                                               self.resolution, self.hidden)
        return self._grids[index]


def scrub_compute(iteration: int, data: ScrubData) -> dict:
    """Pure compute behind the scrubber: the snapshot at ``iteration`` (a recorded iteration).

    Returns
    -------
    dict with ``iteration``, ``index``, ``proba`` (grid), ``train_error``, ``dev_error``,
    ``weight_norm2``, ``best_iteration``, ``stop_iteration`` and ``phase``.
    """
    it = int(iteration)
    idx = np.flatnonzero(data.iterations == it)
    if idx.size == 0:
        raise ValueError(f"iteration {it} was not recorded; recorded iterations run from "
                         f"{data.iterations[0]} to {data.iterations[-1]} in steps of "
                         f"{data.iterations[1] - data.iterations[0] if data.iterations.size > 1 else 0}.")
    i = int(idx[0])
    h = data.history
    if it < data.best_iteration:
        phase = "before the dev minimum: still learning"
    elif it == data.best_iteration:
        phase = "the dev minimum: early stopping restores these parameters"
    elif it <= data.stop_iteration:
        phase = "waiting (patience): no dev improvement yet"
    else:
        phase = "past the stopping point: fitting the noisy pockets"
    return {"iteration": it, "index": i, "proba": data.grid(i),
            "train_error": 1.0 - float(h["train_accuracy"][i]),
            "dev_error": 1.0 - float(h["dev_accuracy"][i]),
            "weight_norm2": float(h["weight_norm2"][i]),
            "best_iteration": data.best_iteration, "stop_iteration": data.stop_iteration,
            "phase": phase, "data": data}


def scrub_summary(r: dict) -> str:
    """HTML: iteration, errors, weight norm and where we are relative to the stopping point."""
    return (f"Iteration <b>{r['iteration']}</b>: train error {100 * r['train_error']:.1f}%, "
            f"dev error <b>{100 * r['dev_error']:.1f}%</b>, "
            f"||W||² = {r['weight_norm2']:.0f}. Early stopping: best iteration "
            f"{r['best_iteration']}, stops at {r['stop_iteration']}. <i>{r['phase']}</i>.")


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
            self._canvas = FigureCanvasAgg(self.fig)
            self._artists = self.draw(result, self.fig)
            for artist in self._dynamic():
                artist.set_animated(True)
            self._canvas.draw()
            self._background = self._canvas.copy_from_bbox(self.fig.bbox)
        else:
            self._refresh(result, self._artists)
        return self._blit_png()


def scrubber_explorer(result, X, Y, patience: int = 20, monitor: str = "dev_cost",
                      hidden_activation: str = "relu", iteration: int | None = None
                      ) -> BlitExplorer:
    """Iteration slider: decision boundary at that iteration, error curves with the markers.

    Parameters
    ----------
    result : ``TrainResult`` of a run with a dev set and ``keep_snapshots=True``
    X, Y : (2, m), (1, m) points drawn with the boundary (the training set)
    patience, monitor : the early-stopping rule whose stopping point is marked
    iteration : initial slider position (default: the best iteration)
    """
    data = ScrubData(result, X, Y, patience, monitor, hidden_activation)
    its = data.iterations
    start = data.best_iteration if iteration is None else int(iteration)
    controls = {"iteration": widgets.SelectionSlider(
        options=[int(i) for i in its], value=start, description="iteration",
        continuous_update=True, layout=widgets.Layout(width="520px"))}

    first = int(its[1]) if its.size > 1 else 1  # log axis: iteration 0 is shown at the left edge

    def compute(iteration):
        return scrub_compute(iteration, data)

    def draw(r, fig):
        fig.set_layout_engine("none")
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw=dict(left=0.075, right=0.965, bottom=0.14,
                                                       top=0.9, wspace=0.24))
        plot_boundary_image((data.lo[0], data.hi[0]), (data.lo[1], data.hi[1]), r["proba"],
                            data.X, data.Y, ax=ax1,
                            title=f"Decision boundary at iteration {r['iteration']}")
        plot_error_curves(data.history, ax=ax2, best=r["best_iteration"],
                          stop=r["stop_iteration"], current=max(r["iteration"], first),
                          title="Train/dev error; grey bar = shown iteration")
        ax2.xaxis.set_minor_locator(NullLocator())
        marker = ax2.lines[-1]
        marker.set_label("_shown")  # the grey bar is explained in the title, not the legend
        ax2.legend(loc="best", fontsize=8, frameon=True, framealpha=0.85)
        cont = [c for c in ax1.collections if c not in ax1.collections[-2:]]
        return {"ax": ax1, "image": ax1.images[0], "contour": cont[0] if cont else None,
                "points": ax1.collections[-2:], "legend": ax1.get_legend(),
                "marker": marker, "title": ax1.title}

    def refresh(r, a):
        a["image"].set_data(r["proba"])
        if a["contour"] is not None:
            a["contour"].remove()
            a["contour"] = None
        p = r["proba"]
        if np.nanmin(p) < 0.5 < np.nanmax(p):
            xs = np.linspace(data.lo[0], data.hi[0], p.shape[1])
            ys = np.linspace(data.lo[1], data.hi[1], p.shape[0])
            a["contour"] = a["ax"].contour(xs, ys, p, levels=[0.5], colors="#000000",
                                           linewidths=1.4)
            a["contour"].set_animated(True)
        x = max(r["iteration"], first)
        a["marker"].set_xdata([x, x])
        a["title"].set_text(f"Decision boundary at iteration {r['iteration']}")

    def dynamic(a):
        return [a["image"]] + ([a["contour"]] if a["contour"] is not None else []) + \
            list(a["points"]) + [a["legend"], a["title"], a["marker"]]

    return BlitExplorer(controls, compute, draw, scrub_summary, refresh=refresh,
                        dynamic=dynamic, figsize=(10, 3.8),
                        title="<b>Scrub through training</b> (snapshots recorded once; "
                              "no retraining)")
