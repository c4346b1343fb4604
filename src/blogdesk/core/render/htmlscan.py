"""Where raw HTML may hold Python-Markdown's parser state across lines.

Python-Markdown reads raw HTML with an HTML parser run over the whole document, so a
block-level tag opened anywhere (even inside an attribute value, even mid-line), a tag or
comment left unterminated, or an unbalanced quote inside a tag changes how later lines are
read, until it is closed. The incremental renderer must not cut a document inside such a
stretch. This module finds them with the same HTML parser Python-Markdown uses (its patched
copy of ``html.parser``), and errs on the side of longer stretches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown.util import BLOCK_LEVEL_ELEMENTS

if TYPE_CHECKING:
    import html.parser as htmlparser
else:  # Python-Markdown's patched copy of html.parser, so we tokenize exactly as it does
    from markdown.htmlparser import htmlparser

_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)


class _Scanner(htmlparser.HTMLParser):
    """Records (first line, last line, kind, tag) of every tag, comment and declaration."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[int, int, str, str]] = []
        self._pending: tuple[str, str] | None = None

    # The handlers note what was seen; updatepos(), called right after each construct with
    # its extent, knows on which lines it started and ended.
    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._pending = ("open", tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._pending = ("single", tag)

    def handle_endtag(self, tag: str) -> None:
        self._pending = ("close", tag)

    def handle_comment(self, data: str) -> None:
        self._pending = ("single", "")

    def handle_decl(self, decl: str) -> None:
        self._pending = ("single", "")

    def handle_pi(self, data: str) -> None:
        self._pending = ("single", "")

    def unknown_decl(self, data: str) -> None:
        self._pending = ("single", "")

    def parse_html_declaration(self, i: int) -> int:
        # As Python-Markdown does: "<![" that is not CDATA would make the stdlib parser raise
        # (Python bug gh-77057); read it as a bogus comment, or as text.
        if self.rawdata[i : i + 3] == "<![" and self.rawdata[i : i + 9] != "<![CDATA[":
            result: int = self.parse_bogus_comment(i)
            return i + 1 if result == -1 else result
        try:
            result = super().parse_html_declaration(i)
        except AssertionError:
            return i + 2
        return result

    def updatepos(self, i: int, j: int) -> int:
        first = self.lineno
        result: int = super().updatepos(i, j)
        if self._pending is not None:
            kind, tag = self._pending
            self.events.append((first - 1, self.lineno - 1, kind, tag.lower()))
            self._pending = None
        return result


def raw_html_spans(lines: list[str], skip: set[int]) -> list[tuple[int, int]]:
    """(first, last) line of each stretch where raw HTML may be open; ``skip``: fenced lines."""
    if not any("<" in line for i, line in enumerate(lines) if i not in skip):
        return []
    scanner = _Scanner()
    try:
        scanner.feed("\n".join("" if i in skip else line for i, line in enumerate(lines)))
    except Exception:  # the stdlib parser asserts on some malformed markup: assume the worst
        return [(0, len(lines) - 1)]
    leftover_line = scanner.getpos()[0] - 1 if scanner.rawdata else None
    spans: list[tuple[int, int]] = []
    depth: dict[str, int] = {}
    open_total = 0
    start: int | None = None
    for first, last, kind, tag in scanner.events:
        block = tag in _BLOCK_TAGS
        if start is None and (block or last > first):
            start = first
        if kind == "open" and block and tag not in _VOID_TAGS:
            depth[tag] = depth.get(tag, 0) + 1
            open_total += 1
        elif kind == "close" and depth.get(tag):
            depth[tag] -= 1
            open_total -= 1
        if start is not None and open_total == 0:
            spans.append((start, last))
            start = None
    if leftover_line is not None:
        # Something the parser is still waiting to see the end of (an unterminated tag,
        # comment or quote): everything from there on may be read as part of it.
        start = leftover_line if start is None else min(start, leftover_line)
    if start is not None:
        spans.append((start, len(lines) - 1))
    return spans
