"""The search list's Match column: where the words were found, as text, the words in bold.

A snippet is cut from the post as written, and imported posts are often HTML: the snippet can
hold tags (`<p class="…">`, `<b>`) and entities, whole or cut in half at its ends. The column
shows the words only, so tags are dropped, entities decoded, and the matched words — marked by
the index with <mark> in an otherwise escaped snippet — painted bold by `MatchDelegate`.
"""

from __future__ import annotations

import html
import re

from PySide6 import QtWidgets
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

__all__ = [
    "MATCH_ROLE",
    "MatchDelegate",
    "Segments",
    "match_segments",
    "segments_html",
    "segments_text",
]

MATCH_ROLE = Qt.ItemDataRole.UserRole + 4  # list[tuple[str, bool]]: (text, is a matched word)

Segments = list[tuple[str, bool]]

# The index marks matches with <mark>…</mark> in an escaped snippet: the only real tags in it.
_MARK = re.compile(r"(</?mark>)")
# In the post's own text: comments, whole tags, a tag cut off at the snippet's end, and one cut
# off at its start (attributes, then ">": `…ass="x">`). \x02/\x03 stand for our marks meanwhile.
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CUT_TAIL = re.compile(r"</?[A-Za-z][^<>]*$")
_CUT_HEAD = re.compile(r"^(…?)[^<>]*?(?:\w+=(?:\"[^\"]*\"|'[^']*'|[^\s>]+)\s*)+/?>")
_SPACE = re.compile(r"\s+")
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "code",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "u",
    ]
)
_START, _END = "\x02", "\x03"


def match_segments(snippet_html: str) -> Segments:
    """An index snippet (escaped text, matches in <mark>) → the words to show, each piece with
    "is a matched word"."""
    marked = []
    for part in _MARK.split(snippet_html):
        if part == "<mark>":
            marked.append(_START)
        elif part == "</mark>":
            marked.append(_END)
        else:
            marked.append(html.unescape(part).replace(_START, "").replace(_END, ""))
    text = "".join(marked)  # the post's text as written, with our marks

    def drop(found: re.Match[str]) -> str:
        if _START in found[0] or _END in found[0]:
            return _balanced(found[0])
        # An inline tag may sit inside a word (<b>ze</b>bra); a block tag ends one (</p>).
        name = _NAME.match(found[0])
        return "" if name is not None and name[1].lower() in _INLINE else " "

    text = _COMMENT.sub(drop, text)
    text = _CUT_HEAD.sub(lambda m: m[1] + _balanced(m[0]), text, count=1)
    text = _TAG.sub(drop, text)
    text = _CUT_TAIL.sub(lambda m: _balanced(m[0]), text, count=1)
    text = html.unescape(text)  # the post's own entities (&amp;, &nbsp;) once its tags are gone
    segments: Segments = []
    matched = False
    for piece in re.split(f"([{_START}{_END}])", _SPACE.sub(" ", text).strip()):
        if piece == _START:
            matched = True
        elif piece == _END:
            matched = False
        elif piece:
            if segments and segments[-1][1] == matched:
                segments[-1] = (segments[-1][0] + piece, matched)
            else:
                segments.append((piece, matched))
    return segments


def _balanced(dropped: str) -> str:
    """What stays of dropped markup: a mark opened or closed inside it (a word matched inside a
    tag's attributes), so the bold does not spill over the rest of the snippet."""
    opens, closes = dropped.count(_START), dropped.count(_END)
    return " " + (_END if opens > closes else "") + (_START if closes > opens else "")


def segments_text(segments: Segments) -> str:
    return "".join(text for text, _matched in segments)


def segments_html(segments: Segments) -> str:
    return "".join(
        f"<b>{html.escape(text)}</b>" if matched else html.escape(text)
        for text, matched in segments
    )


class MatchDelegate(QStyledItemDelegate):
    """Paints a Match cell as one line of text with the matched words in bold."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        segments = index.data(MATCH_ROLE) or []
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        options.text = ""
        widget = option.widget
        style = widget.style() if isinstance(widget, QWidget) else None
        if style is None:
            return
        # QStyle by its module: PySide makes a Qt class's Python type (~14 ms for QStyle's many
        # enums) when it is first named, and only a search shows this column.
        QStyle = QtWidgets.QStyle
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, options, widget)
        document = QTextDocument()
        document.setDefaultFont(options.font)
        document.setDocumentMargin(0)
        # One line, cut at the cell's end like the other columns' text.
        text = segments_text(segments)
        shown = options.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        document.setHtml(segments_html(_cut(segments, len(shown.rstrip("…")), shown != text)))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(options.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(role))
        painter.save()
        top = rect.top() + max(0, (rect.height() - options.fontMetrics.height()) // 2)
        painter.translate(rect.left(), top)
        painter.setClipRect(0, 0, rect.width(), rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index)  # the plain text's: one line, as every row


def _cut(segments: Segments, keep: int, ellipsis: bool) -> Segments:
    """The first `keep` characters of `segments`, then "…" when something was cut."""
    out: Segments = []
    for text, matched in segments:
        if keep <= 0:
            break
        out.append((text[:keep], matched))
        keep -= len(text)
    if ellipsis:
        out.append(("…", False))
    return out
