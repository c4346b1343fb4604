"""Micropub on the wire: one authorised request, and the spec's errors turned into BlogDesk's.

Errors (Micropub §3.8) are JSON `{"error": ..., "error_description": ...}` with 400
invalid_request, 401 unauthorized, 403 forbidden / insufficient_scope; servers also answer plain
text. The token goes only in the Authorization header (some servers accept nothing else), never
in a message or a log.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

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

TOKEN_HELP = "Sign in again, or paste a new token (Micro.blog: Account → App tokens)."


def host_of(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or url
    return f"{host}:{parts.port}" if parts.port else host


def micropub_error(response: requests.Response) -> tuple[str, str]:
    """(error code, description) of an error answer; the start of a plain-text body otherwise."""
    try:
        body = response.json()
    except ValueError:
        text = " ".join(response.text.split())[:200]
        return (text if text.replace("_", "").isalpha() else ""), ""
    if not isinstance(body, dict):
        return "", ""
    return str(body.get("error") or ""), str(body.get("error_description") or "")


class MicropubClient:
    def __init__(self, session: requests.Session, token: str) -> None:
        self.session = session
        self._token = token

    def call(
        self, method: str, url: str, doing: str, *, ok: tuple[int, ...] = (), **kwargs: Any
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        headers.update(kwargs.pop("headers", None) or {})
        log.debug("%s %s", method, safe_url(url))
        try:
            response = self.session.request(method, url, headers=headers, **kwargs)
        except requests.RequestException as exc:
            raise translate_transport_error(exc, url) from None
        if response.ok or response.status_code in ok:
            return response
        raise error_from_response(response, doing, url)

    def json(self, method: str, url: str, doing: str, **kwargs: Any) -> dict[str, Any]:
        response = self.call(method, url, doing, **kwargs)
        try:
            data = response.json()
        except ValueError:
            raise ServerError(
                f"{host_of(url)} answered {doing} with something that is not JSON.",
                response.status_code,
            ) from None
        if not isinstance(data, dict):
            raise ServerError(
                f"The answer to {doing} has an unexpected shape.", response.status_code
            )
        return data


def error_from_response(response: requests.Response, doing: str, url: str) -> SyncError:
    status = response.status_code
    code, description = micropub_error(response)
    host = host_of(url)
    said = f" The site said: {description or code}." if description or code else ""
    if code == "insufficient_scope":
        return PermissionDeniedError(
            f"The token for {host} may not do this ({doing}): it lacks the needed scope. "
            f"Sign in again and allow creating, updating, deleting and media.{said}"
        )
    if status == 401 or code == "unauthorized":
        return AuthenticationError(
            f"{host} refused the token while {doing}: it is wrong, expired or revoked. {TOKEN_HELP}"
        )
    if status == 403 or code == "forbidden":
        return PermissionDeniedError(f"{host} does not allow this ({doing}).{said}")
    if status in (404, 410):
        return NotFoundError(f"Not found on {host} while {doing}.{said}")
    if status == 413:
        return ForbiddenFileTypeError(f"{host} refused the file as too large.{said}")
    if status == 415:
        return ForbiddenFileTypeError(f"{host} does not accept this kind of file.{said}")
    if status == 429:
        return RateLimitedError(
            f"{host} asks BlogDesk to slow down ({doing}); try again in a moment.",
            retry_after=retry_after(response),
        )
    if status >= 500:
        return ServerError(
            f"{host} had an internal error while {doing} (HTTP {status}).{said} Try again later.",
            status,
        )
    if status == 400 or code == "invalid_request":
        return RequestRejectedError(f"{host} refused what BlogDesk sent while {doing}.{said}")
    return ServerError(f"{host} answered {doing} with HTTP {status}.{said}", status)
