"""Whether a post's web links still answer: concurrent, short timeouts, remembered for a day.

Every request goes through a session from `sync.http.make_session` (user agent, TLS, retry only
where harmless), with a timeout of a few seconds: the checklist runs before each publish and
must not keep the author waiting on one slow site. Each address is asked with HEAD (no body to
download); a site that answers HEAD with anything but success is asked again with GET, since
many servers refuse HEAD (405, 403) or answer it wrongly. Answers that say something lasting
(it is there; it is gone) are kept in `link-check.json` in the cache folder for a day, so
publishing again after a fix costs no second round of requests. Timeouts and connection failures
are never kept: they say more about the network of the moment than about the link.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from blogdesk.core.checks.links import LinkState, LinkVerdict
from blogdesk.core.fsutil import atomic_write
from blogdesk.core.progress import CancelToken
from blogdesk.sync.http import exception_chain, make_session

__all__ = ["CACHE_FILE", "CACHE_SECONDS", "LinkChecker"]

log = logging.getLogger(__name__)

CACHE_FILE = "link-check.json"
CACHE_SECONDS = 24 * 3600
DEFAULT_TIMEOUT = 5.0  # seconds, to connect and again to read
DEFAULT_WORKERS = 8
# Answers that mean "the page is there, only not for this request": not the author's problem.
_THERE = frozenset({401, 403, 405, 429})
_KEPT: frozenset[LinkState] = frozenset({"ok", "gone"})

SessionFactory = Callable[[float], requests.Session]


def _session(timeout: float) -> requests.Session:
    return make_session((timeout, timeout))


class LinkChecker:
    """Checks web addresses; thread-safe for one `check` call at a time."""

    def __init__(
        self,
        cache_dir: Path,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        workers: int = DEFAULT_WORKERS,
        max_age: float = CACHE_SECONDS,
        session_factory: SessionFactory = _session,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.cache_path = Path(cache_dir) / CACHE_FILE
        self.timeout = timeout
        self.workers = max(1, workers)
        self.max_age = max_age
        self._session_factory = session_factory
        self._clock = clock
        self.asked: list[str] = []  # addresses asked over the network by the last check (tests)

    # -- the cache ---------------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # none yet, or damaged: it is only a cache
        return data if isinstance(data, dict) else {}

    def _fresh(self, entry: object, now: float) -> LinkVerdict | None:
        if not isinstance(entry, dict):
            return None
        try:
            if now - float(entry["at"]) > self.max_age or entry["state"] not in _KEPT:
                return None
            code = entry.get("code")
            return LinkVerdict(entry["state"], int(code) if code is not None else None)
        except (KeyError, TypeError, ValueError):
            return None

    def _save(self, cache: dict[str, Any], now: float) -> None:
        kept = {
            url: entry
            for url, entry in cache.items()
            if isinstance(entry, dict) and now - float(entry.get("at", 0)) <= self.max_age
        }
        try:
            atomic_write(self.cache_path, json.dumps(kept, indent=0).encode("utf-8"))
        except OSError as exc:  # a read-only cache folder costs speed, not correctness
            log.info("link cache not written: %s", exc)

    # -- checking ----------------------------------------------------------------------------

    def check(
        self, urls: Iterable[str], cancel: CancelToken | None = None
    ) -> dict[str, LinkVerdict]:
        """A verdict for each address (cached ones from the cache)."""
        wanted = list(dict.fromkeys(urls))
        now = self._clock()
        cache = self._load()
        verdicts: dict[str, LinkVerdict] = {}
        for url in wanted:
            cached = self._fresh(cache.get(url), now)
            if cached is not None:
                verdicts[url] = cached
        todo = [url for url in wanted if url not in verdicts]
        self.asked = todo
        if not todo:
            return verdicts
        local = threading.local()
        sessions: list[requests.Session] = []
        lock = threading.Lock()

        def probe(url: str) -> LinkVerdict:
            if cancel is not None:
                cancel.raise_if_cancelled()
            session = getattr(local, "session", None)
            if session is None:
                # One session per worker thread: a Session is not promised to be thread-safe.
                session = local.session = self._session_factory(self.timeout)
                with lock:
                    sessions.append(session)
            return self._probe(session, url)

        try:
            with ThreadPoolExecutor(max_workers=min(self.workers, len(todo))) as pool:
                for url, verdict in zip(todo, pool.map(probe, todo), strict=True):
                    verdicts[url] = verdict
                    if verdict.state in _KEPT:
                        cache[url] = {"state": verdict.state, "code": verdict.code, "at": now}
        finally:
            for session in sessions:
                session.close()
        self._save(cache, now)
        return verdicts

    def _probe(self, session: requests.Session, url: str) -> LinkVerdict:
        try:
            with session.head(url, allow_redirects=True) as response:
                code = response.status_code
            if code < 400:
                return LinkVerdict("ok", code)
            with session.get(url, allow_redirects=True, stream=True) as response:
                return _verdict(response.status_code)
        except requests.RequestException as exc:
            return _failure(exc)


def _verdict(code: int) -> LinkVerdict:
    if code < 400 or code in _THERE:
        return LinkVerdict("ok", code)
    if code in (404, 410):
        return LinkVerdict("gone", code)
    return LinkVerdict("failed", code)


def _failure(exc: requests.RequestException) -> LinkVerdict:
    import urllib3.exceptions as u3

    if isinstance(exc, requests.exceptions.Timeout):
        return LinkVerdict("timeout", detail="no answer in time")
    if isinstance(exc, requests.exceptions.SSLError):
        return LinkVerdict("failed", detail="its certificate could not be verified")
    if isinstance(exc, requests.exceptions.ConnectionError):
        for cause in exception_chain(exc):
            if isinstance(cause, u3.NameResolutionError):
                return LinkVerdict("unreachable", detail="the name does not resolve")
            # Before the timeouts: urllib3's NewConnectionError is a ConnectTimeoutError too.
            if isinstance(cause, u3.NewConnectionError):
                return LinkVerdict("unreachable", detail="the connection was refused")
            if isinstance(cause, (u3.ConnectTimeoutError, u3.ReadTimeoutError)):
                return LinkVerdict("timeout", detail="no answer in time")
        return LinkVerdict("unreachable", detail="the connection was refused")
    return LinkVerdict("failed", detail=type(exc).__name__)
