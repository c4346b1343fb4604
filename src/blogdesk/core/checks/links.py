"""Web links: which addresses of a post are checked, and what their answers mean for the author.

The checking itself (HTTP, concurrency, the one-day cache) is the sync layer's
(`blogdesk.sync.link_check`); it hands back one `LinkVerdict` per address.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from blogdesk.core.checks.issue import Issue, Severity
from blogdesk.core.checks.scan import Element, Locator, elements

__all__ = ["LinkState", "LinkVerdict", "checkable_links", "link_issues"]

# ok: it answered (2xx/3xx, or a status that says "it is there but not for you": 401, 403, 429);
# gone: 404 or 410; unreachable: the host does not resolve or refuses connections;
# timeout: no answer in time; failed: any other answer (a 5xx) or a broken address.
LinkState = Literal["ok", "gone", "unreachable", "timeout", "failed"]


@dataclass(frozen=True)
class LinkVerdict:
    state: LinkState
    code: int | None = None  # the HTTP status, when there was an answer
    detail: str = ""  # what went wrong, in a few words


def _is_web(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def checkable_links(html: str) -> list[str]:
    """The distinct web addresses (links and images) of the rendered post, in order."""
    return list(dict.fromkeys(e.url for e in elements(html) if _is_web(e.url)))


def _message(element: Element, verdict: LinkVerdict) -> tuple[Severity, str] | None:
    """(severity, sentence) for an answer that needs the author, None for a good one."""
    what = "The image" if element.tag == "img" else "The link"
    url = element.url
    if verdict.state == "gone":
        reason = "no longer exists (410 Gone)" if verdict.code == 410 else "is not found (404)"
        return "error", f"{what} {url} {reason}. Fix or remove it."
    if verdict.state == "unreachable":
        detail = f" ({verdict.detail})" if verdict.detail else ""
        return "error", f"{what} {url} cannot be reached{detail}. Check the address."
    if verdict.state == "timeout":
        return "warning", f"{what} {url} did not answer in time; it was not checked."
    if verdict.state == "failed":
        said = f"answered {verdict.code}" if verdict.code else verdict.detail or "failed"
        return "warning", f"{what} {url} {said}; it may be down for now."
    return None


def link_issues(body: str, html: str, verdicts: Mapping[str, LinkVerdict]) -> list[Issue]:
    issues: list[Issue] = []
    locator = Locator(body)
    reported: set[str] = set()
    for element in elements(html):
        if not _is_web(element.url):
            continue
        line, column = locator.find(element.url)
        verdict = verdicts.get(element.url)
        if verdict is None or element.url in reported:
            continue
        said = _message(element, verdict)
        if said is None:
            continue
        reported.add(element.url)  # one entry per address, at its first place
        issues.append(Issue("dead-link", said[0], said[1], line=line, column=column))
    return issues
