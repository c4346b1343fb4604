"""The pre-publish checks, one by one, on real posts rendered by the real renderer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from blogdesk.core.checks import CheckContext, LinkVerdict, Report, checkable_links, run_checks
from blogdesk.core.checks.fields import expected_names
from blogdesk.core.checks.spelling import MAX_LISTED, load_spelling
from blogdesk.core.post.post import Post
from blogdesk.core.render.rendering import render

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def check(text: str, **context: object) -> Report:
    post = Post.parse(text, Path("post.md"))
    context.setdefault("now", NOW)
    return run_checks(post, render(post.body), CheckContext(**context))  # type: ignore[arg-type]


def found(report: Report, name: str) -> list[tuple[int | None, int, str]]:
    """(file line, 1-based column, severity) of each issue of one check."""
    return [
        (report.file_line(i), i.column + 1, i.severity) for i in report.issues if i.check == name
    ]


def doc(body: str, front: str = "title: A post\n") -> str:
    return f"---\n{front}---\n\n{body}"


# -- text ------------------------------------------------------------------------------------


def test_images_without_alt_text_are_warnings_at_their_place() -> None:
    report = check(
        doc(
            "Intro.\n\n![](a.png)\n\n![A cat](b.png)\n\n"
            '<figure class="aligncenter"><img src="c.png" alt=""></figure>\n'
        )
    )
    assert found(report, "image-alt") == [(7, 1, "warning"), (11, 29, "warning")]
    assert not report.blocking  # a warning never blocks


def test_an_image_in_code_is_not_an_image() -> None:
    report = check(doc("```\n![](a.png)\n```\n\nAnd `![](b.png)` inline.\n"))
    assert found(report, "image-alt") == []


def test_missing_local_files_block_and_existing_ones_do_not(tmp_path: Path) -> None:
    present = {"here.png", "docs/plan.pdf"}
    report = check(
        doc(
            "![Here](here.png) ![Gone](gone.png)\n\n"
            "[plan](docs/plan.pdf) [old plan](docs/old.pdf) [about](about/) [tag](/tags/x/)\n"
            "[web](https://example.org/x.pdf) [top](#top)\n"
        ),
        file_exists=lambda ref: ref in present,
    )
    assert found(report, "missing-file") == [(5, 19, "error"), (7, 23, "error")]
    messages = [i.message for i in report.issues if i.check == "missing-file"]
    assert "gone.png" in messages[0] and "docs/old.pdf" in messages[1]
    assert report.blocking


def test_local_paths_left_in_the_text_but_not_in_code_or_web_addresses() -> None:
    report = check(
        doc(
            "From file:///home/me/pic.png and C:\\Users\\me\\notes.txt.\n"
            "Saved in /home/alice/drafts/post.md, or /Users/bob/Desktop.\n"
            "Not https://example.org/home/alice/x nor `/home/alice/code`.\n\n"
            "```\ncat /home/alice/.bashrc\n```\n"
        )
    )
    assert found(report, "local-path") == [
        (5, 6, "error"),
        (5, 34, "error"),
        (6, 10, "error"),
        (6, 41, "error"),
    ]
    assert "C:\\Users\\me\\notes.txt" in report.issues[1].message


def test_unbalanced_shortcodes() -> None:
    report = check(
        doc(
            '[caption id="1"]<img src="x.png" alt="x"> A caption\n\n'
            '[gallery ids="1,2"]\n\n'
            "[embed]https://example.org/v[/embed]\n\n"
            "Text [/quote] here.\n\n"
            "{{< note >}}Open{{< /note >}} and {{< /warning >}}\n\n"
            "A [shortcut link] and [link](https://example.org) and [ref][1].\n\n"
            "[1]: https://example.org/r\n"
        )
    )
    assert found(report, "shortcode") == [(5, 1, "error"), (11, 6, "error"), (13, 35, "error")]
    messages = [i.message for i in report.issues if i.check == "shortcode"]
    assert "add [/caption]" in messages[0]
    assert "[/quote] closes" in messages[1] and "{{< /warning >}} closes" in messages[2]


def test_headings_that_skip_levels() -> None:
    report = check(doc("## Two\n\n#### Four\n\n### Three\n\n## Two again\n\n###### Six\n"))
    assert found(report, "heading-skip") == [(7, 1, "warning"), (13, 1, "warning")]
    assert "make it an h3" in report.issues[0].message
    assert found(check(doc("### First is h3\n")), "heading-skip") == [(5, 1, "warning")]
    assert found(check(doc("# One\n\n## Two\n\n### Three\n")), "heading-skip") == []


def test_links_answers_become_issues_at_the_links() -> None:
    text = doc(
        "[ok](https://ok.example/) [gone](https://gone.example/)\n"
        "![pic](https://img.example/missing.png)\n"
        "[slow](https://slow.example/) [down](https://down.example/) [no](https://no.example/)\n"
        "[again](https://gone.example/)\n"
    )
    post = Post.parse(text)
    assert checkable_links(render(post.body).html) == [
        "https://ok.example/",
        "https://gone.example/",
        "https://img.example/missing.png",
        "https://slow.example/",
        "https://down.example/",
        "https://no.example/",
    ]
    verdicts = {
        "https://ok.example/": LinkVerdict("ok", 200),
        "https://gone.example/": LinkVerdict("gone", 404),
        "https://img.example/missing.png": LinkVerdict("gone", 410),
        "https://slow.example/": LinkVerdict("timeout"),
        "https://down.example/": LinkVerdict("failed", 503),
        "https://no.example/": LinkVerdict("unreachable", detail="the name does not resolve"),
    }
    report = check(text, links=verdicts)
    assert found(report, "dead-link") == [
        (5, 27, "error"),
        (6, 1, "error"),
        (7, 1, "warning"),
        (7, 31, "warning"),
        (7, 61, "error"),
    ]
    messages = [i.message for i in report.issues if i.check == "dead-link"]
    assert "404" in messages[0] and "410 Gone" in messages[1] and "503" in messages[3]
    assert "does not resolve" in messages[4]
    assert "Links were not checked." not in report.notes


def test_links_not_checked_say_so() -> None:
    report = check(
        doc("[x](https://example.org)\n"), links_note="Links were not checked (offline)."
    )
    assert report.notes[0] == "Links were not checked (offline)."


# -- spelling ----------------------------------------------------------------------------------


def test_spelling_through_the_small_interface() -> None:
    def speller(body: str) -> list[tuple[int, int, str]]:
        return [
            (n, line.index("teh"), "teh")
            for n, line in enumerate(body.split("\n"))
            if "teh" in line
        ]

    report = check(doc("Fine.\n\nThis is teh end.\n"), spelling=speller)
    assert found(report, "spelling") == [(7, 9, "warning")]
    assert "“teh”" in report.issues[0].message


def test_a_flood_of_misspellings_is_cut_short() -> None:
    report = check(doc("x\n"), spelling=lambda _b: [(0, i, "zzq") for i in range(MAX_LISTED + 7)])
    spelled = [i for i in report.issues if i.check == "spelling"]
    assert len(spelled) == MAX_LISTED + 1 and "7 more" in spelled[-1].message


def test_the_real_spell_checker_flags_a_misspelling_where_it_is() -> None:
    source, note = load_spelling("en_US")
    assert source is not None, note  # hunspell-en-us is a declared system dependency
    report = check(doc("Fine.\n\nThis is teh end.\n"), spelling=source, spelling_note=note)
    assert found(report, "spelling") == [(7, 9, "warning")]
    assert not any(n.startswith("Spelling") for n in report.notes)


def test_a_language_without_a_dictionary_is_said_not_claimed_clean() -> None:
    source, note = load_spelling("xx_XX")
    report = check(doc("Text.\n"), spelling=source, spelling_note=note)
    assert source is None and note and note.startswith("Spelling was not checked")
    assert note in report.notes


# -- fields ------------------------------------------------------------------------------------


def test_an_empty_title_blocks() -> None:
    for front in ("title: ''\n", "title:   \n", "status: draft\n"):
        report = check(doc("Just text.\n", front))
        assert [(i.check, i.field, i.severity) for i in report.issues] == [
            ("empty-title", "title", "error")
        ], front
    assert found(check(doc("# A heading title\n", "status: draft\n")), "empty-title") == []


def test_what_the_blog_expects() -> None:
    expects = expected_names(["tags", "Excerpt", "featured image", "nonsense"])
    assert expects == {"tags", "excerpt", "featured_image"}
    assert expected_names("tags, categories") == {"tags", "categories"}
    assert expected_names(None) == frozenset()
    report = check(doc("Text.\n", "title: T\ntags: [a]\n"), expects=expects)
    assert [(i.check, i.field) for i in report.issues] == [
        ("expected-field", "excerpt"),
        ("expected-field", "featured_image"),
    ]
    full = "title: T\ntags: [a]\nexcerpt: Short.\nfeatured_image: pic.png\n"
    assert check(doc("Text.\n", full), expects=expects).issues == ()


def test_a_title_already_on_the_blog() -> None:
    report = check(doc("Text.\n", "title: Hello World\n"), taken_titles={"hello world": "old.md"})
    assert [(i.check, i.severity) for i in report.issues] == [("duplicate-title", "warning")]
    assert "old.md" in report.issues[0].message
    assert check(doc("Text.\n", "title: Other\n"), taken_titles={"hello": "a.md"}).issues == ()


def test_a_schedule_date_in_the_past() -> None:
    past = "title: T\nstatus: scheduled\ndate: 2026-05-01T09:00:00+00:00\n"
    report = check(doc("Text.\n", past))
    assert [(i.check, i.field, i.severity) for i in report.issues] == [
        ("past-schedule", "date", "error")
    ]
    # A draft with an old date is fine; so is a schedule the panel moves into the future.
    assert check(doc("Text.\n", past.replace("scheduled", "draft"))).issues == ()
    later = NOW + timedelta(days=1)
    assert check(doc("Text.\n", past), date=later).issues == ()
    # The panel asking for a schedule of a draft with a past date: checked too.
    assert found(
        check(doc("Text.\n", "title: T\ndate: 2026-01-01\n"), status="scheduled"), "past-schedule"
    )


def test_the_report_reads_like_the_post_and_has_a_json_shape() -> None:
    report = check(
        doc("Text in /home/me/x.\n\n![](x.png)\n", "title: ''\n"),
        file_exists=lambda _r: False,
    )
    assert [i.check for i in report.issues] == [
        "empty-title",
        "local-path",
        "image-alt",
        "missing-file",
    ]
    data = report.to_json(file="post.md")
    assert data["file"] == "post.md" and data["blocking"] is True
    assert data["errors"] == 3 and data["warnings"] == 1
    assert data["issues"][0] == {
        "check": "empty-title",
        "severity": "error",
        "message": report.issues[0].message,
        "line": None,
        "column": None,
        "body_line": None,
        "field": "title",
    }
    assert data["issues"][2]["line"] == 7 and data["issues"][2]["body_line"] == 2
    assert data["issues"][2]["column"] == 1


def test_a_clean_post_has_nothing() -> None:
    report = check(
        doc("# Title\n\nSome text with ![a cat](cat.png).\n"), file_exists=lambda _r: True
    )
    assert report.issues == () and not report.blocking
