"""Helpers shared by the benchmark scripts (not a benchmark itself).

* :func:`stats`: median, 90th percentile and maximum of a list of durations;
* :func:`positions`: every value of an explorer's control, extremes included;
* :class:`UpdateTimer`: sets controls and times each update in CPU seconds, optionally
  sampling a reference redraw every few updates (interleaved: same machine load);
  :func:`sweep_explorer` builds an explorer and moves each control through its positions;
* :func:`reference_redraw`, :func:`render_reference`, :func:`naive_redraw`: the
  references an explorer's update is compared with, measured in the same run;
* :func:`report_updates`, :func:`report_cpu_and_target`, :func:`load_average`: the
  printed summaries.

Wall-clock times depend on what else runs on the machine (other jobs share its
cores); the CPU time of this process (``time.process_time``) hardly does, so every
script prints both.
"""
from __future__ import annotations

import argparse
import itertools
import os
import time

import numpy as np
from matplotlib.figure import Figure
from threadpoolctl import threadpool_limits

from course_utils.plots.style import log_ticks
from course_utils.widgets.base import render_png

__all__ = ["TARGET", "stats", "positions", "UpdateTimer", "sweep_explorer", "reference_redraw",
           "render_reference",
           "naive_redraw", "report_updates", "report_cpu_and_target", "load_average"]

TARGET = 0.3
"""An explorer's median update must stay well under this many seconds."""


def stats(t) -> str:
    """``median 12.3 ms, p90 15.0 ms, max 20.1 ms (n=40)`` of durations ``t`` in seconds."""
    t = np.asarray(t, dtype=float)
    return (f"median {1e3 * np.median(t):.1f} ms, p90 {1e3 * np.percentile(t, 90):.1f} ms, "
            f"max {1e3 * t.max():.1f} ms (n={t.size})")


def positions(control, stride: int = 1) -> list:
    """Every value of a control, extremes included.

    A dropdown's or selection slider's options; both states of a checkbox (the
    current one last); a slider's steps from ``min`` to ``max`` (every
    ``stride``-th, ``max`` always), as powers of ``base`` for a log slider.
    """
    if hasattr(control, "options"):
        return list(control.options)
    if isinstance(control.value, bool):
        return [not control.value, control.value]
    steps = np.round(np.arange(control.min, control.max + control.step / 2, control.step), 10)
    steps = list(steps[::stride])
    if steps[-1] != control.max:
        steps.append(control.max)
    if hasattr(control, "base"):
        return [control.base ** e for e in steps]
    if isinstance(control.value, int):
        return [int(round(v)) for v in steps]
    return [float(v) for v in steps]


def reference_redraw(figsize, dpi: int = 80, log_y: bool = False) -> float:
    """Wall seconds to draw a bare two-panel figure (a line, a title and axis labels per
    panel; a log y axis with the course's tick labels if ``log_y``) and render it to PNG:
    the floor of any two-panel explorer redraw."""
    fig = Figure(figsize=figsize)
    fig.set_layout_engine("none")
    t0 = time.perf_counter()
    for ax in fig.subplots(1, 2):
        x = np.arange(50)
        if log_y:
            ax.set_yscale("log")
            ax.plot(x + 1, np.exp(x))
            log_ticks(ax)
        else:
            ax.plot(x, np.sin(x))
        ax.set_title("reference")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
    render_png(fig, dpi)
    return time.perf_counter() - t0


