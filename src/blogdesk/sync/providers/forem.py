"""Dev.to and other Forem communities, through the Forem API (v1) with an API key.

Forem is Markdown-native: the body is sent as `body_markdown` (the service's `payload.markdown`
when filled, else the HTML converted back). Forem renders it with hard wraps on, so the soft line
breaks of paragraphs are joined first (soft_wraps.py): DEV shows what the preview shows, not a
`<br>` at every source line. What the API cannot do, said plainly:
- no image upload (images must already be on the web: UnsupportedError names the way out);
- no chosen slug (Forem makes "<title>-<random>"), so a lost create is found by title;
- no delete: "delete" unpublishes the article (it stays as a draft on the author's dashboard);
- no scheduling; unpublished articles are only visible through `/api/articles/me/all`, so reads
  go through that list.
Tags: at most 4, lowercase letters and digits only; others are cut, and the read-back says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC
from typing import TYPE_CHECKING, Any, ClassVar

import requests
from slugify import slugify

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.render.rendering import render
from blogdesk.sync import provider as p
from blogdesk.sync.http import safe_url, translate_transport_error
from blogdesk.sync.provider import (
    AccountField,
    AccountInfo,
    ApiUnavailableError,
    DiscoveryResult,
    NotFoundError,
    PostPayload,
    RemoteMedia,
    RemotePage,
    RemotePost,
    ServerError,
    SyncError,
    Term,
    TermKind,
    UnsupportedError,
)
from blogdesk.sync.providers.http_errors import ErrorWording, error_for_status
from blogdesk.sync.providers.soft_wraps import join_soft_breaks
from blogdesk.sync.providers.timestamps import timestamp_or_none
from blogdesk.sync.publish.changes import normalize_html

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import Account

MAX_TAGS = 4
_NOT_TAG = re.compile(r"[^a-z0-9]")
_SCAN_PAGES = 20  # reads look through the newest 20 x 100 of the author's articles
DEFAULT_SITE = "https://dev.to"
# Forem's words for each kind of error answer. Forem refuses an article with 422; every other
# status it does not name (400 included) is reported as the site failing, with the status.
_WORDS = ErrorWording(
    auth="{host} refused the API key.{said} Create a new key under Settings → "
    "Extensions and enter it again.",
    forbidden="{host} does not allow this while {doing}.{said}",
    not_found="{host} no longer has it while {doing}.{said}",
    rejected="{host} refused the article while {doing}.{said}",
    rate_limited="{host} is limiting requests while {doing}.{when}",
    server="{host} failed while {doing} (HTTP {status}).{said}",
    other="{host} failed while {doing} (HTTP {status}).{said}",
    client_errors="server",
    statuses={410: "server", 422: "rejected"},
)


def forem_tags(names: tuple[str, ...] | list[str]) -> list[str]:
    """Forem's tag rules: lowercase letters and digits, at most four, no repeats."""
    tags = [_NOT_TAG.sub("", n.lower()) for n in names]
    return list(dict.fromkeys(t for t in tags if t))[:MAX_TAGS]


