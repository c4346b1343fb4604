"""Downloading a theme's page and files with hard limits: `BoundedFetcher`.

A blog's page is the one thing BlogDesk reads from a site it has no reason to trust in the way it
trusts its own API answers: a hostile or broken page must not fill the disk, hang the capture or
get our credentials. So every GET here:
- goes through `sync.http.make_session()` (timeouts, user agent, TLS verification), in a session
  of its own that carries no account's credentials, keeps no cookies, and reads no ~/.netrc;
- accepts only http and https, and no address with a user name or password in it;
- follows at most `max_redirects` redirects, each checked like the first address;
- stops reading past `max_file` bytes, past `max_total` bytes for the whole capture, past
  `max_files` files, and past `deadline` seconds per file (a page that trickles forever);
- checks the cancel token between chunks.
`FolderFetcher` answers the same calls from a built static site's folder (no network at all).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urljoin, urlsplit

import requests

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.progress import CancelToken
from blogdesk.sync.http import (
    for_account_setup,
    host_of,
    make_session,
    safe_url,
    translate_transport_error,
)
from blogdesk.sync.provider import SiteUnreachableError

__all__ = ["BoundedFetcher", "FetchError", "Fetched", "Fetcher", "FolderFetcher", "Limits"]

MB = 1024 * 1024


class FetchError(BlogDeskError):
    """A page or file of the theme could not be fetched; the message says why, for the author."""


class Limits:
    """The caps of one capture (see docs/preview.md for why these numbers)."""

    def __init__(
        self,
        *,
        max_page: int = 5 * MB,
        max_file: int = 8 * MB,
        max_total: int = 40 * MB,
        max_files: int = 300,
        max_redirects: int = 5,
        deadline: float = 30.0,
        timeout: tuple[float, float] = (5.0, 15.0),
    ) -> None:
        self.max_page = max_page
        self.max_file = max_file
        self.max_total = max_total
        self.max_files = max_files
        self.max_redirects = max_redirects
        self.deadline = deadline
        self.timeout = timeout


class Fetched:
    def __init__(self, url: str, data: bytes, content_type: str) -> None:
        self.url = url  # after redirects: relative addresses in it resolve against this
        self.data = data
        self.content_type = content_type


class Fetcher(Protocol):
    def get(self, url: str, *, page: bool = False) -> Fetched: ...

    @property
    def total(self) -> int: ...


def _no_auth(request: requests.PreparedRequest) -> requests.PreparedRequest:
    # An explicit auth that adds nothing: requests then skips its ~/.netrc lookup.
    return request


def check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{safe_url(url)} is not a web address (only http and https are read).")
    if parts.username or parts.password:
        raise FetchError(f"{safe_url(url)} has a user name in it; BlogDesk sends no credentials.")


class BoundedFetcher:
    """GETs with the limits above; `total` is what the capture has read so far."""

    def __init__(self, limits: Limits | None = None, cancel: CancelToken | None = None) -> None:
        self.limits = limits or Limits()
        self.cancel = cancel or CancelToken()
        self.session = make_session(self.limits.timeout)
        self.session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        self.total = 0
        self.files = 0

    def close(self) -> None:
        self.session.close()

    def get(self, url: str, *, page: bool = False) -> Fetched:
        limits = self.limits
        if self.files >= limits.max_files:
            raise FetchError(f"The theme needs more than {limits.max_files} files; stopped there.")
        self.files += 1
        current = url
        for _hop in range(limits.max_redirects + 1):
            check_address(current)
            self.cancel.raise_if_cancelled()
            try:
                answer = self.session.get(
                    current, stream=True, allow_redirects=False, auth=_no_auth
                )
            except requests.RequestException as exc:
                raise _transport(exc, current) from None
            with answer:
                if answer.is_redirect and answer.headers.get("Location"):
                    current = urljoin(current, answer.headers["Location"])
                    continue
                if answer.status_code >= 400:
                    raise FetchError(
                        f"{safe_url(current)} answered {answer.status_code} {answer.reason}."
                    )
                data = self._read(answer, current, limits.max_page if page else limits.max_file)
                kind = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
                return Fetched(answer.url or current, data, kind)
        raise FetchError(
            f"{safe_url(url)} redirects more than {limits.max_redirects} times (a redirect loop?)."
        )

    def _read(self, answer: requests.Response, url: str, cap: int) -> bytes:
        limits = self.limits
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(_too_big(url, cap))
        started = time.monotonic()
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in _chunks(answer):
                size += len(chunk)
                if size > cap:
                    raise FetchError(_too_big(url, cap))
                if self.total + size > limits.max_total:
                    raise FetchError(
                        f"The theme's files add up to more than {limits.max_total // MB} MB; "
                        "BlogDesk stopped downloading them."
                    )
                if time.monotonic() - started > limits.deadline:
                    raise FetchError(
                        f"{host_of(url)} took longer than {limits.deadline:g} seconds to send "
                        f"{safe_url(url)}; BlogDesk stopped waiting."
                    )
                self.cancel.raise_if_cancelled()
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise _transport(exc, url) from None
        self.total += size
        return b"".join(chunks)


def _chunks(answer: requests.Response) -> Iterator[bytes]:
    """The body as it arrives. `iter_content(n)` waits for n bytes (or the end), so a server
    sending a few bytes a second would keep it waiting past any deadline; `read1` returns what
    has come, and the deadline is checked between calls."""
    raw = answer.raw
    read1 = getattr(raw, "read1", None)
    if read1 is None:  # not urllib3 2 (a test double): whole chunks are all there is
        yield from answer.iter_content(64 * 1024)
        return
    while True:
        chunk = read1(64 * 1024, decode_content=True)
        if not chunk:
            return
        yield chunk


def _transport(exc: requests.RequestException, url: str) -> FetchError:
    error = translate_transport_error(exc, url)
    if isinstance(error, SiteUnreachableError):
        error = for_account_setup(error)  # a capture is no outbox job: nothing is kept to resend
    return FetchError(str(error))


def _too_big(url: str, cap: int) -> str:
    return f"{safe_url(url)} is larger than {cap // MB} MB; BlogDesk does not read it."


class FolderFetcher:
    """Answers for `base_url` from files under `root` (a static site built into a folder);
    anything else is refused, so a built page never makes the capture go online."""

    def __init__(self, root: Path, base_url: str, limits: Limits | None = None) -> None:
        self.root = root.resolve()
        self.base = base_url.rstrip("/") + "/"
        self.limits = limits or Limits()
        self.total = 0

    def get(self, url: str, *, page: bool = False) -> Fetched:
        if not url.startswith(self.base):
            raise FetchError(f"{safe_url(url)} is not part of the built site; not fetched.")
        rel = unquote(urlsplit(url).path[len(urlsplit(self.base).path) :])
        path = (self.root / rel).resolve()
        if path.is_dir():
            path = path / "index.html"
        if self.root not in path.parents:
            raise FetchError(f"{safe_url(url)} points outside the built site.")
        try:
            size = path.stat().st_size
            if size > (self.limits.max_page if page else self.limits.max_file):
                raise FetchError(_too_big(url, self.limits.max_file))
            data = path.read_bytes()
        except OSError:
            raise FetchError(f"The built site has no file for {safe_url(url)}.") from None
        self.total += len(data)
        kind = "text/css" if path.suffix == ".css" else "text/html" if page else ""
        return Fetched(url, data, kind)
