"""Ghost's Admin API on the wire: the key, a fresh token per request, one call, error translation.

The author's key comes from a custom integration (Settings → Integrations) as `id:secret`, the
secret in hex. Every request carries its own short-lived JWT (HS256, `kid` = the key id,
`aud: "/admin/"`, five minutes at most: Ghost refuses older tokens), so a token never outlives
the request and nothing but the key itself needs keeping. Messages and logs never carry the key
or a token.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any
from urllib.parse import urlsplit

import jwt
import requests

from blogdesk.sync.http import host_of, safe_url, translate_transport_error
from blogdesk.sync.provider import AuthenticationError, ServerError, SyncError
from blogdesk.sync.providers.http_errors import ErrorKind, ErrorWording, error_for_status

log = logging.getLogger(__name__)

ACCEPT_VERSION = "v5.0"
TOKEN_LIFETIME = 300  # seconds; Ghost's own maximum
ADMIN_PATH = "/ghost/api/admin/"
KEY_HELP = (
    "Create one in Ghost under Settings → Integrations → Add custom integration, and copy its "
    "Admin API key (it looks like 6489...:a1b2..., an id, a colon and a long hex secret)."
)
_KEY_RE = re.compile(r"^([0-9a-fA-F]{24}):([0-9a-fA-F]{32,})$")


def parse_admin_key(key: str) -> tuple[str, bytes]:
    """(key id, secret bytes) of an Admin API key, or AuthenticationError saying what is wrong."""
    match = _KEY_RE.match(key.strip())
    if match is None:
        if key.count(":") != 1:
            problem = "it has no colon between the id and the secret"
        else:
            problem = "the id or the secret is not what Ghost makes (hex digits)"
        content_key = ":" not in key and len(key.strip()) == 26
        if content_key:
            problem = "it looks like a Content API key, which can only read"
        raise AuthenticationError(f"This is not a Ghost Admin API key: {problem}. {KEY_HELP}")
    return match.group(1), bytes.fromhex(match.group(2))


def make_token(key_id: str, secret: bytes, now: float | None = None) -> str:
    issued = int(now if now is not None else time.time())
    return jwt.encode(
        {"iat": issued, "exp": issued + TOKEN_LIFETIME, "aud": "/admin/"},
        secret,
        algorithm="HS256",
        headers={"kid": key_id},
    )


def admin_root(url: str) -> str:
    """The Admin API root of a site or admin address (https://x.ghost.io → …/ghost/api/admin/)."""
    parts = urlsplit(url.strip())
    path = parts.path
    if ADMIN_PATH.rstrip("/") in path:
        path = path[: path.index(ADMIN_PATH.rstrip("/"))]
    return f"{parts.scheme}://{parts.netloc}{path.rstrip('/')}{ADMIN_PATH}"


def ghost_error(response: requests.Response) -> tuple[str, str, str]:
    """(type, code, message) of Ghost's `{"errors": [...]}` answer; empty strings when absent."""
    try:
        body = response.json()
    except ValueError:
        return "", "", ""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors or not isinstance(errors[0], dict):
        return "", "", ""
    first = errors[0]
    message = str(first.get("message") or "")
    context = str(first.get("context") or "")
    if context and context not in message:
        message = f"{message} {context}".strip()
    return str(first.get("type") or ""), str(first.get("code") or ""), message


class AdminClient:
    """Requests to one Ghost site's Admin API with one key."""

    def __init__(self, session: requests.Session, api_root: str, key: str) -> None:
        self.session = session
        self.api_root = api_root if api_root.endswith("/") else api_root + "/"
        self._key_id, self._secret = parse_admin_key(key)

    @property
    def key_id(self) -> str:
        return self._key_id

    def url(self, path: str) -> str:
        return self.api_root + path.lstrip("/")

    def call(
        self, method: str, path: str, doing: str, *, ok: tuple[int, ...] = (), **kwargs: Any
    ) -> requests.Response:
        """One request; an answer outside 2xx (and `ok`) becomes a SyncError."""
        url = self.url(path)
        headers = {
            "Authorization": f"Ghost {make_token(self._key_id, self._secret)}",
            "Accept-Version": ACCEPT_VERSION,
            "Accept": "application/json",
        }
        headers.update(kwargs.pop("headers", None) or {})
        log.debug("%s %s", method, safe_url(url))
        try:
            response = self.session.request(method, url, headers=headers, **kwargs)
        except requests.RequestException as exc:
            raise translate_transport_error(exc, url) from None
        if response.ok or response.status_code in ok:
            return response
        raise error_from_response(response, doing, self.api_root)

    def json(self, method: str, path: str, doing: str, **kwargs: Any) -> dict[str, Any]:
        response = self.call(method, path, doing, **kwargs)
        try:
            data = response.json()
        except ValueError:
            raise ServerError(
                f"{host_of(self.api_root)} answered with something that is not Ghost's Admin "
                f"API (not JSON) while {doing}. Check the blog's address.",
                response.status_code,
            ) from None
        if not isinstance(data, dict):
            raise ServerError(
                f"{host_of(self.api_root)} answered with JSON BlogDesk cannot read while {doing} "
                "(not an object, as Ghost's Admin API answers).",
                response.status_code,
            )
        return data


# Ghost's words for each kind of error answer. Ghost files only 400 and 422 as "refused what was
# sent"; any other status it does not name below is reported with the bare status.
_WORDS = ErrorWording(
    conflict="The post was changed on {host} while {doing}.{said}",
    auth=(
        "{host} refused the Admin API key while {doing}: it is wrong, or its integration "
        "was deleted or its key regenerated. " + KEY_HELP
    ),
    forbidden="The integration's key may not do this on {host} ({doing}).{said}",
    not_found="Not found on {host} while {doing}: it may have been deleted.{said}",
    file_type="Ghost does not accept this kind of file.{said}",
    rate_limited="{host} asks BlogDesk to slow down ({doing}); try again in a moment.",
    server=(
        "{host} had an internal error while {doing} (HTTP {status}).{said} "
        "Try again later; if it persists, check the site's logs."
    ),
    rejected="Ghost refused what BlogDesk sent while {doing}.{said}",
    other="{host} answered {doing} with HTTP {status}.{said}",
    client_errors="other",
    statuses={400: "rejected", 422: "rejected", 410: "other", 412: "other"},
)
# Ghost's error `type` (and `code`) in the body name the kind whatever the status.
_KIND_OF_TYPE: dict[str, ErrorKind] = {
    "UpdateCollisionError": "conflict",
    "UnauthorizedError": "auth",
    "NoPermissionError": "forbidden",
    "NotFoundError": "not_found",
    "ValidationError": "rejected",
}


def error_from_response(response: requests.Response, doing: str, api_root: str) -> SyncError:
    """The SyncError for an error answer; a 409 is a ChangedOnServerError for the provider."""
    status = response.status_code
    kind, code, message = ghost_error(response)
    hints: set[ErrorKind] = set()
    if kind in _KIND_OF_TYPE:
        hints.add(_KIND_OF_TYPE[kind])
    if code == "INVALID_JWT":
        hints.add("auth")
    if kind == "UnsupportedMediaTypeError" and status in (400, 422):
        hints.add("file_type")
    return error_for_status(
        response,
        _WORDS,
        hints=hints,
        host=host_of(api_root),
        doing=doing,
        said=f" Ghost said: {message}" if message else "",
    )
