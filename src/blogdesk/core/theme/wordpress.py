"""What WordPress shows for its own content, for the preview only: `expand_wordpress(html)`.

Posts imported from WordPress keep WordPress's shortcodes and embeds, which the blog expands when
it shows the post: `[caption]` becomes a captioned image, `[gallery ids=…]` a grid of images, a
bare YouTube/Vimeo/Twitter/… address on its own line, `[embed]…[/embed]` and `wp:embed` blocks
become players. The preview shows the first two as WordPress lays them out and every embed as a
card with its link: no remote player, no script, no iframe. The HTML that is published does not
pass through here: WordPress does its own expansion of what it receives.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "EMBED_PROVIDERS",
    "expand_wordpress",
    "media_finder",
    "might_hold_wordpress",
    "preview_transform",
]

MediaLookup = Callable[[str], str | None]

# Hosts WordPress turns into an embed when their address stands alone on a line (its oEmbed
# providers that authors use most), with the name the card shows.
EMBED_PROVIDERS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "twitter.com": "Twitter",
    "x.com": "X (Twitter)",
    "instagram.com": "Instagram",
    "flickr.com": "Flickr",
    "soundcloud.com": "SoundCloud",
    "open.spotify.com": "Spotify",
    "tiktok.com": "TikTok",
    "reddit.com": "Reddit",
    "wordpress.tv": "WordPress.tv",
    "dailymotion.com": "Dailymotion",
    "ted.com": "TED",
}

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'"})
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_CAPTION = re.compile(
    r"(?:<p>\s*)?\[caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/caption\](?:\s*</p>)?", re.S
)
_GALLERY = re.compile(r"(?:<p>\s*)?\[gallery(?P<attrs>[^\]]*)\](?:\s*</p>)?")
_EMBED_CODE = re.compile(r"(?:<p>\s*)?\[embed[^\]]*\](?P<url>.*?)\[/embed\](?:\s*</p>)?", re.S)
_EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s*(?P<json>\{.*?\})?\s*-->(?P<inner>.*?)"
    r"<!--\s*/wp:(?:core-)?embed(?:/[\w-]+)?\s*-->",
    re.S,
)
_EMBED_FIGURE = re.compile(
    r'<figure[^>]*class="[^"]*wp-block-embed[^"]*"[^>]*>\s*<div[^>]*wp-block-embed__wrapper[^>]*>'
    r"\s*(?P<url>[^<\s]+)\s*</div>(?:\s*<figcaption[^>]*>.*?</figcaption>)?\s*</figure>",
    re.S,
)
_BARE_URL = re.compile(
    r'<p>\s*(?:<a href="(?P<href>[^"]+)">[^<]*</a>|(?P<url>https?://[^\s<>"]+))\s*</p>'
)
_IMG_PART = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S)
_CHEAP_CHECK = re.compile(
    r"\[caption|\[gallery|\[embed|wp:(?:core-)?embed|<p>\s*(?:<a )?.{0,9}http"
)


def might_hold_wordpress(html: str) -> bool:
    """A fast test: False means `expand_wordpress` would return `html` unchanged."""
    return _CHEAP_CHECK.search(html) is not None


def _attrs(text: str) -> dict[str, str]:
    text = html_lib.unescape(text).translate(_QUOTES)
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text)}


def _provider(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    for known, name in EMBED_PROVIDERS.items():
        if host == known or host.endswith("." + known):
            return name
    return None


def _card(url: str, provider: str | None = None) -> str:
    url = html_lib.unescape(url.strip())
    name = provider or _provider(url) or "Embedded content"
    safe = html_lib.escape(url, quote=True)
    return (
        f'<figure class="blogdesk-embed wp-block-embed" data-provider="{html_lib.escape(name)}">'
        f"<strong>{html_lib.escape(name)}</strong> "
        f'<a href="{safe}">{html_lib.escape(url)}</a>'
        "<small>The blog shows this as an embed; the preview shows only its link.</small>"
        "</figure>"
    )


def _caption(m: re.Match[str]) -> str:
    attrs = _attrs(m["attrs"])
    inner = m["inner"]
    found = _IMG_PART.match(inner)
    image, text = (found[1], found[2]) if found else ("", inner)
    text = attrs.get("caption") or text.strip()
    align = attrs.get("align", "alignnone")
    width = attrs.get("width", "")
    style = f' style="width: {int(width)}px"' if width.isdigit() else ""
    ident = attrs.get("id", "")
    id_attr = f' id="{html_lib.escape(ident)}"' if ident else ""
    return (
        f'<figure{id_attr} class="wp-caption {html_lib.escape(align)}"{style}>{image}'
        f'<figcaption class="wp-caption-text">{text}</figcaption></figure>'
    )


def _gallery(m: re.Match[str], media: MediaLookup | None) -> str:
    attrs = _attrs(m["attrs"])
    ids = [i.strip() for i in attrs.get("ids", "").split(",") if i.strip()]
    columns = attrs.get("columns", "3")
    columns = columns if columns.isdigit() and 0 < int(columns) < 10 else "3"
    if not ids:
        return (
            '<p class="blogdesk-missing">A gallery of the images attached to this post on the '
            "blog (WordPress chooses them; the preview cannot).</p>"
        )
    items = []
    for ident in ids:
        src = media(ident) if media is not None else None
        if src:
            items.append(
                f'<figure class="gallery-item"><img src="{html_lib.escape(src)}" alt=""></figure>'
            )
        else:
            items.append(
                f'<span class="blogdesk-missing">Gallery image {html_lib.escape(ident)}: '
                "not in this library</span>"
            )
    return (
        f'<div class="gallery blogdesk-gallery gallery-columns-{columns}" '
        f'style="--blogdesk-columns: {columns}">{"".join(items)}</div>'
    )


def _embed_block(m: re.Match[str]) -> str:
    url = ""
    provider = None
    try:
        data = json.loads(m["json"] or "{}")
        if isinstance(data, dict):
            url = str(data.get("url") or "")
            slug = str(data.get("providerNameSlug") or "")
            provider = _provider(url) or (slug.replace("-", " ").title() if slug else None)
    except ValueError:
        pass
    if not url:
        found = re.search(r"https?://[^\s<>\"]+", m["inner"])
        url = found[0] if found else ""
    return _card(url, provider) if url else m[0]


def _bare_url(m: re.Match[str]) -> str:
    url = html_lib.unescape(m["href"] or m["url"] or "")
    provider = _provider(url)
    return _card(url, provider) if provider else m[0]


def expand_wordpress(html: str, *, media: MediaLookup | None = None) -> str:
    """`html` as WordPress would lay out its shortcodes and embeds; `media(id)` gives the image
    address of an attachment id in the library (or None: a placeholder box is shown)."""
    if not might_hold_wordpress(html):
        return html
    html = _EMBED_BLOCK.sub(_embed_block, html)
    html = _EMBED_FIGURE.sub(lambda m: _card(m["url"]), html)
    html = _EMBED_CODE.sub(lambda m: _card(re.sub(r"<[^>]+>", "", m["url"])), html)
    html = _CAPTION.sub(_caption, html)
    html = _GALLERY.sub(lambda m: _gallery(m, media), html)
    return _BARE_URL.sub(_bare_url, html)


_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")


def media_finder(folders: list[Path], base_dir: Path) -> MediaLookup:
    """A lookup of attachment ids in the library's media folders: a file named after the id
    (`123.jpg`, `123-beach.jpg` or `beach-123.jpg`), as an address relative to `base_dir`."""
    names: dict[str, Path] = {}
    for folder in folders:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            if path.suffix.lower() not in _IMAGE_SUFFIXES:
                continue
            parts = re.split(r"[-_]", path.stem)
            for key in {parts[0], parts[-1], path.stem}:
                if key.isdigit():
                    names.setdefault(key, path)

    def lookup(ident: str) -> str | None:
        path = names.get(ident)
        if path is None:
            return None
        return Path(os.path.relpath(path, base_dir)).as_posix()

    return lookup


def preview_transform(base_dir: Path) -> Callable[[str], str]:
    """The preview's transform for posts in `base_dir` (the window and `blogdesk preview` share
    it): `expand_wordpress` with gallery images from the media folders, scanned on first use."""
    found: list[MediaLookup] = []

    def media(ident: str) -> str | None:
        if not found:
            folders = [base_dir / "media", base_dir.parent / "media", base_dir]
            found.append(media_finder(folders, base_dir))
        return found[0](ident)

    def transform(html: str) -> str:
        return expand_wordpress(html, media=media) if might_hold_wordpress(html) else html

    return transform
