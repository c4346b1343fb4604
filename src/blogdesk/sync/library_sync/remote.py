"""`sync_library`: the library on several machines, through a git remote the author chose.

One sync is: commit what is not committed yet → fetch the remote's branch → merge it (file by
file, `merge.plan_merge`: nothing is overwritten silently, both versions of a post edited on two
machines are kept) → push. When the push is refused because the other machine pushed meanwhile,
the sync fetches, merges and pushes again (a few times at most).

The remote is any URL dulwich speaks: a path or `file://` URL (a bare repository on a disk or a
NAS), `git://`, `http(s)://` (a token as the password; kept in the keyring by the caller) and
`ssh://` or `user@host:path` through the system's `ssh` program.

A fetch cut off midway stores nothing (dulwich writes a pack only once it is complete), and the
library's files are written only after the fetch succeeded, so a network failure leaves the
library as it was: `SyncError` says so, and syncing again starts over.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from dulwich.client import get_transport_and_path
from dulwich.errors import GitProtocolError, HangupException, NotGitRepository
from dulwich.graph import find_merge_base
from dulwich.objects import ObjectID
from dulwich.refs import Ref

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.fsutil import atomic_write
from blogdesk.core.history.record import record_saves
from blogdesk.core.history.store import LibraryHistory
from blogdesk.sync.library_sync.merge import MergePlan, plan_merge

__all__ = ["PushRejectedError", "SyncError", "SyncReport", "sync_library", "token_key"]

log = logging.getLogger(__name__)

MAX_ROUNDS = 4  # fetch-merge-push rounds before giving up on a remote that keeps moving
TRACKING_PREFIX = b"refs/remotes/blogdesk/"


class SyncError(BlogDeskError):
    """The sync could not finish; the library is as it was before (or merged, not yet pushed)."""


class PushRejectedError(SyncError):
    """The remote's branch moved since our fetch (another machine pushed)."""


@dataclass
class SyncReport:
    fetched: bool = False  # the remote had commits we did not have
    pushed: bool = False
    rounds: int = 0
    taken: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (post, their copy)

    @property
    def changed_files(self) -> list[str]:
        return [*self.taken, *self.merged, *(copy for _, copy in self.conflicts)]


Refresh = Callable[[], Any]


def token_key(url: str) -> str:
    """The keyring entry of an https remote's token (one per host), for the CLI and window."""
    try:
        host = urlsplit(url).hostname
    except ValueError as exc:  # "https://[::1" and the like
        raise SyncError(f"{url} is not a git remote BlogDesk can use: {exc}") from exc
    return f"git-remote:{host or url}"


def sync_library(
    history: LibraryHistory,
    url: str,
    *,
    username: str | None = None,
    password: str | None = None,
    refresh: Refresh | None = None,
) -> SyncReport:
    """Sync the library with the remote at `url`; `refresh` (e.g. Library.refresh) is called
    when files arrived. Raises SyncError (nothing lost) when the remote cannot be reached."""
    report = SyncReport()
    record_saves(history)  # the author's latest saves go with this sync
    client, path = _client(url, username, password)
    branch = _branch(history)
    for _ in range(MAX_ROUNDS):
        report.rounds += 1
        theirs = _fetch(history, client, path, url, branch)
        if theirs is not None:
            _merge(history, theirs, report)
        try:
            report.pushed = _push(history, client, path, url, branch, theirs)
        except PushRejectedError:
            log.info("the remote moved during the sync; fetching again")
            continue
        break
    else:
        raise SyncError(
            f"{url} kept changing while BlogDesk synced (another machine is syncing?). Your "
            "library is merged and safe; sync again in a moment."
        )
    if report.fetched and refresh is not None:
        refresh()
    return report


def _client(url: str, username: str | None, password: str | None) -> tuple[Any, str]:
    if os.path.isdir(url):
        url = os.path.abspath(url)
    try:
        kwargs: dict[str, Any] = {}
        if username or password:
            kwargs = {"username": username or "token", "password": password or ""}
        return get_transport_and_path(url, **kwargs)
    except (ValueError, OSError) as exc:
        raise SyncError(f"{url} is not a git remote BlogDesk can use: {exc}") from exc


def _branch(history: LibraryHistory) -> Ref:
    names, _ = history.repo.refs.follow(Ref(b"HEAD"))
    return names[-1] if names[-1] != b"HEAD" else Ref(b"refs/heads/master")


def _network_error(url: str, what: str, exc: BaseException) -> SyncError:
    detail = str(exc) or type(exc).__name__
    return SyncError(
        f"Could not {what} {url}: {detail}. Nothing in your library was lost or changed by "
        "this; sync again when the remote can be reached."
    )


