"""XML-RPC calls over BlogDesk's `requests.Session`, with responses parsed safely.

The standard library's `xmlrpc.client` parses answers with a plain expat parser, which an
"XML bomb" (nested entities) can exhaust. Answers here go through defusedxml's parser (entities and
external references refused), without `defusedxml.xmlrpc.monkey_patch()`, which would change the
parser for the whole process. Requests go through the shared session, so timeouts, retries, proxies
and the transport-error mapping are the same as for every other provider.
"""

from __future__ import annotations

import logging
import xmlrpc.client
from typing import Any

import requests
from defusedxml import DefusedXmlException
from defusedxml.xmlrpc import DefusedExpatParser

from blogdesk.sync.http import safe_url, translate_transport_error
from blogdesk.sync.provider import (
    ApiUnavailableError,
    AuthenticationError,
    ChangedOnServerError,
    ForbiddenFileTypeError,
    NotFoundError,
    PermissionDeniedError,
    RequestRejectedError,
    ServerError,
    SyncError,
    UnsupportedError,
)

log = logging.getLogger(__name__)

# An XML-RPC answer bigger than this is not a blog's answer (a whole post list is far smaller).
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
METHOD_NOT_FOUND = -32601


def parse_response(data: bytes) -> Any:
    """The single value of a methodResponse; a fault raises xmlrpc.client.Fault."""
    unmarshaller = xmlrpc.client.Unmarshaller(use_datetime=False, use_builtin_types=False)
    parser = DefusedExpatParser(unmarshaller)
    parser.feed(data)
    parser.close()
    values = unmarshaller.close()
    return values[0] if len(values) == 1 else values


class XmlRpcClient:
    """Calls to one XML-RPC endpoint. Credentials are passed by the caller, as the APIs want."""

    def __init__(self, session: requests.Session, endpoint: str, user: str = "") -> None:
        self.session = session
        self.endpoint = endpoint
        self.user = user
        self.host = safe_url(endpoint)

    def __repr__(self) -> str:
        return f"XmlRpcClient({self.host!r})"

    def call(self, method: str, *params: Any, doing: str = "") -> Any:
        doing = doing or f"calling {method}"
        body = xmlrpc.client.dumps(params, method, encoding="utf-8", allow_none=False)
        log.debug("XML-RPC %s at %s", method, self.host)
        try:
            response = self.session.post(
                self.endpoint,
                data=body.encode("utf-8"),
                stream=True,
                headers={"Content-Type": "text/xml; charset=utf-8", "Accept": "text/xml"},
            )
            content = self._read_limited(response, doing)
        except requests.RequestException as exc:
            raise translate_transport_error(exc, self.endpoint) from None
        if response.status_code >= 400 and b"methodResponse" not in content[:2000]:
            raise self._http_error(response.status_code, doing)
        try:
            return parse_response(content)
        except xmlrpc.client.Fault as fault:
            raise self.fault_error(fault, method, doing) from None
        except DefusedXmlException:
            raise ServerError(
                f"{self.host} sent XML with entity declarations while {doing}; BlogDesk refuses "
                "to read it (it could be an attack). Check the address."
            ) from None
        except (xmlrpc.client.ResponseError, ValueError, TypeError, IndexError):
            raise ServerError(
                f"{self.host} did not answer with XML-RPC while {doing} (HTTP "
                f"{response.status_code}). A firewall, a security plugin or the host may be "
                "blocking xmlrpc.php.",
                status=response.status_code,
            ) from None

    def _read_limited(self, response: requests.Response, doing: str) -> bytes:
        """The body, decompressed, refusing more than MAX_RESPONSE_BYTES (a gzip bomb too)."""
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise ServerError(
                        f"{self.host} sent an answer too large to be real while {doing}."
                    )
                chunks.append(chunk)
        finally:
            response.close()
        return b"".join(chunks)

    def _http_error(self, status: int, doing: str) -> SyncError:
        if status in (401, 403, 404, 405, 410):
            return ApiUnavailableError(
                f"XML-RPC is not reachable at {self.host} (HTTP {status}) while {doing}. Many "
                "hosts and security plugins block xmlrpc.php; ask the site's administrator to "
                "allow it, or check the address."
            )
        if status == 429:
            return ServerError(
                f"{self.host} is limiting requests (HTTP 429); try again later.", status=status
            )
        return ServerError(
            f"The server at {self.host} failed (HTTP {status}) while {doing}. Try again later.",
            status=status,
        )

    def fault_error(self, fault: xmlrpc.client.Fault, method: str, doing: str) -> SyncError:
        """Map a fault (WordPress's codes, see class-wp-xmlrpc-server.php) to our errors."""
        code, text = fault.faultCode, str(fault.faultString or "").strip()
        said = f' The blog said: "{text}"' if text else ""
        if code == 403 and ("password" in text.lower() or "user" in text.lower()):
            return AuthenticationError(
                f"{self.host} refused the user name or password for {self.user!r}.{said} Check "
                "both (an application password works as well as the login password)."
            )
        if code == 405:
            return ApiUnavailableError(
                f"XML-RPC is turned off on {self.host}.{said} Ask the site's administrator to "
                "turn it on, or use the REST API."
            )
        if code == 409:
            # wp.editPost's `if_not_modified_since`: the provider adds both versions.
            return ChangedOnServerError(f"The post was changed on the blog while {doing}.{said}")
        if code == 401:
            return PermissionDeniedError(
                f"Your account {self.user!r} on {self.host} may not do this while {doing}."
                f"{said} Ask the site's administrator for a role that may."
            )
        if "not allowed to upload this file type" in text.lower():
            # WordPress files this refusal under fault 500, as if it had failed.
            return ForbiddenFileTypeError(
                f"{self.host} does not accept this type of file.{said} Convert it (PNG, JPEG, "
                "GIF or WebP for images) or ask the site's administrator to allow the type."
            )
        if code == 404:
            return NotFoundError(f"{self.host} no longer has it while {doing}.{said}")
        if code == METHOD_NOT_FOUND or ("not exist" in text.lower() and method in text):
            return UnsupportedError(
                f"{self.host} does not offer {method} (while {doing}). Choose another API "
                "for this account."
            )
        if isinstance(code, int) and 400 <= code < 500:
            return RequestRejectedError(
                f"{self.host} refused what BlogDesk sent while {doing}.{said}"
            )
        return ServerError(
            f"{self.host} failed while {doing} (fault {code}).{said}",
            status=code if isinstance(code, int) else None,
        )
