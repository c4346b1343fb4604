"""The library commands as a user runs them: a real library folder, real files, the real index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from blogdesk.cli import main
from blogdesk.core.render.rendering import render


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib(tmp_path: Path) -> str:
    return str(tmp_path / "library")


def test_new_list_search_show_and_json(lib: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--library", lib, "new", "Über den Wolken", "--tag", "travel")
    assert code == 0
    path = Path(out.strip())
    assert path.is_file() and path.parent == Path(lib).resolve()
    path.write_text(path.read_text() + "\nA quote from Reinhard Mey about freedom.\n")
    run(capsys, "--library", lib, "new", "Kitchen notes")

    code, out, _ = run(capsys, "--library", lib, "list", "--tag", "travel", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["title"] for r in rows] == ["Über den Wolken"]
    assert set(rows[0]) >= {
        "path",
        "title",
        "status",
        "date",
        "slug",
        "tags",
        "categories",
        "excerpt",
        "word_count",
    }
    assert rows[0]["status"] == "draft" and rows[0]["date"] and rows[0]["tags"] == ["travel"]

    code, out, _ = run(capsys, "--library", lib, "search", "reinh", "--json")
    hits = json.loads(out)
    assert code == 0 and [h["title"] for h in hits] == ["Über den Wolken"]
    assert "«Reinhard»" in hits[0]["snippet"]

    code, out, _ = run(capsys, "--library", lib, "show", str(path), "--json")
    shown = json.loads(out)
    assert shown["title"] == "Über den Wolken" and shown["front_matter"]["tags"] == ["travel"]


def test_render_prints_exactly_the_published_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "quote.md"
    body = (
        '> "Write drunk, edit sober."\n>\n> <cite>Not Hemingway</cite>\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    post.write_text("---\ntitle: Quote\n---\n" + body, encoding="utf-8")
    code, out, _ = run(capsys, "render", str(post))
    assert code == 0
    assert out == render(body).html
    assert "<table>" in out and "title" not in out.split("<blockquote>")[0]


def test_render_follows_the_smart_quotes_setting_like_the_preview(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from blogdesk.core import paths
    from blogdesk.core.render.rendering import RenderOptions

    post = tmp_path / "quotes.md"
    body = '"Straight" quotes -- and an ellipsis...\n'
    post.write_text("---\ntitle: Quotes\n---\n" + body, encoding="utf-8")
    paths.config_dir().mkdir(parents=True)
    (paths.config_dir() / "settings.json").write_text(json.dumps({"smart_quotes": False}))
    code, out, _ = run(capsys, "render", str(post))
    assert code == 0
    assert out == render(body, RenderOptions(smart_quotes=False)).html
    assert out != render(body).html and '"Straight"' in out


def test_bad_input_gets_a_message_and_exit_code_not_a_traceback(
    tmp_path: Path, lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\nbody\n")
    code, _, err = run(capsys, "show", str(broken))
    assert code == 1 and str(broken) in err and "Traceback" not in err
    assert broken.read_text() == "---\ntitle: [unclosed\n---\nbody\n"

    code, _, err = run(capsys, "render", str(tmp_path / "missing.md"))
    assert code == 1 and "no such file" in err

    Path(lib).mkdir()
    (Path(lib) / "binary.md").write_bytes(b"\x00\x01\x02")
    code, _, err = run(capsys, "--library", lib, "list")
    assert code == 0 and "binary.md" in err and "binary file" in err


def test_reindex_rebuilds_a_deleted_index(lib: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--library", lib, "new", "Kept in the file")
    index = Path(lib) / ".blogdesk" / "index.sqlite3"
    assert index.exists()
    index.unlink()
    code, out, _ = run(capsys, "--library", lib, "reindex")
    assert code == 0 and "Indexed 1 posts." in out
    _, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert [r["title"] for r in json.loads(out)] == ["Kept in the file"]


def test_environment_variable_names_the_library(
    lib: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLOGDESK_LIBRARY", lib)
    run(capsys, "new", "From the environment")
    assert any(p.name == "from-the-environment.md" for p in Path(lib).iterdir())


def test_a_real_process_exits_1_with_one_line_on_stderr(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "blogdesk", "show", str(tmp_path / "nope.md")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("blogdesk: ") and "Traceback" not in proc.stderr


def test_a_mistyped_library_is_an_error_not_a_new_empty_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "Blgo"
    for command in (["list"], ["search", "x"], ["reindex"]):
        code, _, err = run(capsys, "--library", str(typo), *command)
        assert code == 1 and "There is no library folder" in err
    assert not typo.exists()
    code, out, _ = run(capsys, "--library", str(typo), "new", "First post")
    assert code == 0 and Path(out.strip()).is_file()


def test_paths_printed_by_list_work_for_show_from_anywhere(
    lib: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run(capsys, "--library", lib, "new", "Somewhere else")
    _, out, _ = run(capsys, "--library", lib, "list", "--json")
    rel = json.loads(out)[0]["path"]
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--library", lib, "show", rel, "--json")
    assert code == 0 and json.loads(out)["title"] == "Somewhere else"


def test_title_sort_is_a_to_z_and_date_sort_newest_first(
    lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    dated = (("Banana", "2024-01-02"), ("Apple", "2024-01-01"), ("Cherry", "2024-01-03"))
    for title, date in dated:
        _, out, _ = run(capsys, "--library", lib, "new", title)
        path = Path(out.strip())
        text = path.read_text()
        path.write_text(
            "\n".join(
                f"date: {date}" if line.startswith("date:") else line for line in text.split("\n")
            )
        )

    def titles(*extra: str) -> list[str]:
        _, out, _ = run(capsys, "--library", lib, "list", "--json", *extra)
        return [r["title"] for r in json.loads(out)]

    assert titles("--sort", "title") == ["Apple", "Banana", "Cherry"]
    assert titles("--sort", "title", "--reverse") == ["Cherry", "Banana", "Apple"]
    assert titles() == ["Cherry", "Banana", "Apple"]


def test_an_empty_title_is_refused(lib: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--library", lib, "new", "  ")
    assert code == 1 and "needs a title" in err


def test_the_window_check_knows_every_command_without_importing_them() -> None:
    import argparse

    from blogdesk.cli import COMMAND_NAMES, build_parser

    registered: set[str] = set()
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            registered |= set(action.choices)
    assert registered == set(COMMAND_NAMES)