_NETWORK = (OSError, HangupException, GitProtocolError, ConnectionError, EOFError)


def _fetch(
    history: LibraryHistory, client: Any, path: str, url: str, branch: Ref
) -> ObjectID | None:
    repo = history.repo
    try:
        result = client.fetch(path, repo, determine_wants=_wants(repo, branch))
    except NotGitRepository:
        raise SyncError(
            f"There is no git repository at {url}. Make one first (for example `git init "
            "--bare` on the disk or the NAS), then sync again."
        ) from None
    except _NETWORK as exc:
        raise _network_error(url, "fetch from", exc) from exc
    refs: dict[bytes, Any] = dict(result.refs or {})
    theirs = refs.get(branch)
    if theirs is None:
        heads = [k for k in refs if k.startswith(b"refs/heads/") and refs[k]]
        theirs = refs[heads[0]] if len(heads) == 1 else None
    if theirs is not None:
        repo.refs[Ref(TRACKING_PREFIX + branch.rsplit(b"/", 1)[-1])] = theirs
    return ObjectID(theirs) if theirs is not None else None


def _wants(repo: Any, branch: Ref) -> Callable[..., list[ObjectID]]:
    def determine_wants(refs: dict[bytes, Any], depth: int | None = None) -> list[ObjectID]:
        wanted = []
        for name, sha in refs.items():
            if name.startswith(b"refs/heads/") and sha and sha not in repo.object_store:
                wanted.append(sha)
        return wanted

    return determine_wants


def _merge(history: LibraryHistory, theirs: ObjectID, report: SyncReport) -> None:
    ours = history.head()
    if ours == theirs:
        return
    repo = history.repo
    if ours is None:
        history.commit("Start the library's history", allow_empty=True)
        ours = history.head()
        assert ours is not None
    bases = list(find_merge_base(repo, [ours, theirs]))
    if theirs in bases:
        return  # we already have all of theirs: only a push is needed
    report.fetched = True
    plan = plan_merge(history, bases[0] if bases else None, ours, theirs)
    _write(history, plan)
    report.taken += plan.taken
    report.merged += plan.merged
    report.conflicts += plan.conflicts
    fast_forward = ours in bases and not plan.merged and not plan.conflicts
    # A fast-forward: their commit becomes ours, no merge commit needed.
    if fast_forward and repo.refs.set_if_equals(Ref(b"HEAD"), ours, theirs):
        history.refresh_index(plan.writes)
        return
    subject = "Sync: merge the other machine's changes"
    if plan.conflicts:
        subject += f" ({len(plan.conflicts)} kept side by side)"
    # The merge commit is our tree plus what the plan wrote (their one-sided changes, the
    # merged posts and the copies kept beside), with their commit as second parent.
    history.commit(subject, contents=dict(plan.writes), parents=[theirs])


def _write(history: LibraryHistory, plan: MergePlan) -> None:
    root = history.library_root
    for rel, data in plan.writes.items():
        full = root / rel
        try:
            if data is None:
                if full.exists():
                    full.unlink()
                continue
            full.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(full, data)
        except OSError as exc:
            raise SyncError(
                f"Could not write {rel} while syncing: {exc.strerror}. Move what is in its way "
                "(a file or folder of that name) and sync again."
            ) from exc


def _push(
    history: LibraryHistory,
    client: Any,
    path: str,
    url: str,
    branch: Ref,
    expected: ObjectID | None,
) -> bool:
    repo = history.repo
    ours = history.head()
    if ours is None or ours == expected:
        return False

    def update_refs(refs: dict[Ref, ObjectID]) -> dict[Ref, ObjectID]:
        current = refs.get(branch)
        if current is not None and current != expected:
            raise PushRejectedError(f"{url} moved since it was fetched.")
        return {branch: ours}

    try:
        result = client.send_pack(path, update_refs, generate_pack_data=repo.generate_pack_data)
    except PushRejectedError:
        raise
    except _NETWORK as exc:
        raise _network_error(url, "push to", exc) from exc
    status = (getattr(result, "ref_status", None) or {}).get(branch)
    if status:
        if any(word in status for word in _MOVED):
            # The branch moved between the server's list and our pack: fetch and merge again.
            raise PushRejectedError(f"{url} moved since it was fetched.")
        # A hook or a rule of the server said no: trying again would only be refused again.
        raise SyncError(
            f"{url} refused the update: {status}. Your library is merged and safe on this "
            "computer; whoever runs the remote can say why it refuses (a hook, a protected "
            "branch), then sync again."
        )
    return True


# What git (receive-pack) and dulwich (a local path) answer when the branch moved meanwhile.
_MOVED = ("fetch first", "non-fast-forward", "stale info", "failed to lock", "unable to set")
