"""The language of what ``course_utils`` says to a learner (floor 1).

Learner-facing text (exercise feedback, explorer summaries) is written in
English and wrapped in :func:`_`; a translation is looked up in the gettext
catalogue ``course_utils/locale/<language>/LC_MESSAGES/course_utils.mo``. The
language is chosen once per notebook::

    from course_utils.i18n import set_language
    set_language("zh_CN")

Write every message as one template with named fields, translated first and
filled in after, so that a translator sees whole sentences::

    _("wrong result on test case {case}").format(case=3)

Nothing is read at import time; English needs no catalogue.

Adding a learner-facing string (an explorer's summary, a new feedback):

1. wrap the English template in ``_()`` where it is shown, or in ``N_()`` where
   it sits in a module-level table (then pass it through ``_()`` when shown);
   keep HTML tags and ``{fields}`` (with their format specs, ``{acc:.1%}``)
   inside the one template, and fill them with ``.format`` after translating::

       _("Iteration <b>{iteration}</b>: dev error {dev:.1%}").format(iteration=it, dev=e)

2. run ``make translations``: it re-extracts every ``_``, ``N_`` and
   ``ngettext`` literal into ``locale/course_utils.pot``, merges it into
   ``locale/zh_CN/LC_MESSAGES/course_utils.po`` (new strings untranslated, changed
   ones fuzzy) and compiles the ``.mo``;
3. translate the new entries (Poedit, or any editor: remove the ``fuzzy`` flag
   once a translation is checked), keeping the same ``{fields}`` and HTML tags,
   then ``make translations`` again. ``tests/test_i18n.py`` fails while a
   string is untranslated or fuzzy, or the ``.mo`` is older than the ``.po``.
"""
from __future__ import annotations

import gettext
import pathlib

__all__ = ["LANGUAGES", "set_language", "get_language", "_", "N_", "ngettext"]

DOMAIN = "course_utils"
LOCALE_DIR = pathlib.Path(__file__).resolve().parent / "locale"
LANGUAGES = {"en": "English", "zh_CN": "简体中文 (Simplified Chinese)"}
"""The languages the course speaks."""

_state = {"language": "en", "translations": gettext.NullTranslations()}


def set_language(language: str = "en") -> str:
    """Choose the language of feedback and summaries for this Python session.

    Parameters
    ----------
    language : a key of :data:`LANGUAGES` (``"en"`` or ``"zh_CN"``)

    Returns
    -------
    The language now in use.
    """
    if not isinstance(language, str) or language not in LANGUAGES:
        valid = ", ".join(repr(k) for k in LANGUAGES)
        raise ValueError(f"Unknown language {language!r}. Valid languages: {valid}.")
    if language == "en":
        tr = gettext.NullTranslations()
    else:
        # Read the file itself, not through gettext.translation's cache: a kernel that
        # calls set_language again after `make translations` gets the new catalogue.
        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with open(path, "rb") as f:
                tr = gettext.GNUTranslations(f)
        except OSError:
            raise FileNotFoundError(
                f"No compiled catalogue for {language!r} in {LOCALE_DIR}. Build it with "
                f"`make translations` (it compiles the .po files into .mo files).") from None
    _state["language"], _state["translations"] = language, tr
    return language


def get_language() -> str:
    """The language in use (``"en"`` unless :func:`set_language` chose another)."""
    return _state["language"]


def _(message: str) -> str:
    """``message`` in the language in use (unchanged when there is no translation)."""
    return _state["translations"].gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (returns it unchanged).

    For text kept in module-level tables (an exercise's catalogue of mistakes):
    the extractor collects it (``xgettext --keyword=N_``) and the code that shows
    it passes it through :func:`_` at that moment, in the language then in use.
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural form of a message for ``n``, in the language in use."""
    return _state["translations"].ngettext(singular, plural, n)
