"""The live preview: real QWebEngineView offscreen, real editor, real renderer, a loopback HTTP
server standing in for the internet."""

from __future__ import annotations

import http.server
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage

from blogdesk.core.render.rendering import RenderedPost, render
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.preview.controller import PreviewController
from blogdesk.ui.preview.web_preview import PreviewView
from blogdesk.ui.tasks import TaskRunner


def js(qtbot, view: PreviewView, expression: str) -> object:
    """Evaluate `expression` in the preview (in our isolated world; the DOM is shared)."""
    box: list[object] = []
    view.run_in_page(f"JSON.stringify({expression})", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(str(box[0]))


def type_text(qtbot, widget: MarkdownEditor, text: str) -> None:
    """Type like a person: QTest cannot click "\n", so new lines are Return key presses."""
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def page_text(qtbot, view: PreviewView) -> str:
    box: list[str] = []
    view.page_text(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def wait_text(qtbot, view: PreviewView, wanted: str, timeout: int = 10_000) -> None:
    seen: list[str] = [""]

    def check() -> None:
        seen[0] = page_text(qtbot, view)
        assert wanted in seen[0]

    qtbot.waitUntil(check, timeout=timeout)


@pytest.fixture
def post_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    (folder / "media").mkdir(parents=True)
    image = QImage(24, 16, QImage.Format.Format_RGB32)
    image.fill(QColor("purple"))
    assert image.save(str(folder / "media" / "local.png"))
    return folder


@pytest.fixture
def preview(qtbot, post_dir: Path, dispose: Callable[[PreviewView], None]) -> Iterator[PreviewView]:
    view = PreviewView(dark=False)
    view.resize(700, 500)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=15_000):
        view.set_base_dir(post_dir)
    opened: list[QUrl] = []
    view.open_external = opened.append  # never launch a real browser from a test
    view.opened = opened  # type: ignore[attr-defined]
    yield view
    dispose(view)


class Desk:
    def __init__(self, editor: MarkdownEditor, view: PreviewView, controller: PreviewController):
        self.editor, self.view, self.controller = editor, view, controller


def build_desk(
    qtbot,
    preview: PreviewView,
    runner: TaskRunner,
    post_dir: Path,
    render_fn: Callable[[str], RenderedPost] | None = None,
    debounce_ms: int = 30,
) -> Desk:
    editor = MarkdownEditor(dark=False)
    qtbot.addWidget(editor)
    editor.show()
    controller = PreviewController(
        editor, preview, runner, debounce_ms=debounce_ms, render_fn=render_fn
    )
    controller.set_document(post_dir)
    return Desk(editor, preview, controller)


@pytest.fixture
def desk(qtbot, preview: PreviewView, task_runner: TaskRunner, post_dir: Path) -> Desk:
    return build_desk(qtbot, preview, task_runner, post_dir)


def test_typing_updates_the_preview(qtbot, desk: Desk) -> None:
    desk.editor.setFocus()
    type_text(qtbot, desk.editor, "# Hello preview\n\nSome *typed* text")
    wait_text(qtbot, desk.view, "Some typed text")
    assert "Hello preview" in page_text(qtbot, desk.view)
    assert (
        js(qtbot, desk.view, "document.querySelector('#blogdesk-content em').textContent")
        == "typed"
    )
    post = desk.controller.last_post
    assert post is not None
    # The preview copy is the published HTML: no preview-only annotations leak into it.
    assert post.html == render(desk.editor.toPlainText()).html
    assert "data-line" not in post.html


def test_edits_during_a_slow_render_end_with_the_latest_text(
    qtbot, preview: PreviewView, task_runner: TaskRunner, post_dir: Path
) -> None:
    running = 0
    overlap: list[int] = []
    calls: list[str] = []
    lock = threading.Lock()

    def slow_render(text: str) -> RenderedPost:
        nonlocal running
        with lock:
            running += 1
            overlap.append(running)
            calls.append(text)
        time.sleep(0.3)
        with lock:
            running -= 1
        return render(text)

    d = build_desk(qtbot, preview, task_runner, post_dir, render_fn=slow_render, debounce_ms=20)
    d.editor.setFocus()
    for word in ("alpha", " beta", " gamma", " delta", " omega"):
        qtbot.keyClicks(d.editor, word)
        qtbot.wait(120)  # past the debounce, while the previous render is still running
    wait_text(qtbot, d.view, "alpha beta gamma delta omega")
    qtbot.waitUntil(lambda: d.controller.shown_revision == d.controller.revision, timeout=5000)
    assert max(overlap) == 1  # never two renders at once
    assert calls[-1] == "alpha beta gamma delta omega"
    assert len(calls) < len("alpha beta gamma delta omega")  # coalesced, not one per key
    assert "omega" in page_text(qtbot, d.view)


def test_stale_result_is_dropped(
    qtbot, preview: PreviewView, task_runner: TaskRunner, post_dir: Path
) -> None:
    release = threading.Event()
    shown: list[int] = []

    def gated_render(text: str) -> RenderedPost:
        if text == "first":
            release.wait(5)
        return render(text)

    d = build_desk(qtbot, preview, task_runner, post_dir, render_fn=gated_render, debounce_ms=10)
    preview.contentUpdated.connect(shown.append)
    d.editor.setPlainText("first")
    qtbot.waitUntil(lambda: d.controller.busy, timeout=3000)
    d.editor.setPlainText("second")
    qtbot.wait(50)  # the debounce fires while "first" is still rendering
    release.set()
    wait_text(qtbot, d.view, "second")
    assert "first" not in page_text(qtbot, d.view)
    assert d.controller.last_post is not None and "second" in d.controller.last_post.html


def test_post_scripts_and_event_handlers_do_not_run(qtbot, desk: Desk) -> None:
    desk.editor.setPlainText(
        "Safe text\n\n<script>document.title='pwned'</script>\n\n"
        "<img src=x onerror=\"document.title='pwned2'; document.body.dataset.pwned='1'\">\n\n"
        "<a href=\"javascript:document.title='pwned3'\">js link</a>\n"
    )
    wait_text(qtbot, desk.view, "Safe text")
    qtbot.wait(300)  # give a broken image's onerror every chance to fire
    assert js(qtbot, desk.view, "document.title") == "Preview"
    assert js(qtbot, desk.view, "document.body.dataset.pwned || null") is None
    assert js(qtbot, desk.view, "document.querySelectorAll('script').length") == 1  # inert copy
    desk.view.run_in_page("document.querySelector('a').click()", lambda _: None)
    qtbot.wait(200)
    assert js(qtbot, desk.view, "document.title") == "Preview"


class _Server:
    def __init__(self, png: bytes) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(png)))
                self.end_headers()
                self.wfile.write(png)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def server(post_dir: Path) -> Iterator[_Server]:
    s = _Server((post_dir / "media" / "local.png").read_bytes())
    yield s
    s.close()


