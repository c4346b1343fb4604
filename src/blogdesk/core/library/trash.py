"""The library's own trash: `.blogdesk/trash/<item id>/` holds a deleted post and its manifest.

Each deleted file gets a folder of its own with a `manifest.json` beside it, so one damaged manifest
affects one item only, and what was deleted can be restored after BlogDesk restarts. Files are moved
with a rename inside the library (same file system), never copied, so deleting cannot lose words.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from blogdesk.core.errors import LibraryError
from blogdesk.core.fsutil import atomic_write, fsync_dir, move_file, write_failure

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class TrashItem:
    """A post in the trash. `original_path` is relative to the library root, POSIX separators."""

    id: str
    original_path: str
    title: str
    deleted_at: datetime  # timezone-aware, UTC
    file: Path  # where the deleted file is now


class Trash:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, source: Path, original_path: str, title: str) -> TrashItem:
        """Move `source` into the trash and record where it came from."""
        import secrets  # here: ~4 ms to import (hmac, hashlib), and opening a library needs none

        deleted_at = datetime.now(UTC)
        item_id = f"{deleted_at:%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(3)}"
        item_dir = self.folder / item_id
        manifest = {
            "original_path": original_path,
            "title": title,
            "deleted_at": deleted_at.isoformat(),
            "file": source.name,
        }
        target = item_dir / source.name
        try:
            item_dir.mkdir(parents=True)
            # The manifest goes first: an item folder without its file is skipped when listing,
            # while a moved file without its manifest could not be restored.
            atomic_write(item_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False).encode())
            move_file(source, target)  # a folder on another drive: copied, then removed
        except OSError as exc:
            shutil.rmtree(item_dir, ignore_errors=True)
            raise LibraryError(
                f"Could not move {original_path} to the trash: {write_failure(exc)}. "
                "The post was not deleted."
            ) from exc
        fsync_dir(source.parent)
        return TrashItem(item_id, original_path, title, deleted_at, target)

    def items(self) -> list[TrashItem]:
        """Everything in the trash, most recently deleted first. Damaged entries are skipped."""
        found: list[TrashItem] = []
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                item = self._read(Path(entry.path))
                if item is not None:
                    found.append(item)
        found.sort(key=lambda item: (item.deleted_at, item.id), reverse=True)
        return found

    def get(self, item_id: str) -> TrashItem:
        item = self._read(self.folder / item_id) if _plain_id(item_id) else None
        if item is None:
            raise LibraryError(f"Item {item_id} is no longer in the trash.")
        return item

    def discard(self, item: TrashItem) -> None:
        """Forget an item whose file has been taken back out (restore)."""
        shutil.rmtree(self.folder / item.id, ignore_errors=True)

    def empty(self) -> int:
        """Delete every item for good; the number of items deleted."""
        count = 0
        for item_dir in list(self.folder.iterdir()) if self.folder.is_dir() else []:
            if item_dir.is_dir():
                shutil.rmtree(item_dir)
                count += 1
        return count

    def _read(self, item_dir: Path) -> TrashItem | None:
        try:
            data = json.loads((item_dir / MANIFEST).read_text(encoding="utf-8"))
            file = item_dir / str(data["file"])
            if not file.is_file():
                return None
            return TrashItem(
                id=item_dir.name,
                original_path=str(data["original_path"]),
                title=str(data.get("title", "")),
                deleted_at=datetime.fromisoformat(str(data["deleted_at"])),
                file=file,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _plain_id(item_id: str) -> bool:
    return (
        bool(item_id) and "/" not in item_id and "\\" not in item_id and item_id not in (".", "..")
    )
