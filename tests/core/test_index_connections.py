"""The index's connections per thread: a thread that ends hands its connection on instead of
leaving it open (a Qt pool worker gets a new Python thread state for every task, so each task
looks like a new thread: tests/ui/test_tasks.py runs that case on the real pool)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from blogdesk.core.index.connections import ThreadConnections
from blogdesk.core.index.index import Entry, Index
from blogdesk.core.post.post import summarize


@pytest.fixture
def index(tmp_path: Path) -> Iterator[Index]:
    idx = Index(tmp_path / "index.sqlite3")
    text = "---\ntitle: One\n---\nthe only post\n"
    idx.write([Entry("one.md", 1, len(text), "h-one", summary=summarize(text, "one.md"))])
    yield idx
    idx.close()


def in_a_thread(fn: Callable[[], object]) -> object:
    """`fn()` on a new thread that ends before this returns; its result."""
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(fn()))
    thread.start()
    thread.join()
    return out[0]


def test_threads_one_after_another_share_one_connection(index: Index) -> None:
    counts = [in_a_thread(index.count) for _ in range(40)]
    assert counts == [1] * 40
    # The test's own thread (which opened the index) and one handed from thread to thread;
    # before, every thread left one open: 41.
    assert index.open_connections == 2


def test_threads_at_the_same_time_get_their_own_connection(index: Index) -> None:
    together = threading.Barrier(3)
    seen: list[int] = []

    def read() -> None:
        seen.append(index.count())
        together.wait(5)  # all three hold theirs now

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [1, 1, 1]
    assert index.open_connections == 4  # three workers and the test's thread
    assert [in_a_thread(index.count) for _ in range(5)] == [1] * 5
    assert index.open_connections == 4  # the idle ones are used again


def test_a_thread_that_ends_inside_a_transaction_leaves_nothing_of_it(tmp_path: Path) -> None:
    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None, check_same_thread=False)
        conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
        return conn

    connections = ThreadConnections(connect)

    def begin_and_leave() -> None:
        conn = connections.get()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (1)")

    in_a_thread(begin_and_leave)
    taken_back = in_a_thread(lambda: connections.get().in_transaction)
    rows = in_a_thread(lambda: connections.get().execute("SELECT count(*) FROM t").fetchone())
    assert taken_back is False
    assert rows == (0,)
    assert connections.open_count == 1
    connections.close()
    assert connections.open_count == 0


def test_after_close_a_thread_gets_a_new_working_connection(index: Index) -> None:
    assert in_a_thread(index.count) == 1
    index.close()
    assert index.open_connections == 0
    assert in_a_thread(index.count) == 1
    assert index.open_connections == 1


def test_a_handed_on_connection_has_the_settings_of_a_new_one(tmp_path: Path) -> None:
    """A first build's bulk settings (no syncing, a 128 MB cache) stay with its thread."""
    idx = Index(tmp_path / "index.sqlite3")

    def settings() -> tuple[object, ...]:
        conn = idx._conn()
        return tuple(
            conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("synchronous", "cache_size", "temp_store", "journal_mode")
        )

    def bulk() -> tuple[object, ...]:
        idx.recreate(bulk=True)
        return settings()

    try:
        fresh = in_a_thread(settings)
        assert in_a_thread(bulk) == (0, -131072, 2, "memory")
        assert in_a_thread(settings) == fresh
        assert idx.open_connections == 1  # recreate() closed the others; this one went round
    finally:
        idx.close()
