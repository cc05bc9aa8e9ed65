"""The scrubber of notebook 06: an iteration slider over snapshots recorded once during training.

Training runs once (``train`` or ``train_batched`` with ``keep_snapshots=True``); the
slider never retrains: it only picks a recorded snapshot, so an update costs one small
forward pass on a grid (cached) and a redraw.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import NullLocator

from ..i18n import N_, _
from ..lessons.early_stopping import boundary_grid, early_stop_on_curve
from ..plots.common import boundary_contour, plot_boundary_image
from ..plots.early_stopping import plot_error_curves
from .base import BlitExplorer

__all__ = ["ScrubData", "scrub_compute", "scrub_summary", "scrubber_explorer"]


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
                             "(and a dev set) so the scrubber has recorded networks to show.")
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
    ``weight_norm2``, ``best_iteration``, ``stop_iteration`` and ``phase`` (English; the
    summary shows it translated).
    """
    it = int(iteration)
    idx = np.flatnonzero(data.iterations == it)
    if idx.size == 0:
        step = data.iterations[1] - data.iterations[0] if data.iterations.size > 1 else 0
        raise ValueError(f"iteration {it} was not recorded; recorded iterations run from "
                         f"{data.iterations[0]} to {data.iterations[-1]} in steps of {step}.")
    i = int(idx[0])
    h = data.history
    if it < data.best_iteration:
        phase = N_("before the dev minimum: still learning")
    elif it == data.best_iteration:
        phase = N_("the dev minimum: early stopping restores these parameters")
    elif it < data.stop_iteration or not data.stop.stopped:
        phase = N_("within the patience: no dev improvement since the best record")
    elif it == data.stop_iteration:
        phase = N_("the stopping record: one more record without improvement than the "
                   "patience")
    else:
        phase = N_("past the stopping point: an early-stopped run never gets here")
    return {"iteration": it, "index": i, "proba": data.grid(i),
            "train_error": 1.0 - float(h["train_accuracy"][i]),
            "dev_error": 1.0 - float(h["dev_accuracy"][i]),
            "weight_norm2": float(h["weight_norm2"][i]),
            "best_iteration": data.best_iteration, "stop_iteration": data.stop_iteration,
            "phase": phase, "data": data}


def scrub_summary(r: dict) -> str:
    """HTML: iteration, errors, weight norm and where we are relative to the stopping point."""
    phase = _(r["phase"])
    return _("Iteration <b>{iteration}</b>: train error {train:.1f}%, dev error "
             "<b>{dev:.1f}%</b>, ||W||² = {norm2:.0f}. Early stopping: best iteration {best}, "
             "stops at {stop}. <i>{phase}</i>.").format(
        iteration=r["iteration"], train=100 * r["train_error"], dev=100 * r["dev_error"],
        norm2=r["weight_norm2"], best=r["best_iteration"], stop=r["stop_iteration"],
        phase=phase[:1].upper() + phase[1:])


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
        options=[int(i) for i in its], value=start, description=_("iteration"),
        continuous_update=True, layout=widgets.Layout(width="520px"))}

    first = int(its[1]) if its.size > 1 else 1  # log axis: iteration 0 is shown at the left edge
    extent = (data.lo[0], data.hi[0], data.lo[1], data.hi[1])

    def compute(iteration):
        return scrub_compute(iteration, data)

    def draw(r, fig):
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw=dict(left=0.075, right=0.965, bottom=0.14,
                                                       top=0.9, wspace=0.24))
        plot_boundary_image(r["proba"], data.X, data.Y, ax=ax1, extent=extent,
                            label_prefix="train ",
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
        a["contour"] = boundary_contour(a["ax"], r["proba"], extent)
        if a["contour"] is not None:
            a["contour"].set_animated(True)
        x = max(r["iteration"], first)
        a["marker"].set_xdata([x, x])
        a["title"].set_text(f"Decision boundary at iteration {r['iteration']}")

    def dynamic(a):
        return [a["image"]] + ([a["contour"]] if a["contour"] is not None else []) + \
            list(a["points"]) + [a["legend"], a["title"], a["marker"]]

    return BlitExplorer(controls, compute, draw, scrub_summary, refresh=refresh,
                        dynamic=dynamic, figsize=(10, 3.8),
                        title=_("<b>Scrub through training</b> (snapshots recorded once; "
                                "no retraining)"))
