"""The Markdown editor: typing, formatting commands with undo, lists, quotes, find/replace,
highlighting. Real widgets, offscreen, driven by key events."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from blogdesk.ui.editor.editor import SHORTCUTS, MarkdownEditor
from blogdesk.ui.editor.find_replace import FindOptions
from blogdesk.ui.editor.formatting import u16len
from blogdesk.ui.editor.highlighter import FENCE_STATE_BASE, FRONT_MATTER_YAML


@pytest.fixture
def editor(qtbot) -> MarkdownEditor:
    ed = MarkdownEditor(dark=False)
    qtbot.addWidget(ed)
    ed.resize(600, 400)
    ed.show()
    qtbot.waitExposed(ed)
    ed.setFocus()
    return ed


def set_text(ed: MarkdownEditor, text: str, cursor_at: int | None = None) -> None:
    ed.setPlainText(text)
    c = ed.textCursor()
    c.setPosition(len(text) if cursor_at is None else cursor_at)
    ed.setTextCursor(c)


def select(ed: MarkdownEditor, start: int, end: int) -> None:
    c = ed.textCursor()
    c.setPosition(start)
    c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    ed.setTextCursor(c)


def test_typing_inserts_text(qtbot, editor: MarkdownEditor) -> None:
    qtbot.keyClicks(editor, "# Hello *world*")
    assert editor.toPlainText() == "# Hello *world*"


def test_enter_continues_bullet_list_and_empty_item_ends_it(qtbot, editor) -> None:
    set_text(editor, "- apples")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "pears")
    assert editor.toPlainText() == "- apples\n- pears"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "- apples\n- pears\n- "
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # empty item: the list ends, a blank line stays
    assert editor.toPlainText() == "- apples\n- pears\n\n"


def test_enter_increments_numbered_list_and_keeps_task_boxes(qtbot, editor) -> None:
    set_text(editor, "9. nine")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "ten")
    assert editor.toPlainText() == "9. nine\n10. ten"
    set_text(editor, "  * [x] done")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "  * [x] done\n  * [ ] "


def test_enter_continues_quote_and_shift_enter_does_not(qtbot, editor) -> None:
    set_text(editor, "> a wise word")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "more")
    assert editor.toPlainText() == "> a wise word\n> more"
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText().endswith("> more\n")
    set_text(editor, "> x\n> ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "> x\n\n"


# --- typing that follows the author: markers, blank lines, numbering, undo ---


def type_text(ed: MarkdownEditor, text: str) -> None:
    """Key presses for every character, also those QTest cannot name (—, …)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(ed, event)


def enter(qtbot, ed: MarkdownEditor) -> None:
    qtbot.keyClick(ed, Qt.Key.Key_Return)


