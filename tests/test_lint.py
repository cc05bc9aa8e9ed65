"""The code is clean under ruff (pyflakes, pycodestyle, import sorting; see [tool.ruff] in
pyproject.toml): the package, the tests and the benchmarks."""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed: it is in the test extra, run `make venv`"
    proc = subprocess.run([ruff, "check", "--no-cache", "course_utils", "tests", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, ("ruff found problems (fix them, many with "
                                  "`ruff check --fix`):\n" + proc.stdout + proc.stderr)
