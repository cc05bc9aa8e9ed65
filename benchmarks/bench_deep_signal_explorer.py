"""Slider-to-redraw time of the deep-signal explorer of notebook 08.

Every depth (1 to 200), every weight-scale position (10^-1 to 10^2 in the slider's
steps) and every activation is visited once, the other controls at their
defaults, plus the extreme corners (depth 200 with scale 0.1 and 100, for every
activation; depth 200 x scale 100 overflows and is reported as a message). Each
update's time is the Explorer's own timing (from ``control.value = v`` to the new
PNG and summary); the pure compute (forward + backward pass, the scale-1
reference cached) is timed separately.

Reference measured in the same run, interleaved (one sample after every 5 updates, so
both see the same machine load): a bare two-panel log-scale figure of the same
size and dpi (one line, a title and axis labels each) rendered with the same
``render_png``: the floor cost of any such redraw on this machine.

Wall-clock times depend on the machine's load (other jobs share the 2 cores); the CPU
time of this process per update (``time.process_time``) is printed too.

Usage: ``python benchmarks/bench_deep_signal_explorer.py [--stride 1]``
"""
from __future__ import annotations

import argparse
import time

import numpy as np
from matplotlib.figure import Figure
from threadpoolctl import threadpool_limits

from course_utils.plots.style import log_ticks
from course_utils.widgets.base import render_png
from course_utils.widgets.deep_signal import deep_signal_compute, deep_signal_explorer


def reference_redraw(n: int = 1, figsize=(9.5, 3.8), dpi: int = 80) -> np.ndarray:
    fig = Figure(figsize=figsize)
    fig.set_layout_engine("none")
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fig.clear()
        for ax in fig.subplots(1, 2):
            ax.set_yscale("log")
            ax.plot(np.arange(1, 51), np.exp(np.arange(50) / (i + 1)))
            log_ticks(ax)
            ax.set_title("reference")
            ax.set_xlabel("x")
            ax.set_ylabel("y")
        render_png(fig, dpi)
        out.append(time.perf_counter() - t0)
    return np.array(out)


def stats(t) -> str:
    t = np.asarray(t)
    return f"median {np.median(t):.3f} s, p90 {np.quantile(t, 0.9):.3f} s, max {t.max():.3f} s (n={t.size})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stride", type=int, default=1, help="visit every k-th position")
    args = parser.parse_args()
    threadpool_limits(1)
    ref = []
    ex = deep_signal_explorer()

    ref_cpu = [0.0]   # CPU seconds spent in reference samples (subtracted from the updates)

    def sample_reference(change=None):
        if len(ex.timings) % 5 == 0:
            c0 = time.process_time()
            ref.extend(reference_redraw())
            ref_cpu[0] += time.process_time() - c0

    cpu = []

    def set_value(widget, v):
        """Set a control; record the update's CPU time (load-independent), reference excluded."""
        before, c0 = ref_cpu[0], time.process_time()
        widget.value = v
        cpu.append(time.process_time() - c0 - (ref_cpu[0] - before))

    for w in ex.controls.values():
        w.observe(sample_reference, names="value")
    depth, scale, act = ex.controls["depth"], ex.controls["scale"], ex.controls["activation"]
    defaults = ex.values()
    values = {
        "depth": list(range(depth.min, depth.max + 1, args.stride)) + [depth.max],
        "scale": list(scale.base ** np.round(np.arange(scale.min, scale.max + scale.step / 2,
                                                        scale.step), 10)[::args.stride])
        + [scale.base ** scale.max],
        "activation": list(act.options),
    }
    per = {}
    for name, vals in values.items():
        ex.timings.clear()
        for v in vals:
            set_value(ex.controls[name], v)
            assert ex.error is None, ex.error
        per[name] = list(ex.timings)
        ex.controls[name].value = defaults[name]
    ex.timings.clear()
    overflow = 0
    for a in act.options:
        set_value(act, a)
        set_value(depth, depth.max)
        for s in (scale.base ** scale.min, scale.base ** scale.max):
            set_value(scale, s)
            overflow += ex.result["profile"].overflow is not None
        depth.value, scale.value = defaults["depth"], defaults["scale"]
    per["corners"] = list(ex.timings)
    comp = []
    for d in (1, 50, 100, 200):
        for s in (0.1, 1.0, 100.0):
            t0 = time.perf_counter()
            deep_signal_compute(d, s, "tanh")
            comp.append(time.perf_counter() - t0)
    allt = np.concatenate([per[k] for k in per])
    print("Deep-signal explorer (notebook 08): time per control update")
    for k, t in per.items():
        print(f"  {k:<14} {stats(t)}")
    print(f"  {'all updates':<14} {stats(allt)}")
    print(f"  {'compute only':<14} {stats(comp)}")
    print(f"  {'CPU per update':<14} {stats(cpu)}  (this process's CPU time, load-independent)")
    print(f"  corner settings reported as overflow (not errors): {overflow}")
    ref = np.array(ref)
    print(f"Reference (bare two-panel log redraw, same size/dpi, interleaved): {stats(ref)}")
    print(f"Ratio median update / median reference (wall): {np.median(allt) / np.median(ref):.2f}")
    ref_cpu_mean = ref_cpu[0] / ref.size
    print(f"Reference CPU per redraw: mean {ref_cpu_mean:.3f} s; ratio median update CPU / "
          f"reference CPU: {np.median(cpu) / ref_cpu_mean:.2f}")


if __name__ == "__main__":
    main()
