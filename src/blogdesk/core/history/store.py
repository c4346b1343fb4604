"""The library's history in git, through dulwich (pure Python: no git program needed).

`LibraryHistory.open(root)` finds the git repository the library folder is in (a Jekyll or Hugo
site the author keeps in git, say) or makes one in the library folder. What it may touch:
- only post files (`*.md`, `*.markdown`) and files under `media/` are ever committed
  (`is_tracked`); the author's other files are never staged, even when they are in the index;
- `.blogdesk/` is kept out: in a repository BlogDesk created, by its own `.gitignore`; in one of
  the author's, by `.git/info/exclude` (a local file), so their `.gitignore` is never touched;
- history is only ever added to: a commit's parent is always the current HEAD, and the branch is
  moved with a compare-and-swap, so a commit the author makes meanwhile is never thrown away.

Commits are built straight from HEAD's tree plus the changed files (not from the index), so
anything the author staged for their own next commit stays staged and out of ours; the index
entries of the files we commit are updated so `git status` stays clean for them.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from dulwich.errors import NotGitRepository
from dulwich.index import IndexEntry, index_entry_from_stat
from dulwich.object_store import commit_tree_changes, tree_lookup_path
from dulwich.objects import Blob, Commit, ObjectID, Tree
from dulwich.refs import Ref
from dulwich.repo import Repo

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.history.trailers import format_message
from blogdesk.core.library.scan import MEDIA_DIR, STATE_DIR
from blogdesk.core.post.naming import MARKDOWN_SUFFIXES

__all__ = ["HistoryError", "LibraryHistory", "is_tracked"]

_SKIPPED = frozenset({STATE_DIR, "node_modules", "__pycache__"})
_FILE_MODE = 0o100644
GITIGNORE = ".gitignore"
_HEAD = Ref(b"HEAD")
_DEFAULT_IDENTITY = b"BlogDesk <blogdesk@localhost>"
# Set in .git/config of a repository BlogDesk made: only there may it write a .gitignore.
_CREATED_SECTION = (b"blogdesk",)
_CREATED_KEY = b"created"


class HistoryError(BlogDeskError):
    """The history could not be read or written (a damaged repository, a full disk...)."""


def is_tracked(rel: str) -> bool:
    """Whether BlogDesk may commit the library file at `rel` (POSIX, relative to the library):
    posts anywhere but in hidden and skipped folders, and anything in `media/`."""
    parts = rel.split("/")
    if any(part.startswith(".") for part in parts) or any(p in _SKIPPED for p in parts[:-1]):
        return False
    if parts[0] == MEDIA_DIR and len(parts) > 1:
        return True
    return parts[-1].lower().endswith(MARKDOWN_SUFFIXES)


class LibraryHistory:
    """One library's git history. Methods are safe from any thread (one lock per object)."""

    def __init__(self, repo: Repo, library_root: Path, *, created: bool) -> None:
        self.repo = repo
        self.library_root = library_root
        self.created = created  # True: BlogDesk made this repository
        top = Path(repo.path).resolve()
        inner = library_root.resolve().relative_to(top).as_posix()
        self.prefix = "" if inner == "." else inner + "/"  # the library inside the repository
        self._lock = threading.RLock()

    # ------------------------------------------------------------------------ opening
    @classmethod
    def open(cls, library_root: Path) -> LibraryHistory:
        """The history of the library in `library_root` (a repository it is in, else a new one)."""
        root = Path(library_root).resolve()
        try:
            repo = Repo.discover(str(root))
            created = _was_created(repo)
        except NotGitRepository:
            try:
                repo = Repo.init(str(root))
                config = repo.get_config()
                config.set(_CREATED_SECTION, _CREATED_KEY, True)
                config.write_to_path()
                (root / GITIGNORE).write_text(f"{STATE_DIR}/\n", encoding="utf-8")
            except OSError as exc:
                raise HistoryError(f"Cannot start the history in {root}: {exc}") from exc
            created = True
        history = cls(repo, root, created=created)
        if created and history.head() is None:
            history.commit("Start the library's history", paths=[GITIGNORE])
        if not created:
            history._exclude_state_dir()
        return history

    def close(self) -> None:
        self.repo.close()

    def _exclude_state_dir(self) -> None:
        """An author's own repository: keep `.blogdesk/` out through `.git/info/exclude`, which
        is local to this clone, instead of their `.gitignore`."""
        exclude = Path(self.repo.controldir()) / "info" / "exclude"
        line = f"/{self.prefix}{STATE_DIR}/"
        try:
            text = exclude.read_text(encoding="utf-8") if exclude.exists() else ""
            if line in text.splitlines():
                return
            exclude.parent.mkdir(parents=True, exist_ok=True)
            sep = "" if not text or text.endswith("\n") else "\n"
            with exclude.open("a", encoding="utf-8") as out:
                out.write(f"{sep}# BlogDesk's index, outbox and journal\n{line}\n")
        except OSError:
            pass  # only cosmetic for `git status`: BlogDesk never commits .blogdesk/ anyway

    # ------------------------------------------------------------------------ reading
    def head(self) -> ObjectID | None:
        try:
            return self.repo.refs[_HEAD]
        except KeyError:
            return None  # no commit yet

    def commit_object(self, commit_id: bytes | str) -> Commit:
        key = commit_id.encode("ascii") if isinstance(commit_id, str) else commit_id
        try:
            obj = self.repo[key]
        except KeyError:
            raise HistoryError(f"There is no version {key.decode()} in the history.") from None
        if not isinstance(obj, Commit):
            raise HistoryError(f"{key.decode()} is not a version of the library.")
        return obj

    def blob_id(self, tree_id: ObjectID, rel: str) -> ObjectID | None:
        """The blob of library file `rel` in a tree, or None when it is not there."""
        try:
            mode, sha = tree_lookup_path(self.repo.__getitem__, tree_id, self.repo_path(rel))
        except KeyError:
            return None
        return None if mode & 0o040000 else sha

    def read(self, rel: str, commit_id: bytes | str | None = None) -> bytes | None:
        """The file's bytes in a version (HEAD by default); None when it was not there."""
        with self._lock:
            commit = self.commit_object(commit_id) if commit_id else None
            if commit is None:
                head = self.head()
                if head is None:
                    return None
                commit = self.commit_object(head)
            sha = self.blob_id(commit.tree, rel)
            if sha is None:
                return None
            blob = self.repo[sha]
            assert isinstance(blob, Blob)
            return blob.data

    def repo_path(self, rel: str) -> bytes:
        # A name that is not UTF-8 (os.listdir's surrogate escapes) goes into git as its bytes.
        return (self.prefix + rel).encode("utf-8", "surrogateescape")

    def library_rel(self, repo_path: bytes) -> str | None:
        """A repository path as a library path; None outside the library."""
        text = repo_path.decode("utf-8", "surrogateescape")
        if not text.startswith(self.prefix):
            return None
        return text[len(self.prefix) :]

    def walk(self) -> Iterator[Commit]:
        """Every commit reachable from HEAD, newest first."""
        head = self.head()
        if head is None:
            return
        for entry in self.repo.get_walker(include=[head]):
            yield entry.commit

    def tracked_files(self) -> list[str]:
        """The library files that belong in the history, as they are on disk now."""
        found: list[str] = []
        stack = [(str(self.library_root), "")]
        while stack:
            folder, prefix = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError:
                continue
            for entry in entries:
                rel = prefix + entry.name
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                if entry.is_dir():
                    if entry.name not in _SKIPPED:
                        stack.append((entry.path, rel + "/"))
                elif is_tracked(rel):
                    found.append(rel)
        return sorted(found)

    def files_at(self, tree_id: ObjectID) -> dict[str, ObjectID]:
        """{library path: blob id} of the tracked files in a tree."""
        out: dict[str, ObjectID] = {}
        base: Tree | None = self._subtree(tree_id, self.prefix.rstrip("/"))
        if base is None:
            return out
        for item in self.repo.object_store.iter_tree_contents(base.id):
            rel = item.path.decode("utf-8", "surrogateescape") if item.path else ""
            if item.sha is not None and is_tracked(rel):
                out[rel] = item.sha
        return out

    def _subtree(self, tree_id: ObjectID, inner: str) -> Tree | None:
        if not inner:
            tree = self.repo[tree_id]
        else:
            try:
                _, sha = tree_lookup_path(self.repo.__getitem__, tree_id, inner.encode())
            except KeyError:
                return None
            tree = self.repo[sha]
        return tree if isinstance(tree, Tree) else None

    # ------------------------------------------------------------------------ writing
    def commit(
        self,
        message: str,
        *,
        paths: Iterable[str] | None = None,
        contents: Mapping[str, bytes | None] | None = None,
        trailers: Iterable[tuple[str, str]] = (),
        allow_empty: bool = False,
        parents: Iterable[ObjectID] = (),
    ) -> str | None:
        """Commit the tracked files named in `paths` (every tracked file when None) as they are
        on disk, or as `contents` gives them (None: deleted). Returns the commit id, or None when
        nothing changed and `allow_empty` is False. `parents` adds parents after HEAD (a merge).
        Files BlogDesk must not commit are left out silently."""
        with self._lock:
            for _ in range(5):
                head = self.head()
                made = self._commit_once(
                    head, message, paths, contents or {}, list(trailers), allow_empty, parents
                )
                if made is None:
                    return None
                commit, changed = made
                if self._move_head(head, commit.id):
                    self._update_index(changed, contents or {})
                    return commit.id.decode("ascii")
                # Someone (the author's git, another BlogDesk) committed meanwhile: start over
                # from their commit so nothing of theirs is lost.
            raise HistoryError("The history kept changing while BlogDesk tried to add to it.")

    def _commit_once(
        self,
        head: ObjectID | None,
        message: str,
        paths: Iterable[str] | None,
        contents: Mapping[str, bytes | None],
        trailers: list[tuple[str, str]],
        allow_empty: bool,
        parents: Iterable[ObjectID],
    ) -> tuple[Commit, list[str]] | None:
        store = self.repo.object_store
        base_tree = self.commit_object(head).tree if head else None
        # One walk of the tree instead of a lookup per file, and git's own stat cache (the
        # index): a file whose size and mtime match its entry is not read again.
        known = self.files_at(base_tree) if base_tree else {}
        if paths is None:
            wanted = sorted(set(known) | set(self.tracked_files()) | set(contents))
        else:
            wanted = sorted(set(paths) | set(contents))
        unchanged = self._stat_clean(known) if paths is None else set()
        changes: list[tuple[bytes, int | None, ObjectID | None]] = []
        changed: list[str] = []
        new_blobs: list[Blob] = []
        for rel in wanted:
            if not (is_tracked(rel) or (rel == GITIGNORE and self.created and not self.prefix)):
                continue
            if rel in unchanged and rel not in contents:
                continue
            data = contents[rel] if rel in contents else self.read_disk(rel)
            old = (
                known.get(rel)
                if rel != GITIGNORE
                else self.blob_id(base_tree, rel)
                if base_tree
                else None
            )
            if data is None:
                if old is not None:
                    changes.append((self.repo_path(rel), None, None))
                    changed.append(rel)
                continue
            blob = Blob.from_string(data)
            if blob.id != old:
                new_blobs.append(blob)
                changes.append((self.repo_path(rel), _FILE_MODE, blob.id))
                changed.append(rel)
        extra_parents = list(parents)
        if not changes and not allow_empty and not extra_parents:
            return None
        if len(new_blobs) > 50:
            store.add_objects([(blob, None) for blob in new_blobs])  # one pack, not many files
        else:
            for blob in new_blobs:
                store.add_object(blob)
        if base_tree is None:
            empty = Tree()
            store.add_object(empty)
            base_tree = empty.id
        tree = commit_tree_changes(store, base_tree, changes) if changes else base_tree
        commit = Commit()
        commit.tree = tree
        commit.parents = ([head] if head else []) + extra_parents
        identity = self._identity()
        commit.author = commit.committer = identity
        commit.author_time = commit.commit_time = int(time.time())
        offset = -time.timezone if not time.localtime().tm_isdst else -time.altzone
        commit.author_timezone = commit.commit_timezone = offset
        commit.encoding = b"UTF-8"
        commit.message = format_message(message, trailers).encode("utf-8")
        store.add_object(commit)
        return commit, changed

    def _stat_clean(self, known: Mapping[str, ObjectID]) -> set[str]:
        """Files whose index entry (size, mtime, blob) says they are as committed."""
        clean: set[str] = set()
        try:
            index = self.repo.open_index()
        except (OSError, ValueError):
            return clean
        for rel, sha in known.items():
            key = self.repo_path(rel)
            if key not in index:
                continue
            entry = index[key]
            if not isinstance(entry, IndexEntry) or entry.sha != sha:
                continue
            try:
                info = os.stat(self.library_root / rel)
            except OSError:
                continue
            mtime = entry.mtime
            seconds = mtime[0] if isinstance(mtime, tuple) else int(mtime)
            nanos = mtime[1] if isinstance(mtime, tuple) else 0
            same_time = seconds == int(info.st_mtime) and nanos == info.st_mtime_ns % 10**9
            # A file written in the same second as its entry could change unseen ("racy git").
            racy = int(info.st_mtime) >= int(time.time()) - 1
            if entry.size == info.st_size and same_time and not racy:
                clean.add(rel)
        return clean

    def read_disk(self, rel: str) -> bytes | None:
        try:
            return (self.library_root / rel).read_bytes()
        except (
            FileNotFoundError,
            NotADirectoryError,
        ):  # not there (or a file in its folder's place)
            return None
        except OSError as exc:
            raise HistoryError(f"Cannot read {rel} for the history: {exc.strerror}") from exc

    def _move_head(self, old: ObjectID | None, new: ObjectID) -> bool:
        refs = self.repo.refs
        if old is None:
            names, _ = refs.follow(_HEAD)
            return bool(refs.add_if_new(names[-1], new, message=b"BlogDesk"))
        return bool(refs.set_if_equals(_HEAD, old, new, message=b"BlogDesk"))

    def _update_index(self, changed: list[str], contents: Mapping[str, bytes | None]) -> None:
        """Keep the index in step for the files just committed, so the author's `git status`
        does not show them as changed (their other staged entries stay)."""
        self.refresh_index(
            rel for rel in changed if rel not in contents or contents[rel] == self.read_disk(rel)
        )

    def refresh_index(self, paths: Iterable[str]) -> None:
        """Point the index entries of these files at their bytes on disk (after a commit or a
        sync wrote them). Only files whose disk bytes are what HEAD holds, so an edit not yet
        committed still shows as one."""
        try:
            head = self.head()
            tree = self.commit_object(head).tree if head else None
            index = self.repo.open_index()
            for rel in paths:
                key = self.repo_path(rel)
                full = self.library_root / rel
                data = self.read_disk(rel)
                committed = self.blob_id(tree, rel) if tree else None
                if data is None:
                    if key in index and committed is None:
                        del index[key]
                    continue
                blob_id = Blob.from_string(data).id
                if blob_id == committed:
                    index[key] = index_entry_from_stat(os.stat(full), blob_id, _FILE_MODE)
            index.write()
        except (OSError, ValueError, KeyError, HistoryError):
            pass  # the index is git's cache: a stale one only shows in `git status`

    def _identity(self) -> bytes:
        config = self.repo.get_config_stack()
        try:
            name = config.get((b"user",), b"name")
            email = config.get((b"user",), b"email")
        except KeyError:
            return _DEFAULT_IDENTITY
        return name + b" <" + email + b">"


def _was_created(repo: Repo) -> bool:
    try:
        return bool(repo.get_config().get_boolean(_CREATED_SECTION, _CREATED_KEY, False))
    except KeyError:
        return False
