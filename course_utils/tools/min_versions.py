"""Print pip requirements that pin every dependency to the lowest version pyproject.toml allows.

``make test-min`` installs them into ``.venv-min`` and runs the unit tests and the
notebooks there, so that the floors the course declares are floors that are
tested. Runs without the course's dependencies (standard library only)::

    python course_utils/tools/min_versions.py          # runtime + the "test" extra
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["PYPROJECT", "floors", "pinned_requirements", "main"]

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
# name, ">=" or "==", the floor, an optional upper bound (",<version"), an optional marker
_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(>=|==)\s*([0-9][0-9A-Za-z.]*)"
                  r"\s*(?:,\s*<\s*[0-9][0-9A-Za-z.]*\s*)?(;.*)?$")


def floors(pyproject: Path = PYPROJECT, extras=("test",)) -> dict:
    """``{package: lowest version}`` of the runtime dependencies and the given extras.

    Every requirement must be written ``name>=version`` (with an optional upper
    bound ``,<version`` and an optional environment marker); anything else raises
    ``ValueError``.
    """
    project = tomllib.loads(pyproject.read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project["optional-dependencies"][extra]
    out = {}
    for req in reqs:
        m = _REQ.match(req.split("#")[0])
        if not m:
            raise ValueError(f"requirement {req!r} in {pyproject} has no '>=' floor (or '==' "
                             f"pin); write it as 'name>=version' so its lowest version can be "
                             f"tested.")
        name, _, version, marker = m.groups()
        if marker and "python_version" in marker and not _marker_applies(marker):
            continue
        out[name] = version
    return out


def _marker_applies(marker: str) -> bool:
    m = re.search(r"python_version\s*<\s*'(\d+)\.(\d+)'", marker)
    return not m or sys.version_info[:2] < (int(m.group(1)), int(m.group(2)))


def pinned_requirements(pyproject: Path = PYPROJECT) -> list[str]:
    """``name==version`` lines (``version`` padded to X.Y.Z) for :func:`floors`."""
    lines = []
    for name, version in floors(pyproject).items():
        parts = version.split(".")
        lines.append(f"{name}=={'.'.join(parts + ['0'] * (3 - len(parts)))}")
    return lines


def main() -> int:
    print("\n".join(pinned_requirements()))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
