"""The live preview in a captured blog theme: real QWebEngineView offscreen, a theme captured
from a local folder (FolderFetcher: no network), and View → Preview Style's fallback."""

from __future__ import annotations

import io
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from PIL import Image
from tests.servers.wordpress_fixture import WordPressServer
from tests.ui import test_preview as plain_preview
from tests.ui.test_preview import build_desk, js, type_text, wait_text

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView

from blogdesk.core.convert.wp_blocks import to_blocks
from blogdesk.core.render.rendering import render
from blogdesk.core.settings import LibrarySettings
from blogdesk.core.theme.page import blog_body
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.theme.capture import CapturedTheme, capture_page
from blogdesk.sync.theme.fetch import BoundedFetcher, FolderFetcher
from blogdesk.sync.theme.sample import PostSample
from blogdesk.ui.preview.style import PreviewStyle
from blogdesk.ui.preview.web_preview import PreviewView
from blogdesk.ui.tasks import TaskRunner

# The plain preview's fixtures, shared: a preview view on a post folder with a local image.
post_dir = plain_preview.post_dir
preview = plain_preview.preview
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
BASE = "http://blog.invalid/"
PAGE = b"""<!doctype html><html><head><link rel="stylesheet" href="/s.css">
<script>document.title = "theme script ran"</script></head>
<body onload="document.title='handler ran'"><header class="top">My blog</header>
<article><h1 class="entry-title">Old title</h1><div class="entry-content"><p>Old text.</p></div>
</article><footer>Footer</footer></body></html>"""
CSS = b"""@font-face { font-family: "ThemeSerif"; src: url(f.ttf); }
body { font-family: "ThemeSerif", sans-serif; color: rgb(10, 20, 30);
  background: url(bg.png); } .entry-title { color: rgb(120, 30, 30); }"""


@pytest.fixture
def theme(tmp_path: Path) -> CapturedTheme:
    site = tmp_path / "site"
    (site / "p").mkdir(parents=True)
    (site / "p" / "index.html").write_bytes(PAGE)
    (site / "s.css").write_bytes(CSS)
    (site / "f.ttf").write_bytes(FONT.read_bytes())
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#f4f0e8").save(buffer, "PNG")
    (site / "bg.png").write_bytes(buffer.getvalue())
    sample = PostSample(BASE + "p/", "Old title", "Old text.")
    return capture_page(FolderFetcher(site, BASE), sample, tmp_path / "cache" / "themes" / "t")


def test_the_live_preview_in_the_blog_theme(
    qtbot, preview: PreviewView, task_runner: TaskRunner, post_dir: Path, theme: CapturedTheme
) -> None:
    desk = build_desk(qtbot, preview, task_runner, post_dir)
    with qtbot.waitSignal(preview.loaded, timeout=15_000):
        preview.set_theme(theme.template(), theme.assets)
    preview.set_title("The post's own title")
    type_text(qtbot, desk.editor, "First words.\n\n" + "\n\n".join(f"Para {i}." for i in range(80)))
    wait_text(qtbot, preview, "Para 79.")
    assert js(qtbot, preview, "document.getElementById('blogdesk-title').textContent") == (
        "The post's own title"
    )
    assert js(qtbot, preview, "getComputedStyle(document.body).color") == "rgb(10, 20, 30)"
    assert "ThemeSerif" in str(js(qtbot, preview, "getComputedStyle(document.body).fontFamily"))
    qtbot.waitUntil(lambda: js(qtbot, preview, "document.fonts.check('16px ThemeSerif')"))
    assert js(qtbot, preview, "document.querySelector('header.top').textContent") == "My blog"
    assert js(qtbot, preview, "document.title") == "The post's own title"  # no script ran
    # Updates swap the body in place: no reload, the page stays scrolled where the cursor is.
    loads: list[bool] = []
    preview.loaded.connect(lambda: loads.append(True))
    before = js(qtbot, preview, "window.scrollY")
    assert isinstance(before, int | float) and before > 500  # followed the cursor down
    qtbot.keyClicks(desk.editor, " Edited")
    wait_text(qtbot, preview, "Para 79. Edited")
    assert not loads
    assert js(qtbot, preview, "window.scrollY") == before
    # A post's script does not run in the theme either; nothing was fetched from outside.
    qtbot.keyClicks(desk.editor, '<img src="x.png" onerror="document.title=\'post ran\'"> ')
    wait_text(qtbot, preview, "Edited")
    qtbot.wait(300)
    assert js(qtbot, preview, "document.querySelectorAll('#blogdesk-content img').length") == 1
    assert js(qtbot, preview, "document.title") == "The post's own title"
    assert preview.blocker.blocked == []
    # Back to plain: BlogDesk's page, the title above the content.
    with qtbot.waitSignal(preview.loaded, timeout=15_000):
        preview.set_theme(None)
    wait_text(qtbot, preview, "Para 79.")
    assert js(qtbot, preview, "document.querySelector('h1#blogdesk-title').textContent") == (
        "The post's own title"
    )


