"""The words of a Markdown post that a spell checker should see, and where they are.

`misspellings(text, checker)` walks the Markdown *source* and returns the words the checker
rejects, with their offsets, so the editor can underline them and the pre-publish checklist can
list them. What is not prose is never looked at:

- front matter (`---`/`+++` on the first line, up to its closing line);
- fenced code (the shared line grammar, `core.render.lines`, so a fence is what the renderer
  takes for one), indented code (four spaces or a tab after a blank line, outside a list),
  and `<pre>`, `<script>`, `<style>` blocks and HTML comments that span lines;
- in a line: code spans, URLs, e-mail addresses, HTML tags with their attributes, inline
  `<code>`/`<kbd>`/`<samp>`/`<var>` elements, entities, shortcodes (`[caption id="1"]`,
  `[/caption]`, Hugo's `{{< … >}}`), link and image targets (`](…)`, `][label]`), reference
  definitions, footnote labels (`[^1]`), attribute lists (`{: .class}`);
- tokens that are not words of a language: anything with a digit or an inner underscore
  (`mp3`, `snake_case`), names glued with `.`, `/`, `:` or `@` (`config.json`, `and/or`),
  words with a capital after the first letter (`API`, `PySide`: acronyms and product names,
  which dictionaries do not know and authors do not want flagged), and single letters.

Link texts, image alt texts, headings, list items and quotes are prose and are checked.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from typing import NamedTuple, Protocol

from blogdesk.core.render.lines import fenced_lines, list_item

__all__ = ["Checker", "Span", "misspellings", "prose_lines", "words"]


class Checker(Protocol):
    """What `misspellings` needs of a spell checker (core.spelling.checker has the real one)."""

    def check(self, word: str) -> bool: ...


class Span(NamedTuple):
    start: int  # offset of the word in the text (code points)
    end: int
    word: str
    line: int  # 0-based line of the text
    column: int  # offset of the word in its line (code points)


# One scanner per line: the alternatives that are not prose come first, so that at any position
# a URL, tag or code span is consumed whole before the word pattern could take its first letters.
_SKIP = [
    r"(?P<code>`+)(?!`).+?(?<!`)(?P=code)(?!`)",  # code span
    r"<(?P<el>code|kbd|samp|var|tt)\b[^>]*>.*?</(?P=el)\s*>",  # inline code-like HTML element
    r"<!--.*?-->",  # one-line HTML comment
    r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>",  # HTML tag with its attributes
    r"\{\{[<%].*?[%>]\}\}",  # Hugo shortcode
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)[^\s<>\"'\])]+",  # URL
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
    r"\]\([^)\n]*\)",  # link or image target (and title)
    r"\]\[[^\]\n]*\]",  # reference label of a link
    r"\[\^[^\]\s]+\]",  # footnote label
    # Shortcode: `[name]`, `[/name]`, or `[name attr=…]`; not a link's text, which a `(` or `[`
    # follows, and not `[two words]`, which has no `=`.
    r"\[/?[A-Za-z][\w-]*(?:\s[^\]\n]*=[^\]\n]*)?\](?![(\[])",
    r"\{[:#.][^}\n]*\}",  # attribute list
    r"&#?\w+;",  # entity
    r"\w[\w-]*(?:[./\\:@]\w[\w-]*)+",  # file name, domain, path, time
    r"\w*(?:\d|[^\W_]_(?=[^\W_]))\w*",  # identifier: a digit or an inner underscore
]
_SCAN = re.compile("|".join(_SKIP) + r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)")
_WORD_GROUP = _SCAN.groupindex["word"]
# Lines that are not prose at all, whatever comes after them on the line.
_REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_BLOCK_OPEN = re.compile(r"^\s*<(pre|script|style)\b", re.IGNORECASE)
# The editor leaves a line's words alone while it is being typed: a quick cheap check first.
_HAS_LETTER = re.compile(r"[^\W\d_]")


def prose_lines(lines: Sequence[str]) -> list[bool]:
    """For each line, whether it may hold prose (False: front matter, code, raw HTML blocks)."""
    prose = [True] * len(lines)
    i = _front_matter_end(lines)
    for j in range(i):
        prose[j] = False
    for j in fenced_lines(lines):
        prose[j] = False
    blank_before = True  # indented code needs a blank line (or the start) before it
    in_list = False
    in_code = False
    closing: str | None = None  # the end of a multi-line HTML block or comment
    for n in range(i, len(lines)):
        line = lines[n]
        if not prose[n]:  # fenced: ends a list and any indented code before it
            blank_before, in_list, in_code = False, False, False
            continue
        if closing is not None:
            prose[n] = False
            if closing in line.lower():
                closing = None
            continue
        if not line.strip():
            blank_before = True
            continue
        if _INDENTED.match(line):
            if in_code or (blank_before and not in_list):
                prose[n] = False
                in_code = True
            blank_before = False
            continue
        in_code = False
        blank_before = False
        in_list = list_item(line) is not None or (in_list and not _starts_block(line))
        if _REFDEF.match(line):
            prose[n] = False
        closing = _opens_block(line)
        if closing is not None:
            prose[n] = False
    return prose


def _front_matter_end(lines: Sequence[str]) -> int:
    """How many lines the front matter takes (0 when there is none or it never closes)."""
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return 0
    ends = ("---", "...") if lines[0].startswith("-") else ("+++",)
    for n in range(1, len(lines)):
        if lines[n].rstrip() in ends:
            return n + 1
    return 0


def _starts_block(line: str) -> bool:
    # A paragraph line right after a list item continues the item (a lazy line); a heading,
    # a quote or a rule starts a new block. Good enough for "is an indented line list text?".
    return line.startswith(("#", ">", "---", "***", "___"))


def _opens_block(line: str) -> str | None:
    """The closing text a line's unclosed `<pre>`, `<script>`, `<style>` or `<!--` waits for."""
    lower = line.lower()
    if "<!--" in lower and "-->" not in lower[lower.rindex("<!--") :]:
        return "-->"
    match = _BLOCK_OPEN.match(line)
    if match is not None:
        end = f"</{match[1].lower()}"
        if end not in lower:
            return end
    return None


