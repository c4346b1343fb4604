"""The library commands as a user runs them: a real library folder, real files, the real index."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
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


def _aged(path: Path, text: str, seconds: int) -> None:
    """Write `text` and date the file `seconds` ago: long enough before the index saw it that
    its mtime and size alone say whether it changed (within 2 s its content would be hashed)."""
    path.write_text(text, encoding="utf-8")
    then = time.time_ns() - seconds * 1_000_000_000
    os.utime(path, ns=(then, then))


def test_list_shows_what_was_edited_added_and_removed_outside(
    lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(lib)
    root.mkdir()
    for name, title, date in (("a", "Apple", "2024-01-01"), ("b", "Banana", "2024-01-02")):
        _aged(root / f"{name}.md", f"---\ntitle: {title}\ndate: {date}\n---\n", 3600)
    _aged(root / "c.md", "---\ntitle: Cherry\ndate: 2024-01-03\ntags: [red]\n---\n", 3600)
    assert run(capsys, "--library", lib, "list")[0] == 0  # builds the index
    # Edited in another program (a new mtime, a year ago: long settled), one removed, one added
    # in a folder of its own.
    _aged(root / "a.md", "---\ntitle: Apricot\ndate: 2024-01-01\n---\n", 365 * 86400)
    (root / "b.md").unlink()
    (root / "more").mkdir()
    _aged(root / "more" / "d.md", "---\ntitle: Date\ndate: 2024-01-04\n---\n", 3600)
    code, out, err = run(capsys, "--library", lib, "list")
    assert (code, err) == (0, "")
    assert out == (
        "2024-01-04  published  Date  (more/d.md)\n"
        "2024-01-03  published  Cherry  [red]  (c.md)\n"
        "2024-01-01  published  Apricot  (a.md)\n"
    )
    # Nothing changed since: the same list from the index as it is.
    assert run(capsys, "--library", lib, "list")[1] == out


def test_list_writes_control_characters_of_any_field_as_escapes(
    lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(lib)
    root.mkdir()
    (root / "odd.md").write_text(
        '---\ntitle: "Red \\e[31m"\nstatus: "draft\\e[0m"\ntags: ["a\\tb"]\n'
        "date: 2024-01-01\n---\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--library", lib, "list")
    assert code == 0
    assert out == "2024-01-01  draft\\x1b[0m  Red \\x1b[31m  [a\\tb]  (odd.md)\n"


def test_a_cold_list_loads_nothing_for_writing_or_searching(tmp_path: Path) -> None:
    # `blogdesk list` on a library already indexed reads the index and stats the files: it
    # hashes no file, parses no TOML, builds no index, searches nothing, deletes nothing
    # (each of these modules costs 2-5 ms of every start; docs/performance.md).
    root = tmp_path / "library"
    root.mkdir()
    _aged(root / "a.md", "+++\ntitle = 'TOML'\n+++\nBody.\n", 3600)  # settled: not re-read
    # As the `blogdesk` command runs it: main() without arguments (it then freezes what the
    # imports made, which the garbage collector skips from then on; see cli._kept_for_good).
    probe = (
        "import atexit, gc, json, sys\n"
        "atexit.register(lambda: print('MODULES ' + json.dumps(sorted(sys.modules))))\n"
        "atexit.register(lambda: print('GC', gc.isenabled(), gc.get_freeze_count() > 1000))\n"
        "from blogdesk.cli import main\n"
        "sys.exit(main())\n"
    )

    def modules() -> set[str]:
        proc = subprocess.run(
            [sys.executable, "-c", probe, "--library", str(root), "list"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        [line] = [x for x in proc.stdout.splitlines() if x.startswith("MODULES ")]
        assert "TOML" in proc.stdout and "GC True True" in proc.stdout
        return set(json.loads(line.removeprefix("MODULES ")))

    first = modules()  # builds the index: reads, hashes and parses the post
    assert {"hashlib", "tomllib", "blogdesk.core.index.build"} <= first
    later = modules()
    assert "blogdesk.core.library.library" in later
    unneeded = {"hashlib", "tomllib", "secrets", "html", "concurrent.futures"}
    unneeded |= {"blogdesk.core.index.build"}
    assert later & unneeded == set()


def test_list_in_a_python_process_leaves_the_garbage_collector_as_it_was(
    lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--library", lib, "new", "One post")
    frozen = gc.get_freeze_count()
    for extra in ([], ["--json"]):
        code, out, _ = run(capsys, "--library", lib, "list", *extra)
        assert code == 0 and "One post" in out
        assert gc.isenabled() and gc.get_freeze_count() == frozen  # nothing frozen for good
