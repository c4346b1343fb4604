"""Merging what another machine committed into this library, file by file, losing nothing.

For every file that differs between our version (HEAD) and theirs, against the last version both
had (the merge base):
- changed on one side only: that side's version is taken;
- a post changed on both sides: BlogDesk's sync state (`blogdesk: accounts:`) is merged per blog
  (the newer `synced_at` wins), so a post published from either machine stays known as published
  and is never created twice; the author's text is then merged if only one side changed it, and
  when both did, ours stays in the post and theirs is written beside it as
  `name.conflict-<machine>.md` (without BlogDesk's sync state, so it is a plain local post);
- any other file changed on both sides (an image): ours stays, theirs goes beside it likewise;
- deleted on one side and changed on the other: the changed version is kept;
- a file that differs on disk from our last commit (an edit not committed yet, outside the posts
  BlogDesk commits) is never overwritten: theirs goes beside it as a conflict copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from dulwich.objects import Blob, Commit, ObjectID

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.history.trailers import MACHINE, parse_trailers
from blogdesk.core.history.worddiff import comparable
from blogdesk.core.post.naming import MARKDOWN_SUFFIXES
from blogdesk.core.post.post import RESERVED_KEY, Post

__all__ = ["MergePlan", "conflict_name", "plan_merge"]


@dataclass
class MergePlan:
    """What the merge writes: library path -> bytes (None: delete), and what it reports."""

    writes: dict[str, bytes | None] = field(default_factory=dict)
    taken: list[str] = field(default_factory=list)  # their version taken as it is
    merged: list[str] = field(default_factory=list)  # both sides combined automatically
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (file, their copy)


def conflict_name(rel: str, machine: str, taken: set[str]) -> str:
    """`posts/a.md` -> `posts/a.conflict-laptop.md` (then `-2`, `-3` when that is taken)."""
    path = PurePosixPath(rel)
    stem, suffix = path.stem, path.suffix
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", machine).strip("-") or "other"
    for number in range(1, 1000):
        extra = "" if number == 1 else f"-{number}"
        name = str(path.with_name(f"{stem}.conflict-{safe}{extra}{suffix}"))
        if name not in taken:
            return name
    raise BlogDeskError(f"Too many conflict copies of {rel}.")


def _machine(commit: Commit) -> str:
    trailers = dict(parse_trailers(commit.message.decode("utf-8", "replace")))
    return trailers.get(MACHINE, "") or "other"


def plan_merge(
    history: LibraryHistory,
    base: ObjectID | None,
    ours: ObjectID,
    theirs: ObjectID,
) -> MergePlan:
    """The files to write so that our library holds both sides' work."""
    base_files = history.files_at(history.commit_object(base).tree) if base else {}
    our_files = history.files_at(history.commit_object(ours).tree)
    their_commit = history.commit_object(theirs)
    their_files = history.files_at(their_commit.tree)
    machine = _machine(their_commit)
    plan = MergePlan()
    names = set(our_files) | set(their_files)
    for rel in sorted(set(base_files) | names):
        b, o, t = base_files.get(rel), our_files.get(rel), their_files.get(rel)
        if o == t or t == b:
            continue  # same on both sides, or only we changed it
        if o == b or (o is None and t is not None and b is None):
            _take(history, plan, rel, o, t, names, machine)
            continue
        if t is None:
            continue  # they deleted what we changed: ours is kept
        if o is None:
            # We deleted what they changed: their version comes back.
            _take(history, plan, rel, o, t, names, machine)
            continue
        _both_changed(history, plan, rel, b, o, t, names, machine)
    return plan


def _data(history: LibraryHistory, sha: ObjectID | None) -> bytes | None:
    if sha is None:
        return None
    blob = history.repo[sha]
    assert isinstance(blob, Blob)
    return blob.data


