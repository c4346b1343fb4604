"""`blogdesk history`, `blogdesk diff` and `blogdesk sync` as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from blogdesk.cli import main
from blogdesk.core.history.record import record_publish
from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.history.trailers import PublishMark


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_and_diff_since_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "library")
    code, out, _ = run(capsys, "--library", lib, "new", "Harbour walk")
    post = Path(out.strip())
    post.write_text(post.read_text() + "\nThe boats were red.\n")
    code, out, _ = run(capsys, "--library", lib, "diff", str(post))
    assert code == 0 and "never published" in out
    history = LibraryHistory.open(Path(lib))
    try:
        mark = PublishMark("acc-1", "77", "publish", post.name)
        record_publish(history, mark, "Publish on travel", post.read_bytes())
    finally:
        history.close()
    post.write_text(post.read_text().replace("red", "blue"))

    code, out, _ = run(capsys, "--library", lib, "diff", str(post))
    assert code == 0
    assert "[-red-]{+blue+}" in out

    code, out, _ = run(capsys, "--library", lib, "history", str(post), "--json")
    data = json.loads(out)
    assert code == 0 and data["path"] == post.name
    published = [v for v in data["versions"] if v["published"]]
    assert published[0]["live_on"] == ["acc-1"]
    assert published[0]["published"][0] == {
        "account_id": "acc-1",
        "account": "acc-1",
        "remote_id": "77",
        "status": "publish",
    }
    code, out, _ = run(capsys, "--library", lib, "history", str(post))
    assert "Publish on travel  ← on acc-1 (publish)" in out


@pytest.mark.skipif(shutil.which("git") is None, reason="needs Debian's git")
def test_sync_remembers_the_remote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    remote = tmp_path / "nas" / "blog.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    one, two = str(tmp_path / "one"), str(tmp_path / "two")
    run(capsys, "--library", one, "new", "From one")
    code, out, _ = run(capsys, "--library", one, "sync", "--remote", str(remote))
    assert code == 0 and "sent" in out
    code, out, _ = run(capsys, "--library", two, "sync", "--remote", str(remote))
    assert code == 0 and "received  from-one.md" in out
    code, out, _ = run(capsys, "--library", two, "list", "--json")
    assert [row["title"] for row in json.loads(out)] == ["From one"]
    code, out, _ = run(capsys, "--library", two, "sync")  # the remote was remembered
    assert code == 0 and "nothing new" in out


def test_sync_without_a_remote_says_how(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--library", str(tmp_path / "lib"), "sync")
    assert code == 1 and "blogdesk sync --remote URL" in err
    code, _, err = run(
        capsys, "--library", str(tmp_path / "lib"), "sync", "--remote", str(tmp_path / "none")
    )
    assert code == 1 and "There is no git repository at" in err
