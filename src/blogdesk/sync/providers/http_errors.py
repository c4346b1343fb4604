"""An HTTP error answer turned into BlogDesk's error: one status ladder, each platform's own words.

WordPress (REST), Ghost, Micropub, Blogger and Forem all file an error status into the same
`SyncError` family. What differs between them is data, given once per platform as `ErrorWording`:

- the words: what to tell the author, in the platform's terms (where to make a new key, ...);
- a few statuses a platform files differently from the standard ladder below (Forem reports a 400
  as a failure of the site, Ghost only treats 400 and 422 as "refused what BlogDesk sent").

The error classes, the order in which a status and the body's own error code are weighed, the
Retry-After header and the status kept on a ServerError are here, once. Error codes inside the
body that mean something no status says (WordPress's "REST API turned off", Blogger's quota
reasons) stay with the provider, which checks them first and otherwise names the kind they point
at in `hints` or `kind`.

Templates are `str.format` text. Every template may use {host}, {doing} (completes "while ..."),
{status}, {said} (what the server said, with its leading space, or "") and {when} (" Try again in
N seconds." when the server said so, else ""); a provider may pass more values (WordPress: {user}).
The values are the provider's own text, never a secret: no template may name a key or password.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

import requests

from blogdesk.sync.http import retry_after
from blogdesk.sync.provider import (
    AuthenticationError,
    ChangedOnServerError,
    ForbiddenFileTypeError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    SyncError,
)

__all__ = ["STANDARD_KINDS", "ErrorKind", "ErrorWording", "error_for_status", "kind_of_status"]

# The kinds of error answer, in the order in which they win when the status and the body's own
# code point at different ones (Ghost may answer 401 with a body naming a validation error: the
# refused key is what the author must fix first).
ErrorKind = Literal[
    "conflict",
    "auth",
    "forbidden",
    "not_found",
    "too_large",
    "file_type",
    "rate_limited",
    "server",
    "rejected",
    "other",
]
_PRECEDENCE: tuple[ErrorKind, ...] = get_args(ErrorKind)

# The ladder every platform starts from (RFC 9110 meanings). Other 4xx: `client_errors` of the
# wording; 5xx: "server"; anything else (a 3xx the session did not follow): "other".
STANDARD_KINDS: Mapping[int, ErrorKind] = {
    401: "auth",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    410: "not_found",
    412: "conflict",
    413: "too_large",
    415: "file_type",
    429: "rate_limited",
}


@dataclass(frozen=True)
class ErrorWording:
    """One platform's messages, by kind. A kind left None is one this platform does not report:
    its statuses fall back to `client_errors` (4xx) or `other`."""

    other: str  # a status the platform files nowhere else; always needed
    auth: str | None = None
    forbidden: str | None = None
    not_found: str | None = None
    conflict: str | None = None
    too_large: str | None = None
    file_type: str | None = None
    rate_limited: str | None = None
    server: str | None = None
    rejected: str | None = None
    client_errors: ErrorKind = "rejected"  # what an unlisted 4xx is on this platform
    statuses: Mapping[int, ErrorKind] = field(default_factory=dict)  # the platform's exceptions

    def template(self, kind: ErrorKind) -> str | None:
        text: str | None = getattr(self, kind)
        return text


def kind_of_status(status: int, wording: ErrorWording) -> ErrorKind:
    """What an HTTP status means on this platform (before the body is consulted)."""
    kind = wording.statuses.get(status) or STANDARD_KINDS.get(status)
    if kind is None:
        if status >= 500:
            kind = "server"
        elif 400 <= status < 500:
            kind = wording.client_errors
        else:
            kind = "other"
    return _reported(kind, status, wording)


def _reported(kind: ErrorKind, status: int, wording: ErrorWording) -> ErrorKind:
    """`kind`, or where it falls when the platform has no words for it."""
    if wording.template(kind) is not None:
        return kind
    if 400 <= status < 500 and wording.template(wording.client_errors) is not None:
        return wording.client_errors
    return "other"


def error_for_status(
    response: requests.Response,
    wording: ErrorWording,
    *,
    hints: Collection[ErrorKind] = (),
    kind: ErrorKind | None = None,
    host: str,
    doing: str,
    said: str = "",
    **values: object,
) -> SyncError:
    """The SyncError for an error answer.

    `hints`: kinds the body's own error code names (Ghost's "NotFoundError"); they are weighed
    with the status by `_PRECEDENCE`. `kind`: the provider knows for sure (Blogger's quota
    reasons on a 403); it overrides the status.
    """
    status = response.status_code
    if kind is not None:
        chosen = _reported(kind, status, wording)
    else:
        candidates = {kind_of_status(status, wording)}
        candidates |= {k for k in hints if wording.template(k) is not None}
        chosen = next(k for k in _PRECEDENCE if k in candidates)
    wait = retry_after(response) if chosen == "rate_limited" else None
    when = f" Try again in {wait:.0f} seconds." if wait is not None else ""
    template = wording.template(chosen) or wording.other
    message = template.format(host=host, doing=doing, status=status, said=said, when=when, **values)
    return _error(chosen, message, status, wait)


def _error(kind: ErrorKind, message: str, status: int, wait: float | None) -> SyncError:
    if kind == "auth":
        return AuthenticationError(message)
    if kind == "forbidden":
        return PermissionDeniedError(message)
    if kind == "not_found":
        return NotFoundError(message)
    if kind == "conflict":
        return ChangedOnServerError(message)
    if kind == "file_type":
        return ForbiddenFileTypeError(message)
    if kind == "rate_limited":
        return RateLimitedError(message, retry_after=wait)
    if kind in ("rejected", "too_large"):
        return RequestRejectedError(message)
    return ServerError(message, status=status)  # "server" and "other": the site, not BlogDesk