class _Host(SimpleNamespace):
    pass


@pytest.fixture
def host(tmp_path: Path, preview: PreviewView, task_runner: TaskRunner) -> Iterator[_Host]:
    messages: list[str] = []
    h = _Host(
        library=SimpleNamespace(root=tmp_path / "lib"),
        library_settings=LibrarySettings(),
        runner=task_runner,
        documents=SimpleNamespace(doc=None),
        preview=preview,
        preview_controller=None,
        show_message=messages.append,
        messages=messages,
    )
    (tmp_path / "lib" / ".blogdesk").mkdir(parents=True)
    yield h


def test_blog_style_without_a_reachable_blog_says_why_and_stays_plain(
    qtbot, host: _Host, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMenu, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    dead = Account.new("dead", "micropub", "http://127.0.0.1:9", "me")
    store = SimpleNamespace(all=lambda: [dead])
    style = PreviewStyle(window, host)
    style.set_sources(lambda: store, tmp_path / "cache")  # type: ignore[arg-type, return-value]
    style.build_menu(QMenu())
    started = time.monotonic()
    with qtbot.waitSignal(style.captureFinished, timeout=30_000) as finished:
        style.blog_action.trigger()
    assert time.monotonic() - started < 30
    assert isinstance(finished.args[0], Exception)
    assert host.library_settings.preview_style == "blog"  # remembered for the library
    assert any("Could not capture the theme of dead" in m for m in host.messages)
    assert "Cannot reach 127.0.0.1." in host.messages[-1]
    assert not host.preview.theme_shown
    assert (tmp_path / "lib" / ".blogdesk" / "settings.json").is_file()


QUOTED = """\
A first paragraph.

> A quotation, long enough to wrap across the column of the theme at least once, so that its
> indent shows on both lines.

| Fruit | Count |
| ----- | ----: |
| apple |     3 |

The last paragraph."""
# The look of a quote and a table cell that block themes give only through the block styles.
STYLE = (
    "(s => [s.paddingLeft, s.paddingRight, s.borderLeftWidth, s.marginLeft, s.fontSize])"
    "(getComputedStyle(document.querySelector('{root} blockquote'))).concat("
    "(s => [s.borderTopWidth, s.borderTopStyle, s.paddingLeft])"
    "(getComputedStyle(document.querySelector('{root} td'))))"
)


@pytest.mark.wordpress
def test_the_live_preview_styles_blocks_the_captured_post_does_not_show(
    qtbot,
    preview: PreviewView,
    task_runner: TaskRunner,
    post_dir: Path,
    wordpress: WordPressServer,
    tmp_path: Path,
    dispose,
) -> None:
    """Captured from a post of paragraphs only (its page has no quote or table style), the
    theme still gives a quote and a table in the live preview the blog's computed style."""

    def publish(markdown: str) -> str:
        body = to_blocks(render(markdown).html)  # what BlogDesk sends WordPress
        made = wordpress.create_post(f"Live {uuid.uuid4().hex[:8]}", body, status="publish")
        return f"{wordpress.url}/?p={made['id']}"

    plain_url = publish("A paragraph of plain text.\n\nAnother one, and nothing else.")
    quoted_url = publish(QUOTED)
    fetcher = BoundedFetcher()
    try:
        theme = capture_page(fetcher, PostSample(plain_url), tmp_path / "themes" / "wp")
    finally:
        fetcher.close()
    plain_page = requests.get(plain_url, timeout=60).text
    assert not [i for i in ("quote", "table") if f"wp-block-{i}-inline-css" in plain_page]

    blog = QWebEngineView()
    blog.resize(preview.size())
    blog.show()
    with qtbot.waitSignal(blog.loadFinished, timeout=30_000):
        blog.load(QUrl(quoted_url))
    box: list[object] = []
    blog.page().runJavaScript(
        f"JSON.stringify({STYLE.format(root='.wp-block-post-content')})", 0, box.append
    )
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    on_blog = json.loads(str(box[0]))
    dispose(blog)

    desk = build_desk(qtbot, preview, task_runner, post_dir)
    desk.controller.body_transform = blog_body(theme.platform)  # as View → Preview Style does
    with qtbot.waitSignal(preview.loaded, timeout=15_000):
        preview.set_theme(theme.template(), theme.assets)
    type_text(qtbot, desk.editor, QUOTED)
    wait_text(qtbot, preview, "The last paragraph.")
    in_preview = js(qtbot, preview, STYLE.format(root="#blogdesk-content"))
    print(f"blog: {on_blog}; preview: {in_preview}")
    assert on_blog[0] != "0px" and on_blog[5] == "1px"  # the theme indents, the table is ruled
    assert in_preview == on_blog