def undo(qtbot, ed: MarkdownEditor) -> None:
    qtbot.keyClick(ed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_quote_with_an_attribution_typed_the_natural_way(qtbot, editor) -> None:
    type_text(editor, "> I once informed leaders…")
    enter(qtbot, editor)
    assert editor.toPlainText() == "> I once informed leaders…\n> "
    type_text(editor, "> — Brian Hioe")  # the author types their own ">" as well
    assert editor.toPlainText() == "> I once informed leaders…\n> — Brian Hioe"
    enter(qtbot, editor)
    enter(qtbot, editor)  # an empty quote line ends the quote and leaves a blank line
    qtbot.keyClicks(editor, "After the quote.")
    assert editor.toPlainText() == (
        "> I once informed leaders…\n> — Brian Hioe\n\nAfter the quote."
    )


def test_a_deliberate_second_quote_marker_still_nests(qtbot, editor) -> None:
    qtbot.keyClicks(editor, "> > nested")  # typed by the author: nothing automatic
    assert editor.toPlainText() == "> > nested"
    enter(qtbot, editor)
    assert editor.toPlainText() == "> > nested\n> > "
    qtbot.keyClicks(editor, ">")  # right after the automatic prefix: replaces it
    assert editor.toPlainText() == "> > nested\n>"
    qtbot.keyClicks(editor, ">")  # the line is the author's now: this one nests
    assert editor.toPlainText() == "> > nested\n>>"


def test_quote_marker_after_the_author_typed_something_else_is_text(qtbot, editor) -> None:
    set_text(editor, "> a")
    enter(qtbot, editor)
    qtbot.keyClicks(editor, "x")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # an edit of their own: no longer automatic
    qtbot.keyClicks(editor, ">")
    assert editor.toPlainText() == "> a\n> >"
    set_text(editor, "> a")
    enter(qtbot, editor)
    qtbot.keyClick(editor, Qt.Key.Key_Left)  # the caret left the end of the marker
    qtbot.keyClicks(editor, ">")
    assert editor.toPlainText() == "> a\n>> "


@pytest.mark.parametrize(
    ("first", "typed", "expected"),
    [
        ("* The Guardian", "* The Nation", "* The Guardian\n* The Nation"),
        ("- one", "- two", "- one\n- two"),
        ("- one", "+ two", "- one\n+ two"),  # the author's marker wins
        ("1. one", "2. two", "1. one\n2. two"),
        ("9. nine", "10. ten", "9. nine\n10. ten"),
        ("    - nested", "- deeper", "    - nested\n    - deeper"),  # indentation kept
        ("    - nested", "- [ ] task", "    - nested\n    - [ ] task"),
        ("- one", "**bold**", "- one\n- **bold**"),  # emphasis, not a marker
        ("- one", "-- dash", "- one\n- -- dash"),
        ("1. one", "1984 was a year", "1. one\n2. 1984 was a year"),
    ],
)
def test_list_marker_typed_after_the_automatic_one_does_not_nest(
    qtbot, editor, first: str, typed: str, expected: str
) -> None:
    set_text(editor, first)
    enter(qtbot, editor)
    qtbot.keyClicks(editor, typed)
    assert editor.toPlainText() == expected


def test_empty_item_ends_the_list_and_the_next_paragraph_stays_out(qtbot, editor) -> None:
    qtbot.keyClicks(editor, "* The Guardian")
    enter(qtbot, editor)
    qtbot.keyClicks(editor, "* The Nation")
    enter(qtbot, editor)
    enter(qtbot, editor)
    qtbot.keyClicks(editor, "Both are newspapers.")
    assert editor.toPlainText() == "* The Guardian\n* The Nation\n\nBoth are newspapers."


def test_ending_a_list_in_its_middle_keeps_blank_lines_on_both_sides(qtbot, editor) -> None:
    set_text(editor, "- a\n- b\n- c", cursor_at=len("- a\n- b"))
    enter(qtbot, editor)
    enter(qtbot, editor)
    qtbot.keyClicks(editor, "between")
    assert editor.toPlainText() == "- a\n- b\n\nbetween\n\n- c"


def test_enter_in_the_middle_of_a_numbered_list_renumbers_what_follows(qtbot, editor) -> None:
    set_text(editor, "1. one\n2. two\n3. three\n\n    more of three\n4. four\n\nAfter.\n1. x")
    c = editor.textCursor()
    c.setPosition(len("1. one"))
    editor.setTextCursor(c)
    enter(qtbot, editor)
    qtbot.keyClicks(editor, "new")
    assert editor.toPlainText() == (
        "1. one\n2. new\n3. two\n4. three\n\n    more of three\n5. four\n\nAfter.\n1. x"
    )
    undo(qtbot, editor)  # the typing
    undo(qtbot, editor)  # the automatic marker and the renumbering: one step
    assert editor.toPlainText() == (
        "1. one\n\n2. two\n3. three\n\n    more of three\n4. four\n\nAfter.\n1. x"
    )


def test_lazy_numbering_stays_lazy(qtbot, editor) -> None:
    set_text(editor, "1. a\n1. b")
    enter(qtbot, editor)
    qtbot.keyClicks(editor, "c")
    assert editor.toPlainText() == "1. a\n1. b\n1. c"


def test_deleting_an_item_renumbers_the_list(qtbot, editor) -> None:
    text = "Intro.\n\n1. one\n2. two\n3. three\n    - sub\n4. four"
    set_text(editor, text)
    start = text.index("2. two")
    select(editor, start, start + len("2. two\n"))
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == "Intro.\n\n1. one\n2. three\n    - sub\n3. four"
    undo(qtbot, editor)  # the renumbering first, then the deletion
    assert editor.toPlainText() == "Intro.\n\n1. one\n3. three\n    - sub\n4. four"
    undo(qtbot, editor)
    assert editor.toPlainText() == text
    # Backspace joining an empty item into the one above it counts too.
    set_text(editor, "1. a\n2. \n3. c", cursor_at=len("1. a\n2. "))
    for _ in range(4):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "1. a\n2. c"


def test_undo_right_after_a_continuation_removes_just_the_marker(qtbot, editor) -> None:
    set_text(editor, "- apples")
    enter(qtbot, editor)
    assert editor.toPlainText() == "- apples\n- "
    undo(qtbot, editor)
    assert editor.toPlainText() == "- apples\n"
    assert editor.textCursor().position() == len("- apples\n")
    undo(qtbot, editor)
    assert editor.toPlainText() == "- apples"


def test_each_automatic_change_is_one_undo_step(qtbot, editor) -> None:
    set_text(editor, "> quote")
    enter(qtbot, editor)
    qtbot.keyClicks(editor, "> more")
    assert editor.toPlainText() == "> quote\n> more"
    undo(qtbot, editor)  # the author's typing after the merge
    assert editor.toPlainText() == "> quote\n>"
    undo(qtbot, editor)  # the merge: their ">" after the automatic "> " is back
    assert editor.toPlainText() == "> quote\n> >"
    undo(qtbot, editor)  # their ">"
    assert editor.toPlainText() == "> quote\n> "
    undo(qtbot, editor)  # the automatic marker
    assert editor.toPlainText() == "> quote\n"
    set_text(editor, "- a")
    enter(qtbot, editor)
    enter(qtbot, editor)  # ends the list
    assert editor.toPlainText() == "- a\n\n"
    undo(qtbot, editor)
    assert editor.toPlainText() == "- a\n- "


def paste(ed: MarkdownEditor, text: str) -> None:
    mime = QMimeData()
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)
    ed.paste()


