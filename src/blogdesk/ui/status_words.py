"""A post's status as the window shows it: the word in the window's language for the statuses
BlogDesk knows, the status as written for any other (a blog's own). The file keeps the status
word as it is ("draft", "published"…); only what is shown is translated."""

from __future__ import annotations

from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["status_key", "status_word"]

# Translated where shown (QT_TRANSLATE_NOOP only marks them for the translation files).
_STATUS_WORDS = {
    "draft": QT_TRANSLATE_NOOP("StatusBadgeDelegate", "draft"),
    "pending": QT_TRANSLATE_NOOP("StatusBadgeDelegate", "pending"),
    "scheduled": QT_TRANSLATE_NOOP("StatusBadgeDelegate", "scheduled"),
    "published": QT_TRANSLATE_NOOP("StatusBadgeDelegate", "published"),
    "private": QT_TRANSLATE_NOOP("StatusBadgeDelegate", "private"),
}


def status_word(status: str) -> str:
    """The status as shown: translated when it is one BlogDesk knows."""
    known = _STATUS_WORDS.get(status)
    return translate("StatusBadgeDelegate", known) if known else status


def status_key(shown: str) -> str:
    """The status to write for the word `shown` (typed or picked): the inverse of
    `status_word`, so "Entwurf" is written as "draft"; any other word as typed."""
    text = shown.strip()
    for key in _STATUS_WORDS:
        if text.casefold() in (status_word(key).casefold(), key):
            return key
    return text