def _take(
    history: LibraryHistory,
    plan: MergePlan,
    rel: str,
    ours: ObjectID | None,
    theirs: ObjectID | None,
    names: set[str],
    machine: str,
) -> None:
    data = _data(history, theirs)
    on_disk = history.read_disk(rel)
    expected = _data(history, ours)
    if on_disk is not None and on_disk != expected:
        # Not committed here: never overwrite it, put theirs beside it.
        if data is not None:
            _copy(plan, rel, data, names, machine)
        return
    plan.writes[rel] = data
    plan.taken.append(rel)


def _copy(plan: MergePlan, rel: str, data: bytes, names: set[str], machine: str) -> None:
    copy = conflict_name(rel, machine, names | set(plan.writes))
    names.add(copy)
    plan.writes[copy] = data
    plan.conflicts.append((rel, copy))


def _both_changed(
    history: LibraryHistory,
    plan: MergePlan,
    rel: str,
    base: ObjectID | None,
    ours: ObjectID,
    theirs: ObjectID,
    names: set[str],
    machine: str,
) -> None:
    our_data, their_data = _data(history, ours), _data(history, theirs)
    assert our_data is not None and their_data is not None
    if history.read_disk(rel) != our_data:
        _copy(plan, rel, their_data, names, machine)
        return
    if not rel.lower().endswith(MARKDOWN_SUFFIXES):
        _copy(plan, rel, their_data, names, machine)
        return
    base_data = _data(history, base)
    try:
        merged, copy = merge_post(base_data, our_data, their_data)
    except Exception:  # unreadable front matter on one side: keep both files as they are
        _copy(plan, rel, their_data, names, machine)
        return
    if merged != our_data:
        plan.writes[rel] = merged
    if copy is None:
        plan.merged.append(rel)
    else:
        _copy(plan, rel, copy, names, machine)


def merge_post(base: bytes | None, ours: bytes, theirs: bytes) -> tuple[bytes, bytes | None]:
    """(the post to keep, their conflicting copy or None) for a post both sides changed.

    Field by field and then the body: what only one side changed is taken from that side (a
    publish on one machine changes `status` and `date`, an edit on the other the body: both
    stay). When both changed the same field or the body differently, ours stays as it is and
    theirs becomes the copy."""
    our_post = Post.parse(ours.decode("utf-8"))
    their_post = Post.parse(theirs.decode("utf-8"))
    base_post = Post.parse(base.decode("utf-8")) if base is not None else None
    merged = Post.parse(ours.decode("utf-8"))
    if not _merge_content(merged, base_post, our_post, their_post):
        stripped = Post.parse(theirs.decode("utf-8"))
        if RESERVED_KEY in stripped:
            stripped.remove(RESERVED_KEY)
        merged = Post.parse(ours.decode("utf-8"))
        copy: bytes | None = stripped.dumps().encode("utf-8")
    else:
        copy = None
    for account_id in dict.fromkeys([*our_post.sync_accounts(), *their_post.sync_accounts()]):
        mine, other = our_post.sync_state(account_id), their_post.sync_state(account_id)
        newest = other if str(other.get("synced_at", "")) > str(mine.get("synced_at", "")) else mine
        if merged.sync_state(account_id) != newest:
            merged.set_sync_state(account_id, newest)
    return merged.dumps().encode("utf-8"), copy


def _merge_content(merged: Post, base: Post | None, ours: Post, theirs: Post) -> bool:
    """Apply their one-sided changes to `merged` (a copy of ours); False on a real conflict."""
    if comparable(ours.dumps()) == comparable(theirs.dumps()):
        return True
    if base is None:
        return False  # added on both sides with different text
    fields = {k for k in (*base.keys(), *ours.keys(), *theirs.keys()) if k != RESERVED_KEY}
    for key in sorted(fields):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t or t == b:
            continue
        if o != b:
            return False
        if key in theirs:
            merged.set(key, t)
        else:
            merged.remove(key)
    if ours.body != theirs.body and theirs.body != base.body:
        if ours.body != base.body:
            return False
        merged.body = theirs.body
    return True
