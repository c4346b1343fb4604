"""What BlogDesk writes in its commit messages: a subject, then git trailers.

A publish commit carries

    BlogDesk-File: posts/hello.md
    BlogDesk-Published: <account-id> <remote-id> <status>

(one `Published` line per blog the version went to), and every commit the machine it was made on
(`BlogDesk-Machine:`), which names the other side's copy when a sync finds both edited a post.
Trailers are plain text at the end of the message, so `git log` shows them and `git
interpret-trailers` reads them; nothing is hidden in refs that a clone would not carry.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "FILE",
    "MACHINE",
    "PUBLISHED",
    "PublishMark",
    "format_message",
    "machine_name",
    "parse_trailers",
    "publish_marks",
]

FILE = "BlogDesk-File"
PUBLISHED = "BlogDesk-Published"
MACHINE = "BlogDesk-Machine"
_TRAILER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*): (.*)$")


@dataclass(frozen=True)
class PublishMark:
    """One publish, update or unpublish of one file on one blog."""

    account_id: str
    remote_id: str
    status: str  # the blog's status afterwards: publish, draft, future, private, trash...
    path: str  # the post, relative to the library

    def trailer(self) -> str:
        return f"{self.account_id} {self.remote_id or '-'} {self.status or '-'}"


def machine_name() -> str:
    """A short name for this computer, safe in a file name (`post.conflict-<machine>.md`)."""
    # BLOGDESK_MACHINE names it when the host name says little ("localhost", a container id).
    name = os.environ.get("BLOGDESK_MACHINE") or socket.gethostname().split(".")[0]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:40] or "machine"


def format_message(subject: str, trailers: Iterable[tuple[str, str]]) -> str:
    lines = [subject.strip() or "BlogDesk"]
    pairs = [(key, value.replace("\n", " ")) for key, value in trailers]
    if not any(key == MACHINE for key, _ in pairs):
        pairs.append((MACHINE, machine_name()))
    lines.append("")
    lines.extend(f"{key}: {value}" for key, value in pairs)
    return "\n".join(lines) + "\n"


def parse_trailers(message: str) -> list[tuple[str, str]]:
    """The trailers of the message's last paragraph (empty if it is not all trailers)."""
    paragraphs = message.strip().split("\n\n")
    if len(paragraphs) < 2:
        return []
    found: list[tuple[str, str]] = []
    for line in paragraphs[-1].splitlines():
        match = _TRAILER.match(line.strip())
        if match is None:
            return []
        found.append((match.group(1), match.group(2).strip()))
    return found


def publish_marks(message: str) -> list[PublishMark]:
    trailers = parse_trailers(message)
    path = next((value for key, value in trailers if key == FILE), "")
    marks = []
    for key, value in trailers:
        if key != PUBLISHED:
            continue
        fields = value.split()
        if len(fields) < 3 or not path:
            continue
        remote_id = "" if fields[1] == "-" else fields[1]
        status = "" if fields[2] == "-" else fields[2]
        marks.append(PublishMark(fields[0], remote_id, status, path))
    return marks
