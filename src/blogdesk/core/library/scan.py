"""Finding what changed in a library folder: since the index last saw it, and since a post
was loaded.

A refresh must be cheap when nothing changed (a window opening on 10,000 posts): one `os.scandir`
walk compares each file's mtime and size with the stamps the index stored, and only files that
differ — or that were indexed so soon after being written that a later edit could hide in the
same timestamp tick — are read and hashed. A save compares the file's content hash with the one
recorded when the post was loaded (`LoadedPosts`), so an edit made in another program is never
silently overwritten.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from blogdesk.core.errors import BlogDeskError, LibraryError
from blogdesk.core.index.entry import Entry, Problem
from blogdesk.core.index.stamps import KnownFiles, Stamp
from blogdesk.core.post.frontmatter import MAX_POST_BYTES, decode_post_bytes
from blogdesk.core.post.naming import MARKDOWN_SUFFIXES
from blogdesk.core.post.post import Post, summarize

__all__ = [
    "ChangedOnDiskError",
    "Changes",
    "LoadedPosts",
    "RefreshReport",
    "find_changes",
    "read_all",
    "scan_files",
]

STATE_DIR = ".blogdesk"
MEDIA_DIR = "media"
# Folders that hold no posts: ours, images, tool caches. Hidden folders (.git, …) are skipped too.
SKIPPED_DIRS = frozenset({STATE_DIR, MEDIA_DIR, "node_modules", "__pycache__"})
# A file whose mtime is this close to when it was indexed may have changed again within the same
# timestamp tick (2 s on FAT/exFAT): its content hash decides (git's "racy clean" problem).
RACY_NS = 2_000_000_000
# A file name that is not UTF-8 (made by an old system in Latin-1 or Shift-JIS, unpacked from a
# zip) cannot go into the index as it is: it is listed as a problem under a readable form of its
# name (`caf\xe9.md`) until the author renames it.
NAME_NOT_UTF8 = (
    "the file name is not valid UTF-8 (it was probably made on another system); "
    "rename the file to read it as a post"
)


@dataclass
class Changes:
    """What a refresh writes to the index. Paths are relative, POSIX separators."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # new or changed posts and problems
    touched: list[Entry] = field(default_factory=list)  # new mtime, same content


@dataclass(frozen=True)
class RefreshReport:
    """What a refresh found. Paths are relative to the library root, POSIX separators.

    `problems` lists every file that cannot be read right now (not only newly found ones), so a
    window opened on a library can show them at once.
    """

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    # Another program (a CLI import, another BlogDesk) changed posts and indexed them itself:
    # this refresh found the index already up to date, yet lists shown before are not.
    elsewhere: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.elsewhere)


def find_changes(root: Path, known: KnownFiles) -> Changes:
    """Every file under `root` compared with what the index knows of it (`known`, read with
    `Index.known_files(RACY_NS)`): the same mtime and size as a settled stamp mean unchanged;
    any other file is read, and hashed to tell an edit from a mere new mtime."""
    changes = Changes()
    seen: set[str] = set()
    new: set[str] = set()
    settled = known.settled
    for rel, path, mtime_ns, size in scan_files(root):
        seen.add(rel)
        if (rel, mtime_ns, size) in settled:
            continue
        old = known.stamp(rel)
        if old is None:
            new.add(rel)
        read_into(changes, rel, path, old)
    # Every indexed file was seen, unless fewer of those seen were known than the index holds.
    if len(seen) - len(new) != known.count:
        changes.removed = sorted(known.paths() - seen)
    changes.added.sort()
    changes.updated.sort()
    return changes


def read_all(root: Path, batch: int = 250) -> Iterator[Changes]:
    """Every post file under `root`, read as new (a full build), `batch` entries at a time."""
    changes = Changes()
    for rel, path, _mtime_ns, _size in scan_files(root):
        read_into(changes, rel, path, None)
        if len(changes.entries) >= batch:
            yield changes
            changes = Changes()
    yield changes


def read_into(changes: Changes, rel: str, path: str, old: Stamp | None) -> None:
    """Read one file and record it as added, updated, or only touched (same content)."""
    if not _is_utf8(path):
        _bad_name(changes, rel, path, old)
        return
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())  # the stamp of exactly what is read
            # Read no more than a post may hold (a stray 2 GB .md must not fill the memory).
            data = handle.read(MAX_POST_BYTES + 1)
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
    if len(data) > MAX_POST_BYTES:
        message = f"the file is {size:,} bytes, more than a post may hold (20 MB)"
        return Entry(rel, mtime_ns, size, hashed, problem=Problem(rel, message))
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