def test_remote_image_is_blocked_and_shows_placeholder(qtbot, desk: Desk, server: _Server) -> None:
    desk.editor.setPlainText(
        f"Remote: ![far away]({server.url}/remote.png)\n\n"
        f'<p style="background:url({server.url}/bg.png)">styled</p>\n\n'
        f'<iframe src="{server.url}/frame"></iframe>\n\n'
        "Local: ![near](media/local.png)\n"
    )
    wait_text(qtbot, desk.view, "Remote image blocked (far away)")
    assert js(qtbot, desk.view, "document.querySelectorAll('.blogdesk-blocked').length") == 2
    assert (
        js(qtbot, desk.view, "document.querySelector('.blogdesk-blocked').dataset.blockedSrc")
        == f"{server.url}/remote.png"
    )
    qtbot.waitUntil(
        lambda: js(qtbot, desk.view, "document.querySelector('img[alt=near]').naturalWidth") == 24,
        timeout=5000,
    )
    qtbot.wait(300)
    assert server.hits == []  # not one request reached the network


def test_remote_image_loads_when_allowed(qtbot, desk: Desk, server: _Server) -> None:
    desk.editor.setPlainText(f"Remote: ![far away]({server.url}/remote.png)\n")
    wait_text(qtbot, desk.view, "Remote image blocked")
    with qtbot.waitSignal(desk.view.loaded, timeout=10_000):
        desk.view.set_allow_remote(True)
    qtbot.waitUntil(
        lambda: (
            js(
                qtbot,
                desk.view,
                "(document.querySelector('img[alt=\"far away\"]') || {}).naturalWidth || 0",
            )
            == 24
        ),
        timeout=10_000,
    )
    assert server.hits == ["/remote.png"]
    assert js(qtbot, desk.view, "document.querySelectorAll('.blogdesk-blocked').length") == 0


