"""The link check against a real HTTP server on loopback: 200, 404, 410, a HEAD-refusing site, a
slow one, a closed port; concurrency, the one-day cache, and the checklist that uses it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.link_check import CACHE_FILE, LinkChecker
from blogdesk.sync.prepublish import checklist

SLOW_S = 3.0  # the slow page answers after this; the checker gives up long before
TIMEOUT_S = 0.5


class Site(ThreadingHTTPServer):
    daemon_threads = True
    hits: list[tuple[str, str]]
    in_flight: int
    most_in_flight: int
    lock: threading.Lock


class Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, *_args: object) -> None:  # keep the test output clean
        pass

    def _answer(self) -> None:
        site = self.server
        with site.lock:
            site.hits.append((self.command, self.path))
            site.in_flight += 1
            site.most_in_flight = max(site.most_in_flight, site.in_flight)
        try:
            if self.path.startswith("/slow"):
                time.sleep(SLOW_S)
            elif self.path.startswith("/wait"):
                time.sleep(0.3)  # long enough that sequential checks would show
            if self.path == "/no-head" and self.command == "HEAD":
                code = 405
            else:
                code = {"/missing": 404, "/gone": 410, "/broken": 500}.get(self.path, 200)
            body = b"page"
            self.send_response(code)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up on /slow
        finally:
            with site.lock:
                site.in_flight -= 1

    do_GET = _answer
    do_HEAD = _answer


@pytest.fixture
def site() -> Iterator[tuple[str, Site]]:
    server = Site(("127.0.0.1", 0), Handler)
    server.hits, server.in_flight, server.most_in_flight = [], 0, 0
    server.lock = threading.Lock()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_answers_are_classified(site: tuple[str, Site], tmp_path: Path) -> None:
    url, _server = site
    dead = f"http://127.0.0.1:{closed_port()}/x"
    checker = LinkChecker(tmp_path, timeout=TIMEOUT_S)
    urls = [f"{url}/ok", f"{url}/missing", f"{url}/gone", f"{url}/no-head", f"{url}/broken"]
    started = time.monotonic()
    verdicts = checker.check([*urls, f"{url}/slow", dead])
    took = time.monotonic() - started
    states = {u.rsplit("/", 1)[-1]: (v.state, v.code) for u, v in verdicts.items()}
    assert states == {
        "ok": ("ok", 200),
        "missing": ("gone", 404),
        "gone": ("gone", 410),
        "no-head": ("ok", 200),  # HEAD refused, GET answered
        "broken": ("failed", 500),
        "slow": ("timeout", None),
        "x": ("unreachable", None),
    }
    assert took < SLOW_S  # the slow site was given up on, not waited for


def test_links_are_checked_concurrently(site: tuple[str, Site], tmp_path: Path) -> None:
    url, server = site
    urls = [f"{url}/wait/{i}" for i in range(6)]
    started = time.monotonic()
    LinkChecker(tmp_path, timeout=5, workers=6).check(urls)
    assert server.most_in_flight > 1
    assert time.monotonic() - started < 6 * 0.3


def test_lasting_answers_are_cached_for_a_day(site: tuple[str, Site], tmp_path: Path) -> None:
    url, server = site
    now = [1_000_000.0]
    checker = LinkChecker(tmp_path, timeout=TIMEOUT_S, clock=lambda: now[0])
    urls = [f"{url}/ok", f"{url}/missing", f"{url}/slow"]
    checker.check(urls)
    assert (tmp_path / CACHE_FILE).is_file()
    server.hits.clear()

    again = checker.check(urls)
    assert checker.asked == [f"{url}/slow"]  # a timeout is never remembered
    assert again[f"{url}/missing"].state == "gone" and again[f"{url}/ok"].state == "ok"
    assert [path for _m, path in server.hits] == ["/slow"]

    now[0] += 24 * 3600 + 1  # a day later every address is asked again
    checker.check(urls[:2])
    assert checker.asked == urls[:2]


def test_a_damaged_cache_is_only_a_cache(site: tuple[str, Site], tmp_path: Path) -> None:
    url, _server = site
    (tmp_path / CACHE_FILE).write_text("{not json")
    assert LinkChecker(tmp_path).check([f"{url}/ok"])[f"{url}/ok"].state == "ok"


# -- the checklist that uses it ------------------------------------------------------------


def post(library: Library, name: str, text: str) -> Path:
    path = library.root / name
    path.write_text(text, encoding="utf-8")
    library.refresh()
    return path


def test_checklist_for_a_blog(site: tuple[str, Site], library: Library, tmp_path: Path) -> None:
    url, _server = site
    account = Account.new("site", "static", str(tmp_path / "site"), "", expects="tags,excerpt")
    other = library.create("Same Title", "Old text.\n")
    other.set_sync_state(account.id, {"remote_id": "content/posts/same.md"})
    library.save(other)
    (library.root / "pic.png").write_bytes(b"\x89PNG")
    path = post(
        library,
        "new.md",
        "---\ntitle: Same title\ntags: [a]\n---\n\n![](pic.png) ![Gone](gone.png)\n\n"
        f"[good]({url}/ok) [dead]({url}/missing)\n",  # real words: spelling runs too
    )

    report = checklist(library, path, account, cache_dir=tmp_path / "cache")
    got = [(i.check, report.file_line(i), i.severity) for i in report.issues]
    assert got == [
        ("expected-field", None, "error"),
        ("duplicate-title", None, "warning"),
        ("image-alt", 6, "warning"),
        ("missing-file", 6, "error"),
        ("dead-link", 8, "error"),
    ]
    assert other.path is not None and other.path.name in report.issues[1].message

    offline = checklist(library, path, None, cache_dir=tmp_path / "cache", check_links=False)
    assert [i.check for i in offline.issues] == ["image-alt", "missing-file"]
    assert "Links were not checked (offline mode)." in offline.notes


def test_no_connection_at_all_is_not_taken_for_dead_links(library: Library, tmp_path: Path) -> None:
    dead = [f"http://127.0.0.1:{closed_port()}/{i}" for i in range(2)]
    path = post(library, "p.md", "---\ntitle: T\n---\n\n" + " ".join(f"[l]({u})" for u in dead))
    report = checklist(library, path, None, cache_dir=tmp_path)
    assert report.issues == ()
    assert "Links were not checked: none of them could be reached." in report.notes
