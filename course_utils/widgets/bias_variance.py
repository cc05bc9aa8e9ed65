"""Explorers of notebook 02: the diagnosis of train/dev/Bayes error, the decomposition by degree."""
from __future__ import annotations

import ipywidgets as widgets

from ..i18n import N_, _
from ..lessons.bias_variance import diagnose, polynomial_bias_variance
from ..plots.bias_variance import plot_decomposition, plot_diagnosis, plot_polynomial_fits
from .base import Explorer, translate_known

__all__ = ["diagnosis_compute", "diagnosis_summary", "diagnosis_explorer",
           "decomposition_compute", "decomposition_explorer"]

_DIAGNOSES = (
    N_("high bias"), N_("high variance"), N_("high bias and high variance"),
    N_("low bias and low variance"),
    N_("fit the training set first: bigger network, train longer (or another architecture)."),
    N_("close the dev-train gap: more data, regularization (L2, dropout, augmentation) "
       "(or another architecture)."),
    N_("fix the bias first (bigger network, train longer), then the variance (more data, "
       "regularization)."),
    N_("done: both gaps are small."),
)
"""The labels and next steps of ``lessons.bias_variance.diagnose``, translated when shown."""


def diagnosis_compute(train_pct: float, dev_pct: float, bayes_pct: float = 0.0,
                      tolerance_pct: float = 2.0):
    """Pure compute behind :func:`diagnosis_explorer`: errors in percent -> :class:`Diagnosis`."""
    return diagnose(train_pct / 100.0, dev_pct / 100.0, bayes_pct / 100.0, tolerance_pct / 100.0)


def diagnosis_summary(d) -> str:
    """HTML: the two gaps, the label and the recipe's next step."""
    note = ""
    if d.avoidable_bias < 0:
        note = _("<br><i>Train error is below your Bayes estimate: the estimate is too high "
                 "(or the model memorised the training set).</i>")
    elif d.variance < 0:
        note = _("<br><i>Dev error below train error: a small or easier dev set?</i>")
    return _("Avoidable bias = train - Bayes = <b>{bias:.1f} pp</b>; "
             "variance = dev - train = <b>{variance:.1f} pp</b> "
             "→ <b>{label}</b>.<br>Next step: {next_step}{note}").format(
        bias=100 * d.avoidable_bias, variance=100 * d.variance,
        label=translate_known(d.label, _DIAGNOSES),
        next_step=translate_known(d.next_step, _DIAGNOSES), note=note)


def diagnosis_explorer(train_pct: float = 15.0, dev_pct: float = 16.0,
                       bayes_pct: float = 0.0) -> Explorer:
    """Three sliders (train, dev, Bayes error in %) -> the gaps as bars and the diagnosis."""
    controls = {
        "train_pct": widgets.FloatSlider(value=train_pct, min=0, max=50, step=0.5,
                                         description=_("train error %")),
        "dev_pct": widgets.FloatSlider(value=dev_pct, min=0, max=60, step=0.5,
                                       description=_("dev error %")),
        "bayes_pct": widgets.FloatSlider(value=bayes_pct, min=0, max=30, step=0.5,
                                         description=_("Bayes error %")),
    }

    def draw(d, fig):
        plot_diagnosis(d, fig.subplots(gridspec_kw=dict(left=0.12, right=0.98, bottom=0.1,
                                                        top=0.9)))

    return Explorer(controls, diagnosis_compute, draw, diagnosis_summary, figsize=(5.5, 3.4),
                    title=_("<b>Diagnose: avoidable bias or variance?</b>"))


def decomposition_compute(degree: int, res: dict):
    """Pick one degree out of a precomputed decomposition ``res`` (pure, instant).

    Returns
    -------
    dict with ``res``, ``degree``, ``bias2``, ``variance``, ``noise``, ``total``.
    """
    degs = [int(d) for d in res["degree"]]
    if int(degree) not in degs:
        raise ValueError(f"degree must be one of {degs}, got {degree!r}.")
    i = degs.index(int(degree))
    return {"res": res, "degree": int(degree),
            **{k: float(res[k][i]) for k in ("bias2", "variance", "noise", "total")}}


def decomposition_explorer(degree: int = 3, max_degree: int = 10, n_sets: int = 300,
                           seed: int = 0, res: dict | None = None) -> Explorer:
    """Degree slider: fits on resampled training sets (left) and the decomposition (right).

    The experiment (:func:`polynomial_bias_variance`) runs once when the explorer
    is built, unless its result ``res`` is passed; moving the slider only redraws.
    """
    if res is None:
        res = polynomial_bias_variance(range(max_degree + 1), n_sets=n_sets, seed=seed)
    degs = [int(d) for d in res["degree"]]
    controls = {"degree": widgets.IntSlider(value=degree, min=min(degs), max=max(degs),
                                            description=_("degree"))}

    def compute(degree):
        return decomposition_compute(degree, res)

    def draw(r, fig):
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw=dict(left=0.07, right=0.99, bottom=0.14,
                                                        top=0.91, wspace=0.25))
        plot_polynomial_fits(r["res"], r["degree"], ax=ax1)
        plot_decomposition(r["res"], ax=ax2)
        ax2.axvline(r["degree"], color="#7F7F7F", lw=6, alpha=0.3)

    def summarize(r):
        return _("Degree {degree}: bias² = {bias2:.3f}, variance = {variance:.3f}, "
                 "noise = {noise:.3f}; total = <b>{total:.3f}</b>").format(
            degree=r["degree"], bias2=r["bias2"], variance=r["variance"], noise=r["noise"],
            total=r["total"])

    return Explorer(controls, compute, draw, summarize, figsize=(10, 3.6),
                    title=_("<b>Bias and variance of polynomial fits</b>"))
