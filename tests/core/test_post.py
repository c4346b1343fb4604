"""The post file format: round trips on a corpus of real-world posts, the compatibility rules,
minimal edits, the reserved `blogdesk:` key and clear errors on bad input."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

import pytest
import yaml

from blogdesk.core.errors import BlogDeskError, PostFormatError
from blogdesk.core.post.frontmatter import MAX_POST_BYTES
from blogdesk.core.post.post import Post, PostSummary, summarize

Diff = Callable[[str, str], tuple[list[str], list[str]]]


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


# -- the corpus: every file reads as expected and round-trips byte for byte -------------------

EXPECTED: dict[str, dict[str, Any]] = {
    "2024-05-01-jekyll-trip-notes.md": dict(
        format="yaml",
        title="Three days in Lisbon: notes for next time",
        status="published",
        date=datetime(2024, 5, 1, 9, 30, tzinfo=tz(2)),
        tags=["lisbon", "trams", "food"],
        categories=["travel", "europe"],
    ),
    "arabic.md": dict(
        format="yaml",
        title="رحلة إلى مراكش",
        status="private",
        date=datetime(2024, 2, 20, 16, 0),
        tags=["سفر", "المغرب"],
        categories=[],
    ),
    "bom-notepad.md": dict(
        format="yaml",
        title="Saved by Notepad with a BOM",
        status="published",
        date=None,
        tags=[],
        categories=[],
        slug="bom-post",
    ),
    "crlf-windows.md": dict(
        format="yaml",
        title="Written on Windows",
        status="draft",
        date=datetime(2022, 1, 9),
        tags=["windows", "crlf"],
        categories=[],
    ),
    "hugo-release-notes.md": dict(
        format="toml",
        title="Release notes for version 2.3",
        status="draft",
        date=datetime(2024, 3, 14, 8, 0, tzinfo=tz(-5)),
        tags=["release", "changelog"],
        categories=["news"],
        slug="release-2-3",
    ),
    "hugo-yaml-draft.md": dict(
        format="yaml",
        title="Work in progress",
        status="draft",
        date=datetime(2024, 6, 1, 10, 0, tzinfo=tz(1)),
        tags=["wip"],
        categories=[],
    ),
    "japanese.md": dict(
        format="yaml",
        title="東京の春：桜と雨の一週間",
        status="published",
        date=datetime(2024, 4, 2, 7, 0, tzinfo=tz(9)),
        tags=["旅行", "写真", "東京"],
        categories=["日記"],
    ),
    "long-form-essay.md": dict(
        format="yaml",
        title="On keeping tools small",
        status="scheduled",
        date=datetime(2021, 7, 30, 12, 0),
        tags=["essays", "software"],
        categories=["craft"],
        slug="keeping-tools-small",
        featured_image="media/workbench.jpg",
    ),
    "no-final-newline.md": dict(
        format="yaml",
        title="Trailing whitespace and no final newline",
        status="draft",
        date=None,
        tags=["drafts", "misc", "ideas"],
        categories=[],
    ),
    "plain-notes.md": dict(
        format="none",
        title="Why I keep a paper notebook",
        status="draft",
        date=None,
        tags=[],
        categories=[],
    ),
    "russian.md": dict(
        format="yaml",
        title="Заметки о чтении: «Мастер и Маргарита»",
        status="published",
        date=datetime(2023, 9, 12),
        tags=["книги", "Булгаков"],
        categories=[],
        excerpt="Почему я перечитываю этот роман каждые несколько лет.",
    ),
    "setext-heading.md": dict(
        format="none",
        title="A short history of the semicolon",
        status="draft",
        date=None,
        tags=[],
        categories=[],
    ),
    "yaml-comments-anchors.md": dict(
        format="yaml",
        title='It\'s a "quoted" title',
        status="published",
        date=datetime(2023, 11, 20, 18, 45, tzinfo=UTC),
        tags=["yaml", "front matter", "comments"],
        categories=["tooling", "writing"],
        featured_image="/media/yaml-cover.png",
        excerpt="A folded paragraph that goes on for a while and is folded into one line when it"
        " is read.",
    ),
}


def test_every_corpus_file_has_expectations(corpus_file: Path) -> None:
    assert corpus_file.name in EXPECTED


def test_corpus_reads_as_expected(corpus_file: Path) -> None:
    post = Post.load(corpus_file)
    expected = EXPECTED[corpus_file.name]
    assert post.front_matter_format == expected["format"]
    for field in ("title", "status", "date", "tags", "categories"):
        assert getattr(post, field) == expected[field], field
    for field in ("slug", "excerpt", "featured_image"):
        assert getattr(post, field) == expected.get(field), field
    assert post.modified is False


def test_corpus_dumps_byte_identical(corpus_file: Path) -> None:
    before = corpus_file.read_bytes()
    post = Post.load(corpus_file)
    assert post.dumps().encode("utf-8") == before
    assert corpus_file.read_bytes() == before  # load never writes


def test_corpus_summary_agrees_with_post(corpus_file: Path) -> None:
    text = corpus_file.read_bytes().decode("utf-8")
    post = Post.parse(text, corpus_file)
    summary = summarize(text, f"posts/{corpus_file.name}")
    assert isinstance(summary, PostSummary)
    assert summary.path == f"posts/{corpus_file.name}"
    assert summary.title == post.title
    assert summary.status == post.status
    assert summary.date == (post.date.isoformat() if post.date else None)
    assert summary.tags == tuple(post.tags)
    assert summary.categories == tuple(post.categories)
    assert (summary.slug, summary.excerpt) == (post.slug, post.excerpt)
    assert summary.body == post.body
    assert summary.word_count > 0


def test_corpus_set_then_load_gives_new_value_and_keeps_other_keys(
    corpus_file: Path, tmp_path: Path
) -> None:
    post = Post.load(corpus_file)
    before = post.metadata()
    post.title = "A new title"
    post.set("x_custom", {"nested": [1, "two"]})
    target = tmp_path / corpus_file.name
    post.save(target)
    again = Post.load(target)
    assert again.title == "A new title"
    assert again.get("x_custom") == {"nested": [1, "two"]}
    changed = ("title", "x_custom")
    rest = {key: value for key, value in again.metadata().items() if key not in changed}
    if not before:
        before = {"status": "draft", **before}  # a bare file given front matter stays a draft
    assert rest == {key: value for key, value in before.items() if key != "title"}
    assert again.keys()[-1] == "x_custom"
    assert again.body == post.body
    assert again.newline == post.newline


# -- one key changed: exactly that key's lines differ ----------------------------------------

MINIMAL_EDITS = [
    (
        "2024-05-01-jekyll-trip-notes.md",
        "tags",
        ["lisbon", "food"],
        "tags: lisbon trams food\n",
        "tags: [lisbon, food]\n",
    ),
    (
        "2024-05-01-jekyll-trip-notes.md",
        "image",
        "lisbon.jpg",
        "comments: true\n---",
        "comments: true\nimage: lisbon.jpg\n---",
    ),
    ("hugo-release-notes.md", "weight", 20, "weight = 10\n", "weight = 20\n"),
    (
        "hugo-release-notes.md",
        "tags",
        ["release", "changelog", "v2"],
        'tags = ["release", "changelog"]\n',
        'tags = ["release", "changelog", "v2"]\n',
    ),
    (
        "hugo-release-notes.md",
        "summary",
        "Short.",
        'aliases = ["/news/v2.3/", "/2.3/"]\n',
        'aliases = ["/news/v2.3/", "/2.3/"]\nsummary = "Short."\n',
    ),
    (
        "yaml-comments-anchors.md",
        "title",
        "New",
        "title: 'It''s a \"quoted\" title'   # single quotes, doubled apostrophe\n",
        "title: 'New'   # single quotes, doubled apostrophe\n",
    ),
    (
        "yaml-comments-anchors.md",
        "categories",
        ["tooling", "writing", "docs"],
        "- tooling\n- writing\n",
        "- tooling\n- writing\n- docs\n",
    ),
    (
        "yaml-comments-anchors.md",
        "excerpt",
        "Short.",
        "excerpt: >\n  A folded paragraph that goes on for a while and is folded\n"
        "  into one line when it is read.\n",
        "excerpt: Short.\n",
    ),
    (
        "yaml-comments-anchors.md",
        "notes",
        "First line.\nSecond line.\n",
        "notes: |\n  Literal block.\n    Indented line kept.\n\n  After a blank line.\n",
        "notes: |\n  First line.\n  Second line.\n",
    ),
    (
        "yaml-comments-anchors.md",
        "date",
        datetime(2024, 1, 1, tzinfo=UTC),
        'date: "2023-11-20T18:45:00Z"      # a quoted date is still a date\n',
        "date: 2024-01-01 00:00:00+00:00      # a quoted date is still a date\n",
    ),
    (
        "long-form-essay.md",
        "tags",
        ["essays", "software", "craft"],
        "  - software\n",
        "  - software\n  - craft\n",
    ),
    (
        "crlf-windows.md",
        "tags",
        ["windows"],
        "tags:\r\n  - windows\r\n  - crlf\r\n",
        "tags:\r\n  - windows\r\n",
    ),
    ("bom-notepad.md", "slug", "bom", "slug: bom-post\n", "slug: bom\n"),
    ("no-final-newline.md", "tags", ["drafts"], "tags: drafts, misc , ideas\n", "tags: [drafts]\n"),
    (
        "japanese.md",
        "tags",
        ["旅行", "写真", "東京", "桜"],
        "tags: [旅行, 写真, 東京]\n",
        "tags: [旅行, 写真, 東京, 桜]\n",
    ),
    (
        "russian.md",
        "excerpt",
        "Коротко.",
        "excerpt: Почему я перечитываю этот роман каждые несколько лет.\n",
        "excerpt: Коротко.\n",
    ),
    ("arabic.md", "status", "published", "status: private\n", "status: published\n"),
    ("hugo-yaml-draft.md", "status", "published", "draft: true\n", "draft: false\n"),
    ("long-form-essay.md", "featured_image", None, "featured_image: media/workbench.jpg\n", ""),
]


@pytest.mark.parametrize(
    ("name", "key", "value", "old", "new"),
    MINIMAL_EDITS,
    ids=[f"{name}:{key}" for name, key, *_ in MINIMAL_EDITS],
)
def test_one_key_change_rewrites_only_that_key(
    corpus_copy: Callable[[str], Path],
    line_diff: Diff,
    name: str,
    key: str,
    value: Any,
    old: str,
    new: str,
) -> None:
    path = corpus_copy(name)
    original = path.read_bytes().decode("utf-8")
    post = Post.load(path)
    if key in ("status", "tags", "date", "featured_image", "excerpt", "slug", "title"):
        setattr(post, key, value)
    else:
        post.set(key, value)
    assert original.count(old) == 1
    assert post.dumps() == original.replace(old, new)
    removed, added = line_diff(original, post.dumps())
    assert "".join(removed) in old
    assert "".join(added) in new
    assert post.modified
    assert path.read_bytes().decode("utf-8") == original  # nothing written until saved


def test_remove_key_deletes_only_its_lines(corpus_copy: Callable[[str], Path]) -> None:
    path = corpus_copy("yaml-comments-anchors.md")
    original = path.read_text(encoding="utf-8")
    post = Post.load(path)
    post.remove("notes")
    assert post.dumps() == original.replace(
        "notes: |\n  Literal block.\n    Indented line kept.\n\n  After a blank line.\n", ""
    )
    post.remove("not-there")
    assert "notes" not in post


def test_anchors_and_merge_keys_survive_an_edit(corpus_copy: Callable[[str], Path]) -> None:
    post = Post.load(corpus_copy("yaml-comments-anchors.md"))
    post.title = "Anchors"
    again = Post.parse(post.dumps())
    assert again.get("seo") == {
        "share": True,
        "toc": False,
        "description": "How YAML front matter keeps its comments.",
    }
    assert "&defaults" in again.dumps() and "<<: *defaults" in again.dumps()


def test_anchored_value_keeps_its_anchor(corpus_copy: Callable[[str], Path]) -> None:
    post = Post.load(corpus_copy("yaml-comments-anchors.md"))
    post.set("defaults", {"share": False, "toc": True})
    assert "defaults: &defaults\n  share: false\n  toc: true\nseo:\n" in post.dumps()
    assert post.get("seo")["share"] is False
    before = post.dumps()
    with pytest.raises(ValueError, match="alias"):
        post.remove("defaults")
    assert post.dumps() == before


def test_setting_the_same_value_keeps_the_written_form(corpus_copy: Callable[[str], Path]) -> None:
    path = corpus_copy("2024-05-01-jekyll-trip-notes.md")
    original = path.read_text(encoding="utf-8")
    post = Post.load(path)
    post.date = datetime(2024, 5, 1, 7, 30, tzinfo=UTC).astimezone(tz(2))
    post.tags = ["lisbon", "trams", "food"]
    post.categories = ["travel", "europe"]
    post.title = "Three days in Lisbon: notes for next time"
    post.set("comments", True)
    post.status = "published"
    post.excerpt = None if post.excerpt is None else post.excerpt
    assert post.dumps() == original
    assert post.modified is False


# -- compatibility rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "status"),
    [
        ("published: false", "draft"),
        ("published: true", "published"),
        ("draft: true", "draft"),
        ("draft: false", "published"),
        ("draft: 'yes'", "draft"),
        ("status: Pending", "pending"),
        ("status: publish", "published"),
        ("status: future", "scheduled"),
        ("status: private\ndraft: true", "private"),
        ("title: no flags", "published"),
    ],
)
def test_status_rules(front: str, status: str) -> None:
    text = f"---\n{front}\n---\nbody\n"
    assert Post.parse(text).status == status
    assert summarize(text, "a.md").status == status


def test_status_of_a_file_without_front_matter_is_draft() -> None:
    assert Post.parse("just text\n").status == "draft"


@pytest.mark.parametrize(
    ("front", "status", "expected"),
    [
        # Hugo's convention is kept: draft/published are said with `draft:` alone.
        ("draft: true", "published", "draft: false"),
        ("draft: false", "draft", "draft: true"),
        # What `draft:` cannot say is added as `status:`, with the flag kept in step.
        ("draft: true", "scheduled", "draft: false\nstatus: scheduled"),
        ("draft: false", "private", "draft: true\nstatus: private"),
        # Jekyll's `published:` the same way.
        ("published: false", "published", "published: true"),
        ("published: true", "pending", "published: false\nstatus: pending"),
        # A file that has `status:` keeps using it, and its flags agree.
        ("status: draft\ndraft: true", "published", "status: published\ndraft: false"),
        ("title: x", "draft", "title: x\nstatus: draft"),
    ],
)
def test_setting_status_keeps_the_files_convention(front: str, status: str, expected: str) -> None:
    post = Post.parse(f"---\n{front}\n---\nbody\n")
    post.status = status
    assert post.dumps() == f"---\n{expected}\n---\nbody\n"
    assert Post.parse(post.dumps()).status == status


def test_status_on_toml_draft_keeps_the_flag(corpus_copy: Callable[[str], Path]) -> None:
    post = Post.load(corpus_copy("hugo-release-notes.md"))
    post.status = "published"
    assert "draft = false\n" in post.dumps()
    assert "status" not in post


def test_empty_status_is_refused() -> None:
    post = Post.new("x")
    with pytest.raises(ValueError, match="a status cannot be empty"):
        post.status = "  "


def test_date_and_title_from_jekyll_file_name(tmp_path: Path) -> None:
    path = tmp_path / "2024-05-01-my-first-post.md"
    path.write_text("---\nlayout: post\n---\nNo heading here.\n", encoding="utf-8")
    post = Post.load(path)
    assert post.date == datetime(2024, 5, 1)
    assert post.title == "my-first-post"
    summary = summarize(path.read_text(encoding="utf-8"), "_posts/2024-05-01-my-first-post.md")
    assert summary.date == "2024-05-01T00:00:00"
    assert summary.title == "my-first-post"


def test_date_key_wins_over_file_name(tmp_path: Path) -> None:
    path = tmp_path / "2024-05-01-x.md"
    path.write_text("---\ndate: 2020-01-02\n---\n", encoding="utf-8")
    assert Post.load(path).date == datetime(2020, 1, 2)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("date: 2024-05-01", datetime(2024, 5, 1)),
        ("date: 2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("date: 2024-05-01 10:00:00 +0200", datetime(2024, 5, 1, 10, tzinfo=tz(2))),
        ("date: '2024-05-01 10:00'", datetime(2024, 5, 1, 10)),
        ('date: "2024-05-01T10:00:00-07:00"', datetime(2024, 5, 1, 10, tzinfo=tz(-7))),
        ("date: 2024-05-01t10:00:00.5+05:30", datetime(2024, 5, 1, 10, 0, 0, 500000, tz(5.5))),
        ("date: not a date", None),
        ("date: ''", None),
    ],
)
def test_date_forms(front: str, expected: datetime | None) -> None:
    text = f"---\n{front}\n---\n"
    assert Post.parse(text).date == expected
    assert summarize(text, "x.md").date == (expected.isoformat() if expected else None)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("date = 2024-05-01T10:00:00+02:00", datetime(2024, 5, 1, 10, tzinfo=tz(2))),
        ("date = 2024-05-01T10:00:00", datetime(2024, 5, 1, 10)),
        ("date = 2024-05-01", datetime(2024, 5, 1)),
        ('date = "2024-05-01"', datetime(2024, 5, 1)),
    ],
)
def test_toml_date_forms(front: str, expected: datetime) -> None:
    text = f"+++\n{front}\n+++\n"
    assert Post.parse(text).date == expected
    assert summarize(text, "x.md").date == expected.isoformat()


def test_setting_a_date_only_date_keeps_it_date_only() -> None:
    post = Post.parse("---\ndate: 2024-05-01\n---\n")
    post.date = datetime(2024, 6, 2)
    assert post.dumps() == "---\ndate: 2024-06-02\n---\n"
    post.date = datetime(2024, 6, 2, 9, 15)
    assert post.dumps() == "---\ndate: 2024-06-02 09:15:00\n---\n"
    post.date = None
    assert post.dumps() == "---\n---\n"


@pytest.mark.parametrize(
    ("front", "tags"),
    [
        ("tags: a b c", ["a", "b", "c"]),
        ("tags: a, b c,, d", ["a", "b c", "d"]),
        ("tags: [x, y, x]", ["x", "y"]),
        ("tags:\n  - 1\n  - two", ["1", "two"]),
        ("tags: single", ["single"]),
        ("tags:", []),
        ("tag: jekyll-singular", ["jekyll-singular"]),
    ],
)
def test_tag_forms(front: str, tags: list[str]) -> None:
    text = f"---\n{front}\n---\n"
    assert Post.parse(text).tags == tags
    assert summarize(text, "x.md").tags == tuple(tags)


def test_category_forms() -> None:
    assert Post.parse("---\ncategories: news tech\n---\n").categories == ["news", "tech"]
    assert Post.parse("---\ncategory: News\n---\n").categories == ["News"]
    assert summarize("---\ncategory: News\n---\n", "x.md").categories == ("News",)


def test_unknown_keys_are_kept_in_order() -> None:
    text = "---\nzeta: 1\nlayout: post\ntitle: T\nalpha: [1, 2]\nmath: true\n---\n"
    post = Post.parse(text)
    post.title = "U"
    post.set("new_key", "v")
    assert post.keys() == ["zeta", "layout", "title", "alpha", "math", "new_key"]
    assert post.dumps() == text.replace("title: T", "title: U").replace(
        "math: true\n", "math: true\nnew_key: v\n"
    )


def test_yaml_1_1_lookalike_strings_are_quoted() -> None:
    post = Post.new("x", answer="yes", code="0777", ratio="1:20", big=1e16)
    text = post.dumps()
    assert "answer: 'yes'" in text and "code: '0777'" in text and "ratio: '1:20'" in text
    assert "big: 1.0e+16" in text
    assert yaml.safe_load(text.split("---")[1]) == {
        "title": "x",
        "status": "draft",
        "answer": "yes",
        "code": "0777",
        "ratio": "1:20",
        "big": 1e16,
    }


# -- posts without front matter -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("# Hello world #\n\ntext", "a.md", "Hello world"),
        (
            "# *Emphasis* and [a link](https://x.y/) in `code`\n",
            "a.md",
            "Emphasis and a link in code",
        ),
        ("# snake_case __bold__\n", "a.md", "snake_case bold"),
        ("Intro line\n\nSetext Title\n---\n", "a.md", "Setext Title"),
        ("text\n\n---\n\nmore", "notes.md", "notes"),
        ("```\n# not a heading\n```\n\n## Real one\n", "a.md", "Real one"),
        ("    # indented code\n", "a.md", "a"),
        ("", None, "Untitled"),
        ("---\ntitle: ''\n---\n# From heading\n", None, "From heading"),
    ],
)
def test_title_fallbacks(text: str, name: str | None, title: str) -> None:
    post = Post.parse(text, Path(name) if name else None)
    assert post.title == title
    assert summarize(text, name or "").title == title


def test_adding_a_key_to_a_bare_post_creates_a_yaml_block(
    corpus_copy: Callable[[str], Path],
) -> None:
    path = corpus_copy("plain-notes.md")
    original = path.read_text(encoding="utf-8")
    post = Post.load(path)
    assert post.status == "draft"
    post.tags = ["paper"]
    assert post.dumps() == "---\nstatus: draft\ntags: [paper]\n---\n\n" + original
    assert post.status == "draft"
    assert post.front_matter_format == "yaml"
    assert post.body == original
    assert post.title == "Why I keep a paper notebook"


def test_bare_crlf_post_gets_a_crlf_block() -> None:
    post = Post.parse("# T\r\n\r\nbody\r\n")
    post.slug = "t"
    assert post.dumps() == "---\r\nstatus: draft\r\nslug: t\r\n---\r\n\r\n# T\r\n\r\nbody\r\n"


def test_front_matter_added_to_a_bare_draft_keeps_it_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "idea.md"
    path.write_text("Just an idea.\n", encoding="utf-8")
    post = Post.load(path)
    assert post.status == "draft"
    post.set("title", "An idea")
    post.save(path)
    again = Post.load(path)
    assert again.status == "draft"
    assert again.get("status") == "draft"
    # Saying the status outright writes only that.
    for key, value, status in [
        ("status", "published", "published"),
        ("draft", False, "published"),
        ("published", True, "published"),
        ("draft", True, "draft"),
    ]:
        bare = Post.parse("Body.\n")
        bare.set(key, value)
        assert bare.keys() == [key]
        assert bare.status == status
    bare = Post.parse("Body.\n")
    bare.status = "published"
    assert bare.dumps() == "---\nstatus: published\n---\n\nBody.\n"


def test_setting_tags_to_nothing_on_a_bare_post_writes_nothing() -> None:
    post = Post.parse("text\n")
    post.tags = []
    post.excerpt = None
    assert post.dumps() == "text\n"
    assert post.modified is False


# -- line endings, BOM, body ---------------------------------------------------------------------


def test_crlf_body_is_read_with_lf_and_written_with_crlf(
    corpus_copy: Callable[[str], Path],
) -> None:
    post = Post.load(corpus_copy("crlf-windows.md"))
    assert "\r" not in post.body
    post.body = post.body + "- three\n"
    post.set("extra", {"a": [1, 2]})
    text = post.dumps()
    assert "\n" not in text.replace("\r\n", "")
    assert text.endswith("- two\r\n- three\r\n")


def test_bom_is_kept_through_edits(corpus_copy: Callable[[str], Path], tmp_path: Path) -> None:
    post = Post.load(corpus_copy("bom-notepad.md"))
    post.title = "Still a BOM"
    post.save(tmp_path / "out.md")
    data = (tmp_path / "out.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\ntitle: Still a BOM\n")
    assert Post.load(tmp_path / "out.md").title == "Still a BOM"


def test_no_final_newline_and_trailing_spaces_survive_edits(
    corpus_copy: Callable[[str], Path],
) -> None:
    post = Post.load(corpus_copy("no-final-newline.md"))
    post.status = "published"
    text = post.dumps()
    assert text.endswith("The last line has no newline")
    assert "---   \n\nA line with trailing spaces   \n" in text
    assert "published: true\n" in text


def test_body_line_and_body_edits() -> None:
    post = Post.parse("---\ntitle: x\n---\n\n\n# Body\n")
    assert post.body == "# Body\n"
    assert post.body_line == 5
    post.body = "New body\n"
    assert post.dumps() == "---\ntitle: x\n---\n\n\nNew body\n"
    closed_at_end = Post.parse("---\ntitle: x\n---")
    assert closed_at_end.body == ""
    closed_at_end.body = "text"
    assert closed_at_end.dumps() == "---\ntitle: x\n---\ntext"


def test_dots_closer_and_empty_block() -> None:
    post = Post.parse("---\n---\nbody\n")
    assert post.metadata() == {} and post.front_matter_format == "yaml"
    post.title = "T"
    assert post.dumps() == "---\ntitle: T\n---\nbody\n"
    dots = Post.parse("---\ntitle: a\n...\nbody")
    dots.slug = "s"
    assert dots.dumps() == "---\ntitle: a\nslug: s\n...\nbody"


def test_indented_duplicate_and_flow_front_matter() -> None:
    indented = Post.parse("---\n  title: a\n  slug: b\n---\n")
    indented.slug = "c"
    indented.set("tags", ["t"])
    assert indented.dumps() == "---\n  title: a\n  slug: c\n  tags: [t]\n---\n"
    duplicate = Post.parse("---\ntitle: a\nslug: s\ntitle: b\n---\n")
    assert duplicate.title == "b"  # the last one counts, as for every YAML reader we know
    duplicate.title = "c"
    assert duplicate.dumps() == "---\ntitle: c\nslug: s\n---\n"
    flow = Post.parse("---\n{title: a, slug: b}\n---\n")
    flow.slug = "c"
    assert flow.dumps() == "---\ntitle: a\nslug: c\n---\n"


# -- new posts, values, saving --------------------------------------------------------------------


def test_new_post_is_yaml_with_title_and_draft_status() -> None:
    post = Post.new("Hello", "Body\n", tags=["a", "b"], date=datetime(2024, 1, 2, 3, 4, 5))
    assert post.dumps() == (
        "---\ntitle: Hello\nstatus: draft\ntags: [a, b]\ndate: 2024-01-02 03:04:05\n---\n\nBody\n"
    )
    assert post.front_matter_format == "yaml" and post.modified
    assert post.path is None
    assert Post.new("x", status="published").status == "published"


def test_get_and_metadata_return_plain_copies() -> None:
    post = Post.parse("---\nnested: {a: [1, 2]}\nwhen: 2024-01-01\n---\n")
    value = post.get("nested")
    value["a"].append(3)
    assert post.get("nested") == {"a": [1, 2]}
    assert post.metadata() == {"nested": {"a": [1, 2]}, "when": date(2024, 1, 1)}
    assert post.get("missing", 42) == 42
    assert "nested" in post


def test_unwritable_value_leaves_the_post_unchanged() -> None:
    post = Post.parse("---\ntitle: a\n---\n")
    with pytest.raises(ValueError, match="cannot write this value of 'thing'"):
        post.set("thing", object())
    assert post.dumps() == "---\ntitle: a\n---\n" and post.modified is False


def test_toml_set_none_removes_and_nested_values_become_tables(
    corpus_copy: Callable[[str], Path],
) -> None:
    post = Post.load(corpus_copy("hugo-release-notes.md"))
    post.set("weight", None)
    assert "weight" not in post
    post.set_sync_state("ghost-1", {"remote_id": "abc", "synced_at": "2024-05-01T10:00:00Z"})
    again = Post.parse(post.dumps())
    assert again.sync_state("ghost-1") == {"remote_id": "abc", "synced_at": "2024-05-01T10:00:00Z"}
    assert again.get("params") == {
        "featured": True,
        "hero": {"image": "images/hero.jpg", "alt": "A chart going up"},
    }
    assert len(again.get("resources")) == 2
    with pytest.raises(ValueError, match="TOML has no empty value"):
        post.set("list_with_none", [1, None])


def test_save_is_atomic_and_clears_modified(tmp_path: Path) -> None:
    post = Post.new("Saved", "text\n")
    with pytest.raises(ValueError, match="the post has no file yet: give a path"):
        post.save()
    target = tmp_path / "saved.md"
    post.save(target)
    assert post.path == target and not post.modified
    assert target.read_text(encoding="utf-8") == post.dumps()
    assert [p.name for p in tmp_path.iterdir()] == ["saved.md"]


# -- the reserved `blogdesk:` key -----------------------------------------------------------------


def test_sync_state_lives_under_blogdesk_accounts() -> None:
    post = Post.parse("---\ntitle: T\nlayout: post\n---\nbody\n")
    assert post.sync_state("wp-1") == {}
    state = {
        "remote_id": 123,
        "url": "https://blog.example/t/",
        "modified_gmt": "2024-05-01T10:00:00",
        "content_hash": "sha256:ab12",
    }
    post.set_sync_state("wp-1", state)
    post.set_sync_state("ghost-2", {"remote_id": "65f0"})
    data = yaml.safe_load(post.dumps().split("---\n")[1])
    assert data["blogdesk"] == {"accounts": {"wp-1": state, "ghost-2": {"remote_id": "65f0"}}}
    assert data["layout"] == "post"
    assert post.sync_accounts() == ["wp-1", "ghost-2"]
    copy = post.sync_state("wp-1")
    copy["remote_id"] = 0
    assert post.sync_state("wp-1")["remote_id"] == 123
    post.set_sync_state("wp-1", {"remote_id": 124})
    assert Post.parse(post.dumps()).sync_state("wp-1") == {"remote_id": 124}
    post.set_sync_state("wp-1", {})
    post.set_sync_state("ghost-2", {})
    assert post.dumps() == "---\ntitle: T\nlayout: post\n---\nbody\n"


def test_sync_state_keeps_other_blogdesk_entries() -> None:
    post = Post.parse("---\nblogdesk:\n  note: keep me\n  accounts: {}\n---\n")
    post.set_sync_state("a", {"x": 1})
    assert post.get("blogdesk") == {"note": "keep me", "accounts": {"a": {"x": 1}}}
    post.set_sync_state("a", {})
    assert post.get("blogdesk") == {"note": "keep me"}


# -- bad input: a clear error naming the file and line, the file untouched -------------------


BAD_FILES: list[tuple[str, bytes, int | None, str]] = [
    ("broken-yaml.md", b"---\ntitle: ok\nslug: fine\n tags: x\n---\nbody\n", 4, "broken YAML"),
    ("unclosed-list.md", b"---\ntitle: ok\ntags: [a, b\n---\nbody\n", 3, "broken YAML"),
    ("unclosed-quote.md", b'---\ntitle: "ok\nslug: x\n---\n', 2, "broken YAML"),
    ("crlf-broken.md", b"---\r\ntitle: x\r\nslug: [\r\n---\r\n", 3, "broken YAML"),
    ("bom-broken.md", b"\xef\xbb\xbf---\ntitle: x\ndate: : :\n---\n", 3, "broken YAML"),
    ("bad-date.md", b"---\ntitle: x\ndate: 2024-02-30\n---\n", 3, "day is out of range"),
    ("control-char.md", b"---\ntitle: a\x07b\n---\n", 2, "U+0007"),
    ("alias.md", b"---\na: 1\nb: *nope\n---\n", 3, "undefined alias"),
    ("broken-toml.md", b'+++\ntitle = "x"\n\ndraft = \n+++\n', 4, "broken TOML"),
    ("toml-duplicate.md", b'+++\ntitle = "x"\ntitle = "y"\n+++\n', 3, "broken TOML"),
    ("list.md", b"---\n- a\n- b\n---\n", 2, "it is a list"),
    ("scalar.md", b"---\njust some text\n---\n", 2, "single value"),
    ("unclosed.md", b"---\ntitle: x\n\nThe body, but no closing line.\n", 1, "never closed"),
    ("unclosed-toml.md", b'+++\ntitle = "x"\n', 1, "'+++'"),
    ("latin1.md", b"---\ntitle: caf\xe9\n---\n", 2, "offset 14"),
    ("latin1-body.md", b"---\ntitle: x\n---\n\nna\xefve\n", 5, "not UTF-8"),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "NUL byte at offset 8"),
]


@pytest.mark.parametrize(
    ("name", "data", "line", "words"), BAD_FILES, ids=[case[0] for case in BAD_FILES]
)
def test_bad_input_names_file_and_line(
    tmp_path: Path, name: str, data: bytes, line: int | None, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PostFormatError) as caught:
        Post.load(path)
    error = caught.value
    assert isinstance(error, BlogDeskError)
    assert error.path == path and error.line == line
    assert words in str(error)
    assert str(error).startswith(f"{path}:{line}: ")
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == [name]


def _is_text(data: bytes) -> bool:
    try:
        return b"\x00" not in data and bool(data.decode("utf-8"))
    except UnicodeDecodeError:
        return False


@pytest.mark.parametrize(
    ("name", "data", "line", "words"),
    [case for case in BAD_FILES if _is_text(case[1])],
)
def test_summarize_raises_the_same_errors(name: str, data: bytes, line: int, words: str) -> None:
    with pytest.raises(PostFormatError) as caught:
        summarize(data.decode("utf-8"), f"posts/{name}")
    assert caught.value.line == line and words in str(caught.value)
    assert caught.value.path == Path(f"posts/{name}")


def test_too_large_file_says_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(MAX_POST_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(PostFormatError) as caught:
        Post.load(path)
    message = str(caught.value)
    assert "the file is over the 20 MB that BlogDesk opens as a post" in message
    assert caught.value.path == path
    assert path.stat().st_size == MAX_POST_BYTES + 1


def test_missing_file_is_a_post_format_error(tmp_path: Path) -> None:
    with pytest.raises(PostFormatError, match="cannot read"):
        Post.load(tmp_path / "nope.md")


# -- summaries ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("one two three", 3),
        ("# Heading\n\nIt's a well-known fact.", 5),
        ("[link text](https://example.com/a/very/long/path) and ![alt](img.png)", 4),
        ('<div class="note">hello <b>there</b></div>', 2),
        ("東京の春", 4),
        ("Python と 東京", 4),
        ("Привет, мир!", 2),
        ("مرحبا بالعالم", 2),
        ("", 0),
        ("- item one\n- item two\n\n---\n\n| a | well-known |\n|---|---|\n", 6),
        ("東京の春。雨の日！", 7),
        ("Code: `x = 1` -- done.", 4),
    ],
)
def test_word_count(body: str, words: int) -> None:
    assert summarize(body, "x.md").word_count == words


def test_summary_fields_for_a_full_post() -> None:
    text = (
        "---\r\ntitle: Full\r\ndate: 2024-05-01T10:00:00+02:00\r\nslug: full\r\n"
        "excerpt: The gist.\r\ntags: [a, b]\r\ncategories: news\r\nstatus: scheduled\r\n---\r\n"
        "\r\nBody text.\r\n"
    )
    assert summarize(text, "2024/full.md") == PostSummary(
        path="2024/full.md",
        title="Full",
        status="scheduled",
        date="2024-05-01T10:00:00+02:00",
        slug="full",
        tags=("a", "b"),
        categories=("news",),
        excerpt="The gist.",
        word_count=2,
        body="Body text.\n",
    )


def test_comments_between_keys_stay_when_the_key_before_changes() -> None:
    text = "---\ntags:\n  - a\n\n# the slug is fixed: links point here\nslug: s\n---\n"
    post = Post.parse(text)
    post.tags = ["a", "b"]
    assert post.dumps() == text.replace("  - a\n", "  - a\n  - b\n")
    post.remove("tags")
    assert post.dumps() == "---\n\n# the slug is fixed: links point here\nslug: s\n---\n"


LIST_WITH_COMMENTS = (
    "---\ntags:  # shown on the tag page\n  - a  # first\n  # standalone\n  - b\n"
    "# after the list\nslug: s\n---\n"
)


def test_comments_inside_a_block_list_follow_their_items() -> None:
    post = Post.parse(LIST_WITH_COMMENTS)
    post.tags = ["a", "b", "c"]
    assert post.dumps() == LIST_WITH_COMMENTS.replace("  - b\n", "  - b\n  - c\n")
    assert post.tags == ["a", "b", "c"]
    # Reordered: each item keeps its own comments.
    post = Post.parse(LIST_WITH_COMMENTS)
    post.tags = ["b", "a"]
    assert post.dumps() == (
        "---\ntags:  # shown on the tag page\n  # standalone\n  - b\n  - a  # first\n"
        "# after the list\nslug: s\n---\n"
    )
    # A removed item's trailing comment goes with it; comment lines above it stay.
    post = Post.parse(LIST_WITH_COMMENTS)
    post.tags = ["b"]
    assert post.dumps() == (
        "---\ntags:  # shown on the tag page\n  # standalone\n  - b\n"
        "# after the list\nslug: s\n---\n"
    )


def test_comments_inside_a_block_list_keep_crlf_and_the_files_indentation() -> None:
    text = "---\r\ntags:\r\n- a  # first\r\n# standalone\r\n- b\r\n---\r\nbody\r\n"
    post = Post.parse(text)
    post.tags = ["a", "b", "new"]
    assert post.dumps() == text.replace("- b\r\n", "- b\r\n- new\r\n")
    assert Post.parse(post.dumps()).tags == ["a", "b", "new"]


def test_toml_crlf_edits_keep_crlf() -> None:
    text = '+++\r\ntitle = "T" # the title\r\n\r\n[params]\r\nx = 1\r\n+++\r\nbody\r\n'
    post = Post.parse(text)
    post.title = "U"
    post.slug = "u"
    assert post.dumps() == (
        '+++\r\ntitle = "U" # the title\r\nslug = "u"\r\n\r\n[params]\r\nx = 1\r\n+++\r\nbody\r\n'
    )


def test_parse_accepts_a_text_path() -> None:
    post = Post.parse("text\n", "2023-02-03-from-str.md")  # type: ignore[arg-type]
    assert post.path == Path("2023-02-03-from-str.md")
    assert post.date == datetime(2023, 2, 3) and post.title == "from-str"


def test_every_key_of_every_corpus_file_can_be_changed_alone(corpus_file: Path) -> None:
    """For each top-level key: set a new value, and the diff is one block: that key's lines."""
    original = corpus_file.read_bytes().decode("utf-8")
    base = Post.parse(original, corpus_file)
    toml = base.front_matter_format == "toml"
    for key in list(base.keys()):
        if toml and isinstance(base.get(key), (dict, list)) and key != "tags":
            continue  # a [table] turned into a string would have to move above the tables
        post = Post.parse(original, corpus_file)
        if key == "defaults":  # its &defaults anchor is merged into `seo:`
            with pytest.raises(ValueError, match="alias"):
                post.set(key, "changed value")
            assert post.dumps() == original
            continue
        post.set(key, "changed value")
        old_lines = original.splitlines(keepends=True)
        new_lines = post.dumps().splitlines(keepends=True)
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        assert len(changes) == 1, (key, changes)
        _, a1, a2, b1, b2 = changes[0]
        added = "".join(new_lines[b1:b2])
        # The old quoting style is kept: plain, 'single' or "double".
        written = (
            [f'{key} = "changed value"']
            if toml
            else [f"{key}: changed value", f"{key}: 'changed value'", f'{key}: "changed value"']
        )
        assert added.startswith(tuple(written)), (key, added)
        assert len(new_lines[b1:b2]) == 1
        assert old_lines[a1].lstrip().startswith(key), (key, old_lines[a1:a2])
        again = Post.parse(post.dumps())
        assert again.get(key) == "changed value"
        assert {k: v for k, v in again.metadata().items() if k != key} == {
            k: v for k, v in base.metadata().items() if k != key
        }


