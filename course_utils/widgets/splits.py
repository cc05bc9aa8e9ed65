"""Explorer of notebook 01: dataset size -> recommended split and dev-set precision."""
from __future__ import annotations

import ipywidgets as widgets

from ..i18n import N_, _
from ..lessons.splits import recommend_split
from ..plots.splits import plot_ci_width, plot_split_bar
from .base import Explorer, translate_known

__all__ = ["split_compute", "split_summary", "split_explorer"]

_RULES = (N_("small data: 60/20/20"), N_("small data, no test set: 70/30"),
          N_("big data: 98/1/1"), N_("very big data: 99.5/0.25/0.25"),
          N_("very big data: 99.5/0.4/0.1"), N_("small data: dev share capped at {cap}"))
"""The forms of ``SplitRecommendation.rule`` (``lessons.splits``), translated when shown."""


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
    values = dict(m=rec.m, train=tr, dev=dv, test=te, n_train=rec.n_train, n_dev=rec.n_dev,
                  n_test=rec.n_test, rule=translate_known(rec.rule, _RULES), p=rec.p,
                  half_width=100 * rec.dev_half_width, needed=rec.needed)
    if rec.capped:
        text = _("<b>m = {m:,}</b>: train/dev/test = <b>{train:.4g} / {dev:.3g} / {test:.3g} "
                 "%</b> ({n_train:,} / {n_dev:,} / {n_test:,}); closest lecture rule: "
                 "<i>{rule}</i>.<br>Dev accuracy {p:.0%} is measured to <b>+/- "
                 "{half_width:.2f} pp</b> (95% CI); the dev set is capped at its share: the "
                 "data is small, the interval is wider than the target.")
    else:
        text = _("<b>m = {m:,}</b>: train/dev/test = <b>{train:.4g} / {dev:.3g} / {test:.3g} "
                 "%</b> ({n_train:,} / {n_dev:,} / {n_test:,}); closest lecture rule: "
                 "<i>{rule}</i>.<br>Dev accuracy {p:.0%} is measured to <b>+/- "
                 "{half_width:.2f} pp</b> (95% CI); the dev set needs only {needed:,} "
                 "examples, whatever m is.")
    return text.format(**values)


def _draw(rec, fig):
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
                                         description=_("target +/- pp")),
        "p": widgets.FloatSlider(value=p, min=0.5, max=0.99, step=0.01,
                                 description=_("accuracy p")),
        "with_test": widgets.Checkbox(value=with_test, description=_("keep a test set")),
    }
    return Explorer(controls, split_compute, _draw, split_summary, figsize=(10, 3.4),
                    title=_("<b>How big must the dev set be?</b>"))