def test_pasting_a_marker_at_the_automatic_one_keeps_one(qtbot, editor) -> None:
    set_text(editor, "* The Guardian")
    enter(qtbot, editor)
    paste(editor, "* The Nation\n* The Atlantic")
    assert editor.toPlainText() == "* The Guardian\n* The Nation\n* The Atlantic"
    undo(qtbot, editor)  # the merge
    assert editor.toPlainText() == "* The Guardian\n* * The Nation\n* The Atlantic"
    set_text(editor, "> I once informed leaders")
    enter(qtbot, editor)
    paste(editor, "> — Brian Hioe")
    assert editor.toPlainText() == "> I once informed leaders\n> — Brian Hioe"
    set_text(editor, "- a")
    enter(qtbot, editor)
    paste(editor, "plain words")
    assert editor.toPlainText() == "- a\n- plain words"


def test_enter_inside_code_fence_is_plain(qtbot, editor) -> None:
    set_text(editor, "```\n- not a list")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "```\n- not a list\n"


def test_tab_indents_list_item_and_shift_tab_outdents(qtbot, editor) -> None:
    set_text(editor, "- one\n- two")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "- one\n    - two"
    assert editor.textCursor().positionInBlock() == len("    - two")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "- one\n- two"


def test_tab_indents_selected_lines_as_one_undo_step(qtbot, editor) -> None:
    set_text(editor, "a\nb\nc")
    select(editor, 0, 3)  # "a\nb"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "    a\n    b\nc"
    editor.undo()
    assert editor.toPlainText() == "a\nb\nc"


