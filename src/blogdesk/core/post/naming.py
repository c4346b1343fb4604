"""Post titles → file names that are readable, unique and valid on Windows, macOS and Linux.

Names keep the letters of any script (`привет-мир.md`, `日本語のタイトル.md`) rather than
transliterating them: an author who writes in Russian wants to recognise their files. Everything a
file system could object to is dropped: path separators, the characters Windows forbids, control
characters, leading dots (hidden files), trailing dots and spaces (Windows strips them silently) and
the device names Windows reserves (`con`, `nul`, `com1`, … with any extension).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from blogdesk.core.errors import LibraryError

MARKDOWN_SUFFIXES = (".md", ".markdown")

# Stems are bounded in UTF-8 bytes, not characters: Linux limits a name to 255 bytes and a CJK
# character takes 3. 120 bytes leaves room for "-NNN", the suffix and a temp-file prefix.
MAX_STEM_BYTES = 120
MAX_NAME_BYTES = 255

FALLBACK_STEM = "untitled"

_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"{dev}{n}" for dev in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")]
)
_FORBIDDEN_IN_NAME = set('<>:"/\\|?*')
# Apostrophes join a word ("don't" → "dont") instead of splitting it.
_JOINERS = {"'", "’", "ʼ", "`"}
_DASHES = re.compile(r"-{2,}")


def title_to_stem(title: str, max_bytes: int = MAX_STEM_BYTES) -> str:
    """A lowercase, dash-separated file stem for `title`; never empty, at most `max_bytes`."""
    text = unicodedata.normalize("NFC", title).lower()
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LN" or (category[0] == "M" and out and out[-1] != "-"):
            # Marks are kept only after a letter: Devanagari or Thai words need them, but a
            # name must not start with a stray combining accent.
            out.append(char)
        elif char not in _JOINERS:
            out.append("-")
    stem = _DASHES.sub("-", "".join(out)).strip("-")
    stem = _truncate_utf8(stem, max_bytes).strip("-")
    if not stem:
        return FALLBACK_STEM
    if _is_reserved(stem):
        stem = _truncate_utf8(stem, max_bytes - len("-post")) + "-post"
    return stem


def unique_name(
    stem: str,
    suffix: str,
    existing: Iterable[str],
    max_bytes: int = MAX_STEM_BYTES,
) -> str:
    """`stem + suffix`, or `stem-2 + suffix`, `stem-3 + suffix`, … — whichever is free.

    `existing` holds the names already in the folder. A name counts as taken when another
    Markdown file has the same stem ignoring case, whatever its suffix: `Hello.markdown` blocks
    `hello.md`, because case-insensitive file systems (macOS, Windows) and static site generators
    would see the two as the same post.
    """
    taken = {_stem_key(name) for name in existing if _is_markdown(name)}
    base = _truncate_utf8(stem, max_bytes).strip("-") or FALLBACK_STEM
    if _key(base) not in taken:
        return base + suffix
    number = 2
    while True:
        tail = f"-{number}"
        candidate = _truncate_utf8(base, max_bytes - len(tail)).rstrip("-") + tail
        if _key(candidate) not in taken:
            return candidate + suffix
        number += 1


def check_file_name(name: str) -> str:
    """`name` (NFC) if it is a valid file name on every system; else LibraryError saying why."""
    name = unicodedata.normalize("NFC", name)
    problem = _name_problem(name)
    if problem:
        raise LibraryError(f"“{name}” cannot be used as a file name: {problem}.")
    return name


def _name_problem(name: str) -> str | None:
    if not name.strip():
        return "it is empty"
    bad = sorted({c for c in name if c in _FORBIDDEN_IN_NAME or unicodedata.category(c) == "Cc"})
    if bad:
        shown = " ".join(repr(c)[1:-1] for c in bad)
        return f"it contains characters that are not allowed in file names ({shown})"
    if name.startswith("."):
        return "it starts with a dot, which would hide the file"
    if name.endswith((".", " ")):
        return "it ends with a dot or a space, which Windows drops"
    if _is_reserved(name):
        return "Windows reserves that name for a device"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"it is longer than {MAX_NAME_BYTES} bytes"
    return None


def _is_reserved(name: str) -> bool:
    # Windows reserves the device name whatever follows the first dot: "con.md" is "con".
    return name.split(".", 1)[0].rstrip(" ").lower() in _WINDOWS_RESERVED


def _is_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def _stem_key(name: str) -> str:
    return _key(name.rsplit(".", 1)[0])


def _key(stem: str) -> str:
    return unicodedata.normalize("NFC", stem).casefold()


def _truncate_utf8(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", errors="ignore")
