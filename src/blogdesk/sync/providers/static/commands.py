"""The static site's build command and git: timeouts, captured output, clear errors.

git never prompts (GIT_TERMINAL_PROMPT=0): a push that needs a password BlogDesk does not have
fails with git's own explanation instead of hanging. Output shown to the author has any
`user:password@` part of a URL removed.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

from blogdesk.sync.provider import SyncError

_CREDENTIALS = re.compile(r"(\w+://)[^/@\s]+@")
_TAIL_LINES = 15


class BuildError(SyncError):
    """The site's build command failed or took too long; its output says why."""


class GitError(SyncError):
    """git add/commit/push failed; git's own message is included."""


def _clean(text: str) -> str:
    lines = _CREDENTIALS.sub(r"\1", text).strip().splitlines()
    return "\n".join(lines[-_TAIL_LINES:])


def run_build(command: str, cwd: Path, timeout: float) -> str:
    """Run the build command in the site folder; its output, or BuildError."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise BuildError(f"The build command {command!r} cannot be read: {exc}.") from None
    if not argv:
        return ""
    try:
        done = subprocess.run(
            argv, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        raise BuildError(
            f"The build command {argv[0]!r} was not found. Install it or change "
            "the account's build command."
        ) from None
    except subprocess.TimeoutExpired:
        raise BuildError(
            f"The build command {command!r} did not finish within {timeout:g} seconds; the "
            "post file is written but the site was not rebuilt."
        ) from None
    output = (done.stdout or "") + (done.stderr or "")
    if done.returncode != 0:
        raise BuildError(
            f"The build command {command!r} failed (exit code {done.returncode}); "
            f"the post file is written. Its output:\n{_clean(output)}"
        )
    return _clean(output)


def _git(root: Path, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_ASKPASS="", SSH_ASKPASS="")
    env["GIT_SSH_COMMAND"] = env.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    try:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    except FileNotFoundError:
        raise GitError("git is not installed, so BlogDesk cannot commit the post.") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not finish within {timeout:g} seconds.") from None


def is_repository(root: Path) -> bool:
    done = _git(root, "rev-parse", "--show-toplevel")
    return done.returncode == 0 and Path(done.stdout.strip()).resolve() == root.resolve()


def has_remote(root: Path) -> bool:
    done = _git(root, "remote")
    return done.returncode == 0 and bool(done.stdout.strip())


def commit(root: Path, paths: list[str], message: str) -> bool:
    """Stage these paths (additions, changes and removals) and commit; False if nothing changed."""
    added = _git(root, "add", "-A", "--", *paths)
    if added.returncode != 0:
        raise GitError(f"git add failed: {_clean(added.stderr)}")
    staged = _git(root, "diff", "--cached", "--quiet", "--", *paths)
    if staged.returncode == 0:
        return False
    identity: list[str] = []
    if not _git(root, "config", "user.email").stdout.strip():
        # No identity configured: commit as BlogDesk rather than fail (git would refuse).
        identity = ["-c", "user.name=BlogDesk", "-c", "user.email=blogdesk@localhost"]
    done = _git(root, *identity, "commit", "-m", message, "--", *paths)
    if done.returncode != 0:
        raise GitError(f"git commit failed: {_clean(done.stderr or done.stdout)}")
    return True


def push(root: Path, timeout: float) -> None:
    done = _git(root, "push", timeout=timeout)
    if done.returncode != 0:
        raise GitError(
            "The post is committed, but git push failed; push the site yourself or fix the "
            f"remote, then publish again. git said:\n{_clean(done.stderr or done.stdout)}"
        )