class UpdateTimer:
    """Set an explorer's controls and time every update in CPU seconds (``cpu``).

    With ``reference_figsize``, a :func:`reference_redraw` of that size is sampled
    after every ``every``-th update of ``explorer`` (its wall times in ``reference``);
    the CPU time it takes is not counted in the updates'.
    """

    def __init__(self, explorer, reference_figsize=None, log_y: bool = False, every: int = 5):
        self.explorer = explorer
        self.cpu: list[float] = []
        self.reference: list[float] = []
        self.reference_cpu = 0.0
        if reference_figsize is not None:
            def sample(change=None):
                if len(explorer.timings) % every == 0:
                    c0 = time.process_time()
                    self.reference.append(reference_redraw(reference_figsize, log_y=log_y))
                    self.reference_cpu += time.process_time() - c0

            for control in explorer.controls.values():
                control.observe(sample, names="value")

    def set(self, control, value) -> None:
        """Set ``control.value``, record the update's CPU time and check it showed no error."""
        before, c0 = self.reference_cpu, time.process_time()
        control.value = value
        self.cpu.append(time.process_time() - c0 - (self.reference_cpu - before))
        assert self.explorer.error is None, f"{control.description}={value!r}: " \
                                            f"{self.explorer.error}"

    def sweep(self, stride: int = 1) -> dict:
        """Move every control through its :func:`positions` and back to where it was.

        Returns
        -------
        dict control name -> (n,) wall seconds of its updates (``Explorer.timings``)
        """
        out = {}
        for name, control in self.explorer.controls.items():
            start, original = len(self.explorer.timings), control.value
            for v in positions(control, stride) + [original]:
                if v != control.value:
                    self.set(control, v)
            out[name] = np.asarray(self.explorer.timings[start:])
        return out

    def visit_grid(self, values: dict) -> list:
        """Visit every combination of the given control values (the corners of a grid).

        Parameters
        ----------
        values : control name -> the values to combine, e.g. both extremes

        Returns
        -------
        list of ``explorer.result`` after each combination
        """
        results = []
        for combo in itertools.product(*values.values()):
            for name, v in zip(values, combo):
                if self.explorer.controls[name].value != v:
                    self.set(self.explorer.controls[name], v)
            results.append(self.explorer.result)
        return results

    def report_reference(self, updates, what: str = "bare two-panel redraw") -> None:
        """Print the interleaved reference and the update / reference ratios."""
        ref = np.asarray(self.reference)
        per_redraw = self.reference_cpu / ref.size
        print(f"Reference ({what}, same size/dpi, interleaved): {stats(ref)}")
        print(f"Ratio median update / median reference (wall): "
              f"{np.median(updates) / np.median(ref):.2f}")
        print(f"Reference CPU per redraw: mean {1e3 * per_redraw:.1f} ms; ratio median update "
              f"CPU / reference CPU: {np.median(self.cpu) / per_redraw:.2f}")


def sweep_explorer(description: str, build, reference_figsize, log_y: bool = False):
    """The common start of the explorer benchmarks with a ``--stride`` option.

    Parses ``--stride`` (visit every k-th position), limits BLAS to one thread (the
    notebooks' matrices are tiny), builds the explorer with ``build()``, attaches an
    :class:`UpdateTimer` with an interleaved reference of ``reference_figsize`` and
    moves every control through its positions.

    Returns
    -------
    explorer, timer, per (control name -> wall seconds of its updates), args
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--stride", type=int, default=1, help="visit every k-th position")
    args = parser.parse_args()
    threadpool_limits(1)
    explorer = build()
    timer = UpdateTimer(explorer, reference_figsize=reference_figsize, log_y=log_y)
    per = timer.sweep(args.stride)
    explorer.timings.clear()
    return explorer, timer, per, args


def render_reference(figsize, build=None, repeats: int = 20, dpi: int = 80,
                     layout: str | None = "constrained", rebuild: bool = True):
    """Median wall and CPU seconds to render a figure of ``figsize`` to PNG.

    ``build(fig)`` draws the figure's content (default: one empty axes), inside the
    timing on every repeat if ``rebuild``, else once beforehand (then only the
    rendering of a static figure is timed): matplotlib's fixed price of a redraw of
    that size on this machine right now.
    """
    fig = Figure(figsize=figsize, layout=layout)
    build = build or (lambda f: f.subplots())
    if not rebuild:
        build(fig)
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        if rebuild:
            fig.clear()
            build(fig)
        render_png(fig, dpi)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return float(np.median(wall)), float(np.median(cpu))


def naive_redraw(explorer, results, dpi: int = 80) -> float:
    """Median wall seconds of the full redraw a blitting explorer avoids: a new figure,
    ``explorer.draw(result, fig)`` and the PNG, for each of ``results``."""
    times = []
    for r in results:
        t0 = time.perf_counter()
        fig = Figure(figsize=explorer.fig.get_size_inches())
        explorer.draw(r, fig)
        render_png(fig, dpi)
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def report_updates(title: str, per: dict, compute, cpu) -> np.ndarray:
    """Print the update times per control group, overall, of the pure compute and in CPU time.

    Returns the wall times of all updates, concatenated.
    """
    allt = np.concatenate([np.asarray(t, dtype=float) for t in per.values()])
    print(title)
    for k, t in per.items():
        print(f"  {k:<14} {stats(t)}")
    print(f"  {'all updates':<14} {stats(allt)}")
    print(f"  {'compute only':<14} {stats(compute)}")
    print(f"  {'CPU per update':<14} {stats(cpu)}  (this process's CPU time, load-independent)")
    return allt


def report_cpu_and_target(wall, cpu) -> None:
    """Print the CPU times per update and whether the medians meet :data:`TARGET`."""
    print(f"CPU time per update (load-independent): {stats(cpu)}")
    ok = {name: "OK" if np.median(t) < TARGET else "TOO SLOW"
          for name, t in (("wall", wall), ("CPU", cpu))}
    print(f"target: median well under {1e3 * TARGET:.0f} ms -> wall {ok['wall']}, CPU {ok['CPU']}")


def load_average() -> str:
    """``load average (1 min) during the run: 1.2 on 2 cores``."""
    return (f"load average (1 min) during the run: {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} cores")
