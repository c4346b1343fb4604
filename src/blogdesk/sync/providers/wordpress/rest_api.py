"""The WordPress REST API on the wire: route URLs, one request call, and error translation.

Every `requests` exception and every error answer becomes one of the `SyncError` family here, with
a message that says what happened and what the author can do. Nothing in a message or a log record
ever carries the application password or the Authorization header: messages name the site and the
route, logs name the method and the address without its query string.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests

from blogdesk.sync.http import exception_chain, host_of, safe_url, translate_transport_error
from blogdesk.sync.provider import (
    ApiUnavailableError,
    AuthenticationError,
    RequestTimeoutError,
    ServerError,
    SyncError,
)
from blogdesk.sync.providers.http_errors import ErrorKind, ErrorWording, error_for_status

log = logging.getLogger(__name__)

# WordPress answers a refused upload with one of these codes (which one depends on the version and
# on whether the check happened while sniffing the file or while moving it into place).
FILE_TYPE_CODES = frozenset(
    {
        "rest_upload_invalid_type",
        "rest_upload_sniffed_image_type_mismatch",
        "rest_upload_file_type_not_allowed",
    }
)
# ...or with a generic upload failure whose message names the file type.
UPLOAD_FAILURE_CODES = frozenset({"rest_upload_unknown_error", "rest_upload_sideload_error"})
NOT_FOUND_CODES = frozenset(
    {
        "rest_post_invalid_id",
        "rest_term_invalid",
        "rest_user_invalid_id",
        "rest_invalid_post",
    }
)
AUTH_CODES = frozenset(
    {
        "incorrect_password",
        "invalid_username",
        "invalid_email",
        "rest_not_logged_in",
        "application_password_revoked",
    }
)
APP_PASSWORD_CODES = frozenset(
    {"application_passwords_disabled", "application_passwords_disabled_for_user"}
)
REST_OFF_CODES = frozenset(
    {"rest_disabled", "rest_no_route", "rest_login_required", "rest_cannot_access"}
)

_TAG_RE = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A WordPress message as plain text (they may hold <strong>, &amp; ...)."""
    return " ".join(html.unescape(_TAG_RE.sub("", text)).split())


def route_url(api_root: str, route: str, params: Mapping[str, Any] | None = None) -> str:
    """The address of `route` ("wp/v2/posts") under an API root, with query parameters.

    The root is either a path root (".../wp-json/") or, on sites without pretty permalinks, a
    query root (".../?rest_route=/"), where the route goes into rest_route and the other
    parameters are joined with "&".
    """
    parts = urlsplit(api_root)
    query = parse_qsl(parts.query, keep_blank_values=True)
    route = route.strip("/")
    extra = [(k, _param(v)) for k, v in (params or {}).items() if v is not None]
    if any(k == "rest_route" for k, _ in query):
        query = [(k, v) for k, v in query if k != "rest_route"]
        query.append(("rest_route", "/" + route))
        path = parts.path
    else:
        path = parts.path.rstrip("/") + "/" + route
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query + extra), ""))


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def wp_error(response: requests.Response) -> tuple[str, str, dict[str, Any]] | None:
    """(code, message, data) of a WordPress error answer, or None when it is not one."""
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        return None
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    return body["code"], plain(str(body.get("message") or "")), data or {}


def is_json(response: requests.Response) -> bool:
    return "json" in response.headers.get("Content-Type", "").lower()


def transport_error(exc: requests.RequestException, url: str) -> SyncError:
    # A send that times out (the upload stalled) surfaces as ConnectionError("Connection
    # aborted.", TimeoutError): it is a timeout, and the server may have the request.
    if (
        isinstance(exc, requests.ConnectionError)
        and not isinstance(exc, requests.exceptions.ConnectTimeout)
        and any(isinstance(e, TimeoutError) for e in exception_chain(exc))
    ):
        return RequestTimeoutError(
            f"{host_of(url)} stopped taking the data BlogDesk was sending and did not answer in "
            "time. The server may still have done it; BlogDesk checks before trying again."
        )
    return translate_transport_error(exc, url)


# What WordPress says for each kind of error answer that carries its own JSON error body.
_WORDS = ErrorWording(
    auth=(
        "WordPress at {host} rejected the user name or application password for {user!r} "
        "while {doing}. Check the user name, or create a new application password under "
        "Users → Profile → Application Passwords (it may have been revoked)."
    ),
    rate_limited=(
        "{host} is limiting how often BlogDesk may call it (HTTP 429) while {doing}. "
        "BlogDesk tries again later."
    ),
    file_type=(
        "{host} does not accept this type of file.{said} Convert it (PNG, JPEG, GIF or "
        "WebP for images) or ask the site's administrator to allow the type."
    ),
    forbidden=(
        "Your WordPress account {user!r} on {host} is not allowed to do this "
        "while {doing}.{said} Ask the site's administrator for a role that may."
    ),
    not_found="{host} no longer has it (HTTP {status}) while {doing}.{said}",
    too_large=(
        "{host} refused the upload as too large (HTTP 413) while {doing}. Make the file "
        "smaller or ask the host to raise the upload limit."
    ),
    rejected="WordPress at {host} refused what BlogDesk sent while {doing}.{said}{detail}",
    server=(
        "WordPress at {host} failed while {doing} (HTTP {status}).{said} "
        "Try again later; if it keeps failing, the site's error log says why."
    ),
    other=(
        "{host} answered HTTP {status} with something that is not the WordPress API while "
        "{doing}. A firewall or a security plugin may be blocking BlogDesk."
    ),
    # A refused file type comes with its own codes (FILE_TYPE_CODES); a bare 415 is a refused
    # request like any other 4xx. WordPress has no 409/412 of its own: refused as well.
    statuses={415: "rejected"},
)
# The same when the body is not WordPress's (a proxy, a firewall, a PHP fatal error page): only
# what the status alone can tell; the rest is "not the WordPress API".
_NOT_WP_WORDS = ErrorWording(
    auth=_WORDS.auth,
    rate_limited=_WORDS.rate_limited,
    too_large=_WORDS.too_large,
    server=(
        "The server at {host} failed while {doing} (HTTP {status}). Try again later; "
        "if it keeps failing, ask the site's host."
    ),
    other=_WORDS.other,
    client_errors="other",
)


