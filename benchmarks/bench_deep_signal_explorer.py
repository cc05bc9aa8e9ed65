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

Wall and CPU times per update are printed (see ``benchmarks/_timing.py``).

Usage: ``python benchmarks/bench_deep_signal_explorer.py [--stride 1]``
"""
from __future__ import annotations

import time

from _timing import report_updates, sweep_explorer

from course_utils.widgets.deep_signal import deep_signal_compute, deep_signal_explorer


def main():
    ex, timer, per, args = sweep_explorer(__doc__.split("\n")[0], deep_signal_explorer,
                                          (9.5, 3.8), log_y=True)
    depth, scale, act = ex.controls["depth"], ex.controls["scale"], ex.controls["activation"]
    corners = timer.visit_grid({"activation": act.options, "depth": [depth.max],
                                "scale": [scale.base ** scale.min, scale.base ** scale.max]})
    overflow = sum(r["profile"].overflow is not None for r in corners)
    per["corners"] = list(ex.timings)
    comp = []
    for d in (1, 50, 100, 200):
        for s in (0.1, 1.0, 100.0):
            t0 = time.perf_counter()
            deep_signal_compute(d, s, "tanh")
            comp.append(time.perf_counter() - t0)
    allt = report_updates("Deep-signal explorer (notebook 08): time per control update", per, comp,
                          timer.cpu)
    print(f"  corner settings reported as overflow (not errors): {overflow}")
    timer.report_reference(allt, "bare two-panel log redraw")


if __name__ == "__main__":
    main()
