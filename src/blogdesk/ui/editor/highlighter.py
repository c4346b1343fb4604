"""Markdown syntax highlighting for the editor.

Line-local constructs are matched with precompiled regular expressions; fenced code and front matter
span lines, so they live in the block state (QSyntaxHighlighter re-highlights following blocks only
while their state changes, which keeps a keystroke cheap even in a 10,000-word post).
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from blogdesk.core.render.lines import (
    QUOTE,
    atx_heading,
    closes_fence,
    fence_open,
    list_item,
    setext_level,
)

__all__ = [
    "FENCE_STATE_BASE",
    "FRONT_MATTER_TOML",
    "FRONT_MATTER_YAML",
    "MarkdownHighlighter",
    "in_code_fence",
]

NORMAL = -1  # Qt's "no state"
FRONT_MATTER_YAML = 1
FRONT_MATTER_TOML = 2
# Inside a fence the state encodes the fence so only a matching one closes it:
# FENCE_STATE_BASE + length * 2 + (1 for "~", 0 for "`").
FENCE_STATE_BASE = 100

# Headings, setext underlines, fences, quotes and list markers: core.render.lines, the grammar
# the renderer, the outline and the title share (what is coloured a heading is published as one).
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)(?![ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])")
# "__" is strong only at a word's edge (CommonMark): "item__caption" or "snake__case__name" is one
# word, not the start of bold text; "**" may sit inside a word.
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=[^\s_])(.+?)(?<=[^\s_])__(?!\w)")
_EMPH = re.compile(r"(?<![*_\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"(?<!!)\[[^\]\n]+\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>|https?://[^\s<>)\]]+")
_REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+.*$")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->")
_YAML_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]")
# Where emphasis can neither open nor close: a tag with its attributes, a code span, a URL, a
# link's destination. These spans are masked before the emphasis patterns run.
_LINK_DEST = re.compile(r"\]\(([^)\n]*)\)")
# Stands in for each masked character: not a space, a word character or a delimiter, so text
# around a mask still reads as a word's edge ("**<b>x</b>**" stays bold).
_MASK = "\ue000"


def in_code_fence(state: int) -> bool:
    """True when a block with this user state lies inside a fenced code block."""
    return state >= FENCE_STATE_BASE


def _fmt(
    color: str,
    *,
    bold: bool = False,
    italic: bool = False,
    mono: bool = False,
    background: str | None = None,
) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if italic:
        f.setFontItalic(True)
    if mono:
        f.setFontFixedPitch(True)
    if background:
        f.setBackground(QColor(background))
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights headings, emphasis, links, images, code spans and fences, quotes, lists,
    front matter (YAML `---` / TOML `+++` on the first line) and inline HTML."""

    def __init__(self, document: QTextDocument, *, dark: bool | None = None) -> None:
        super().__init__(document)
        self.set_dark(_palette_is_dark() if dark is None else dark)

    def set_dark(self, dark: bool) -> None:
        """Choose colours readable on a dark (True) or light background, then re-highlight."""
        self.dark = dark
        c = _DARK if dark else _LIGHT
        self.f_heading = _fmt(c["heading"], bold=True)
        self.f_marker = _fmt(c["marker"])
        self.f_strong = _fmt(c["text"], bold=True)
        self.f_emph = _fmt(c["text"], italic=True)
        self.f_strike = _fmt(c["marker"])
        self.f_strike.setFontStrikeOut(True)
        self.f_link = _fmt(c["link"])
        self.f_link.setFontUnderline(True)
        self.f_image = _fmt(c["image"])
        self.f_code = _fmt(c["code"], mono=True, background=c["code_bg"])
        self.f_fence = _fmt(c["code"], mono=True)
        self.f_quote = _fmt(c["quote"], italic=True)
        self.f_html = _fmt(c["html"])
        self.f_front = _fmt(c["front"])
        self.f_front_key = _fmt(c["front_key"], bold=True)
        self.rehighlight()

    # QSyntaxHighlighter override: called by Qt for every block that needs (re)highlighting.
    def highlightBlock(self, text: str) -> None:
        prev = self.previousBlockState()
        if prev in (FRONT_MATTER_YAML, FRONT_MATTER_TOML):
            self._front_matter_line(text, prev)
            return
        if prev >= FENCE_STATE_BASE:
            self._fenced_line(text, prev)
            return
        self.setCurrentBlockState(NORMAL)
        if self.currentBlock().blockNumber() == 0 and text.rstrip() in ("---", "+++"):
            self.setFormat(0, len(text), self.f_marker)
            yaml = text.startswith("-")
            self.setCurrentBlockState(FRONT_MATTER_YAML if yaml else FRONT_MATTER_TOML)
            return
        fence = fence_open(text)
        if fence is not None:
            # A fence that never closes is text to the renderer; here it is code until closed,
            # as the rest of the post cannot be looked at on every keystroke.
            self.setFormat(0, len(text), self.f_marker)
            self.setCurrentBlockState(FENCE_STATE_BASE + len(fence) * 2 + (fence[0] == "~"))
            return
        if not text:
            return
        self._block_line(text)

    def _front_matter_line(self, text: str, state: int) -> None:
        closing = "---" if state == FRONT_MATTER_YAML else "+++"
        if text.rstrip() in (closing, "..."):
            self.setFormat(0, len(text), self.f_marker)
            self.setCurrentBlockState(NORMAL)
            return
        self.setCurrentBlockState(state)
        self.setFormat(0, len(text), self.f_front)
        m = _YAML_KEY.match(text)
        if m:
            self.setFormat(0, m.end(1), self.f_front_key)

    def _fenced_line(self, text: str, state: int) -> None:
        length, tilde = divmod(state - FENCE_STATE_BASE, 2)
        if closes_fence(text, ("~" if tilde else "`") * length):
            self.setFormat(0, len(text), self.f_marker)
            self.setCurrentBlockState(NORMAL)
            return
        self.setCurrentBlockState(state)
        if text:
            self.setFormat(0, len(text), self.f_fence)

    def _block_line(self, text: str) -> None:
        heading = atx_heading(text)
        if heading is not None:
            self.setFormat(0, len(text), self.f_heading)
            self.setFormat(0, heading.marker_end, self.f_marker)
            self._inline(text, heading.marker_end)
            return
        if _HR.match(text) or setext_level(text) is not None:
            self.setFormat(0, len(text), self.f_marker)
            return
        if _REFDEF.match(text):
            self.setFormat(0, len(text), self.f_link)
            return
        start = 0
        m = QUOTE.match(text)
        if m:
            self.setFormat(0, len(text), self.f_quote)
            self.setFormat(0, m.end(), self.f_marker)
            start = m.end()
        item = list_item(text[start:])
        if item:
            # The marker, and a task box "[ ]" after it if there is one.
            end = start + (item.start("task") + 3 if item["task"] else item.end("marker"))
            self.setFormat(start, end - start, self.f_marker)
            start = end
        elif start == 0 and _INDENTED_CODE.match(text):
            self.setFormat(0, len(text), self.f_fence)
            return
        self._inline(text, start)

    def _inline(self, text: str, start: int) -> None:
        # Cheap pre-checks skip regexes whose trigger character is absent from the line.
        if "<" in text:
            for m in _HTML_TAG.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_html)
        if "*" in text or "_" in text:
            # Only this line (one block) is matched, so emphasis never runs into the next one.
            plain = _masked(text)
            for m in _EMPH.finditer(plain, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_emph)
            for m in _STRONG.finditer(plain, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_strong)
        if "~~" in text:
            for m in _STRIKE.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_strike)
        if "[" in text:
            for m in _LINK.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_link)
            for m in _IMAGE.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_image)
            for m in _FOOTNOTE.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_link)
        if "http" in text or "mailto:" in text:
            for m in _AUTOLINK.finditer(text, start):
                self.setFormat(m.start(), _url_end(m) - m.start(), self.f_link)
        if "`" in text:
            # Last, because nothing inside a code span is Markdown.
            for m in _CODE_SPAN.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_code)


