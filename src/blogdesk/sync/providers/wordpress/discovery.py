"""Find a WordPress site's REST API from the address the author typed, without credentials.

Order, as WordPress documents it: the `Link: <...>; rel="https://api.w.org/"` header of any page,
then the same link in the page's <head>, then RSD (`EditURI` -> xmlrpc.php?rsd, its `WP-API`
entry), then the two well-known roots (`/wp-json/` with pretty permalinks, `/?rest_route=/`
without). The REST index then tells the site's name, its time zone and whether application
passwords can be used there.
"""

from __future__ import annotations

import ipaddress
import logging
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from defusedxml import ElementTree

from blogdesk.sync.http import safe_url
from blogdesk.sync.provider import ApiUnavailableError, DiscoveryResult, SiteUnreachableError
from blogdesk.sync.providers.wordpress.rest_api import (
    REST_OFF_CODES,
    decode,
    error_from_response,
    route_url,
    transport_error,
)

log = logging.getLogger(__name__)

API_REL = "https://api.w.org/"
APP_PASSWORDS_GUIDE = "Users → Profile → Application Passwords"


class _HeadLinks(HTMLParser):
    """Collects <link rel=... href=...> from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {k: v or "" for k, v in attrs}
        for rel in values.get("rel", "").split():
            if values.get("href"):
                self.links.setdefault(rel, values["href"])


def normalise_url(url: str) -> str:
    """What the author typed ("example.com/blog") as an address with a scheme, no trailing slash."""
    url = url.strip()
    if not url:
        raise ApiUnavailableError("Type the address of your blog, for example https://example.com.")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ApiUnavailableError(f"{url!r} is not a web address (it should start with https://).")
    return url.rstrip("/")


def is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host in ("localhost",) or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _get(session: requests.Session, url: str) -> requests.Response:
    try:
        return session.get(url, headers={"Accept": "application/json, text/html;q=0.9"})
    except requests.RequestException as exc:
        raise transport_error(exc, url) from None


def find_api_root(session: requests.Session, url: str) -> tuple[str, list[str]]:
    """The REST root of the site at `url` and notes on how it was found."""
    notes: list[str] = []
    page = _get(session, url)
    if page.status_code >= 500:
        raise error_from_response(page, "looking for the blog", "")
    candidates: list[str] = []
    link = page.links.get(API_REL, {}).get("url")
    if link:
        candidates.append(urljoin(page.url, link))
    ctype = page.headers.get("Content-Type", "")
    if "html" in ctype:
        parser = _HeadLinks()
        try:
            parser.feed(page.text[:500_000])
        except (AssertionError, ValueError):  # malformed markup: use what was read
            pass
        if API_REL in parser.links:
            candidates.append(urljoin(page.url, parser.links[API_REL]))
        if "EditURI" in parser.links:
            rsd = _from_rsd(session, urljoin(page.url, parser.links["EditURI"]))
            if rsd:
                candidates.append(rsd)
    base = page.url if page.status_code < 400 else url
    base = base.split("?", 1)[0].rstrip("/")
    candidates += [base + "/wp-json/", base + "/?rest_route=/"]
    tried: list[str] = []
    for candidate in dict.fromkeys(candidates):
        tried.append(candidate)
        index = _index_at(session, candidate)
        if index is not None:
            if "rest_route=" in candidate:
                notes.append(
                    "The REST API answers at ?rest_route= (the site has no pretty "
                    "permalinks); BlogDesk uses that address."
                )
            return candidate, notes
    raise no_rest_api(url)


def no_rest_api(url: str) -> ApiUnavailableError:
    """The error for an address where no WordPress REST API answers."""
    return ApiUnavailableError(
        f"BlogDesk found no WordPress REST API at {safe_url(url)}. Check the address (the "
        "blog's home page). If it is a WordPress site, the REST API may be turned off by a "
        "security plugin or the host."
    )


def _from_rsd(session: requests.Session, rsd_url: str) -> str | None:
    try:
        answer = session.get(rsd_url)
        root = ElementTree.fromstring(answer.content)
    except (requests.RequestException, ElementTree.ParseError, ValueError):
        return None
    except Exception as exc:  # defusedxml refuses entity tricks with its own errors
        log.debug("RSD at %s not usable: %s", safe_url(rsd_url), type(exc).__name__)
        return None
    for api in root.iter():
        if api.tag.endswith("api") and api.get("name") == "WP-API" and api.get("apiLink"):
            return str(api.get("apiLink"))
    return None


def _index_at(session: requests.Session, root: str) -> dict[str, Any] | None:
    """The REST index at `root` when it is WordPress's (namespaces hold wp/v2), else None."""
    try:
        answer = session.get(root, headers={"Accept": "application/json"})
    except requests.RequestException:
        return None
    if "json" not in answer.headers.get("Content-Type", ""):
        return None
    try:
        index = answer.json()
    except ValueError:
        return None
    if not isinstance(index, dict):
        return None
    if answer.status_code == 200 and "wp/v2" in (index.get("namespaces") or []):
        return index
    if index.get("code") in REST_OFF_CODES - {"rest_no_route"}:
        # WordPress is there, but its REST API is switched off: say so rather than "not found".
        raise error_from_response(answer, "reading the REST API", "")
    return None


