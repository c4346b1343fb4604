"""Ghost 5 (self-hosted or Ghost(Pro)) through its Admin API with a custom integration's key.

Posts travel as HTML (`?source=html`: Ghost converts it to its Lexical format, so what it stores
and gives back is Ghost's own rendering of the same text). Ghost checks collisions itself: every
update carries the `updated_at` BlogDesk last saw, and Ghost answers 409 when the post changed
since; that becomes a ConflictError with both versions. Ghost has tags but no categories, no
"pending" or "private" status, and deletes for good (no trash). Images have no id: the uploaded
file's URL is its id, and the featured image is set by URL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

import requests

from blogdesk.sync import provider as p
from blogdesk.sync.http import host_of, translate_transport_error
from blogdesk.sync.provider import (
    AccountField,
    AccountInfo,
    ApiUnavailableError,
    ChangedOnServerError,
    ConflictError,
    DiscoveryResult,
    NotFoundError,
    PostPayload,
    RemoteMedia,
    RemotePage,
    RemotePost,
    SyncError,
    Term,
    TermKind,
    UnsupportedError,
)
from blogdesk.sync.providers.ghost.admin_api import (
    ACCEPT_VERSION,
    KEY_HELP,
    AdminClient,
    admin_root,
)
from blogdesk.sync.providers.timestamps import timestamp_or_none
from blogdesk.sync.publish import changes

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import Account

# BlogDesk's (WordPress's) status words ↔ Ghost's.
_TO_GHOST = {"draft": "draft", "publish": "published", "future": "scheduled"}
_FROM_GHOST = {"draft": "draft", "published": "publish", "scheduled": "future"}
_POST_QUERY = {"formats": "html", "include": "tags"}
# Ghost turns HTML between these comments into one HTML card and serves it verbatim; anything
# else it converts into its own cards and renders again (losing markup on the way).
CARD_BEGIN = "<!--kg-card-begin: html-->"
CARD_END = "<!--kg-card-end: html-->"
EXACT_HTML = "exact_html"  # the account option; on unless set to false


def _ghost_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def discover_site(session: requests.Session, url: str) -> DiscoveryResult:
    """Ghost's public `site` endpoint answers without a key: title, URL and version."""
    root = admin_root(url)
    try:
        response = session.get(root + "site/", headers={"Accept-Version": ACCEPT_VERSION})
    except requests.RequestException as exc:
        raise translate_transport_error(exc, root) from None
    site: dict[str, Any] = {}
    try:
        data = response.json() if response.ok else {}
        site = data.get("site") or {} if isinstance(data, dict) else {}
    except ValueError:
        site = {}
    if not site:
        raise ApiUnavailableError(
            f"No Ghost Admin API answered at {host_of(root)} ({root}site/). Give the address "
            "of the Ghost site or of its admin (Ghost(Pro): https://<name>.ghost.io)."
        )
    notes: list[str] = []
    if root.startswith("http://") and host_of(root).split(":")[0] not in ("127.0.0.1", "localhost"):
        notes.append("The site is not HTTPS: the Admin API key travels unencrypted.")
    version = str(site.get("version") or "")
    if version and not version.startswith(("5.", "6.")):
        notes.append(f"Ghost {version} is older than BlogDesk expects (5.x); some things may fail.")
    return DiscoveryResult(
        site_url=str(site.get("url") or url).rstrip("/"),
        api_url=root,
        site_name=str(site.get("title") or ""),
        description=str(site.get("description") or ""),
        app_passwords_available=True,
        notes=tuple(notes),
        options={"api_url": root, "ghost_version": version},
    )


def keeps_exact_html(option: object) -> bool:
    """The `exact_html` option: on when missing; the form stores a bool, the CLI a string."""
    if option is None or option == "":
        return True
    if isinstance(option, str):
        return option.strip().lower() not in ("false", "0", "no", "off")
    return bool(option)


