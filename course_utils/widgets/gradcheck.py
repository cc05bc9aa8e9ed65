"""Explorer of notebook 10: epsilon and a planted bug -> the gradient check, block by block.

The numerical gradient does not depend on the bug (only backprop does), so
:class:`NumericalGradients` computes it once per ``(lambd, epsilon)`` and every
update only runs the (buggy) backprop and the comparison.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from .._checks import check_choice, check_lambd, check_positive_float
from ..gradcheck import (
    GradCheckReport,
    grads_to_vector,
    numerical_gradient,
    params_to_vector,
    relative_difference,
    vector_to_params,
)
from ..i18n import N_, _
from ..lessons.gradcheck import BUGS, planted_backprop, small_problem
from ..nn import cross_entropy_unchecked, forward_unchecked, l2_penalty_unchecked
from ..plots.gradcheck import shade_thresholds
from ..plots.style import COLORS, log_ticks
from .base import BlitExplorer, translate_known

__all__ = ["NumericalGradients", "gradcheck_compute", "gradcheck_summary",
           "gradcheck_explorer", "EPSILON_GRID", "LAMBDAS"]

EPSILON_GRID = 10.0 ** np.arange(-12.0, -0.75, 0.5)
"""The epsilon values of the explorer's slider: 1e-12 ... 1e-1 in half decades."""

LAMBDAS = (0.0, 0.7)
"""The L2 strengths offered by the explorer."""

_VERDICTS = (N_("great: backprop is almost certainly correct"),
             N_("look closer: maybe fine, check the components"),
             N_("bug: backprop is almost certainly wrong"))
"""The forms of ``gradcheck.verdict``, translated when shown."""


class NumericalGradients:
    """Two-sided numerical gradients of one small problem's cost, cached by (lambd, epsilon).

    The problem is :func:`course_utils.lessons.gradcheck.small_problem` (a tanh
    network ``[4, 5, 3, 1]`` on 10 examples, small random biases).
    """

    def __init__(self, hidden_activation: str = "tanh", seed: int = 0):
        self.hidden = hidden_activation
        self.X, self.Y, self.params = small_problem(seed=seed)
        self.theta, self.spec = params_to_vector(self.params)
        self._cache = {}

    def get(self, lambd: float, epsilon: float) -> np.ndarray:
        """The numerical gradient (n_params,) of J including the L2 term ``lambd``."""
        key = (float(lambd), float(np.round(np.log10(epsilon), 6)))
        if key not in self._cache:
            m = self.X.shape[1]

            def J(t):
                p = vector_to_params(t, self.spec)
                _, c = forward_unchecked(self.X, p, self.hidden, "sigmoid")
                return (cross_entropy_unchecked(c[-1].Z, self.Y, "sigmoid")
                        + l2_penalty_unchecked(p, lambd, m))

            self._cache[key] = numerical_gradient(J, self.theta, float(epsilon))
        return self._cache[key]

    def backprop(self, bug: str, lambd: float) -> np.ndarray:
        """Backprop's gradient (n_params,) with the planted ``bug``."""
        AL, caches = forward_unchecked(self.X, self.params, self.hidden, "sigmoid")
        grads = planted_backprop(bug, self.hidden, lambd)(self.X, self.Y, self.params, caches, AL)
        return grads_to_vector(grads, self.spec)

    def report(self, bug: str, lambd: float, epsilon: float,
               threshold: float = 1e-5) -> GradCheckReport:
        """The :class:`GradCheckReport` of ``bug`` at ``(lambd, epsilon)``."""
        d_num, d_bp = self.get(lambd, epsilon), self.backprop(bug, lambd)
        per, i = {}, 0
        for key, shape in self.spec:
            n = int(np.prod(shape))
            per[key] = relative_difference(d_num[i:i + n], d_bp[i:i + n])
            i += n
        return GradCheckReport(relative_difference(d_num, d_bp), per, d_num, d_bp,
                               float(epsilon), threshold)


def gradcheck_compute(epsilon: float, bug: str, lambd: float,
                      grads: NumericalGradients | None = None) -> dict:
    """Pure compute of the explorer: the report at ``epsilon`` and the curve over the grid.

    Returns
    -------
    dict with ``report`` (GradCheckReport), ``epsilon``, ``bug``, ``lambd``,
    ``grid`` (k,) and ``curves`` {label: (k,) differences} for the bug and for
    correct backprop.
    """
    epsilon = check_positive_float(epsilon, "epsilon")
    check_choice(bug, BUGS, "bug")
    lambd = check_lambd(lambd)
    grads = grads or NumericalGradients()
    report = grads.report(bug, lambd, epsilon)
    curves = {}
    for b in dict.fromkeys([bug, "none"]):
        bp = grads.backprop(b, lambd)
        label = "correct backprop" if b == "none" else f"bug: {b}"
        curves[label] = np.array([relative_difference(grads.get(lambd, e), bp)
                                  for e in EPSILON_GRID])
    return {"report": report, "epsilon": epsilon, "bug": bug, "lambd": lambd,
            "grid": EPSILON_GRID, "curves": curves}


