"""Figures of notebook 10 (gradient checking). Each function takes ``ax`` and returns it."""
from __future__ import annotations

import numpy as np

from ..gradcheck import THRESHOLDS
from .style import COLORS, get_ax

__all__ = ["plot_difference_errors", "plot_per_parameter", "plot_check_vs_epsilon",
           "shade_thresholds"]


def shade_thresholds(ax, labels: bool = True):
    """Shade the lecture's zones on a log y axis: < 1e-7 great, to 1e-3 look closer, above a bug."""
    ax.axhspan(1e-30, THRESHOLDS["great"], color=COLORS["green"], alpha=0.10, lw=0)
    ax.axhspan(THRESHOLDS["bug"], 1e30, color=COLORS["vermillion"], alpha=0.10, lw=0)
    for v in THRESHOLDS.values():
        ax.axhline(v, color=COLORS["grey"], lw=0.8, ls=":")
    if labels:
        tr = ax.get_yaxis_transform()
        for y, text in ((3e-3, "bug"), (2e-7, "look closer"), (2e-8, "great")):
            ax.text(0.005, y, text, transform=tr, fontsize=7, color=COLORS["grey"],
                    va="bottom" if text != "great" else "top")
    return ax


def plot_difference_errors(curves: dict, ax=None, title: str | None = None,
                           guides: bool = True):
    r"""Absolute error of one- and two-sided differences against epsilon, log-log.

    Parameters
    ----------
    curves : label -> output of :func:`course_utils.lessons.gradcheck.finite_difference_errors`
        (the first is drawn solid, the others dashed)
    guides : draw the slopes :math:`\varepsilon`, :math:`\varepsilon^2` and the round-off
        estimate :math:`u/\varepsilon` of the first curve's dtype
    """
    ax = get_ax(ax)
    for i, (label, r) in enumerate(curves.items()):
        ls = "-" if i == 0 else "--"
        eps = r["epsilons"]
        for key, color, marker in (("one_sided", COLORS["orange"], "s"),
                                   ("two_sided", COLORS["blue"], "o")):
            err = np.where(r[key] > 0, r[key], np.nan)
            ax.plot(eps, err, color=color, ls=ls, marker=marker, ms=3.5,
                    markevery=3, label=f"{key.replace('_', '-')} ({label})")
    if guides:
        r = next(iter(curves.values()))
        eps = r["epsilons"]
        ax.plot(eps, 3 * eps, color=COLORS["grey"], lw=1, ls=(0, (1, 1)),
                label=r"slope 1: $3\varepsilon$")
        ax.plot(eps, eps ** 2, color=COLORS["black"], lw=1, ls=(0, (1, 1)),
                label=r"slope 2: $\varepsilon^2$")
        ax.plot(eps, r["unit_roundoff"] / eps, color=COLORS["purple"], lw=1, ls="-.",
                label=r"round-off $\approx u/\varepsilon$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(1e-13, 10)
    ax.set_xlabel(r"step $\varepsilon$")
    ax.set_ylabel("absolute error of the derivative")
    ax.set_title(title or r"Finite differences at $\theta = 1$ for $f = \theta^3$")
    ax.legend(fontsize=7, ncol=2, loc="lower left")
    return ax


def plot_per_parameter(report, ax=None, title: str | None = None):
    """Per-parameter relative differences of a ``GradCheckReport`` as bars on a log axis."""
    ax = get_ax(ax)
    keys = list(report.per_parameter)
    vals = np.array([max(report.per_parameter[k], 1e-16) for k in keys])
    colors = [COLORS["vermillion"] if v > report.threshold else COLORS["blue"] for v in vals]
    hatches = ["//" if v > report.threshold else "" for v in vals]
    bars = ax.bar(keys, vals, color=colors, edgecolor="white")
    for b, h in zip(bars, hatches):
        b.set_hatch(h)
    ax.set_yscale("log")
    ax.set_ylim(1e-12, 3)
    shade_thresholds(ax)
    ax.axhline(report.difference, color=COLORS["black"], lw=1.2, ls="--",
               label=f"all parameters: {report.difference:.1e}")
    ax.set_xlabel("parameter block")
    ax.set_ylabel("relative difference")
    ax.set_title(title or "Gradient check, block by block (hatched = suspect)")
    ax.legend(fontsize=8, loc="upper right")
    ax.grid(axis="x", visible=False)
    return ax


def plot_check_vs_epsilon(epsilons, differences: dict, ax=None, current: float | None = None,
                          title: str | None = None):
    """Overall gradient-check difference against epsilon (log-log), one line per case."""
    ax = get_ax(ax)
    styles = (("-", "o", COLORS["blue"]), ("--", "s", COLORS["orange"]),
              (":", "^", COLORS["green"]), ("-.", "D", COLORS["purple"]))
    for i, (label, d) in enumerate(differences.items()):
        ls, mk, color = styles[i % len(styles)]
        ax.plot(epsilons, d, ls=ls, marker=mk, ms=3.5, color=color, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    shade_thresholds(ax)
    ax.set_ylim(1e-12, 1e3)
    if current is not None:
        ax.axvline(current, color=COLORS["black"], lw=1.5, label=rf"$\varepsilon$ = {current:.0e}")
    ax.set_xlabel(r"step $\varepsilon$")
    ax.set_ylabel("relative difference")
    ax.set_title(title or r"Gradient check vs $\varepsilon$")
    ax.legend(fontsize=8, loc="upper center", ncol=2)
    return ax
