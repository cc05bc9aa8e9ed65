"""Slider-to-redraw time of the normalization explorer of notebook 07.

Every position of each slider (σ₂/σ₁ from 1 to 100 and α from 1e-4 to 10^0.5, in
the sliders' own steps, extremes included) is visited once with the other slider
at its default, plus the four corners. For each update it records the Explorer's
own timing (from ``slider.value = v`` to the new PNG and summary) and, separately,
the time of the pure compute (two gradient-descent runs of up to 1000 steps).

Reference measured in the same run, interleaved (one sample after every 5 updates, so
both see the same machine load): a bare figure of the same size and dpi with two
panels (a line, a title and axis labels each) rendered to PNG with the same
``render_png``: the floor cost of any two-panel redraw on this machine. The ratio
update / reference shows what the contours, the paths and the compute add.

Wall-clock times depend on the machine's load (other jobs share the 2 cores); the CPU
time of this process per update (``time.process_time``) is printed too.

Usage: ``python benchmarks/bench_normalization_explorer.py [--stride 1]``
"""
from __future__ import annotations

import argparse
import time

import numpy as np
from matplotlib.figure import Figure
from threadpoolctl import threadpool_limits

from course_utils.widgets.base import render_png
from course_utils.widgets.normalization import normalization_compute, normalization_explorer


def reference_redraw(n: int = 1, figsize=(9.5, 4.4), dpi: int = 80) -> np.ndarray:
    fig = Figure(figsize=figsize)
    fig.set_layout_engine("none")
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fig.clear()
        for ax in fig.subplots(1, 2):
            ax.plot(np.arange(50), np.sin(np.arange(50) / (i + 1)))
            ax.set_title("reference")
            ax.set_xlabel("x")
            ax.set_ylabel("y")
        render_png(fig, dpi)
        out.append(time.perf_counter() - t0)
    return np.array(out)


def positions(slider, stride: int):
    """All values of a FloatLogSlider (exponents min..max by step), extremes included."""
    exps = np.round(np.arange(slider.min, slider.max + slider.step / 2, slider.step), 10)
    vals = list(slider.base ** exps[::stride])
    if vals[-1] != slider.base ** slider.max:
        vals.append(slider.base ** slider.max)
    return vals


def stats(t) -> str:
    t = np.asarray(t)
    return f"median {np.median(t):.3f} s, p90 {np.quantile(t, 0.9):.3f} s, max {t.max():.3f} s (n={t.size})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stride", type=int, default=1, help="visit every k-th position")
    args = parser.parse_args()
    threadpool_limits(1)
    ref = []
    ex = normalization_explorer()

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
    defaults = ex.values()
    per = {}
    for name, slider in ex.controls.items():
        ex.timings.clear()
        for v in positions(slider, args.stride):
            set_value(slider, v)
            assert ex.error is None, ex.error
        per[name] = list(ex.timings)
        slider.value = defaults[name]
    ex.timings.clear()
    sr, lr = ex.controls["scale_ratio"], ex.controls["learning_rate"]
    for a in (sr.base ** sr.min, sr.base ** sr.max):
        for b in (lr.base ** lr.min, lr.base ** lr.max):
            set_value(sr, a)
            set_value(lr, b)
    per["corners"] = list(ex.timings)
    comp = []
    for v in positions(lr, max(args.stride, 3)):
        t0 = time.perf_counter()
        normalization_compute(10.0, v)
        comp.append(time.perf_counter() - t0)
    allt = np.concatenate([per[k] for k in per])
    print("Normalization explorer (notebook 07): time per slider update")
    for k, t in per.items():
        print(f"  {k:<14} {stats(t)}")
    print(f"  {'all updates':<14} {stats(allt)}")
    print(f"  {'compute only':<14} {stats(comp)}")
    print(f"  {'CPU per update':<14} {stats(cpu)}  (this process's CPU time, load-independent)")
    ref = np.array(ref)
    print(f"Reference (bare two-panel redraw, same size/dpi, interleaved): {stats(ref)}")
    print(f"Ratio median update / median reference (wall): {np.median(allt) / np.median(ref):.2f}")
    ref_cpu_mean = ref_cpu[0] / ref.size
    print(f"Reference CPU per redraw: mean {ref_cpu_mean:.3f} s; ratio median update CPU / "
          f"reference CPU: {np.median(cpu) / ref_cpu_mean:.2f}")


if __name__ == "__main__":
    main()
