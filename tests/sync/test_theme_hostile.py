"""Capturing a theme from pages that fight back, served from loopback http.servers.

Decision tested here (docs/preview.md): files the page needs are fetched from any http(s) host
(themes load fonts from font services), always within the caps of sync/theme/fetch.py; nothing
else leaves the machine, nothing runs, and nothing is written outside the cache folder.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from blogdesk.core.progress import Cancelled, CancelToken
from blogdesk.core.theme.template import TemplateError
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.theme.capture import load_theme, theme_folder
from blogdesk.sync.theme.fetch import MB, FetchError, Limits
from blogdesk.sync.theme.sample import NoPostError
from blogdesk.sync.theme.service import capture_theme

FONT = b"wOF2" + b"\0" * 60
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40


def hostile_page(other: str) -> bytes:
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="/style.css">
<style>@import url("{other}/remote.css"); h1 {{ color: rgb(1, 2, 3) }}</style>
<script>fetch('/ran-script')</script></head>
<body onload="fetch('/ran-onload')"><a href="javascript:fetch('/ran-link')">x</a>
<img src="/logo.png" onerror="fetch('/ran-onerror')">
<iframe src="/ran-iframe"></iframe><form action="/ran-form"><input></form>
<main><h1 class="post-title">A post</h1>
<div class="post-content"><p>Its text.</p></div></main></body></html>""".encode()


class Site:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self.routes: dict[str, object] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append(self.path)
                route = site.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404)
                elif callable(route):
                    route(self)
                else:
                    kind, body = route  # type: ignore[misc]
                    self.send_response(200)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


@pytest.fixture
def other() -> Iterator[Site]:
    s = Site()
    s.routes["/remote.css"] = ("text/css", b"body { font-family: Remote; }")
    yield s
    s.close()


def account_for(url: str, provider: str = "micropub") -> Account:
    return Account.new("hostile", provider, url, "me", theme_post_url=url)


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def test_scripts_handlers_and_frames_are_dropped_and_other_hosts_fetched_with_caps(
    site: Site, other: Site, tmp_path: Path
) -> None:
    site.routes["/post/"] = ("text/html", hostile_page(other.url))
    site.routes["/style.css"] = (
        "text/css",
        f"@font-face{{font-family:T;src:url({other.url}/font.woff2)}}"
        "b{background:url(/logo.png)}".encode(),
    )
    site.routes["/logo.png"] = ("image/png", PNG)
    other.routes["/font.woff2"] = ("font/woff2", FONT)
    cache = tmp_path / "cache"
    before = files_under(tmp_path)
    theme = capture_theme(account_for(site.url + "/post/"), cache)
    template = theme.template()
    soup = BeautifulSoup(template, "html.parser")
    assert not soup.find_all(["script", "iframe", "form", "input"])
    assert "javascript:" not in template and "onload" not in template and "onerror" not in template
    names = {p.name for p in theme.assets.iterdir()}
    assert any(n.endswith(".woff2") for n in names) and any(n.endswith(".png") for n in names)
    assert sum(n.endswith(".css") for n in names) == 2  # its own and the other host's
    assert not [r for r in site.requests + other.requests if r.startswith("/ran-")]
    assert site.url not in template and other.url not in template
    for css in theme.assets.glob("*.css"):
        assert "http" not in css.read_text()
    # Written: the theme's folder in the cache, nothing else (no work folders left either).
    new = files_under(tmp_path) - before
    assert new and all(
        theme_folder(cache, theme_account_id(theme)) in p.parents
        or p in (cache, cache / "themes", theme.folder)
        for p in new
    )


def theme_account_id(theme: object) -> str:
    return theme.folder.name  # type: ignore[attr-defined]


