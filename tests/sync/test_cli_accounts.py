"""`blogdesk account …` for platforms other than WordPress: a Hugo site folder needs no password,
platform settings come from --option, and mistakes get a plain message and exit code 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blogdesk.cli import main


def _hugo_site(root: Path) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "http://example.org/"\ntitle = "Notes"\n')
    return root


def test_a_hugo_folder_is_added_without_a_password_and_published_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _hugo_site(tmp_path / "site")
    lib = str(tmp_path / "lib")
    assert main(["account", "add", "notes", "--type", "static", "--url", str(site),
                 "--option", "git=off"]) == 0
    out = capsys.readouterr().out
    assert "Added 'notes'." in out and "secret" not in out

    assert main(["account", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["type"] == "static" and row["name"] == "notes"

    assert main(["account", "test", "notes"]) == 0
    assert "notes: OK" in capsys.readouterr().out

    assert main(["--library", lib, "new", "Train notes"]) == 0
    post = capsys.readouterr().out.strip()
    Path(post).write_text(Path(post).read_text() + "\nWritten between two stations.\n")
    assert main(["--library", lib, "publish", post, "--account", "notes",
                 "--status", "publish"]) == 0
    written = site / "content" / "posts" / "train-notes.md"
    assert "Written between two stations." in written.read_text()


def test_option_without_equals_sign_is_refused_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _hugo_site(tmp_path / "site")
    code = main(["account", "add", "x", "--type", "static", "--url", str(site),
                 "--option", "git"])
    err = capsys.readouterr().err
    assert code == 1 and "--option takes KEY=VALUE" in err and "Traceback" not in err


def test_unknown_platform_names_the_ones_there_are(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["account", "add", "x", "--type", "livejournal", "--url", "http://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1 and "livejournal" in err and "wordpress" in err
