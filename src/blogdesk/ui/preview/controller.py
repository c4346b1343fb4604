"""Keeps the preview in step with the editor without ever blocking typing (STYLE.md habit 3).

Every edit bumps a revision and restarts ONE debounce timer. When it fires, the text is rendered on
the TaskRunner; while a render is in flight no second one starts, a "render again" flag remembers
that the text changed meanwhile, and a result whose revision is no longer the latest is dropped.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from blogdesk.core.render.rendering import RenderedPost, RenderOptions, render
from blogdesk.core.theme.wordpress import preview_transform
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.preview.web_preview import PreviewView
from blogdesk.ui.tasks import TaskRunner

__all__ = ["PreviewController", "default_render_function"]

log = logging.getLogger(__name__)
RenderFunction = Callable[[str], RenderedPost]


def default_render_function(options: RenderOptions | None) -> RenderFunction:
    """The incremental renderer when the core offers one (same HTML, faster), else `render`."""
    try:
        from blogdesk.core.render.rendering import IncrementalRenderer

        renderer = IncrementalRenderer(options)
        fn = getattr(renderer, "render", None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    except (ImportError, TypeError):  # an older core without it: the plain renderer is correct
        pass
    return lambda text: render(text, options)


class PreviewController(QObject):
    rendered = Signal(object)  # the RenderedPost of the newest text, as it goes to the preview
    renderStarted = Signal(int)  # the revision whose render just began (after the debounce)
    renderFailed = Signal(str)  # a message for the author; the preview keeps the last good page

    def __init__(
        self,
        editor: MarkdownEditor,
        view: PreviewView,
        runner: TaskRunner,
        options: RenderOptions | None = None,
        debounce_ms: int = 120,
        *,
        render_fn: RenderFunction | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.view = view
        self.runner = runner
        self._options = options
        self._custom_render = render_fn
        self._render: RenderFunction = render_fn or default_render_function(options)
        self._revision = 0  # bumped on every edit
        self._shown = -1  # revision currently in the preview
        self._busy = False  # a render is in flight
        self._again = False  # the text changed while it was in flight
        self._line = -1
        self.last_post: RenderedPost | None = None
        # Applied to the rendered HTML for the preview only: `body_transform` shapes it as the
        # blog in the preview style is sent it (WordPress: block markup), then `html_transform`
        # shows WordPress's shortcodes and embeds as the blog would.
        self.body_transform: Callable[[str], str] | None = None
        self.html_transform: Callable[[str], str] | None = None
        # Monotonic stamps of the newest render: started (debounce over) and result received.
        self.timing: dict[str, float] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start_render)
        editor.textChanged.connect(self._on_text_changed)
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        view.contentUpdated.connect(self._on_shown)

    # -- public API -------------------------------------------------------------------------

    def set_document(self, base_dir: Path) -> None:
        """A post was opened: local images resolve against `base_dir`; render right away."""
        if self._custom_render is None:
            self._render = default_render_function(self._options)  # fresh cache per post
        self.html_transform = preview_transform(base_dir)
        self.view.set_base_dir(base_dir)
        self._revision += 1
        self._line = -1
        self.render_now()

    def set_title(self, title: str) -> None:
        """The post's title (from its metadata), shown above or in the page like the blog does."""
        self.view.set_title(title)

    def set_options(self, options: RenderOptions | None) -> None:
        """Render with `options` from now on (a preference changed) and show the result at once."""
        self._options = options
        if self._custom_render is None:
            self._render = default_render_function(options)
        self.render_now()

    def render_now(self) -> None:
        """Skip the debounce (e.g. after a setting changed)."""
        self._timer.stop()
        self._start_render()

    @property
    def revision(self) -> int:
        return self._revision

    @property
    def shown_revision(self) -> int:
        return self._shown

    @property
    def busy(self) -> bool:
        return self._busy

    # -- internals ----------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        self._revision += 1
        self._timer.start()  # restarts: one timer, never one per keystroke

    def _on_cursor_moved(self) -> None:
        line = self.editor.current_source_line()
        if line != self._line:
            self._line = line
            self.view.scroll_to_source_line(line)

    def _start_render(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._again = False
        revision = self._revision
        text = self.editor.toPlainText()
        render_fn, transform = self._render, _chain(self.body_transform, self.html_transform)
        self.timing = {"started": time.perf_counter()}
        self.renderStarted.emit(revision)
        self.runner.run(
            lambda: _rendered(render_fn, transform, text),
            lambda post: self._on_rendered(revision, post),
            lambda exc: self._on_failed(revision, exc),
        )

    def _on_rendered(self, revision: int, post: RenderedPost) -> None:
        self._busy = False
        self.timing["rendered"] = time.perf_counter()
        if revision == self._revision:
            self.last_post = post
            self.view.set_line_anchors(
                [(h.line, h.anchor) for h in post.outline], self.editor.blockCount()
            )
            self.view.show_html(post.html, revision)
            self.rendered.emit(post)
        # else: stale, the text changed meanwhile; its own render is pending or below
        self._follow_up()

    def _on_failed(self, revision: int, exc: BaseException) -> None:
        self._busy = False
        log.warning("preview render of revision %d failed: %s", revision, exc)
        if revision == self._revision:
            self.renderFailed.emit(str(exc) or type(exc).__name__)
        self._follow_up()

    def _follow_up(self) -> None:
        # The debounce fired while we were busy: render the newest text now. (If the timer is
        # still running instead, it will start that render itself.)
        if self._again and not self._timer.isActive():
            self._start_render()

    def _on_shown(self, revision: int) -> None:
        self._shown = max(self._shown, revision)
        self.timing["shown"] = time.perf_counter()
        if self._line >= 0:
            self.view.scroll_to_source_line(self._line)


def _rendered(
    render_fn: RenderFunction, transform: Callable[[str], str] | None, text: str
) -> RenderedPost:
    post = render_fn(text)
    if transform is None:
        return post
    html = transform(post.html)
    return post if html == post.html else dataclasses.replace(post, html=html)


def _chain(*steps: Callable[[str], str] | None) -> Callable[[str], str] | None:
    chosen = [step for step in steps if step is not None]
    if not chosen:
        return None

    def run(html: str) -> str:
        for step in chosen:
            html = step(html)
        return html

    return run
