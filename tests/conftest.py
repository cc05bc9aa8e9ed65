"""Shared pytest configuration.

Unit tests draw figures without a display: use the non-interactive Agg backend
unless the caller chose a backend with MPLBACKEND.

This is done with ``matplotlib.use`` rather than by setting the MPLBACKEND
environment variable: nbval's notebook kernels inherit this process's
environment, and with MPLBACKEND=Agg there ipykernel would not install its
inline backend, so the notebooks' figures would vanish and nbval would fail.

Fixtures shared by the figure and explorer tests: every test's pyplot figures are
closed afterwards (``close_figures``, automatic), ``labelled`` checks that an axes
has a title, a y label and a legend, and ``snapshot_run`` is one small training run
with a dev set and snapshots.
"""
import os
import sys

import pytest

# The course's matrices are small: one BLAS thread is faster than several, and on a
# loaded 2-core machine threads fight each other (measured up to 30x slower).
# Set before numpy is imported here; nbval's kernels inherit the environment.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

if "MPLBACKEND" not in os.environ:
    import matplotlib

    matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def close_figures():
    """Close the pyplot figures a test opened (a no-op where pyplot was never imported)."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


def _labelled(ax, legend: bool = True) -> bool:
    """Assert that ``ax`` has a title, a y label and (if ``legend``) a legend with entries."""
    assert ax.get_title(), "the axes have no title"
    assert ax.get_ylabel(), f"{ax.get_title()!r} has no y label"
    if legend:
        assert ax.get_legend() is not None and ax.get_legend().get_texts(), \
            f"{ax.get_title()!r} has no legend"
    return True


@pytest.fixture
def labelled():
    """The checker of a figure's labels: ``assert labelled(ax)``, ``labelled(ax, legend=False)``."""
    return _labelled


@pytest.fixture(scope="session")
def snapshot_run():
    """A tanh [2, 20, 20, 1] network trained 2,000 iterations on 150 diagonal-regions points,
    with a dev set of 150 and a record and snapshot every 100 iterations.

    Returns ``(result, (X_train, Y_train, X_dev, Y_dev))``.
    """
    from course_utils.data import make_diagonal_regions
    from course_utils.train import train

    X, Y = make_diagonal_regions(300, seed=2)
    data = (X[:, :150], Y[:, :150], X[:, 150:], Y[:, 150:])
    res = train(data[0], data[1], [2, 20, 20, 1], hidden_activation="tanh", init="xavier",
                learning_rate=0.5, num_iterations=2000, X_dev=data[2], Y_dev=data[3],
                record_every=100, keep_snapshots=True, seed=0)
    return res, data