def read_index(session: requests.Session, api_root: str) -> dict[str, Any]:
    """The REST index (GET on the root); errors as SyncErrors."""
    url = route_url(api_root, "")
    answer = _get(session, url)
    if answer.status_code >= 400:
        raise error_from_response(answer, "reading the REST API", "")
    index = decode(answer, "reading the REST API")
    if not isinstance(index, dict) or "wp/v2" not in (index.get("namespaces") or []):
        # find_api_root only returns roots offering wp/v2: this is a site changed meanwhile.
        raise no_rest_api(url)
    return index


def timezone_of(index: dict[str, Any]) -> str | None:
    """The blog's time zone from the REST index: an IANA name, or "+HH:MM" from gmt_offset."""
    name = index.get("timezone_string")
    if isinstance(name, str) and name:
        return name
    offset = index.get("gmt_offset")
    try:
        hours = float(offset) if offset not in (None, "") else None
    except (TypeError, ValueError):
        hours = None
    if hours is None:
        return None
    minutes = round(abs(hours) * 60)
    return f"{'-' if hours < 0 else '+'}{minutes // 60:02d}:{minutes % 60:02d}"


def app_password_endpoint(index: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether the index advertises application passwords, and the authorize URL it gives."""
    auth = index.get("authentication")
    entry = auth.get("application-passwords") if isinstance(auth, dict) else None
    if not isinstance(entry, dict):
        return False, None
    endpoints = entry.get("endpoints")
    url = endpoints.get("authorization") if isinstance(endpoints, dict) else None
    return True, url if isinstance(url, str) else None


def discover(session: requests.Session, url: str) -> DiscoveryResult:
    site = normalise_url(url)
    try:
        api_root, notes = find_api_root(session, site)
    except SiteUnreachableError:
        if "://" in url:
            raise
        # The author typed no scheme and https:// did not answer: try plain http, and say so.
        site = "http://" + site.split("://", 1)[1]
        api_root, notes = find_api_root(session, site)
        notes.append("The site did not answer over HTTPS; BlogDesk talks to it over plain http.")
    index = read_index(session, api_root)
    home = str(index.get("home") or site).rstrip("/")
    admin_base = str(index.get("url") or home).rstrip("/")
    available, authorize = app_password_endpoint(index)
    authorize = authorize or f"{admin_base}/wp-admin/authorize-application.php"
    profile = f"{admin_base}/wp-admin/profile.php#application-passwords-section"
    secure = urlsplit(home).scheme == "https" or is_local(home)
    if not available:
        why = (
            "WordPress offers them only over HTTPS; this site uses plain http"
            if not secure
            else "they are turned off on this site (by a plugin or the host)"
        )
        notes.append(
            f"Application passwords are not available: {why}. BlogDesk needs one to publish."
        )
    elif not secure:
        notes.append("The site does not use HTTPS: the password travels unencrypted.")
    tz = timezone_of(index)
    return DiscoveryResult(
        site_url=home,
        api_url=api_root,
        site_name=str(index.get("name") or ""),
        description=str(index.get("description") or ""),
        app_passwords_available=available,
        authorize_url=authorize,
        timezone=tz,
        notes=tuple(notes),
        options={
            "api_url": api_root,
            "profile_url": profile,
            "authorize_url": authorize,
            "timezone": tz or "",
        },
    )
