"""What a refresh compares the files with (`Index.known_files`): settled stamps, one file's
stamp, every path, all as one moment of the index shows them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from blogdesk.core.index.index import Entry, Index, Problem, Stamp
from blogdesk.core.index.stamps import SETTLED
from blogdesk.core.post.post import summarize

RACY_NS = 2_000_000_000
NOW = 10 * RACY_NS


def _post(path: str, mtime_ns: int, size: int = 10) -> Entry:
    text = f"---\ntitle: {path}\n---\n"
    return Entry(path, mtime_ns, size, f"h-{path}", summary=summarize(text, path))


@pytest.fixture
def index(tmp_path: Path) -> Iterator[Index]:
    idx = Index(tmp_path / "index.sqlite3")
    idx.write(
        [
            _post("settled.md", NOW - 5 * RACY_NS),
            _post("racy.md", NOW - RACY_NS // 2),  # written just before it was indexed
            Entry("bad.md", NOW - 5 * RACY_NS, 3, "h-bad", problem=Problem("bad.md", "no")),
        ],
        now_ns=NOW,
    )
    idx.mark_complete()
    idx.use_wal()  # as every index after its first build: readers and a writer side by side
    yield idx
    idx.close()


def test_only_stamps_older_than_the_racy_window_are_settled(index: Index) -> None:
    with index.known_files(RACY_NS) as known:
        assert known.count == 3
        assert known.settled == {
            ("settled.md", NOW - 5 * RACY_NS, 10),
            ("bad.md", NOW - 5 * RACY_NS, 3),
        }
        assert known.stamp("racy.md") == Stamp(NOW - RACY_NS // 2, 10, "h-racy.md", NOW)
        assert known.stamp("bad.md") == Stamp(NOW - 5 * RACY_NS, 3, "h-bad", NOW)
        assert known.stamp("missing.md") is None
        assert known.paths() == {"settled.md", "racy.md", "bad.md"}
    # The same as the stamps of every file, read at once.
    assert index.stamps()["racy.md"] == Stamp(NOW - RACY_NS // 2, 10, "h-racy.md", NOW)


def test_what_another_writer_does_meanwhile_is_not_seen(index: Index, tmp_path: Path) -> None:
    # A refresh compares the files with one moment of the index: a post another process
    # indexes while the folder is being scanned must not look removed (the files were listed
    # before it was written) nor change the count the comparison relies on.
    other = Index(tmp_path / "index.sqlite3")
    try:
        with index.known_files(RACY_NS) as known:
            assert known.count == 3
            other.write([_post("elsewhere.md", NOW)], removed=["settled.md"], now_ns=NOW + 1)
            assert known.count == 3
            assert known.stamp("elsewhere.md") is None
            assert known.stamp("settled.md") is not None
            assert known.paths() == {"settled.md", "racy.md", "bad.md"}
        with index.known_files(RACY_NS) as known:
            assert known.paths() == {"elsewhere.md", "racy.md", "bad.md"}
        index.write(removed=["racy.md"], now_ns=NOW + 2)  # the block ended: writing works
        assert [s.path for s in index.posts()] == ["elsewhere.md"]
    finally:
        other.close()


def test_the_settled_stamps_are_read_from_an_index_alone(index: Index) -> None:
    plan = index._conn().execute(f"EXPLAIN QUERY PLAN {SETTLED}", (RACY_NS, RACY_NS)).fetchall()
    assert "SCAN posts USING COVERING INDEX posts_stamps" in [row[3] for row in plan]
