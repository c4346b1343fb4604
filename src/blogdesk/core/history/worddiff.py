"""A word diff of two versions of a post: `[-old words-]{+new words+}`, like `git diff
--word-diff=plain`.

The texts are cut into words and single punctuation marks, each with the white space after it;
difflib matches the tokens, and each change is shown once as what went and what came. A lone
unchanged word between two changes (a "the" in a rewritten sentence) is folded into the change,
so a rewrite reads as old sentence / new sentence rather than a word salad. `comparable` leaves out
BlogDesk's own `blogdesk:` key first, since the sync state changes with every publish and is not
what the author wrote.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from blogdesk.core.post.post import RESERVED_KEY, Post

__all__ = ["Piece", "comparable", "format_word_diff", "word_diff"]

# A word or mark with the spaces after it; line breaks are tokens of their own, so a change
# never swallows the end of its line.
_TOKENS = re.compile(r"(?:\w+|[^\w\s])[ \t]*|\s+", re.UNICODE)

Kind = Literal["same", "removed", "added"]


@dataclass(frozen=True)
class Piece:
    kind: Kind
    text: str


def comparable(text: str) -> str:
    """The post's text without BlogDesk's sync state (unreadable front matter: as it is)."""
    try:
        post = Post.parse(text)
    except Exception:  # a broken file is still worth comparing, word for word
        return text
    if RESERVED_KEY in post:
        post.remove(RESERVED_KEY)
    return post.dumps()


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`, in order; adjacent pieces of a kind merged."""
    a, b = tokens(old), tokens(new)
    # Words are compared without their spaces; an unchanged stretch is shown as it is now.
    matcher = difflib.SequenceMatcher(
        None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False
    )
    pieces: list[Piece] = []
    codes = matcher.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal" and 0 < n < len(codes) - 1 and i2 - i1 <= 2:
            around = [max(c[2] - c[1], c[4] - c[3]) for c in (codes[n - 1], codes[n + 1])]
            if min(around) >= 3 and "\n" not in "".join(a[i1:i2]):
                op = "replace"  # a lone word inside a rewrite: folded into it
        if op == "equal":
            _add(pieces, "same", "".join(b[j1:j2]))
            continue
        if op in ("replace", "delete"):
            _add(pieces, "removed", "".join(a[i1:i2]))
        if op in ("replace", "insert"):
            _add(pieces, "added", "".join(b[j1:j2]))
    return pieces


def _add(pieces: list[Piece], kind: Kind, text: str) -> None:
    if not text:
        return
    # Keep all of a change together: removed, then added (a folded word joins both).
    after_change = len(pieces) >= 2 and pieces[-1].kind == "added"
    if kind == "removed" and after_change and pieces[-2].kind == "removed":
        pieces[-2] = Piece("removed", pieces[-2].text + text)
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)
    else:
        pieces.append(Piece(kind, text))


def format_word_diff(pieces: list[Piece], *, context_lines: int | None = 2) -> str:
    """Plain text with `[-…-]` and `{+…+}`; unchanged stretches cut to `context_lines` lines
    around each change (None: the whole text)."""
    out = []
    for piece in pieces:
        if piece.kind == "removed":
            out.append(f"[-{piece.text}-]")
        elif piece.kind == "added":
            out.append(f"{{+{piece.text}+}}")
        else:
            out.append(_trim(piece.text, context_lines, piece is pieces[0], piece is pieces[-1]))
    return "".join(out)


def _trim(text: str, keep: int | None, first: bool, last: bool) -> str:
    if keep is None:
        return text
    lines = text.split("\n")
    if len(lines) <= 2 * keep + 2:
        return text
    head = [] if first else lines[: keep + 1]
    tail = [] if last else lines[-(keep + 1) :]
    return "\n".join([*head, "…", *tail]) if head or tail else "…\n"
