"""The standalone HTML page of a post: the preview's template and CSS around the rendered post.

The page is the preview's own (`resources/preview/template.html` and `preview.css`, the light
colours), so an exported page looks like the preview. Its images are copied beside it into
`NAME_files/` (the page still opens after the library moves) or, with `inline`, written into the
page as data: URIs (one file to mail). Web images stay web addresses. The page runs no script:
its Content-Security-Policy allows none, as in the preview.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from blogdesk import resources
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.fsutil import atomic_write
from blogdesk.core.post.post import Post
from blogdesk.core.render.rendering import RenderOptions, pygments_css, render
from blogdesk.core.theme.page import fill_plain

__all__ = [
    "FORMATS",
    "STYLES",
    "ExportError",
    "Page",
    "Resolver",
    "export_file_name",
    "standalone_page",
    "write_html",
]

FORMATS = ("html", "pdf", "docx")
STYLES = ("plain",)  # the preview's light page; more come with the preview's themes
# The file a local image reference names (the publishing rule: beside the post, then the
# library's media folder), or None. Given by the caller, which knows the library.
Resolver = Callable[[str], Path | None]

# Images may come from the page's folder, inline data, or the web (as a browser would show the
# page); nothing runs.
CSP = (
    "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "style-src 'unsafe-inline'; img-src 'self' file: data: https: http:; "
    "media-src 'self' file: data: https: http:; font-src 'self' file: data:"
)
_IMG_SRC = re.compile(
    r"""(<img\b[^>]*?\ssrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)


class ExportError(BlogDeskError):
    """The post could not be exported (a file that cannot be written, a converter missing)."""


@dataclass(frozen=True)
class Page:
    html: str
    files: tuple[tuple[Path, str], ...]  # (image on disk, its name in the files folder)


def _is_local(src: str) -> bool:
    """A file on this computer ("pic.png", "/media/x.png", "file:///…", "C:\\…"), not a web
    address, inline data or an anchor."""
    if not src or src.startswith(("#", "//")):
        return False
    scheme = _SCHEME.match(src)
    if scheme and len(scheme[1]) > 1:  # "C:\\…" reads as a one-letter scheme
        return scheme[1].lower() == "file"
    return True


def export_file_name(post_path: Path, fmt: str) -> str:
    """`my-post.md` -> `my-post.html` (`.pdf`, `.docx`)."""
    return f"{post_path.stem}.{fmt}"


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem}-{n}.{suffix}" if dot else f"{stem}-{n}"
    taken.add(candidate.casefold())
    return candidate


def standalone_page(
    post: Post,
    resolve: Resolver,
    *,
    files_dir: str,
    inline: bool = False,
    options: RenderOptions | None = None,
    style: str = "plain",
) -> Page:
    """The page of `post`: its images as `files_dir/NAME` (or data: URIs with `inline`)."""
    if style not in STYLES:
        raise ExportError(f"There is no export style {style!r} (styles: {', '.join(STYLES)}).")
    rendered = render(post.body, options)
    files: list[tuple[Path, str]] = []
    names: dict[Path, str] = {}
    taken: set[str] = set()

    def local_image(match: re.Match[str]) -> str:
        raw = next(g for g in match.groups()[1:] if g is not None)
        src = html.unescape(raw).strip()
        path = resolve(src) if _is_local(src) else None
        if path is None:
            return match[0]  # the checklist reports it; the page keeps the reference as written
        if inline:
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            return f'{match[1]}"data:{mime};base64,{data}"'
        name = names.get(path)
        if name is None:
            name = names[path] = _unique(path.name, taken)
            files.append((path, name))
        return f'{match[1]}"{html.escape(quote(files_dir) + "/" + quote(name))}"'

    body = _IMG_SRC.sub(local_image, rendered.html)
    # The page the preview shows (core.theme.page.fill_plain): the title in the template's
    # heading, the post in its article; what the author saw is what is exported.
    page = fill_plain(
        resources.read_text("preview/template.html"),
        dark=False,
        csp=CSP,
        css=resources.read_text("preview/preview.css"),
        pygments=pygments_css(False),
        title=post.title,
        content_html=body,
    )
    return Page(page, tuple(files))


def write_html(
    post: Post,
    out: Path,
    resolve: Resolver,
    *,
    inline: bool = False,
    options: RenderOptions | None = None,
    style: str = "plain",
) -> Path:
    """Write the page to `out` and its images into `out`'s `NAME_files/` folder."""
    files_dir = f"{out.stem}_files"
    page = standalone_page(
        post, resolve, files_dir=files_dir, inline=inline, options=options, style=style
    )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if page.files:
            folder = out.parent / files_dir
            folder.mkdir(exist_ok=True)
            for source, name in page.files:
                shutil.copyfile(source, folder / name)
        atomic_write(out, page.html.encode("utf-8"))
    except OSError as exc:
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    return out
