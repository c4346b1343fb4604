"""A preview page as files: the post's local images copied next to the page, remote media shown
as the preview shows them (a "blocked" box unless remote content is allowed).

`blogdesk preview --output OUT.html` writes OUT.html and an `OUT_files/` folder; the page then
opens in any browser with no network and no BlogDesk. Only media the post shows are copied, and
only regular files: a post cannot make the command copy anything it would not display.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from bs4 import BeautifulSoup, Tag

__all__ = ["copy_assets", "localize_media"]

_MEDIA_ATTRS: tuple[tuple[str, str], ...] = (
    ("img", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("source", "src"),
)


def _blocked(soup: BeautifulSoup, url: str, alt: str, image: bool) -> Tag:
    box = soup.new_tag("span")
    box["class"] = "blogdesk-blocked"
    box["data-blocked-src"] = url
    kind = "Remote image blocked" if image else "Remote content blocked"
    box.string = f"{kind}{f' ({alt})' if alt else ''}: {url}"
    return box


def localize_media(
    html: str, base_dir: Path, files_dir: Path, prefix: str, *, allow_remote: bool = False
) -> str:
    """`html` with each local media file copied into `files_dir` (addressed as `prefix + name`)
    and, unless `allow_remote`, each remote one replaced by the preview's "blocked" box."""
    soup = BeautifulSoup(html, "html.parser")
    base = base_dir.resolve()
    for tag, attr in _MEDIA_ATTRS:
        for el in soup.find_all(tag):
            value = str(el.get(attr) or "").strip()
            if not value or value.startswith("data:"):
                continue
            el.attrs.pop("srcset", None)
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") or value.startswith("//"):
                if not allow_remote:
                    el.replace_with(_blocked(soup, value, str(el.get("alt") or ""), tag == "img"))
                continue
            if parts.scheme not in ("", "file"):
                continue
            source = (base / unquote(parts.path)).resolve()
            if not source.is_file():
                continue  # as in the preview: a broken image stays a broken image
            digest = hashlib.sha256(str(source).encode()).hexdigest()[:8]
            name = f"{re.sub(r'[^A-Za-z0-9._-]', '_', source.stem)[:40]}-{digest}{source.suffix}"
            files_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, files_dir / name)
            el[attr] = prefix + quote(name)
    return str(soup)


def copy_assets(assets: Path, files_dir: Path) -> None:
    """Every file of a captured theme's assets folder into `files_dir` (flat, as captured)."""
    files_dir.mkdir(parents=True, exist_ok=True)
    for path in assets.iterdir() if assets.is_dir() else ():
        if path.is_file() and not path.is_symlink():
            shutil.copyfile(path, files_dir / path.name)
