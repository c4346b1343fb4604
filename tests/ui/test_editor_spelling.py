"""Spell checking in the real editor: underlines as the author types, the context menu's
suggestions, Add to dictionary and Ignore, per-post languages, and a missing dictionary.

Uses the real Hunspell dictionaries through Enchant (scripts/system-deps.d/spelling.list).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from blogdesk.core.post.post import Post
from blogdesk.core.spelling.wordlist import WORDS_FILE, PersonalWords
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.spelling.check import SpellCheck
from blogdesk.ui.tasks import TaskRunner

WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline


@pytest.fixture
def words_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / WORDS_FILE


@pytest.fixture
def desk(
    qtbot: Any, task_runner: TaskRunner, words_file: Path
) -> Iterator[tuple[MarkdownEditor, SpellCheck]]:
    editor = MarkdownEditor(dark=False)
    qtbot.addWidget(editor)
    editor.resize(700, 400)
    editor.show()
    qtbot.waitExposed(editor)
    spell = SpellCheck(editor, task_runner, PersonalWords(words_file), preference="en_US")
    yield editor, spell
    task_runner.wait_idle(10_000)


def open_post(qtbot: Any, editor: MarkdownEditor, spell: SpellCheck, text: str) -> None:
    post = Post.parse(text)
    editor.setPlainText(post.body)
    with qtbot.waitSignal(spell.checked, timeout=10_000):
        spell.set_post(Path(f"/posts/{abs(hash(text))}.md"), post)


def underlined(editor: MarkdownEditor, word: str, nth: int = 0) -> bool:
    """Whether every character of the nth `word` in the editor has the wavy underline."""
    text = editor.toPlainText()
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    block = editor.document().findBlock(at)
    start = at - block.position()
    covered = set()
    for fmt in block.layout().formats():
        if fmt.format.underlineStyle() == WAVE:
            covered.update(range(fmt.start, fmt.start + fmt.length))
    return set(range(start, start + len(word))) <= covered


def menu_at(editor: MarkdownEditor, word: str) -> QMenu:
    """The editor's real context menu for a right click in the middle of `word`."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.toPlainText().index(word) + len(word) // 2)
    return editor.build_context_menu(editor.cursorRect(cursor).center())


def action(menu: QMenu, name: str) -> Any:
    found = [a for a in menu.actions() if a.objectName() == name]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def test_a_word_typed_wrong_is_underlined_and_a_right_one_is_not(qtbot: Any, desk: Any) -> None:
    editor, spell = desk
    open_post(qtbot, editor, spell, "---\ntitle: T\n---\n\nA first line.\n")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(editor, "The writter sat down ")
    qtbot.waitUntil(lambda: underlined(editor, "writter"), timeout=5000)
    assert not underlined(editor, "sat")
    assert not underlined(editor, "first")
    assert spell.languages == ("en_US",)
    # A correction takes the underline away again at the next check.
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("writter") + 4)
    cursor.deleteChar()
    with qtbot.waitSignal(spell.checked, timeout=5000):
        pass
    assert "writer sat" in editor.toPlainText()
    assert not any(
        f.format.underlineStyle() == WAVE
        for f in editor.document().lastBlock().previous().layout().formats()
    )


def test_code_links_and_shortcodes_are_not_underlined(qtbot: Any, desk: Any) -> None:
    editor, spell = desk
    body = (
        "Prose with a mistaek, `codde` and https://exampel.org/pathh here.\n\n"
        "```\nfencedd wrods\n```\n\n"
        '[caption id="attachmnt_1"]A captoin[/caption] and [lnik](http://x.org/targt).\n'
    )
    open_post(qtbot, editor, spell, body)
    assert underlined(editor, "mistaek")
    assert underlined(editor, "captoin")
    assert underlined(editor, "lnik")
    for word in ("codde", "exampel", "pathh", "fencedd", "wrods", "attachmnt", "targt"):
        assert not underlined(editor, word), word


def test_context_menu_suggests_and_replaces(qtbot: Any, desk: Any) -> None:
    editor, spell = desk
    open_post(qtbot, editor, spell, "I recieve letters.\n")
    assert underlined(editor, "recieve")
    menu = menu_at(editor, "recieve")
    # Suggestions come from the worker; the menu fills them in when they arrive.
    qtbot.waitUntil(lambda: any(a.objectName() == "spelling_suggestion" for a in menu.actions()))
    suggestions = [a for a in menu.actions() if a.objectName() == "spelling_suggestion"]
    assert "receive" in [a.text() for a in suggestions]
    assert menu.actions()[-1].text()  # Qt's own entries (Select All…) are still there
    next(a for a in suggestions if a.text() == "receive").trigger()
    assert editor.toPlainText() == "I receive letters.\n"
    menu.deleteLater()
    editor.undo()  # one undo step
    assert editor.toPlainText() == "I recieve letters.\n"


