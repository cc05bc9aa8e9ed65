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

Wall and CPU times per update are printed (see ``benchmarks/_timing.py``).

Usage: ``python benchmarks/bench_normalization_explorer.py [--stride 1]``
"""
from __future__ import annotations

import time

from _timing import positions, report_updates, sweep_explorer

from course_utils.widgets.normalization import normalization_compute, normalization_explorer


def main():
    ex, timer, per, args = sweep_explorer(__doc__.split("\n")[0], normalization_explorer,
                                          (9.5, 4.4))
    sr, lr = ex.controls["scale_ratio"], ex.controls["learning_rate"]
    timer.visit_grid({"scale_ratio": [sr.base ** sr.min, sr.base ** sr.max],
                      "learning_rate": [lr.base ** lr.min, lr.base ** lr.max]})
    per["corners"] = list(ex.timings)
    comp = []
    for v in positions(lr, max(args.stride, 3)):
        t0 = time.perf_counter()
        normalization_compute(10.0, v)
        comp.append(time.perf_counter() - t0)
    allt = report_updates("Normalization explorer (notebook 07): time per slider update", per, comp,
                          timer.cpu)
    timer.report_reference(allt)


if __name__ == "__main__":
    main()
