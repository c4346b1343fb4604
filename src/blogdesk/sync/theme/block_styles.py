"""The block styles a captured WordPress page lacks, fetched from the same blog:
`add_block_styles(fetcher, page)`.

A block theme prints a core block's CSS only on pages that hold the block (core/theme/
block_styles.py has the evidence), so a theme captured from a post without a quote has no quote
style, and the preview's quotes would lose the indent the blog gives them. For each block BlogDesk
publishes that the page carries no style for:
1. another public post or page that holds the block, found through the blog's REST API
   (`/wp/v2/search?search=wp:quote`: the search reads the stored block markup), is read and the
   block's style elements taken from it: exactly what the blog prints for that block, theme.json
   rules and the author's Site Editor changes included;
2. failing that (no such post, REST off), the block's own file,
   `wp-includes/blocks/<name>/style.min.css`: WordPress's base rules, without the theme's.
Nothing here fails the capture: a request that fails (404 on an older WordPress, the caps of
fetch.py reached) leaves that block as it was. Cancelling still cancels.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from blogdesk.core.theme.block_styles import (
    StyleElement,
    WordPressSite,
    block_style_elements,
    insert_styles,
    missing_blocks,
)
from blogdesk.core.theme.css import rewrite_css
from blogdesk.core.theme.template import ThemePage
from blogdesk.sync.providers.wordpress.rest_api import route_url
from blogdesk.sync.theme.fetch import Fetcher, FetchError

__all__ = ["SEARCHED", "add_block_styles"]

SEARCHED = 3  # posts and pages asked for per block: one may be the page already read


def add_block_styles(
    fetcher: Fetcher, page: ThemePage, report: Callable[[str], None] = lambda _url: None
) -> list[str]:
    """Add to `page` the style elements of BlogDesk's blocks it lacks; the blocks still without
    any afterwards (neither a post nor a file gave them) are returned."""
    site = page.wordpress
    if site is None:
        return []
    missing = missing_blocks(page.soup)
    found: dict[str, list[StyleElement]] = {}
    read = {page.url}
    for name in missing:
        if name in found:
            continue  # a post read for an earlier block had this one too
        link = _post_with(fetcher, site, name, read, report)
        if link is None:
            continue
        read.add(link)
        report(link)
        try:
            other = fetcher.get(link, page=True)
        except FetchError:
            continue
        wanted = {n for n in missing if n not in found}
        found.update(block_style_elements(other.data, other.url, wanted))
    for name in missing:
        if name not in found and site.includes:
            found[name] = _core_file(fetcher, site, name, report)
    insert_styles(page.soup, [el for name in missing for el in found.get(name, [])])
    return [name for name in missing if not found.get(name)]


def _post_with(
    fetcher: Fetcher,
    site: WordPressSite,
    name: str,
    read: set[str],
    report: Callable[[str], None],
) -> str | None:
    """The public address of a post or page whose stored markup holds the block (None: none
    found). /wp/v2/search covers every public post type, so the blog's pages count too."""
    if not site.rest_root:
        return None
    url = route_url(
        site.rest_root,
        "wp/v2/search",
        {"search": f"wp:{name}", "per_page": SEARCHED, "_fields": "url"},
    )
    report(url)
    try:
        found: Any = json.loads(fetcher.get(url).data)
    except (FetchError, ValueError):
        return None
    for item in found if isinstance(found, list) else []:
        link = str(item.get("url") or "") if isinstance(item, dict) else ""
        if link.startswith(("http://", "https://")) and link not in read:
            return link
    return None


def _core_file(
    fetcher: Fetcher, site: WordPressSite, name: str, report: Callable[[str], None]
) -> list[StyleElement]:
    url = urljoin(site.includes, f"blocks/{name}/style.min.css")
    if site.version:
        url += f"?ver={site.version}"
    report(url)
    try:
        fetched = fetcher.get(url)
    except FetchError:
        return []  # no such file (older WordPress, or the block has none): nothing to add
    if fetched.content_type != "text/css":
        return []  # a page answered 200 in its place
    text = fetched.data.decode("utf-8", "replace")
    css = rewrite_css(text, lambda value: urljoin(fetched.url, value))
    return [StyleElement(f"wp-block-{name}-inline-css", css=css)]
