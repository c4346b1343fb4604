"""Blogger through the Blogger API v3, signed in with Google OAuth (sync/accounts/oauth_loopback).

The account's secret is the OAuth refresh token; access tokens are fetched when needed and kept
in memory. Status mapping: DRAFT ↔ draft, LIVE ↔ publish, SCHEDULED ↔ future (insert as a draft,
then `publish?publishDate=`); back to draft is `revert`. What Blogger cannot do, said plainly:
no image upload in v3 (no CAP_MEDIA: UnsupportedError with what to do), no slug or excerpt
fields, no categories (labels are its tags). No conflict detection on the server: the service
compares the `updated` timestamp and the content it recorded.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

import requests
from slugify import slugify

from blogdesk.sync import provider as p
from blogdesk.sync.accounts.oauth_loopback import OAuthClient, refresh
from blogdesk.sync.http import safe_url, translate_transport_error
from blogdesk.sync.provider import (
    AccountField,
    AccountInfo,
    DiscoveryResult,
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
from blogdesk.sync.providers.timestamps import timestamp_or_none

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import Account

API_BASE = "https://www.googleapis.com/blogger/v3"
SCOPE = "https://www.googleapis.com/auth/blogger"
_STATUS = {"DRAFT": "draft", "LIVE": "publish", "SCHEDULED": "future"}
_RATE_REASONS = {
    "rateLimitExceeded",
    "userRateLimitExceeded",
    "quotaExceeded",
    "dailyLimitExceeded",
}
_SCAN_PAGES = 10
# Blogger's words for each kind of error answer; every 4xx it does not name is a refused request.
_WORDS = ErrorWording(
    rate_limited="Blogger's request quota is used up while {doing}.{said} Try again later.",
    auth="Blogger refused the sign-in while {doing}.{said} "
    "Sign in with Google again from the account dialog.",
    forbidden="Your Google account may not do this on the blog while {doing}.{said}",
    not_found="The blog no longer has it while {doing}.{said}",
    rejected="Blogger refused what BlogDesk sent while {doing}.{said}",
    server="Blogger failed while {doing} (HTTP {status}).{said}",
    other="Blogger failed while {doing} (HTTP {status}).{said}",
    statuses={410: "rejected"},
)


def oauth_client(options: Any) -> OAuthClient:
    """BlogDesk's Google client for this account (ids can be overridden per account)."""
    return OAuthClient(
        client_id=str(options.get("client_id") or ""),
        client_secret=str(options.get("client_secret") or ""),
        auth_url=str(options.get("auth_url") or OAuthClient.auth_url),
        token_url=str(options.get("token_url") or OAuthClient.token_url),
        scope=SCOPE,
    )


