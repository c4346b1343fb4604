"""Text for the full-text index: what FTS5 stores, what a search box query becomes, and snippets.

unicode61 keeps a run of Han, kana or Hangul without spaces as one token, so "日本語" inside
"日本語のタイトル" could not be found. Each such character is set apart with a zero-width space (a
separator to the tokenizer, invisible, removed from snippets and read-back text); a query's CJK run
becomes a phrase of single characters, which finds words of any length (a trigram table would
miss the many two-character words).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

_CJK = re.compile(
    "([\u1100-\u11ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f])"
)
ZWSP = "\u200b"
# Matches are wrapped in these in raw snippets; they are never stored in the index.
SNIPPET_START, SNIPPET_END = "\x02", "\x03"
_MARKERS = str.maketrans({SNIPPET_START: " ", SNIPPET_END: " "})
_TOKEN_SPLIT = re.compile(r"[^\w]+|_+")
_SPACE = re.compile(r"\s+")
_SNIPPET_CHARS = 160  # about the 16 words FTS5's snippet() would show


def index_text(text: str) -> str:
    """`text` as the FTS table stores it: NFC (unicode61 splits words at combining marks),
    CJK characters set apart, and no snippet marker characters."""
    if text.isascii():
        return text.translate(_MARKERS) if "\x02" in text or "\x03" in text else text
    text = unicodedata.normalize("NFC", text).translate(_MARKERS)
    return _CJK.sub(f"{ZWSP}\\1{ZWSP}", text)


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


def make_snippet(columns: Sequence[str], terms: Sequence[tuple[str, bool]]) -> str | None:
    """A raw snippet (matches between the marker characters) around the first match in the first
    column that has one, or None when no word matches as written (for example "cafe" against
    "café": unicode61 folds accents, a regular expression does not; FTS5's snippet() then runs).

    FTS5's own snippet() tokenizes every column of every hit, which on long posts costs more
    than the search; a regular expression over the stored text finds the same words.
    """
    pattern = _terms_pattern(terms)
    if pattern is None:
        return None
    for text in columns:
        first = pattern.search(text)
        if first is None:
            continue
        start = max(0, first.start() - _SNIPPET_CHARS // 3)
        if start > 0:
            space = text.find(" ", start, first.start())
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + _SNIPPET_CHARS)
        if end < len(text):
            space = text.rfind(" ", first.end(), end)
            end = space if space > 0 else max(end, first.end())
        window = pattern.sub(lambda m: f"{SNIPPET_START}{m[0]}{SNIPPET_END}", text[start:end])
        window = _SPACE.sub(" ", window).strip()
        return ("…" if start > 0 else "") + window + ("…" if end < len(text) else "")
    return None


def _terms_pattern(terms: Sequence[tuple[str, bool]]) -> re.Pattern[str] | None:
    alternatives = []
    for word, prefix in terms:
        tokens = [t for t in _TOKEN_SPLIT.split(word) if t]
        if not tokens:
            continue
        body = r"[\W_]+".join(re.escape(t) for t in tokens)
        alternatives.append(rf"(?<![^\W_]){body}" + (r"[^\W_]*" if prefix else r"(?![^\W_])"))
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def snippets(raw: str) -> tuple[str, str]:
    """A raw snippet → (HTML-escaped with <mark>…</mark>, plain text with «…»)."""
    raw = raw.replace(ZWSP, "")
    text = raw.replace(SNIPPET_START, "«").replace(SNIPPET_END, "»")
    marked = html.escape(raw).replace(SNIPPET_START, "<mark>").replace(SNIPPET_END, "</mark>")
    return marked, text
