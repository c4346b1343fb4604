"""The live preview: a QWebEngineView showing rendered post HTML in the blog-like template.

The template page is loaded once per post folder (or theme / remote setting); each update swaps the
article's content in place by `runJavaScript` in the ApplicationWorld (no flash, scroll kept).
Post content runs no script: the page's CSP is `script-src 'none'` and main-world JavaScript is
switched off; only our isolated-world helpers run. Remote resources are refused by the request
interceptor and replaced by a visible placeholder unless the author allows them. Clicked links
open in the system browser; the preview never navigates.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from string import Template

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from blogdesk import resources
from blogdesk.ui.preview.url_scheme import (
    SCHEME,
    THEME_BASE,
    PreviewSchemeHandler,
    RemoteBlocker,
    is_registered,
    page_url_for,
    register_url_scheme,
)

__all__ = ["PreviewView", "build_template", "register_url_scheme"]

log = logging.getLogger(__name__)
WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})


def _resource(name: str) -> str:
    return resources.read_text(f"preview/{name}")


def content_security_policy(allow_remote: bool) -> str:
    remote = " https: http:" if allow_remote else ""
    own = f"{SCHEME}: data:"
    frames = "https: http:" if allow_remote else "'none'"
    return (
        f"default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        f"form-action 'none'; style-src 'unsafe-inline'; img-src {own}{remote}; "
        f"media-src {own}{remote}; font-src {own}; frame-src {frames}"
    )


def build_template(*, dark: bool, allow_remote: bool) -> str:
    """The preview page (without the post): CSS for the theme, Pygments colours, strict CSP."""
    from blogdesk.core.render.rendering import pygments_css

    return Template(_resource("template.html")).substitute(
        theme="dark" if dark else "light",
        csp=content_security_policy(allow_remote),
        css=_resource("preview.css"),
        pygments=pygments_css(dark),
    )


def build_theme_page(template: str, *, allow_remote: bool, title: str = "") -> str:
    """The captured blog theme's page (without the post), its files from the theme host."""
    from blogdesk.core.theme.page import content_security_policy as theme_csp
    from blogdesk.core.theme.page import fill_theme

    csp = theme_csp(f"{SCHEME}:", allow_remote=allow_remote)
    return fill_theme(template, assets_base=THEME_BASE, csp=csp, title=title)


def palette_is_dark() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


class _PreviewPage(QWebEnginePage):
    """Refuses every navigation except loading our template; clicked links go to `open_external`."""

    def __init__(self, profile: QWebEngineProfile, view: PreviewView) -> None:
        # Parented to the web view (created before the profile) so the page dies before the profile.
        super().__init__(profile, view.view)
        self._view = view

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:  # Qt override
        url = QUrl(url)
        if not is_main_frame:  # embeds (iframes) only load when remote content is allowed
            return self._view.allow_remote and url.scheme() in ("http", "https")
        page = self._view.page_url
        same_doc = (url.scheme(), url.host(), url.path()) == (
            page.scheme(),
            page.host(),
            page.path(),
        )
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            if same_doc and url.hasFragment():
                return True  # footnote / table-of-contents jumps scroll within the page
            if url.scheme() in EXTERNAL_SCHEMES:
                self._view.open_external(url)
            else:
                log.info("preview: not following link %s", url.toString())
            return False
        return same_doc and url.scheme() == SCHEME


