"""Find a blog's XML-RPC endpoint and the best API it offers, without credentials.

RSD ("Really Simple Discovery"): the home page has a link rel="EditURI" to ".../xmlrpc.php?rsd";
that document lists the APIs (`<api name="WordPress" blogID="1" preferred="true" ...>`).
Without RSD, `/xmlrpc.php` is tried. `system.listMethods` then says which flavours really answer;
the richest is chosen: WordPress `wp.*` > Movable Type > MetaWeblog > Blogger 1.0.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests
from defusedxml import DefusedXmlException, ElementTree

from blogdesk.sync.http import safe_url, translate_transport_error
from blogdesk.sync.provider import ApiUnavailableError, SyncError
from blogdesk.sync.providers.xmlrpc.transport import XmlRpcClient

log = logging.getLogger(__name__)

FLAVOURS: tuple[str, ...] = ("wordpress", "movabletype", "metaweblog", "blogger")
# RSD api names → our flavour names.
_RSD_NAMES = {
    "wordpress": "wordpress",
    "movable type": "movabletype",
    "movabletype": "movabletype",
    "metaweblog": "metaweblog",
    "blogger": "blogger",
}
# A flavour is usable when the server lists all of these methods.
REQUIRED: dict[str, tuple[str, ...]] = {
    "wordpress": ("wp.newPost", "wp.editPost", "wp.getPost", "wp.getPosts", "wp.deletePost"),
    "movabletype": (
        "metaWeblog.newPost",
        "metaWeblog.editPost",
        "metaWeblog.getPost",
        "mt.setPostCategories",
        "mt.publishPost",
        "mt.getCategoryList",
    ),
    "metaweblog": (
        "metaWeblog.newPost",
        "metaWeblog.editPost",
        "metaWeblog.getPost",
        "metaWeblog.getRecentPosts",
    ),
    "blogger": (
        "blogger.newPost",
        "blogger.editPost",
        "blogger.getPost",
        "blogger.getRecentPosts",
        "blogger.deletePost",
    ),
}


@dataclass
class Endpoint:
    url: str
    blog_id: str = "1"
    home: str = ""
    engine: str = ""
    rsd_apis: dict[str, bool] = field(default_factory=dict)  # flavour → preferred
    notes: list[str] = field(default_factory=list)


class _EditUri(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and "edituri" in values.get("rel", "").lower().split():
            self.href = self.href or values.get("href") or None


def _get(session: requests.Session, url: str) -> requests.Response:
    try:
        return session.get(url)
    except requests.RequestException as exc:
        raise translate_transport_error(exc, url) from None


def read_rsd(session: requests.Session, rsd_url: str) -> Endpoint | None:
    """The endpoint an RSD document names (its preferred API's link), or None."""
    answer = _get(session, rsd_url)
    if answer.status_code >= 400:
        return None
    try:
        root = ElementTree.fromstring(answer.content)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        log.debug("RSD at %s is not usable", safe_url(rsd_url))
        return None
    apis: dict[str, tuple[str, str, bool]] = {}
    engine = home = ""
    for node in root.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "engineName":
            engine = (node.text or "").strip()
        elif tag == "homePageLink":
            home = (node.text or "").strip()
        elif tag == "api" and node.get("apiLink"):
            flavour = _RSD_NAMES.get((node.get("name") or "").strip().lower())
            if flavour:
                preferred = (node.get("preferred") or "").lower() == "true"
                apis[flavour] = (str(node.get("apiLink")), node.get("blogID") or "1", preferred)
    if not apis:
        return None
    preferred = [f for f, a in apis.items() if a[2]]
    best = preferred[0] if preferred else next(f for f in FLAVOURS if f in apis)
    url, blog_id, _ = apis[best]
    return Endpoint(
        url=urljoin(rsd_url, url),
        blog_id=blog_id,
        home=home,
        engine=engine,
        rsd_apis={f: a[2] for f, a in apis.items()},
    )


def find_endpoint(session: requests.Session, site: str) -> Endpoint:
    """The XML-RPC endpoint of the blog at `site` (home page → EditURI → RSD, else /xmlrpc.php)."""
    page = _get(session, site)
    if "html" in page.headers.get("Content-Type", "") and page.status_code < 500:
        parser = _EditUri()
        try:
            parser.feed(page.text[:500_000])
        except (AssertionError, ValueError):
            pass
        if parser.href:
            found = read_rsd(session, urljoin(page.url, parser.href))
            if found is not None:
                found.home = found.home or site
                found.notes.append("Found the XML-RPC address through the blog's RSD link.")
                return found
    base = (page.url if page.status_code < 400 else site).split("?", 1)[0].rstrip("/")
    return Endpoint(
        url=base + "/xmlrpc.php",
        home=site,
        notes=["The blog has no RSD link; BlogDesk tries /xmlrpc.php."],
    )


def list_methods(session: requests.Session, endpoint: str) -> set[str]:
    """Methods the server offers (system.listMethods, else mt.supportedMethods); may be empty."""
    client = XmlRpcClient(session, endpoint)
    for method in ("system.listMethods", "mt.supportedMethods"):
        try:
            names = client.call(method, doing="asking which methods the blog offers")
        except ApiUnavailableError:
            raise
        except SyncError as exc:
            log.debug("%s failed: %s", method, exc)
            continue
        if isinstance(names, list):
            return {str(n) for n in names}
    return set()


def choose_flavour(
    methods: set[str], wanted: str = "auto", rsd_apis: dict[str, bool] | None = None
) -> str:
    """The API to use: the one asked for (if offered), else the richest offered."""

    def offered(flavour: str) -> bool:
        if methods:
            return all(m in methods for m in REQUIRED[flavour])
        return flavour in (rsd_apis or {})

    if wanted != "auto":
        if wanted not in REQUIRED:
            raise ApiUnavailableError(
                f"{wanted!r} is not an XML-RPC API BlogDesk knows (use {', '.join(FLAVOURS)})."
            )
        if not methods or offered(wanted):
            return wanted  # a server that does not list its methods gets the benefit of doubt
        raise ApiUnavailableError(f"The blog does not offer the {wanted} API over XML-RPC.")
    for flavour in FLAVOURS:
        if offered(flavour):
            return flavour
    if not methods and not rsd_apis:
        return "metaweblog"  # the most widely implemented one
    raise ApiUnavailableError(
        "The blog answers XML-RPC but offers none of the APIs BlogDesk speaks (WordPress, "
        "Movable Type, MetaWeblog, Blogger)."
    )
