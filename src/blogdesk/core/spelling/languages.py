"""Which languages a post is checked in.

The first of these that names any language wins: the post's own `lang:` front matter, the blog's
(the account option `spell_language`), the author's preference (`Settings.spell_language`),
then the system locale. Each may name several languages (`lang: [en_US, de_DE]`, or
"en_US, de_DE" in a text field) for authors who mix them: a word is right when one of the
dictionaries knows it.
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "FALLBACK_LANGUAGE",
    "choose_languages",
    "match_dictionary",
    "normalize_tag",
    "parse_languages",
    "system_language",
]

# What a machine whose locale names no language (C, POSIX) is checked in.
FALLBACK_LANGUAGE = "en_US"
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?(?:[.@].*)?$")


def normalize_tag(tag: str) -> str | None:
    """ "en-us", "en_US.UTF-8" → "en_US"; "DE" → "de"; None for what is no language tag."""
    match = _TAG.match(tag.strip())
    if match is None:
        return None
    language, region = match[1].lower(), match[2]
    return f"{language}_{region.upper()}" if region else language


def parse_languages(value: object) -> list[str]:
    """The languages a `lang:` value or a preference names, normalized, in order, once each.

    Takes a string ("de_DE", "en_US, de_DE", "en-US de-DE") or a list of strings; anything
    else (a number, a mapping) names none.
    """
    items: Iterable[object]
    if isinstance(value, str):
        items = re.split(r"[\s,;]+", value)
    elif isinstance(value, Sequence):
        items = value
    else:
        return []
    tags: list[str] = []
    for item in items:
        tag = normalize_tag(item) if isinstance(item, str) else None
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the user's locale (LC_ALL, LC_MESSAGES, LANG, then Python's view)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            tag = normalize_tag(value)
            return tag or FALLBACK_LANGUAGE  # "C", "POSIX", "C.UTF-8"
    if environ is None:
        tag = normalize_tag(locale.getlocale()[0] or "")
        if tag:
            return tag
    return FALLBACK_LANGUAGE


def choose_languages(
    post_value: object = None,
    blog_value: object = None,
    preference: object = None,
    system: str | None = None,
) -> list[str]:
    """The languages to check in: the first of post, blog, preference that names one, else the
    system's."""
    for value in (post_value, blog_value, preference):
        tags = parse_languages(value)
        if tags:
            return tags
    return [system or system_language()]


def match_dictionary(tag: str, available: Sequence[str]) -> str | None:
    """The installed dictionary for `tag`: the same one, else the bare language ("de" for
    "de_AT"), else one of its regions ("de_DE" for "de"), preferring the language's own country
    ("fr_FR" for "fr"). None when the language has no dictionary at all."""
    if tag in available:
        return tag
    language = tag.split("_")[0]
    if language in available:
        return language
    regions = sorted(name for name in available if name.split("_")[0] == language)
    if not regions:
        return None
    home = f"{language}_{language.upper()}"
    return home if home in regions else regions[0]
