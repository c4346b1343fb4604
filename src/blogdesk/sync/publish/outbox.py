"""Publishing jobs waiting for a blog that could not be reached: a small SQLite queue.

The queue lives in the library's `.blogdesk/outbox.sqlite3`, so it travels with the library and
survives a crash (SQLite commits are atomic). Each job names an account, an action and a post (by
its path relative to the library); it holds no content: when it is sent, the post as it is then
is published, so the newest text wins. One pending job per (account, post): queueing again
replaces the intent.

Sending is "at least once" from the queue's point of view; `SyncService` makes it exactly once on
the blog (a create is looked up by its slug before being re-sent, and updates are idempotent). A
job is claimed with a lease before it is sent, so two BlogDesk processes never send it together.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Action = Literal["publish", "unpublish", "delete"]
JobState = Literal["pending", "sending", "failed"]

OUTBOX_FILE = "outbox.sqlite3"
STATE_DIR = ".blogdesk"
BACKOFF_BASE = 30.0  # seconds before the first retry
BACKOFF_CAP = 3600.0  # never wait more than an hour between tries
LEASE_SECONDS = 600.0  # a claimed job whose sender died becomes sendable again after this


@dataclass(frozen=True)
class Job:
    id: int
    account_id: str
    action: str
    post_path: str  # relative to the library root, POSIX separators
    options: dict[str, Any]
    created_at: float
    attempts: int
    next_attempt_at: float
    last_error: str
    state: str

    @property
    def needs_attention(self) -> bool:
        """A job that will not be retried by itself (conflict, wrong password, ...)."""
        return self.state == "failed"


def backoff_delay(attempts: int, retry_after: float | None = None) -> float:
    """Seconds to wait after `attempts` failed tries: doubling from 30 s, capped at an hour."""
    delay: float = min(BACKOFF_BASE * float(2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    if retry_after is not None:
        delay = max(delay, min(retry_after, BACKOFF_CAP))
    return delay


_COLUMNS = (
    "id, account_id, action, post_path, options, created_at, attempts, next_attempt_at,"
    " last_error, state"
)


def _job(row: tuple[Any, ...]) -> Job:
    values = list(row)
    values[4] = json.loads(values[4])
    return Job(*values)


class Outbox:
    """The persistent queue. Every method is one transaction; safe from any thread."""

    def __init__(self, library_root: Path, *, clock: Any = time.time) -> None:
        self.path = library_root / STATE_DIR / OUTBOX_FILE
        self._clock = clock
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            try:
                if not self._ready:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS jobs ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " account_id TEXT NOT NULL, action TEXT NOT NULL,"
                        " post_path TEXT NOT NULL, options TEXT NOT NULL,"
                        " created_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
                        " next_attempt_at REAL NOT NULL, last_error TEXT NOT NULL DEFAULT '',"
                        " state TEXT NOT NULL DEFAULT 'pending', lease_until REAL)"
                    )
                    self._ready = True
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                conn.close()

    # ----------------------------------------------------------------------------- queueing
    def enqueue(
        self,
        account_id: str,
        action: Action,
        post_path: str,
        options: dict[str, Any] | None = None,
        *,
        error: str = "",
    ) -> Job:
        """Queue a job (replacing any job for the same account and post); due at once."""
        now = self._clock()
        opts = json.dumps(options or {}, sort_keys=True)
        with self._connect() as conn:
            conn.execute(
                "DELETE FROM jobs WHERE account_id = ? AND post_path = ? AND state != 'sending'",
                (account_id, post_path),
            )
            cur = conn.execute(
                "INSERT INTO jobs (account_id, action, post_path, options, created_at, attempts,"
                " next_attempt_at, last_error, state) VALUES (?, ?, ?, ?, ?, 1, ?, ?, 'pending')",
                (account_id, action, post_path, opts, now, now + backoff_delay(1), error),
            )
            job_id = cur.lastrowid
            row = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row)

    # ----------------------------------------------------------------------------- reading
    def jobs(self) -> list[Job]:
        with self._connect() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM jobs ORDER BY id").fetchall()
        return [_job(r) for r in rows]

    def get(self, job_id: int) -> Job | None:
        with self._connect() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def pending_for(self, post_path: str) -> list[Job]:
        """Jobs for one post (relative path): what the library panel shows as "pending"."""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE post_path = ? ORDER BY id", (post_path,)
            ).fetchall()
        return [_job(r) for r in rows]

    def pending_paths(self) -> set[str]:
        """Every post with a queued job, for marking a whole list at once."""
        with self._connect() as conn:
            rows = conn.execute("SELECT DISTINCT post_path FROM jobs").fetchall()
        return {r[0] for r in rows}

    def due(self, *, force: bool = False) -> list[Job]:
        """Jobs whose retry time has come (all retryable ones with force=True)."""
        now = self._clock()
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE (state = 'pending' AND (? OR next_attempt_at"
                " <= ?)) OR (state = 'sending' AND lease_until < ?) ORDER BY id",
                (1 if force else 0, now, now),
            ).fetchall()
        return [_job(r) for r in rows]

    def next_due_at(self) -> float | None:
        """When the next retry is due (epoch seconds), for the window's timer; None if idle."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT MIN(next_attempt_at) FROM jobs WHERE state = 'pending'"
            ).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    # ----------------------------------------------------------------------------- sending
    def claim(self, job_id: int) -> bool:
        """Mark the job as being sent; False when another sender has it or it is gone."""
        now = self._clock()
        with self._connect() as conn:
            cur = conn.execute(
                "UPDATE jobs SET state = 'sending', lease_until = ? WHERE id = ? AND"
                " (state = 'pending' OR (state = 'sending' AND lease_until < ?))",
                (now + LEASE_SECONDS, job_id, now),
            )
            return cur.rowcount == 1

    def complete(self, job_id: int) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def retry_later(self, job_id: int, error: str, retry_after: float | None = None) -> Job | None:
        """The site is still unreachable: back off and try again later."""
        now = self._clock()
        with self._connect() as conn:
            row = conn.execute("SELECT attempts FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                return None
            attempts = int(row[0]) + 1
            conn.execute(
                "UPDATE jobs SET state = 'pending', lease_until = NULL, attempts = ?,"
                " next_attempt_at = ?, last_error = ? WHERE id = ?",
                (attempts, now + backoff_delay(attempts, retry_after), error, job_id),
            )
            row = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row)

    def fail(self, job_id: int, error: str) -> None:
        """The job needs the author (conflict, refused password): keep it, stop retrying."""
        with self._connect() as conn:
            conn.execute(
                "UPDATE jobs SET state = 'failed', lease_until = NULL, last_error = ? WHERE id = ?",
                (error, job_id),
            )

    def requeue(self, job_id: int) -> None:
        """Make a failed job sendable again (after the author fixed the cause)."""
        now = self._clock()
        with self._connect() as conn:
            conn.execute(
                "UPDATE jobs SET state = 'pending', next_attempt_at = ? WHERE id = ?",
                (now, job_id),
            )

    def remove(self, job_id: int) -> None:
        self.complete(job_id)