def _rfc3339(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class BloggerProvider:
    id: ClassVar[str] = "blogger"
    display_name: ClassVar[str] = "Blogger"
    account_fields: ClassVar[tuple[AccountField, ...]] = (
        AccountField(
            "site_url", "Blog address", kind="url", placeholder="https://myblog.blogspot.com"
        ),
        AccountField("user", "Google account", required=False),
        AccountField(
            "refresh_token",
            "Google sign-in",
            kind="password",
            secret=True,
            help="Filled in by “Sign in with Google” (your browser opens).",
        ),
    )
    capabilities: ClassVar[frozenset[str]] = frozenset({p.CAP_TERMS, p.CAP_SCHEDULE})

    def __init__(self, account: Account, session: requests.Session, secret: str) -> None:
        self.account = account
        self._session = session
        self._refresh_token = secret
        self._access: str | None = None
        self._expires = 0.0
        self._blog_id = str(account.options.get("blog_id") or "")
        self.base = str(account.options.get("api_base") or API_BASE).rstrip("/")

    def __repr__(self) -> str:
        return f"BloggerProvider({self.account.site_url!r})"

    # ------------------------------------------------------------------------------ HTTP
    def _token(self, renew: bool = False) -> str:
        if renew or self._access is None or time.monotonic() > self._expires - 60:
            client = oauth_client(self.account.options)
            tokens = refresh(self._session, client, self._refresh_token)
            self._access, self._expires = tokens.access_token, time.monotonic() + tokens.expires_in
        return self._access

    def _call(self, method: str, path: str, doing: str, **kwargs: Any) -> Any:
        url = f"{self.base}/{path.lstrip('/')}"
        for attempt in (1, 2):
            headers = {
                "Authorization": f"Bearer {self._token(renew=attempt == 2)}",
                "Accept": "application/json",
            }
            try:
                response = self._session.request(method, url, headers=headers, **kwargs)
            except requests.RequestException as exc:
                raise translate_transport_error(exc, url) from None
            if response.status_code == 401 and attempt == 1:
                continue  # the access token may have been revoked early: one fresh try
            if response.status_code >= 400:
                raise self._error(response, doing)
            if not response.content:
                return {}
            try:
                return response.json()
            except ValueError:
                raise ServerError(
                    f"{safe_url(url)} answered with something that is not Blogger's API (not "
                    f"JSON) while {doing}. A proxy or a network's sign-in page may be in the way; "
                    "try again later.",
                    status=response.status_code,
                ) from None
        raise AssertionError("unreachable")

    def _error(self, response: requests.Response, doing: str) -> SyncError:
        try:
            error = response.json().get("error") or {}
        except (ValueError, AttributeError):
            error = {}
        message = str(error.get("message") or "") if isinstance(error, dict) else ""
        reasons = (
            {str(e.get("reason")) for e in error.get("errors") or () if isinstance(e, dict)}
            if isinstance(error, dict)
            else set()
        )
        # Google answers a used-up quota with 403 and says so only in the reasons.
        quota = response.status_code == 403 and bool(reasons & _RATE_REASONS)
        return error_for_status(
            response,
            _WORDS,
            kind="rate_limited" if quota else None,
            host=safe_url(self.base),
            doing=doing,
            said=f' Blogger said: "{message}"' if message else "",
        )

    # ---------------------------------------------------------------------------- account
    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        site = url.rstrip("/")
        if urlsplit(site).scheme not in ("http", "https"):
            raise p.ApiUnavailableError(
                f"{url!r} is not a web address: type the blog's address with https://, for "
                "example https://myblog.blogspot.com."
            )
        return DiscoveryResult(
            site_url=site,
            api_url=API_BASE,
            notes=(
                "Blogger cannot receive images from BlogDesk: put them on the web and link them.",
            ),
        )

    def blog_id(self) -> str:
        if not self._blog_id:
            blog = self._call(
                "GET", "blogs/byurl", "finding the blog", params={"url": self.account.site_url}
            )
            self._blog_id = str(blog["id"])
        return self._blog_id

    def verify(self) -> AccountInfo:
        blog = self._call(
            "GET", "blogs/byurl", "checking the sign-in", params={"url": self.account.site_url}
        )
        self._blog_id = str(blog.get("id") or "")
        me = self._call("GET", "users/self", "checking the sign-in")
        return AccountInfo(
            user_id=str(me.get("id") or ""),
            user_login=str(me.get("displayName") or self.account.user),
            display_name=str(me.get("displayName") or ""),
            site_name=str(blog.get("name") or ""),
            can_upload=False,
        )

    # ------------------------------------------------------------------------------ posts
    def _posts(self, suffix: str = "") -> str:
        return f"blogs/{self.blog_id()}/posts{suffix}"

    def _check(self, payload: PostPayload) -> None:
        if payload.status in ("pending", "private"):
            raise UnsupportedError(
                f"Blogger has no {payload.status!r} posts: publish the post, "
                "schedule it or keep it a draft."
            )
        if payload.status == "future" and payload.date is None:
            # Never the author's doing: build_payload refuses a schedule without a date.
            raise ValueError("a 'future' payload without a date")

    def _resource(self, payload: PostPayload) -> dict[str, Any]:
        return {
            "kind": "blogger#post",
            "title": payload.title,
            "content": payload.html,
            "labels": list(dict.fromkeys(payload.tags)),
        }

    def create_post(self, payload: PostPayload) -> RemotePost:
        self._check(payload)
        draft = payload.status != "publish"
        data = self._call(
            "POST",
            self._posts(),
            "creating the post",
            params={"isDraft": "true" if draft else "false"},
            json=self._resource(payload),
        )
        return self._settle(str(data["id"]), payload, data)

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        self._check(payload)
        data = self._call(
            "PATCH", self._posts(f"/{remote_id}"), "updating the post", json=self._resource(payload)
        )
        return self._settle(remote_id, payload, data)

    def _settle(self, remote_id: str, payload: PostPayload, data: dict[str, Any]) -> RemotePost:
        """Bring the post's status to what was asked: publish, schedule or revert."""
        have = _STATUS.get(str(data.get("status") or ""), "draft")
        want = payload.status
        if want == "draft" and have != "draft":
            data = self._call("POST", self._posts(f"/{remote_id}/revert"), "making it a draft")
        elif want == "publish" and have != "publish":
            data = self._call("POST", self._posts(f"/{remote_id}/publish"), "publishing the post")
        elif want == "future" and payload.date is not None:
            if have != "draft":  # a new date needs a draft to publish from
                self._call("POST", self._posts(f"/{remote_id}/revert"), "rescheduling the post")
            data = self._call(
                "POST",
                self._posts(f"/{remote_id}/publish"),
                "scheduling the post",
                params={"publishDate": _rfc3339(payload.date)},
            )
        return self._remote(data) if data.get("id") else self.get_post(remote_id)

    def get_post(self, remote_id: str) -> RemotePost:
        data = self._call(
            "GET", self._posts(f"/{remote_id}"), "reading the post", params={"view": "AUTHOR"}
        )
        return self._remote(data)

    def delete_post(self, remote_id: str) -> None:
        self._call("DELETE", self._posts(f"/{remote_id}"), "deleting the post")

    def _scan(self, bodies: bool) -> Iterator[dict[str, Any]]:
        token: str | None = None
        for _ in range(_SCAN_PAGES):
            params: dict[str, Any] = {
                "status": ["draft", "live", "scheduled"],
                "view": "AUTHOR",
                "maxResults": 100,
                "fetchBodies": str(bodies).lower(),
            }
            if token:
                params["pageToken"] = token
            data = self._call("GET", self._posts(), "listing the blog's posts", params=params)
            yield from (i for i in data.get("items") or () if isinstance(i, dict))
            token = data.get("nextPageToken")
            if not token:
                return

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        # Blogger has no slug: a published post's address ends in "<words>.html", a draft has
        # none; match either that or the title made into a slug.
        for item in self._scan(bodies=False):
            tail = urlsplit(str(item.get("url") or "")).path.rsplit("/", 1)[-1]
            if tail.removesuffix(".html") == slug or slugify(str(item.get("title") or "")) == slug:
                return self.get_post(str(item["id"]))
        return None

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        items = list(self._scan(bodies=True))
        per_page = max(1, per_page)
        chunk = items[(page - 1) * per_page : page * per_page]
        pages = max(1, -(-len(items) // per_page))
        return RemotePage(
            posts=tuple(self._remote(i) for i in chunk),
            page=page,
            total_pages=pages,
            total=len(items),
        )

    def _remote(self, data: dict[str, Any]) -> RemotePost:
        url = str(data.get("url") or "")
        tail = urlsplit(url).path.rsplit("/", 1)[-1].removesuffix(".html")
        return RemotePost(
            remote_id=str(data["id"]),
            link=url,
            title=str(data.get("title") or ""),
            html=str(data.get("content") or ""),
            status=_STATUS.get(str(data.get("status") or ""), "publish"),
            # RFC 3339 always has an offset; a bare time could only be UTC.
            date_gmt=timestamp_or_none(data.get("published"), naive=UTC),
            modified_gmt=str(data.get("updated") or ""),
            slug=tail,
            tags=tuple(str(t) for t in data.get("labels") or ()),
        )

    # ------------------------------------------------------------------------ media, terms
    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        raise UnsupportedError(
            f"The Blogger API cannot receive images, so {filename!r} cannot be sent. Put the "
            "image on the web (e.g. upload it in Blogger's own editor) and link it by its URL."
        )

    def list_terms(self, kind: TermKind) -> list[Term]:
        if kind != "tag":
            return []
        names = sorted(
            {str(label) for item in self._scan(bodies=False) for label in item.get("labels") or ()},
            key=str.casefold,
        )
        return [Term(remote_id=n, name=n, kind="tag") for n in names]

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        if kind != "tag":
            return []  # Blogger has no categories (as list_terms says): none to make
        return [Term(remote_id=n, name=n, kind="tag") for n in dict.fromkeys(names) if n]
