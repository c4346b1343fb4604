"""The preview's private URL scheme and its network gatekeeper.

The template page is served from `blogdesk-preview://local/<post folder>/…` by a scheme handler, so
relative image paths in a post resolve to files beside it, no setHtml size limit applies, and the
page's origin is ours alone. Everything else (http, https, file, …) is refused by the request
interceptor unless the author allowed remote content.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

__all__ = [
    "SCHEME",
    "TEMPLATE_NAME",
    "THEME_BASE",
    "PreviewSchemeHandler",
    "RemoteBlocker",
    "is_registered",
    "page_url_for",
    "register_url_scheme",
]

SCHEME = "blogdesk-preview"
HOST = "local"
# A captured blog theme's files (style sheets, fonts, images) are served under this path, out of
# the one folder the handler is given: `blogdesk-preview://local/__blogdesk_theme__/<name>`. The
# same host as the page: web fonts are fetched with CORS, which a custom scheme cannot pass
# between origins.
THEME_PATH = "/__blogdesk_theme__/"
THEME_BASE = f"{SCHEME}://{HOST}{THEME_PATH}"
THEME_SUFFIXES = frozenset({".css", ".eot"})
TEMPLATE_NAME = "__blogdesk_preview__.html"
# Only files a post can show are served: never arbitrary files by a crafted relative path.
SERVED_SUFFIXES = frozenset(
    {
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".svg",
        ".avif",
        ".bmp",
        ".ico",
        ".mp4",
        ".webm",
        ".ogg",
        ".mp3",
        ".wav",
        ".m4a",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
    }
)
REMOTE_SCHEMES = frozenset({"http", "https"})


def register_url_scheme() -> None:
    """Declare the preview scheme to QtWebEngine. Must run before the QApplication is created
    (Qt refuses afterwards); calling it again is harmless."""
    if is_registered():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Secure like https (so no mixed-content downgrade); deliberately not LocalAccessAllowed.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


def is_registered() -> bool:
    return bytes(QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name().data()) == SCHEME.encode()


def page_url_for(base_dir: Path | None) -> QUrl:
    """The template page's URL: inside `base_dir`, so relative references resolve against it."""
    folder = QUrl.fromLocalFile(str(base_dir.resolve()) + "/") if base_dir else QUrl("file:///")
    url = QUrl()
    url.setScheme(SCHEME)
    url.setHost(HOST)
    url.setPath(folder.path() + TEMPLATE_NAME)
    return url


def local_path_for(url: QUrl) -> Path:
    file_url = QUrl()
    file_url.setScheme("file")
    file_url.setPath(url.path())
    return Path(file_url.toLocalFile())


class PreviewSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers the template page from memory and local media files from disk."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.template = b""
        # When set, makes `template` on the next request for it (then cleared).
        self.template_source: Callable[[], bytes] | None = None
        self.theme_assets: Path | None = None  # the captured theme's files, when one is shown

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # Qt override
        url = job.requestUrl()
        if url.host() == HOST and url.path().startswith(THEME_PATH):
            self._theme_file(job, url.path()[len(THEME_PATH) :])
            return
        if url.host() != HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        if url.path().endswith("/" + TEMPLATE_NAME):
            if self.template_source is not None:
                self.template, self.template_source = self.template_source(), None
            self._reply(job, b"text/html;charset=utf-8", self.template)
            return
        path = local_path_for(url)
        if path.suffix.lower() not in SERVED_SUFFIXES:
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        try:
            data = path.read_bytes()
        except OSError:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._reply(job, mime.encode(), data)

    def _theme_file(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        # Flat names only ("style-1a2b.css"): no sub-folder, so no way out of the folder.
        name = path.lstrip("/")
        folder = self.theme_assets
        suffix = Path(name).suffix.lower()
        ok_suffix = suffix in SERVED_SUFFIXES or suffix in THEME_SUFFIXES
        if folder is None or not name or "/" in name or "\\" in name or not ok_suffix:
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        try:
            data = (folder / name).read_bytes()
        except OSError:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        mime = "text/css" if suffix == ".css" else mimetypes.guess_type(name)[0]
        self._reply(job, (mime or "application/octet-stream").encode(), data)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, mime: bytes, data: bytes) -> None:
        # The buffer belongs to the job, so it lives exactly as long as WebEngine reads it.
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(mime), buffer)


class RemoteBlocker(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not for our scheme (or inline data), remote ones unless
    allowed. `blocked` lists what was refused, newest last (for tests and a status hint)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allow_remote = False
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # Qt override
        scheme = info.requestUrl().scheme()
        if scheme in (SCHEME, "data", "blob"):
            return
        if scheme in REMOTE_SCHEMES and self.allow_remote:
            return
        self.blocked.append(info.requestUrl().toString())
        del self.blocked[:-100]
        info.block(True)
