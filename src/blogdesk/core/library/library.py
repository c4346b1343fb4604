"""A library: a folder of Markdown posts, kept in step with a SQLite index in `.blogdesk/`.

The files are the truth and belong to the author: every write is atomic, a file is never replaced
when it changed on disk since it was loaded (unless the caller says so), deleting moves it to
`.blogdesk/trash/`, and files that cannot be read are listed as problems and left alone. The index
(`.blogdesk/index.sqlite3`) is only a cache of the files: delete it and it is rebuilt.

A library on a read-only disk (a mounted backup, a DVD, a folder of another user) still opens:
its index is then kept in BlogDesk's cache folder (`read_only` is True), lists, search and
rendering work, and every write fails with a LibraryError that says the disk cannot be written
and that the file is unchanged.

Thread use: one Library may be shared by the UI thread and worker threads. Reads (lists, search)
run on a connection of the calling thread and are not blocked by a worker's refresh; writes
(save, rename, delete, refresh) take one lock and run one at a time.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from blogdesk.core.errors import LibraryError
from blogdesk.core.fsutil import (
    atomic_write,
    move_file,
    same_name_on_disk,
    write_failure,
)
from blogdesk.core.index.entry import Problem
from blogdesk.core.index.index import Index, ListedPost, SearchHit
from blogdesk.core.library import index_refresh
from blogdesk.core.library.index_place import ELSEWHERE_DIR, INDEX_FILE, open_index
from blogdesk.core.library.scan import (
    MEDIA_DIR,
    SKIPPED_DIRS,
    STATE_DIR,
    ChangedOnDiskError,
    LoadedPosts,
    RefreshReport,
    digest,
    entry_for,
)
from blogdesk.core.library.trash import Trash, TrashItem
from blogdesk.core.post.naming import MARKDOWN_SUFFIXES, check_file_name, title_to_stem, unique_name
from blogdesk.core.post.post import Post, PostSummary
from blogdesk.core.post.rules import CREATED_KEY, RESERVED_KEY

__all__ = [
    "ELSEWHERE_DIR",
    "INDEX_FILE",
    "ChangedOnDiskError",
    "Library",
    "ListedPost",
    "PostSummary",
    "Problem",
    "RefreshReport",
    "SearchHit",
    "TrashItem",
]

log = logging.getLogger(__name__)


class Library:
    def __init__(self, root: Path, index: Index, *, read_only: bool = False) -> None:
        self.root = root
        # The folder cannot be written (read-only disk, no permission): the index lives in the
        # cache folder, and saving, renaming and deleting fail with a clear LibraryError.
        self.read_only = read_only
        self._index = index
        self._trash = Trash(root / STATE_DIR / "trash")
        self._loaded = LoadedPosts()
        self.last_refresh = RefreshReport()

    @classmethod
    def open(cls, root: Path, *, create: bool = True, refresh: bool = True) -> Library:
        """Open the library in `root`: make `.blogdesk/`, open (or rebuild) the index, refresh it.

        `refresh=False` opens at once with the index as it was; call `refresh()` (for example in
        a worker thread) to pick up changes made while BlogDesk was closed.
        """
        root = Path(root).expanduser().resolve()
        if not root.is_dir():
            if root.exists() or not create:
                raise LibraryError(f"There is no library folder at {root}.")
            try:
                root.mkdir(parents=True)
            except OSError as exc:
                raise LibraryError(
                    f"Cannot create the library folder {root}: {exc.strerror}"
                ) from exc
        index, read_only = open_index(root)
        library = cls(root, index, read_only=read_only)
        try:
            if refresh or index.created:
                library.refresh()
            index.use_wal()
        except BaseException:
            index.close()
            raise
        return library

    def close(self) -> None:
        self._index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- posts -------------------------------------------------------------------------------

    def create(self, title: str, body: str = "", *, new_draft: bool = False, **fields: Any) -> Post:
        """Write a new post with a unique file name made from its title; returns it, saved.

        `new_draft=True` is New Post: the post is dated now only provisionally (`date:` and
        `blogdesk.created` hold the same moment, see `rules.date_is_provisional`), so lists sort
        it among the newest while publishing still uses the moment of publishing.
        """
        if new_draft:
            now = datetime.now().astimezone().replace(microsecond=0)  # to the second: as blogs
            fields.setdefault("date", now)
            fields[RESERVED_KEY] = {CREATED_KEY: now}
        post = Post.new(title, body, **fields)
        with self._index.write_lock:
            post.path = self._free_path(self.root, title_to_stem(title), ".md")
            self.save(post)
        return post

    def load(self, path: Path | str) -> Post:
        """The post at `path` (absolute, or relative to the root); PostFormatError if unreadable."""
        full = self._resolve(path)
        try:
            hashed = digest(full.read_bytes())
        except FileNotFoundError:
            raise LibraryError(f"There is no post {self._rel(full)} in the library.") from None
        except OSError as exc:
            raise LibraryError(f"Cannot read {self._rel(full)}: {exc.strerror}") from exc
        post = Post.load(full)
        self._loaded.remember(post, full, hashed)
        return post

    def save(self, post: Post, *, force: bool = False) -> None:
        """Write `post` atomically and update the index in the same call.

        Refuses with ChangedOnDiskError when the file changed or vanished on disk since this
        library loaded (or last saved) the post, or when the file exists but the post did not come
        from it (a new Post over an existing file). `force=True` writes anyway. A post without a
        path gets a unique file name from its title.
        """
        with self._index.write_lock:
            if post.path is None:
                post.path = self._free_path(self.root, title_to_stem(post.title), ".md")
            full = self._resolve(post.path)
            if not force:
                self._loaded.check_unchanged(post, full, self._rel(full))
            data = post.dumps().encode("utf-8")
            try:
                atomic_write(full, data)
                stat = os.stat(full)
            except OSError as exc:
                raise LibraryError(
                    f"Could not save {self._rel(full)}: {write_failure(exc)}. "
                    "Nothing was written: the file on disk is as it was."
                ) from exc
            rel = self._rel(full)
            hashed = digest(data)
            entry = entry_for(rel, stat.st_mtime_ns, stat.st_size, hashed, data)
            self._index.write([entry], now_ns=time.time_ns())
            post.path = full
            post.modified = False
            self._loaded.remember(post, full, hashed)
            self._loaded.wrote(full, hashed)

    def wrote(self, path: Path | str, data: bytes) -> bool:
        """Whether `data` is exactly what this library last wrote to `path`: a change seen on
        disk is then BlogDesk's own (a publish recording the blog's state, say), not another
        program's. Any thread."""
        try:
            hashed = self._loaded.last_written(self._resolve(path))
        except LibraryError:
            return False  # not a post file of this library: BlogDesk never wrote it here
        return hashed is not None and hashed == digest(data)

    def rename(self, path: Path | str, new_name: str) -> Path:
        """Give the post file at `path` a new file name in the same folder; returns the new path.

        Without a Markdown suffix the old one is kept. The post's title is not changed; Posts
        loaded from the old path follow the file.
        """
        with self._index.write_lock:
            old = self._resolve(path)
            if not old.is_file():
                raise LibraryError(f"There is no post {self._rel(old)} in the library.")
            name = check_file_name(new_name.strip())
            if not name.lower().endswith(MARKDOWN_SUFFIXES):
                name += old.suffix
            new = old.with_name(name)
            if new == old:
                return old
            same_file = new.name.casefold() == old.name.casefold()
            if not same_file and any(
                other.casefold() == name.casefold() for other in os.listdir(old.parent)
            ):
                raise LibraryError(f"A file named {name} already exists in that folder.")
            try:
                os.rename(old, new)
            except OSError as exc:
                raise LibraryError(
                    f"Could not rename {self._rel(old)}: {write_failure(exc)}"
                ) from exc
            self._index.rename(self._rel(old), self._rel(new))
            self._loaded.moved(old, new)
            return new

    def delete(self, path: Path | str) -> TrashItem:
        """Move the post file to `.blogdesk/trash/`; `restore(item)` puts it back."""
        with self._index.write_lock:
            full = self._resolve(path)
            rel = self._rel(full)
            if not full.is_file():
                raise LibraryError(f"There is no post {rel} in the library.")
            summary = self._index.summary(rel)
            item = self._trash.put(full, rel, summary.title if summary else full.stem)
            self._index.write(removed=[rel])
            return item

    def restore(self, item: TrashItem | str) -> Path:
        """Put a deleted post back where it was (or beside it, `-2`, if that name is taken now)."""
        with self._index.write_lock:
            item = self._trash.get(item if isinstance(item, str) else item.id)
            wanted = self._resolve(item.original_path)
            stem, suffix = os.path.splitext(wanted.name)
            try:
                wanted.parent.mkdir(parents=True, exist_ok=True)
                target = self._free_path(wanted.parent, stem, suffix)
                move_file(item.file, target)  # a folder moved to another drive: copied
            except OSError as exc:
                raise LibraryError(
                    f"Could not restore {item.original_path}: {write_failure(exc)}. It stays in "
                    "the trash; clear the way (a file or folder of that name) and try again."
                ) from exc
            self._trash.discard(item)
            index_refresh.index_files(self.root, self._index, [self._rel(target)])
            return target

    def trash(self) -> list[TrashItem]:
        """Deleted posts, most recent first."""
        return self._trash.items()

    def empty_trash(self) -> int:
        """Delete everything in the trash for good; returns how many posts were deleted."""
        with self._index.write_lock:
            return self._trash.empty()

    def media_dir_for(self, post_path: Path | str) -> Path:
        """The folder a post's images go in: the library's `media/` (not created here)."""
        self._resolve(post_path)
        return self.root / MEDIA_DIR

    # -- lists and search --------------------------------------------------------------------

    def posts(
        self,
        *,
        status: str | Iterable[str] | None = None,
        tag: str | None = None,
        category: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        sort: str = "date",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
        with_body: bool = False,
    ) -> list[PostSummary]:
        """Posts matching every filter given. Tags and categories ignore case; `since` and
        `until` are inclusive (a bare day as `until` includes that day); posts without a date
        come last. sort: "date", "title", "modified" (file time) or "status". Summaries carry
        their `body` only with `with_body=True` (as indexed: NFC-normalised), so long lists stay
        cheap; `Library.load` gives the exact text."""
        return self._index.posts(
            status=status,
            tag=tag,
            category=category,
            since=since,
            until=until,
            sort=sort,
            descending=descending,
            limit=limit,
            offset=offset,
            with_body=with_body,
        )

    def listing(self, **filters: Any) -> list[ListedPost]:
        """`posts(**filters)` (the same filters, order and paging) with only the path, title,
        status, date and tags of each post: what a list of one line per post shows, read in
        about half the time (10,000 posts: 28-47 ms, their summaries 52-91 ms)."""
        return self._index.listing(**filters)

    def summary(self, path: Path | str, *, with_body: bool = False) -> PostSummary | None:
        return self._index.summary(self._rel(self._resolve(path)), with_body=with_body)

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Posts containing every word of `query`, best first (title > tags > body); the last
        word matches as a prefix while typing. Any text is a valid query."""
        return self._index.search(query, limit=limit)

    def tags(self) -> list[tuple[str, int]]:
        """(tag, number of posts), most used first."""
        return self._index.terms("t")

    def categories(self) -> list[tuple[str, int]]:
        return self._index.terms("c")

    def problems(self) -> list[Problem]:
        """Files in the library that cannot be read as posts, with the reason."""
        return self._index.problems()

    def count(self) -> int:
        """How many posts the index holds."""
        return self._index.count()

    # -- refresh -----------------------------------------------------------------------------

    def refresh(self) -> RefreshReport:
        """Pick up files added, changed or removed outside BlogDesk (compares mtime and size,
        and the content hash when those cannot be trusted). Unreadable files become problems."""
        return self._refresh(rebuild=False)

    def rebuild_index(self) -> RefreshReport:
        """Read every file again and replace the whole index in one transaction (readers in
        other threads see the old index until the new one is complete)."""
        return self._refresh(rebuild=True)

    def _refresh(self, *, rebuild: bool) -> RefreshReport:
        with self._index.write_lock:
            self.last_refresh = index_refresh.update_index(self.root, self._index, rebuild=rebuild)
            return self.last_refresh

    def index_files(self, paths: Iterable[Path | str]) -> None:
        """Index these post files now (written by an importer, say), without the full scan a
        `refresh()` makes: its cost and memory stay those of the files given. LibraryError when
        the index cannot be written at the moment (a later refresh catches up)."""
        rels = [self._rel(Path(os.path.abspath(self.root / p))) for p in paths]
        with self._index.write_lock:
            try:
                index_refresh.index_files(self.root, self._index, rels)
            except sqlite3.Error as exc:
                raise LibraryError(f"Could not update the library index: {exc}") from exc

    @contextlib.contextmanager
    def low_memory_index(self) -> Iterator[None]:
        """While the block runs, this thread's index connection keeps a small page cache: an
        import writes thousands of posts it never reads back (docs/importing.md)."""
        with self._index.small_cache():
            yield

    # -- helpers -----------------------------------------------------------------------------

    def _resolve(self, path: Path | str) -> Path:
        """An absolute path inside the library for a post file, or LibraryError."""
        candidate = Path(path)
        if not candidate.is_absolute():
            candidate = self.root / candidate
        full = Path(os.path.abspath(candidate))
        if not full.is_relative_to(self.root):
            full = candidate.resolve()  # reached through a symbolic link, perhaps
            if not full.is_relative_to(self.root):
                raise LibraryError(f"{path} is not inside the library {self.root}.")
        if not full.name.lower().endswith(MARKDOWN_SUFFIXES):
            raise LibraryError(f"{path} is not a post file (posts end in .md or .markdown).")
        full = same_name_on_disk(full)  # `café.md` typed (NFC) finds a Mac's `café.md` (NFD)
        if any(
            part.startswith(".") or part in SKIPPED_DIRS
            for part in full.relative_to(self.root).parts[:-1]
        ) or full.name.startswith("."):
            raise LibraryError(
                f"{path} is in a folder the library does not index "
                f"({STATE_DIR}, {MEDIA_DIR}/ or a hidden folder)."
            )
        return full

    def _rel(self, full: Path) -> str:
        return full.relative_to(self.root).as_posix()

    def _free_path(self, folder: Path, stem: str, suffix: str) -> Path:
        try:
            existing = os.listdir(folder)
        except FileNotFoundError:
            existing = []
        return folder / unique_name(stem, suffix, existing)