@pytest.mark.parametrize(
    ("action", "before", "sel", "after"),
    [
        ("bold", "make this loud", (5, 9), "make **this** loud"),
        ("italic", "make this soft", (5, 9), "make *this* soft"),
        ("code", "call foo now", (5, 8), "call `foo` now"),
        ("heading2", "Title", (0, 0), "## Title"),
        ("heading1", "### Title", (0, 0), "# Title"),
        ("quote", "one\ntwo", (0, 7), "> one\n> two"),
        ("bullet_list", "one\ntwo", (0, 7), "- one\n- two"),
        ("numbered_list", "one\ntwo", (0, 7), "1. one\n2. two"),
        ("link", "see docs", (4, 8), "see [docs](https://)"),
        ("code_block", "x = 1", (0, 5), "```\nx = 1\n```"),
    ],
)
def test_format_command_then_undo_restores(qtbot, editor, action, before, sel, after) -> None:
    set_text(editor, before)
    select(editor, *sel)
    editor.actions_by_name()[action].trigger()
    assert editor.toPlainText() == after
    editor.undo()  # each command is exactly one undo step
    assert editor.toPlainText() == before
    editor.redo()
    assert editor.toPlainText() == after


def test_format_toggles_off(qtbot, editor) -> None:
    set_text(editor, "make **this** loud")
    select(editor, 7, 11)  # the word inside the markers
    editor.actions_by_name()["bold"].trigger()
    assert editor.toPlainText() == "make this loud"
    set_text(editor, "> one\n> two")
    select(editor, 0, 11)
    editor.actions_by_name()["quote"].trigger()
    assert editor.toPlainText() == "one\ntwo"


def test_bold_shortcut_from_keyboard(qtbot, editor) -> None:
    set_text(editor, "")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "**bold text**"
    assert editor.textCursor().selectedText() == "bold text"
    qtbot.keyClicks(editor, "big")
    assert editor.toPlainText() == "**big**"
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert "[link text](https://)" in editor.toPlainText()


def test_shortcuts_do_not_conflict() -> None:
    keys = [keys for _, keys in SHORTCUTS.values()]
    assert len(keys) == len(set(keys))


def test_find_regex_and_replace_all_is_one_undo_step(qtbot, editor) -> None:
    text = "cat 2020, Cat 2021, category 2022 😀 cat"
    set_text(editor, text, 0)
    bar = editor.find_bar
    editor.actions_by_name()["replace"].trigger()
    assert bar.isVisible() and bar.replace_edit.isVisible()
    bar.find_edit.setText(r"(\w+) (\d{4})")
    bar.regex_box.setChecked(True)
    bar.replace_edit.setText(r"\2-\1")
    assert bar.replace_all() == 3
    assert editor.toPlainText() == "2020-cat, 2021-Cat, 2022-category 😀 cat"
    editor.undo()
    assert editor.toPlainText() == text


