"""What the editor inserts for pasted or dropped data: Markdown for rich HTML, image references
for images (through the window's media handler), plain text otherwise."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData
from PySide6.QtGui import QImage

__all__ = [
    "IMAGE_SUFFIXES",
    "MediaHandler",
    "PastePlan",
    "clipboard_fragment",
    "image_bytes",
    "image_paths",
    "markdown_from_html",
]

log = logging.getLogger(__name__)

# Given an image file (or raw bytes plus a suggested file name), returns the relative reference
# to write into the post. Implemented by the window (it copies the image into the library's media/).
MediaHandler = Callable[[Path | bytes, str], str]

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp"})


@dataclass(frozen=True)
class PastePlan:
    """What a QMimeData turns into: image files, raw image bytes, or text to insert."""

    files: tuple[Path, ...] = ()
    image: bytes | None = None
    text: str | None = None


def image_paths(mime: QMimeData) -> list[Path]:
    """Local image files among the dropped/pasted URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()]


def image_bytes(mime: QMimeData) -> bytes | None:
    """A pasted bitmap (screenshot, "copy image") as PNG bytes, or None."""
    if not mime.hasImage():
        return None
    image = mime.imageData()
    if not isinstance(image, QImage) or image.isNull():
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; str works
    buffer.close()
    return bytes(data.data())


def markdown_from_html(html: str, base_url: str | None = None) -> str | None:
    """Markdown for pasted HTML, or None when the converter is unavailable or fails
    (the caller then pastes the plain-text flavour instead: nothing the author copied is lost)."""
    try:
        from blogdesk.core.convert.htmltomd import html_to_markdown
    except ImportError:  # the converter is an optional part of the core; plain text still works
        log.warning("blogdesk.core.convert.htmltomd is not available; pasting plain text")
        return None
    try:
        return html_to_markdown(html, base_url=base_url).strip("\n")
    except Exception:  # a converter bug must not eat the author's paste
        log.exception("HTML to Markdown conversion failed; pasting plain text")
        return None


_FRAGMENT = re.compile(
    r"<!--\s*StartFragment\s*-->(.*?)<!--\s*EndFragment\s*-->", re.IGNORECASE | re.DOTALL
)
# Clipboard wrappers browsers and office suites add around the copied fragment; not content.
_WRAPPERS = re.compile(
    r"<(?:meta|link|base)\b[^>]*>|<(title|style|script)\b[^>]*>.*?</\1\s*>"
    r"|</?(?:html|head|body)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)


def clipboard_fragment(html: str) -> str:
    """The copied fragment of clipboard HTML, without the document wrapper around it."""
    m = _FRAGMENT.search(html)
    if m:
        html = m.group(1)
    return _WRAPPERS.sub("", html).strip()


def plan_paste(mime: QMimeData, *, rich: bool, media: bool) -> PastePlan:
    """Decide what to insert. `rich` False is "paste as plain text"; `media` False means no media
    handler is set, so images cannot be stored and their file names are pasted as text."""
    if media:
        files = image_paths(mime)
        if files:
            return PastePlan(files=tuple(files))
        data = image_bytes(mime)
        if data is not None and not (mime.hasHtml() and rich and mime.hasText()):
            return PastePlan(image=data)
    if rich and mime.hasHtml():
        html = clipboard_fragment(mime.html())
        md = markdown_from_html(html)
        if md is not None and (md.strip() or not mime.hasText()):
            return PastePlan(text=md)
    if mime.hasText():
        return PastePlan(text=mime.text())
    if mime.hasUrls():
        return PastePlan(text="\n".join(u.toString() for u in mime.urls()))
    return PastePlan()
