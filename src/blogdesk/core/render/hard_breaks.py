"""A backslash at the end of a line is a hard line break (`<br />`), as in CommonMark.

Python-Markdown knows only the two-trailing-spaces break; authors coming from other editors end a
line with `\\` instead, and would otherwise see the backslash printed and the line joined. The
pattern is inline, so it never applies inside code spans or code blocks, which Python-Markdown
keeps away from inline patterns.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

__all__ = ["HardBreakExtension"]

# A backslash, then the newline: only inside a paragraph (a block's last line has no newline).
BACKSLASH_BREAK = r"\\\n"


class _BackslashBreak(InlineProcessor):
    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        return etree.Element("br"), m.start(0), m.end(0)  # as the two-space break: newline too


class HardBreakExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before "escape" (priority 180), which would otherwise eat the backslash.
        md.inlinePatterns.register(_BackslashBreak(BACKSLASH_BREAK, md), "backslash_break", 185)
