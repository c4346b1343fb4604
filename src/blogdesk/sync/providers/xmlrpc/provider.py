"""Blogs over XML-RPC: WordPress `wp.*`, Movable Type, MetaWeblog and Blogger 1.0.

For WordPress sites whose REST API is blocked, and for the many older engines that speak
MetaWeblog. The best API the server offers is chosen (account option `api`: "auto" or one
flavour); the wire format of each is in xmlrpc_wire.py, the safe transport in xmlrpc_transport.py,
RSD discovery in xmlrpc_discovery.py. Credentials travel as call parameters, as these APIs want
(an application password works on WordPress 5.6+).
"""

from __future__ import annotations

import xmlrpc.client
from typing import TYPE_CHECKING, Any, ClassVar

from slugify import slugify

from blogdesk.core.convert.wp_blocks import to_blocks
from blogdesk.sync import provider as p
from blogdesk.sync.provider import (
    AccountField,
    AccountInfo,
    ChangedOnServerError,
    ConflictError,
    DiscoveryResult,
    PostPayload,
    RemoteMedia,
    RemotePage,
    RemotePost,
    Term,
    TermKind,
    UnsupportedError,
)
from blogdesk.sync.providers.xmlrpc import discovery as disc
from blogdesk.sync.providers.xmlrpc import wire
from blogdesk.sync.providers.xmlrpc.transport import XmlRpcClient

if TYPE_CHECKING:
    import requests

    from blogdesk.sync.accounts.store import Account

_TAXONOMY = {"tag": "post_tag", "category": "category"}
_POST_FIELDS = ["post", "terms", "custom_fields"]  # wp.getPost field groups (post = all basics)
_ALL_STATUSES = ["publish", "future", "draft", "pending", "private", "trash"]
_SLUG_SCAN_PAGES = 5  # find_post_by_slug looks at the newest 500 posts
_TRASHED = "__trashed"


