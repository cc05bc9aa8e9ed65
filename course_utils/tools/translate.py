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
import ast
import copy
import csv
import difflib
import os
import re
import string
import sys
from pathlib import Path

import nbformat
import polib

__all__ = ["LANGUAGE", "ROOT", "LANGUAGE_CELL_ID", "LANGUAGE_TAG", "Paths",
           "extract_package_messages", "merge_catalogue", "update_package", "mo_entries",
           "po_entries", "extract_notebook", "translation_problems", "protected_spans",
           "numbers", "fields", "html_tags", "read_glossary", "read_exceptions",
           "glossary_problems", "build_notebook", "language_cell", "status", "main"]

LANGUAGE = "zh_CN"
ROOT = Path(__file__).resolve().parents[2]
LANGUAGE_CELL_ID = "set-language"
LANGUAGE_TAG = "i18n-set-language"
_MARKERS = ("_", "N_", "ngettext")
_HEADER = {"Project-Id-Version": "practical-dl-course", "Language": LANGUAGE,
           "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
           "Content-Transfer-Encoding": "8bit", "Plural-Forms": "nplurals=1; plural=0;"}


class Paths:
    """Where the sources, catalogues and built notebooks of one checkout are."""

    def __init__(self, root=ROOT, language: str = LANGUAGE):
        root = Path(root)
        self.root, self.language = root, language
        self.package = root / "course_utils"
        self.notebooks = root / "notebooks"
        self.built = self.notebooks / language
        self.catalogues = root / "translations" / language
        self.glossary = self.catalogues / "glossary.csv"
        self.exceptions = self.catalogues / "glossary_exceptions.csv"
        self.pot = self.package / "locale" / "course_utils.pot"
        self.po = self.package / "locale" / language / "LC_MESSAGES" / "course_utils.po"
        self.mo = self.po.with_suffix(".mo")

    def english(self) -> list[Path]:
        return sorted(self.notebooks.glob("[0-9][0-9]_*.ipynb"))

    def catalogue(self, notebook: Path) -> Path:
        return self.catalogues / f"{Path(notebook).stem}.po"

    def select(self, names) -> list[Path]:
        """English notebooks named by ``names`` (``03``, ``03_l2_regularization``, a path)."""
        every = self.english()
        if not names:
            return every
        chosen = []
        for name in names:
            stem = Path(name).stem
            found = [p for p in every if p.stem == stem or p.stem.startswith(stem + "_")]
            if len(found) != 1:
                raise ValueError(f"{name!r} names no single notebook of {self.notebooks}; "
                                 f"valid: {', '.join(p.stem[:2] for p in every)}.")
            chosen += found
        return chosen


def _new_catalogue(comment: str, **extra) -> polib.POFile:
    po = polib.POFile(wrapwidth=78)
    po.header = comment
    po.metadata = {**_HEADER, **extra}
    return po


# ------------------------------------------------------------------ the package's strings
def _literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _python_messages(tree, where: str):
    """(msgid, msgid_plural, "file:line") of every marked literal in one syntax tree."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in _MARKERS and node.args and _literal(node.args[0]):
            plural = _literal(node.args[1]) if node.func.id == "ngettext" else None
            yield _literal(node.args[0]), plural, (where, str(node.lineno))


def _notebook_messages(tree, where):
    """The literal texts a notebook gives ``check_function`` (name, hint, mistakes)."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check_function"):
            continue
        found = node.args[:1] + [k.value for k in node.keywords
                                 if k.arg in ("exercise", "hint", "draws")]
        for k in node.keywords:
            if k.arg == "mistakes" and isinstance(k.value, (ast.List, ast.Tuple)):
                found += [e for t in k.value.elts if isinstance(t, ast.Tuple)
                          for e in (t.elts[:1] + t.elts[2:3])]
        for value in found:
            if _literal(value):
                yield _literal(value), None, (where, str(node.lineno))


def extract_package_messages(paths: Paths = Paths()) -> polib.POFile:
    """The template (.pot) of every learner-facing msgid of ``course_utils``, in source order."""
    pot = _new_catalogue("Learner-facing messages of course_utils (exercise feedback, explorer "
                         "summaries).\nGenerated by `python -m course_utils.tools.translate "
                         "package`: do not edit.")
    pot.metadata.pop("Language")
    found = []
    for path in sorted(paths.package.rglob("*.py")):
        if "__pycache__" not in path.parts:
            rel = path.relative_to(paths.root).as_posix()
            found += _python_messages(ast.parse(path.read_text(encoding="utf-8")), rel)
    for path in paths.english():
        rel = path.relative_to(paths.root).as_posix()
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                code = "\n".join(ln for ln in cell.source.splitlines()
                                 if not ln.lstrip().startswith(("%", "!")))
                found += _notebook_messages(ast.parse(code), f"{rel}#{cell.id}")
    entries = {}
    for msgid, plural, where in found:
        entry = entries.get(msgid)
        if entry is None:
            flags = ["python-brace-format"] if fields(msgid) or fields(plural or "") else []
            entry = entries[msgid] = polib.POEntry(
                msgid=msgid, msgid_plural=plural or "", flags=flags,
                **({"msgstr_plural": {0: ""}} if plural else {}))
            pot.append(entry)
        elif (entry.msgid_plural or None) != plural:
            raise ValueError(f"{where[0]}:{where[1]}: {msgid!r} is used both with and without "
                             "a plural form; give the two uses different texts.")
        entry.occurrences.append(where)
    return pot