def test_folded_excerpt_set_to_itself_is_not_rewritten(corpus_copy: Callable[[str], Path]) -> None:
    path = corpus_copy("yaml-comments-anchors.md")
    post = Post.load(path)
    assert post.excerpt is not None
    post.excerpt = post.excerpt
    post.featured_image = "/media/yaml-cover.png"
    assert post.dumps() == path.read_text(encoding="utf-8") and not post.modified


class _LisbonSummer(tzinfo):
    """A named zone that is not a fixed `timezone`, like zoneinfo's (without needing tzdata)."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1)

    def tzname(self, dt: datetime | None) -> str:
        return "WEST"


def test_zone_aware_dates_are_written_with_their_offset() -> None:
    lisbon = datetime(2024, 7, 1, 9, 30, tzinfo=_LisbonSummer())
    for text in ("---\ntitle: x\n---\n", '+++\ntitle = "x"\n+++\n'):
        post = Post.parse(text)
        post.date = lisbon
        again = Post.parse(post.dumps())
        assert again.date == lisbon and again.date.utcoffset() == timedelta(hours=1)
        post.date = lisbon  # the same moment: nothing to rewrite
        assert post.dumps() == again.dumps()


def test_corpus_files_keep_their_byte_forms() -> None:
    """Guards the corpus itself: a checkout that converted line endings would hide bugs."""
    corpus = Path(__file__).parent / "corpus"
    crlf = (corpus / "crlf-windows.md").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 5
    assert (corpus / "bom-notepad.md").read_bytes().startswith(b"\xef\xbb\xbf---\n")
    tail = (corpus / "no-final-newline.md").read_bytes()
    assert not tail.endswith(b"\n") and b"spaces   \n" in tail