class XmlRpcProvider:
    id: ClassVar[str] = "xmlrpc"
    display_name: ClassVar[str] = "XML-RPC (WordPress, MetaWeblog, Movable Type, Blogger)"
    account_fields: ClassVar[tuple[AccountField, ...]] = (
        AccountField("site_url", "Blog address", kind="url", placeholder="https://example.com"),
        AccountField("user", "User name"),
        AccountField(
            "password",
            "Password",
            kind="password",
            secret=True,
            help="Your login password, or on WordPress 5.6+ an application password.",
        ),
        AccountField(
            "api",
            "API",
            kind="choice",
            required=False,
            default="auto",
            choices=("auto", *disc.FLAVOURS),
            help="Which XML-RPC API to use; 'auto' picks the best the blog offers.",
        ),
        AccountField(
            "xmlrpc_url",
            "XML-RPC address",
            kind="url",
            required=False,
            help="Only when discovery cannot find it (e.g. .../xmlrpc.php).",
        ),
    )
    # What the richest flavour (WordPress wp.*) offers; the others raise UnsupportedError.
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
        self.account = account
        self._session = session
        self._secret = secret
        self._client: XmlRpcClient | None = None
        self._flavour: str | None = None
        self._methods: set[str] = set()
        self._blog_id = str(account.options.get("blog_id") or "1")
        self._seen_modified: dict[str, xmlrpc.client.DateTime] = {}
        self._sent_status: dict[str, str] = {}  # Blogger 1.0 cannot tell a post's status

    def __repr__(self) -> str:
        return f"XmlRpcProvider({self.account.site_url!r}, user={self.account.user!r})"

    # ---------------------------------------------------------------------------- discovery
    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        site = url.strip().rstrip("/")
        endpoint = disc.find_endpoint(session, site)
        methods = disc.list_methods(session, endpoint.url)
        flavour = disc.choose_flavour(methods, "auto", endpoint.rsd_apis)
        notes = [*endpoint.notes, f"BlogDesk will use the {flavour} XML-RPC API."]
        return DiscoveryResult(
            site_url=(endpoint.home or site).rstrip("/"),
            api_url=endpoint.url,
            site_name=endpoint.engine,
            notes=tuple(notes),
            app_passwords_available=None,
            options={"xmlrpc_url": endpoint.url, "blog_id": endpoint.blog_id},
        )

    def _rpc(self) -> XmlRpcClient:
        if self._client is None:
            url = str(self.account.options.get("xmlrpc_url") or "")
            if not url:
                found = disc.find_endpoint(self._session, self.account.site_url.rstrip("/"))
                url, self._blog_id = found.url, found.blog_id
            self._client = XmlRpcClient(self._session, url, self.account.user)
        return self._client

    @property
    def flavour(self) -> str:
        """The API in use; asks the server once which methods it offers."""
        if self._flavour is None:
            self._methods = disc.list_methods(self._session, self._rpc().endpoint)
            wanted = str(self.account.options.get("api") or "auto")
            self._flavour = disc.choose_flavour(self._methods, wanted)
        return self._flavour

    def _call(self, method: str, *params: Any, doing: str) -> Any:
        return self._rpc().call(method, *params, doing=doing)

    def _auth(self) -> tuple[str, str, str]:
        return self._blog_id, self.account.user, self._secret

    # ------------------------------------------------------------------------------ account
    def verify(self) -> AccountInfo:
        user, secret = self.account.user, self._secret
        if self.flavour == "wordpress":
            blogs = self._call("wp.getUsersBlogs", user, secret, doing="checking your account")
        else:
            blogs = self._call(
                "blogger.getUsersBlogs", "", user, secret, doing="checking your account"
            )
        blog = next(
            (b for b in blogs or () if str(b.get("blogid")) == self._blog_id), (blogs or [{}])[0]
        )
        return AccountInfo(
            user_id=user,
            user_login=user,
            site_name=str(blog.get("blogName") or ""),
            roles=("administrator",) if blog.get("isAdmin") else (),
            can_upload=self.flavour != "blogger" or "metaWeblog.newMediaObject" in self._methods,
        )

    # -------------------------------------------------------------------------------- posts
    def body_html(self, html: str) -> str:
        """WordPress (the wp.* API) gets block markup, as over REST: its `wpautop` would turn
        wrapped lines into `<br />` otherwise. Other engines get the HTML as rendered."""
        return to_blocks(html) if self.flavour == "wordpress" else html

    def create_post(self, payload: PostPayload) -> RemotePost:
        doing = "creating the post"
        flavour = self.flavour
        if flavour == "wordpress":
            new_id = self._call("wp.newPost", *self._auth(), wire.wp_struct(payload), doing=doing)
        elif flavour == "blogger":
            new_id = self._call(
                "blogger.newPost",
                "",
                self._blog_id,
                self.account.user,
                self._secret,
                wire.blogger_content(payload),
                wire.publish_flag(payload),
                doing=doing,
            )
        else:
            mt = flavour == "movabletype"
            struct = wire.mw_struct(payload, with_categories=not mt)
            # Movable Type: save unpublished, set the categories, then publish (mt.publishPost).
            publish = wire.publish_flag(payload) and not mt
            new_id = self._call("metaWeblog.newPost", *self._auth(), struct, publish, doing=doing)
            if mt:
                self._mt_finish(str(new_id), payload)
        remote_id = str(new_id)
        self._sent_status[remote_id] = payload.status
        return self.get_post(remote_id)

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        doing = "updating the post"
        flavour = self.flavour
        user, secret = self.account.user, self._secret
        if flavour == "wordpress":
            struct = wire.wp_struct(payload)
            seen = self._seen_modified.get(remote_id)
            if seen is not None:  # the server refuses (fault 409) if someone saved since
                struct["if_not_modified_since"] = seen
            try:
                self._call(
                    "wp.editPost", self._blog_id, user, secret, int(remote_id), struct, doing=doing
                )
            except ChangedOnServerError as fault:
                remote = self.get_post(remote_id)
                raise ConflictError(
                    f"The post {payload.title!r} was changed on the blog "
                    f"({remote.modified_gmt or 'recently'} UTC) since BlogDesk last read it. "
                    "Choose: overwrite the blog's version, take the blog's version, or keep "
                    "both.",
                    local=payload,
                    remote=remote,
                ) from fault
        elif flavour == "blogger":
            self._call(
                "blogger.editPost",
                "",
                remote_id,
                user,
                secret,
                wire.blogger_content(payload),
                wire.publish_flag(payload),
                doing=doing,
            )
        else:
            mt = flavour == "movabletype"
            struct = wire.mw_struct(payload, with_categories=not mt)
            publish = wire.publish_flag(payload) and not mt
            self._call("metaWeblog.editPost", remote_id, user, secret, struct, publish, doing=doing)
            if mt:
                self._mt_finish(remote_id, payload)
        self._sent_status[remote_id] = payload.status
        return self.get_post(remote_id)

    def _mt_finish(self, remote_id: str, payload: PostPayload) -> None:
        user, secret = self.account.user, self._secret
        if payload.categories:
            ids = [
                {"categoryId": t.remote_id, "isPrimary": i == 0}
                for i, t in enumerate(self.ensure_terms("category", payload.categories))
            ]
            self._call(
                "mt.setPostCategories",
                remote_id,
                user,
                secret,
                ids,
                doing="setting the post's categories",
            )
        if wire.publish_flag(payload):
            self._call("mt.publishPost", remote_id, user, secret, doing="publishing the post")

    def get_post(self, remote_id: str) -> RemotePost:
        doing = "reading the post"
        flavour = self.flavour
        user, secret = self.account.user, self._secret
        if flavour == "wordpress":
            data = self._call(
                "wp.getPost", self._blog_id, user, secret, int(remote_id), _POST_FIELDS, doing=doing
            )
            if isinstance(data.get("post_modified_gmt"), xmlrpc.client.DateTime):
                self._seen_modified[remote_id] = data["post_modified_gmt"]
            return wire.wp_remote(data)
        if flavour == "blogger":
            data = self._call("blogger.getPost", "", remote_id, user, secret, doing=doing)
            return wire.blogger_remote(data, self._sent_status.get(remote_id, "publish"))
        data = self._call("metaWeblog.getPost", remote_id, user, secret, doing=doing)
        return wire.mw_remote(data)

    def delete_post(self, remote_id: str) -> None:
        doing = "moving the post to the trash"
        if self.flavour == "wordpress":
            self._call("wp.deletePost", *self._auth(), int(remote_id), doing=doing)
        else:  # blogger.deletePost = metaWeblog.deletePost on every engine that has both
            self._call(
                "blogger.deletePost",
                "",
                remote_id,
                self.account.user,
                self._secret,
                True,
                doing=doing,
            )
        self._sent_status[remote_id] = "trash"

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        if self.flavour == "wordpress":
            for page in range(1, _SLUG_SCAN_PAGES + 1):
                posts = self._wp_posts(page, 100, fields=["post_name"])
                for item in posts:
                    name = str(item.get("post_name") or "")
                    if name in (slug, slug + _TRASHED):
                        return self.get_post(str(item["post_id"]))
                if len(posts) < 100:
                    break
            return None
        for post in self._recent(100):
            if post.slug == slug or slugify(post.title) == slug:
                return self.get_post(post.remote_id)
        return None

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        per_page = max(1, min(100, per_page))
        if self.flavour == "wordpress":
            items = self._wp_posts(page, per_page, fields=_POST_FIELDS)
            posts = tuple(wire.wp_remote(i) for i in items)
        else:  # these APIs have no offset: ask for enough and cut
            posts = tuple(self._recent(page * per_page)[(page - 1) * per_page :])
        more = len(posts) == per_page
        known = (page - 1) * per_page + len(posts)
        return RemotePage(
            posts=posts,
            page=page,
            total_pages=page + 1 if more else page,
            total=known + (1 if more else 0),
        )

    def _wp_posts(self, page: int, number: int, *, fields: list[str]) -> list[dict[str, Any]]:
        query = {
            "post_type": "post",
            "post_status": _ALL_STATUSES,
            "number": number,
            "offset": (page - 1) * number,
            "orderby": "ID",
            "order": "DESC",
        }
        found = self._call(
            "wp.getPosts",
            *self._auth(),
            query,
            ["post_id", *fields],
            doing="listing the blog's posts",
        )
        return list(found or [])

    def _recent(self, number: int) -> list[RemotePost]:
        user, secret = self.account.user, self._secret
        if self.flavour == "blogger":
            items = self._call(
                "blogger.getRecentPosts",
                "",
                self._blog_id,
                user,
                secret,
                number,
                doing="listing the blog's posts",
            )
            return [
                wire.blogger_remote(i, self._sent_status.get(str(i.get("postid")), "publish"))
                for i in items or ()
            ]
        items = self._call(
            "metaWeblog.getRecentPosts", *self._auth(), number, doing="listing the blog's posts"
        )
        return [wire.mw_remote(i) for i in items or ()]

    # -------------------------------------------------------------------------------- media
    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        flavour = self.flavour
        if flavour == "blogger" and "metaWeblog.newMediaObject" not in self._methods:
            raise UnsupportedError(
                "The Blogger 1.0 API cannot upload images. Host the images elsewhere and link "
                "them by URL, or choose the MetaWeblog or WordPress API for this account."
            )
        method = "wp.uploadFile" if flavour == "wordpress" else "metaWeblog.newMediaObject"
        struct = {"name": filename, "type": mime, "bits": xmlrpc.client.Binary(data)}
        answer = self._call(method, *self._auth(), struct, doing=f"uploading {filename!r}")
        media_id = answer.get("attachment_id") or answer.get("id") or ""
        return RemoteMedia(
            remote_id=str(media_id),
            url=str(answer.get("url") or ""),
            mime=str(answer.get("type") or mime),
        )

    # -------------------------------------------------------------------------------- terms
    def list_terms(self, kind: TermKind) -> list[Term]:
        user, secret = self.account.user, self._secret
        doing = f"listing the blog's {kind} names"
        if self.flavour == "wordpress":
            items = self._call(
                "wp.getTerms",
                self._blog_id,
                user,
                secret,
                _TAXONOMY[kind],
                {"hide_empty": False},
                doing=doing,
            )
            return [wire.wp_term(item, kind) for item in items or ()]
        if kind == "category" and self.flavour in ("movabletype", "metaweblog"):
            items = self._call("mt.getCategoryList", *self._auth(), doing=doing)
            return [wire.mt_category(item) for item in items or ()]
        raise UnsupportedError(f"The {self.flavour} API cannot list {kind} names.")

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        if not wanted:
            return []
        if kind == "tag" and self.flavour != "wordpress":
            return [Term(remote_id=n, name=n, kind="tag") for n in wanted]  # keywords by name
        known = {t.name.casefold(): t for t in self.list_terms(kind)}
        result = []
        for name in wanted:
            term = known.get(name.casefold())
            if term is None:
                term = self._new_term(kind, name)
                known[name.casefold()] = term
            result.append(term)
        return result

    def _new_term(self, kind: TermKind, name: str) -> Term:
        if "wp.newTerm" not in self._methods and self.flavour != "wordpress":
            raise UnsupportedError(
                f"The blog has no {kind} called {name!r} and its API cannot create one; "
                "create it on the blog first."
            )
        new_id = self._call(
            "wp.newTerm",
            *self._auth(),
            {"name": name, "taxonomy": _TAXONOMY[kind]},
            doing=f"creating the {kind} {name!r}",
        )
        return Term(remote_id=str(new_id), name=name, kind=kind)
