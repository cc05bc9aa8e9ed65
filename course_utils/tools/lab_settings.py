"""Install the course's JupyterLab settings into the current Python environment.

JupyterLab reads ``<sys.prefix>/share/jupyter/lab/settings/overrides.json`` as
the default settings of every JupyterLab started from this environment. The
course adds one setting there: no "Would you like to get notified about
official Jupyter news?" pop-up (and no update checks, which need the network)
covering the first notebook. Nothing is written to the learner's own
configuration (``~/.jupyter``), and settings already in the file are kept.

``make venv`` runs it; with conda, run it once in the activated environment::

    python -m course_utils.tools.lab_settings
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["COURSE_SETTINGS", "overrides_path", "install", "main"]

COURSE_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
}
"""Plugin id -> settings the course sets."""


def overrides_path(prefix: str | Path | None = None) -> Path:
    """The ``overrides.json`` of the environment at ``prefix`` (default: this one)."""
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def install(prefix: str | Path | None = None) -> Path:
    """Merge :data:`COURSE_SETTINGS` into the environment's ``overrides.json``; return its path."""
    path = overrides_path(prefix)
    current = {}
    if path.is_file():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path} is not valid JSON ({exc}); fix or remove it, then run "
                             f"python -m course_utils.tools.lab_settings again.") from None
    for plugin, values in COURSE_SETTINGS.items():
        current.setdefault(plugin, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    return path


def main() -> int:
    print(f"course JupyterLab settings written to {install()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