def merge_catalogue(po: polib.POFile, pot: polib.POFile, cutoff: float = 0.6) -> dict:
    """Merge ``pot`` into ``po`` in place, as msgmerge does; returns what changed.

    Exact msgids keep their translation (polib's ``merge``). A new msgid close to
    one that disappeared (difflib ratio >= ``cutoff``) takes over its translation
    as fuzzy, the old msgid kept as ``#| msgid``; other new msgids are
    untranslated. Gone msgids with a translation become obsolete. Entries follow
    the template's order.
    """
    previous = {e.msgid: e.previous_msgid for e in po if e.previous_msgid}
    old = {e.msgid for e in po if not e.obsolete}
    po.merge(pot)
    gone = [e for e in po if e.obsolete and (e.msgstr or any(e.msgstr_plural.values()))]
    report = {"new": [], "fuzzy": [], "obsolete": []}
    for entry in po:
        if entry.obsolete:
            continue
        if entry.fuzzy and entry.msgid in previous:
            entry.previous_msgid = previous[entry.msgid]
        if entry.msgid in old or entry.translated() or entry.fuzzy:
            continue
        similar = [e for e in gone if bool(e.msgid_plural) == bool(entry.msgid_plural)]
        ratio = {id(e): difflib.SequenceMatcher(None, e.msgid, entry.msgid).ratio()
                 for e in similar}
        best = max(similar, key=lambda e: ratio[id(e)], default=None)
        if best is not None and ratio[id(best)] >= cutoff:
            entry.msgstr, entry.previous_msgid = best.msgstr, best.msgid
            entry.msgstr_plural = dict(best.msgstr_plural)
            entry.flags.append("fuzzy")
            gone.remove(best)
            report["fuzzy"].append(entry.msgid)
        else:
            report["new"].append(entry.msgid)
    report["obsolete"] = [e.msgid for e in gone if e.msgid in old]
    order = {e.msgid: i for i, e in enumerate(pot)}
    po[:] = sorted((e for e in po if not e.obsolete), key=lambda e: order[e.msgid]) + gone
    return report


def update_package(paths: Paths = Paths(), out=print) -> dict:
    """Re-extract the .pot, merge it into the language's .po, compile the .mo; report."""
    pot = extract_package_messages(paths)
    paths.pot.parent.mkdir(parents=True, exist_ok=True)
    pot.save(str(paths.pot))
    if paths.po.is_file():
        po = polib.pofile(str(paths.po), wrapwidth=78)
    else:
        paths.po.parent.mkdir(parents=True, exist_ok=True)
        po = _new_catalogue(f"Chinese ({paths.language}) messages of course_utils.")
    report = merge_catalogue(po, pot)
    po.metadata.update({k: v for k, v in _HEADER.items() if k != "Language"},
                       Language=paths.language)
    po.save(str(paths.po))
    po.save_as_mofile(str(paths.mo))
    counts = _counts(po)
    out(f"{paths.po.relative_to(paths.root)}: {counts['translated']} translated, "
        f"{counts['fuzzy']} fuzzy, {counts['untranslated']} untranslated "
        f"({len(report['new'])} new, {len(report['fuzzy'])} newly fuzzy, "
        f"{len(report['obsolete'])} obsolete); compiled {paths.mo.name}")
    for kind in ("fuzzy", "new"):
        for msgid in report[kind]:
            out(f"  {kind}: {msgid[:90]!r}")
    return report


def po_entries(po) -> dict:
    """``{msgid: translation}`` of the translated, non-fuzzy entries (plural: a tuple)."""
    return {e.msgid: (tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural))
                      if e.msgid_plural else e.msgstr) for e in po.translated_entries()}


def mo_entries(path) -> dict:
    """The same mapping read back from a compiled .mo file."""
    return po_entries(polib.mofile(str(path)))


def _counts(po) -> dict:
    live = [e for e in po if not e.obsolete]
    return {"translated": len(po.translated_entries()), "fuzzy": len(po.fuzzy_entries()),
            "untranslated": sum(1 for e in live if not e.translated() and not e.fuzzy),
            "obsolete": len(po.obsolete_entries())}


# ------------------------------------------------------------------ what a translation keeps
_FENCE = re.compile(r"^([ \t]*)(```|~~~).*?^\1\2[ \t]*$", re.M | re.S)
_MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?!\$).+?(?<![\\$])\$", re.S)
_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_LINK = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\s*\)|<(https?://[^>]+)>"
                   r"|(?<![(<])(https?://[^\s)>]+)")
_HTML = re.compile(r"</?[A-Za-z][^<>]*>")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_KINDS = (("code block", _FENCE), ("formula", _MATH), ("code", _CODE), ("link", _LINK),
          ("HTML tag", _HTML))


