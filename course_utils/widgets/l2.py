"""The lambd explorer of notebook 03: move lambd, see the network retrained, its decision
boundary, train/dev accuracy and ||W||_F.

Speed: retraining [2, 20, 3, 1] from scratch to convergence takes seconds, too slow for a
slider. The explorer therefore *warm-starts*: for a slider value lambd it takes the network of
the notebook's sweep (seed 0) with the largest sweep lambd <= lambd and runs
``warm_iterations`` more gradient steps with the new lambd. From a regularized sweep network
this lands next to the from-scratch result (train and dev accuracy within 2 points, boundaries
within 5% of the plane, ||W||_F within 20%: tested in ``tests/test_widgets_l2.py``, and the
same under every BLAS kernel). Below the smallest positive sweep lambd the start is the
unregularized network: 1,000 steps barely shrink its weights, so ||W||_F stays too large. A
lambd of the sweep itself is shown as trained there. Results are memoized per slider position,
so coming back to a value is instant.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._checks import check_lambd, check_nonneg_int
from ..i18n import N_, _
from ..lessons.l2 import SweepResult
from ..metrics import network_accuracy, weight_norm2
from ..plots.common import plot_boundary_image
from ..train import train
from .base import Explorer

__all__ = ["LambdModels", "lambd_summary", "lambd_explorer"]


class LambdModels:
    """Pure, memoized compute behind :func:`lambd_explorer`.

    Parameters
    ----------
    split : :class:`course_utils.data.Split` (train and dev sets used)
    sweep : :class:`course_utils.lessons.l2.SweepResult` trained on ``split``;
        must contain lambd = 0. Its networks of ``seed_index`` are the starting points.
    warm_iterations : gradient steps from the starting network with the new lambd
    seed_index : which of the sweep's seeds to use
    """

    def __init__(self, split, sweep: SweepResult, warm_iterations: int = 1000,
                 seed_index: int = 0):
        if not isinstance(sweep, SweepResult):
            raise TypeError(f"sweep must be a SweepResult from lambd_sweep(...), "
                            f"got {type(sweep).__name__}.")
        if not np.any(sweep.lambds == 0):
            raise ValueError(f"sweep must include lambd = 0 (the starting network of small "
                             f"lambds); its lambds are {sweep.lambds.tolist()}.")
        if not (isinstance(seed_index, (int, np.integer)) and 0 <= seed_index < len(sweep.seeds)):
            raise ValueError(f"seed_index must be in [0, {len(sweep.seeds) - 1}], "
                             f"got {seed_index!r}.")
        self.split, self.sweep = split, sweep
        self.warm_iterations = check_nonneg_int(warm_iterations, "warm_iterations")
        self.seed_index = int(seed_index)
        s = sweep.settings
        self.hidden = s.get("hidden_activation", "relu")
        self.learning_rate = s.get("learning_rate", 0.3)
        self.layer_dims = s.get("layer_dims", [2, 20, 3, 1])
        self.cache: dict = {}

    def __call__(self, lambd: float, no_regularization: bool = False) -> dict:
        """Network and numbers for one slider setting.

        Returns
        -------
        dict with ``lambd``, ``params``, ``train_acc``, ``dev_acc``, ``weight_norm``
        (:math:`\\sqrt{\\sum_l \\|W^{[l]}\\|_F^2}`), ``source`` (text), ``source_form``
        (its English template and fields, translated by :func:`lambd_summary`) and ``sweep``.
        """
        lam = 0.0 if no_regularization else check_lambd(lambd)
        key = round(lam, 12)
        if key not in self.cache:
            self.cache[key] = self._compute(lam)
        return self.cache[key]

    def _compute(self, lam: float) -> dict:
        sw, j = self.sweep, self.seed_index
        exact = np.flatnonzero(np.isclose(sw.lambds, lam, rtol=1e-9, atol=0))
        if exact.size:
            params = sw.params[exact[0]][j]
            source_form = (N_("trained from scratch in the sweep (seed {seed})"),
                           {"seed": sw.seeds[j]})
        else:
            k = int(np.flatnonzero(sw.lambds <= lam)[-1])
            r = train(self.split.X_train, self.split.Y_train, self.layer_dims,
                      hidden_activation=self.hidden, learning_rate=self.learning_rate,
                      num_iterations=self.warm_iterations, lambd=lam,
                      record_every=max(self.warm_iterations, 1), params=sw.params[k][j])
            params = r.params
            source_form = (N_("warm start: the sweep's lambd = {start:g} network + {steps:,} "
                              "steps with lambd = {lambd:.3g}"),
                           {"start": sw.lambds[k], "steps": self.warm_iterations, "lambd": lam})
        acc = [network_accuracy(params, X, Y, self.hidden)
               for X, Y in ((self.split.X_train, self.split.Y_train),
                            (self.split.X_dev, self.split.Y_dev))]
        return {"lambd": lam, "params": params, "train_acc": acc[0], "dev_acc": acc[1],
                "weight_norm": float(np.sqrt(weight_norm2(params))),
                "source": source_form[0].format(**source_form[1]), "source_form": source_form,
                "sweep": sw}


def lambd_summary(r: dict) -> str:
    """HTML summary, e.g. ``lambd = 0.7 | train 94.5% | dev 91.0% | ||W||_F = 12.3``."""
    lam = _("0 (no regularization)") if r["lambd"] == 0 else f"{r['lambd']:.3g}"
    if "source_form" in r:
        form, fields = r["source_form"]
        source = _(form).format(**fields)
    else:
        source = r["source"]
    return _("<b>lambd = {lambd}</b> | train {train:.1f}% | dev {dev:.1f}% | "
             "||W||<sub>F</sub> = {norm:.2f}<br><small> ({source})</small>").format(
        lambd=lam, train=100 * r["train_acc"], dev=100 * r["dev_acc"], norm=r["weight_norm"],
        source=source)


def lambd_explorer(split, sweep: SweepResult, lambd: float = 0.01,
                   warm_iterations: int = 1000, resolution: int = 80) -> Explorer:
    """A FloatLogSlider (lambd from 1e-3 to 10) and a "no regularization" checkbox.

    The figure shows the decision boundary on the training set (one light panel, so a
    redraw stays fast); ``Explorer.summary`` shows train/dev accuracy and ||W||_F.
    """
    models = LambdModels(split, sweep, warm_iterations)
    slider = widgets.FloatLogSlider(value=lambd, base=10, min=-3, max=1, step=0.25,
                                    description="lambd", readout_format=".3g",
                                    continuous_update=False)
    box = widgets.Checkbox(value=False, description=_("no regularization (lambd = 0)"),
                           indent=False)

    def sync(change):
        slider.disabled = bool(change["new"])
    box.observe(sync, names="value")

    def draw(r, fig):
        ax = fig.add_axes([0.13, 0.11, 0.84, 0.8])
        lam = "0" if r["lambd"] == 0 else f"{r['lambd']:.3g}"
        plot_boundary_image(r["params"], split.X_train, split.Y_train, models.hidden, ax=ax,
                            resolution=resolution,
                            title=f"λ = {lam}: train {100 * r['train_acc']:.1f}%, "
                                  f"dev {100 * r['dev_acc']:.1f}%")

    return Explorer({"lambd": slider, "no_regularization": box}, models, draw, lambd_summary,
                    figsize=(5.6, 4.4), dpi=110,
                    title=_("<b>L2 strength explorer</b> (training set shown; dev accuracy "
                            "measured on the dev set)"))
