"""The one place BlogDesk makes its `requests.Session` and turns transport failures into errors.

Every provider gets a session from `make_session()`: default (connect, read) timeouts on every
request, a "BlogDesk/<version>" user agent, TLS verification on, and automatic retries only where a
retry cannot duplicate anything (idempotent methods; never POST, see docs/publishing.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from blogdesk import __version__
from blogdesk.sync.provider import (
    RequestTimeoutError,
    ResponseLostError,
    ServerError,
    SiteUnreachableError,
    SyncError,
)

# Seconds: connecting must be quick (loopback or a healthy host answers in well under a second);
# reading gets longer because WordPress may resize images before it answers an upload.
DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 60.0)
USER_AGENT = f"BlogDesk/{__version__}"
# Said when a job can wait in the outbox; `for_account_setup` takes it off where there is no job.
JOB_KEPT = "BlogDesk keeps the job and sends it when the site answers."


class _TimeoutSession(requests.Session):
    """A Session whose requests all get a timeout unless the caller gives one."""

    def __init__(self, timeout: tuple[float, float]) -> None:
        super().__init__()
        self.default_timeout = timeout

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.default_timeout
        return super().request(method, url, *args, **kwargs)


def make_session(
    timeout: tuple[float, float] = DEFAULT_TIMEOUT, *, verify: bool | str = True
) -> requests.Session:
    """A new session for one account. `verify` may name a CA bundle; never switch it off quietly."""
    session = _TimeoutSession(timeout)
    session.headers["User-Agent"] = USER_AGENT
    session.verify = verify
    # Environment proxies (HTTP(S)_PROXY) stay honoured: requests' trust_env default.
    retry = Retry(
        total=2,
        connect=1,  # the request never left: safe for any method
        read=0,  # the request may have arrived: the caller decides (no blind re-send)
        status=0,
        other=0,
        allowed_methods=frozenset({"GET", "HEAD", "OPTIONS"}),
        backoff_factor=0.2,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def safe_url(url: str) -> str:
    """The URL without user:password@ and without a query string, fit for a message or a log."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid address>"
    try:
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
    except ValueError:  # a port that is no number ("host:99999", "host:8a"): as written
        host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def host_of(url: str) -> str:
    """The host (with its port when it has one) of an address, for a message: "example.com:8080"."""
    parts = urlsplit(url)
    host = parts.hostname or url
    try:
        port = parts.port
    except ValueError:  # a port that is no number: the address as written
        return parts.netloc.rpartition("@")[2] or url
    return f"{host}:{port}" if port else host


def translate_transport_error(exc: requests.RequestException, url: str) -> SyncError:
    """Map a requests failure to our error family, telling "nothing sent" from "answer lost".

    A refused/unresolvable/unroutable connection, or a connect timeout, means the request never
    reached the server (SiteUnreachableError: the outbox may keep the job). A read timeout or a
    connection dropped after sending means the server may have acted (ResponseLostError).
    """
    where = safe_url(url)
    host = urlsplit(url).hostname or where
    if isinstance(exc, requests.exceptions.SSLError):
        return SiteUnreachableError(
            f"The secure connection to {host} failed: its certificate could not be verified. "
            "Check the address (https://...) or ask the site's host about its certificate."
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return SiteUnreachableError(
            f"{host} did not accept a connection in time. Check your network connection and the "
            f"blog's address; {JOB_KEPT}"
        )
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return RequestTimeoutError(
            f"{host} took too long to answer {where}. The server may still have done it; "
            "BlogDesk checks before trying again."
        )
    cut_off = requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError
    if isinstance(exc, cut_off):
        return ResponseLostError(
            f"The answer from {host} was cut off. The server may have done it; "
            "BlogDesk checks before trying again."
        )
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _was_sent(exc):
            return ResponseLostError(
                f"{host} closed the connection before answering. The server may have done it; "
                "BlogDesk checks before trying again."
            )
        return SiteUnreachableError(
            f"Cannot reach {host}. Check your network connection and the blog's address; {JOB_KEPT}"
        )
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return SiteUnreachableError(f"{where} is not a valid web address.")
    return ServerError(
        f"Talking to {host} failed ({type(exc).__name__}). Check the blog's address, then try "
        "again."
    )


def for_account_setup(exc: SiteUnreachableError) -> SiteUnreachableError:
    """The same error without the promise to send a job later: setting up an account has none."""
    text = str(exc)
    if JOB_KEPT not in text:
        return exc
    text = text.replace(f"; {JOB_KEPT}", ".").replace(JOB_KEPT, "").strip()
    return SiteUnreachableError(text)


def _was_sent(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the connection broke after the request went out (urllib3 ProtocolError).

    A refused or unresolvable connection shows up as NewConnectionError / NameResolutionError
    inside MaxRetryError; a dropped answer as ProtocolError("Connection aborted.", ...).
    """
    import urllib3.exceptions as u3

    for current in exception_chain(exc):
        if isinstance(current, u3.NewConnectionError | u3.NameResolutionError):
            return False
        if isinstance(current, u3.ProtocolError):
            return True
    return False


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and every exception behind it, each once, nearest first along each branch.

    requests wraps urllib3's errors, which wrap socket errors, in three ways: as an argument
    (`ConnectionError(ProtocolError(..., TimeoutError()))`), as `MaxRetryError.reason`, and as
    `__cause__` / `__context__`. What a failure really was (refused, timed out, cut off) is only
    found by looking through all of them; `seen` stops a chain that refers back to itself.
    """
    import urllib3.exceptions as u3

    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, u3.MaxRetryError):
            stack.append(current.reason)
        stack.extend(a for a in current.args if isinstance(a, BaseException))
        stack.append(current.__cause__)
        stack.append(current.__context__)


def retry_after(response: requests.Response) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date), or None."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None
