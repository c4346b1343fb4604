"""What every blog platform must offer BlogDesk: the BlogProvider protocol, its data and its errors.

A provider knows one platform's protocol and nothing else. It is built with an account, a
`requests.Session` (from `sync.http.make_session`) and the account's secret, does no I/O in its
constructor, and turns every transport or server failure into one of the errors below. Everything
else (rendering, media, conflicts, the outbox) is done once for all platforms by `SyncService`.

Remote ids are strings everywhere, whatever the platform uses, so the front matter and the media
ledger never depend on one platform's id type. Terms (tags, categories) travel as *names*: the
provider maps names to its own ids (WordPress term ids) and back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, runtime_checkable

from blogdesk.core.errors import BlogDeskError

if TYPE_CHECKING:
    import requests

    from blogdesk.sync.accounts.store import Account

# WordPress's vocabulary, which BlogDesk uses for every platform; a provider maps it to its own.
RemoteStatus = Literal["draft", "publish", "future", "pending", "private"]
REMOTE_STATUSES: tuple[str, ...] = ("draft", "publish", "future", "pending", "private")
TermKind = Literal["tag", "category"]

# Capability flags a provider may list in `capabilities`; the UI hides what is not offered.
CAP_MEDIA = "media"  # upload_media works
CAP_TERMS = "terms"  # tags and categories (list_terms / ensure_terms)
CAP_CATEGORIES = "categories"  # categories as well as tags
CAP_SCHEDULE = "schedule"  # status "future" with a date
CAP_PENDING = "pending"  # status "pending" (waiting for review)
CAP_PRIVATE = "private"
CAP_STICKY = "sticky"
CAP_FORMAT = "format"  # post formats (aside, gallery, ...)
CAP_EXCERPT = "excerpt"
CAP_FEATURED_IMAGE = "featured_image"
CAP_SLUG = "slug"  # the slug can be chosen, and find_post_by_slug works
CAP_TRASH = "trash"  # delete_post moves to a trash the author can restore from


@dataclass(frozen=True)
class AccountField:
    """One field of the "add a blog" form, as data: the UI builds the form from a tuple of these.

    `key` names the Account attribute (`site_url`, `user`) or, for anything else, the key in
    `Account.options`. The field with `secret=True` is never stored in the account: it goes to the
    credential store.
    """

    key: str
    label: str
    kind: Literal["text", "url", "password", "choice", "bool"] = "text"
    required: bool = True
    secret: bool = False
    help: str = ""
    placeholder: str = ""
    choices: tuple[str, ...] = ()
    default: str = ""


@dataclass(frozen=True)
class DiscoveryResult:
    """What a provider found at the address the author typed, shown before asking for a secret."""

    site_url: str  # canonical home address
    api_url: str  # where the API lives (WordPress: the REST root, e.g. .../wp-json/)
    site_name: str = ""
    description: str = ""
    # Whether the author can use an application password / API key on this site, and where to
    # create one (WordPress: authorize-application.php); None when unknown.
    app_passwords_available: bool | None = None
    authorize_url: str | None = None
    timezone: str | None = None  # the blog's time zone: IANA name ("Europe/Berlin") or "+02:00"
    # Things the author should know ("REST API found through ?rest_route=", "site is not HTTPS").
    notes: tuple[str, ...] = ()
    # Values to keep in Account.options (e.g. {"api_url": ...}) so later calls skip discovery.
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AccountInfo:
    """What `verify()` learnt: who we are on the blog and what we may do there."""

    user_id: str
    user_login: str
    display_name: str = ""
    site_name: str = ""
    roles: tuple[str, ...] = ()
    can_publish: bool = True
    can_upload: bool = True
    timezone: str | None = None  # as in DiscoveryResult


@dataclass(frozen=True)
class Term:
    remote_id: str
    name: str
    kind: TermKind
    slug: str = ""
    parent_id: str | None = None
    count: int = 0


@dataclass(frozen=True)
class PostPayload:
    """Everything BlogDesk sends for one post. None means "leave as the server has it / default".

    `html` is the rendered body with local image links already rewritten to remote URLs. `date`
    must be time-zone aware; the provider sends it as UTC. `tags`/`categories` are names; the
    provider finds or creates the terms.
    """

    title: str
    html: str
    status: RemoteStatus = "draft"
    slug: str | None = None
    date: datetime | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    excerpt: str | None = None
    featured_media_id: str | None = None
    sticky: bool | None = None
    format: str | None = None
    # The Markdown body with local image paths rewritten to their uploaded URLs, for the
    # platforms that take Markdown instead of HTML (static sites, Forem). None: not prepared.
    markdown: str | None = None

    def __post_init__(self) -> None:
        if self.status not in REMOTE_STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.date is not None and self.date.utcoffset() is None:
            raise ValueError("PostPayload.date must carry a time zone")


@dataclass(frozen=True)
class RemotePost:
    """A post as the server stores it (WordPress: the `context=edit` view, raw content)."""

    remote_id: str
    link: str
    title: str
    html: str  # the raw stored content, not the rendered one
    status: str  # one of REMOTE_STATUSES, or "trash" / a platform status
    date_gmt: datetime | None  # aware, UTC; None for a draft without a fixed date
    modified_gmt: str  # exactly as the server sent it: compared verbatim, never re-serialised
    slug: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    excerpt: str = ""
    featured_media_id: str | None = None
    sticky: bool = False
    format: str = "standard"


@dataclass(frozen=True)
class RemotePage:
    """One page of `list_posts`."""

    posts: tuple[RemotePost, ...]
    page: int
    total_pages: int
    total: int

    @property
    def has_more(self) -> bool:
        return self.page < self.total_pages


@dataclass(frozen=True)
class RemoteMedia:
    remote_id: str
    url: str
    mime: str = ""


@runtime_checkable
class BlogProvider(Protocol):
    """One blog platform. Construct with `(account, session, secret)`; no I/O in the constructor.

    Every method may raise the SyncError family below and nothing else (no requests exceptions).
    """

    id: ClassVar[str]  # "wordpress": stored in Account.provider
    display_name: ClassVar[str]  # "WordPress (REST API)"
    account_fields: ClassVar[tuple[AccountField, ...]]
    capabilities: ClassVar[frozenset[str]]

    def __init__(self, account: Account, session: requests.Session, secret: str) -> None: ...

    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        """Find the blog's API from the address the author typed. No credentials needed."""
        ...

    def verify(self) -> AccountInfo: ...

    def create_post(self, payload: PostPayload) -> RemotePost: ...

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost: ...

    def get_post(self, remote_id: str) -> RemotePost:
        """The post as stored (raw content). NotFoundError when it is gone for good."""
        ...

    def delete_post(self, remote_id: str) -> None:
        """Move the post to the blog's trash (not a permanent delete)."""
        ...

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        """The post with this slug in any status (drafts, scheduled, private, trash), or None."""
        ...

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        """All statuses the user may see, newest first."""
        ...

    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia: ...

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        """The terms with these names, created when missing, in the order given."""
        ...

    def list_terms(self, kind: TermKind) -> list[Term]: ...


