"""Images a post refers to: finding them on disk, and remembering which ones a blog already has.

The ledger is keyed by the SHA-256 of the file's bytes, per account, so an image is uploaded once
per blog however many posts use it and whatever it is called; changing the file changes its hash
and uploads the new version. It lives in the library's `.blogdesk/media.sqlite3` (a cache of
what was uploaded: deleting it only costs re-uploads).
"""

from __future__ import annotations

import hashlib
import mimetypes
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath
from urllib.parse import unquote, urlsplit

from blogdesk.core.errors import BlogDeskError

LEDGER_FILE = "media.sqlite3"
STATE_DIR = ".blogdesk"
MEDIA_DIR = "media"

# Types WordPress accepts by default for images; anything else referenced as an image is refused
# locally with a clear message rather than after a round trip.
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpe": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".heic": "image/heic",
    ".ico": "image/x-icon",
    ".svg": "image/svg+xml",
    ".bmp": "image/bmp",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}


class MediaError(BlogDeskError):
    """An image the post refers to cannot be found or read."""


@dataclass(frozen=True)
class LocalImage:
    reference: str  # as written in the post (and found in the HTML)
    path: Path
    mime: str


@dataclass(frozen=True)
class LedgerEntry:
    account_id: str
    content_hash: str
    remote_id: str
    url: str
    filename: str
    uploaded_at: str


def is_local_reference(ref: str) -> bool:
    """True for a path on disk ("pic.png", "media/a b.jpg", "/media/x.png"); False for URLs."""
    ref = ref.strip()
    if not ref or ref.startswith(("#", "//")):
        return False
    parts = urlsplit(ref)
    if parts.scheme and len(parts.scheme) > 1:  # "C:\\..." has a one-letter "scheme"
        return parts.scheme == "file"
    return True


def reference_key(ref: str) -> str:
    """How a reference is compared: percent-decoding and query/fragment ignored."""
    ref = ref.strip()
    if ref.startswith("file://"):
        return unquote(urlsplit(ref).path)
    return unquote(ref.split("#", 1)[0].split("?", 1)[0])


def guess_image_type(path: PurePath) -> str | None:
    mime = IMAGE_TYPES.get(path.suffix.lower())
    if mime:
        return mime
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed if guessed and guessed.startswith("image/") else None


def resolve_image(ref: str, post_dir: Path, library_root: Path) -> Path | None:
    """The file a local reference points to: beside the post, then in the library's media/.

    A reference starting with "/" is taken from the library root (as a static site would).
    None when no such file exists.
    """
    rel = reference_key(ref)
    candidates: list[Path] = []
    if rel.startswith("/"):
        absolute = Path(rel)
        candidates.append(library_root / rel.lstrip("/"))
        if absolute.is_absolute():
            candidates.append(absolute)
    else:
        candidates.append(post_dir / rel)
        candidates.append(library_root / MEDIA_DIR / rel)
        candidates.append(library_root / MEDIA_DIR / Path(rel).name)
        candidates.append(library_root / rel)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def find_images(refs: list[str], post_dir: Path, library_root: Path) -> list[LocalImage]:
    """The local images behind `refs` (duplicates removed). MediaError for a missing image."""
    found: list[LocalImage] = []
    seen: set[str] = set()
    for ref in refs:
        key = reference_key(ref)
        if key in seen or not is_local_reference(ref):
            continue
        seen.add(key)
        path = resolve_image(ref, post_dir, library_root)
        if path is None:
            raise MediaError(
                f"The image {key!r} used in the post was not found (looked beside the post and "
                f"in the library's {MEDIA_DIR}/ folder). Fix the link or add the file."
            )
        mime = guess_image_type(path)
        if mime is None:
            raise MediaError(f"{path.name} is used as an image but is not an image file.")
        found.append(LocalImage(ref, path, mime))
    return found


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class MediaLedger:
    """SQLite table: (account, content hash) → remote id and URL. Safe to use from any thread."""

    def __init__(self, library_root: Path) -> None:
        self.path = library_root / STATE_DIR / LEDGER_FILE
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            conn = sqlite3.connect(self.path, timeout=10)
            try:
                if not self._ready:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS uploads ("
                        " account_id TEXT NOT NULL, content_hash TEXT NOT NULL,"
                        " remote_id TEXT NOT NULL, url TEXT NOT NULL, filename TEXT NOT NULL,"
                        " uploaded_at TEXT NOT NULL, PRIMARY KEY (account_id, content_hash))"
                    )
                    self._ready = True
                # A cache: losing the last entry in a power cut costs one re-upload, so skip
                # the per-commit fsync (WAL stays consistent either way).
                conn.execute("PRAGMA synchronous=NORMAL")
                with conn:
                    yield conn
            finally:
                conn.close()

    def lookup(self, account_id: str, content_hash: str) -> LedgerEntry | None:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT account_id, content_hash, remote_id, url, filename, uploaded_at"
                " FROM uploads WHERE account_id = ? AND content_hash = ?",
                (account_id, content_hash),
            ).fetchone()
        return LedgerEntry(*row) if row else None

    def record(
        self, account_id: str, content_hash: str, remote_id: str, url: str, filename: str
    ) -> LedgerEntry:
        entry = LedgerEntry(
            account_id,
            content_hash,
            remote_id,
            url,
            filename,
            datetime.now(UTC).isoformat(timespec="seconds"),
        )
        with self._connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO uploads VALUES (?, ?, ?, ?, ?, ?)",
                (
                    entry.account_id,
                    entry.content_hash,
                    entry.remote_id,
                    entry.url,
                    entry.filename,
                    entry.uploaded_at,
                ),
            )
        return entry

    def forget(self, account_id: str, content_hash: str | None = None) -> int:
        """Drop entries (one, or all of an account): the next publish uploads again."""
        with self._connect() as conn:
            if content_hash is None:
                cur = conn.execute("DELETE FROM uploads WHERE account_id = ?", (account_id,))
            else:
                cur = conn.execute(
                    "DELETE FROM uploads WHERE account_id = ? AND content_hash = ?",
                    (account_id, content_hash),
                )
            return cur.rowcount

    def entries(self, account_id: str) -> list[LedgerEntry]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT account_id, content_hash, remote_id, url, filename, uploaded_at"
                " FROM uploads WHERE account_id = ? ORDER BY uploaded_at",
                (account_id,),
            ).fetchall()
        return [LedgerEntry(*row) for row in rows]
