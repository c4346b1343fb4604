"""Spell checking of Markdown posts: which words are prose (`tokens`), which languages a post is
in (`languages`), the dictionaries (`checker`, Hunspell through Enchant) and the author's word
list (`wordlist`). No Qt: the editor's underlines and the pre-publish checklist share it."""

from blogdesk.core.spelling.checker import Opened, SpellChecker, open_checker
from blogdesk.core.spelling.languages import choose_languages, parse_languages
from blogdesk.core.spelling.tokens import Checker, Span, misspellings, words
from blogdesk.core.spelling.wordlist import WORDS_FILE, PersonalWords

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
