"""Micropub on the wire: one authorised request, and the spec's errors turned into BlogDesk's.

Errors (Micropub §3.8) are JSON `{"error": ..., "error_description": ...}` with 400
invalid_request, 401 unauthorized, 403 forbidden / insufficient_scope; servers also answer plain
text. The token goes only in the Authorization header (some servers accept nothing else), never
in a message or a log.
"""

from __future__ import annotations

import logging
from typing import Any

import requests

from blogdesk.sync.http import host_of, safe_url, translate_transport_error
from blogdesk.sync.provider import (
    ForbiddenFileTypeError,
    PermissionDeniedError,
    ServerError,
    SyncError,
)
from blogdesk.sync.providers.http_errors import ErrorKind, ErrorWording, error_for_status

log = logging.getLogger(__name__)

TOKEN_HELP = "Sign in again, or paste a new token (Micro.blog: Account → App tokens)."


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
                f"{host_of(url)} answered with something that is not JSON while {doing}: it "
                "may not be a Micropub endpoint. Check the blog's address.",
                response.status_code,
            ) from None
        if not isinstance(data, dict):
            raise ServerError(
                f"{host_of(url)} answered with JSON BlogDesk cannot read while {doing} (not an "
                "object, as Micropub answers).",
                response.status_code,
            )
        return data


# Micropub's words for each kind of error answer. The spec names 400, 401 and 403; any other
# 4xx it does not name below is reported with the bare status.
_WORDS = ErrorWording(
    auth="{host} refused the token while {doing}: it is wrong, expired or revoked. " + TOKEN_HELP,
    forbidden="{host} does not allow this ({doing}).{said}",
    not_found="Not found on {host} while {doing}.{said}",
    file_type="{host} does not accept this kind of file.{said}",
    rate_limited="{host} asks BlogDesk to slow down ({doing}); try again in a moment.",
    server="{host} had an internal error while {doing} (HTTP {status}).{said} Try again later.",
    rejected="{host} refused what BlogDesk sent while {doing}.{said}",
    other="{host} answered {doing} with HTTP {status}.{said}",
    client_errors="other",
    statuses={400: "rejected"},
)
# The spec's error codes (§3.8) name the kind whatever the status.
_KIND_OF_CODE: dict[str, ErrorKind] = {
    "unauthorized": "auth",
    "forbidden": "forbidden",
    "invalid_request": "rejected",
}


def error_from_response(response: requests.Response, doing: str, url: str) -> SyncError:
    status = response.status_code
    code, description = micropub_error(response)
    host = host_of(url)
    words = (description or code).strip().rstrip(".")
    said = f" The site said: {words}." if words else ""
    if code == "insufficient_scope":
        return PermissionDeniedError(
            f"The token for {host} may not do this ({doing}): it lacks the needed scope. "
            f"Sign in again and allow creating, updating, deleting and media.{said}"
        )
    hints = {_KIND_OF_CODE[code]} if code in _KIND_OF_CODE else set()
    if status == 413 and not hints & {"auth", "forbidden"}:
        # Only uploads are large enough to be refused, so it is said with the refused files; a
        # refused token or permission named in the body still comes first, as on any status.
        return ForbiddenFileTypeError(f"{host} refused the file as too large.{said}")
    return error_for_status(response, _WORDS, hints=hints, host=host, doing=doing, said=said)
