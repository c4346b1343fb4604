"""Downloading an imported blog's uploads into the library's `media/` folder (`--download-media`).

Downloads go through a `Fetcher` (URL → bytes) so tests and the window can pass their own; the
default uses the standard library (core imports no `requests`). A file that cannot be fetched keeps
its remote URL in the post and becomes a warning, never a failed import.
"""

from __future__ import annotations

import os
import re
import urllib.request
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from blogdesk.core.fsutil import atomic_write
from blogdesk.core.post.naming import title_to_stem

__all__ = ["Fetcher", "MediaDownloader", "urllib_fetcher"]

Fetcher = Callable[[str], bytes]

MAX_MEDIA_BYTES = 200 * 1024 * 1024
_UPLOAD_URL = re.compile(
    r"""https?://[^\s"'()<>\[\]]+?/wp-content/uploads/[^\s"'()<>\[\]]+?"""
    r"""\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|ico|mp4|m4v|webm|mov|mp3|m4a|ogg|wav|pdf)"""
    r"""(?=[\s"'()<>\[\]]|$)""",
    re.IGNORECASE,
)


def urllib_fetcher(url: str, *, timeout: float = 30.0) -> bytes:
    """GET `url` (http or https only), refusing bodies over MAX_MEDIA_BYTES."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise OSError(f"not a web address: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "BlogDesk importer"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data: bytes = response.read(MAX_MEDIA_BYTES + 1)
    if len(data) > MAX_MEDIA_BYTES:
        raise OSError(f"larger than {MAX_MEDIA_BYTES // (1024 * 1024)} MB")
    return data


class MediaDownloader:
    """Downloads each upload once and rewrites posts to point at the local copy."""

    def __init__(self, media_dir: Path, fetcher: Fetcher, site_hosts: set[str]) -> None:
        self.media_dir = media_dir
        self._fetch = fetcher
        self.hosts = {h.lower() for h in site_hosts if h}  # only these sites' uploads
        self._local: dict[str, Path | None] = {}  # URL → file (None: failed before)
        self.downloaded = 0

    def urls_in(self, text: str) -> list[str]:
        """The site's upload URLs in `text`, in order, without repeats."""
        seen: dict[str, None] = {}
        for match in _UPLOAD_URL.finditer(text):
            url = match[0]
            if urlsplit(url).hostname in self.hosts:
                seen.setdefault(url, None)
        return list(seen)

    def localize(self, text: str, post_path: Path, problems: list[str]) -> str:
        """`text` with every upload URL that could be downloaded replaced by a relative path."""
        for url in self.urls_in(text):
            local = self.fetch(url, problems)
            if local is not None:
                relative = os.path.relpath(local, post_path.parent).replace(os.sep, "/")
                text = text.replace(url, relative)
        return text

    def fetch(self, url: str, problems: list[str]) -> Path | None:
        """The local copy of `url`, downloading it the first time; None (and a problem) if not."""
        if url in self._local:
            return self._local[url]
        target = self._target(url)
        try:
            data = self._fetch(url)
        except Exception as exc:  # any fetcher failure is one image, not the whole import
            problems.append(f"could not download {url} ({exc}); the post keeps the web address")
            self._local[url] = None
            return None
        target = self._free(target, data)
        if not target.exists():
            try:
                atomic_write(target, data)
            except OSError as exc:
                problems.append(f"could not save {target.name}: {exc.strerror}")
                self._local[url] = None
                return None
            self.downloaded += 1
        self._local[url] = target
        return target

    def _target(self, url: str) -> Path:
        # Keep WordPress's year/month folders so two months' "image.jpg" do not collide.
        path = unquote(urlsplit(url).path)
        tail = path.split("/wp-content/uploads/", 1)[-1]
        parts = [p for p in PurePosixPath(tail).parts if p not in ("", ".", "..", "/")]
        safe = [_safe_segment(p) for p in parts] or ["file"]
        return self.media_dir.joinpath(*safe)

    def _free(self, target: Path, data: bytes) -> Path:
        """`target`, or `name-2.ext`…: the first path that is free or already holds `data`."""
        stem, suffix = target.stem, target.suffix
        candidate, number = target, 2
        while candidate.exists():
            try:
                if candidate.read_bytes() == data:
                    return candidate
            except OSError:
                pass
            candidate = target.with_name(f"{stem}-{number}{suffix}")
            number += 1
        return candidate


def _safe_segment(segment: str) -> str:
    stem, dot, suffix = segment.rpartition(".")
    if not dot:
        return title_to_stem(segment)
    return f"{title_to_stem(stem)}.{re.sub(r'[^A-Za-z0-9]', '', suffix).lower() or 'bin'}"
