"""Packaging and import-hygiene guards for the course repository.

These tests read the repository itself, not behaviour of the numeric code:

* ``environment.yml`` and ``pyproject.toml`` name the same packages;
* every public module of ``course_utils`` (and every package ``__init__``)
  defines ``__all__``;
* importing any module prints nothing and leaves ``matplotlib.rcParams`` alone;
* no module touches a global random number generator;
* the numeric floors never import matplotlib or ipywidgets.

Modules are discovered from the files that exist, so the tests grow with the
package; ``course_utils/nn.py`` must exist so the lists are never empty.
The import checks run in fresh processes of ``sys.executable`` (one interpreter
for all the side-effect checks; for the GUI check a fresh process per module)
with the repository root first on ``PYTHONPATH``, so this checkout is what is
tested.
"""
from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PKG_DIR = ROOT / "course_utils"

# Floors 1-3 of DESIGN.md: pure NumPy, fast to import, no plotting or widgets.
NUMERIC_FLOORS = ("_checks", "_versions", "i18n", "activations", "initializers", "nn", "metrics",
                  "data", "splits", "preprocessing", "augment", "train", "train_batched",
                  "gradcheck", "lessons", "exercises", "tools")
GUI_PACKAGES = ("matplotlib", "ipywidgets")

# Packages that are not course dependencies: the interpreter and the installer.
NOT_DEPENDENCIES = {"python", "pip"}


# --------------------------------------------------------------------------
# discovery
# --------------------------------------------------------------------------

def _discover_modules() -> dict[str, Path]:
    """Map dotted module name -> source file for every module under course_utils/.

    Packages map to their ``__init__.py``; ``__main__.py`` files are left out
    (running them is the point, importing them is not).
    """
    modules: dict[str, Path] = {}
    for path in sorted(PKG_DIR.rglob("*.py")):
        if "__pycache__" in path.parts or path.stem == "__main__":
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = _discover_modules()


def _is_private(dotted: str) -> bool:
    """True if any component of the dotted name starts with an underscore."""
    return any(part.startswith("_") for part in dotted.split("."))


def _numeric_modules() -> list[str]:
    """Existing modules that belong to the numeric floors (packages included whole)."""
    found = []
    for floor in NUMERIC_FLOORS:
        prefix = f"course_utils.{floor}"
        found += [name for name in MODULES if name == prefix or name.startswith(prefix + ".")]
    return found


