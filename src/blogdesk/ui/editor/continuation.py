"""Lists and quotes that follow the author: Enter continues them, typed markers don't nest.

- Enter on a list item or quote line puts the same marker on the new line (numbers count on,
  task boxes restart unchecked) and renumbers the rest of a numbered list. On an item or quote
  line with nothing after the marker it ends the list or quote and leaves a blank line, so the
  next paragraph is not read as part of the last item (Markdown's "lazy" continuation).
- A marker Enter added is *automatic* until the author types anything else on that line. If
  what they type (or paste) right after it is a marker of the same kind — ``>`` after ``> ``,
  ``* `` or ``1. `` after ``- `` — theirs replaces the automatic one instead of nesting
  (``> >``, ``* * The Nation``).
- Deleting lines inside a numbered list renumbers the items after it.

Undo: Enter is two steps (the new line, then the automatic marker), and every automatic change
is one step of its own, so Ctrl+Z right after one takes back just that change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

from blogdesk.core.render.lines import LIST_ITEM, QUOTE
from blogdesk.ui.editor.formatting import u16len

__all__ = [
    "AutoPrefix",
    "Continuation",
    "absorb_marker",
    "continue_block",
    "followed_at",
    "renumber_list",
]

# What typing may still turn into a list marker: "-", "1", "12." ("12. " is one).
_PARTIAL_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)]?)?")
_TYPED_QUOTE = re.compile(r"^[ \t]{0,3}>")


@dataclass(frozen=True)
class AutoPrefix:
    """A marker Enter put at the start of line ``block``, followed by nothing else (yet)."""

    block: int
    prefix: str  # e.g. "> ", "> > ", "    - ", "3. ", "- [ ] "
    kind: Literal["list", "quote"]


@dataclass(frozen=True)
class Continuation:
    cursor: QTextCursor
    auto: AutoPrefix | None  # None when Enter ended the list or quote, or split a line


def _seal(cursor: QTextCursor) -> None:
    """End an edit block so the next typed character is an undo step of its own.

    Qt merges a typed character into the edit block before it when that block's last change
    was an insertion ending where the character goes: Ctrl+Z would then take the automatic
    marker and the author's typing away together. A no-op block-format change as the block's
    last change stops that merge and changes nothing on undo.
    """
    cursor.setBlockFormat(cursor.blockFormat())


def continue_block(cursor: QTextCursor) -> Continuation | None:
    """Handle Enter on a list item or quote line; None means "just insert a newline"."""
    if cursor.hasSelection():
        return None
    block = cursor.block()
    text = block.text()
    # In UTF-16 units, but only compared with marker ends, and markers are ASCII.
    col = cursor.positionInBlock()
    kind: Literal["list", "quote"]
    m = LIST_ITEM.match(text)
    if m and col >= m.end() - len(m.group("task") or "") - len(m.group("space")):
        kind, body = "list", text[m.end() :]
        marker = m.group("marker")
        if m.group("num") is not None:
            marker = f"{_next_number(block, m)}{m.group('delim')}"
        task = "[ ] " if m.group("task") else ""
        prefix = m.group("indent") + marker + m.group("space") + task
    else:
        q = QUOTE.match(text)
        if not q or col < q.end():
            return None
        kind, body, prefix = "quote", text[q.end() :], q.group(0)
    if not body.strip():
        return Continuation(_end_block(cursor, block), None)
    doc = cursor.document()
    c = QTextCursor(cursor)
    c.beginEditBlock()  # the author's Enter: an undo step of its own
    c.insertText("\n")
    c.endEditBlock()
    c.beginEditBlock()  # the automatic marker (and renumbering): the next step
    c.insertText(prefix)
    line = c.block()
    if kind == "list" and m is not None and m.group("num") is not None:
        _renumber(doc, line.blockNumber())
    _seal(c)
    c.endEditBlock()
    at_end = c.atBlockEnd()
    return Continuation(c, AutoPrefix(line.blockNumber(), prefix, kind) if at_end else None)


def _end_block(cursor: QTextCursor, block: QTextBlock) -> QTextCursor:
    """Empty the marker-only line and leave a blank line before the caret (and after it, when
    text follows), so neither the new paragraph nor what follows joins the list or quote."""
    following = block.next()
    text_after = following.isValid() and bool(following.text().strip())
    c = QTextCursor(cursor)
    c.beginEditBlock()
    c.setPosition(block.position())
    c.setPosition(block.position() + u16len(block.text()), QTextCursor.MoveMode.KeepAnchor)
    c.insertText("\n\n" if text_after else "\n")
    c.endEditBlock()
    c.setPosition(block.position() + 1)
    return c


def followed_at(auto: AutoPrefix | None, cursor: QTextCursor) -> AutoPrefix | None:
    """``auto``, if text inserted at ``cursor`` would directly follow its marker."""
    if auto is None or cursor.hasSelection() or cursor.blockNumber() != auto.block:
        return None
    return auto if cursor.atBlockEnd() else None


def absorb_marker(doc: QTextDocument, auto: AutoPrefix) -> AutoPrefix | None:
    """After the author typed or pasted right after ``auto``'s marker, and nothing else.

    If what they added starts with a marker of the same kind, the automatic marker goes (one
    undo step) and theirs stays; a list keeps the automatic indentation unless they typed
    their own. Returns ``auto`` while their text may still become a marker ("1" of "12. "),
    else None: the line is theirs from now on.
    """
    block = doc.findBlockByNumber(auto.block)
    text = block.text()
    if not block.isValid() or not text.startswith(auto.prefix):
        return None
    rest = text[len(auto.prefix) :]
    if auto.kind == "quote":
        if not _TYPED_QUOTE.match(rest):
            return None
        keep = ""
    else:
        if not LIST_ITEM.match(rest):
            return auto if _PARTIAL_LIST_MARKER.fullmatch(rest) else None
        own_indent = rest[:1] in (" ", "\t")
        keep = "" if own_indent else auto.prefix[: len(auto.prefix) - len(auto.prefix.lstrip())]
    c = QTextCursor(doc)
    c.beginEditBlock()
    c.setPosition(block.position() + u16len(keep))
    c.setPosition(block.position() + u16len(auto.prefix), QTextCursor.MoveMode.KeepAnchor)
    c.removeSelectedText()
    c.endEditBlock()
    return None


def renumber_list(doc: QTextDocument, line: int) -> bool:
    """Number the items of the numbered list around ``line`` 1, 2, 3… from its first item's
    number, as one undo step; True if anything changed.

    A list whose items all carry the same number ("1. 1. 1.", a Markdown habit) is left so.
    """
    c = QTextCursor(doc)
    c.beginEditBlock()
    changed = _renumber(doc, line)
    if changed:
        _seal(c)
    c.endEditBlock()
    return changed


def _renumber(doc: QTextDocument, line: int) -> bool:
    items = _list_items(doc, line)
    numbers = [int(m.group("num")) for _, m in items]
    if len(set(numbers)) == 1:
        return False
    changed = False
    for i, (block, m) in enumerate(items):
        want = str(numbers[0] + i)
        if m.group("num") != want:
            c = QTextCursor(block)
            c.setPosition(block.position() + u16len(m.group("indent")))
            c.movePosition(
                QTextCursor.MoveOperation.Right,
                QTextCursor.MoveMode.KeepAnchor,
                len(m.group("num")),
            )
            c.insertText(want)
            changed = True
    return changed


def _next_number(block: QTextBlock, m: re.Match[str]) -> int:
    """The number after item ``m``: one more, or the same in a "1. 1. 1." list."""
    number = int(m.group("num"))
    items = _list_items(block.document(), block.blockNumber())
    index = next((i for i, (b, _) in enumerate(items) if b == block), -1)
    if index > 0 and int(items[index - 1][1].group("num")) == number:
        return number
    return number + 1


def _numbered(block: QTextBlock, indent: str) -> re.Match[str] | None:
    m = LIST_ITEM.match(block.text())
    if m and m.group("num") is not None and m.group("indent") == indent:
        return m
    return None


def _list_items(doc: QTextDocument, line: int) -> list[tuple[QTextBlock, re.Match[str]]]:
    """The numbered items, at one indentation, of the list that holds ``line``.

    Read the way Python-Markdown reads a list: deeper-indented lines belong to an item, a line
    right under an item's text continues it, a blank line may sit between items; a paragraph
    after a blank line, a bullet at the same indentation or a shallower item ends the list.
    """
    block = doc.findBlockByNumber(line)
    while block.isValid() and block.text().strip() and not LIST_ITEM.match(block.text()):
        block = block.previous()  # from a continuation line up to its item
    m = LIST_ITEM.match(block.text()) if block.isValid() else None
    if m is None or m.group("num") is None:
        return []
    indent = m.group("indent")
    first = block
    scan, below_blank = block.previous(), False
    while scan.isValid():
        state = _in_list(scan.text(), indent, below_blank)
        if state == "item":
            first = scan
        elif state == "end":
            break
        below_blank = not scan.text().strip()
        scan = scan.previous()
    items: list[tuple[QTextBlock, re.Match[str]]] = []
    scan, after_blank = first, False
    while scan.isValid():
        state = _in_list(scan.text(), indent, after_blank)
        if state == "end":
            break
        if state == "item":
            found = _numbered(scan, indent)
            assert found is not None
            items.append((scan, found))
        after_blank = not scan.text().strip()
        scan = scan.next()
    return items


def _in_list(text: str, indent: str, next_to_blank: bool) -> Literal["item", "in", "end"]:
    """Whether a line is an item of the list at ``indent``, other content of it, or outside.

    ``next_to_blank``: the line on the far side of this one, seen from the list, is blank.
    """
    if not text.strip():
        return "in"
    m = LIST_ITEM.match(text)
    width = len(text) - len(text.lstrip(" \t"))
    if m is not None:
        if m.group("indent") == indent:
            return "item" if m.group("num") is not None else "end"
        return "in" if len(m.group("indent")) > len(indent) else "end"
    if width > len(indent):
        return "in"  # an item's own paragraphs, code or nested list
    return "end" if next_to_blank else "in"  # a lazy continuation line, unless a paragraph