def test_a_50_mb_page_is_refused_at_the_cap(site: Site, tmp_path: Path) -> None:
    def huge(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()  # no Content-Length: the cap must stop the reading itself
        chunk = b"<p>" + b"x" * (1024 * 1024 - 3)
        try:
            for _ in range(50):
                handler.wfile.write(chunk)
        except OSError:
            pass

    site.routes["/big/"] = huge
    started = time.monotonic()
    with pytest.raises(FetchError, match="larger than 5 MB"):
        capture_theme(account_for(site.url + "/big/"), tmp_path / "cache")
    assert time.monotonic() - started < 20
    assert not list((tmp_path / "cache" / "themes").iterdir())


def test_a_page_that_never_ends_hits_the_deadline(site: Site, tmp_path: Path) -> None:
    stop = threading.Event()

    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            while not stop.is_set():
                handler.wfile.write(b"<p>more</p>\n")
                handler.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    site.routes["/slow/"] = trickle
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match="took longer than 2 seconds"):
            capture_theme(
                account_for(site.url + "/slow/"), tmp_path / "cache", limits=Limits(deadline=2)
            )
    finally:
        stop.set()
    assert time.monotonic() - started < 10


def test_a_redirect_loop_is_stopped(site: Site, tmp_path: Path) -> None:
    def loop(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", "/loop/")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    site.routes["/loop/"] = loop
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        capture_theme(account_for(site.url + "/loop/"), tmp_path / "cache")
    assert site.requests.count("/loop/") == 6


def test_a_page_we_cannot_understand_is_a_clear_error(site: Site, tmp_path: Path) -> None:
    site.routes["/junk/"] = ("text/html", b"\x00\xff<<<</// not html at all")
    with pytest.raises(TemplateError, match="could not find where the post's text goes"):
        capture_theme(account_for(site.url + "/junk/"), tmp_path / "cache")


def test_addresses_that_are_not_http_or_carry_credentials_are_refused(tmp_path: Path) -> None:
    for url in ("file:///etc/passwd", "ftp://example.com/x", "http://user:pw@127.0.0.1:9/x"):
        with pytest.raises(FetchError):
            capture_theme(account_for(url), tmp_path / "cache")


def test_a_wordpress_blog_without_a_published_post(site: Site, tmp_path: Path) -> None:
    site.routes["/wp-json/wp/v2/posts"] = ("application/json", b"[]")
    account = Account.new("empty", "wordpress", site.url, "me", api_url=site.url + "/wp-json/")
    with pytest.raises(NoPostError, match="no published post yet"):
        capture_theme(account, tmp_path / "cache")


def test_a_blog_is_found_through_its_feed_and_works_offline_afterwards(
    site: Site, tmp_path: Path
) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>
<item><title>A post</title><link>{site.url}/post/</link><description>Its text.</description>
</item></channel></rss>""".encode()
    site.routes["/"] = (
        "text/html",
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/f.xml">'
        b"</head></html>",
    )
    site.routes["/f.xml"] = ("application/rss+xml", feed)
    site.routes["/post/"] = (
        "text/html",
        b'<html><head><link rel="stylesheet" href="/s.css"></head><body><h1>A post</h1>'
        b'<article class="post"><div class="gh-content"><p>Its text.</p></div></article></body>',
    )
    site.routes["/s.css"] = ("text/css", b"body { color: rgb(4, 5, 6) }")
    account = Account.new("ghostish", "ghost", site.url, "me")
    cache = tmp_path / "cache"
    theme = capture_theme(account, cache)
    assert theme.source_url == site.url + "/post/" and theme.content == "div.gh-content"
    site.close()  # offline from here on
    again = load_theme(cache, account.id)
    assert again is not None and not again.is_stale()
    assert "rgb(4, 5, 6)" in next(again.assets.glob("*.css")).read_text()
    # A refresh that fails leaves the captured theme as it was.
    with pytest.raises(FetchError):
        capture_theme(account, cache, limits=Limits(timeout=(1.0, 1.0)))
    assert load_theme(cache, account.id) == again


def test_cancel_stops_the_capture(site: Site, tmp_path: Path) -> None:
    site.routes["/post/"] = ("text/html", hostile_page(site.url))
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        capture_theme(account_for(site.url + "/post/"), tmp_path / "cache", cancel=token)
    assert MB == 1024 * 1024
