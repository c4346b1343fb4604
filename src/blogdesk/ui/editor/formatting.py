"""Markdown formatting commands, as edits on a QTextCursor (Enter in lists and quotes:
``ui.editor.continuation``).

Every command runs inside one `beginEditBlock()`/`endEditBlock()` pair, so one Ctrl+Z undoes it,
and returns the cursor the editor should show afterwards (usually with the new text selected).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QTextCursor

from blogdesk.core.render.lines import LIST_ITEM, QUOTE, atx_heading
from blogdesk.ui.i18n import translate

__all__ = [
    "INDENT",
    "indent_lines",
    "insert_image_reference",
    "insert_link",
    "set_heading",
    "toggle_code_block",
    "toggle_line_prefix",
    "toggle_wrap",
]

INDENT = "    "  # Python-Markdown nests list items at four spaces
# LIST_ITEM, QUOTE and headings come from core.render.lines (the renderer's line grammar), so a
# line these commands treat as a list item or heading is one in the published post.
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+")
_NUMBERED = re.compile(r"^([ \t]*)\d+\.[ \t]+")
_URL = re.compile(r"^(?:https?://|mailto:|www\.)\S+$")


def u16len(text: str) -> int:
    """Length in QTextDocument positions (UTF-16 code units): an emoji counts two."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


class _Edit:
    """Context manager: one undo step."""

    def __init__(self, cursor: QTextCursor) -> None:
        self.cursor = cursor

    def __enter__(self) -> QTextCursor:
        self.cursor.beginEditBlock()
        return self.cursor

    def __exit__(self, *exc: object) -> None:
        self.cursor.endEditBlock()


def _select(cursor: QTextCursor, start: int, end: int) -> QTextCursor:
    c = QTextCursor(cursor.document())
    c.setPosition(start)
    c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return c


def _selected(cursor: QTextCursor) -> str:
    # QTextCursor uses U+2029 between paragraphs inside a selection.
    return cursor.selectedText().replace("\u2029", "\n")


def toggle_wrap(cursor: QTextCursor, marker: str, placeholder: str = "") -> QTextCursor:
    """Wrap the selection (or the word at the cursor) in `marker`, or unwrap it if already wrapped.

    With nothing to wrap, inserts marker+placeholder+marker and selects the placeholder.
    """
    doc = cursor.document()
    if not cursor.hasSelection():
        word = QTextCursor(cursor)
        word.select(QTextCursor.SelectionType.WordUnderCursor)
        if word.hasSelection() and _selected(word).strip() and _selected(word).isalnum():
            cursor = word
    n = len(marker)
    with _Edit(cursor) as c:
        start, end = c.selectionStart(), c.selectionEnd()
        text = _selected(c)
        if len(text) >= 2 * n and text.startswith(marker) and text.endswith(marker):
            inner = text[n:-n]
            c.insertText(inner)
            return _select(c, start, start + u16len(inner))
        before = _select(c, max(0, start - n), start)
        after = _select(c, end, min(doc.characterCount() - 1, end + n))
        wrapped = bool(text) and _selected(before) == marker and _selected(after) == marker
        if wrapped and len(marker) == 1:
            # "*" next to "**bold**" is part of the bold marker, unless it is "***both***".
            b2 = _selected(_select(c, max(0, start - 3), start))
            a2 = _selected(_select(c, end, min(doc.characterCount() - 1, end + 3)))
            wrapped = not (
                b2.endswith(marker * 2)
                and b2 != marker * 3
                and a2.startswith(marker * 2)
                and a2 != marker * 3
            )
        if wrapped:
            after.removeSelectedText()
            before.removeSelectedText()
            return _select(c, start - n, end - n)
        inner = text or placeholder
        c.insertText(marker + inner + marker)
        return _select(c, start + n, start + n + u16len(inner))


def insert_link(cursor: QTextCursor) -> QTextCursor:
    """`[selection](url)` with "url" selected; a selected URL becomes the target instead."""
    with _Edit(cursor) as c:
        start = c.selectionStart()
        text = _selected(c)
        placeholder = translate("MarkdownEditor", "link text")  # inserted: the author's language
        if _URL.match(text.strip()):
            c.insertText(f"[{placeholder}]({text.strip()})")
            return _select(c, start + 1, start + 1 + u16len(placeholder))
        label = text or placeholder
        c.insertText(f"[{label}](https://)")
        if text:
            url_start = start + u16len(label) + 3
            return _select(c, url_start, url_start + len("https://"))
        return _select(c, start + 1, start + 1 + u16len(label))


def insert_image_reference(cursor: QTextCursor, reference: str, alt: str) -> QTextCursor:
    """Insert `![alt](reference)` at the cursor (replacing any selection)."""
    with _Edit(cursor) as c:
        c.insertText(f"![{alt}]({reference})")
        return c


