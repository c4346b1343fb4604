"""The author's personal word list: a plain text file, one word per line, in the config folder.

Kept as a file anyone can edit (or copy to another machine); BlogDesk writes it atomically, so a
crash while adding a word never loses the list. Lines that are empty or start with "#" are not
words. The spell-check worker reads the set while the UI thread adds to it: `add` replaces the
set instead of changing it, so a reader never sees one half-changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from blogdesk.core.fsutil import atomic_write

__all__ = ["WORDS_FILE", "PersonalWords"]

WORDS_FILE = "spelling-words.txt"  # in the config folder the composition root names
log = logging.getLogger(__name__)


class PersonalWords:
    """Words the author added ("Add to dictionary"); `path` None keeps them in memory only."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._words: frozenset[str] = frozenset()
        self._lower: frozenset[str] = frozenset()
        self.reload()

    def reload(self) -> None:
        """Read the file again (a missing or unreadable one is an empty list)."""
        words: list[str] = []
        if self.path is not None:
            try:
                text = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                text = ""
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("could not read the personal word list %s: %s", self.path, exc)
                text = ""
            words = [w.strip() for w in text.splitlines()]
        self._set(w for w in words if w and not w.startswith("#"))

    def _set(self, words: Iterable[str]) -> None:
        self._words = frozenset(words)
        # A word added in lower case is right capitalized too (at the start of a sentence);
        # one added as "BlogDesk" does not make "blogdesk" right.
        self._lower = frozenset(w for w in self._words if w == w.lower())

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return word in self._words or word.lower() in self._lower

    def __len__(self) -> int:
        return len(self._words)

    @property
    def words(self) -> frozenset[str]:
        return self._words

    def add(self, word: str) -> None:
        """Add `word` at the end of the file, keeping what is there (comments, the author's own
        order). Raises OSError when it cannot be written; the word stays added for this session
        either way."""
        word = word.strip()
        if not word or word in self._words:
            return
        self._set(self._words | {word})
        if self.path is None:
            return
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        if text and not text.endswith("\n"):
            text += "\n"
        atomic_write(self.path, f"{text}{word}\n".encode())
