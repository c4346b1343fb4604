"""Misspellings as checklist warnings, through a small interface the spell checker plugs into.

A `SpellingSource` is any function that takes the post's body and yields the misspelled words as
(0-based line, 0-based column, word). `blogdesk.core.spelling` (the editor's checker) is adapted
to it here when a dictionary is installed; otherwise the checklist says why spelling was skipped
instead of claiming the text is clean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from blogdesk.core.checks.issue import Issue

__all__ = ["MAX_LISTED", "SpellingSource", "load_spelling", "spelling_issues"]

SpellingSource = Callable[[str], Iterable[tuple[int, int, str]]]

# A post with hundreds of unknown words (another language, a glossary) is better told once at
# the end than listed word by word.
MAX_LISTED = 50


def spelling_issues(body: str, source: SpellingSource) -> list[Issue]:
    issues: list[Issue] = []
    extra = 0
    for line, column, word in source(body):
        if len(issues) >= MAX_LISTED:
            extra += 1
            continue
        issues.append(
            Issue("spelling", "warning", f"“{word}” may be misspelled.", line=line, column=column)
        )
    if extra:
        issues.append(
            Issue(
                "spelling",
                "warning",
                f"{extra} more possible misspellings are not listed; "
                "check the language the post is written in.",
            )
        )
    return issues


def load_spelling(
    post_language: object = None,
    blog_language: object = None,
    words_file: Path | None = None,
) -> tuple[SpellingSource | None, str | None]:
    """The spell checker as a `SpellingSource`, or None and the reason it cannot be had.

    `blogdesk.core.spelling` is found at run time: until it is part of this BlogDesk the
    checklist runs without spelling and says so. Loading dictionaries takes tens of
    milliseconds: call this off the UI thread.
    """
    # Imported here: PyEnchant loads libenchant, which `blogdesk check` without spelling skips.
    from blogdesk.core import spelling

    try:
        languages = spelling.choose_languages(post_language, blog_language)
        personal = spelling.PersonalWords(words_file) if words_file is not None else None
        opened = spelling.open_checker(languages, personal)
    except AttributeError:  # a spell checker of another shape: say so rather than guess
        return None, "Spelling was not checked: the spell checker could not be used."
    checker = opened.checker
    if checker is None:
        return None, f"Spelling was not checked: {opened.problem}"
    misspellings = spelling.misspellings

    def source(body: str) -> Iterator[tuple[int, int, str]]:
        for span in misspellings(body, checker):
            yield int(span.line), int(span.column), str(span.word)

    return source, None
