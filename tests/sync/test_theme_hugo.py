"""The blog-style preview of a Hugo site: the site's own generator builds a sample post with the
site's theme (a small real theme written here: a layout, a style sheet that @imports another,
a web font, a background image), and `blogdesk preview --style blog` is compared with the page
Hugo builds for the same post once published, served over loopback HTTP. Same region and
measure as test_theme_capture.py (mean absolute grey difference of header, title and content;
measured 0.000, tolerance 0.25). The site folder is not changed by the capture.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image
from tests.servers.common import require_tool
from tests.sync.conftest import MakeService, unique
from tests.sync.theme_shots import mean_difference, rule_row, screenshot

from blogdesk.cli import main
from blogdesk.core.library.library import Library
from blogdesk.services import Folders
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.theme.capture import load_theme

TOLERANCE = 0.25
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "css/tiny.css" | relURL }}">
<script>document.documentElement.dataset.ran = "yes";</script>
</head><body>
<header class="masthead"><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer class="colophon">Built with Hugo</footer>
</body></html>
"""
SINGLE = """{{ define "main" }}<article>
<h1 class="post-title">{{ .Title }}</h1>
<div class="post-content">{{ .Content }}</div>
</article>{{ end }}
"""
LIST = (
    '{{ define "main" }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>'
    "{{ end }}{{ end }}\n"
)
TINY_CSS = """@import "fonts.css";
body { margin: 0; font: 19px/1.6 "TinySerif", sans-serif; color: #202020; background: #fbf7ee; }
.masthead { padding: 18px 40px; background: url("../img/stripe.png") repeat-x; color: #fff;
  font-family: sans-serif; font-weight: bold; }
.masthead a { color: #fff; text-decoration: none; }
main { max-width: 620px; margin: 40px auto; }
.post-title { font-size: 44px; line-height: 1.1; margin: 0 0 24px; color: #7a1f1f; }
.post-content h2 { font-size: 26px; border-left: 6px solid #7a1f1f; padding-left: 10px; }
.post-content blockquote { margin: 0; padding: 8px 18px; background: #efe6d2; }
.colophon { border-top: 4px solid #222; padding: 20px 40px 200px; font-family: sans-serif; }
"""
FONTS_CSS = '@font-face { font-family: "TinySerif"; src: url("../fonts/TinySerif.ttf"); }\n'
BODY = """\
A first paragraph of a post on a static site, long enough to wrap in the theme's column so the
font, its size and the line height all show.

## A heading

> A quotation with the theme's own background.

And a closing paragraph.
"""


def stripe() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 80), "#1f4f7a").save(buffer, "PNG")
    return buffer.getvalue()


def tiny_site(root: Path) -> Path:
    theme = root / "themes" / "tiny"
    (theme / "layouts" / "_default").mkdir(parents=True)
    for name, text in {"baseof.html": BASEOF, "single.html": SINGLE, "list.html": LIST}.items():
        (theme / "layouts" / "_default" / name).write_text(text)
    for sub, name, data in (
        ("css", "tiny.css", TINY_CSS.encode()),
        ("css", "fonts.css", FONTS_CSS.encode()),
        ("img", "stripe.png", stripe()),
        ("fonts", "TinySerif.ttf", FONT.read_bytes()),
    ):
        (theme / "static" / sub).mkdir(parents=True, exist_ok=True)
        (theme / "static" / sub / name).write_bytes(data)
    (root / "content").mkdir()
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Tiny static blog"\ntheme = "tiny"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
    )
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
    }


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over loopback HTTP, and its address."""
    folder = tmp_path / "served"
    folder.mkdir()
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_hugo_blog_style_preview_looks_like_the_built_post(
    tmp_path: Path,
    library: Library,
    make_service: MakeService,
    accounts: AccountStore,
    folders: Folders,
    served: tuple[Path, str],
) -> None:
    hugo = require_tool("hugo")
    assert FONT.is_file(), "the test's web font (fonts-dejavu-core) is missing"
    root = tiny_site(tmp_path / "site")
    account = Account.new(unique("tiny"), "static", str(root), "", build_command="hugo")
    accounts.add(account)
    post = library.create(unique("Static theme"), BODY)
    with make_service(library) as service:
        result = service.publish(post.path, account, status="publish")
    before = snapshot(root)

    out = tmp_path / "out" / "post.html"
    args = ["--library", str(library.root), "preview", str(post.path), "--account", account.name]
    assert main([*args, "--style", "blog", "--output", str(out)]) == 0
    assert snapshot(root) == before  # built in a copy: the site folder is untouched
    theme = load_theme(folders.cache, account.id)
    assert theme is not None and theme.platform == "hugo"
    assert theme.content == "div.post-content" and theme.title == "h1.post-title"
    names = sorted(p.suffix for p in (out.parent / "post_files").iterdir())
    assert names == [".css", ".css", ".png", ".ttf"]
    assert "<script" not in out.read_text("utf-8")

    # What the site serves for the same post: Hugo's build of the published file.
    folder, address = served
    subprocess.run(
        [hugo, "--source", str(root), "--destination", str(folder), "--baseURL", address],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shutil.rmtree(root / "resources", ignore_errors=True)
    slug = result.remote_id.rsplit("/", 1)[-1].removesuffix(".md")
    ours = screenshot(out.as_uri(), tmp_path / "ours.png", offline=True)
    site = screenshot(f"{address}posts/{slug}/", tmp_path / "site.png")
    bottom = rule_row(site, start=100, darkness=80)
    assert abs(rule_row(ours, start=100, darkness=80) - bottom) <= 2
    difference = mean_difference(ours, site, bottom)
    plain_out = tmp_path / "out" / "plain.html"
    assert main([*args, "--style", "plain", "--output", str(plain_out)]) == 0
    plain = screenshot(plain_out.as_uri(), tmp_path / "plain.png", offline=True)
    plain_difference = mean_difference(plain, site, bottom)
    print(f"blog style vs site: {difference:.3f}; plain vs site: {plain_difference:.3f}")
    assert difference <= TOLERANCE
    assert plain_difference > 20 * TOLERANCE