def test_clicked_link_opens_externally_and_preview_stays(qtbot, desk: Desk) -> None:
    desk.editor.setPlainText("[a site](https://example.org/page) and [note](#frag)\n")
    wait_text(qtbot, desk.view, "a site")
    before = desk.view.page().url()
    desk.view.run_in_page("document.querySelector('a').click()", lambda _: None)
    qtbot.waitUntil(lambda: bool(desk.view.opened), timeout=5000)  # type: ignore[attr-defined]
    assert desk.view.opened[0].toString() == "https://example.org/page"  # type: ignore[attr-defined]
    qtbot.wait(200)
    assert desk.view.page().url() == before
    assert "a site" in page_text(qtbot, desk.view)


def test_cursor_moves_keep_the_matching_part_in_view(qtbot, desk: Desk) -> None:
    sections = [
        f"## Section {i}\n\n" + ("Lorem ipsum dolor sit amet. " * 40) + "\n" for i in range(30)
    ]
    desk.editor.setPlainText("\n".join(sections))
    wait_text(qtbot, desk.view, "Section 29")
    assert js(qtbot, desk.view, "window.scrollY") == 0
    target = next(h for h in desk.controller.last_post.outline if h.text == "Section 20")
    desk.editor.go_to_line(target.line)
    qtbot.waitUntil(
        lambda: (
            js(
                qtbot,
                desk.view,
                "(() => { const r = document.getElementById('section-20')"
                ".getBoundingClientRect(); return r.top >= 0 && "
                "r.top < window.innerHeight; })()",
            )
            is True
        ),
        timeout=5000,
    )
    # an edit near the top swaps content in place: the scroll position holds
    y = js(qtbot, desk.view, "window.scrollY")
    assert isinstance(y, int | float) and y > 1000
    cursor = desk.editor.textCursor()
    cursor.setPosition(3)
    cursor.insertText("X")
    desk.editor.go_to_line(target.line)
    wait_text(qtbot, desk.view, "XSection 0")
    assert abs(js(qtbot, desk.view, "window.scrollY") - y) < 50  # type: ignore[operator]


def test_dark_theme_and_meta_refresh(qtbot, desk: Desk) -> None:
    desk.editor.setPlainText('Text\n\n<meta http-equiv="refresh" content="0; url=https://x.org">\n')
    wait_text(qtbot, desk.view, "Text")
    assert js(qtbot, desk.view, "document.querySelectorAll('#blogdesk-content meta').length") == 0
    light_bg = js(qtbot, desk.view, "getComputedStyle(document.body).backgroundColor")
    with qtbot.waitSignal(desk.view.loaded, timeout=10_000):
        desk.view.set_dark(True)
    wait_text(qtbot, desk.view, "Text")  # the content comes back after the reload
    assert js(qtbot, desk.view, "document.documentElement.dataset.theme") == "dark"
    assert js(qtbot, desk.view, "getComputedStyle(document.body).backgroundColor") != light_bg
    qtbot.wait(300)
    assert desk.view.opened == []  # type: ignore[attr-defined]


def test_a_burst_of_keys_renders_once(
    qtbot, preview: PreviewView, task_runner: TaskRunner, post_dir: Path
) -> None:
    calls: list[str] = []

    def counting_render(text: str) -> RenderedPost:
        calls.append(text)
        return render(text)

    d = build_desk(
        qtbot, preview, task_runner, post_dir, render_fn=counting_render, debounce_ms=400
    )
    qtbot.waitUntil(lambda: d.controller.shown_revision == d.controller.revision, timeout=5000)
    calls.clear()
    d.editor.setFocus()
    qtbot.keyClicks(d.editor, "burst")  # five edits, well inside one debounce interval
    wait_text(qtbot, d.view, "burst")
    qtbot.wait(500)
    assert calls == ["burst"]


def test_figures_from_the_image_dialog_show_their_alignment(qtbot, desk: Desk) -> None:
    from blogdesk.core.render.image_markup import Align, ImageMarkup, serialise

    right = ImageMarkup(src="media/local.png", alt="R", caption="Beside", align=Align.RIGHT)
    centre = ImageMarkup(
        src="media/local.png", alt="C", caption="A long caption", align=Align.CENTER, width=24
    )
    desk.editor.setPlainText(
        f"{serialise(centre)}\n\n{serialise(right)}\n\nText flows beside it.\n\nEnd.\n"
    )
    wait_text(qtbot, desk.view, "End.")

    def style(selector: str, name: str) -> object:
        return js(
            qtbot, desk.view, f"getComputedStyle(document.querySelector('{selector}')).{name}"
        )

    def box(selector: str) -> dict[str, float]:
        expression = f"document.querySelector('{selector}').getBoundingClientRect().toJSON()"
        result = js(qtbot, desk.view, expression)
        assert isinstance(result, dict)
        return result

    assert style("figure.alignright", "float") == "right"
    assert box("figure.alignright")["right"] > box("figure.alignright + p")["right"] - 1
    left, right_margin = style(".aligncenter", "marginLeft"), style(".aligncenter", "marginRight")
    assert left == right_margin and left != "0px"  # centred in the column
    qtbot.waitUntil(lambda: box("img[alt=C]")["height"] > 0)
    # The caption sits under its image, no wider than the figure.
    assert box(".aligncenter figcaption")["top"] >= box("img[alt=C]")["bottom"] - 1
    assert box(".aligncenter figcaption")["width"] <= box(".aligncenter")["width"] + 1