# The words of a prose line by its text. The editor checks the whole post again after each pause
# in typing, and all lines but one or two are as they were: scanning only new lines makes a
# re-check of 10,000 words ~4x cheaper, and the worker holds the GIL (which the UI thread needs
# for every keystroke) that much less. Bounded: emptied when it grows past _CACHE_LINES.
_line_words: dict[str, tuple[tuple[int, str], ...]] = {}
_CACHE_LINES = 50_000


def _scan_line(line: str) -> tuple[tuple[int, str], ...]:
    found = _line_words.get(line)
    if found is None:
        found = tuple(
            (match.start(), word)
            for match in _SCAN.finditer(line)
            if match.lastindex == _WORD_GROUP
            # Two letters at least, and no capital after the first: acronyms, product names.
            and len(word := match.group(_WORD_GROUP)) > 1
            and word[1:] == word[1:].lower()
        )
        if len(_line_words) >= _CACHE_LINES:
            _line_words.clear()
        _line_words[line] = found
    return found


def words(text: str, lines: Collection[int] | None = None) -> Iterator[Span]:
    """Every word of the prose in `text` (only on the 0-based `lines` given, if any)."""
    all_lines = text.split("\n")
    prose = prose_lines(all_lines)
    offset = 0
    for n, line in enumerate(all_lines):
        if prose[n] and (lines is None or n in lines) and _HAS_LETTER.search(line):
            for start, word in _scan_line(line):
                yield Span(offset + start, offset + start + len(word), word, n, start)
        offset += len(line) + 1


def misspellings(
    text: str,
    checker: Checker,
    *,
    lines: Collection[int] | None = None,
    ignore: Collection[str] = (),
) -> list[Span]:
    """The words of `text`'s prose that `checker` rejects (on `lines` only, if given).

    `ignore` holds words accepted as they are (the author's "Ignore" for one post). A typographic
    apostrophe is checked as "'" (the dictionaries spell "don't" that way).
    """
    found = []
    for span in words(text, lines):
        word = span.word
        if word in ignore:
            continue
        if not checker.check(word.replace("’", "'") if "’" in word else word):
            found.append(span)
    return found
