"""Two libraries synced through a REAL git server on loopback (`git daemon`), with the faults a
real remote has: a push refused because the other machine pushed first, and a connection cut in
the middle of a fetch."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.history.versions import file_history
from blogdesk.core.library.library import Library
from blogdesk.core.post.post import Post
from blogdesk.sync.library_sync import remote
from blogdesk.sync.library_sync.remote import SyncError, sync_library

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs Debian's git")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[str]:
    """`git daemon` serving a bare repository; yields its git:// URL."""
    base = tmp_path / "server"
    base.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", str(base / "blog.git")], check=True)
    port = _free_port()
    proc = subprocess.Popen(
        [
            "git",
            "daemon",
            "--export-all",
            "--enable=receive-pack",
            f"--base-path={base}",
            "--listen=127.0.0.1",
            f"--port={port}",
            "--reuseaddr",
            str(base),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("git daemon did not start")
    try:
        yield f"git://127.0.0.1:{port}/blog.git"
    finally:
        proc.terminate()
        proc.wait(10)


class Machine:
    def __init__(self, root: Path, name: str) -> None:
        self.name = name
        self.library = Library.open(root)
        self.history = LibraryHistory.open(root)

    def sync(self, url: str) -> remote.SyncReport:
        before = os.environ.get("BLOGDESK_MACHINE")
        os.environ["BLOGDESK_MACHINE"] = self.name
        try:
            return sync_library(self.history, url, refresh=self.library.refresh)
        finally:
            if before is None:
                del os.environ["BLOGDESK_MACHINE"]
            else:
                os.environ["BLOGDESK_MACHINE"] = before

    def write(self, rel: str, text: str) -> None:
        (self.library.root / rel).write_text(text, encoding="utf-8")

    def read(self, rel: str) -> str:
        return (self.library.root / rel).read_text(encoding="utf-8")

    def close(self) -> None:
        self.history.close()
        self.library.close()


@pytest.fixture
def machines(tmp_path: Path) -> Iterator[tuple[Machine, Machine]]:
    a, b = Machine(tmp_path / "laptop", "laptop"), Machine(tmp_path / "desktop", "desktop")
    try:
        yield a, b
    finally:
        a.close()
        b.close()


POST = "---\ntitle: Trip\nstatus: draft\n---\nWe went to the sea.\n\nIt rained.\n"


def test_a_post_travels_and_the_index_is_rebuilt(
    daemon: str, machines: tuple[Machine, Machine]
) -> None:
    a, b = machines
    a.write("trip.md", POST)
    assert a.sync(daemon).pushed
    report = b.sync(daemon)
    assert report.fetched and "trip.md" in report.taken
    assert b.read("trip.md") == POST
    assert [p.title for p in b.library.posts()] == ["Trip"]  # Library.refresh ran
    # Git itself sees a clean checkout: the index follows what the sync wrote.
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=b.library.root, capture_output=True, text=True
    )
    assert status.stdout == ""


def test_both_edited_one_post_both_versions_are_kept(
    daemon: str, machines: tuple[Machine, Machine]
) -> None:
    a, b = machines
    a.write("trip.md", POST)
    a.sync(daemon)
    b.sync(daemon)
    a.write("trip.md", POST.replace("sea", "mountains"))
    b.write("trip.md", POST.replace("It rained.", "It snowed."))
    a.sync(daemon)
    report = b.sync(daemon)
    assert report.conflicts == [("trip.md", "trip.conflict-laptop.md")]
    assert "It snowed." in b.read("trip.md")  # ours stays in place
    assert "mountains" in b.read("trip.conflict-laptop.md")  # theirs beside it
    a.sync(daemon)
    assert sorted(p.path for p in a.library.posts()) == ["trip.conflict-laptop.md", "trip.md"]
    assert a.read("trip.md") == b.read("trip.md")
    # Both versions are in the history of trip.md on either machine.
    texts = [
        a.history.read("trip.md", v.commit) for v in file_history(a.history, "trip.md").versions
    ]
    assert any(t and b"mountains" in t for t in texts) and any(t and b"snowed" in t for t in texts)


def test_publishing_state_travels_with_a_post_edited_elsewhere(
    daemon: str, machines: tuple[Machine, Machine]
) -> None:
    a, b = machines
    a.write("trip.md", POST)
    a.sync(daemon)
    b.sync(daemon)
    # The laptop publishes (BlogDesk records the blog's state and the new status) ...
    post = a.library.load("trip.md")
    post.status = "published"
    post.set_sync_state("acc1", {"remote_id": "42", "status": "publish", "synced_at": "2030"})
    a.library.save(post)
    a.sync(daemon)
    # ... while the desktop edits the body of the same post.
    b.write("trip.md", POST.replace("It rained.", "It rained all day."))
    report = b.sync(daemon)
    assert report.merged == ["trip.md"] and not report.conflicts
    merged = Post.parse(b.read("trip.md"))
    assert merged.sync_state("acc1")["remote_id"] == "42"  # never created twice
    assert merged.status == "published"
    assert "all day" in merged.body
    a.sync(daemon)
    assert a.read("trip.md") == b.read("trip.md")


def test_a_push_refused_because_the_other_side_moved_is_merged_and_sent_again(
    daemon: str, machines: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = machines
    a.write("one.md", "---\ntitle: One\n---\nfirst\n")
    a.sync(daemon)
    b.sync(daemon)
    a.write("two.md", "---\ntitle: Two\n---\nfrom the laptop\n")
    b.write("three.md", "---\ntitle: Three\n---\nfrom the desktop\n")
    real_merge = remote._merge
    raced = []

    def merge_then_other_machine_pushes(*args: object) -> None:
        real_merge(*args)  # type: ignore[arg-type]
        if not raced:
            raced.append(True)
            monkeypatch.setattr(remote, "_merge", real_merge)
            b.sync(daemon)  # the desktop pushes between our fetch and our push

    monkeypatch.setattr(remote, "_merge", merge_then_other_machine_pushes)
    report = a.sync(daemon)
    assert raced and report.pushed and report.rounds == 2
    assert a.read("three.md").endswith("from the desktop\n")
    b.sync(daemon)
    names = sorted(p.name for p in b.library.root.glob("*.md"))
    assert names == ["one.md", "three.md", "two.md"]


def test_a_connection_cut_during_the_fetch_loses_nothing_and_a_retry_works(
    daemon: str, machines: tuple[Machine, Machine]
) -> None:
    a, b = machines
    media = a.library.root / "media"
    media.mkdir()
    (media / "photo.bin").write_bytes(os.urandom(400_000))  # a pack too big to arrive at once
    a.write("trip.md", POST)
    a.sync(daemon)
    b.write("mine.md", "---\ntitle: Mine\n---\nwritten on the desktop\n")
    port = int(daemon.rsplit(":", 1)[1].split("/")[0])
    with CuttingProxy(port, cut_after=60_000) as proxy:
        url = daemon.replace(f":{port}/", f":{proxy.port}/")
        with pytest.raises(SyncError, match="Nothing in your library was lost"):
            b.sync(url)
    assert b.read("mine.md").endswith("written on the desktop\n")
    assert not (b.library.root / "trip.md").exists()
    report = b.sync(daemon)  # the network is back
    assert report.fetched and report.pushed
    assert (b.library.root / "media" / "photo.bin").read_bytes() == (
        media / "photo.bin"
    ).read_bytes()


class CuttingProxy:
    """Forwards to the git daemon and cuts the connection after `cut_after` bytes came back."""

    def __init__(self, port: int, *, cut_after: int) -> None:
        self.target, self.cut_after = port, cut_after
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> CuttingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.close()

    def _serve(self) -> None:
        try:
            client, _ = self.server.accept()
        except OSError:
            return
        upstream = socket.create_connection(("127.0.0.1", self.target))

        def up() -> None:
            try:
                while data := client.recv(65536):
                    upstream.sendall(data)
            except OSError:
                pass

        threading.Thread(target=up, daemon=True).start()
        sent = 0
        try:
            while sent < self.cut_after and (data := upstream.recv(4096)):
                client.sendall(data[: self.cut_after - sent])
                sent += len(data)
        except OSError:
            pass
        client.shutdown(socket.SHUT_RDWR)
        client.close()
        upstream.close()
