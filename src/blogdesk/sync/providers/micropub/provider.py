"""Micropub (W3C Recommendation) blogs, Micro.blog among them, with an IndieAuth or app token.

A post's remote id is its URL, as Micropub knows posts by URL. Posts go out as JSON h-entries
with HTML content (`content: [{"html": ...}]`), title (`name`), `category` (tags and categories
alike: microformats have one list), `summary`, `post-status` (draft / published), `published`
and `mp-slug`. Updates `replace` those properties; `q=source` reads a post back; the media
endpoint (from `q=config`) takes images. Micro.blog: its media endpoint answers 202 instead of
201, and an account with several blogs names one with `mp-destination` (account option
`destination`, from `q=config`'s `destination` list).

A create whose answer was lost cannot be looked up by slug on every server: BlogDesk asks the
`q=source` list (with `filter` = the slug; Micro.blog and django-indieweb offer it) for a post
whose `mp-slug` or URL ends in that slug, and, when the server lists nothing, tries the URL the
post would have by the pattern learnt from an earlier create on the same blog.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from blogdesk.sync import provider as p
from blogdesk.sync.accounts import indieauth
from blogdesk.sync.http import host_of
from blogdesk.sync.provider import (
    AccountField,
    AccountInfo,
    DiscoveryResult,
    NotFoundError,
    PostPayload,
    RemoteMedia,
    RemotePage,
    RemotePost,
    RequestRejectedError,
    SyncError,
    Term,
    TermKind,
    UnsupportedError,
)
from blogdesk.sync.providers.micropub.api import TOKEN_HELP, MicropubClient
from blogdesk.sync.providers.timestamps import timestamp_or_none

if TYPE_CHECKING:
    import requests

    from blogdesk.sync.accounts.store import Account

_LIST_LIMIT = 50


def _first(props: dict[str, Any], key: str) -> Any:
    values = props.get(key)
    if isinstance(values, list):
        return values[0] if values else None
    return values


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("html") or value.get("value") or "")
    return "" if value is None else str(value)


def slug_of_url(url: str) -> str:
    """The last path segment without an extension (".../2024/05/hello.html" → "hello")."""
    segment = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return segment.rsplit(".", 1)[0] if "." in segment else segment


class MicropubProvider:
    id: ClassVar[str] = "micropub"
    display_name: ClassVar[str] = "Micropub (Micro.blog, IndieWeb sites)"
    account_fields: ClassVar[tuple[AccountField, ...]] = (
        AccountField(
            "site_url",
            "Your site's address",
            kind="url",
            placeholder="https://username.micro.blog",
            help="The home page that names your Micropub endpoint.",
        ),
        AccountField(
            "token",
            "Token",
            kind="password",
            secret=True,
            required=False,
            help="Leave empty to sign in in your browser (IndieAuth). Micro.blog: "
            "or paste an app token from Account → App tokens.",
        ),
        AccountField(
            "destination",
            "Blog (Micro.blog)",
            required=False,
            help="For an account with several blogs: the blog's address.",
        ),
    )
    capabilities: ClassVar[frozenset[str]] = frozenset(
        {
            p.CAP_MEDIA,
            p.CAP_TERMS,
            p.CAP_EXCERPT,
            p.CAP_FEATURED_IMAGE,
            p.CAP_SLUG,
        }
    )

    def __init__(self, account: Account, session: requests.Session, secret: str) -> None:
        self.account = account
        self._session = session
        self._client = MicropubClient(session, secret)
        self._config: dict[str, Any] | None = None
        # (prefix, suffix) around the slug in URLs this blog made, for finding lost creates.
        self._url_pattern: tuple[str, str] | None = None

    def __repr__(self) -> str:
        return f"MicropubProvider({self.account.site_url!r})"

    # ---------------------------------------------------------------------------- discovery
    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        found = indieauth.discover(session, url)
        notes = []
        if not found.authorization:
            notes.append("The site names no IndieAuth server: use a token you created there.")
        options = {
            "micropub_endpoint": found.micropub,
            "authorization_endpoint": found.authorization,
            "token_endpoint": found.token,
            "me": found.me,
        }
        return DiscoveryResult(
            site_url=found.me.rstrip("/"),
            api_url=found.micropub,
            site_name=found.site_name,
            app_passwords_available=True,
            authorize_url=found.authorization or None,
            notes=tuple(notes),
            options={k: v for k, v in options.items() if v},
        )

    @property
    def endpoint(self) -> str:
        url = str(self.account.options.get("micropub_endpoint") or "")
        if not url:
            url = indieauth.discover(self._session, self.account.site_url).micropub
            self.account = self.account.with_options(micropub_endpoint=url)
        return url

    def _destination(self) -> dict[str, str]:
        uid = str(self.account.options.get("destination") or "")
        return {"mp-destination": uid} if uid else {}

    def config(self, *, refresh: bool = False) -> dict[str, Any]:
        """`q=config`: media endpoint, destinations, syndication targets ({} when refused)."""
        if self._config is None or refresh:
            response = self._client.call(
                "GET",
                self.endpoint,
                "reading the Micropub configuration",
                ok=(400, 404, 501),
                params={"q": "config"},
            )
            try:
                data = response.json() if response.ok else {}
            except ValueError:
                data = {}
            self._config = data if isinstance(data, dict) else {}
        return self._config

    def destinations(self) -> list[tuple[str, str]]:
        """(uid, name) of each blog the token may post to (Micro.blog), else []."""
        found = self.config().get("destination") or []
        return [
            (str(d.get("uid")), str(d.get("name") or d.get("uid")))
            for d in found
            if isinstance(d, dict) and d.get("uid")
        ]

    # ------------------------------------------------------------------------------ account
    def verify(self) -> AccountInfo:
        # q=config must answer an authorised client; a refused token gives 401 here.
        self._config = self._client.json(
            "GET", self.endpoint, "checking the token", params={"q": "config"}
        )
        uid = str(self.account.options.get("destination") or "")
        known = self.destinations()
        if uid and known and uid not in {u for u, _ in known}:
            raise RequestRejectedError(
                f"The token may not post to {uid}; it may post to: "
                + ", ".join(u for u, _ in known)
            )
        me = str(self.account.options.get("me") or self.account.site_url)
        return AccountInfo(
            user_id=me, user_login=self.account.user or host_of(me), site_name=host_of(me)
        )

    # -------------------------------------------------------------------------------- posts
    def _properties(self, payload: PostPayload) -> dict[str, list[Any]]:
        if payload.status not in ("draft", "publish", "future"):
            raise UnsupportedError(
                f"Micropub has no {payload.status!r} status: send the post as a draft or "
                "publish it."
            )
        props: dict[str, list[Any]] = {
            "name": [payload.title],
            "content": [{"html": payload.html}],
            "post-status": ["draft" if payload.status == "draft" else "published"],
            "category": list(dict.fromkeys([*payload.tags, *payload.categories])),
        }
        if payload.date is not None:
            props["published"] = [payload.date.astimezone(UTC).isoformat(timespec="seconds")]
        if payload.excerpt:
            props["summary"] = [payload.excerpt]
        if payload.featured_media_id:
            props["featured"] = [payload.featured_media_id]  # its "id" is its URL
        return props

    def create_post(self, payload: PostPayload) -> RemotePost:
        props = self._properties(payload)
        if payload.slug:
            props["mp-slug"] = [payload.slug]
        body: dict[str, Any] = {"type": ["h-entry"], "properties": props, **self._destination()}
        response = self._client.call("POST", self.endpoint, "creating the post", json=body)
        url = response.headers.get("Location", "")
        if not url:  # Micro.blog's drafts also answer {"url": ..., "preview": ...}
            try:
                url = str(response.json().get("url") or "")
            except (ValueError, AttributeError):
                url = ""
        if not url:
            raise SyncError(
                f"{host_of(self.endpoint)} created the post but did not say where "
                "(no Location). Check the blog before sending it again."
            )
        if payload.slug and slug_of_url(url) == payload.slug:
            cut = url.rfind(payload.slug)
            self._url_pattern = (url[:cut], url[cut + len(payload.slug) :])
        return self._read_back(url, payload)

    def _read_back(self, url: str, payload: PostPayload) -> RemotePost:
        try:
            return self.get_post(url)
        except (NotFoundError, RequestRejectedError):
            # Accepted (perhaps 202, still being built) but not readable yet: what we sent.
            return RemotePost(
                remote_id=url,
                link=url,
                title=payload.title,
                html=payload.html,
                status=payload.status,
                date_gmt=payload.date,
                modified_gmt="",
                slug=payload.slug or slug_of_url(url),
                tags=payload.tags,
                categories=payload.categories,
                excerpt=payload.excerpt or "",
                featured_media_id=payload.featured_media_id,
            )

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        props = self._properties(payload)
        body: dict[str, Any] = {"action": "update", "url": remote_id, **self._destination()}
        removed = [k for k in ("category", "summary", "featured") if not props.get(k)]
        body["replace"] = {k: v for k, v in props.items() if v}
        if removed:
            body["delete"] = removed
        response = self._client.call("POST", self.endpoint, "updating the post", json=body)
        # 201 + Location: the update moved the post to a new URL (its new id).
        url = response.headers.get("Location") if response.status_code == 201 else None
        return self._read_back(url or remote_id, payload)

    def get_post(self, remote_id: str) -> RemotePost:
        response = self._client.call(
            "GET",
            self.endpoint,
            "reading the post",
            ok=(400, 404, 410),
            params={"q": "source", "url": remote_id, **self._destination()},
        )
        if not response.ok:
            raise NotFoundError(
                f"The post {remote_id} is not on {host_of(remote_id)} (any "
                "more), or the blog cannot give its source."
            )
        try:
            data = response.json()
        except ValueError:
            raise SyncError(
                f"{host_of(self.endpoint)} answered q=source with something that is not JSON."
            ) from None
        return self._remote_post(data, remote_id)

    def _remote_post(self, data: dict[str, Any], url: str) -> RemotePost:
        props = data.get("properties") if isinstance(data.get("properties"), dict) else {}
        assert isinstance(props, dict)
        url = _text(_first(props, "url")) or url
        published = timestamp_or_none(_first(props, "published"), naive=UTC)
        if str(_first(props, "post-status") or "published") == "draft":
            status = "draft"
        elif published is not None and published > datetime.now(UTC):
            status = "future"
        else:
            status = "publish"
        categories = tuple(str(c) for c in props.get("category") or () if isinstance(c, str))
        featured = _first(props, "featured") or _first(props, "photo")
        updated = _first(props, "updated") or _first(props, "published") or ""
        return RemotePost(
            remote_id=url,
            link=url,
            title=_text(_first(props, "name")),
            html=_text(_first(props, "content")),
            status=status,
            date_gmt=published,
            modified_gmt=str(updated),
            slug=_text(_first(props, "mp-slug")) or slug_of_url(url),
            # One list in microformats: it serves as both BlogDesk's tags and categories.
            tags=categories,
            categories=categories,
            excerpt=_text(_first(props, "summary")),
            featured_media_id=_text(featured) or None,
        )

    def delete_post(self, remote_id: str) -> None:
        self._client.call(
            "POST",
            self.endpoint,
            "deleting the post",
            data={"action": "delete", "url": remote_id, **self._destination()},
        )

    def _source_list(self, **params: Any) -> list[dict[str, Any]] | None:
        """Items of the `q=source` list, or None when the server offers no list."""
        response = self._client.call(
            "GET",
            self.endpoint,
            "listing the blog's posts",
            ok=(400, 404, 501),
            params={"q": "source", **params, **self._destination()},
        )
        if not response.ok:
            return None
        try:
            items = response.json().get("items")
        except (ValueError, AttributeError):
            return None
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else None

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        items = self._source_list(filter=slug, limit=_LIST_LIMIT)
        for item in items or ():
            post = self._remote_post(item, "")
            if post.remote_id and (post.slug == slug or slug_of_url(post.remote_id) == slug):
                return post
        if items is None and self._url_pattern is not None:
            guess = f"{self._url_pattern[0]}{slug}{self._url_pattern[1]}"
            try:
                return self.get_post(guess)
            except NotFoundError:
                return None
        return None

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        per_page = max(1, min(100, per_page))
        # One more than asked: tells whether another page follows when no total is given.
        items = self._source_list(limit=per_page + 1, offset=(page - 1) * per_page)
        if items is None:
            raise UnsupportedError(
                f"{host_of(self.endpoint)} does not list its posts "
                "(Micropub q=source without a URL)."
            )
        posts = tuple(self._remote_post(i, "") for i in items[:per_page])
        more = len(items) > per_page
        return RemotePage(
            posts=posts,
            page=page,
            total_pages=page + 1 if more else page,
            total=(page - 1) * per_page + len(items),
        )

    # -------------------------------------------------------------------------------- media
    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        endpoint = str(self.config().get("media-endpoint") or "")
        if not endpoint:
            raise UnsupportedError(
                f"{host_of(self.endpoint)} has no media endpoint: images cannot be uploaded to it."
            )
        # 201 Created per the spec; Micro.blog answers 202 Accepted while it copies the file.
        response = self._client.call(
            "POST",
            endpoint,
            f"uploading {filename!r}",
            files={"file": (filename, data, mime)},
            data=self._destination(),
        )
        url = response.headers.get("Location", "")
        if not url:
            try:
                url = str(response.json().get("url") or "")
            except (ValueError, AttributeError):
                url = ""
        if not url:
            raise SyncError(f"The media endpoint did not say where it stored {filename!r}.")
        return RemoteMedia(remote_id=url, url=url, mime=mime)

    # -------------------------------------------------------------------------------- terms
    def list_terms(self, kind: TermKind) -> list[Term]:
        response = self._client.call(
            "GET",
            self.endpoint,
            "listing the blog's categories",
            ok=(400, 404, 501),
            params={"q": "category", **self._destination()},
        )
        names: list[Any] = []
        if response.ok:
            try:
                names = response.json().get("categories") or []
            except (ValueError, AttributeError):
                names = []
        if not names:
            names = self.config().get("categories") or []
        return [Term(remote_id=str(n), name=str(n), kind=kind) for n in names if isinstance(n, str)]

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        # Categories are plain words in Micropub: nothing to create beforehand.
        return [
            Term(remote_id=n, name=n, kind=kind)
            for n in dict.fromkeys(n.strip() for n in names if n.strip())
        ]


__all__ = ["TOKEN_HELP", "MicropubProvider", "slug_of_url"]