def _is_utf8(name: str) -> bool:
    """False for a name os.listdir could only decode with surrogate escapes."""
    if name.isascii():
        return True  # most names, at a fraction of the cost of encoding
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """`name` as text that can be printed and stored: undecodable bytes as `\xe9`."""
    if _is_utf8(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _bad_name(changes: Changes, rel: str, path: str, old: Stamp | None) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        return  # vanished meanwhile
    if old is not None and (old.mtime_ns, old.size) == (stat.st_mtime_ns, stat.st_size):
        return  # listed already
    problem = Problem(rel, NAME_NOT_UTF8)
    changes.entries.append(Entry(rel, stat.st_mtime_ns, stat.st_size, "", problem=problem))
    (changes.added if old is None else changes.updated).append(rel)


def digest(data: bytes) -> str:
    import hashlib  # here: ~5 ms to load (OpenSSL), and `blogdesk list` mostly reads no file

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def scan_files(root: Path) -> Iterator[tuple[str, str, int, int]]:
    """(relative path, path, mtime_ns, size) of every post file under `root`."""
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            listing = os.scandir(folder)
        except OSError:
            continue  # an unreadable folder holds nothing we could index
        # Entries one at a time, not listed first: each caches its stat (~0.6 KB), which for
        # 100,000 posts in one folder was 90 MB held until the whole folder was compared.
        with listing:
            yield from _scan_folder(listing, prefix, stack)


def _scan_folder(
    listing: Iterator[os.DirEntry[str]], prefix: str, stack: list[tuple[str, str]]
) -> Iterator[tuple[str, str, int, int]]:
    while True:
        try:
            entry = next(listing)
        except StopIteration:
            return
        except OSError:
            return  # the folder went away while being read
        name = entry.name
        if name.startswith("."):
            continue  # hidden files and folders, and our own temp files
        try:
            if entry.is_dir(follow_symlinks=False):
                if name not in SKIPPED_DIRS:
                    stack.append((entry.path, f"{prefix}{name}/"))
            elif name.lower().endswith(MARKDOWN_SUFFIXES) and entry.is_file():
                stat = entry.stat()
                rel = prefix + name
                if not rel.isascii():  # (most names: no call to shown_name for them)
                    rel = shown_name(rel)
                yield rel, entry.path, stat.st_mtime_ns, stat.st_size
        except OSError:
            continue  # vanished while scanning: the next refresh sees it gone


class ChangedOnDiskError(LibraryError):
    """`save()` refused: the file changed (or vanished) on disk since the post was loaded.

    The UI shows the author both versions; `save(post, force=True)` then overwrites.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


@dataclass
class _Loaded:
    post: weakref.ref[Post]
    path: Path
    digest: str | None  # None: the file did not exist


class LoadedPosts:
    """What each Post handed out by a library was loaded from (path and content hash), so that
    saving it can tell whether someone else changed the file meanwhile."""

    def __init__(self) -> None:
        self._posts: dict[int, _Loaded] = {}
        # The hash of what this library last wrote to each path, so that a watcher seeing the
        # file change can tell BlogDesk's own write (a publish recording its state) from another
        # program's. Tiny: one entry per file saved since the library was opened.
        self._written: dict[Path, str] = {}
        # Re-entrant: a weakref callback (a Post collected) may run while this thread holds it.
        self._lock = threading.RLock()

    def remember(self, post: Post, path: Path, hashed: str | None) -> None:
        key = id(post)

        def forget(_: object, key: int = key) -> None:
            with self._lock:
                self._posts.pop(key, None)

        with self._lock:
            self._posts[key] = _Loaded(weakref.ref(post, forget), path, hashed)

    def wrote(self, path: Path, hashed: str) -> None:
        with self._lock:
            self._written[path] = hashed

    def last_written(self, path: Path) -> str | None:
        with self._lock:
            return self._written.get(path)

    def moved(self, old: Path, new: Path) -> None:
        """A file was renamed: the posts loaded from it follow it."""
        with self._lock:
            hashed = self._written.pop(old, None)
            if hashed is not None:
                self._written[new] = hashed
            for loaded in self._posts.values():
                post = loaded.post()
                if post is not None and loaded.path == old:
                    loaded.path = new
                    if post.path is not None and Path(post.path) == old:
                        post.path = new

    def check_unchanged(self, post: Post, full: Path, rel: str) -> None:
        """ChangedOnDiskError unless `full` still holds what `post` was loaded from."""
        with self._lock:
            loaded = self._posts.get(id(post))
        known = loaded if loaded is not None and loaded.post() is post else None
        try:
            current: str | None = digest(full.read_bytes())
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise LibraryError(f"Cannot read {rel}: {exc.strerror}") from exc
        if known is None or known.path != full:
            if current is not None:
                raise ChangedOnDiskError(
                    f"{rel} already exists and this post was not loaded from it; "
                    "save it under another name or overwrite it.",
                    full,
                )
        elif current != known.digest:
            what = "was deleted" if current is None else "was changed by another program"
            raise ChangedOnDiskError(
                f"{rel} {what} since it was opened; keep your version (overwrite) or reload it.",
                full,
            )
