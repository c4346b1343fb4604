"""`blogdesk check` as a user runs it: the printed list, --json's documented shape, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blogdesk.cli import main
from blogdesk.services import Folders
from blogdesk.sync.accounts.store import Account, AccountStore

BROKEN = (
    "---\ntitle: Broken post\n---\n\nIntro.\n\n![](pic.png)\n\n"
    "See [the notes](notes/plan.pdf).\n\n## Part\n\n#### Detail\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    (root / "pic.png").write_bytes(b"\x89PNG\r\n")
    (root / "broken.md").write_text(BROKEN, encoding="utf-8")
    (root / "clean.md").write_text(
        "---\ntitle: Clean\ntags: [a]\n---\n\nText with ![a picture](pic.png).\n", encoding="utf-8"
    )
    (root / "warned.md").write_text("---\ntitle: Warned\n---\n\n![](pic.png)\n", encoding="utf-8")
    return root


def test_an_error_blocks_with_exit_1_and_says_where(
    lib: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--library", str(lib), "check", str(lib / "broken.md"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("broken.md: 1 error, 2 warnings (publishing is blocked)")
    assert f"{lib / 'broken.md'}:7:1: warning: The image pic.png has no alt text" in lines[1]
    assert f"{lib / 'broken.md'}:9:5: error: The linked file notes/plan.pdf" in lines[2]
    assert lines[2].endswith("[missing-file]")
    assert f"{lib / 'broken.md'}:13:1: warning: The heading “Detail”" in lines[3]
    # The spell checker ran (hunspell-en-us is a declared system dependency) and found nothing.
    assert "Spelling was not checked" not in err and "may be misspelled" not in out


def test_warnings_alone_do_not_block(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--library", str(lib), "check", "warned.md", "--offline")
    assert code == 0 and "nothing blocks publishing" in out.splitlines()[0]
    code, out, err = run(capsys, "--library", str(lib), "check", "clean.md", "--offline")
    assert code == 0 and out == "clean.md: nothing to fix.\n"
    assert "Links were not checked (offline mode)." in err


def test_json_shape(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--library", str(lib), "check", "broken.md", "--json")
    data = json.loads(out)
    assert code == 1
    assert set(data) == {"file", "account", "blocking", "errors", "warnings", "issues", "notes"}
    assert data["file"] == str(lib / "broken.md") and data["account"] is None
    assert (data["blocking"], data["errors"], data["warnings"]) == (True, 1, 2)
    assert data["issues"][1] == {
        "check": "missing-file",
        "severity": "error",
        "message": data["issues"][1]["message"],
        "line": 9,
        "column": 5,
        "body_line": 4,
        "field": None,
    }
    assert isinstance(data["notes"], list)


def test_the_account_brings_its_expectations(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folders = Folders.of_user()
    store = AccountStore(folders.config, folders.cache)
    store.add(Account.new("Travel", "static", str(lib / "site"), "", expects=["tags", "excerpt"]))
    argv = ["--library", str(lib), "check", "clean.md", "--offline", "--json"]
    code, out, _ = run(capsys, *argv, "--account", "travel")
    data = json.loads(out)
    assert code == 1 and data["account"] == "Travel"
    assert [(i["check"], i["field"]) for i in data["issues"]] == [("expected-field", "excerpt")]

    code, _out, err = run(capsys, *argv, "--account", "nowhere")
    assert code == 1 and "no blog account called 'nowhere'" in err


def test_a_past_schedule_from_the_command_line(
    lib: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--library", str(lib), "check", "clean.md", "--offline"]
    code, out, _ = run(capsys, *argv, "--status", "scheduled", "--date", "2020-01-01T09:00+00:00")
    assert code == 1 and "[past-schedule]" in out
    code, _out, err = run(capsys, *argv, "--date", "yesterday")
    assert code == 1 and "is not a date" in err


def test_no_such_file(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--library", str(lib), "check", "nothing.md")
    assert code == 1 and "There is no post file nothing.md" in err