class PreviewView(QWidget):
    loaded = Signal()  # emitted each time the template page has finished loading
    contentUpdated = Signal(int)  # the revision number of the HTML now shown

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        allow_remote: bool = False,
        dark: bool | None = None,
        base_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        if not is_registered():
            raise RuntimeError(
                "call blogdesk.ui.preview.web_preview.register_url_scheme() before "
                "creating the QApplication"
            )
        self.allow_remote = allow_remote
        self._follow_palette = dark is None
        self.dark = palette_is_dark() if dark is None else dark
        # Opens clicked links; replaceable (tests, or a window that asks first).
        self.open_external: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.page_url = page_url_for(None)
        self._base_dir = base_dir  # given here, the page loads once instead of twice
        self._is_loaded = False
        self._pending: tuple[str, int] | None = None
        self._last: tuple[str, int] | None = None
        self._anchors: list[tuple[int, str]] = []
        self._total_lines = 1
        self._theme: str | None = None  # a captured blog theme's template, None: plain style
        self._title = ""

        self.view = QWebEngineView(self)  # created first, so it (and its page) dies first
        self.profile = QWebEngineProfile(self)  # off the record: no cache or cookies on disk
        self.blocker = RemoteBlocker(self.profile)
        self.blocker.allow_remote = allow_remote
        self.profile.setUrlRequestInterceptor(self.blocker)
        self.scheme_handler = PreviewSchemeHandler(self.profile)
        self.profile.installUrlSchemeHandler(SCHEME.encode(), self.scheme_handler)
        script = QWebEngineScript()
        script.setName("blogdesk-swap")
        script.setSourceCode(_resource("swap.js"))
        script.setWorldId(WORLD)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        script.setRunsOnSubFrames(False)
        self.profile.scripts().insert(script)
        page = _PreviewPage(self.profile, self)
        settings = page.settings()
        # Post content must not run script; our helpers run in the ApplicationWorld regardless.
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
        settings.setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False
        )
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadIconsForPage, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        self.view.setPage(page)
        page.loadFinished.connect(self._on_load_finished)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._load_template()

    # -- public API -------------------------------------------------------------------------

    def set_base_dir(self, folder: Path) -> None:
        """Local images of the post resolve against `folder` (reloads the template if it moved)."""
        if self._base_dir is not None and folder.resolve() == self._base_dir.resolve():
            return
        self._base_dir = folder
        self._load_template()

    def show_html(self, html: str, revision: int) -> None:
        """Show `html` (a post body fragment); `contentUpdated(revision)` follows once shown."""
        self._last = (html, revision)
        if not self._is_loaded:
            self._pending = (html, revision)
            return
        call = f"blogdeskSwap({json.dumps(html)}, {json.dumps(self.allow_remote)})"
        self.page().runJavaScript(call, WORLD, lambda _r, rev=revision: self._swapped(rev))

    def set_theme(self, template: str | None, assets: Path | None = None) -> None:
        """Show posts in a captured blog theme (its template, its files in `assets`), or in the
        plain style with None. Reloads the page once; the post is put back into it."""
        if template == self._theme and assets == self.scheme_handler.theme_assets:
            return
        self._theme = template
        self.scheme_handler.theme_assets = assets if template is not None else None
        self._load_template()

    @property
    def theme_shown(self) -> bool:
        return self._theme is not None

    def set_title(self, title: str) -> None:
        """The post's title, shown above the content (plain) or where the theme shows it."""
        if title == self._title:
            return
        self._title = title
        if self._is_loaded:
            self.page().runJavaScript(f"blogdeskSetTitle({json.dumps(title)})", WORLD)

    def set_line_anchors(self, anchors: Sequence[tuple[int, str]], total_lines: int) -> None:
        """Source line -> element id pairs (the headings) used by `scroll_to_source_line`."""
        self._anchors = [(line, anchor) for line, anchor in anchors]
        self._total_lines = max(1, total_lines)

    def scroll_to_source_line(self, line: int) -> None:
        if not self._is_loaded:
            return
        call = (
            f"blogdeskScrollToLine({int(line)}, {json.dumps(self._anchors)}, {self._total_lines})"
        )
        self.page().runJavaScript(call, WORLD)

    def set_allow_remote(self, allowed: bool) -> None:
        if allowed == self.allow_remote:
            return
        self.allow_remote = allowed
        self.blocker.allow_remote = allowed
        self._load_template()  # the CSP changes with it

    def set_dark(self, dark: bool) -> None:
        self._follow_palette = False
        self._apply_theme(dark)

    def page(self) -> QWebEnginePage:
        return self.view.page()

    def page_text(self, callback: Callable[[str], None]) -> None:
        self.page().toPlainText(callback)

    def run_in_page(self, script: str, callback: Callable[[object], None]) -> None:
        """Evaluate `script` in our isolated world (sees the DOM, not the page's globals)."""
        self.page().runJavaScript(script, WORLD, callback)

    @property
    def is_loaded(self) -> bool:
        return self._is_loaded

    # -- internals ----------------------------------------------------------------------------

    def _load_template(self) -> None:
        self._is_loaded = False
        if self._last is not None:
            self._pending = self._last
        dark, allow_remote, theme, title = self.dark, self.allow_remote, self._theme, self._title
        # Built when the page asks for it (Pygments' CSS needs the renderer's imports), so the
        # web engine starts loading without waiting for them.
        if theme is not None:
            self.scheme_handler.template_source = lambda: build_theme_page(
                theme, allow_remote=allow_remote, title=title
            ).encode()
        else:
            self.scheme_handler.template_source = lambda: build_template(
                dark=dark, allow_remote=allow_remote
            ).encode()
        self.page_url = page_url_for(self._base_dir)
        self.view.load(self.page_url)

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            log.warning("preview template failed to load")
            return
        self._is_loaded = True
        if self._title:
            self.page().runJavaScript(f"blogdeskSetTitle({json.dumps(self._title)})", WORLD)
        self.loaded.emit()
        # Also after a reload nobody asked for: the page must never stay empty.
        content = self._pending or self._last
        self._pending = None
        if content is not None:
            self.show_html(*content)

    def _swapped(self, revision: int) -> None:
        self.contentUpdated.emit(revision)

    def _apply_theme(self, dark: bool) -> None:
        if dark == self.dark:
            return
        self.dark = dark
        if self._theme is None:  # a blog's theme has its own colours, whatever the desktop's
            self._load_template()  # Pygments colours differ per theme, so the page is rebuilt

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.PaletteChange and self._follow_palette:
            self._apply_theme(palette_is_dark())
        super().changeEvent(event)
