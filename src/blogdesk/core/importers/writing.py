"""Writing imported posts into the library folder: fast front matter, unique names, atomic files.

Importers write files directly, in atomic batches, and index each batch as it lands
(`Library.index_files`): measured on 10,000 posts that is several times faster than
`Library.save()` per post, which updates the index one post at a time, and its memory does not
grow with the library as a full `refresh()` after each batch would (benchmarks/bench_import.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from blogdesk.core.fsutil import fsync_dir
from blogdesk.core.post.naming import unique_name

__all__ = [
    "SKIPPED_DIRS",
    "BatchWriter",
    "FolderNames",
    "front_matter",
    "post_text",
    "split_front_matter",
]

# The state folder and the media folder hold no posts (the same rule as the library's scan).
SKIPPED_DIRS = frozenset({"media", "node_modules", "__pycache__"})
_NUMBERED = re.compile(r"-\d+$")
_YAML_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)

# The C emitter and parser are ~50 times faster; PyYAML wheels ship them.
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def post_text(fields: dict[str, Any], body: str) -> str:
    """A post file: YAML front matter with `fields` in order, a blank line, then `body`.

    The same layout `Post.new` writes, produced with PyYAML's C emitter because an import writes
    thousands of them.
    """
    # Lists inline (`tags: [a, b]`), everything else in block style, as Post.new writes them.
    # One dump per run of keys of the same kind: the emitter's set-up is most of its cost.
    runs: list[tuple[bool, dict[str, Any]]] = []
    for key, value in fields.items():
        if value is None:
            continue
        is_list = isinstance(value, list)
        if not runs or runs[-1][0] != is_list:
            runs.append((is_list, {}))
        runs[-1][1][key] = value
    block = "".join(_dump(values, None if is_list else False) for is_list, values in runs)
    text = f"---\n{block}---\n"
    if body:
        text += "\n" + body if body.endswith("\n") else "\n" + body + "\n"
    return text


def _dump(values: dict[str, Any], flow: bool | None) -> str:
    text: str = yaml.dump(
        values,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=flow,
        width=100,
    )
    return text


def _key(stem: str) -> str:
    """The same file-name key as `naming.unique_name`: NFC, ignoring case."""
    return unicodedata.normalize("NFC", stem).casefold()


class FolderNames:
    """Free post file names in one folder, handed out without listing the folder each time.

    `naming.unique_name` looks at every name it is given; over 10,000 posts that is quadratic, so
    it gets only the names that could clash (same stem, or stem plus `-N`), then the answer is
    checked against every name before it is used.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            names = []
        self._names: set[str] = set()
        self._keys: set[str] = set()
        self._groups: dict[str, list[str]] = {}
        for name in names:
            self._add(name)

    def _add(self, name: str) -> None:
        self._names.add(name)
        stem = name.rsplit(".", 1)[0]
        key = _key(stem)
        self._keys.add(key)
        self._groups.setdefault(key, []).append(name)
        base = _NUMBERED.sub("", key)
        if base != key:
            self._groups.setdefault(base, []).append(name)

    def reserve(self, stem: str, suffix: str = ".md") -> Path:
        name = unique_name(stem, suffix, self._groups.get(_key(stem.strip("-")), ()))
        if name in self._names or _key(name.rsplit(".", 1)[0]) in self._keys:
            name = unique_name(stem, suffix, self._names)  # the careful way, rarely needed
        self._add(name)
        return self.folder / name


class BatchWriter:
    """Writes files atomically and durably, many at a time.

    `atomic_write` syncs each file and its folder: two disk flushes per post, most of an import's
    time. Here a batch of files is written to hidden temporary names, flushed to disk with one
    `os.sync()`, then renamed into place and the folders synced once. A crash leaves complete
    posts or hidden temporary files (removed by the next import), never a half-written post.
    """

    TEMP_SUFFIX = ".importing.tmp"

    def __init__(
        self, batch: int = 500, on_flush: Callable[[list[Path]], object] | None = None
    ) -> None:
        self._batch = batch
        self._on_flush = on_flush
        self._pending: list[tuple[Path, Path]] = []  # (temporary file, final path)

    def write(self, path: Path, text: str) -> None:
        temp = path.with_name(f".{path.name}{self.TEMP_SUFFIX}")
        with open(temp, "wb") as handle:
            handle.write(text.encode("utf-8"))
            if not hasattr(os, "sync"):  # Windows: no global sync, flush each file instead
                handle.flush()
                os.fsync(handle.fileno())
        self._pending.append((temp, path))
        if len(self._pending) >= self._batch:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        if hasattr(os, "sync"):
            os.sync()
        folders: set[Path] = set()
        written: list[Path] = []
        for temp, path in self._pending:
            os.replace(temp, path)
            folders.add(path.parent)
            written.append(path)
        self._pending.clear()
        for folder in folders:
            fsync_dir(folder)
        if self._on_flush is not None:
            self._on_flush(written)  # the files now in place (the importer indexes them)

    def discard(self) -> None:
        for temp, _ in self._pending:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        self._pending.clear()

    @classmethod
    def remove_leftovers(cls, folder: Path) -> None:
        """Delete temporary files a crashed import left in `folder`."""
        for leftover in folder.glob(f".*{cls.TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def split_front_matter(data: bytes) -> tuple[dict[str, Any], str] | None:
    """A post file's YAML front matter and what follows it (from the closing `---` on), or None
    (no YAML front matter, bad YAML, not UTF-8)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    match = _YAML_FRONT.match(text)
    if match is None:
        return None
    try:
        value = yaml.load(match[1], Loader=_Loader)
    except yaml.YAMLError:
        return None
    return (value, text[match.end() :]) if isinstance(value, dict) else None


def front_matter(data: bytes) -> dict[str, Any] | None:
    """The YAML front matter of a post file's bytes, or None (no YAML front matter, bad YAML)."""
    split = split_front_matter(data)
    return split[0] if split is not None else None
