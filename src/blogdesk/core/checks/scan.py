"""Reading a post for the checks: the images and links of its rendered HTML, and where each one
is written in the Markdown source.

The rendered HTML says what is really published (a Markdown image, a figure in raw HTML, a
reference-style link all end up as `<img>` / `<a>`); the source says where the author wrote it.
Each element is found back in the source by the text of its address, skipping fenced code, so
the checklist can move the cursor there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from blogdesk.core.render.lines import fenced_lines

__all__ = ["Element", "Locator", "elements", "prose_lines"]

# Inline code spans: their text is shown as code, so a path or shortcode in them is on purpose.
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Element:
    """An `<img>` or `<a>` of the rendered post."""

    tag: str  # "img" or "a"
    url: str  # src or href, as written (entities decoded)
    alt: str | None = None  # an image's alt attribute (None: there is none)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img":
            self.found.append(Element("img", (values.get("src") or "").strip(), values.get("alt")))
        elif tag == "a" and values.get("href"):
            self.found.append(Element("a", (values.get("href") or "").strip()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def elements(html: str) -> list[Element]:
    """The images and links of `html`, in document order."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of the body's lines outside fenced code, with inline code spans
    blanked out (same length, so columns stay right)."""
    lines = body.split("\n")
    fenced = fenced_lines(lines)
    for number, line in enumerate(lines):
        if number in fenced:
            continue
        if "`" in line:
            line = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        yield number, line


class Locator:
    """Finds where an address is written in the body: the first time for the first element with
    that address, the second time for the second, and so on."""

    def __init__(self, body: str) -> None:
        self._lines: Sequence[tuple[int, str]] = list(prose_lines(body))
        self._used: dict[str, int] = {}

    def find(self, needle: str) -> tuple[int | None, int]:
        """(0-based line, 0-based column) of the next occurrence of `needle`, or (None, 0)."""
        if not needle:
            return None, 0
        wanted = self._used.get(needle, 0)
        self._used[needle] = wanted + 1
        seen = 0
        first: tuple[int | None, int] = (None, 0)
        for variant in _spellings(needle):
            for number, line in self._lines:
                start = line.find(variant)
                while start >= 0:
                    if first[0] is None:
                        first = (number, _start_of(line, start))
                    if seen == wanted:
                        return number, _start_of(line, start)
                    seen += 1
                    start = line.find(variant, start + 1)
            if first[0] is not None:
                break
        # Fewer occurrences than elements (one reference definition used twice): the first.
        return first


_ATTRIBUTE_VALUE = re.compile(r"""=\s*["']?$""")


def _start_of(line: str, at: int) -> int:
    """The column where the element whose address starts at `at` begins: the "![" or "[" of a
    Markdown image or link, the "<" of an HTML tag, else the address itself."""
    head = line[:at]
    if head.endswith(("](", "](<")):
        depth = 0
        for i in range(head.rindex("]"), -1, -1):
            if line[i] == "]":
                depth += 1
            elif line[i] == "[":
                depth -= 1
                if depth == 0:
                    return i - 1 if i > 0 and line[i - 1] == "!" else i
        return at
    if _ATTRIBUTE_VALUE.search(head):
        tag = head.rfind("<")
        return tag if tag >= 0 else at
    return at


def _spellings(url: str) -> list[str]:
    """The ways an address may be written in Markdown: as is, with & as &amp;, with spaces as
    %20 (the renderer percent-encodes nothing, but authors do)."""
    variants = [url]
    if "&" in url:
        variants.append(url.replace("&", "&amp;"))
    if " " in url:
        variants.append(url.replace(" ", "%20"))
    if "%20" in url:
        variants.append(url.replace("%20", " "))
    return variants
