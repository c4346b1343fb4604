"""Translation of the window's text through Qt's translators, and the language chosen at start.

Every user-visible string of the window is written as ``translate("Context", "English text")``
(``QCoreApplication.translate``): ``pyside6-lupdate`` finds these calls by name and writes them to
``resources/translations/*.ts`` (``make translations``; docs/translating.md). The context is the
class (or, for module-level text, the module's main class) the string belongs to. Text with values
in it keeps named placeholders that the translator can move, filled after translating:
``translate("Ctx", "Could not save {path}: {reason}").format(path=..., reason=...)``.

Counts: pyside6-lupdate (6.11) keeps Qt's plural form (``%n``) only when the count is a literal
number, so a count is written as two messages, one for exactly one and one for any other count:
``translate("Ctx", "1 post") if n == 1 else translate("Ctx", "{count} posts").format(count=
number(n))`` (``number`` writes it in the locale's digits and grouping).

`use_language()` (called once the QApplication exists) installs the translators of the language
of the system's locale, or of ``BLOGDESK_LANGUAGE`` (``de``, ``en``) when set, for BlogDesk's text
and for Qt's own (standard dialog buttons); English, the source language, needs none. A language
without a translation falls back to English without a word.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from blogdesk import resources

translate = QCoreApplication.translate

__all__ = [
    "LANGUAGE_ENV",
    "QT_TRANSLATE_NOOP",
    "language_code",
    "locale_date",
    "number",
    "translate",
    "use_language",
]

log = logging.getLogger(__name__)

LANGUAGE_ENV = "BLOGDESK_LANGUAGE"
_installed: list[QTranslator] = []  # kept alive: Qt holds only a pointer


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation without translating it (tables at module level, translated
    where shown with ``translate(context, text)``). Qt's own returns `object` to type checkers."""
    del context
    return text


def _locale() -> QLocale:
    wanted = os.environ.get(LANGUAGE_ENV, "").strip()
    return QLocale(wanted) if wanted else QLocale.system()


def language_code(locale: QLocale | None = None) -> str:
    """The two-letter language of `locale` (default: the chosen one): "de", "en", …"""
    name = (locale or _locale()).name()  # "de_DE"; "C" for the C locale
    code = name.split("_", 1)[0].lower()
    return "en" if code in ("c", "") else code


def use_language() -> str:
    """Install the translators for the chosen language; the language code in use ("en" when
    there is no translation for it). Safe to call again: the previous translators are removed."""
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(old)
    _installed.clear()
    locale = _locale()
    QLocale.setDefault(locale)  # dates and numbers in the chosen language too
    code = language_code(locale)
    if code == "en" or app is None:
        return "en"
    # By the locale, so "pt_BR" finds blogdesk_pt_BR.qm, else blogdesk_pt.qm; "de_AT" blogdesk_de.
    ours = QTranslator()
    if not ours.load(locale, "blogdesk", "_", str(resources.FOLDER / "translations")):
        log.info("no translation for %s; the window stays English", locale.name())
        return "en"
    QCoreApplication.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator()  # Qt's own words: the buttons of standard dialogs
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    return Path(ours.filePath()).stem.removeprefix("blogdesk_")


def number(value: int | float) -> str:
    """`value` in the locale's digits and grouping (1,234 / 1.234)."""
    return QLocale().toString(value)


def locale_date(iso: str | None) -> str:
    """A post's date ("2026-01-05…", as stored) in the locale's short form with the full year
    (1/5/2026, 05.01.2026; 2026-01-05 in the C locale); the text as it stands when it is no
    date."""
    text = (iso or "")[:10]
    date = QDate.fromString(text, "yyyy-MM-dd")
    if not date.isValid():
        return text
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return text  # LANG=C (servers, containers): ISO, not the C locale's "6 12 2026"
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return locale.toString(date, pattern)