class GhostProvider:
    id: ClassVar[str] = "ghost"
    display_name: ClassVar[str] = "Ghost (Admin API)"
    account_fields: ClassVar[tuple[AccountField, ...]] = (
        AccountField(
            "site_url",
            "Blog address",
            kind="url",
            placeholder="https://example.com",
            help="The Ghost site's address, or its admin address if that differs.",
        ),
        AccountField(
            "admin_api_key",
            "Admin API key",
            kind="password",
            secret=True,
            placeholder="6489...:a1b2c3...",
            help=KEY_HELP,
        ),
        AccountField(
            EXACT_HTML,
            "Keep BlogDesk's HTML exactly",
            kind="bool",
            required=False,
            default="true",
            help="On: readers see exactly the preview, and Ghost's editor shows the post as one "
            "HTML card. Off: Ghost converts the post into its own cards, editable in its "
            "editor, and renders them its own way (quotes, code and footnotes may change).",
        ),
    )
    capabilities: ClassVar[frozenset[str]] = frozenset(
        {
            p.CAP_MEDIA,
            p.CAP_TERMS,
            p.CAP_SCHEDULE,
            p.CAP_EXCERPT,
            p.CAP_FEATURED_IMAGE,
            p.CAP_SLUG,
        }
    )

    def __init__(self, account: Account, session: requests.Session, secret: str) -> None:
        self.account = account
        self._session = session
        self._secret = secret
        self._client: AdminClient | None = None
        # The `updated_at` of each post as last seen from the server: sent with the next update
        # so that Ghost itself refuses it when someone changed the post in between.
        self._seen: dict[str, str] = {}
        self._tags: dict[str, Term] | None = None  # by folded name

    def __repr__(self) -> str:
        return f"GhostProvider({self.account.site_url!r})"

    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        return discover_site(session, url)

    def _api(self) -> AdminClient:
        if self._client is None:
            root = str(self.account.options.get("api_url") or admin_root(self.account.site_url))
            self._client = AdminClient(self._session, root, self._secret)
        return self._client

    # ------------------------------------------------------------------------------ account
    def verify(self) -> AccountInfo:
        api = self._api()
        # The site endpoint answers anyone; reading posts proves the key works.
        api.json("GET", "posts/", "checking the Admin API key", params={"limit": 1, "fields": "id"})
        site = api.json("GET", "site/", "reading the site's name").get("site") or {}
        return AccountInfo(
            user_id=api.key_id,
            user_login=self.account.user or "integration",
            display_name=str(site.get("title") or ""),
            site_name=str(site.get("title") or ""),
            roles=("integration",),
        )

    # -------------------------------------------------------------------------------- posts
    def body_html(self, html: str) -> str:
        """The body inside one HTML card, unless the account asks for Ghost's own cards."""
        if not keeps_exact_html(self.account.options.get(EXACT_HTML)) or not html.strip():
            return html
        body = html.strip("\n")
        return f"{CARD_BEGIN}\n{body}\n{CARD_END}"

    def create_post(self, payload: PostPayload) -> RemotePost:
        body = {"posts": [self._body(payload)]}
        data = self._api().json(
            "POST",
            "posts/",
            "creating the post",
            json=body,
            params={"source": "html", **_POST_QUERY},
        )
        return self._remote_post(data["posts"][0])

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        updated_at = self._seen.get(remote_id)
        if updated_at is None:  # never seen in this session: what the server has now
            updated_at = self.get_post(remote_id).modified_gmt
        post = self._body(payload)
        post["updated_at"] = updated_at
        if payload.slug is None:
            post.pop("slug", None)
        try:
            data = self._api().json(
                "PUT",
                f"posts/{remote_id}/",
                "updating the post",
                json={"posts": [post]},
                params={"source": "html", **_POST_QUERY},
            )
        except ChangedOnServerError:
            remote = self.get_post(remote_id)
            raise ConflictError(
                f"The post {payload.title!r} was changed on the Ghost site "
                f"({remote.modified_gmt}) since BlogDesk last saw it. Choose: overwrite the "
                "blog's version, take the blog's version, or keep both.",
                local=payload,
                remote=remote,
                text_diff=changes.text_diff(payload.html, remote.html),
                field_diffs=changes.field_diffs(payload, remote),
            ) from None
        return self._remote_post(data["posts"][0])

    def get_post(self, remote_id: str) -> RemotePost:
        data = self._api().json(
            "GET", f"posts/{remote_id}/", "reading the post", params=_POST_QUERY
        )
        return self._remote_post(data["posts"][0])

    def delete_post(self, remote_id: str) -> None:
        # Ghost has no trash: this deletes for good (the capabilities say so to the UI).
        self._api().call("DELETE", f"posts/{remote_id}/", "deleting the post")
        self._seen.pop(remote_id, None)

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        try:
            data = self._api().json(
                "GET", f"posts/slug/{slug}/", "looking for the post", params=_POST_QUERY
            )
        except NotFoundError:
            return None
        posts = data.get("posts") or []
        return self._remote_post(posts[0]) if posts else None

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        per_page = max(1, min(100, per_page))
        data = self._api().json(
            "GET",
            "posts/",
            "listing the blog's posts",
            params={
                **_POST_QUERY,
                "limit": per_page,
                "page": page,
                "order": "created_at desc, id desc",
            },
        )
        pagination = (data.get("meta") or {}).get("pagination") or {}
        return RemotePage(
            posts=tuple(self._remote_post(item) for item in data.get("posts") or ()),
            page=int(pagination.get("page") or page),
            total_pages=int(pagination.get("pages") or 1),
            total=int(pagination.get("total") or 0),
        )

    def _body(self, payload: PostPayload) -> dict[str, Any]:
        status = _TO_GHOST.get(payload.status)
        if status is None:
            raise UnsupportedError(
                f"Ghost has no {payload.status!r} status: publish the post as a draft, "
                "published or scheduled post instead."
            )
        if status == "scheduled" and payload.date is None:
            # Never the author's doing: build_payload refuses a schedule without a date.
            raise ValueError("a 'future' payload without a date")
        body: dict[str, Any] = {"title": payload.title, "html": payload.html, "status": status}
        if payload.slug is not None:
            body["slug"] = payload.slug
        if payload.date is not None:
            body["published_at"] = _ghost_date(payload.date)
        if payload.excerpt is not None:
            body["custom_excerpt"] = payload.excerpt.strip() or None
        if payload.featured_media_id is not None:
            # The media "id" of a Ghost image is its URL; "" clears the featured image.
            body["feature_image"] = payload.featured_media_id or None
        # Tags on PUT replace the post's set; by id when known, else Ghost creates them by name.
        body["tags"] = [
            {"id": t.remote_id} if t.remote_id else {"name": t.name}
            for t in self.ensure_terms("tag", payload.tags)
        ]
        return body

    def _remote_post(self, data: dict[str, Any]) -> RemotePost:
        remote_id = str(data["id"])
        updated_at = str(data.get("updated_at") or "")
        self._seen[remote_id] = updated_at
        tags = tuple(
            str(t.get("name") or "") for t in data.get("tags") or () if isinstance(t, dict)
        )
        status = str(data.get("status") or "")
        return RemotePost(
            remote_id=remote_id,
            link=str(data.get("url") or ""),
            title=str(data.get("title") or ""),
            html=str(data.get("html") or ""),
            status=_FROM_GHOST.get(status, status),
            date_gmt=timestamp_or_none(data.get("published_at"), naive=UTC),
            modified_gmt=updated_at,
            slug=str(data.get("slug") or ""),
            tags=tags,
            excerpt=str(data.get("custom_excerpt") or ""),
            featured_media_id=str(data.get("feature_image") or "") or None,
            sticky=bool(data.get("featured")),
        )

    # -------------------------------------------------------------------------------- media
    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        answer = self._api().json(
            "POST",
            "images/upload/",
            f"uploading {filename!r}",
            files={"file": (filename, data, mime)},
            data={"purpose": "image", "ref": filename},
        )
        images = answer.get("images") or []
        if not images or not images[0].get("url"):
            raise SyncError(f"Ghost did not say where it stored {filename!r}.")
        url = str(images[0]["url"])
        return RemoteMedia(remote_id=url, url=url, mime=mime)

    # -------------------------------------------------------------------------------- terms
    def list_terms(self, kind: TermKind) -> list[Term]:
        if kind != "tag":
            return []  # Ghost has tags only
        data = self._api().json("GET", "tags/", "listing the blog's tags", params={"limit": "all"})
        terms = [
            Term(
                remote_id=str(t["id"]),
                name=str(t.get("name") or ""),
                kind="tag",
                slug=str(t.get("slug") or ""),
            )
            for t in data.get("tags") or ()
        ]
        self._tags = {t.name.casefold(): t for t in terms}
        return terms

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        if not wanted:
            return []
        if kind != "tag":
            return []  # Ghost has no categories (as list_terms says): none to make
        if self._tags is None or any(n.casefold() not in self._tags for n in wanted):
            self.list_terms("tag")
        assert self._tags is not None
        # A tag still missing is created by Ghost itself when the post names it.
        return [
            self._tags.get(n.casefold()) or Term(remote_id="", name=n, kind="tag") for n in wanted
        ]
