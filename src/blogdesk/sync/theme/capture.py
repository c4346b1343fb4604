"""Capturing a page's theme into the cache, and reading it back: `capture_page`, `load_theme`.

One folder per account under `<cache>/themes/<account id>/`: `page.html` (the template, see
core/theme/template.py), `assets/` (every style sheet, font and image it needs, under names made
from the address, flat, so style sheets refer to their fonts by bare name) and `theme.json`
(where it came from, when, what was found). A capture is written into a fresh folder beside it
and swapped in only when complete: a failed or cancelled capture leaves the last good theme
alone, and nothing is ever written outside the cache folder.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from blogdesk.core.fsutil import atomic_write
from blogdesk.core.progress import Progress, no_progress
from blogdesk.core.theme.css import css_references, rewrite_css
from blogdesk.core.theme.template import ThemePage
from blogdesk.sync.theme.block_styles import add_block_styles
from blogdesk.sync.theme.fetch import Fetcher, FetchError
from blogdesk.sync.theme.sample import PostSample

__all__ = ["MAX_AGE", "CapturedTheme", "capture_page", "load_theme", "theme_folder"]

THEMES_DIR = "themes"
MAX_AGE = 7 * 24 * 3600.0  # refreshed when older than a week: themes change rarely
FORMAT = 1
# What the preview's URL scheme serves from a theme's assets folder, by suffix.
ASSET_SUFFIXES = frozenset(
    [
        ".css",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".svg",
        ".avif",
        ".ico",
        ".bmp",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
    ]
)
_BY_TYPE = {
    "text/css": ".css",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
    "image/avif": ".avif",
    "font/woff2": ".woff2",
    "font/woff": ".woff",
    "font/ttf": ".ttf",
    "font/otf": ".otf",
    "application/font-woff": ".woff",
    "application/font-woff2": ".woff2",
    "application/x-font-ttf": ".ttf",
}
MAX_IMPORT_DEPTH = 4


@dataclass(frozen=True)
class CapturedTheme:
    folder: Path
    source_url: str
    captured_at: float
    files: int
    size: int
    content: str  # the element that holds the post (".entry-content", for the author)
    title: str
    warnings: tuple[str, ...] = field(default=())
    platform: str = ""  # "wordpress", "ghost", "hugo", "jekyll" or "" (see ThemePage)

    @property
    def assets(self) -> Path:
        return self.folder / "assets"

    def template(self) -> str:
        return (self.folder / "page.html").read_text("utf-8")

    def is_stale(self, now: float | None = None) -> bool:
        return (now if now is not None else time.time()) - self.captured_at > MAX_AGE


def theme_folder(cache_dir: Path, account_id: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", account_id) or "_"
    return Path(cache_dir) / THEMES_DIR / safe


def load_theme(cache_dir: Path, account_id: str) -> CapturedTheme | None:
    """The cached theme of the account, or None when there is none (or it is unreadable)."""
    folder = theme_folder(cache_dir, account_id)
    try:
        meta = json.loads((folder / "theme.json").read_text("utf-8"))
        if meta.get("format") != FORMAT or not (folder / "page.html").is_file():
            return None
        return CapturedTheme(
            folder,
            str(meta["source_url"]),
            float(meta["captured_at"]),
            int(meta["files"]),
            int(meta["size"]),
            str(meta.get("content", "")),
            str(meta.get("title", "")),
            tuple(str(w) for w in meta.get("warnings", [])),
            str(meta.get("platform", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _local_name(url: str, content_type: str, css: bool) -> str | None:
    path = PurePosixPath(urlsplit(url).path)
    suffix = ".css" if css else path.suffix.lower()
    if suffix not in ASSET_SUFFIXES:
        suffix = _BY_TYPE.get(content_type, "")
    if suffix not in ASSET_SUFFIXES:
        return None  # nothing the preview would serve: not kept
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", path.stem)[:40] or "file"
    digest = hashlib.sha256(url.encode()).hexdigest()[:10]
    return f"{stem}-{digest}{suffix}"


class _Assets:
    """Downloads what the page refers to (style sheets recursively) into `folder`."""

    def __init__(self, fetcher: Fetcher, folder: Path, report: Callable[[str], None]) -> None:
        self.fetcher = fetcher
        self.folder = folder
        self.report = report
        self.names: dict[str, str | None] = {}
        self.warnings: list[str] = []

    def get(self, url: str, css: bool, depth: int = 0) -> str | None:
        url = url.split("#")[0]
        if url in self.names:
            return self.names[url]
        self.names[url] = None  # an @import cycle ends here
        if urlsplit(url).scheme not in ("http", "https"):
            return None
        self.report(url)
        try:
            fetched = self.fetcher.get(url)
        except FetchError as exc:
            self.warnings.append(str(exc))
            return None
        is_css = css or fetched.content_type == "text/css"
        name = _local_name(fetched.url, fetched.content_type, is_css)
        if name is None:
            self.warnings.append(f"Not kept (not a style sheet, font or image): {url}")
            return None
        data = fetched.data
        if is_css:
            data = self._css(fetched.data.decode("utf-8", "replace"), fetched.url, depth)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(data)
        self.names[url] = name
        return name

    def _css(self, text: str, base: str, depth: int) -> bytes:
        for value, is_import in css_references(text):
            if depth < MAX_IMPORT_DEPTH:
                self.get(urljoin(base, value), is_import, depth + 1)
        return rewrite_css(text, lambda v: self.names.get(urljoin(base, v).split("#")[0])).encode()


def capture_page(
    fetcher: Fetcher,
    sample: PostSample,
    folder: Path,
    *,
    progress: Callable[[Progress], None] = no_progress,
    page_html: bytes | None = None,
    platform: str = "",
) -> CapturedTheme:
    """Capture the page of `sample` into `folder` (replaced only once complete)."""
    progress(Progress(stage="page", message=f"Reading {sample.url}"))
    if page_html is None:
        fetched = fetcher.get(sample.url, page=True)
        page_html, page_url = fetched.data, fetched.url
    else:
        page_url = sample.url
    page = ThemePage(page_html, page_url, title=sample.title, text=sample.text)
    work = folder.parent / f".{folder.name}.new-{uuid.uuid4().hex[:8]}"
    try:
        done = 0

        def report(url: str) -> None:
            nonlocal done
            done += 1
            progress(Progress(stage="assets", message=f"Downloading {url}", done=done))

        add_block_styles(fetcher, page, report)  # WordPress: blocks this post does not show
        assets = _Assets(fetcher, work / "assets", report)
        for url, kind in page.references():
            assets.get(url, kind == "css")
        template = page.render(lambda url: assets.names.get(url.split("#")[0]))
        work.mkdir(parents=True, exist_ok=True)
        atomic_write(work / "page.html", template.encode("utf-8"))
        files = [p for p in (work / "assets").glob("*")] if (work / "assets").is_dir() else []
        theme = CapturedTheme(
            folder,
            page_url,
            time.time(),
            len(files),
            sum(p.stat().st_size for p in files),
            page.content_selector,
            page.title_selector,
            tuple(page.warnings + assets.warnings),
            platform or page.platform,
        )
        meta = {
            "format": FORMAT,
            "source_url": theme.source_url,
            "captured_at": theme.captured_at,
            "files": theme.files,
            "size": theme.size,
            "content": theme.content,
            "title": theme.title,
            "warnings": list(theme.warnings),
            "platform": theme.platform,
        }
        atomic_write(work / "theme.json", json.dumps(meta, indent=2).encode("utf-8"))
        _swap_in(work, folder)
        return theme
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _swap_in(work: Path, folder: Path) -> None:
    old = folder.parent / f".{folder.name}.old-{uuid.uuid4().hex[:8]}"
    if folder.exists():
        folder.rename(old)
    work.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
