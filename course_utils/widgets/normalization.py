"""Explorer of notebook 07: feature-scale ratio and learning rate -> contours and descent paths."""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..i18n import N_, _
from ..lessons.normalization import gradient_descent, least_squares, make_scaled_regression
from ..plots.normalization import plot_cost_contours
from .base import Explorer, translate_known

__all__ = ["normalization_compute", "normalization_summary", "normalization_explorer"]

_START_STD = np.array([-1.0, 2.0])
"""Start of both runs, in standardized units (the same predictor in both panels)."""

_RUN_MESSAGES = (
    N_("diverged: the parameters overflowed (|w| > 1e150, cost -> inf) at iteration "
       "{iteration}; learning rate {lr} is above the largest stable one, 2/λ_max = {lr_max}"),
    N_("diverging: after {n} iterations the cost is {ratio} times its starting gap; learning "
       "rate {lr} > 2/λ_max = {lr_max}"),
    N_("not converged after {n} iterations (relative gap {gap})"),
    N_("started at the minimum"),
)
"""The forms of ``GDRun.message`` (``lessons.normalization``), translated when shown."""


def normalization_compute(scale_ratio: float, learning_rate: float, num_iterations: int = 1000,
                          m: int = 200, seed: int = 0) -> dict:
    """Gradient descent on raw and on standardized features at the same learning rate.

    Data: :func:`course_utils.lessons.normalization.make_scaled_regression` (centered features,
    sigma_2 = ``scale_ratio`` x sigma_1). Both runs start from the same predictor.

    Returns
    -------
    dict with ``raw`` and ``std``: each ``{"problem", "run", "lr_max"}``; ``scale_ratio``,
    ``learning_rate``.
    """
    X, y = make_scaled_regression(m, scale_ratio, seed=seed)
    mu = X.mean(axis=1, keepdims=True)
    sd = X.std(axis=1, keepdims=True)
    Xn = (X - mu) / sd
    out = {"scale_ratio": float(scale_ratio), "learning_rate": float(learning_rate)}
    for key, XX, w0 in (("raw", X, _START_STD / sd.ravel()), ("std", Xn, _START_STD)):
        prob = least_squares(XX, y)
        run = gradient_descent(prob, learning_rate, num_iterations, w0=w0)
        out[key] = {"problem": prob, "run": run, "lr_max": prob.max_stable_lr_theory}
    return out


def _line(name: str, r: dict) -> str:
    run = r["run"]
    message = html.escape(translate_known(run.message, _RUN_MESSAGES), quote=False)
    if run.diverged:
        verdict = f"<b style='color:#D55E00'>{message}</b>"
    elif run.converged_at is not None:
        verdict = _("<b>converged in {n} iterations</b>").format(n=run.converged_at)
    else:
        verdict = message
    return _("{name}: κ = {kappa:.3g}, largest stable α = {lr_max:.3g} → {verdict}").format(
        name=name, kappa=r["problem"].condition_number, lr_max=r["lr_max"], verdict=verdict)


def normalization_summary(res: dict) -> str:
    """HTML: for each panel the condition number, the largest stable α and the outcome."""
    return (_line(_("Raw features"), res["raw"]) + "<br>"
            + _line(_("Standardized"), res["std"]))


def normalization_explorer(scale_ratio: float = 10.0, learning_rate: float = 0.015) -> Explorer:
    """Sliders: sigma_2 / sigma_1 (log, 1 to 100) and the learning rate (log, 1e-4 to 3)."""
    controls = {
        "scale_ratio": widgets.FloatLogSlider(value=scale_ratio, base=10, min=0, max=2,
                                              step=0.05, description="σ₂ / σ₁",
                                              readout_format=".3g"),
        "learning_rate": widgets.FloatLogSlider(value=learning_rate, base=10, min=-4,
                                                max=0.5, step=0.05, description="α",
                                                readout_format=".3g"),
    }

    def draw(res, fig):
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw=dict(left=0.07, right=0.98, bottom=0.13,
                                                        top=0.9, wspace=0.25))
        for ax, key, name in ((ax1, "raw", "Raw"), (ax2, "std", "Standardized")):
            r = res[key]
            plot_cost_contours(r["problem"], r["run"], ax=ax,
                               title=f"{name} features (κ = {r['problem'].condition_number:.3g})")

    return Explorer(controls, normalization_compute, draw, normalization_summary,
                    figsize=(9.5, 4.4),
                    title=_("<b>Same learning rate, raw vs standardized features</b>"))
