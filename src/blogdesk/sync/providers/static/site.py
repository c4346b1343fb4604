"""A Hugo or Jekyll site folder: where posts and images go, and the front matter they need.

Hugo: `content/posts/<slug>.md`, `draft: true` for drafts, images in `static/images/` (served at
`/images/...`). Jekyll: `_posts/YYYY-MM-DD-<slug>.md`, `published: false` for drafts (the file
stays where it is, so its path is a stable id), images in `assets/images/`. Both generators leave
out posts dated in the future unless told otherwise, which is how a static site "schedules".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from blogdesk.core.errors import PostFormatError
from blogdesk.core.post.post import Post
from blogdesk.sync.provider import ApiUnavailableError, PostPayload, UnsupportedError
from blogdesk.sync.providers.timestamps import timestamp_or_none

HUGO_CONFIGS = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
JEKYLL_CONFIGS = ("_config.yml", "_config.yaml")


@dataclass(frozen=True)
class Layout:
    generator: str  # "hugo" | "jekyll"
    root: Path
    posts_dir: str  # relative, POSIX
    images_dir: str
    images_url: str  # URL path the images are served at
    base_url: str  # the site's public address, "" when unknown

    def post_path(self, slug: str, date: datetime | None) -> str:
        if self.generator == "jekyll":
            day = (date or datetime.now(UTC)).strftime("%Y-%m-%d")
            return f"{self.posts_dir}/{day}-{slug}.md"
        return f"{self.posts_dir}/{slug}.md"

    def slug_of(self, rel: str) -> str:
        stem = PurePosixPath(rel).stem
        if self.generator == "jekyll" and len(stem) > 11 and stem[4] == "-" and stem[10] == "-":
            return stem[11:]
        return stem

    def link(self, slug: str, date: datetime | None) -> str:
        base = self.base_url.rstrip("/")
        if self.generator == "jekyll":  # Jekyll's default permalink style ("date")
            day = (date or datetime.now(UTC)).strftime("%Y/%m/%d")
            return f"{base}/{day}/{slug}.html"
        return f"{base}/posts/{slug}/"


def _read_config(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif path.suffix == ".json":
            import json

            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def detect(root: Path, wanted: str = "auto") -> Layout:
    """The generator of the site at `root` (or the one asked for), with its folders."""
    if not root.is_dir():
        raise ApiUnavailableError(f"The site folder {root} does not exist.")
    jekyll = next((root / n for n in JEKYLL_CONFIGS if (root / n).is_file()), None)
    hugo = next((root / n for n in HUGO_CONFIGS if (root / n).is_file()), None)
    if wanted == "jekyll" or (wanted == "auto" and jekyll is not None):
        config = _read_config(jekyll) if jekyll else {}
        base = f"{config.get('url') or ''}{config.get('baseurl') or ''}"
        return Layout("jekyll", root, "_posts", "assets/images", "/assets/images", str(base))
    if wanted == "hugo" or (
        wanted == "auto"
        and hugo is not None
        and ((root / "content").is_dir() or hugo.name.startswith("hugo."))
    ):
        config = _read_config(hugo) if hugo else {}
        return Layout(
            "hugo",
            root,
            "content/posts",
            "static/images",
            "/images",
            str(config.get("baseURL") or config.get("baseurl") or ""),
        )
    raise ApiUnavailableError(
        f"{root} is neither a Hugo site (hugo.toml or config.toml and content/) nor a Jekyll "
        "site (_config.yml and _posts/). Choose the site's top folder."
    )


def _yaml_date(when: datetime, generator: str) -> str:
    utc = when.astimezone(UTC)
    if generator == "jekyll":
        return utc.strftime("%Y-%m-%d %H:%M:%S +0000")
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def render_file(
    layout: Layout, payload: PostPayload, markdown: str, date: datetime, slug: str
) -> str:
    """The post file: YAML front matter the generator understands, then the Markdown body."""
    if payload.status in ("pending", "private"):
        raise UnsupportedError(
            f"A static site has no {payload.status!r} posts: publish it or keep it a draft."
        )
    meta: dict[str, Any] = {
        "title": payload.title,
        "date": _yaml_date(date, layout.generator),
        "slug": slug,
    }
    if layout.generator == "jekyll":
        meta["layout"] = "post"
        if payload.status == "draft":
            meta["published"] = False
    else:
        meta["draft"] = payload.status == "draft"
    if payload.tags:
        meta["tags"] = list(payload.tags)
    if payload.categories:
        meta["categories"] = list(payload.categories)
    if payload.excerpt:
        meta["excerpt" if layout.generator == "jekyll" else "summary"] = payload.excerpt
    if payload.featured_media_id:
        meta["image"] = f"{layout.images_url}/{PurePosixPath(payload.featured_media_id).name}"
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{head}---\n\n{markdown.strip()}\n"


@dataclass(frozen=True)
class StoredPost:
    rel: str
    meta: dict[str, Any]
    body: str
    mtime_ns: int


def read_file(layout: Layout, rel: str) -> StoredPost:
    path = layout.root / rel
    post = Post.load(path)  # PostFormatError (file and line) on a broken file
    return StoredPost(rel, post.metadata(), post.body, path.stat().st_mtime_ns)


def parse_date(value: Any) -> datetime | None:
    """The front matter's `date` (YAML may have parsed it already), keeping the offset it was
    written with: a Jekyll post's file name carries the local date."""
    return timestamp_or_none(value, naive=UTC, in_utc=False)


def status_of(layout: Layout, meta: dict[str, Any], date: datetime | None) -> str:
    if layout.generator == "jekyll" and meta.get("published") is False:
        return "draft"
    if layout.generator == "hugo" and meta.get("draft") is True:
        return "draft"
    if date is not None and date > datetime.now(UTC):
        return "future"
    return "publish"


def post_files(layout: Layout) -> list[str]:
    folder = layout.root / layout.posts_dir
    if not folder.is_dir():
        return []
    found = [p for p in folder.rglob("*") if p.suffix in (".md", ".markdown") and p.is_file()]
    return [p.relative_to(layout.root).as_posix() for p in found]


def safe_rel(layout: Layout, rel: str) -> Path:
    """The file for a remote id, refusing ids that point outside the site's post folder."""
    path = (layout.root / rel).resolve()
    posts = (layout.root / layout.posts_dir).resolve()
    if posts not in path.parents:
        raise PostFormatError(f"{rel!r} is not a post of this site.")
    return path
