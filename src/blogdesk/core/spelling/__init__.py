"""Spell checking of Markdown posts: which words are prose (`tokens`), which languages a post is
in (`languages`), the dictionaries (`checker`, Hunspell through Enchant) and the author's word
list (`wordlist`). No Qt: the editor's underlines and the pre-publish checklist share it.

The names below are looked up in their module when first used: the window imports the word list
before its first frame, and the rest (the tokenizer's patterns, the dictionaries) only later.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blogdesk.core.spelling.checker import Opened, SpellChecker, open_checker
    from blogdesk.core.spelling.languages import choose_languages, parse_languages
    from blogdesk.core.spelling.tokens import Checker, Span, misspellings, words
    from blogdesk.core.spelling.wordlist import WORDS_FILE, PersonalWords

_HOMES = {
    "Opened": "checker",
    "SpellChecker": "checker",
    "open_checker": "checker",
    "choose_languages": "languages",
    "parse_languages": "languages",
    "Checker": "tokens",
    "Span": "tokens",
    "misspellings": "tokens",
    "words": "tokens",
    "WORDS_FILE": "wordlist",
    "PersonalWords": "wordlist",
}

__all__ = [
    "WORDS_FILE",
    "Checker",
    "Opened",
    "PersonalWords",
    "Span",
    "SpellChecker",
    "choose_languages",
    "misspellings",
    "open_checker",
    "parse_languages",
    "words",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
