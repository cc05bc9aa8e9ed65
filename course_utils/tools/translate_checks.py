"""What a translation must keep, and the glossary (part of the translation tooling).

A translated markdown cell keeps every formula, code span or block, link target,
HTML tag and number of its English source, and its headings and table rows; a
glossary term used in the English cell is rendered as the glossary says
(``translations/<language>/glossary.csv``, exceptions in
``glossary_exceptions.csv``). ``course_utils.tools.translate`` refuses to build a
notebook that breaks these rules and ``tests/test_i18n.py`` fails on them.
"""
from __future__ import annotations

import csv
import re
import string
from pathlib import Path

__all__ = ["protected_spans", "numbers", "fields", "html_tags", "translation_problems",
           "read_glossary", "read_exceptions", "glossary_problems"]


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
