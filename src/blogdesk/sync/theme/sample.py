"""Which public page of a blog shows one post: `find_sample(account, fetcher)`.

Only public addresses, read without credentials (a published post is public):
- an address the author typed (account option `theme_post_url`) wins for every kind of blog;
- WordPress: the newest post from the REST API (`/wp/v2/posts?per_page=1`: its link, title and
  text, so the template finder can recognise the post on the page);
- every other blog (Ghost, XML-RPC blogs, Micro.blog, Blogger, Forem …): the newest item of the
  blog's feed, found through the home page's `<link rel="alternate">` or the usual feed paths.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from bs4 import BeautifulSoup
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from blogdesk.core.errors import BlogDeskError
from blogdesk.sync.providers.wordpress.rest_api import route_url
from blogdesk.sync.theme.fetch import Fetcher, FetchError

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import Account

__all__ = ["NoPostError", "PostSample", "find_sample"]

POST_URL_OPTION = "theme_post_url"
FEED_PATHS = ("feed/", "rss/", "feed.xml", "index.xml", "atom.xml", "rss.xml")
_ATOM = "{http://www.w3.org/2005/Atom}"


class NoPostError(BlogDeskError):
    """The blog shows no published post BlogDesk can find (a new blog, or no feed)."""


@dataclass(frozen=True)
class PostSample:
    url: str
    title: str = ""
    text: str = ""  # the post's text, to recognise it on the page (may be empty)


def _text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ")


def _site(account: Account) -> str:
    return account.site_url.rstrip("/") + "/"


def find_sample(account: Account, fetcher: Fetcher, post_url: str | None = None) -> PostSample:
    typed = post_url or str(account.options.get(POST_URL_OPTION) or "")
    if typed:
        return PostSample(typed.strip())
    if account.provider == "wordpress":
        return _wordpress(account, fetcher)
    return _from_feed(account, fetcher)


def _wordpress(account: Account, fetcher: Fetcher) -> PostSample:
    root = str(account.options.get("api_url") or "") or _site(account) + "wp-json/"
    url = route_url(root, "wp/v2/posts", {"per_page": 1, "_fields": "link,title,content"})
    try:
        posts: Any = json.loads(fetcher.get(url).data)
    except FetchError:
        return _from_feed(account, fetcher)  # REST switched off for visitors: the feed still is
    except ValueError:
        raise NoPostError(f"The blog's REST API at {root} did not answer with JSON.") from None
    if not isinstance(posts, list) or not posts:
        raise _no_post(account)
    first = posts[0] if isinstance(posts[0], dict) else {}
    link = str(first.get("link") or "")
    if not link:
        raise _no_post(account)
    title = (first.get("title") or {}).get("rendered", "")
    content = (first.get("content") or {}).get("rendered", "")
    return PostSample(link, _text(str(title)), _text(str(content)))


def _no_post(account: Account) -> NoPostError:
    return NoPostError(
        f"{account.name} has no published post yet: BlogDesk needs one to see how the blog shows "
        "a post. Publish one, or give the address of any post's page; until then the preview "
        "stays plain."
    )


def _feeds(account: Account, fetcher: Fetcher) -> list[str]:
    """The feeds the home page names, then the usual paths. A home page that cannot be read
    at all (the site is down, refuses, loops) ends the search with that reason."""
    site = _site(account)
    found: list[str] = []
    try:
        home = fetcher.get(site, page=True)
        soup = BeautifulSoup(home.data, "html.parser")
        for link in soup.find_all("link", href=True):
            rel = {str(r).lower() for r in (link.get("rel") or [])}
            kind = str(link.get("type") or "").lower()
            if "alternate" in rel and kind.endswith(("rss+xml", "atom+xml")):
                found.append(urljoin(home.url, str(link["href"])))
    except FetchError as exc:
        if "answered 4" not in str(exc):  # a missing home page is no reason to stop
            raise
    return found + [site + path for path in FEED_PATHS]


def _from_feed(account: Account, fetcher: Fetcher) -> PostSample:
    for feed in _feeds(account, fetcher):
        try:
            root = ElementTree.fromstring(fetcher.get(feed).data)
        except (FetchError, ElementTree.ParseError, DefusedXmlException, ValueError):
            continue
        sample = _first_item(root)
        if sample is not None:
            return sample
    raise NoPostError(
        f"BlogDesk found no post of {account.name} to look at (no feed with a post in it at "
        f"{_site(account)}). Give the address of any post's page; until then the preview "
        "stays plain."
    )


def _first_item(root: Element) -> PostSample | None:
    item = root.find("./channel/item")
    if item is not None:  # RSS 2.0
        link = (item.findtext("link") or "").strip()
        encoded = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        body = encoded or item.findtext("description") or ""
        return (
            PostSample(link, (item.findtext("title") or "").strip(), _text(body)) if link else None
        )
    entry = root.find(f"{_ATOM}entry")
    if entry is not None:  # Atom
        links = entry.findall(f"{_ATOM}link")
        link = next((str(x.get("href")) for x in links if x.get("rel") in (None, "alternate")), "")
        body = entry.findtext(f"{_ATOM}content") or entry.findtext(f"{_ATOM}summary") or ""
        title = (entry.findtext(f"{_ATOM}title") or "").strip()
        return PostSample(link, title, _text(body)) if link else None
    return None
