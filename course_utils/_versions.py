"""The oldest dependency versions the course is tested with, checked when it is imported.

A learner with an older NumPy (say) gets one clear message naming the package,
the version found and the version needed, instead of a traceback from deep
inside the package. The floors equal those of ``pyproject.toml`` (a test keeps
them in step) and are exercised by ``make test-min``.
"""
from __future__ import annotations

import re
from importlib import metadata

__all__ = ["MINIMUM_VERSIONS", "check_versions"]

MINIMUM_VERSIONS = {
    "numpy": "1.24",
    "matplotlib": "3.8",
    "ipywidgets": "8.1",
    "jupyterlab": "4",
    "scikit-learn": "1.3",
    "scipy": "1.10",
    "pillow": "9.3",
    "threadpoolctl": "3.1",
}
"""Runtime dependency -> oldest supported version (as in pyproject.toml)."""


def _as_tuple(version: str) -> tuple:
    return tuple(int(p) for p in re.findall(r"\d+", version.split("+")[0])[:3])


def check_versions(minimum: dict = MINIMUM_VERSIONS, version=metadata.version) -> None:
    """Raise ImportError naming every installed dependency older than its floor.

    Reads installed versions from package metadata (nothing is imported). A
    missing package is left to the import that needs it.
    """
    too_old = []
    for package, floor in minimum.items():
        try:
            found = version(package)
        except metadata.PackageNotFoundError:
            continue
        if _as_tuple(found) < _as_tuple(floor):
            too_old.append((package, found, floor))
    if too_old:
        lines = "; ".join(f"{p} >= {f} is needed, {v} is installed" for p, v, f in too_old)
        pins = " ".join(f"'{p}>={f}'" for p, _, f in too_old)
        raise ImportError(f"course_utils: {lines}. Upgrade with: python -m pip install -U {pins} "
                          f"(or run `make venv`, which installs the course's own environment).")
