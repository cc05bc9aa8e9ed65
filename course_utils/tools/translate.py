"""The Chinese edition: gettext catalogues in, Chinese notebooks out, never silently out of step.

The English notebooks are the single source. Their translations live in gettext
catalogues, read and written with polib, so that Poedit, Weblate or any text
editor can work on them:

``translations/zh_CN/NN_name.po``
    one per notebook, one entry per markdown cell: ``msgctxt`` is the cell's id,
    ``msgid`` its English source, ``msgstr`` the Chinese.
``translations/zh_CN/glossary.csv``
    each term's Chinese, fixed once (``english,chinese,note``); the tests check
    that a term used in an English cell is rendered the same way in its
    translation (``glossary_exceptions.csv`` lists the justified exceptions).
``course_utils/locale/course_utils.pot``, ``.../zh_CN/LC_MESSAGES/course_utils.po|.mo``
    what ``course_utils`` says to a learner: every ``_()``, ``N_()`` and
    ``ngettext()`` of the package, plus the literal texts a notebook's code gives
    ``check_function`` (the warm-up of 00). The ``.mo`` is committed, so a learner
    needs no build step.

Commands (``python -m course_utils.tools.translate <command>``)::

    package   extract the package's msgids into the .pot, merge them into the
              .po (new ones untranslated, changed ones fuzzy, as msgmerge does),
              compile the .mo and report
    extract   update the notebook catalogues from the English notebooks
    build     extract, then write notebooks/zh_CN/NN_name.ipynb (see below)
    status    translated / fuzzy / untranslated counts, per catalogue
    update    package + extract + status (``make translations`` runs update, build)

How a translation goes out of date. Extraction finds each markdown cell's entry
by its cell id. When the English source differs from the entry's msgid, the
entry gets the new msgid, its old one is kept as ``#| msgid`` (what the
translation was made from, shown side by side in Poedit) and it is marked
``fuzzy``; a new cell gets an empty entry; a removed cell's entry becomes
obsolete (``#~``). If the English changes back, the entry is current again.
``build`` refuses a notebook with a fuzzy or missing translation, or one that
lost a formula, code span, link or number of the English, naming the notebook
and the cell ids, and exits with status 1; ``tests/test_i18n.py`` fails on the
same conditions.

What ``build`` writes. Markdown cells come from the catalogue; code cells are
the English ones, metadata and ids included; one code cell is added before the
first code cell, ``set_language("zh_CN")`` (cell id ``set-language``, tag
``i18n-set-language``: the only extra cell). The English outputs are carried
over first, then the notebook is executed (nbclient, as ``nbconvert
--execute`` does) and stored with the new outputs. Re-executing, rather than
copying outputs, is the choice because the outputs that depend on the
language (checker feedback, explorer summaries) are produced by the same code
under ``set_language("zh_CN")``: they cannot drift from what a learner gets on
re-running, the numbers are the English edition's (same code, same seeds), and
a Chinese notebook that does not run top to bottom fails the build.
``--no-execute`` skips this step for a quick preview; such a notebook keeps
English feedback in its outputs and the tests say so.

Figure labels stay English: the figures come from the same code in both
editions, English labels work with any font a learner's matplotlib has (CJK
text needs a CJK font, else boxes), and they match the papers a learner goes
on to read; the glossary gives the Chinese of every label's term.
"""
from __future__ import annotations

import argparse
import copy
import os
import sys
from pathlib import Path

import nbformat
import polib

from .translate_catalogues import (
    LANGUAGE,
    LANGUAGE_CELL_ID,
    LANGUAGE_TAG,
    ROOT,
    Paths,
    counts,
    new_catalogue,
    update_package,
)
from .translate_checks import (
    translation_problems,
)

__all__ = ["extract_notebook", "build_notebook", "language_cell", "status", "main"]

# ------------------------------------------------------------------ notebook catalogues
def _translatable(cell) -> bool:
    return cell.cell_type == "markdown" and bool(cell.source.strip())


def _markdown(nb):
    return [c for c in nb.cells if _translatable(c)]


def extract_notebook(notebook: Path, paths: Paths = Paths()) -> dict:
    """Create or update ``notebook``'s catalogue from its English markdown cells.

    Returns the cell ids that are ``new``, ``changed`` (now fuzzy, or untranslated
    if they were) and ``removed`` (obsolete).
    """
    nb = nbformat.read(notebook, as_version=4)
    rel = Path(notebook).relative_to(paths.root).as_posix()
    target = paths.catalogue(notebook)
    if target.is_file():
        po = polib.pofile(str(target), wrapwidth=78)
    else:
        po = new_catalogue(f"Chinese ({paths.language}) translation of {rel}: one entry per "
                            "markdown cell, msgctxt = the cell id, msgid = its English.\n"
                            "Update with `python -m course_utils.tools.translate extract`.",
                            **{"X-Source": rel})
    by_id = {e.msgctxt: e for e in po}
    report, entries = {"new": [], "changed": [], "removed": []}, []
    for number, cell in enumerate(nb.cells, 1):
        if not _translatable(cell):
            continue
        entry = by_id.pop(cell.id, None)
        if entry is None:
            entry = polib.POEntry(msgctxt=cell.id, msgid=cell.source, msgstr="")
            report["new"].append(cell.id)
        entry.obsolete = False
        if entry.msgid != cell.source:
            report["changed"].append(cell.id)
            if entry.fuzzy and entry.previous_msgid == cell.source:  # changed back
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
            elif entry.msgstr and not entry.fuzzy:
                entry.previous_msgid = entry.msgid
                entry.flags.append("fuzzy")
            entry.msgid = cell.source
        entry.occurrences = [(rel, f"cell{number}")]
        entries.append(entry)
    for entry in by_id.values():
        if not entry.obsolete:
            report["removed"].append(entry.msgctxt)
        entry.obsolete = True
    po[:] = entries + [e for e in by_id.values() if e.msgstr]
    target.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(target))
    return report


