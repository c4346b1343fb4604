"""Real exports and hostile input: what the WXR reader tolerates, and how it says so.

The files in tests/core/data/wxr/ were written for these tests: wpcom.xml (namespace prefixes
used and never declared, as WordPress.com writes them; a GUID and a URL name shared by two
posts), hostile.xml (a byte order mark, Latin-1 bytes in a file declared UTF-8, a NUL byte, HTML
entities, CDATA split three ways, comments in odd places, one item broken beyond repair) and
cut-mid-item.xml (wpcom.xml cut off inside its third item).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogdesk.core.importers.report import ImportReport
from blogdesk.core.importers.wxr import import_wxr
from blogdesk.core.importers.wxr_reader import WxrChannel, WxrError, read_wxr
from blogdesk.core.importers.xml_lexer import CHUNK, Notes, decode, tokens
from blogdesk.core.library.library import Library

DATA = Path(__file__).parent / "data" / "wxr"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library") as lib:
        yield lib


def warnings_of(report: ImportReport) -> str:
    return "\n".join(str(w) for w in report.warnings)


def assert_every_item_accounted(report: ImportReport, items: int) -> None:
    assert report.items == items
    assert report.accounted == items
    assert f"The export holds {items} item" in report.summary()


def test_undeclared_prefixes_are_declared_and_named(library: Library) -> None:
    report = import_wxr(library, DATA / "wpcom.xml")
    assert report.error is None and report.failed == []
    assert sorted(report.imported) == ["about.md", "shells-2.md", "shells.md", "tide-pools.md"]
    assert_every_item_accounted(report, 5)
    warnings = warnings_of(report)
    assert "wpcom.xml: the namespace prefix atom: is used but never declared (line 13)" in warnings
    assert "excerpt: is used but never declared (line 25)" in warnings
    assert "jetpack: is used but never declared (line 33); an unknown namespace" in warnings
    for prefix in ("georss:", "media:"):
        assert f"prefix {prefix} is used" in warnings
    # The channel was read although its <atom:link> came before the blog's address.
    assert library.load("shells.md").get("author") == "Sam Shore"


def test_two_posts_sharing_a_guid_or_a_url_name_both_come_in(library: Library) -> None:
    import_wxr(library, DATA / "wpcom.xml")
    site = "wxr:https://seaside.example"
    shells, tides = library.load("shells.md"), library.load("tide-pools.md")
    assert shells.sync_state(site)["guid"] == tides.sync_state(site)["guid"]
    assert (shells.sync_state(site)["remote_id"], tides.sync_state(site)["remote_id"]) == (101, 102)
    assert tides.body == "A different post with the same GUID.\n"
    again = library.load("shells-2.md")
    assert again.slug == "shells" and again.title == "Shells again"
    assert again.sync_state(site)["remote_id"] == 103


def test_hostile_file_imports_what_can_be_read(library: Library) -> None:
    report = import_wxr(library, DATA / "hostile.xml")
    assert sorted(report.imported) == ["after-the-damage.md", "creme-brulee.md", "naive.md"]
    assert_every_item_accounted(report, 4)
    creme = library.load("creme-brulee.md")
    assert creme.title == "Café crème\u00a0brûlée…"  # HTML entities outside CDATA
    assert creme.body == "Part one, part two, a literal ]]> and the end.\n"  # split CDATA
    assert creme.sync_state("wxr:https://cafe.example")["remote_id"] == 1  # comment in the id
    naive = library.load("naive.md")
    assert naive.title == "Null and naïve"  # NUL dropped, Latin-1 byte read as such
    assert naive.body == "Naïve café “quotes”.\n"  # Windows-1252 curly quotes
    assert naive.excerpt == "Fish & chips"  # a bare ampersand
    assert library.load("after-the-damage.md").title == "1 < 2 &bogus;"


def test_a_broken_item_fails_alone_named_with_its_line(library: Library) -> None:
    report = import_wxr(library, DATA / "hostile.xml")
    assert [(w.item, w.message) for w in report.failed] == [
        ("Broken (#3)", "its XML is broken at line 27 (mismatched tag)")
    ]
    assert report.error is None  # the import ran to the end
    summary = report.summary()
    assert "Imported 3 posts, 1 failed." in summary
    assert "Failed 1:\n  Broken (#3): its XML is broken at line 27" in summary


def test_hostile_repairs_are_warned_with_their_lines(library: Library) -> None:
    warnings = warnings_of(import_wxr(library, DATA / "hostile.xml"))
    expected = [
        "were read as Windows-1252 (Latin-1) (6 times, lines 5, 18 and 19)",
        "control characters XML forbids (NUL and others) were removed (line 18)",
        'comments containing "--", which XML forbids, were read anyway (line 2)',
        "HTML entities XML does not define were read as their characters (6 times, line 9): "
        "&eacute; → U+00E9 (2 times), &egrave; → U+00E8, &nbsp; → U+00A0",
        "&hellip; → U+2026",
        'an "&" that starts no entity was read as a plain "&" (line 20)',
        'a "<" that starts no tag was read as a plain "<" (line 34)',
        "entities neither XML nor HTML defines were kept as text (line 34): &bogus;",
    ]
    for words in expected:
        assert words in warnings


def test_a_file_cut_inside_an_item_names_that_item(library: Library) -> None:
    report = import_wxr(library, DATA / "cut-mid-item.xml")
    assert sorted(report.imported) == ["shells.md", "tide-pools.md"]
    assert_every_item_accounted(report, 3)
    assert [str(w) for w in report.failed] == [
        "Shells again (line 48): the file ends inside this item, at line 53"
    ]
    assert report.error is not None and "cut short" in report.error and "line 53" in report.error
    assert "stopped early" in report.summary()


def test_text_before_the_export_and_a_late_declaration_are_ignored(
    library: Library, tmp_path: Path
) -> None:
    # A broken plugin printing a PHP warning into the export: a classic.
    export = tmp_path / "export.xml"
    text = (DATA / "wpcom.xml").read_text(encoding="utf-8")
    export.write_text("Warning: Cannot modify header information in x.php\n" + text, "utf-8")
    report = import_wxr(library, export)
    assert len(report.imported) == 4
    warnings = warnings_of(report)
    assert "text outside the export's <rss> element was ignored (line 1)" in warnings
    assert (
        "an XML declaration that is not at the start of the file was ignored (line 2)" in warnings
    )
    assert "atom: is used but never declared (line 14)" in warnings  # lines still the file's


def test_damage_outside_the_items_costs_only_the_channel_fields_after_it(
    library: Library, tmp_path: Path
) -> None:
    text = (DATA / "wpcom.xml").read_text(encoding="utf-8")
    broken = "<description>Shells <b>and tides</description>"
    export = tmp_path / "export.xml"
    export.write_text(text.replace("<description>Shells and tides</description>", broken), "utf-8")
    report = import_wxr(library, export)
    assert len(report.imported) == 4 and report.failed == []
    assert "the export's channel (outside the items) is damaged at line 12" in warnings_of(report)
    # <link> came before the damage: the posts still belong to the site.
    assert library.load("about.md").sync_state("wxr:https://seaside.example")["remote_id"] == 104


def test_a_declared_latin1_file_is_read_in_its_encoding(library: Library, tmp_path: Path) -> None:
    text = (DATA / "wpcom.xml").read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Cockles", "Café")
    export = tmp_path / "latin1.xml"
    export.write_bytes(text.encode("latin-1"))
    report = import_wxr(library, export)
    assert library.load("shells.md").body == "Café and whelks.\n"
    assert "Windows-1252" not in warnings_of(report)


def test_defects_across_chunk_boundaries(library: Library, tmp_path: Path) -> None:
    # Entities, CDATA ends and tags cut by the reader's 64 KiB chunks read as if whole.
    head = (DATA / "wpcom.xml").read_text(encoding="utf-8").split("\t<item>")[0]
    items = []
    for n in range(1, 40):
        filler = "x" * (CHUNK // 7 + n)  # the boundaries fall somewhere new each time
        items.append(
            f"<item><title>N&nbsp;{n}</title><content:encoded><![CDATA[{filler}]]]]><![CDATA[>"
            f"]]></content:encoded><wp:post_id>{n}</wp:post_id><wp:post_name>p{n}</wp:post_name>"
            "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n"
        )
    export = tmp_path / "big.xml"
    export.write_text(head + "".join(items) + "</channel></rss>\n", encoding="utf-8")
    report = import_wxr(library, export)
    assert len(report.imported) == 39 and report.failed == []
    post = library.load("p17.md")
    assert post.title == "N\u00a017"
    assert post.body.rstrip().endswith("x]]>")


@pytest.mark.parametrize("size", [1, 2, 3, 5, 64, 4096])
def test_tokens_do_not_depend_on_where_chunks_end(size: int) -> None:
    text = (DATA / "hostile.xml").read_bytes().decode("utf-8", errors="replace")
    whole = list(tokens([text]))
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    assert list(tokens(pieces)) == whole
    assert "".join(t.text for t in whole) == text


def test_decoding_reports_lines_and_normalises_line_ends() -> None:
    notes = Notes()
    raw = b"\xef\xbb\xbfa\r\nb\rc\x00\n\xe9\n"
    assert "".join(decode(io.BytesIO(raw), notes)) == "a\nb\nc\né\n"
    assert notes.lines == {"not-utf8": [4], "control": [3]}


@pytest.mark.parametrize(
    ("name", "words"),
    [("bomb.xml", "declares XML entities"), ("xxe.xml", "declares XML entities")],
)
def test_entity_attacks_are_refused_before_any_item(name: str, words: str) -> None:
    items = []
    with open(DATA / name, "rb") as stream, pytest.raises(WxrError, match=words):
        items.extend(read_wxr(stream, WxrChannel()))
    assert items == []


def test_refusals_name_the_file_and_line(library: Library) -> None:
    with pytest.raises(WxrError) as caught:
        import_wxr(library, DATA / "not-an-export.xml")
    assert caught.value.line == 2
    assert str(caught.value).startswith("not-an-export.xml, line 2: This is not a WordPress export")


def test_command_line_names_every_skipped_and_failed_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from blogdesk.cli import main

    library_dir = str(tmp_path / "cli-library")
    assert main(["--library", library_dir, "import", "wxr", str(DATA / "hostile.xml")]) == 1
    out = capsys.readouterr().out
    assert "The export holds 4 items: 3 imported + 0 updated + 0 skipped + 1 failed." in out
    assert "Broken (#3): its XML is broken at line 27" in out
    assert main(["--library", library_dir, "import", "wxr", str(DATA / "wpcom.xml")]) == 0
    assert main(["--library", library_dir, "import", "wxr", str(DATA / "wpcom.xml")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    unchanged = lines.index("Skipped 4: already in the library, unchanged on the blog")
    assert lines[unchanged + 1 : unchanged + 5] == [
        "  Shells on the beach (#101) → shells.md",
        "  Tide pools (#102) → tide-pools.md",
        "  Shells again (#103) → shells-2.md",
        "  About (#104) → about.md",
    ]
    assert "  shell (#105)" in lines