def _url_end(m: re.Match[str]) -> int:
    """Where a URL ends: trailing punctuation is not part of a bare one (GFM), so the "**" in
    "**see https://example.org/**" closes the bold text."""
    return m.start() + len(m.group().rstrip("*_~?!.,:"))


def _masked(text: str) -> str:
    """`text` with its tags, code spans, URLs and link destinations replaced by `_MASK`, at the
    same length, so offsets of matches in it are offsets in `text`."""
    spans: list[tuple[int, int]] = []
    if "<" in text:
        spans += [m.span() for m in _HTML_TAG.finditer(text)]
    if "`" in text:
        spans += [m.span() for m in _CODE_SPAN.finditer(text)]
    if "://" in text or "mailto:" in text:
        spans += [(m.start(), _url_end(m)) for m in _AUTOLINK.finditer(text)]
    if "](" in text:
        spans += [m.span(1) for m in _LINK_DEST.finditer(text)]
    if not spans:
        return text
    chars = list(text)
    for begin, end in spans:
        chars[begin:end] = _MASK * (end - begin)
    return "".join(chars)


_LIGHT = {
    "text": "#1f2328",
    "heading": "#0b4f9c",
    "marker": "#8a8f98",
    "link": "#0969da",
    "image": "#8250df",
    "code": "#953800",
    "code_bg": "#f3f1ec",
    "quote": "#57606a",
    "html": "#116329",
    "front": "#6e5800",
    "front_key": "#8a5a00",
}
_DARK = {
    "text": "#e6edf3",
    "heading": "#79c0ff",
    "marker": "#7d8590",
    "link": "#58a6ff",
    "image": "#d2a8ff",
    "code": "#ffa657",
    "code_bg": "#2d2a26",
    "quote": "#9ea7b3",
    "html": "#7ee787",
    "front": "#d9b75c",
    "front_key": "#e3b341",
}


def _palette_is_dark() -> bool:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.palette().color(QPalette.ColorRole.Base).lightness() < 128