def error_from_response(response: requests.Response, doing: str, user: str) -> SyncError:
    """The SyncError for an error answer. `doing` completes "while ..." ("publishing the post")."""
    status = response.status_code
    site = host_of(response.url)
    err = wp_error(response)
    code, message, data = err if err else ("", "", {})
    said = f' WordPress said: "{message}"' if message else ""
    kind: ErrorKind | None = None
    if status == 429:
        pass  # being rate limited outranks what the body says: the ladder files it
    elif code in APP_PASSWORD_CODES:
        return ApiUnavailableError(
            f"Application passwords are turned off on {site} (for this user or the whole site)."
            " Ask the site's administrator to allow them." + said
        )
    elif status == 401 or code in AUTH_CODES:
        kind = "auth"
    elif _status_forbidden(code, data):
        # A wrong application password is not always a 401: WordPress may run the request as
        # an anonymous visitor, who is refused drafts ("Status is forbidden"). A real user without
        # the right to edit posts gets the same answer, so the message names both causes.
        return AuthenticationError(
            f"WordPress at {site} did not accept BlogDesk as {user!r} while {doing}: the "
            "application password may be wrong or revoked, or this user may not edit posts. "
            "Check the password (Users → Profile → Application Passwords) and the user's role."
        )
    elif code in REST_OFF_CODES or (status == 404 and not err):
        return ApiUnavailableError(
            f"The WordPress REST API is not available at {safe_url(response.url)} "
            f"(HTTP {status}{', ' + code if code else ''}). A security plugin or the host may "
            "have turned it off; ask the site's administrator to allow it." + said
        )
    elif code in FILE_TYPE_CODES or (code in UPLOAD_FAILURE_CODES and "type" in message.lower()):
        kind = "file_type"
    return error_for_status(
        response,
        _WORDS if err else _NOT_WP_WORDS,
        kind=kind,
        host=site,
        doing=doing,
        said=said,
        user=user,
        detail=_param_details(data),
    )


def _status_forbidden(code: str, data: Mapping[str, Any]) -> bool:
    """WordPress's answer to listing drafts without the right to: `status` param forbidden."""
    if code != "rest_invalid_param":
        return False
    params = data.get("params")
    if not isinstance(params, Mapping):
        return False
    detail = params.get("status")
    return isinstance(detail, str) and "forbidden" in detail.lower()


def _param_details(data: Mapping[str, Any]) -> str:
    params = data.get("params")
    if not isinstance(params, dict) or not params:
        return ""
    parts = [f"{name}: {plain(str(why))}" for name, why in params.items()]
    return " (" + "; ".join(parts) + ")"


class RestClient:
    """Requests against one site's REST root, authenticated with Basic auth (app password)."""

    def __init__(
        self, session: requests.Session, api_root: str, user: str, secret: str | None
    ) -> None:
        self.session = session
        self.api_root = api_root
        self.user = user
        self._auth = requests.auth.HTTPBasicAuth(user, secret) if secret is not None else None

    def __repr__(self) -> str:  # never the secret
        return f"RestClient({safe_url(self.api_root)!r}, user={self.user!r})"

    def call(
        self,
        method: str,
        route: str,
        doing: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Any = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        ok: tuple[int, ...] = (),
    ) -> requests.Response:
        """One request. Error answers raise, except the statuses listed in `ok`."""
        url = route_url(self.api_root, route, params)
        log.debug("%s %s", method, safe_url(url))
        try:
            response = self.session.request(
                method,
                url,
                json=json,
                data=data,
                files=files,
                headers=dict(headers or {}),
                auth=self._auth if auth else None,
            )
        except requests.RequestException as exc:
            raise transport_error(exc, url) from None
        if response.status_code >= 400 and response.status_code not in ok:
            raise error_from_response(response, doing, self.user)
        return response

    def json(self, method: str, route: str, doing: str, **kwargs: Any) -> Any:
        response = self.call(method, route, doing, **kwargs)
        return decode(response, doing)


def decode(response: requests.Response, doing: str) -> Any:
    """The JSON body of a success answer; an HTML page means it is not WordPress answering."""
    try:
        return response.json()
    except ValueError:
        raise ServerError(
            f"{host_of(response.url)} answered with a web page instead of the WordPress API "
            f"while {doing}. A caching plugin, a login wall or a firewall may be in the way.",
            status=response.status_code,
        ) from None
