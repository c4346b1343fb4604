"""WordPress (self-hosted, 5.6 or newer) through its REST API with an application password.

The provider knows the wire format and nothing else: posts travel as HTML already rendered by the
service, terms as names (found or created here), dates as UTC `date_gmt`. Errors come out as the
`SyncError` family (see wordpress_api.py for the translation); finding the API is in
wordpress_discovery.py.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from blogdesk.core.convert.wp_blocks import to_blocks
from blogdesk.sync import provider as p
from blogdesk.sync.http import host_of
from blogdesk.sync.provider import (
    AccountField,
    AccountInfo,
    ApiUnavailableError,
    AuthenticationError,
    DiscoveryResult,
    PostPayload,
    RemoteMedia,
    RemotePage,
    RemotePost,
    Term,
    TermKind,
)
from blogdesk.sync.providers.timestamps import timestamp_or_none
from blogdesk.sync.providers.wordpress import discovery
from blogdesk.sync.providers.wordpress.rest_api import RestClient, error_from_response, wp_error

if TYPE_CHECKING:
    import requests

    from blogdesk.sync.accounts.store import Account

_TERM_ROUTES: dict[str, str] = {"tag": "wp/v2/tags", "category": "wp/v2/categories"}
_TERM_FIELDS: dict[str, str] = {"tag": "tags", "category": "categories"}
_WP_DATE = "%Y-%m-%dT%H:%M:%S"
# WordPress renames a trashed post's slug to "<slug>__trashed" (it keeps the old one in meta).
_TRASHED_SUFFIX = "__trashed"


def _term_key(name: str) -> str:
    # Term names are stored HTML-escaped ("A &amp; B") and compared case-insensitively by MySQL.
    return " ".join(html.unescape(name).split()).casefold()


def _to_wp_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime(_WP_DATE)


def _raw(field: Any) -> str:
    """The raw text of a title/content/excerpt object (context=edit), or its rendered form."""
    if isinstance(field, dict):
        return str(field.get("raw", field.get("rendered", "")) or "")
    return str(field or "")


class WordPressProvider:
    id: ClassVar[str] = "wordpress"
    display_name: ClassVar[str] = "WordPress (REST API)"
    account_fields: ClassVar[tuple[AccountField, ...]] = (
        AccountField(
            "site_url",
            "Blog address",
            kind="url",
            placeholder="https://example.com",
            help="The address of the blog's home page.",
        ),
        AccountField("user", "User name", help="The name you log in to WordPress with."),
        AccountField(
            "app_password",
            "Application password",
            kind="password",
            secret=True,
            placeholder="abcd EFGH ijkl MNOP qrst UVWX",
            help=f"Create one in WordPress under {discovery.APP_PASSWORDS_GUIDE}. "
            "It is not your login password.",
        ),
    )
    capabilities: ClassVar[frozenset[str]] = frozenset(
        {
            p.CAP_MEDIA,
            p.CAP_TERMS,
            p.CAP_CATEGORIES,
            p.CAP_SCHEDULE,
            p.CAP_PENDING,
            p.CAP_PRIVATE,
            p.CAP_STICKY,
            p.CAP_FORMAT,
            p.CAP_EXCERPT,
            p.CAP_FEATURED_IMAGE,
            p.CAP_SLUG,
            p.CAP_TRASH,
        }
    )

    def __init__(self, account: Account, session: requests.Session, secret: str) -> None:
        # No I/O here: the API root comes from the account, or from discovery on first use.
        self.account = account
        self._session = session
        self._secret = secret
        self._client: RestClient | None = None
        self._index: dict[str, Any] | None = None
        self._terms: dict[str, dict[str, Term]] = {"tag": {}, "category": {}}  # by id
        self._terms_loaded: set[str] = set()

    def __repr__(self) -> str:
        return f"WordPressProvider({self.account.site_url!r}, user={self.account.user!r})"

    # ------------------------------------------------------------------------------ discovery
    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        return discovery.discover(session, url)

    def _api(self) -> RestClient:
        if self._client is None:
            root = str(self.account.options.get("api_url") or "")
            if not root:
                root = discovery.find_api_root(
                    self._session, discovery.normalise_url(self.account.site_url)
                )[0]
            self._client = RestClient(self._session, root, self.account.user, self._secret)
        return self._client

    def _site_index(self) -> dict[str, Any]:
        if self._index is None:
            self._index = discovery.read_index(self._session, self._api().api_root)
        return self._index

    # --------------------------------------------------------------------------------- account
    def verify(self) -> AccountInfo:
        try:
            me = self._api().json(
                "GET", "wp/v2/users/me", "checking your account", params={"context": "edit"}
            )
        except AuthenticationError:
            # A 401 also comes when the site does not offer application passwords at all
            # (plain http, or a plugin): then no password can work, so say that instead.
            available, _ = discovery.app_password_endpoint(self._site_index())
            if not available:
                raise ApiUnavailableError(
                    f"{host_of(self._api().api_root)} does not accept application "
                    "passwords. WordPress offers them only on HTTPS sites (or when the "
                    "administrator allows them); switch the blog to https:// or ask its "
                    "administrator."
                ) from None
            raise
        index = self._site_index()
        caps = me.get("capabilities") if isinstance(me.get("capabilities"), dict) else {}
        return AccountInfo(
            user_id=str(me.get("id", "")),
            user_login=str(me.get("username") or self.account.user),
            display_name=str(me.get("name") or ""),
            site_name=str(index.get("name") or ""),
            roles=tuple(str(r) for r in me.get("roles") or ()),
            # The list holds only what the user may do; without it (no edit context) assume yes.
            can_publish=bool(caps.get("publish_posts")) if caps else True,
            can_upload=bool(caps.get("upload_files")) if caps else True,
            timezone=discovery.timezone_of(index),
        )

    # ----------------------------------------------------------------------------------- posts
    def body_html(self, html: str) -> str:
        """Block markup: WordPress's `wpautop` would turn wrapped lines into `<br />` otherwise."""
        return to_blocks(html)

    def create_post(self, payload: PostPayload) -> RemotePost:
        body = self._body(payload)
        data = self._api().json("POST", "wp/v2/posts", "creating the post", json=body)
        return self._remote_post(data)

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        body = self._body(payload)
        data = self._api().json(
            "POST", f"wp/v2/posts/{int(remote_id)}", "updating the post", json=body
        )
        return self._remote_post(data)

    def get_post(self, remote_id: str) -> RemotePost:
        data = self._api().json(
            "GET", f"wp/v2/posts/{int(remote_id)}", "reading the post", params={"context": "edit"}
        )
        return self._remote_post(data)

    def delete_post(self, remote_id: str) -> None:
        # 410 rest_already_trashed: it is in the trash already, which is what was asked.
        self._api().call(
            "DELETE", f"wp/v2/posts/{int(remote_id)}", "moving the post to the trash", ok=(410,)
        )

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        api = self._api()
        found = api.json(
            "GET",
            "wp/v2/posts",
            "looking for the post",
            params={"slug": slug, "status": "any", "context": "edit"},
        )
        if not found:  # "any" leaves out the trash, where the slug carries a suffix
            found = api.json(
                "GET",
                "wp/v2/posts",
                "looking for the post in the trash",
                params={
                    "slug": [slug, slug + _TRASHED_SUFFIX],
                    "status": "trash",
                    "context": "edit",
                },
            )
        return self._remote_post(found[0]) if found else None

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        per_page = max(1, min(100, per_page))
        # By id, not date: posts saved within the same second share a date, and MySQL may then
        # order them differently on each page, so paging by date can skip or repeat posts.
        response = self._api().call(
            "GET",
            "wp/v2/posts",
            "listing the blog's posts",
            ok=(400,),
            params={
                "status": "any",
                "context": "edit",
                "page": page,
                "per_page": per_page,
                "orderby": "id",
                "order": "desc",
            },
        )
        if response.status_code == 400:
            err = wp_error(response)
            if err and err[0] == "rest_post_invalid_page_number":
                return RemotePage(posts=(), page=page, total_pages=page - 1, total=0)
            raise error_from_response(response, "listing the blog's posts", self.account.user)
        items = response.json()
        self._resolve_term_ids(items)
        return RemotePage(
            posts=tuple(self._remote_post(item) for item in items),
            page=page,
            total_pages=int(response.headers.get("X-WP-TotalPages") or 1),
            total=int(response.headers.get("X-WP-Total") or len(items)),
        )

    def _body(self, payload: PostPayload) -> dict[str, Any]:
        if payload.status == "future" and payload.date is None:
            # Never the author's doing: build_payload refuses a schedule without a date.
            raise ValueError("a 'future' payload without a date")
        body: dict[str, Any] = {
            "title": payload.title,
            "content": payload.html,
            "status": payload.status,
        }
        if payload.slug is not None:
            body["slug"] = payload.slug
        if payload.date is not None:
            # Always UTC: the blog's own time zone never matters for what we send.
            body["date_gmt"] = _to_wp_date(payload.date)
        if payload.excerpt is not None:
            body["excerpt"] = payload.excerpt
        if payload.featured_media_id is not None:
            body["featured_media"] = int(payload.featured_media_id or 0)
        if payload.sticky is not None:
            body["sticky"] = payload.sticky
        if payload.format is not None:
            body["format"] = payload.format
        body["tags"] = [int(t.remote_id) for t in self.ensure_terms("tag", payload.tags)]
        if payload.categories:
            body["categories"] = [
                int(t.remote_id) for t in self.ensure_terms("category", payload.categories)
            ]
        return body

    def _remote_post(self, data: dict[str, Any]) -> RemotePost:
        self._resolve_term_ids([data])
        media = int(data.get("featured_media") or 0)
        return RemotePost(
            remote_id=str(data["id"]),
            link=str(data.get("link") or ""),
            title=_raw(data.get("title")),
            html=_raw(data.get("content")),
            status=str(data.get("status") or ""),
            # `date_gmt` is UTC by its name and carries no offset.
            date_gmt=timestamp_or_none(data.get("date_gmt"), naive=UTC),
            modified_gmt=str(data.get("modified_gmt") or ""),
            slug=str(data.get("slug") or ""),
            tags=self._names("tag", data.get("tags") or ()),
            categories=self._names("category", data.get("categories") or ()),
            excerpt=_raw(data.get("excerpt")),
            featured_media_id=str(media) if media else None,
            sticky=bool(data.get("sticky")),
            format=str(data.get("format") or "standard"),
        )

    # ----------------------------------------------------------------------------------- media
    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        # multipart rather than a raw body: a non-ASCII file name needs no header encoding there.
        answer = self._api().json(
            "POST", "wp/v2/media", f"uploading {filename!r}", files={"file": (filename, data, mime)}
        )
        return RemoteMedia(
            remote_id=str(answer["id"]),
            url=str(answer.get("source_url") or ""),
            mime=str(answer.get("mime_type") or mime),
        )

    # ----------------------------------------------------------------------------------- terms
    def list_terms(self, kind: TermKind) -> list[Term]:
        api, route = self._api(), _TERM_ROUTES[kind]
        terms: list[Term] = []
        page = 1
        while True:
            response = api.call(
                "GET",
                route,
                f"listing the blog's {_TERM_FIELDS[kind]}",
                params={"per_page": 100, "page": page, "hide_empty": False},
            )
            terms += [self._remember(kind, item) for item in response.json()]
            if page >= int(response.headers.get("X-WP-TotalPages") or 1):
                break
            page += 1
        self._terms_loaded.add(kind)
        return terms

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        wanted = [n.strip() for n in names if n.strip()]
        if not wanted:
            return []
        by_name = {_term_key(t.name): t for t in self._terms[kind].values()}
        if kind not in self._terms_loaded and any(_term_key(n) not in by_name for n in wanted):
            by_name = {_term_key(t.name): t for t in self.list_terms(kind)}
        result: list[Term] = []
        for name in dict.fromkeys(wanted):
            term = by_name.get(_term_key(name)) or self._create_term(kind, name)
            by_name[_term_key(name)] = term
            result.append(term)
        return result

    def _create_term(self, kind: TermKind, name: str) -> Term:
        api, route = self._api(), _TERM_ROUTES[kind]
        doing = f"creating the {kind} {name!r}"
        response = api.call("POST", route, doing, json={"name": name}, ok=(400,))
        if response.status_code == 400:
            err = wp_error(response)
            term_id = err[2].get("term_id") if err and err[0] == "term_exists" else None
            if term_id is None:
                raise error_from_response(response, doing, self.account.user)
            # Made meanwhile by someone else (or differing only in case): use that one.
            existing = api.json("GET", f"{route}/{int(term_id)}", doing)
            return self._remember(kind, existing)
        return self._remember(kind, response.json())

    def _remember(self, kind: TermKind, item: dict[str, Any]) -> Term:
        parent = int(item.get("parent") or 0)
        term = Term(
            remote_id=str(item["id"]),
            name=html.unescape(str(item.get("name") or "")),
            kind=kind,
            slug=str(item.get("slug") or ""),
            parent_id=str(parent) if parent else None,
            count=int(item.get("count") or 0),
        )
        self._terms[kind][term.remote_id] = term
        return term

    def _resolve_term_ids(self, posts: Iterable[dict[str, Any]]) -> None:
        """Fetch, in one call per kind, the names of term ids not seen yet."""
        items = list(posts)
        for kind in ("tag", "category"):
            missing = sorted(
                {str(i) for post in items for i in post.get(_TERM_FIELDS[kind]) or ()}
                - set(self._terms[kind])
            )
            for start in range(0, len(missing), 100):
                chunk = missing[start : start + 100]
                found = self._api().json(
                    "GET",
                    _TERM_ROUTES[kind],
                    f"reading the post's {_TERM_FIELDS[kind]}",
                    params={"include": chunk, "per_page": 100, "hide_empty": False},
                )
                for item in found:
                    self._remember(kind, item)

    def _names(self, kind: str, ids: Iterable[Any]) -> tuple[str, ...]:
        known = self._terms[kind]
        return tuple(known[str(i)].name for i in ids if str(i) in known)
