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

from blogdesk.sync.http import retry_after, safe_url, translate_transport_error
from blogdesk.sync.provider import (
    AuthenticationError,
    ForbiddenFileTypeError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    SyncError,
)

log = logging.getLogger(__name__)

ACCEPT_VERSION = "v5.0"
TOKEN_LIFETIME = 300  # seconds; Ghost's own maximum
ADMIN_PATH = "/ghost/api/admin/"
KEY_HELP = (
    "Create one in Ghost under Settings → Integrations → Add custom integration, and copy its "
    "Admin API key (it looks like 6489...:a1b2..., an id, a colon and a long hex secret)."
)
_KEY_RE = re.compile(r"^([0-9a-fA-F]{24}):([0-9a-fA-F]{32,})$")


class UpdateCollision(SyncError):
    """Ghost answered 409: the post changed since the `updated_at` we sent (caught by ghost.py)."""


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


def host_of(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or url
    return f"{host}:{parts.port}" if parts.port else host


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
                f"{host_of(self.api_root)} answered {doing} with something that is not Ghost's "
                "Admin API (not JSON). Check the blog's address.",
                response.status_code,
            ) from None
        if not isinstance(data, dict):
            raise ServerError(
                f"Ghost's answer to {doing} has an unexpected shape.", response.status_code
            )
        return data


def error_from_response(response: requests.Response, doing: str, api_root: str) -> SyncError:
    status = response.status_code
    kind, code, message = ghost_error(response)
    host = host_of(api_root)
    said = f" Ghost said: {message}" if message else ""
    if status == 409 or kind == "UpdateCollisionError":
        return UpdateCollision(f"The post was changed on {host} while {doing}.{said}")
    if code == "INVALID_JWT" or kind == "UnauthorizedError" or status == 401:
        return AuthenticationError(
            f"{host} refused the Admin API key while {doing}: it is wrong, or its integration "
            f"was deleted or its key regenerated. {KEY_HELP}"
        )
    if status == 403 or kind == "NoPermissionError":
        return PermissionDeniedError(
            f"The integration's key may not do this on {host} ({doing}).{said}"
        )
    if status == 404 or kind == "NotFoundError":
        return NotFoundError(f"Not found on {host} while {doing}: it may have been deleted.{said}")
    if status == 415 or (status in (400, 422) and kind == "UnsupportedMediaTypeError"):
        return ForbiddenFileTypeError(f"Ghost does not accept this kind of file.{said}")
    if status == 429:
        return RateLimitedError(
            f"{host} asks BlogDesk to slow down ({doing}); try again in a moment.",
            retry_after=retry_after(response),
        )
    if status >= 500:
        return ServerError(
            f"{host} had an internal error while {doing} (HTTP {status}).{said} "
            "Try again later; if it persists, check the site's logs.",
            status,
        )
    if kind == "ValidationError" or status in (400, 422):
        return RequestRejectedError(f"Ghost refused what BlogDesk sent while {doing}.{said}")
    return ServerError(f"{host} answered {doing} with HTTP {status}.{said}", status)
