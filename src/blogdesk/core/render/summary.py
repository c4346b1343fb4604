"""Facts about a rendered post, read from its HTML and source: outline, title, words, images.

They are derived from the final HTML (plus the source for heading lines), never from the
Markdown parser's internal state, so ``render()`` and ``IncrementalRenderer`` — which produce the
same HTML by different routes — necessarily report the same facts.
"""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from typing import NamedTuple

from blogdesk.core.render.lines import fenced_lines, headings

WORDS_PER_MINUTE = 230


class HeadingFact(NamedTuple):
    level: int
    text: str
    anchor: str
    line: int


class Summary(NamedTuple):
    title: str | None
    word_count: int
    reading_minutes: int
    headings: tuple[HeadingFact, ...]
    images: tuple[str, ...]


_TAG_RE = re.compile(r"<[^>]*>")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_INVISIBLE_RE = re.compile(
    r"<(script|style|template)\b.*?</\1\s*>|<div class=\"toc\">.*?</div>",
    re.DOTALL | re.IGNORECASE,
)
_HEADING_RE = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_ID_RE = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_FNREF_RE = re.compile(r'<sup id="fnref\d*:[^"]*">.*?</sup>', re.DOTALL)
# Raw HTML in the source: a tag, comment or declaration ("a < b" is none).
_RAW_HTML_RE = re.compile(r"<[A-Za-z!?/]")
_IMG_RE = re.compile(
    r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
# Words are whitespace-separated tokens with a letter or digit in them ("don't", "well-known"
# and "2026" count once; a lone "–" not at all); each CJK ideograph or kana counts as one word,
# since those scripts do not separate words with spaces.
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NO_WORD_TOKEN_RE = re.compile(r"(?<!\S)[^\w\s]+(?!\S)|(?<!\S)_+(?!\S)")
_REMOTE_RE = re.compile(r"^(?:https?:|data:|//)", re.IGNORECASE)

_RAW_HEADING_RE = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)(?:</h\1>|$)", re.IGNORECASE)
_ATTR_LIST_RE = re.compile(r"\s*\{[^}]*\}\s*$")


def summarize_html(source: str, html: str) -> Summary:
    headings = _headings(source, html)
    title = next((h.text for h in headings if h.level == 1), None)
    words = count_words(html)
    minutes = max(1, round(words / WORDS_PER_MINUTE)) if source.strip() else 0
    return Summary(title, words, minutes, headings, _local_images(html))


def count_words(html: str) -> int:
    text = _TAG_RE.sub(" ", _INVISIBLE_RE.sub(" ", _COMMENT_RE.sub(" ", html)))
    text = htmllib.unescape(text)
    if _CJK_RE.search(text):
        text = _CJK_RE.sub(" x ", text)
    return len(text.split()) - len(_NO_WORD_TOKEN_RE.findall(text))