def _run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter, importing from this checkout."""
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "Agg"
    env.pop("PYTHONSTARTUP", None)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_nn_module_exists():
    """The core module must exist, so the per-module lists below are never empty."""
    assert (PKG_DIR / "nn.py").is_file() or (PKG_DIR / "nn" / "__init__.py").is_file(), (
        "course_utils/nn.py is missing; the import checks in this file would test nothing")


# --------------------------------------------------------------------------
# environment.yml and pyproject.toml name the same packages
# --------------------------------------------------------------------------

_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;#]*)")


def _split_requirement(spec: str) -> tuple[str, str]:
    """Return (normalised name, version spec without spaces) of a pip or conda spec.

    Names are normalised as in PEP 503 (lower case, runs of ``-_.`` -> ``-``);
    environment markers (after ``;``) are dropped.
    """
    match = _NAME.match(spec)
    assert match, f"cannot read a package name from {spec!r}"
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return name, re.sub(r"\s+", "", match.group(2))


def _pyproject_requirements() -> dict[str, str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    specs = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    return dict(_split_requirement(s) for s in specs)


def _environment_dependencies() -> tuple[list[str], list[str]]:
    """Return (conda specs, pip specs) from environment.yml.

    A small reader for the one shape this file has - a top-level
    ``dependencies:`` list of strings with one ``- pip:`` sub-list - so the test
    needs no YAML library. Any other structure under ``dependencies`` fails.
    """
    conda, pip = [], []
    in_deps = False
    item_indent = None
    target = None
    for lineno, raw in enumerate((ROOT / "environment.yml").read_text().splitlines(), 1):
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not line:
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            in_deps = line == "dependencies:"
            continue
        if not in_deps:
            continue
        item = line.strip()
        assert item.startswith("- "), f"environment.yml:{lineno}: expected a list item, got {raw!r}"
        value = item[2:].strip()
        if item_indent is None:
            item_indent = indent
        if indent == item_indent:
            target = pip if value == "pip:" else None
            if value != "pip:":
                conda.append(value)
        elif indent > item_indent and target is pip:
            pip.append(value)
        else:
            raise AssertionError(f"environment.yml:{lineno}: unexpected nesting in {raw!r}")
    assert conda, "environment.yml has no dependencies: list"
    return conda, pip


def _environment_requirements() -> dict[str, str]:
    conda, pip = _environment_dependencies()
    pip = [spec for spec in pip if not spec.startswith("-e")]  # the course itself
    reqs = dict(_split_requirement(s) for s in conda + pip)
    return {name: spec for name, spec in reqs.items() if name not in NOT_DEPENDENCIES}


def test_environment_yml_installs_the_course_editable():
    _, pip = _environment_dependencies()
    assert "-e ." in pip, "environment.yml: the pip: section must install the course with '-e .'"


def test_environment_and_pyproject_name_the_same_packages():
    in_pyproject = set(_pyproject_requirements())
    in_environment = set(_environment_requirements())
    assert in_pyproject == in_environment, (
        "environment.yml and pyproject.toml (dependencies + test extra) differ:\n"
        f"  only in pyproject.toml:  {sorted(in_pyproject - in_environment)}\n"
        f"  only in environment.yml: {sorted(in_environment - in_pyproject)}")


def test_environment_and_pyproject_agree_on_version_bounds():
    pyproject, environment = _pyproject_requirements(), _environment_requirements()
    differ = {name: (pyproject[name], environment[name])
              for name in pyproject.keys() & environment.keys()
              if pyproject[name] != environment[name]}
    assert not differ, ("version specifiers differ (pyproject.toml, environment.yml): "
                        f"{differ}")


# --------------------------------------------------------------------------
# __all__ everywhere
# --------------------------------------------------------------------------

def test_every_package_directory_has_an_init():
    missing = [str(d.relative_to(ROOT)) for d in sorted({p.parent for p in PKG_DIR.rglob("*.py")})
               if "__pycache__" not in d.parts and not (d / "__init__.py").is_file()]
    assert not missing, f"package directories without __init__.py: {missing}"


def _defines_all(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            return True
    return False


@pytest.mark.parametrize("module", [m for m in MODULES if not _is_private(m)])
def test_public_module_defines_all(module):
    path = MODULES[module]
    assert _defines_all(path), (
        f"{path.relative_to(ROOT)} has no module-level __all__; list its public names")


# --------------------------------------------------------------------------
# importing has no side effects
# --------------------------------------------------------------------------

# One interpreter imports every module in turn (one subprocess, not one per module: the
# suite runs three times in CI). Each import's output is caught at the file-descriptor
# level, so C-level writes count too, and rcParams are compared before and after it. A
# side effect shows up on the first module that imports the culprit; the message says so.
_SIDE_EFFECT_PROBE = """
import importlib, json, os, sys, tempfile, traceback
import matplotlib
def params():
    return {k: repr(v) for k, v in matplotlib.rcParams.copy().items()}
results = {}
for name in json.loads(sys.argv[1]):
    before = params()
    saved = os.dup(1), os.dup(2)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush(); sys.stderr.flush()
        os.dup2(out.fileno(), 1); os.dup2(err.fileno(), 2)
        error = None
        try:
            importlib.import_module(name)
        except BaseException:
            error = traceback.format_exc()
        sys.stdout.flush(); sys.stderr.flush()
        os.dup2(saved[0], 1); os.dup2(saved[1], 2)
        os.close(saved[0]); os.close(saved[1])
        out.seek(0); err.seek(0)
        printed = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    after = params()
    changed = {k: [before.get(k), after.get(k)] for k in sorted(before.keys() | after.keys())
               if before.get(k) != after.get(k)}
    results[name] = {"error": error, "stdout": printed[0], "stderr": printed[1],
                     "rcparams": changed}
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def import_side_effects() -> dict:
    """What importing each module of MODULES did, in one fresh interpreter."""
    proc = _run_python(_SIDE_EFFECT_PROBE, json.dumps(list(MODULES)))
    assert proc.returncode == 0, f"the import probe failed:\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", list(MODULES))