class ForemProvider:
    id: ClassVar[str] = "forem"
    display_name: ClassVar[str] = "DEV / Forem"
    account_fields: ClassVar[tuple[AccountField, ...]] = (
        AccountField(
            "site_url",
            "Community address",
            kind="url",
            default=DEFAULT_SITE,
            placeholder=DEFAULT_SITE,
        ),
        AccountField("user", "User name", required=False),
        AccountField(
            "api_key",
            "API key",
            kind="password",
            secret=True,
            help="Create one under Settings → Extensions → DEV Community API Keys.",
        ),
        AccountField(
            "canonical_url",
            "Canonical address",
            required=False,
            placeholder="https://myblog.example/{slug}/",
            help="Where the post first appeared; {slug} is replaced by its slug.",
        ),
    )
    capabilities: ClassVar[frozenset[str]] = frozenset({p.CAP_TERMS, p.CAP_EXCERPT})

    def __init__(self, account: Account, session: requests.Session, secret: str) -> None:
        self.account = account
        self._session = session
        self._secret = secret
        self.base = (account.site_url or DEFAULT_SITE).rstrip("/")
        self.host = safe_url(self.base)

    def __repr__(self) -> str:
        return f"ForemProvider({self.base!r})"

    # ------------------------------------------------------------------------------ HTTP
    def _request(
        self, method: str, path: str, doing: str, *, auth: bool = True, **kwargs: Any
    ) -> Any:
        url = f"{self.base}/api/{path.lstrip('/')}"
        headers = {"Accept": "application/vnd.forem.api-v1+json"}
        if auth:
            headers["api-key"] = self._secret
        try:
            response = self._session.request(method, url, headers=headers, **kwargs)
        except requests.RequestException as exc:
            raise translate_transport_error(exc, url) from None
        if response.status_code >= 400:
            raise self._error(response, doing)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise ServerError(
                f"{self.host} answered with a web page instead of the Forem API while {doing}.",
                status=response.status_code,
            ) from None

    def _error(self, response: requests.Response, doing: str) -> SyncError:
        try:
            data = response.json()
        except ValueError:
            data = {}
        text = str(data.get("error") or "") if isinstance(data, dict) else ""
        return error_for_status(
            response,
            _WORDS,
            host=self.host,
            doing=doing,
            said=f' The site said: "{text}"' if text else "",
        )

    # ---------------------------------------------------------------------------- account
    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        base = url.rstrip("/")
        probe = f"{base}/api/articles"
        try:
            answer = session.get(probe, params={"per_page": 1})
        except requests.RequestException as exc:
            raise translate_transport_error(exc, probe) from None
        try:
            ok = answer.status_code == 200 and isinstance(answer.json(), list)
        except ValueError:
            ok = False
        if not ok:
            raise ApiUnavailableError(
                f"{safe_url(base)} does not answer like a Forem "
                "community (no /api/articles). Check the address."
            )
        return DiscoveryResult(
            site_url=base,
            api_url=f"{base}/api",
            notes=("Forem cannot host images: put them on the web first and link them by URL.",),
        )

    def verify(self) -> AccountInfo:
        me = self._request("GET", "users/me", "checking your API key")
        return AccountInfo(
            user_id=str(me.get("id", "")),
            user_login=str(me.get("username") or self.account.user),
            display_name=str(me.get("name") or ""),
            can_upload=False,
        )

    # ------------------------------------------------------------------------------ posts
    def _article(self, payload: PostPayload, stored: RemotePost | None = None) -> dict[str, Any]:
        if payload.status in ("future", "pending", "private"):
            raise UnsupportedError(
                f"Forem has no {payload.status!r} articles: publish it or keep it a draft."
            )
        article: dict[str, Any] = {
            "title": payload.title,
            "published": payload.status == "publish",
            "tags": forem_tags(payload.tags),
        }
        if payload.markdown is not None:
            article["body_markdown"] = join_soft_breaks(payload.markdown)
        elif stored is None or normalize_html(stored.html) != normalize_html(payload.html):
            article["body_markdown"] = join_soft_breaks(html_to_markdown(payload.html))
        # else: the text is unchanged (e.g. "unpublish"): leave the article's own Markdown.
        if payload.excerpt is not None:
            article["description"] = payload.excerpt
        template = str(self.account.options.get("canonical_url") or "")
        if template and payload.slug:
            article["canonical_url"] = template.replace("{slug}", payload.slug)
        return {"article": article}

    def create_post(self, payload: PostPayload) -> RemotePost:
        data = self._request(
            "POST", "articles", "creating the article", json=self._article(payload)
        )
        return self.get_post(str(data["id"]))

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        stored = self.get_post(remote_id) if payload.markdown is None else None
        self._request(
            "PUT",
            f"articles/{int(remote_id)}",
            "updating the article",
            json=self._article(payload, stored),
        )
        return self.get_post(remote_id)

    def _mine(self, page: int, per_page: int) -> list[dict[str, Any]]:
        found = self._request(
            "GET",
            "articles/me/all",
            "listing your articles",
            params={"page": page, "per_page": per_page},
        )
        return [a for a in found or () if isinstance(a, dict)]

    def _scan(self) -> Iterator[dict[str, Any]]:
        for page in range(1, _SCAN_PAGES + 1):
            items = self._mine(page, 100)
            yield from items
            if len(items) < 100:
                return

    def get_post(self, remote_id: str) -> RemotePost:
        # Unpublished articles are not served by GET /api/articles/{id}: read the own list.
        for item in self._scan():
            if str(item.get("id")) == str(remote_id):
                return self._remote(item)
        raise NotFoundError(f"{self.host} has no article {remote_id} of yours any more.")

    def delete_post(self, remote_id: str) -> None:
        """Forem has no delete: the article is unpublished (back to a draft)."""
        self._request(
            "PUT",
            f"articles/{int(remote_id)}",
            "unpublishing the article",
            json={"article": {"published": False}},
        )

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        # Forem appends a random part to every slug ("my-title-3kd9", or "-temp-slug-123" for
        # drafts): match the start, or the title.
        for item in self._scan():
            theirs = str(item.get("slug") or "")
            if (
                theirs == slug
                or slugify(str(item.get("title") or "")) == slug
                or (
                    theirs.startswith(slug + "-")
                    and re.fullmatch(r"(temp-slug-\d+|[a-z0-9]{1,6})", theirs[len(slug) + 1 :])
                )
            ):
                return self._remote(item)
        return None

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        per_page = max(1, min(1000, per_page))
        items = self._mine(page, per_page)
        more = len(items) == per_page
        return RemotePage(
            posts=tuple(self._remote(i) for i in items),
            page=page,
            total_pages=page + 1 if more else page,
            total=(page - 1) * per_page + len(items) + (1 if more else 0),
        )

    def _remote(self, item: dict[str, Any]) -> RemotePost:
        tags = item.get("tag_list")
        if isinstance(tags, str):  # a single article lists them as "a, b"; lists as an array
            tags = [t.strip() for t in tags.split(",")]
        published = bool(item.get("published"))
        stamp = item.get("edited_at") or item.get("published_at") or ""
        return RemotePost(
            remote_id=str(item["id"]),
            link=str(item.get("url") or ""),
            title=str(item.get("title") or ""),
            html=render(str(item.get("body_markdown") or "")).html,
            status="publish" if published else "draft",
            # Forem sends UTC with a "Z"; a bare time could only be UTC.
            date_gmt=timestamp_or_none(item.get("published_at"), naive=UTC) if published else None,
            modified_gmt=str(stamp or ""),
            slug=str(item.get("slug") or ""),
            tags=tuple(str(t) for t in tags or () if str(t)),
            excerpt=str(item.get("description") or ""),
        )

    # ------------------------------------------------------------------------ media, terms
    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        raise UnsupportedError(
            f"Forem has no image upload, so {filename!r} cannot be sent. Put the image on the "
            "web (your own site, or paste it into the DEV editor) and link it by its URL."
        )

    def list_terms(self, kind: TermKind) -> list[Term]:
        if kind != "tag":
            return []
        names = sorted(
            {t for post in self._scan() for t in post.get("tag_list") or () if isinstance(t, str)}
        )
        return [Term(remote_id=n, name=n, kind="tag") for n in names]

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        if kind != "tag":
            return []  # Forem has no categories (as list_terms says): none to make
        return [Term(remote_id=n, name=n, kind="tag") for n in forem_tags(list(names))]