def _local_images(html: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in _IMG_RE.finditer(_COMMENT_RE.sub("", html)):
        raw = m.group(1) if m.group(1) is not None else m.group(2) or m.group(3) or ""
        src = htmllib.unescape(raw).strip()
        if src and not _REMOTE_RE.match(src):
            seen.setdefault(src, None)
    return tuple(seen)


def _headings(source: str, html: str) -> tuple[HeadingFact, ...]:
    if "<h" not in html and "<H" not in html:
        return ()
    found = _parsed_headings(html) if _RAW_HTML_RE.search(source) else _markdown_headings(html)
    if not found:
        return ()
    candidates = _source_headings(source)
    result: list[HeadingFact] = []
    pos = 0
    last_line = 0
    for level, text, anchor in found:
        line, pos = _match_line(candidates, pos, level, _key(text))
        if line is None:
            line = last_line
        last_line = line
        result.append(HeadingFact(level, text, anchor, line))
    return tuple(result)


def _markdown_headings(html: str) -> list[tuple[int, str, str]]:
    """(level, text, id) of the headings of HTML that Markdown alone wrote (no raw HTML in the
    source): every "<" in its text, code and attribute values is escaped, so each "<hN" is a
    heading element and a pattern finds them several times faster than the parser."""
    found = []
    for m in _HEADING_RE.finditer(html):
        idm = _ID_RE.search(m.group(2) or "")
        anchor = htmllib.unescape(idm.group(1) or idm.group(2) or "") if idm else ""
        inner = _TAG_RE.sub("", _FNREF_RE.sub("", m.group(3)))
        found.append((int(m.group(1)), " ".join(htmllib.unescape(inner).split()), anchor))
    return found


def _parsed_headings(html: str) -> list[tuple[int, str, str]]:
    """(level, text, id) of the heading elements of any HTML, by a real parser."""
    finder = _HeadingFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def _match_line(
    candidates: list[tuple[int, int, str]], pos: int, level: int, key: str
) -> tuple[int | None, int]:
    """The source line of the next heading: same text if found ahead, else same level."""
    for i in range(pos, len(candidates)):
        line, cand_level, cand_key = candidates[i]
        if cand_level == level and cand_key == key:
            return line, i + 1
    for i in range(pos, len(candidates)):
        line, cand_level, _ = candidates[i]
        if cand_level == level:
            return line, i + 1
    return None, pos


def _source_headings(source: str) -> list[tuple[int, int, str]]:
    """(line, level, comparison key) of every line that is a heading, in order: Markdown ones by
    the shared line grammar, raw HTML ones (`<h2>…</h2>`) by their tag."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = [(h.line, h.level, _key(_ATTR_LIST_RE.sub("", h.text))) for h in headings(lines)]
    fenced = fenced_lines(lines) if "<h" in source or "<H" in source else set()
    for i, line in enumerate(lines):
        if line.startswith("<") and (m := _RAW_HEADING_RE.match(line)) and i not in fenced:
            found.append((i, int(m.group(1)), _key(_TAG_RE.sub("", m.group(2)))))
    return sorted(found)


_HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A heading tag inside these is text shown as code, or no text at all (a script's string, a
# template): not part of the document's outline.
_NOT_STRUCTURE = frozenset({"script", "style", "template", "textarea", "pre", "code", "xmp"})
# Inside a heading, the text of these is not the heading's words (a footnote reference's number,
# a script or style).
_NOT_TEXT = frozenset({"script", "style", "template"})


class _HeadingFinder(HTMLParser):
    """The h1–h6 elements of the rendered HTML as a browser sees them: (level, text, id).

    A real parser, not a pattern, so "<h1>" in a script's string, a comment, an attribute value
    or a code block is never taken for a heading.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._open: list[str] = []  # the enclosing elements of _NOT_STRUCTURE, innermost last
        self._heading: tuple[int, str] | None = None  # (level, anchor) while inside one
        self._text: list[str] = []
        # The element inside the open heading whose text is left out, and how deep in it we are
        # (only its own name is counted: a void <br> in it has no end tag to wait for).
        self._skip: str | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._heading is not None:
            if self._skip is not None:
                self._skip_depth += tag == self._skip
            elif tag in _NOT_TEXT or (tag == "sup" and _is_footnote_ref(attrs)):
                self._skip, self._skip_depth = tag, 1
            return
        if tag in _NOT_STRUCTURE:
            self._open.append(tag)
        elif tag in _HEADING_TAGS and not self._open:
            anchor = next((value or "" for name, value in attrs if name == "id"), "")
            self._heading = (_HEADING_TAGS[tag], anchor)
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None:
            if tag in _HEADING_TAGS:  # any h1–h6 end tag closes a heading (HTML's rule)
                level, anchor = self._heading
                self.found.append((level, " ".join("".join(self._text).split()), anchor))
                self._heading, self._skip = None, None
            elif tag == self._skip:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip = None
            return
        if tag in self._open:
            # Close it and anything left open inside it, as a browser does.
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._heading is not None and self._skip is None:
            self._text.append(data)


def _is_footnote_ref(attrs: list[tuple[str, str | None]]) -> bool:
    return any(name == "id" and (value or "").startswith("fnref") for name, value in attrs)