def test_import_prints_nothing_and_keeps_rcparams(module, import_side_effects):
    found = import_side_effects[module]
    where = f"importing {module} (or a module it imports for the first time)"
    assert found["error"] is None, f"importing {module} failed:\n{found['error']}"
    assert found["stdout"] == "", f"{where} printed to stdout: {found['stdout']!r}"
    assert found["stderr"] == "", f"{where} wrote to stderr: {found['stderr']!r}"
    assert not found["rcparams"], (
        f"{where} changed matplotlib.rcParams (before, after): {found['rcparams']}; "
        "set styles only inside an explicit call such as use_course_style()")


# --------------------------------------------------------------------------
# no global random number generator
# --------------------------------------------------------------------------

# The Generator API; every other numpy.random attribute is the global legacy
# RNG (np.random.seed, rand, randn, randint, random, choice, permutation,
# shuffle, normal, binomial, ...) or the legacy RandomState.
ALLOWED_NP_RANDOM = {"default_rng", "Generator", "SeedSequence", "BitGenerator", "PCG64",
                     "PCG64DXSM", "Philox", "SFC64", "MT19937"}


def _global_rng_uses(path: Path) -> list[str]:
    """Return ``"file:line: what"`` for every global-RNG use in one source file.

    Works on the syntax tree, so docstrings and comments that *mention*
    ``np.random.seed`` are not flagged. Tracks ``import numpy as X`` and
    ``import numpy.random as Y`` aliases.
    """
    rel = path.relative_to(ROOT)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    numpy_names, np_random_names = {"np", "numpy"}, set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "random":
                    found.append(f"{rel}:{node.lineno}: import random (stdlib global RNG)")
                elif alias.name == "numpy":
                    numpy_names.add(alias.asname or "numpy")
                elif alias.name == "numpy.random" and alias.asname:
                    np_random_names.add(alias.asname)
        elif isinstance(node, ast.ImportFrom):
            names = [a.name for a in node.names]
            if node.module == "random":
                found.append(f"{rel}:{node.lineno}: from random import {', '.join(names)}")
            elif node.module == "numpy" and "random" in names:
                found.append(f"{rel}:{node.lineno}: from numpy import random")
            elif node.module == "numpy.random":
                bad = [n for n in names if n not in ALLOWED_NP_RANDOM]
                if bad:
                    found.append(f"{rel}:{node.lineno}: from numpy.random import {', '.join(bad)}")
    # A *local* legacy generator, ``np.random.RandomState(seed)`` with an explicit seed,
    # touches no global state; it is allowed only to reproduce a published assignment's
    # numbers bit for bit (gradcheck_demos.course_test_case, initialization.course_params).
    # ``RandomState()`` without a seed draws from the OS and is flagged.
    local_legacy = {id(node.func) for node in ast.walk(tree)
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "RandomState" and len(node.args) == 1
                    and not (isinstance(node.args[0], ast.Constant)
                             and node.args[0].value is None)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or node.attr in ALLOWED_NP_RANDOM \
                or id(node) in local_legacy:
            continue
        base = node.value
        is_np_random = (
            (isinstance(base, ast.Attribute) and base.attr == "random"
             and isinstance(base.value, ast.Name) and base.value.id in numpy_names)
            or (isinstance(base, ast.Name) and base.id in np_random_names))
        if is_np_random:
            found.append(f"{rel}:{node.lineno}: {ast.unparse(node)} (global NumPy RNG)")
    return found


def test_no_global_rng():
    uses = [use for path in MODULES.values() for use in _global_rng_uses(path)]
    assert not uses, ("global random number generator used; take `seed`/`rng` and call "
                      "course_utils._checks.as_rng / np.random.default_rng instead:\n  "
                      + "\n  ".join(sorted(uses)))


# --------------------------------------------------------------------------
# numeric floors stay free of matplotlib and ipywidgets
# --------------------------------------------------------------------------

# Records, for the first import of each GUI package, the course_utils frames
# that triggered it, so a failure says which line to move. Each module is imported
# in a fresh process: on Linux a child forked from one probe that has imported only
# GUI-free third-party packages (numpy, and nbformat whose import takes seconds),
# elsewhere a fresh interpreter per module.
_GUI_CHECK = f"""
import importlib, json, sys, traceback
GUI = {GUI_PACKAGES!r}

def check(name):
    culprits = {{}}

    class Recorder:
        def find_spec(self, spec_name, path=None, target=None):
            if spec_name in GUI and spec_name not in culprits:
                culprits[spec_name] = [f"{{f.filename}}:{{f.lineno}}"
                                       for f in traceback.extract_stack()
                                       if "course_utils" in f.filename]
            return None

    sys.meta_path.insert(0, Recorder())
    try:
        importlib.import_module(name)
    except BaseException:
        return {{"error": traceback.format_exc()}}
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in GUI)
    return {{"error": None, "loaded": loaded, "culprits": culprits}}
"""

_GUI_PROBE_ONE = _GUI_CHECK + "\nprint(json.dumps(check(sys.argv[1])))\n"

_GUI_PROBE_FORK = _GUI_CHECK + """
import os
import numpy, nbformat  # noqa: F401 - shared by the children; GUI-free (checked below)
preloaded = sorted(m for m in sys.modules if m.split(".")[0] in GUI)
results = {}
for name in json.loads(sys.argv[1]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        result = {"error": f"the probe loaded {preloaded} itself"} if preloaded else check(name)
        with os.fdopen(write, "w") as out:
            out.write(json.dumps(result))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as got:
        results[name] = json.loads(got.read() or '{"error": "the child process died"}')
    os.waitpid(pid, 0)
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def gui_imports() -> dict:
    """For each numeric-floor module, what importing it alone loaded."""
    modules = _numeric_modules()
    if sys.platform == "linux":
        proc = _run_python(_GUI_PROBE_FORK, json.dumps(modules))
        assert proc.returncode == 0, f"the GUI import probe failed:\n{proc.stderr}"
        return json.loads(proc.stdout.strip().splitlines()[-1])
    found = {}
    for module in modules:
        proc = _run_python(_GUI_PROBE_ONE, module)
        found[module] = (json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0
                         else {"error": proc.stderr})
    return found


@pytest.mark.parametrize("module", _numeric_modules())
def test_numeric_floor_does_not_import_gui(module, gui_imports):
    result = gui_imports[module]
    assert result["error"] is None, f"importing {module} failed:\n{result['error']}"
    assert not result["loaded"], (
        f"{module} is a numeric floor but importing it loads {result['loaded'][:5]}; "
        f"imported from: {result['culprits']} (check course_utils/__init__.py too: "
        "it must not import plots or widgets eagerly)")


# --------------------------------------------------------------------------
# declared versions are tested versions
# --------------------------------------------------------------------------

def test_minimum_versions_match_pyproject_floors():
    from course_utils._versions import MINIMUM_VERSIONS
    from course_utils.tools.min_versions import floors

    runtime = floors(extras=())
    assert {k.lower(): v for k, v in runtime.items()} == \
        {k.lower(): v for k, v in MINIMUM_VERSIONS.items()}, (
        "course_utils/_versions.py MINIMUM_VERSIONS must equal the floors of pyproject.toml")


def test_pinned_requirements_pin_every_floor_exactly():
    from course_utils.tools.min_versions import floors, pinned_requirements

    pins = pinned_requirements()
    assert len(pins) == len(floors())
    assert "numpy==1.24.0" in pins and "ruff==0.17.6" in pins
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==\d+\.\d+\.\d+", p) for p in pins), pins


def test_min_versions_refuses_a_requirement_without_a_floor(tmp_path):
    from course_utils.tools.min_versions import floors

    bad = tmp_path / "pyproject.toml"
    bad.write_text('[project]\ndependencies = ["numpy"]\n'
                   '[project.optional-dependencies]\ntest = []\n')
    with pytest.raises(ValueError, match="'numpy'.*has no '>=' floor"):
        floors(bad)


@pytest.mark.parametrize("requirement, floor", [
    ("jsonschema>=4.18,<4.24", "4.18"),
    ("jsonschema >= 4.18 , < 4.24 ; python_version >= '3.8'", "4.18"),
    ("ruff==0.17.6", "0.17.6"),
])
def test_min_versions_reads_the_floor_before_an_upper_bound(tmp_path, requirement, floor):
    from course_utils.tools.min_versions import floors

    path = tmp_path / "pyproject.toml"
    path.write_text(f'[project]\ndependencies = ["{requirement}"]\n'
                    '[project.optional-dependencies]\ntest = []\n')
    assert floors(path) == {"jsonschema" if "json" in requirement else "ruff": floor}


@pytest.mark.parametrize("requirement", ["jsonschema<4.24", "jsonschema>=4.18,<=4.24",
                                         "jsonschema>=4.18,!=4.20"])
def test_min_versions_refuses_bounds_it_cannot_read(tmp_path, requirement):
    from course_utils.tools.min_versions import floors

    path = tmp_path / "pyproject.toml"
    path.write_text(f'[project]\ndependencies = ["{requirement}"]\n'
                    '[project.optional-dependencies]\ntest = []\n')
    with pytest.raises(ValueError, match="has no '>=' floor"):
        floors(path)


def test_jupyter_start_up_does_not_build_the_rfc3987_parser():
    """pyproject.toml caps jsonschema below 4.24: from 4.24 on, importing it (through
    nbformat: nbval, nbconvert, JupyterLab's server) imports rfc3987-syntax, which builds
    a parser at import time, 2.4 s of every Jupyter process's start-up here."""
    code = "import sys, nbformat; print('rfc3987_syntax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False", ("importing nbformat imported rfc3987_syntax: install "
                            "'jsonschema>=4.18,<4.24' as pyproject.toml's test extra says")


def test_an_old_dependency_gets_a_clear_import_error():
    from course_utils._versions import check_versions

    def installed(package):
        return {"numpy": "1.21.6", "scipy": "1.9.3"}.get(package, "99.0")

    with pytest.raises(ImportError, match=r"numpy >= 1\.24 is needed, 1\.21\.6 is installed; "
                                          r"scipy >= 1\.10 is needed, 1\.9\.3 is installed\. "
                                          r"Upgrade with: python -m pip install -U "
                                          r"'numpy>=1\.24' 'scipy>=1\.10'"):
        check_versions(version=installed)
    check_versions(version=lambda package: "99.0")   # new enough: no error


def test_lab_settings_merge_into_the_environment_overrides(tmp_path):
    from course_utils.tools.lab_settings import COURSE_SETTINGS, install, overrides_path

    path = overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"other:plugin": {"x": 1},
                                "@jupyterlab/apputils-extension:notification":
                                    {"doNotDisturbMode": True}}))
    assert install(tmp_path) == path
    got = json.loads(path.read_text())
    assert got["other:plugin"] == {"x": 1}
    note = got["@jupyterlab/apputils-extension:notification"]
    assert note["doNotDisturbMode"] is True and note["fetchNews"] == "false"
    assert COURSE_SETTINGS["@jupyterlab/apputils-extension:notification"]["checkForUpdates"] \
        is False
    path.write_text("{not json")
    with pytest.raises(ValueError, match="is not valid JSON"):
        install(tmp_path)


