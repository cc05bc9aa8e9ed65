"""Explorer of notebook 01: dataset size -> recommended split and dev-set precision."""
from __future__ import annotations

import ipywidgets as widgets

from ..lessons.splits import recommend_split
from ..plots.splits import plot_ci_width, plot_split_bar
from .base import Explorer

__all__ = ["split_compute", "split_summary", "split_explorer"]


def split_compute(m: float, target_pp: float = 0.5, p: float = 0.9, with_test: bool = True):
    """Pure compute behind :func:`split_explorer`.

    Parameters
    ----------
    m : dataset size (a float from a log slider; rounded to an integer)
    target_pp : wanted 95% CI half-width of the dev accuracy, in percentage points
    p : expected accuracy
    with_test : keep a test set as big as the dev set

    Returns
    -------
    SplitRecommendation
    """
    return recommend_split(int(round(m)), target_pp / 100.0, p, with_test,
                           0.2 if with_test else 0.3)


def split_summary(rec) -> str:
    """HTML summary of a recommendation."""
    tr, dv, te = (100 * f for f in rec.fractions)
    cap = ("the dev set is capped at its share: the data is small, the interval is wider "
           "than the target" if rec.capped else
           f"the dev set needs only {rec.needed:,} examples, whatever m is")
    return (f"<b>m = {rec.m:,}</b>: train/dev/test = <b>{tr:.4g} / {dv:.3g} / {te:.3g} %</b> "
            f"({rec.n_train:,} / {rec.n_dev:,} / {rec.n_test:,}); closest lecture rule: "
            f"<i>{rec.rule}</i>.<br>Dev accuracy {rec.p:.0%} is measured to "
            f"<b>+/- {100 * rec.dev_half_width:.2f} pp</b> (95% CI); {cap}.")


def _draw(rec, fig):
    fig.set_layout_engine("none")  # fixed margins: constrained layout doubles the redraw time
    ax1, ax2 = fig.subplots(1, 2, width_ratios=[1, 1.6], gridspec_kw=dict(
        left=0.08, right=0.99, bottom=0.15, top=0.91, wspace=0.25))
    plot_split_bar(rec, ax1)
    plot_ci_width(rec.p, rec.n_dev, rec.target_half_width, ax2,
                  n_range=(10, max(10 ** 7, rec.m)))


def split_explorer(m: float = 10_000, target_pp: float = 0.5, p: float = 0.9,
                   with_test: bool = True) -> Explorer:
    """Sliders: dataset size m (log, 1e2..1e8), target precision, expected accuracy, test set."""
    controls = {
        "m": widgets.FloatLogSlider(value=m, base=10, min=2, max=8, step=0.25,
                                    description="m", readout_format=".3g"),
        "target_pp": widgets.FloatSlider(value=target_pp, min=0.1, max=5.0, step=0.1,
                                         description="target +/- pp"),
        "p": widgets.FloatSlider(value=p, min=0.5, max=0.99, step=0.01,
                                 description="accuracy p"),
        "with_test": widgets.Checkbox(value=with_test, description="keep a test set"),
    }
    return Explorer(controls, split_compute, _draw, split_summary, figsize=(10, 3.4),
                    title="<b>How big must the dev set be?</b>")
