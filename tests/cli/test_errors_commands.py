"""Mistakes a person can make on the command line, each run as they would run it (`main()` with
real files, a real library and its real git history), each answered with a plain message on
stderr and exit code 1, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from blogdesk.cli import main
from blogdesk.core.settings import load_library_settings, save_library_settings


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def failed(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must fail cleanly; its message (stderr)."""
    code, _out, err = run(capsys, *argv)
    assert code == 1, err
    assert err.startswith("blogdesk: ") and "Traceback" not in err
    return err


def _library_with_a_post(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, Path]:
    lib = str(tmp_path / "library")
    code, out, err = run(capsys, "--library", lib, "new", "Harbour walk")
    assert code == 0, err
    return lib, Path(out.strip())


def _history_off(lib: str) -> None:
    settings = load_library_settings(Path(lib))
    settings.history = False
    save_library_settings(settings, Path(lib))


def test_history_of_a_library_that_keeps_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, post = _library_with_a_post(tmp_path, capsys)
    _history_off(lib)
    err = failed(capsys, "--library", lib, "history", str(post))
    assert "This library keeps no history (its settings turn it off" in err
    err = failed(capsys, "--library", lib, "diff", str(post))
    assert "keeps no history" in err


def test_history_of_a_file_outside_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, _post = _library_with_a_post(tmp_path, capsys)
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("# Not in the library\n", encoding="utf-8")
    err = failed(capsys, "--library", lib, "history", str(elsewhere))
    assert f"{elsewhere} is not in the library {Path(lib).resolve()}." in err


def test_diff_with_a_version_the_post_never_had(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, post = _library_with_a_post(tmp_path, capsys)
    err = failed(capsys, "--library", lib, "diff", str(post), "--version", "0000000")
    assert f"{post.name} has no version 0000000." in err


def test_show_a_folder_instead_of_a_post(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, _post = _library_with_a_post(tmp_path, capsys)
    folder = Path(lib) / "drafts"
    folder.mkdir()
    err = failed(capsys, "--library", lib, "show", str(folder))
    assert f"{folder}: is a folder, not a post file" in err


def test_preview_of_a_file_that_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "gone.md"
    err = failed(capsys, "preview", str(missing), "-o", str(tmp_path / "out.html"))
    assert f"{missing}: cannot read the file: No such file or directory" in err
    assert not (tmp_path / "out.html").exists()


def test_sync_of_a_library_without_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, _post = _library_with_a_post(tmp_path, capsys)
    _history_off(lib)
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "-q", str(remote)], check=True)
    err = failed(capsys, "--library", lib, "sync", "--remote", str(remote))
    assert "Syncing needs the library's history, which is turned off." in err


def test_adding_an_account_under_a_name_already_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "http://example.org/"\ntitle = "Notes"\n')
    add = ("account", "add", "notes", "--type", "static", "--url", str(site))
    code, _out, err = run(capsys, *add, "--option", "git=off")
    assert code == 0, err
    err = failed(capsys, *add, "--option", "git=off")
    assert "An account called 'notes' exists already." in err


def test_a_static_site_needs_no_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "http://example.org/"\ntitle = "Notes"\n')
    add = ("account", "add", "notes", "--type", "static", "--url", str(site))
    assert run(capsys, *add, "--option", "git=off")[0] == 0
    err = failed(capsys, "account", "password", "notes")
    assert "'notes' (static) needs no password." in err


def test_blogger_without_a_google_client_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    err = failed(
        capsys,
        "account",
        "add",
        "travel",
        "--type",
        "blogger",
        "--url",
        "https://travel.blogspot.com",
    )
    assert "Blogger needs a Google OAuth client id: pass --option client_id=..." in err
    code, out, _ = run(capsys, "account", "list", "--json")
    assert code == 0 and out.strip() == "[]"  # nothing was added