def language_cell(language: str = LANGUAGE):
    """The one code cell the built edition adds: it sets the language of the feedback."""
    cell = nbformat.v4.new_code_cell(
        "# 本版本的检查器反馈和探索器摘要使用中文\n"
        "from course_utils.i18n import set_language\n"
        f'language = set_language("{language}")')
    cell.id = LANGUAGE_CELL_ID
    cell.metadata["tags"] = [LANGUAGE_TAG]
    return cell


def build_notebook(notebook: Path, paths: Paths = Paths(), execute: bool = True):
    """Write the translated notebook into ``paths.built``; returns (path, problems).

    Nothing is written when a cell's translation has a problem: ``problems`` is
    then a list of ``(cell id, reason)``.
    """
    nb = nbformat.read(notebook, as_version=4)
    po = polib.pofile(str(paths.catalogue(notebook)))
    by_id = {e.msgctxt: e for e in po if not e.obsolete}
    problems = [(c.id, p) for c in _markdown(nb)
                for p in translation_problems(c.source, by_id.get(c.id))]
    if problems:
        return None, problems
    out = copy.deepcopy(nb)
    for cell in _markdown(out):
        cell.source = by_id[cell.id].msgstr
    for cell in out.cells:
        cell.metadata.pop("execution", None)  # timings of the English run
    first_code = next(i for i, c in enumerate(out.cells) if c.cell_type == "code")
    out.cells.insert(first_code, language_cell(paths.language))
    out.metadata["course_utils"] = {"language": paths.language,
                                    "source": f"../{Path(notebook).name}"}
    target = paths.built / Path(notebook).name
    target.parent.mkdir(parents=True, exist_ok=True)
    if execute:
        _execute(out, target.parent)
    nbformat.validate(out)
    nbformat.write(out, target)
    return target, []


def _execute(nb, where: Path) -> None:
    """Run ``nb`` top to bottom in a fresh kernel in ``where`` (raises on the first error)."""
    from nbclient import NotebookClient

    saved = dict(os.environ)
    os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend stores the figures
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(where)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def status(paths: Paths = Paths(), out=print) -> dict:
    """Print and return the counts of every catalogue (package first, then notebooks)."""
    result = {}
    for path in [paths.po] + [paths.catalogue(nb) for nb in paths.english()]:
        tally = counts(polib.pofile(str(path))) if path.is_file() else None
        result[path.stem if path != paths.po else "course_utils"] = tally
        if tally is None:
            out(f"{path.stem:<34} no catalogue (run extract)")
        else:
            out(f"{path.stem:<34} {tally['translated']:4d} translated {tally['fuzzy']:4d} "
                f"fuzzy {tally['untranslated']:4d} untranslated {tally['obsolete']:3d} obsolete")
    return result


# ------------------------------------------------------------------ command line
def main(argv=None) -> int:
    """Command-line entry point; returns the exit status (0 ok, 1 incomplete, 2 bad input)."""
    parser = argparse.ArgumentParser(prog="python -m course_utils.tools.translate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["package", "extract", "build", "status", "update"])
    parser.add_argument("notebooks", nargs="*",
                        help="extract/build: notebooks by number or name (default: all; build "
                             "skips the catalogues with no translation yet)")
    parser.add_argument("--no-execute", action="store_true",
                        help="build: keep the English outputs instead of re-executing")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the repository (default: %(default)s)")
    args = parser.parse_args(argv)
    paths = Paths(args.root)
    try:
        chosen = paths.select(args.notebooks)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command in ("package", "update"):
        update_package(paths)
    if args.command in ("extract", "update", "build"):
        for nb in chosen:
            report = extract_notebook(nb, paths)
            changes = "; ".join(f"{k}: {' '.join(v)}" for k, v in report.items() if v)
            if changes:
                print(f"{nb.stem}: {changes}")
    if args.command in ("status", "update"):
        status(paths)
    if args.command != "build":
        return 0
    failed = False
    for nb in chosen:
        po = polib.pofile(str(paths.catalogue(nb)))
        if not args.notebooks and not po.translated_entries() and not po.fuzzy_entries():
            print(f"{nb.stem}: skipped, no translation yet ({len(po)} cells to translate)")
            continue
        try:
            target, problems = build_notebook(nb, paths, execute=not args.no_execute)
        except Exception as exc:  # noqa: BLE001 - a failing cell names itself
            print(f"{nb.stem}: NOT BUILT, the notebook failed to run: {exc}", file=sys.stderr)
            failed = True
            continue
        if problems:
            failed = True
            print(f"{nb.stem}: NOT BUILT, {len(problems)} problem(s) in "
                  f"{paths.catalogue(nb).relative_to(paths.root)}:", file=sys.stderr)
            for cell_id, problem in problems:
                print(f"  cell {cell_id}: {problem}", file=sys.stderr)
        else:
            print(f"{nb.stem}: built {target.relative_to(paths.root)}"
                  + (" (English outputs, not executed)" if args.no_execute else " (executed)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
