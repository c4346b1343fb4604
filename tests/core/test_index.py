"""The SQLite index on its own: query building, snippets, dates, recreation, filters."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import FrozenInstanceError, replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blogdesk.core.errors import LibraryError
from blogdesk.core.index.index import (
    SCHEMA_VERSION,
    Entry,
    Index,
    date_key,
)
from blogdesk.core.index.search_text import (
    SnippetMaker,
    fts_query,
    index_text,
    index_texts,
    match_fold,
    query_terms,
    snippets,
)
from blogdesk.core.post.post import summarize


def _entry(path: str, text: str) -> Entry:
    return Entry(path, 1, len(text), "h-" + path, summary=summarize(text, path))


@pytest.fixture
def index(tmp_path: Path) -> Iterator[Index]:
    idx = Index(tmp_path / "index.sqlite3")
    yield idx
    idx.close()


def test_fts_query_quotes_every_word_and_prefixes_the_last() -> None:
    assert fts_query("hello wor") == '"hello" "wor"*'
    assert fts_query("hello world ") == '"hello" "world"'
    assert fts_query('say "hi"') == '"say" """hi"""*'
    assert fts_query('- : ( ) "') is None
    assert fts_query("   ") is None


def test_fts_query_sets_cjk_characters_apart() -> None:
    assert fts_query("日本語") == '"\u200b日\u200b本\u200b語\u200b"*'


def test_query_terms_mark_only_the_word_being_typed() -> None:
    assert query_terms("one two") == [("one", False), ("two", True)]
    assert query_terms("one two ") == [("one", False), ("two", False)]
    assert query_terms("a\x00b") == [("a", False), ("b", True)]


def test_make_snippet_marks_words_and_prefixes_in_a_window() -> None:
    body = "word " * 100 + "the Gardening season begins, garden early. " + "more " * 100
    raw = SnippetMaker([("garden", False), ("sea", True)])((body, "Title", ""))
    assert raw is not None and raw.startswith("…") and raw.endswith("…")
    assert "Gardening" in raw and "\x02garden\x03" in raw and "\x02season\x03" in raw
    assert len(raw) < 200
    assert SnippetMaker([("garden", False)])(("nothing gardening", "Garden party", "")) == (
        "\x02Garden\x03 party"
    )
    # Words found through folding are marked as written.
    assert SnippetMaker([("cafe", False)])(("café",)) == "\x02café\x03"
    assert SnippetMaker([("don't", False)])(("I don’t know",)) == "I \x02don’t\x03 know"
    assert SnippetMaker([("i", True)])(("İstanbul is big",)) == "\x02İstanbul\x03 \x02is\x03 big"


def test_index_text_leaves_plain_ascii_alone() -> None:
    text = "plain text, nothing to do"
    assert index_text(text) is text
    assert index_text("a\x02b\x03c") == "a b c"


def test_snippets_escape_html_and_mark_matches() -> None:
    html, text = snippets("<b>\x02Tom\x03 & \u200b東\u200b</b>…")
    assert html == "&lt;b&gt;<mark>Tom</mark> &amp; 東&lt;/b&gt;…"
    assert text == "<b>«Tom» & 東</b>…"


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("2024-05-01T10:00:00+02:00", "2024-05-01T08:00:00.000000"),
        ("2024-05-01T10:00:00", "2024-05-01T10:00:00.000000"),
        ("2024-05-01", "2024-05-01T00:00:00.000000"),
        ("not a date", None),
        (None, None),
    ],
)
def test_date_key_is_sortable_utc(value: str | None, key: str | None) -> None:
    assert date_key(value) == key


def test_a_file_that_is_not_a_database_is_recreated(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"this is not SQLite" * 100)
    idx = Index(path)
    try:
        assert idx.created
        assert idx.count() == 0
    finally:
        idx.close()


def test_an_index_of_another_schema_version_is_recreated(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    first = Index(path)
    first.mark_complete()
    first.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.close()
    again = Index(path)
    try:
        assert again.created
        row = again._conn().execute("SELECT value FROM meta").fetchone()
        assert row[0] == str(SCHEMA_VERSION)
        again.mark_complete()
    finally:
        again.close()
    reopened = Index(path)
    assert not reopened.created
    reopened.close()


def test_an_index_never_marked_complete_is_recreated(tmp_path: Path) -> None:
    # A first build cut short (crash, power cut) wrote without syncing and has no "complete"
    # mark: the next open must not trust any of it.
    path = tmp_path / "index.sqlite3"
    first = Index(path)
    assert first.created and not first.complete
    first.write([_entry("half.md", "---\ntitle: Half\n---\n")])
    first.close()
    again = Index(path)
    try:
        assert again.created and again.count() == 0
        again.write([_entry("whole.md", "---\ntitle: Whole\n---\n")])
        again.mark_complete()
        assert again.complete
    finally:
        again.close()
    reopened = Index(path)
    try:
        assert not reopened.created and reopened.complete
        assert [s.path for s in reopened.posts()] == ["whole.md"]
        mode = reopened._conn().execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    finally:
        reopened.close()


def test_yo_is_folded_for_the_index_and_kept_for_showing() -> None:
    assert index_text("Ёжик и ёлка") == "Ежик и елка"
    assert index_texts("Ёжик") == ("Ежик", "Ёжик")
    assert index_texts("ежик") == ("ежик", None)
    assert index_texts("plain") == ("plain", None)
    assert query_terms("ёж") == query_terms("еж") == [("еж", True)]
    assert match_fold("Ёлка café Ärger") == "Елка cafe Arger"
    assert len(match_fold("ǅ ﬁ ŉ")) == len("ǅ ﬁ ŉ")  # never changes positions
    assert SnippetMaker([("еж", False)])(("Мой ёж спит",)) == "Мой \x02ёж\x03 спит"
    assert SnippetMaker([("ёж", False)])(("Мой еж спит",)) == "Мой \x02еж\x03 спит"


def test_search_folds_yo_and_shows_the_text_as_written(index: Index) -> None:
    index.write(
        [
            _entry("yo.md", "---\ntitle: Ёжики\ntags: [ёлка]\n---\nВ лесу живёт ёж.\n"),
            _entry("ye.md", "---\ntitle: Other\n---\nВ лесу живет еж.\n"),
        ]
    )
    for query in ("еж", "ёж", "ЕЖ", "Ёж"):
        hits = {h.summary.path: h for h in index.search(query + " ")}
        assert sorted(hits) == ["ye.md", "yo.md"], query
        assert hits["yo.md"].snippet_text == "В лесу живёт «ёж»."
        assert hits["ye.md"].snippet_text == "В лесу живет «еж»."
    assert [h.summary.path for h in index.search("ежики")] == ["yo.md"]
    assert [h.summary.path for h in index.search("елка")] == ["yo.md"]
    [hit] = index.search("ёжик")
    assert hit.snippet_text == "«Ёжики»"
    [summary] = index.posts(tag="ёлка", with_body=True)
    assert summary.title == "Ёжики" and summary.tags == ("ёлка",)
    assert summary.body == "В лесу живёт ёж.\n"


def test_scores_are_rounded_and_higher_is_better(index: Index) -> None:
    index.write(
        [
            _entry(f"p{i}.md", f"---\ntitle: Post {i}\n---\n" + "filler words " * i + "rose\n")
            for i in range(1, 6)
        ]
        + [_entry("t.md", "---\ntitle: Rose\n---\nrose rose\n")]
    )
    hits = index.search("rose ")
    assert hits[0].summary.path == "t.md"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert all(float(f"{s:.4g}") == s for s in scores)


@pytest.mark.parametrize("cpus", [1, 2])  # 1: no helper thread
def test_write_all_fills_the_index_in_one_transaction(
    index: Index, cpus: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("blogdesk.core.index.build.os.cpu_count", lambda: cpus)

    def batches(fail: bool) -> Iterator[list[Entry]]:
        for n in range(3):
            yield [
                _entry(f"b{n}-{i}.md", f"---\ntitle: Batch {n} post {i}\n---\nЁлка word{n}\n")
                for i in range(4)
            ]
            if fail and n == 1:
                raise OSError("the disk went away")

    with pytest.raises(OSError, match="went away"):
        index.write_all(batches(fail=True), now_ns=7)
    assert index.count() == 0 and index.search("batch") == []  # rolled back, helper included
    index.write_all(batches(fail=False), now_ns=7)
    assert index.count() == 12
    assert len(index.search("елка", limit=50)) == 12
    [hit] = index.search("word2 post 3")
    assert hit.summary.path == "b2-3.md" and hit.snippet_text == "Ёлка «word2»"
    index.write_all([[_entry("new.md", "---\ntitle: New\n---\nfresh\n")]], now_ns=8, clear=True)
    assert [s.path for s in index.posts()] == ["new.md"]
    assert [h.summary.path for h in index.search("fresh")] == ["new.md"]


def test_write_replaces_rows_and_removes(index: Index) -> None:
    index.write([_entry("a.md", "---\ntitle: Apple\ntags: [Fruit]\n---\nred apple\n")], now_ns=5)
    index.write([_entry("a.md", "---\ntitle: Apricot\ntags: [fruit]\n---\norange\n")], now_ns=6)
    assert [s.title for s in index.posts()] == ["Apricot"]
    assert index.search("apple") == []
    assert index.terms("t") == [("fruit", 1)]
    index.write(removed=["a.md"])
    assert index.posts() == [] and index.terms("t") == [] and index.search("orange") == []


def test_listed_summaries_are_the_summaries_of_the_posts(index: Index) -> None:
    # A list makes its summaries without PostSummary's __init__ (sql.summaries): each must equal
    # the summary made the usual way, in every field, and be as frozen and hashable as it.
    texts = {
        "full.md": "---\ntitle: Full\ndate: 2024-01-02\nslug: full-post\ntags: [a, b]\n"
        "categories: [Notes]\nexcerpt: In short.\nstatus: published\n---\nOne two three.\n",
        "bare.md": "Just words, no front matter.\n",
        "same-tags.md": "---\ntitle: Same tags\ntags: [a, b]\n---\n",
    }
    index.write([_entry(path, text) for path, text in texts.items()])
    expected = {path: summarize(text, path) for path, text in texts.items()}
    for with_body in (False, True):
        listed = index.posts(sort="title", descending=False, with_body=with_body)
        assert [s.path for s in listed] == ["bare.md", "full.md", "same-tags.md"]
        for summary in listed:
            made = expected[summary.path]
            assert summary == (made if with_body else replace(made, body=""))
            assert repr(summary) == repr(summary if with_body else replace(made, body=""))
            assert hash(summary) == hash(replace(made, body=summary.body))
            with pytest.raises(FrozenInstanceError):
                summary.title = "changed"
    assert index.summary("full.md") == replace(expected["full.md"], body="")


def test_a_listing_has_the_fields_of_the_summaries_in_their_order(index: Index) -> None:
    index.write(
        [
            _entry(
                f"p{n}.md",
                f"---\ntitle: Post {n % 4}\ndate: 2024-01-{1 + n % 3:02}\n"
                f"status: {('draft', 'published')[n % 2]}\ntags: [t{n % 3}, all]\n---\n",
            )
            for n in range(12)
        ]
        + [_entry("undated.md", "---\ntitle: Undated\n---\n")]
    )
    for filters in (
        {},
        {"descending": False},
        {"sort": "title", "limit": 5, "offset": 2},
        {"status": "draft", "tag": "T1"},
        {"since": "2024-01-02"},
    ):
        summaries = index.posts(**filters)
        assert summaries, filters
        listed = index.listing(**filters)
        fields = [(s.path, s.title, s.status, s.date, s.tags) for s in summaries]
        assert [tuple(row) for row in listed] == fields, filters
        assert [row.tags for row in listed] == [s.tags for s in summaries]


def test_filters_dates_and_bounds(index: Index) -> None:
    index.write(
        [
            _entry("a.md", "---\ntitle: A\ndate: 2024-05-01T23:30:00\nstatus: draft\n---\n"),
            _entry("b.md", "---\ntitle: B\ndate: 2024-05-02T00:00:00\n---\n"),
            _entry("c.md", "---\ntitle: C\n---\n"),
        ]
    )
    assert [s.title for s in index.posts(until=date(2024, 5, 1))] == ["A"]
    assert [s.title for s in index.posts(since="2024-05-02")] == ["B"]
    assert [s.title for s in index.posts(until=datetime(2024, 5, 2))] == ["B", "A"]
    assert [s.title for s in index.posts(sort="date", descending=False)] == ["A", "B", "C"]
    assert [s.title for s in index.posts(status="DRAFT")] == ["A"]
    assert [s.title for s in index.posts(status=["draft", "published"], sort="title")] == [
        "C",
        "B",
        "A",
    ]
    with pytest.raises(LibraryError, match="not a date"):
        index.posts(since="May")
    with pytest.raises(LibraryError, match="Cannot sort by"):
        index.posts(sort="colour")


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    idx = Index(tmp_path_factory.mktemp("index") / "index.sqlite3")
    idx.write([_entry("p.md", '---\ntitle: Quote "this"\n---\nAND OR NOT near: (x) -y\n')])
    yield idx
    idx.close()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'say "hi',
        "AND",
        "OR NOT",
        "-y",
        "near:",
        "(x",
        "x)",
        "title:quote",
        "*",
        "^x",
        "NEAR(a b)",
    ],
)
def test_hostile_queries_are_plain_text(small_index: Index, query: str) -> None:
    hits = small_index.search(query)
    assert isinstance(hits, list)


def test_operator_words_are_found_as_words(small_index: Index) -> None:
    assert [h.summary.path for h in small_index.search("AND OR NOT")] == ["p.md"]
    assert [h.summary.path for h in small_index.search('"this')] == ["p.md"]
    assert [h.summary.path for h in small_index.search("near: (x) -y")] == ["p.md"]


@given(query=st.text(max_size=60))
def test_no_user_query_makes_sqlite_fail(small_index: Index, query: str) -> None:
    assert isinstance(small_index.search(query), list)


def test_a_broad_query_lists_title_and_tag_matches_first(index: Index) -> None:
    index.write(
        [
            _entry("1.md", "---\ntitle: One\n---\ncommon word\n"),
            _entry("2.md", "---\ntitle: Common title\n---\ntext\n"),
            _entry("3.md", "---\ntitle: Three\ntags: [common]\n---\ntext\n"),
            _entry("4.md", "---\ntitle: Four\n---\ncommon again common\n"),
        ]
    )
    ranked = [h.summary.path for h in index.search("common")]
    assert ranked[:2] == ["2.md", "3.md"] and sorted(ranked[2:]) == ["1.md", "4.md"]
    index.broad = 3
    broad = [h.summary.path for h in index.search("common")]
    assert broad == ["2.md", "3.md", "4.md", "1.md"]  # body-only matches: newest first
    assert [h.summary.path for h in index.search("common", limit=3)] == ["2.md", "3.md", "4.md"]
    assert all("<mark>" in h.snippet_html for h in index.search("common"))


def test_a_busy_index_is_never_thrown_away(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    first = Index(path)
    first.write([_entry("keep.md", "---\ntitle: Keep\n---\n")])
    first.mark_complete()
    first.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE meta SET value = value")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            Index(path, timeout=0.05)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    again = Index(path)
    try:
        assert not again.created
        assert [s.path for s in again.posts()] == ["keep.md"]
    finally:
        again.close()
