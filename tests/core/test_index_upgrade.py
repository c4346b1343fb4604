"""An index file made by an earlier BlogDesk gets the indexes added since, on open, keeping its
rows; lists then read them (the query plans say so) and give the same posts in the same order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from blogdesk.core.index.index import Entry, Index
from blogdesk.core.index.sql import ADDED_INDEXES, list_sql
from blogdesk.core.index.upgrade import add_indexes
from blogdesk.core.post.post import summarize

POSTS = {
    "old.md": "---\ntitle: Old\ndate: 2020-01-01\n---\n",
    "b.md": "---\ntitle: Beta\ndate: 2024-05-01\ntags: [x, y]\n---\n",
    "a.md": "---\ntitle: alpha\ndate: 2024-05-01\n---\n",  # same day: by title, ignoring case
    "undated.md": "---\ntitle: Undated\n---\n",  # no date: last
    "new.md": "---\ntitle: New\ndate: 2025-02-03T04:05:06+01:00\n---\n",
}
ORDER = ["new.md", "a.md", "b.md", "old.md", "undated.md"]


def _entries() -> list[Entry]:
    return [
        Entry(path, 1, len(text), f"h-{path}", summary=summarize(text, path))
        for path, text in POSTS.items()
    ]


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    conn.close()
    return {name for (name,) in rows}


def _as_made_before(path: Path) -> None:
    """Make the index file look as schema 5 first made it: a date index, none of the new ones."""
    conn = sqlite3.connect(path, isolation_level=None)
    for name in ADDED_INDEXES:
        conn.execute(f"DROP INDEX {name}")
    conn.execute("CREATE INDEX IF NOT EXISTS posts_date ON posts (date_key)")
    conn.close()


@pytest.fixture
def old_index(tmp_path: Path) -> Path:
    path = tmp_path / "index.sqlite3"
    index = Index(path)
    index.write(_entries(), now_ns=5)
    index.mark_complete()
    index.close()
    _as_made_before(path)
    assert _indexes(path) & {*ADDED_INDEXES, "posts_date"} == {"posts_date"}
    return path


def _plan(index: Index, sql: str, args: list[object]) -> str:
    rows = index._conn().execute(f"EXPLAIN QUERY PLAN {sql}", args).fetchall()
    return " / ".join(row[3] for row in rows)


def test_an_index_made_before_gets_the_new_indexes_and_keeps_its_rows(old_index: Path) -> None:
    index = Index(old_index)
    try:
        assert not index.created and index.complete  # not rebuilt
        assert set(ADDED_INDEXES) <= _indexes(old_index)  # and posts_date stays, unused
        assert [s.path for s in index.posts()] == ORDER
        assert [s.path for s in index.posts(since="2024-01-01")] == ORDER[:3]
        ascending = ["old.md", "a.md", "b.md", "new.md", "undated.md"]
        assert [s.path for s in index.posts(descending=False)] == ascending
        # The whole list, a page of it and a range of dates come from one index, in their
        # order: nothing is sorted, and no post is looked up in the table.
        for filters in ({}, {"limit": 2, "offset": 1}, {"since": "2024-01-01"}):
            sql, args = list_sql(**filters)
            plan = _plan(index, sql, args)
            assert "USING COVERING INDEX posts_list" in plan and "B-TREE" not in plan, plan
    finally:
        index.close()


def test_an_index_busy_elsewhere_is_upgraded_at_a_later_open(old_index: Path) -> None:
    # Another process is writing (WAL: reading goes on): the upgrade does not wait for it, the
    # index opens as it is and lists the same posts, and the next open adds the indexes.
    first = Index(old_index)
    first.close()  # WAL from now on, as every index that was opened once
    _as_made_before(old_index)
    writer = sqlite3.connect(old_index, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE meta SET value = value WHERE key = 'generation'")
    try:
        busy = Index(old_index, timeout=0.05)
        try:
            assert not busy.created
            assert [s.path for s in busy.posts()] == ORDER
            assert "posts_list" not in _indexes(old_index)
        finally:
            busy.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    later = Index(old_index)
    try:
        assert set(ADDED_INDEXES) <= _indexes(old_index)
        assert [s.path for s in later.posts()] == ORDER
    finally:
        later.close()


def test_an_up_to_date_index_is_not_written_on_open(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    index = Index(path)
    index.write(_entries(), now_ns=5)
    index.mark_complete()
    index.use_wal()
    # Another process writing does not make an open wait: there is nothing to upgrade.
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE meta SET value = value WHERE key = 'generation'")
    try:
        assert add_indexes(index._conn())
        assert set(ADDED_INDEXES) <= _indexes(path) and "posts_date" not in _indexes(path)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        index.close()