def body_for(provider: object, html: str) -> str:
    """render()'s HTML as `provider` sends it: what `PostPayload.html` carries.

    A provider may define `body_html(self, html) -> str` to make the page its platform serves
    equal the preview (WordPress: block markup, so its display filters leave the text alone;
    Ghost: an HTML card it keeps verbatim). It is optional, outside the protocol, so providers
    written before it (and plugins) need no change. `blogdesk render FILE --account NAME`
    prints this.
    """
    transform = getattr(provider, "body_html", None)
    return str(transform(html)) if callable(transform) else html


# --------------------------------------------------------------------------------------- errors


class SyncError(BlogDeskError):
    """Something went wrong talking to a blog. The message says what and what to do."""


class AuthenticationError(SyncError):
    """The user name or application password was refused (wrong, revoked, or expired)."""


class SiteUnreachableError(SyncError):
    """The site could not be reached at all (offline, DNS, refused): nothing was sent.

    The outbox catches this one and keeps the job for later.
    """


OfflineError = SiteUnreachableError


class ResponseLostError(SyncError):
    """The request went out but its answer never came: the server may or may not have acted.

    Never blindly re-send a create after this: look the post up by its slug first.
    """


class RequestTimeoutError(ResponseLostError):
    """The server did not answer in time (after the request was sent)."""


TimeoutError_ = RequestTimeoutError


class ServerError(SyncError):
    """The server failed (HTTP 5xx, or an answer that is not the API's)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class RateLimitedError(SyncError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotFoundError(SyncError):
    """The post (or media, term) no longer exists on the blog."""


class ApiUnavailableError(SyncError):
    """Not a blog BlogDesk can talk to: not WordPress, REST API disabled, no app passwords, ..."""


class ForbiddenFileTypeError(SyncError):
    """The blog refused a file of this type (WordPress: "not allowed to upload this file type")."""

    def __init__(self, message: str, filename: str = "") -> None:
        super().__init__(message)
        self.filename = filename


class PermissionDeniedError(SyncError):
    """Logged in, but the user's role may not do this (publish, upload, create categories...)."""


class RequestRejectedError(SyncError):
    """The server refused what we sent as invalid (HTTP 400 and similar)."""


class ChangedOnServerError(SyncError):
    """The server refused a write because the post changed since BlogDesk read it (HTTP 409/412,
    XML-RPC fault 409). Never leaves a provider: it adds both versions and raises ConflictError."""


class UnsupportedError(SyncError):
    """The platform does not offer this (see the provider's capabilities)."""


@dataclass(frozen=True)
class FieldDiff:
    """One field that differs between the local post and the server's copy."""

    field: str
    local: str
    remote: str


class ConflictError(SyncError):
    """The post was changed on the server since BlogDesk last synced it: no silent overwrite.

    Carries both versions so the author can choose: overwrite the server, take the server's
    version, or keep both (see `SyncService.resolve_conflict`).
    """

    RESOLUTIONS: ClassVar[tuple[str, ...]] = ("overwrite", "take_remote", "keep_both")

    def __init__(
        self,
        message: str,
        *,
        local: PostPayload,
        remote: RemotePost,
        text_diff: str = "",
        field_diffs: tuple[FieldDiff, ...] = (),
        account_id: str = "",
        post_path: str = "",
    ) -> None:
        super().__init__(message)
        self.local = local
        self.remote = remote
        self.text_diff = text_diff
        self.field_diffs = field_diffs
        self.account_id = account_id
        self.post_path = post_path
