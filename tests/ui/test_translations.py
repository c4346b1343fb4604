"""The window in German: the translators load, every menu entry is translated, accelerators stay
unique within a menu, dates and numbers follow the locale, and the committed translation is in
step with the sources (scripts/translations.py check).

The English window is built first and its menu texts recorded; the German window, built the same
way on the same library, must show a different text at every place (but the few words German
shares with English, ALLOWED_SAME).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QMenu, QMenuBar

from blogdesk.ui.i18n import LANGUAGE_ENV, locale_date, translate, use_language
from blogdesk.ui.library.model import Column

REPO = Path(__file__).resolve().parents[2]

# Words German writes as English does (compared without the accelerator's "&").
ALLOWED_SAME = {"Blog", "Blogs", "Format", "Link", "System", "HTML"}


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _accelerator(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def _all_actions(menu: QMenu) -> list[QAction]:
    found = []
    for act in menu.actions():
        found.append(act)
        sub = act.menu()
        if isinstance(sub, QMenu):
            found += _all_actions(sub)
    return found


def _menu_texts(window: Any) -> list[tuple[str, str]]:
    """(where, text) of every menu title and menu entry of the menu bar, in order; `where` is
    the path of positions, the same in both languages."""
    out: list[tuple[str, str]] = []

    def walk(actions: list[QAction], where: str) -> None:
        for i, act in enumerate(actions):
            if act.isSeparator():
                continue
            out.append((f"{where}{i}", act.text()))
            sub = act.menu()
            if isinstance(sub, QMenu) and sub is not window.menus.recent_menu:
                walk(sub.actions(), f"{where}{i}.")

    walk(window.menuBar().actions(), "")
    return out


def _clashes(window: Any) -> list[str]:
    """Accelerators used twice within one menu (or the menu bar)."""
    problems = []

    def check(owner: QMenu | QMenuBar, title: str) -> None:
        seen: dict[str, str] = {}
        for act in owner.actions():
            if act.isSeparator() or not act.isVisible():
                continue
            key = _accelerator(act.text())
            if key is not None:
                if key in seen:
                    problems.append(f"{title}: “{seen[key]}” and “{act.text()}” share &{key}")
                seen[key] = act.text()
            sub = act.menu()
            if isinstance(sub, QMenu):
                check(sub, _plain(act.text()))

    check(window.menuBar(), "menu bar")
    return problems


@pytest.fixture
def language(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> Iterator[Callable[[str], str]]:
    """`language("de")`: load that language as a start does; English again after the test."""

    def load(code: str) -> str:
        monkeypatch.setenv(LANGUAGE_ENV, code)
        return use_language()

    yield load
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    use_language()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_every_menu_entry_is_german_with_unique_accelerators(
    make_desk: Any, close_desk: Any, sample_library: Path, language: Any, wait_listed: Any
) -> None:
    assert language("en") == "en"
    english_desk = make_desk(sample_library)
    english = _menu_texts(english_desk.window)
    close_desk(english_desk)
    assert ("0", "&File") in english  # the walk sees the menus at all

    assert language("de") == "de"
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    german = _menu_texts(desk.window)
    assert [where for where, _ in german] == [where for where, _ in english]
    untranslated = [
        text
        for (_, text), (_, was) in zip(german, english, strict=True)
        if _plain(text) == _plain(was) and _plain(text).rstrip(" .…") not in ALLOWED_SAME
    ]
    assert untranslated == []
    assert len(german) > 40  # all the menus: File, Edit, View (and its submenus), Library, Help
    assert desk.window.menuBar().actions()[0].text() == "&Datei"
    clashes = _clashes(desk.window)
    assert clashes == [], "\n".join(clashes)

    # The library in German: its header, a date in the locale's form, the status badge's word.
    wait_listed(desk, 3)
    model = desk.window.library_panel.model
    assert model.headerData(Column.DATE, Qt.Orientation.Horizontal) == "Datum"
    first = model.row_of("first-post.md")
    assert model.index(first, Column.DATE).data() == "05.01.2026"
    panel = desk.window.library_panel
    assert panel.search.placeholderText() == "Beiträge durchsuchen"
    assert panel.status_filter.itemText(0) == "Alle Status"
    assert desk.window.windowTitle() == "First post — BlogDesk"


def _window_mnemonics(window: Any) -> list[str]:
    """Alt+letter keys the main window answers to: the menu bar's titles and the mnemonics of
    the visible labels (which jump to their field) and buttons. Two owners of one letter make
    Alt+letter ambiguous: the menu does not open, focus cycles between the owners."""
    owners: dict[str, list[str]] = {}
    texts = [act.text() for act in window.menuBar().actions() if act.isVisible()]
    texts += [w.text() for w in window.findChildren(QLabel) if w.buddy() and w.isVisible()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    for text in texts:
        key = _accelerator(text)
        if key is not None:
            owners.setdefault(key, []).append(_plain(text))
    return [f"Alt+{k.upper()}: {', '.join(v)}" for k, v in owners.items() if len(v) > 1]


@pytest.mark.parametrize("code", ["en", "de"])
def test_no_alt_letter_of_the_window_has_two_owners(
    code: str, make_desk: Any, sample_library: Path, language: Any
) -> None:
    # Alt+L must open the Library menu, not jump to the Slug field (or cycle between them).
    language(code)
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    clashes = _window_mnemonics(desk.window)
    assert clashes == [], "\n".join(clashes)


def test_locale_numbers_and_qt_own_buttons_follow_the_language(language: Any, qtbot: Any) -> None:
    assert language("de") == "de"
    assert locale_date("2026-12-24T10:00:00") == "24.12.2026"
    assert QLocale().toString(12345) == "12.345"
    # Qt's own translation (qtbase_de) is loaded too: standard buttons speak German.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    assert language("en") == "en"
    assert translate("Menus", "&File") == "&File"
    assert locale_date("2026-12-24") == "12/24/2026"


def test_a_language_without_translation_falls_back_to_english(language: Any) -> None:
    assert language("de_AT") == "de"  # a country's German finds the German translation
    assert translate("Menus", "&File") == "&Datei"
    assert language("fr") == "en"
    assert translate("Menus", "&File") == "&File"
    assert locale_date("not a date") == "not a date"


def test_the_c_locale_shows_iso_dates(language: Any) -> None:
    # LANG=C or C.UTF-8 (containers, minimal systems): English words, ISO dates; the C
    # locale's own short format would read "6 12 2026".
    assert language("C") == "en"
    assert translate("Menus", "&File") == "&File"
    assert locale_date("2026-12-06T18:56:31+00:00") == "2026-12-06"


def test_the_committed_translations_are_in_step_and_complete() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "translations.py"), "check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "in step and complete" in done.stdout