def _line_range(cursor: QTextCursor) -> tuple[int, int]:
    doc = cursor.document()
    first = doc.findBlock(cursor.selectionStart()).blockNumber()
    last_block = doc.findBlock(cursor.selectionEnd())
    last = last_block.blockNumber()
    # A selection ending at the very start of a line does not include that line.
    if last > first and cursor.selectionEnd() == last_block.position():
        last -= 1
    return first, last


def _rewrite_lines(cursor: QTextCursor, fn: Callable[[int, str], str]) -> QTextCursor:
    """Replace each line touched by the selection with fn(index, line); selects the result."""
    doc = cursor.document()
    first, last = _line_range(cursor)
    with _Edit(cursor) as c:
        start = doc.findBlockByNumber(first).position()
        for i, number in enumerate(range(first, last + 1)):
            block = doc.findBlockByNumber(number)
            new = fn(i, block.text())
            if new != block.text():
                line = _select(c, block.position(), block.position() + block.length() - 1)
                line.insertText(new)
        end_block = doc.findBlockByNumber(last)
        end = end_block.position() + end_block.length() - 1
        if first == last and not cursor.hasSelection():
            # Single line, no selection: keep the caret at the end of the line's text.
            return _select(c, end, end)
        return _select(c, start, end)


def set_heading(cursor: QTextCursor, level: int) -> QTextCursor:
    """Make the current line(s) a heading of `level`, or plain text if they already are."""
    prefix = "#" * level + " "

    def change(_: int, line: str) -> str:
        # " # x" is no heading to the renderer, but plainly meant as one: replace its marker too.
        text = (
            line.lstrip(" ")
            if line.startswith(" ") and len(line) - len(line.lstrip(" ")) <= 3
            else line
        )
        heading = atx_heading(text)
        body = text[heading.marker_end :].lstrip(" \t") if heading else line
        return body if heading and heading.level == level else prefix + body

    return _rewrite_lines(cursor, change)


def toggle_line_prefix(cursor: QTextCursor, kind: str) -> QTextCursor:
    """Toggle "quote", "bullet_list" or "numbered_list" on every line of the selection."""
    doc = cursor.document()
    first, last = _line_range(cursor)
    lines = [doc.findBlockByNumber(n).text() for n in range(first, last + 1)]
    pattern = {"quote": QUOTE, "bullet_list": _BULLET, "numbered_list": _NUMBERED}[kind]
    remove = all(pattern.match(line) or not line.strip() for line in lines)

    def change(i: int, line: str) -> str:
        if not line.strip() and len(lines) > 1:
            return line
        if remove:
            m = pattern.match(line)
            if not m:
                return line
            indent = m.group(1) if kind != "quote" else ""
            return indent + line[m.end() :]
        if kind == "quote":
            return "> " + line
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        # Switching between list kinds replaces the other marker.
        other = LIST_ITEM.match(line)
        if other:
            stripped = line[other.end() - len(other.group("task") or "") :]
        marker = "- " if kind == "bullet_list" else f"{i + 1}. "
        return indent + marker + stripped

    return _rewrite_lines(cursor, change)


def toggle_code_block(cursor: QTextCursor) -> QTextCursor:
    """Fence the selected lines with ``` (or remove the fences around them)."""
    doc = cursor.document()
    first, last = _line_range(cursor)
    above = doc.findBlockByNumber(first - 1) if first > 0 else None
    below = doc.findBlockByNumber(last + 1)
    with _Edit(cursor) as c:
        if (
            above is not None
            and above.isValid()
            and above.text().startswith("```")
            and below.isValid()
            and below.text().strip() == "```"
        ):
            end_cut = _select(c, below.position() - 1, below.position() + below.length() - 1)
            end_cut.removeSelectedText()
            start_cut = _select(c, above.position(), above.position() + above.length())
            start_cut.removeSelectedText()
            return _select(c, above.position(), above.position())
        start = doc.findBlockByNumber(first).position()
        last_block = doc.findBlockByNumber(last)
        end = last_block.position() + last_block.length() - 1
        insert_at = _select(c, end, end)
        insert_at.insertText("\n```")
        insert_at = _select(c, start, start)
        insert_at.insertText("```\n")
        return _select(c, start + 3, start + 3)


def indent_lines(cursor: QTextCursor, outdent: bool) -> QTextCursor:
    """Indent (or outdent) every line of the selection by one level (four spaces)."""

    def change(_: int, line: str) -> str:
        if not outdent:
            return INDENT + line if line.strip() else line
        if line.startswith("\t"):
            return line[1:]
        spaces = len(line) - len(line.lstrip(" "))
        return line[min(spaces, len(INDENT)) :]

    if cursor.hasSelection():
        return _rewrite_lines(cursor, change)
    # A single list item: shift it but keep the caret on the same text.
    block = cursor.block()
    col = cursor.positionInBlock()
    old = block.text()
    new = change(0, old)
    with _Edit(cursor) as c:
        line = _select(c, block.position(), block.position() + u16len(old))
        line.insertText(new)
        pos = block.position() + max(0, col + u16len(new) - u16len(old))
        return _select(c, pos, pos)