def protected_spans(text: str) -> tuple[dict, str]:
    """The spans a translation copies unchanged, and the prose left once they are removed.

    Returns ``({"code block": [...], "formula": [...], "code": [...], "link": [...],
    "HTML tag": [...]}, prose)``: fenced code blocks, ``$$...$$`` and ``$...$``
    formulas, inline code, link targets and URLs, HTML tags, each taken out of
    the text before the next kind is looked for.
    """
    spans = {}
    for kind, pattern in _KINDS:
        found = []

        def keep(match, found=found):
            found.append(next((g for g in match.groups()[-3:] if g), match.group(0))
                         if kind == "link" else match.group(0))
            return " "
        text = pattern.sub(keep, text)
        spans[kind] = found
    return spans, text


def numbers(prose: str) -> set:
    """The numbers written with digits in ``prose`` (``60/20/20`` -> {"60", "20"})."""
    return set(_NUMBER.findall(prose))


def fields(template: str) -> list:
    """The ``{fields}`` of a format template: sorted (name, format spec, conversion)."""
    try:
        return sorted((name, spec or "", conv or "")
                      for _, name, spec, conv in string.Formatter().parse(template)
                      if name is not None)
    except ValueError:
        return [("<unbalanced braces>", "", "")]


def html_tags(text: str) -> list:
    return sorted(_HTML.findall(text))


def _structure(text: str) -> tuple:
    lines = [ln.lstrip() for ln in _FENCE.sub("", text).splitlines()]
    return (sum(ln.startswith("#") for ln in lines), sum(ln.startswith("|") for ln in lines))


def translation_problems(english: str, entry) -> list[str]:
    """Why ``entry`` is not a current, complete translation of ``english`` (empty: it is)."""
    if entry is None or entry.obsolete:
        return ["no entry in the catalogue (run extract)"]
    if entry.msgid != english:
        return ["the catalogue is older than the English cell (run extract)"]
    if not entry.msgstr.strip():
        return ["untranslated"]
    if entry.fuzzy:
        return ["fuzzy: the English changed since it was translated (see its #| msgid)"]
    problems = []
    (want, prose), (got, got_prose) = protected_spans(english), protected_spans(entry.msgstr)
    for kind, spans in want.items():
        # a line break inside inline code or a formula renders as a space (CommonMark)
        norm = (lambda s: " ".join(s.split())) if kind in ("code", "formula") else str
        have = {norm(s) for s in got[kind]}
        missing = [s for s in dict.fromkeys(spans) if norm(s) not in have]
        if missing:
            problems.append(f"{kind} not copied unchanged: " + ", ".join(map(repr, missing)))
    lost = sorted(numbers(prose) - numbers(got_prose), key=lambda n: (len(n), n))
    if lost:
        problems.append("numbers missing: " + ", ".join(lost))
    heads, rows = _structure(english)
    if _structure(entry.msgstr) != (heads, rows):
        problems.append(f"expected {heads} heading(s) and {rows} table row(s) as in English")
    return problems


# ------------------------------------------------------------------ the glossary
def read_glossary(path) -> list[dict]:
    """Rows of the glossary CSV (``english, chinese, note``)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows or set(rows[0]) != {"english", "chinese", "note"}:
        raise ValueError(f"{path}: expected the columns english,chinese,note.")
    return rows


def read_exceptions(path) -> set:
    """``{(notebook, cell id, english term)}`` allowed not to use the glossary's Chinese."""
    if not Path(path).is_file():
        return set()
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["notebook"], r["cell"], r["english"].lower()) for r in csv.DictReader(f)}


def _term_pattern(english: str):
    words = [re.escape(w) for w in re.split(r"[\s-]+", english.strip())]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?:s|es)?(?![\w-])", re.I)


def glossary_problems(english: str, translation: str, glossary, allowed=()) -> list[str]:
    """Glossary terms of the English prose whose Chinese is missing from the translation.

    ``allowed`` holds the lower-case English terms exempted for this cell.
    """
    prose = protected_spans(english)[1]
    target = re.sub(r"\s+", "", translation).lower()
    return [f"{row['english']!r} should be {row['chinese']!r}" for row in glossary
            if row["english"].lower() not in allowed and _term_pattern(row["english"]).search(prose)
            and re.sub(r"\s+", "", row["chinese"]).lower() not in target]


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
        po = _new_catalogue(f"Chinese ({paths.language}) translation of {rel}: one entry per "
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
        f'from course_utils.i18n import set_language; set_language("{language}");')
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
        counts = _counts(polib.pofile(str(path))) if path.is_file() else None
        result[path.stem if path != paths.po else "course_utils"] = counts
        if counts is None:
            out(f"{path.stem:<34} no catalogue (run extract)")
        else:
            out(f"{path.stem:<34} {counts['translated']:4d} translated {counts['fuzzy']:4d} "
                f"fuzzy {counts['untranslated']:4d} untranslated {counts['obsolete']:3d} obsolete")
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
