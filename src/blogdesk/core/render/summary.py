"""Facts about a rendered post, read from its HTML and source: outline, title, words, images.

They are derived from the final HTML (plus the source for heading lines), never from the
Markdown parser's internal state, so ``render()`` and ``IncrementalRenderer`` — which produce the
same HTML by different routes — necessarily report the same facts.
"""

from __future__ import annotations

import html as htmllib
import re
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


_HEADING_RE = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_ID_RE = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_FNREF_RE = re.compile(r'<sup id="fnref\d*:[^"]*">.*?</sup>', re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_INVISIBLE_RE = re.compile(
    r"<(script|style|template)\b.*?</\1\s*>|<div class=\"toc\">.*?</div>",
    re.DOTALL | re.IGNORECASE,
)
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


def _plain(inner_html: str) -> str:
    return " ".join(htmllib.unescape(_TAG_RE.sub("", _FNREF_RE.sub("", inner_html))).split())


def _local_images(html: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in _IMG_RE.finditer(_COMMENT_RE.sub("", html)):
        raw = m.group(1) if m.group(1) is not None else m.group(2) or m.group(3) or ""
        src = htmllib.unescape(raw).strip()
        if src and not _REMOTE_RE.match(src):
            seen.setdefault(src, None)
    return tuple(seen)


def _headings(source: str, html: str) -> tuple[HeadingFact, ...]:
    found: list[tuple[int, str, str]] = []
    for m in _HEADING_RE.finditer(html):
        attrs = m.group(2) or ""
        idm = _ID_RE.search(attrs)
        anchor = htmllib.unescape(idm.group(1) or idm.group(2) or "") if idm else ""
        found.append((int(m.group(1)), _plain(m.group(3)), anchor))
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
