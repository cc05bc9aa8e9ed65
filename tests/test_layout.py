"""The layout rules of course_utils (see course_utils/__init__.py and CONTRIBUTING.md).

* The package root holds only the core a learner reads; everything else sits
  under one key per notebook in ``lessons/``, ``plots/``, ``widgets/`` and
  ``exercises/`` (``<key>.py`` or ``<key>_<part>.py``), beside a few shared
  modules (``plots.style``, ``plots.common``, ``widgets.base``, ``exercises.base``).
* Floors only import downwards: the core never imports a subpackage; a lesson
  imports the core and its own key's lessons, never another notebook's; plots,
  widgets and exercises of a key import their own key, the shared modules and
  the core.
* Test files follow one naming scheme keyed like the package.
"""
import ast
from pathlib import Path

import pytest

import course_utils

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "course_utils"
KEYS = set(course_utils.NOTEBOOK_KEYS.values())

CORE = {"_checks", "_versions", "i18n", "activations", "initializers", "nn", "metrics", "data",
        "splits", "preprocessing", "augment", "train", "train_args", "train_batched", "gradcheck"}
KEYED = ("lessons", "plots", "widgets", "exercises")
SHARED = {"plots": {"style", "common"}, "widgets": {"base"},
          "exercises": {"base", "compare", "patterns"},
          "lessons": set()}
# what each keyed subpackage may import besides the core: (subpackage, same key only?)
MAY_IMPORT = {"lessons": {"lessons"}, "plots": {"lessons", "plots"},
              "exercises": {"lessons", "exercises"},
              "widgets": {"lessons", "plots", "widgets"}}
ALLOWED_TESTS = {"test_packaging", "test_layout", "test_browser", "test_student_edition",
                 "test_start_here", "test_portability", "test_i18n", "test_lint"}


def _key_of(stem: str):
    """The notebook key of a module name ``<key>`` or ``<key>_<part>`` (None if none)."""
    for key in sorted(KEYS, key=len, reverse=True):
        if stem == key or stem.startswith(key + "_"):
            return key
    return None


def _modules():
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(PKG).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        out[tuple(parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path, parts: tuple) -> list[tuple]:
    """course_utils modules imported by a file, as tuples of name parts."""
    tree = ast.parse(path.read_text())
    package = list(parts if path.name == "__init__.py" else parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                mod = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "course_utils":
                mod = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:  # `from . import transforms` imports a module
                sub = tuple(mod + [alias.name])
                found.append(sub if sub in MODULES else tuple(mod))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "course_utils":
                    found.append(tuple(alias.name.split(".")[1:]))
    return [f for f in found if f]


def test_the_map_names_every_notebook_and_ten_keys():
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("[01][0-9]_*.ipynb")
                       if not p.stem.startswith("00"))
    assert sorted(course_utils.NOTEBOOK_KEYS) == notebooks
    assert len(KEYS) == 10
    for key in KEYS:
        assert f"``{key}``" in course_utils.__doc__, f"the package docstring's map lacks {key}"


def test_root_holds_only_the_core():
    root = {parts[0] for parts in MODULES if parts and len(parts) == 1 and
            (PKG / f"{parts[0]}.py").is_file()}
    assert root <= CORE, f"modules at the package root that are not core: {root - CORE}"
    subpackages = {p.name for p in PKG.iterdir() if (p / "__init__.py").is_file()}
    assert subpackages == {"augment", "lessons", "plots", "widgets", "exercises", "tools"}


@pytest.mark.parametrize("sub", KEYED)
def test_keyed_subpackages_use_notebook_keys(sub):
    stems = {parts[1] for parts in MODULES if len(parts) == 2 and parts[0] == sub}
    stray = {s for s in stems if _key_of(s) is None and s not in SHARED[sub]}
    assert not stray, f"course_utils/{sub}/ has modules named after no notebook key: {stray}"
    covered = {_key_of(s) for s in stems} - {None}
    assert covered == KEYS, f"course_utils/{sub}/ lacks a module for {KEYS - covered}"


@pytest.mark.parametrize("parts", sorted(MODULES), ids=".".join)
def test_floors_import_downwards_and_keys_stay_apart(parts):
    imported = _imports(MODULES[parts], parts)
    if not parts or parts[0] in CORE or (len(parts) == 1 and parts[0] in ("lessons", "plots",
                                                                          "widgets", "exercises",
                                                                          "tools")):
        if parts and parts[0] in CORE:
            bad = [i for i in imported if i[0] not in CORE]
            assert not bad, f"core module {'.'.join(parts)} imports {bad}: core never " \
                            f"imports lessons, plots, widgets or exercises"
        return
    sub, stem = parts[0], parts[1] if len(parts) > 1 else ""
    if sub == "tools":
        return
    own = _key_of(stem)
    for imp in imported:
        if imp[0] in CORE:
            continue
        target_sub = imp[0]
        target_key = _key_of(imp[1]) if len(imp) > 1 else None
        shared = len(imp) > 1 and imp[1] in SHARED.get(target_sub, set())
        where = f"{'.'.join(parts)} imports course_utils.{'.'.join(imp)}"
        assert target_sub in MAY_IMPORT.get(sub, set()), \
            f"{where}: {sub} may import only the core and {sorted(MAY_IMPORT.get(sub, []))}"
        if shared:
            assert own is not None or stem in SHARED[sub], where
            continue
        assert own is not None and target_key == own, \
            f"{where}: a notebook's modules never import another notebook's " \
            f"(move what two notebooks share down into the core)"


def test_test_files_follow_the_naming_scheme():
    core = {f"test_core_{m.lstrip('_')}" for m in CORE}
    bad = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        name = path.stem
        if name in ALLOWED_TESTS or name in core:
            continue
        sub, _, rest = name[len("test_"):].partition("_")
        if sub in KEYED and (_key_of(rest) is not None or rest in SHARED[sub]):
            continue
        bad.append(name)
    assert not bad, ("test files must be named test_core_<module>, test_<lessons|plots|widgets|"
                     f"exercises>_<key>[_part], or be one of {sorted(ALLOWED_TESTS)}: {bad}")