def test_portability_matrix_adds_two_other_kernels_and_two_threads():
    from course_utils.tools.portability import matrix, native_kernel, runnable_kernels

    kernels = runnable_kernels()
    assert kernels, "no OpenBLAS kernel could be forced on this CPU"
    own = native_kernel()
    settings = matrix()
    assert 2 in {t for _, t in settings}          # the main run covers 1 thread
    others = [k for k, arch in kernels.items() if arch != own]
    if len(others) >= 2:
        assert [k for k, _ in settings] == others[:2]
        assert {kernels[k] for k, _ in settings}.isdisjoint({own})


@pytest.mark.parametrize("source, compared", [
    ("# NBVAL_IGNORE_OUTPUT\nprint(1)", False),
    ("  #  NBVAL_IGNORE_OUTPUT  \nprint(1)", False),
    ("# NBVAL_SKIP\nprint(1)", False),
    ("# NBVAL_IGNORE_OUTPUT: the digits vary\nprint(1)", True),   # not a marker for nbval
    ("print(1)  # NBVAL_IGNORE_OUTPUT", True),
    ("print(1)", True),
])
def test_portability_tool_compares_the_cells_nbval_compares(source, compared):
    from course_utils.tools.portability import compared_by_nbval

    assert compared_by_nbval(source) is compared


def test_nbval_markers_in_the_notebooks_are_whole_comment_lines():
    """``# NBVAL_IGNORE_OUTPUT: reason`` looks like a marker but nbval ignores it (and compares)."""
    bad = []
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for line in "".join(cell["source"]).splitlines():
                s = line.strip()
                if s.startswith("#") and "NBVAL_" in s and \
                        s.lstrip("#").strip() not in ("NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP",
                                                      "NBVAL_CHECK_OUTPUT",
                                                      "NBVAL_RAISES_EXCEPTION"):
                    bad.append(f"{path.relative_to(ROOT)}: {s[:80]}")
    assert not bad, ("nbval only honours a marker alone on its comment line; put the reason on "
                     "the next line:\n  " + "\n  ".join(bad))
