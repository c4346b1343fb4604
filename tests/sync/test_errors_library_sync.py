"""What a person is told when syncing the library with a git remote cannot finish: a remote
whose hook refuses every push, a remote that keeps moving, a file in the way of one the other
machine sent, an address that is no address. Against the REAL `git daemon` on loopback that
tests/sync/test_library_sync.py starts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from tests.cli_failure import failed
from tests.sync.test_library_sync import Machine, daemon, machines  # noqa: F401 (fixtures)

from blogdesk.cli import main
from blogdesk.core.errors import BlogDeskError
from blogdesk.sync import registry
from blogdesk.sync.library_sync import remote
from blogdesk.sync.library_sync.merge import conflict_name
from blogdesk.sync.library_sync.remote import SyncError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs Debian's git")


def test_a_remote_whose_hook_refuses_every_push(
    daemon: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hook = tmp_path / "server" / "blog.git" / "hooks" / "pre-receive"
    hook.write_text('#!/bin/sh\necho "pushes are frozen for the migration" >&2\nexit 1\n')
    hook.chmod(0o755)
    lib = str(tmp_path / "library")
    assert main(["--library", lib, "new", "Trip"]) == 0
    capsys.readouterr()
    err = failed(capsys, "--library", lib, "sync", "--remote", daemon)
    assert f"{daemon} refused the update: pre-receive hook declined. Your library is " in err
    assert "kept changing" not in err  # said at once, not after rounds of trying again
    assert (tmp_path / "library" / "trip.md").exists()


def test_a_remote_that_keeps_moving(
    daemon: str,  # noqa: F811
    machines: tuple[Machine, Machine],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop, desktop = machines
    laptop.write("one.md", "---\ntitle: One\n---\nfirst\n")
    laptop.sync(daemon)
    desktop.sync(daemon)
    laptop.write("two.md", "---\ntitle: Two\n---\nfrom the laptop\n")
    real_merge = remote._merge
    pushes: list[int] = []
    inside: list[bool] = []

    def merge_while_the_desktop_pushes(*args: object) -> None:
        real_merge(*args)  # type: ignore[arg-type]
        if inside:
            return  # the desktop's own sync
        inside.append(True)
        try:
            # The desktop pushes between every fetch of ours and our push.
            desktop.write(f"desk-{len(pushes)}.md", "---\ntitle: Desk\n---\nagain\n")
            desktop.sync(daemon)
            pushes.append(1)
        finally:
            inside.pop()

    monkeypatch.setattr(remote, "_merge", merge_while_the_desktop_pushes)
    with pytest.raises(SyncError) as caught:
        laptop.sync(daemon)
    assert str(caught.value) == (
        f"{daemon} kept changing while BlogDesk synced (another machine is syncing?). Your "
        "library is merged and safe; sync again in a moment."
    )
    assert len(pushes) == remote.MAX_ROUNDS
    assert laptop.read("two.md").endswith("from the laptop\n")  # nothing lost
    monkeypatch.setattr(remote, "_merge", real_merge)
    assert laptop.sync(daemon).pushed  # once the desktop is done, it goes through


def test_a_file_in_the_way_of_a_post_from_the_other_machine(
    daemon: str,  # noqa: F811
    machines: tuple[Machine, Machine],  # noqa: F811
) -> None:
    laptop, desktop = machines
    (laptop.library.root / "trips").mkdir()
    laptop.write("trips/lisbon.md", "---\ntitle: Lisbon\n---\nTrams.\n")
    laptop.sync(daemon)
    desktop.write("trips", "a note, not a folder\n")  # the same name on the desktop
    with pytest.raises(SyncError) as caught:
        desktop.sync(daemon)
    message = str(caught.value)
    assert message.startswith("Could not write trips/lisbon.md while syncing: ")
    assert "Move what is in its way" in message
    assert desktop.read("trips") == "a note, not a folder\n"
    os.unlink(desktop.library.root / "trips")
    desktop.sync(daemon)  # the way is clear now
    assert desktop.read("trips/lisbon.md").endswith("Trams.\n")


def test_an_address_that_is_no_address(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(tmp_path / "library")
    assert main(["--library", lib, "new", "Trip"]) == 0
    capsys.readouterr()
    err = failed(capsys, "--library", lib, "sync", "--remote", "https://[::1/blog.git")
    assert "https://[::1/blog.git is not a git remote BlogDesk can use: " in err


def test_a_post_with_a_thousand_conflict_copies() -> None:
    taken = {"a.conflict-laptop.md"} | {f"a.conflict-laptop-{n}.md" for n in range(2, 1000)}
    assert conflict_name("a.md", "laptop", taken - {"a.conflict-laptop-999.md"}).endswith("-999.md")
    with pytest.raises(BlogDeskError, match=r"^Too many conflict copies of a\.md\.$"):
        conflict_name("a.md", "laptop", taken)


def test_a_built_in_platform_missing_from_a_broken_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A packaged build that left the module out: importing it fails.
    monkeypatch.setitem(__import__("sys").modules, "blogdesk.sync.providers.forem", None)
    err = failed(capsys, "account", "add", "dev", "--type", "forem", "--url", "https://dev.to")
    assert "The forem provider could not be loaded (" in err
    assert registry.get("static").__name__ == "StaticSiteProvider"  # the others still load