def test_find_whole_word_case_and_wraparound(qtbot, editor) -> None:
    set_text(editor, "cat Cat category 😀 cat", 0)
    bar = editor.find_bar
    bar.open(replace=False)
    bar.find_edit.setText("cat")
    bar.word_box.setChecked(True)
    bar.case_box.setChecked(True)
    assert editor.finder.count() == 2
    assert bar.find_next()
    assert (editor.textCursor().selectionStart(), editor.textCursor().selectedText()) == (0, "cat")
    qtbot.keyClick(editor, Qt.Key.Key_F3)
    # after the emoji (two UTF-16 units), the selection still covers exactly "cat"
    assert editor.textCursor().selectedText() == "cat"
    assert editor.textCursor().selectionStart() == len("cat Cat category ") + 2 + 1
    qtbot.keyClick(editor, Qt.Key.Key_F3)
    assert editor.textCursor().selectionStart() == 0  # wrapped around
    qtbot.keyClick(editor, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectionStart() > 0  # backwards wraps to the last one


def test_replace_current_and_bad_regex(qtbot, editor) -> None:
    set_text(editor, "a1 a2", 0)
    bar = editor.find_bar
    bar.open(replace=True)
    bar.regex_box.setChecked(True)
    bar.find_edit.setText("a(")
    assert not bar.find_next()
    assert "Invalid" in bar.status.text()
    bar.find_edit.setText(r"a(\d)")
    bar.replace_edit.setText(r"b\1")
    bar.find_next()
    bar.replace_one()
    assert editor.toPlainText() == "b1 a2"


def test_go_to_line_and_current_line(qtbot, editor) -> None:
    set_text(editor, "\n".join(f"line {i}" for i in range(200)), 0)
    editor.go_to_line(150)
    assert editor.current_source_line() == 150
    assert editor.textCursor().block().text() == "line 150"


def _formats(ed: MarkdownEditor, line: int) -> list[tuple[int, int, QFont.Weight, bool]]:
    block = ed.document().findBlockByNumber(line)
    return [
        (r.start, r.length, r.format.fontWeight(), r.format.fontItalic())
        for r in block.layout().formats()
    ]


def test_highlighter_marks_headings_emphasis_and_code_fences(qtbot, editor) -> None:
    set_text(
        editor, "---\ntitle: x\n---\n# Head\nsome **bold** and *it*\n```\n# not heading\n```\nafter"
    )
    qtbot.waitUntil(lambda: bool(_formats(editor, 3)))
    doc = editor.document()
    assert doc.findBlockByNumber(1).userState() == FRONT_MATTER_YAML
    assert doc.findBlockByNumber(6).userState() >= FENCE_STATE_BASE
    assert doc.findBlockByNumber(8).userState() == -1
    assert any(w == QFont.Weight.Bold for _, _, w, _ in _formats(editor, 3))
    line4 = _formats(editor, 4)
    assert (5, 8, QFont.Weight.Bold, False) in line4
    assert any(it for _, _, _, it in line4)
    # inside the fence "# not heading" is code, not a bold heading
    assert all(w != QFont.Weight.Bold for _, _, w, _ in _formats(editor, 6))
    # removing the closing fence turns everything after it into code (block state propagates)
    c = QTextCursor(doc.findBlockByNumber(7))
    c.select(QTextCursor.SelectionType.LineUnderCursor)
    c.removeSelectedText()
    assert doc.findBlockByNumber(8).userState() >= FENCE_STATE_BASE


def test_highlighting_follows_a_dark_palette(qtbot) -> None:
    ed = MarkdownEditor()  # follows the palette
    qtbot.addWidget(ed)
    ed.setPlainText("# Heading")
    light_heading = ed.highlighter.f_heading.foreground().color()
    palette = ed.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#101010"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    ed.setPalette(palette)
    assert ed.highlighter.dark
    assert ed.highlighter.f_heading.foreground().color() != light_heading


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(alphabet="ab 😀é\n", max_size=40),
    needle=st.text(alphabet="ab😀é", min_size=1, max_size=3),
    replacement=st.text(alphabet="X😀", max_size=2),
)
def test_replace_all_matches_str_replace_even_with_astral_chars(
    editor: MarkdownEditor, text: str, needle: str, replacement: str
) -> None:
    """Positions are UTF-16 in Qt and code points in Python: the mapping must never drift."""
    editor.setPlainText(text)
    editor.finder.options = FindOptions(needle, case_sensitive=True)
    count = editor.finder.replace_all(replacement)
    assert count == text.count(needle)
    assert editor.toPlainText() == text.replace(needle, replacement)
    if count:
        editor.undo()
        assert editor.toPlainText() == text


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(alphabet="ab c😀", min_size=1, max_size=30),
    data=st.data(),
    action=st.sampled_from(["bold", "italic", "code"]),
)
def test_formatting_twice_restores_the_text(
    editor: MarkdownEditor, text: str, data: st.DataObject, action: str
) -> None:
    editor.setPlainText(text)
    start = data.draw(st.integers(0, len(text) - 1))
    stop = data.draw(st.integers(start + 1, len(text)))
    select(editor, u16len(text[:start]), u16len(text[:stop]))  # Qt positions are UTF-16
    selected = editor.textCursor().selectedText()
    editor.actions_by_name()[action].trigger()
    assert editor.textCursor().selectedText() == selected  # the same text stays selected
    editor.actions_by_name()[action].trigger()
    assert editor.toPlainText() == text


def test_italic_inside_bold_adds_italic_instead_of_eating_a_star(qtbot, editor) -> None:
    set_text(editor, "a **word** b")
    select(editor, 4, 8)
    editor.actions_by_name()["italic"].trigger()
    assert editor.toPlainText() == "a ***word*** b"
    editor.actions_by_name()["italic"].trigger()
    assert editor.toPlainText() == "a **word** b"