def gradcheck_summary(r: dict) -> str:
    """HTML: the overall difference, its verdict and the suspect blocks."""
    rep = r["report"]
    sus = ", ".join(rep.suspects) or _("none")
    note = ""
    if r["epsilon"] > 1e-4:
        note = " " + _("<i>(epsilon is large: truncation error O(eps²) dominates)</i>")
    elif r["epsilon"] < 1e-9:
        note = " " + _("<i>(epsilon is tiny: round-off error ~1e-16/eps dominates)</i>")
    return _("epsilon = {epsilon:.0e}, lambd = {lambd}, planted bug: <b>{bug}</b>.<br>"
             "difference = <b>{difference:.2e}</b> → {verdict}; suspect blocks: "
             "<b>{suspects}</b>{note}").format(
        epsilon=r["epsilon"], lambd=r["lambd"], bug=html.escape(r["bug"]),
        difference=rep.difference, verdict=html.escape(translate_known(rep.verdict, _VERDICTS)),
        suspects=html.escape(sus), note=note)


def _draw(r: dict, fig) -> dict:
    """Build both panels once; return the artists that :func:`_refresh` updates."""
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw=dict(left=0.08, right=0.985, bottom=0.15,
                                                    top=0.9, wspace=0.28))
    keys = list(r["report"].per_parameter)
    bars = ax1.bar(keys, np.ones(len(keys)), color=COLORS["blue"], edgecolor="white")
    ax1.set_yscale("log")
    ax1.set_ylim(1e-12, 3)
    shade_thresholds(ax1)
    overall = ax1.axhline(1.0, color=COLORS["black"], lw=1.2, ls="--",
                          label="all parameters (value in the title)")
    ax1.set_xlabel("parameter block")
    ax1.set_ylabel("relative difference")
    ax1.legend(fontsize=8, loc="upper right")
    ax1.grid(axis="x", visible=False)
    ax1.set_title(" ", y=1.0)  # a fixed height: no search for overlapping tick labels
    grid = r["grid"]
    (bug,) = ax2.plot(grid, np.ones_like(grid), ls="-", marker="o", ms=3.5,
                      color=COLORS["blue"], label="planted bug")
    (correct,) = ax2.plot(grid, np.ones_like(grid), ls="--", marker="s", ms=3.5,
                          color=COLORS["orange"], label="correct backprop")
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    shade_thresholds(ax2)
    ax2.set_ylim(1e-12, 1e3)
    vline = ax2.axvline(r["epsilon"], color=COLORS["black"], lw=1.5,
                        label=r"chosen $\varepsilon$")
    ax2.set_xlabel(r"step $\varepsilon$")
    ax2.set_ylabel("relative difference")
    ax2.set_title("Overall difference vs epsilon", y=1.0)
    ax2.legend(fontsize=8, loc="upper center", ncol=2)
    log_ticks(ax1, "y")
    log_ticks(ax2, "xy")
    a = {"bars": list(bars), "overall": overall, "title": ax1.title, "bug": bug,
         "correct": correct, "vline": vline, "legends": [ax1.get_legend(), ax2.get_legend()]}
    _refresh(r, a)
    return a


def _refresh(r: dict, a: dict) -> None:
    """Update the bars, lines and title to the result ``r`` (the axes stay as drawn)."""
    rep = r["report"]
    for bar, key in zip(a["bars"], rep.per_parameter):
        value = max(rep.per_parameter[key], 1e-16)
        suspect = value > rep.threshold
        bar.set_height(value)
        bar.set_facecolor(COLORS["vermillion"] if suspect else COLORS["blue"])
        bar.set_hatch("//" if suspect else "")
    a["overall"].set_ydata([rep.difference, rep.difference])
    a["title"].set_text(f"Per block at epsilon = {r['epsilon']:.0e} "
                        f"(all: {rep.difference:.1e})")
    curves = r["curves"]
    a["correct"].set_ydata(curves["correct backprop"])
    bug = [v for k, v in curves.items() if k != "correct backprop"]
    a["bug"].set_visible(bool(bug))
    if bug:
        a["bug"].set_ydata(bug[0])
    a["vline"].set_xdata([r["epsilon"], r["epsilon"]])


def _dynamic(a: dict) -> list:
    return a["bars"] + [a["overall"], a["title"], a["bug"], a["correct"], a["vline"]] + \
        a["legends"]  # the legends last: drawn over the bars and curves, as in a full redraw


def gradcheck_explorer(epsilon: float = 1e-7, bug: str = "dW2 x2, db1 x4",
                       lambd: float = 0.7) -> BlitExplorer:
    """Epsilon slider (log), planted-bug menu and L2 choice -> per-block report and curve.

    The axes are drawn once; an update redraws only the bars, the curves, the
    epsilon marker and the title (:class:`BlitExplorer`)."""
    grads = NumericalGradients()
    for lam in LAMBDAS:  # precompute the whole grid once: updates are then lookups
        for e in EPSILON_GRID:
            grads.get(lam, e)
    controls = {
        "epsilon": widgets.FloatLogSlider(value=epsilon, base=10, min=-12, max=-1, step=0.5,
                                          description="epsilon", readout_format=".0e"),
        "bug": widgets.Dropdown(options=list(BUGS), value=bug, description=_("planted bug")),
        "lambd": widgets.Dropdown(options=list(LAMBDAS), value=lambd, description="lambd"),
    }

    def compute(epsilon, bug, lambd):
        return gradcheck_compute(epsilon, bug, lambd, grads)

    return BlitExplorer(controls, compute, _draw, gradcheck_summary, refresh=_refresh,
                        dynamic=_dynamic, figsize=(10, 3.6),
                        title=_("<b>Gradient check: step size and planted bugs</b>"))