def test_add_to_dictionary_writes_the_word_list_and_removes_the_underline(
    qtbot: Any, desk: Any, words_file: Path
) -> None:
    editor, spell = desk
    open_post(qtbot, editor, spell, "Posted with Blogdeskish today, Blogdeskish again.\n")
    assert underlined(editor, "Blogdeskish") and underlined(editor, "Blogdeskish", 1)
    menu = menu_at(editor, "Blogdeskish")
    add = action(menu, "spelling_add")
    assert "Blogdeskish" in add.text()
    add.trigger()
    assert words_file.read_text(encoding="utf-8").splitlines() == ["Blogdeskish"]
    assert not underlined(editor, "Blogdeskish")
    assert not underlined(editor, "Blogdeskish", 1)
    # It stays accepted after the next check, and in a new session reading the same file.
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(editor, "Blogdeskish ")
    with qtbot.waitSignal(spell.checked, timeout=5000):
        pass
    assert not underlined(editor, "Blogdeskish", 2)
    assert "Blogdeskish" in PersonalWords(words_file)


def test_ignore_lasts_for_the_post_only(qtbot: Any, desk: Any, words_file: Path) -> None:
    editor, spell = desk
    post = Post.parse("Zorgle and zorgle.\n")
    editor.setPlainText(post.body)
    with qtbot.waitSignal(spell.checked, timeout=10_000):
        spell.set_post("a.md", post)
    action(menu_at(editor, "Zorgle"), "spelling_ignore").trigger()
    assert not underlined(editor, "Zorgle")
    assert underlined(editor, "zorgle")  # exactly that word
    with qtbot.waitSignal(spell.checked, timeout=5000):
        spell.check_now()
    assert not underlined(editor, "Zorgle")
    assert not words_file.exists()
    with qtbot.waitSignal(spell.checked, timeout=5000):
        spell.set_post("b.md", post)  # another post: not ignored there
    assert underlined(editor, "Zorgle")


def test_a_post_with_lang_de_DE_is_checked_in_german(qtbot: Any, desk: Any) -> None:
    editor, spell = desk
    open_post(
        qtbot, editor, spell, "---\nlang: de_DE\n---\nEin schöner Tag mit Strasse und Brücke.\n"
    )
    assert spell.languages == ("de_DE",)
    assert not underlined(editor, "schöner")
    assert not underlined(editor, "Brücke")
    assert underlined(editor, "Strasse")  # German spells it "Straße"


def test_several_languages_at_once(qtbot: Any, desk: Any) -> None:
    editor, spell = desk
    open_post(
        qtbot,
        editor,
        spell,
        "---\nlang: [en_US, de_DE]\n---\nThe Brücke was schöner than the bridgge.\n",
    )
    assert spell.languages == ("en_US", "de_DE")
    assert not underlined(editor, "Brücke")
    assert not underlined(editor, "schöner")
    assert underlined(editor, "bridgge")


def test_no_dictionary_is_said_once_and_the_editor_works_on(qtbot: Any, desk: Any) -> None:
    editor, spell = desk
    said: list[str] = []
    spell.message.connect(said.append)
    post = Post.parse("---\nlang: xx_YY\n---\nSome txet.\n")
    editor.setPlainText(post.body)
    spell.set_post("a.md", post)
    qtbot.waitUntil(lambda: bool(said))
    assert "xx_YY" in said[0] and "apt-get install hunspell-xx-yy" in said[0]
    spell.set_post("b.md", post)
    spell.set_post("c.md", Post.parse("---\nlang: xx_YY\n---\nMore.\n"))
    QTest.keyClicks(editor, "still typing ")
    qtbot.wait(DELAY_WAIT)
    assert len(said) == 1
    assert spell.languages == ()
    assert editor.toPlainText().startswith("still typing ")
    assert not underlined(editor, "txet")


DELAY_WAIT = 500


def test_the_window_checks_the_open_post_and_keeps_words_in_the_config_folder(
    qtbot: Any, make_desk: Callable[..., Any], tmp_path: Path
) -> None:
    from blogdesk.core import paths

    root = tmp_path / "library"
    root.mkdir()
    post = root / "reise.md"
    post.write_text("---\ntitle: Reise\nlang: de_DE\n---\n\nWir fahren mit dem Zugg.\n", "utf-8")
    desk = make_desk(root, [post])
    window = desk.window
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor, "Zugg"), timeout=10_000)
    assert not underlined(editor, "fahren")
    assert window.spelling_label.text() == "de_DE"
    action(menu_at(editor, "Zugg"), "spelling_add").trigger()
    assert (paths.config_dir() / WORDS_FILE).read_text(encoding="utf-8") == "Zugg\n"
    assert not underlined(editor, "Zugg")
    assert window.documents.dirty is False  # underlines are no edit


def test_a_check_that_an_edit_overtook_is_not_applied(
    qtbot: Any, desk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, spell = desk
    open_post(qtbot, editor, spell, "Zorgle one.\n")
    assert set(spell.highlighter.misspelled) == {"Zorgle one."}
    installed: list[set[str]] = []  # every set of underlines put on screen from now on
    refresh = spell.highlighter.refresh_lines

    def record(*args: Any) -> None:
        installed.append(set(spell.highlighter.misspelled))
        refresh(*args)

    monkeypatch.setattr(spell.highlighter, "refresh_lines", record)
    spell.check_now()  # its text is taken now; the edit below comes before its result
    cursor = QTextCursor(editor.document())
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText("Blarg two.\n")
    with qtbot.waitSignal(spell.checked, timeout=5000):
        pass
    # Each one was checked on the text as edited (a partial check may keep an old line's
    # entry, which no line of the post has any more, until the whole post is checked).
    assert installed and all("Blarg two." in seen for seen in installed), installed
    assert installed[-1] == {"Blarg two."}
    assert underlined(editor, "Blarg")