def test_a_nested_list_keeps_its_items_evenly_spaced(qtbot, desk: Desk) -> None:
    # Typed as an author does (Tab nests, Shift+Tab comes back): the item after a nested list
    # follows it as closely as the items before it follow each other, as on the blog.
    type_text(qtbot, desk.editor, "- first\n- second\n")
    qtbot.keyClick(desk.editor, Qt.Key.Key_Tab)
    type_text(qtbot, desk.editor, "nested\n")
    qtbot.keyClick(desk.editor, Qt.Key.Key_Backtab)
    type_text(qtbot, desk.editor, "third")
    wait_text(qtbot, desk.view, "third")
    tops = js(
        qtbot,
        desk.view,
        "[...document.querySelectorAll('li')].map(li => li.getClientRects()[0].top)",
    )
    assert isinstance(tops, list) and len(tops) == 4  # first, second, nested, third
    steps = [round(b - a) for a, b in itertools.pairwise(tops)]
    assert max(steps) - min(steps) <= 2, steps


def test_a_narrow_preview_keeps_title_words_whole_and_scrolls_only_the_table(
    qtbot, desk: Desk
) -> None:
    """A small screen leaves the preview ~240 px wide: the title's words fit their lines (the
    heading shrinks, as blog themes' fluid type does) and a wide table scrolls by itself instead
    of the whole page. From ~560 px up, the headings keep their full size."""
    desk.editor.setPlainText(
        "# Welcome to BlogDesk\n\n## Writing notes\n\n"
        "| Shortcut | What it does |\n|---|---|\n| Ctrl+Shift+F | Focus mode: just the text |\n"
        "\nEnd.\n"
    )
    wait_text(qtbot, desk.view, "End.")

    def words_on_lines(selector: str) -> list[str]:
        # Each line box of the heading's text, as the words on it: a word broken in two shows
        # as a fragment that is not one of the heading's words.
        expression = f"""(() => {{
            const node = document.querySelector('{selector}').firstChild;
            const words = [], range = document.createRange();
            let at = 0;
            for (const word of node.textContent.split(' ')) {{
                range.setStart(node, at); range.setEnd(node, at + word.length);
                const rects = [...range.getClientRects()].filter(r => r.width > 0);
                words.push(rects.length === 1 ? word : word + ' (broken)');
                at += word.length + 1;
            }}
            return words;
        }})()"""
        result = js(qtbot, desk.view, expression)
        assert isinstance(result, list)
        return result

    def font_px(selector: str) -> float:
        value = js(
            qtbot, desk.view, f"getComputedStyle(document.querySelector('{selector}')).fontSize"
        )
        return float(str(value).removesuffix("px"))

    desk.view.resize(240, 500)
    qtbot.waitUntil(lambda: js(qtbot, desk.view, "window.innerWidth") == 240)
    assert words_on_lines(".post h1") == ["Welcome", "to", "BlogDesk"]
    assert font_px(".post h1") < 2.1 * 16
    sideways = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    page_width, view_width = js(qtbot, desk.view, sideways)  # type: ignore[misc]
    assert page_width <= view_width
    table = js(
        qtbot,
        desk.view,
        "[document.querySelector('table').scrollWidth, "
        "document.querySelector('table').clientWidth]",
    )
    assert isinstance(table, list) and table[0] > table[1]  # the table scrolls, within itself

    desk.view.resize(700, 500)
    qtbot.waitUntil(lambda: js(qtbot, desk.view, "window.innerWidth") == 700)
    assert font_px(".post h1") == pytest.approx(2.1 * 16)
    assert font_px(".post h2") == pytest.approx(1.6 * 16)
    assert (
        js(qtbot, desk.view, "getComputedStyle(document.querySelector('table')).display") == "table"
    )
