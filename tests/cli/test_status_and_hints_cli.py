"""`blogdesk list --status` takes the window's and `publish`'s words and refuses others; commands
shown in hints quote account names for the shell. Through the real CLI entry point."""

from __future__ import annotations

import argparse
import json
import shlex
from pathlib import Path

import pytest

from blogdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    root = tmp_path / "library"
    root.mkdir()
    posts = {
        "draft.md": "draft",
        "live.md": "published",
        "later.md": "scheduled",
        "old.md": "archived",  # a word of the author's own (docs/cli.md allows it)
    }
    for name, status in posts.items():
        (root / name).write_text(f"---\ntitle: {name[:-3]}\nstatus: {status}\n---\n\nText.\n")
    return str(root)


def _titles(capsys: pytest.CaptureFixture[str], lib: str, status: str) -> list[str]:
    code, out, err = run(capsys, "--library", lib, "list", "--status", status, "--json")
    assert code == 0, err
    return sorted(row["title"] for row in json.loads(out))


@pytest.mark.parametrize(
    ("word", "titles"),
    [
        ("published", ["live"]),
        ("publish", ["live"]),  # publish --status's word
        ("Published", ["live"]),
        ("scheduled", ["later"]),
        ("future", ["later"]),
        ("draft", ["draft"]),
        ("archived", ["old"]),
    ],
)
def test_list_status_takes_the_window_and_publish_words(
    lib: str, capsys: pytest.CaptureFixture[str], word: str, titles: list[str]
) -> None:
    assert _titles(capsys, lib, word) == titles


def test_list_refuses_an_unknown_status_with_the_valid_ones(
    lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--library", lib, "list", "--status", "publishd")
    assert code == 1 and out == ""
    assert "'publishd'" in err
    for word in ("draft", "pending", "scheduled (or future)", "published (or publish)", "private"):
        assert word in err
    assert "archived" in err  # the library's own word is offered too


def test_new_refuses_an_unknown_status_and_makes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "fresh"
    code, out, err = run(capsys, "--library", str(lib), "new", "Notes", "--status", "done")
    assert code == 1 and out == "" and "'done'" in err and "published" in err
    assert not lib.exists() or not list(lib.glob("*.md"))
    code, out, _ = run(capsys, "--library", str(lib), "new", "Notes", "--status", "future")
    assert code == 0 and "status: scheduled" in Path(out.strip()).read_text()


def test_an_unknown_accounts_hint_quotes_its_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "account", "test", "My Blog; rm -rf ~")
    assert code == 1
    assert "`blogdesk account add 'My Blog; rm -rf ~' --url URL`" in err
    command = err.split("`")[1]
    assert shlex.split(command)[3] == "My Blog; rm -rf ~"


def test_the_conflict_hint_is_a_command_to_paste(capsys: pytest.CaptureFixture[str]) -> None:
    from blogdesk.cli.publish import _print_conflict
    from blogdesk.sync.provider import ConflictError, PostPayload, RemotePost

    error = ConflictError(
        "The post was changed on the blog.",
        local=PostPayload("A trip", "<p>here</p>"),
        remote=RemotePost("7", "https://x.example/7", "A trip", "<p>there</p>", "draft", None, "1"),
    )
    args = argparse.Namespace(
        library=Path("/tmp/my library"),
        file=Path("posts/a trip.md"),
        account="Jo's blog",
        status="publish",
        date=None,
    )
    _print_conflict(error, args)
    command = capsys.readouterr().err.strip().splitlines()[-1].strip()
    assert shlex.split(command) == [
        "blogdesk",
        "--library",
        "/tmp/my library",
        "publish",
        "posts/a trip.md",
        "--account",
        "Jo's blog",
        "--status",
        "publish",
        "--on-conflict",
        "overwrite",
    ]
