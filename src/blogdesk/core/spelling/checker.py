"""The spell checker: the system's Hunspell dictionaries through Enchant (PyEnchant), one or more
languages at once, plus the author's personal word list.

Enchant is imported on first use: the window starts without it, and a machine without libenchant
or without any dictionary gets `Opened.problem` (a sentence saying how to install one) instead of
an exception, so the editor works on unchecked.

Thread safety: checks run on a worker thread while another worker may ask for suggestions.
A Hunspell handle is not safe to share between threads, so each loaded dictionary has its own
lock; both calls are C calls through ctypes, which release the GIL, so a long suggestion never
holds up the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any, NamedTuple

from blogdesk.core.spelling.languages import match_dictionary
from blogdesk.core.spelling.wordlist import PersonalWords

__all__ = [
    "Opened",
    "SpellChecker",
    "available_dictionaries",
    "install_hint",
    "open_checker",
]

log = logging.getLogger(__name__)

_loaded: dict[str, tuple[Any, threading.Lock]] = {}  # language -> (enchant.Dict, its lock)
_loading = threading.Lock()


class SpellChecker:
    """Accepts a word when the personal list or any of the dictionaries does."""

    def __init__(
        self, dictionaries: Sequence[tuple[str, Any]], personal: PersonalWords | None = None
    ) -> None:
        self.languages = tuple(name for name, _ in dictionaries)
        self._dicts = [_loaded.get(name, (d, threading.Lock())) for name, d in dictionaries]
        self.personal = personal if personal is not None else PersonalWords()
        # Verdicts by word: a 10,000-word post has ~2,000 different words, and the post is
        # checked again after each pause in typing. Only the dictionaries' verdicts are kept;
        # the personal list is asked every time, since the author adds to it.
        self._known: dict[str, bool] = {}

    def check(self, word: str) -> bool:
        if word in self.personal:
            return True
        verdict = self._known.get(word)
        if verdict is None:
            verdict = False
            for handle, lock in self._dicts:
                with lock:
                    if handle.check(word):
                        verdict = True
                        break
            self._known[word] = verdict
        return verdict

    def suggest(self, word: str, limit: int = 7) -> list[str]:
        """Suggestions from every dictionary, interleaved (each one's best first), once each."""
        lists = []
        for handle, lock in self._dicts:
            with lock:
                lists.append(list(handle.suggest(word)))
        merged: list[str] = []
        for rank in range(max((len(s) for s in lists), default=0)):
            for suggestions in lists:
                if rank < len(suggestions) and suggestions[rank] not in merged:
                    merged.append(suggestions[rank])
        return merged[:limit]


class Opened(NamedTuple):
    checker: SpellChecker | None  # None: nothing can be checked
    missing: tuple[str, ...]  # languages asked for that have no dictionary here
    problem: str | None  # why there is no checker at all, with how to get one


def _enchant() -> Any:
    import enchant  # PyEnchant: raises ImportError when libenchant itself is missing

    return enchant


def available_dictionaries() -> list[str]:
    """The languages Enchant has a dictionary for ([] without Enchant)."""
    try:
        return sorted(_enchant().list_languages())
    except (ImportError, OSError) as exc:
        log.info("no spell checking: %s", exc)
        return []


def install_hint(languages: Sequence[str]) -> str:
    """How to get dictionaries for `languages` (Debian's package names; others are similar)."""
    packages = " ".join(f"hunspell-{tag.lower().replace('_', '-')}" for tag in languages)
    return f"install a Hunspell dictionary (Debian/Ubuntu: sudo apt-get install {packages})"


def open_checker(wanted: Sequence[str], personal: PersonalWords | None = None) -> Opened:
    """A checker for the languages `wanted` that have a dictionary (loaded once per process,
    ~25-45 ms each: call it off the UI thread)."""
    try:
        enchant = _enchant()
    except (ImportError, OSError):
        return Opened(
            None,
            tuple(wanted),
            "Spell checking is off: the Enchant library is missing "
            "(Debian/Ubuntu: sudo apt-get install libenchant-2-2 hunspell-en-us).",
        )
    available = available_dictionaries()
    chosen: list[str] = []
    missing: list[str] = []
    for tag in wanted:
        name = match_dictionary(tag, available)
        if name is None:
            missing.append(tag)
        elif name not in chosen:
            chosen.append(name)
    dictionaries = []
    for name in chosen:
        with _loading:
            if name not in _loaded:
                try:
                    _loaded[name] = (enchant.Dict(name), threading.Lock())
                except enchant.errors.Error as exc:
                    log.warning("could not load the %s dictionary: %s", name, exc)
                    missing.append(name)
                    continue
            dictionaries.append((name, _loaded[name][0]))
    if not dictionaries:
        return Opened(
            None,
            tuple(missing),
            f"No spelling dictionary for {', '.join(wanted)}: {install_hint(wanted)}. "
            "The editor works on without spell checking.",
        )
    return Opened(SpellChecker(dictionaries, personal), tuple(missing), None)
