"""Finding what changed in a library folder since the index last saw it.

A refresh must be cheap when nothing changed (a window opening on 10,000 posts): one `os.scandir`
walk compares each file's mtime and size with the stamps the index stored, and only files that
differ — or that were indexed so soon after being written that a later edit could hide in the
same timestamp tick — are read and hashed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.frontmatter import decode_post_bytes
from blogdesk.core.index import Entry, Problem, Stamp
from blogdesk.core.naming import MARKDOWN_SUFFIXES
from blogdesk.core.post import summarize

STATE_DIR = ".blogdesk"
MEDIA_DIR = "media"
# Folders that hold no posts: ours, images, tool caches. Hidden folders (.git, …) are skipped too.
SKIPPED_DIRS = frozenset({STATE_DIR, MEDIA_DIR, "node_modules", "__pycache__"})
# A file whose mtime is this close to when it was indexed may have changed again within the same
# timestamp tick (2 s on FAT/exFAT): its content hash decides (git's "racy clean" problem).
RACY_NS = 2_000_000_000


@dataclass
class Changes:
    """What a refresh writes to the index. Paths are relative, POSIX separators."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # new or changed posts and problems
    touched: list[Entry] = field(default_factory=list)  # new mtime, same content


def find_changes(root: Path, known: dict[str, Stamp]) -> Changes:
    changes = Changes()
    seen: set[str] = set()
    for rel, path, mtime_ns, size in scan_files(root):
        seen.add(rel)
        old = known.get(rel)
        if (
            old is not None
            and (old.mtime_ns, old.size) == (mtime_ns, size)
            and old.mtime_ns < old.indexed_ns - RACY_NS
        ):
            continue
        read_into(changes, rel, path, old)
    changes.removed = sorted(known.keys() - seen)
    changes.added.sort()
    changes.updated.sort()
    return changes


def read_into(changes: Changes, rel: str, path: str, old: Stamp | None) -> None:
    """Read one file and record it as added, updated, or only touched (same content)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
            stat = os.fstat(handle.fileno())  # the stamp of exactly what was read
    except OSError as exc:
        problem = Problem(rel, f"cannot read the file: {exc.strerror}")
        entry = Entry(rel, 0, -1, "", problem=problem)  # size -1: read again next time
    else:
        hashed = digest(data)
        if old is not None and old.hash == hashed:
            changes.touched.append(Entry(rel, stat.st_mtime_ns, stat.st_size, hashed))
            return
        entry = entry_for(rel, stat.st_mtime_ns, stat.st_size, hashed, data)
    changes.entries.append(entry)
    (changes.added if old is None else changes.updated).append(rel)


def entry_for(rel: str, mtime_ns: int, size: int, hashed: str, data: bytes) -> Entry:
    """The index entry for one file's bytes: its summary, or the problem that stops reading it."""
    try:
        summary = summarize(decode_post_bytes(data, rel), rel)
    except BlogDeskError as exc:
        line = getattr(exc, "line", None)
        message = getattr(exc, "reason", None) or str(exc)
        return Entry(rel, mtime_ns, size, hashed, problem=Problem(rel, message, line))
    except (ValueError, TypeError, RecursionError) as exc:
        # A parser bug on one odd file must not stop the refresh of the others.
        return Entry(rel, mtime_ns, size, hashed, problem=Problem(rel, f"cannot be read: {exc}"))
    return Entry(rel, mtime_ns, size, hashed, summary=summary)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def scan_files(root: Path) -> Iterator[tuple[str, str, int, int]]:
    """(relative path, path, mtime_ns, size) of every post file under `root`."""
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue  # an unreadable folder holds nothing we could index
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue  # hidden files and folders, and our own temp files
            try:
                if entry.is_dir(follow_symlinks=False):
                    if name not in SKIPPED_DIRS:
                        stack.append((entry.path, f"{prefix}{name}/"))
                elif name.lower().endswith(MARKDOWN_SUFFIXES) and entry.is_file():
                    stat = entry.stat()
                    yield f"{prefix}{name}", entry.path, stat.st_mtime_ns, stat.st_size
            except OSError:
                continue  # vanished while scanning: the next refresh sees it gone
