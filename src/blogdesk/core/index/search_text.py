"""Text for the full-text index: what FTS5 stores, what a search box query becomes, and snippets.

unicode61 keeps a run of Han, kana or Hangul without spaces as one token, so "日本語" inside
"日本語のタイトル" could not be found. Each such character is set apart with a zero-width space (a
separator to the tokenizer, invisible, removed from snippets and read-back text); a query's CJK run
becomes a phrase of single characters, which finds words of any length (a trigram table would
miss the many two-character words).

unicode61's `remove_diacritics` folds only Latin letters: "ёж" and "еж" would be different words.
Russian writes ё as е most of the time, so the index and the query fold ё → е themselves; the
folded text is what FTS5 tokenizes, and the text as written is kept beside it for snippets.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence


@functools.cache
def _cjk_run() -> re.Pattern[str]:
    """Scripts written without spaces (compiled when first needed: ~4 ms of every start)."""
    return re.compile(
        "[\u1100-\u11ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
        "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f]+"
    )


ZWSP = "\u200b"
# Matches are wrapped in these in raw snippets; they are never stored in the index.
SNIPPET_START, SNIPPET_END = "\x02", "\x03"
_TOKEN_SPLIT = re.compile(r"[^\w]+|_+")
_SPACE = re.compile(r"\s+")
_SNIPPET_CHARS = 160  # about the 16 words FTS5's snippet() would show


# ё/Ё → е/Е: one character for one, so folded and written text line up position by position.
_YO = str.maketrans("ёЁ", "еЕ")


def index_text(text: str) -> str:
    """`text` as the FTS table indexes it: `display_text`, with ё folded to е."""
    shown = display_text(text)
    return shown if shown.isascii() else shown.translate(_YO)


def index_texts(text: str) -> tuple[str, str | None]:
    """(what FTS5 indexes, the text as written when that differs, else None)."""
    shown = display_text(text)
    if shown.isascii():
        return shown, None
    folded = shown.translate(_YO)
    return folded, (None if folded == shown else shown)


def display_text(text: str) -> str:
    """`text` as the index keeps it to show: NFC (unicode61 splits words at combining marks),
    CJK characters set apart, and no snippet marker characters."""
    if SNIPPET_START in text or SNIPPET_END in text:
        text = text.replace(SNIPPET_START, " ").replace(SNIPPET_END, " ")
    if text.isascii():
        return text
    return _cjk_run().sub(_set_apart, unicodedata.normalize("NFC", text))


# What unicode61 (remove_diacritics 2) and `index_text` fold: accented Latin letters, ё.
_FOLDABLE = re.compile("[\u00c0-\u024f\u1e00-\u1effёЁ]")


@functools.cache
def _fold_char(char: str) -> str:
    """One character folded to one: a Latin letter without its accents, ё as е."""
    if char in "ёЁ":
        return char.translate(_YO)
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def match_fold(text: str) -> str:
    """`text` with accents and ё folded as the index matches them; same length as `text`."""
    if text.isascii() or _FOLDABLE.search(text) is None:
        return text
    return _FOLDABLE.sub(lambda found: _fold_char(found[0]), text)


def _set_apart(run: re.Match[str]) -> str:
    return ZWSP + ZWSP.join(run[0]) + ZWSP


def _is_token_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LN" or category == "Co"


def query_terms(query: str) -> list[tuple[str, bool]]:
    """The words of a search box query, in index form, each with "is a prefix" (the last word,
    unless the query ends with a space). Words without a letter or digit are dropped."""
    # SQLite reads a NUL as the end of the string: control characters are separators here.
    query = "".join(" " if unicodedata.category(c) == "Cc" else c for c in query)
    words = [index_text(w) for w in query.split() if any(_is_token_char(c) for c in w)]
    typing = bool(query) and not query[-1].isspace()
    return [(word, typing and i == len(words) - 1) for i, word in enumerate(words)]


def fts_query(query: str) -> str | None:
    """A user's search box text → an FTS5 MATCH expression; None when nothing can be searched.

    Every word is quoted, so quotes, AND/OR/NOT/NEAR, `-`, `:`, `^`, `*` and parentheses are
    plain text and no input can make SQLite fail; all words must match.
    """
    terms = [
        '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")
        for word, prefix in query_terms(query)
    ]
    return " ".join(terms) or None


class SnippetMaker:
    """Snippets for one query: the words found, as written, between the marker characters.

    FTS5's own snippet() tokenizes every column of every hit, which on long posts costs more than
    the search itself; here a fast `str.find` on the lowercased text locates the first match and
    a regular expression marks the words in a window around it. Terms and text are compared
    folded (`match_fold`), so "cafe" marks "café" and "еж" marks "ёж", as FTS5 matched them.
    """

    def __init__(self, terms: Sequence[tuple[str, bool]]) -> None:
        alternatives = []
        self._firsts: list[str] = []  # each term's first token, lowercased: what find() looks for
        for word, prefix in terms:
            tokens = [t for t in _TOKEN_SPLIT.split(match_fold(word)) if t]
            if tokens:
                body = r"[\W_]+".join(re.escape(t) for t in tokens)
                tail = r"[^\W_]*" if prefix else r"(?![^\W_])"
                alternatives.append(rf"(?<![^\W_]){body}{tail}")
                self._firsts.append(tokens[0].lower())
        self._pattern = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None

    def __call__(self, columns: Sequence[str]) -> str | None:
        """A raw snippet around the first match in the first column that has one; None when no
        word matches (FTS5's snippet() is then the fallback)."""
        if self._pattern is None:
            return None
        for text in columns:
            folded = match_fold(text)
            first = self._first_match(folded)
            if first is not None:
                return self._window(text, folded, first)
        return None

    def _first_match(self, text: str) -> re.Match[str] | None:
        assert self._pattern is not None
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lowercase to two: no shortcut
            return self._pattern.search(text)
        best: re.Match[str] | None = None
        for token in self._firsts:
            at = lowered.find(token)
            while at >= 0 and (best is None or at < best.start()):
                found = self._pattern.match(text, at)
                if found is not None:
                    best = found
                    break
                at = lowered.find(token, at + 1)
        return best

    def _window(self, text: str, folded: str, first: re.Match[str]) -> str:
        assert self._pattern is not None
        start = max(0, first.start() - _SNIPPET_CHARS // 3)
        if start > 0:
            space = text.find(" ", start, first.start())
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + _SNIPPET_CHARS)
        if end < len(text):
            space = text.rfind(" ", first.end(), end)
            end = space if space > 0 else max(end, first.end())
        # Found in the folded text, marked in the text as written (same positions).
        parts: list[str] = []
        at = start
        for found in self._pattern.finditer(folded, start, end):
            parts += (text[at : found.start()], SNIPPET_START, text[found.start() : found.end()])
            parts.append(SNIPPET_END)
            at = found.end()
        parts.append(text[at:end])
        marked = _SPACE.sub(" ", "".join(parts)).strip()
        return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")


def snippets(raw: str) -> tuple[str, str]:
    """A raw snippet → (HTML-escaped with <mark>…</mark>, plain text with «…»)."""
    import html  # here: its entity table (~3 ms) is not needed to list posts

    raw = raw.replace(ZWSP, "")
    text = raw.replace(SNIPPET_START, "«").replace(SNIPPET_END, "»")
    marked = html.escape(raw).replace(SNIPPET_START, "<mark>").replace(SNIPPET_END, "</mark>")
    return marked, text
