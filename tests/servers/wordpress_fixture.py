"""pytest plugin: the session-scoped `wordpress` fixture, a real WordPress on 127.0.0.1.

The server is started by tests/servers/wordpress.sh (reused when it is already running, and then
left running). When it cannot start, the fixture fails with the reason, on CI or not: a missing
server must never pass as green.

The helpers act "on the server side", behind BlogDesk's back, through PHP scripts that load
WordPress directly (tests/servers/wp-tool.php), so they work even while a test has revoked the
application password or switched the REST API off.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from tests.run_record import record_secret, record_state_dir
from tests.servers.common import live_users, unavailable

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "wordpress.sh"
TOOL = HERE / "wp-tool.php"


class WordPressToolError(RuntimeError):
    pass


@dataclass
class WordPressServer:
    url: str  # http://127.0.0.1:PORT, no trailing slash
    user: str
    app_password: str
    admin_password: str
    state_dir: Path

    def __repr__(self) -> str:  # never show the secrets in a test report
        return f"WordPressServer(url={self.url!r}, user={self.user!r})"

    @property
    def port(self) -> int:
        port = urlsplit(self.url).port
        assert port is not None
        return port

    @property
    def api_url(self) -> str:
        """The REST root with pretty permalinks (the harness default)."""
        return f"{self.url}/wp-json/"

    # ------------------------------------------------------------------------ server side
    def tool(self, command: str, **args: Any) -> Any:
        """Run one wp-tool.php command and return its JSON answer."""
        proc = subprocess.run(
            [
                "php",
                "-d",
                "display_errors=stderr",
                "-d",
                "error_reporting=E_ALL&~E_DEPRECATED",
                str(TOOL),
                str(self.state_dir / "wordpress"),
                self.url,
                command,
                json.dumps(args),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if proc.returncode != 0:
            raise WordPressToolError(f"wp-tool {command} failed: {proc.stderr.strip()}")
        return json.loads(proc.stdout)

    def create_post(
        self,
        title: str = "Server-side post",
        content: str = "",
        status: str = "draft",
        slug: str | None = None,
    ) -> dict[str, Any]:
        args: dict[str, Any] = {"title": title, "content": content, "status": status}
        if slug is not None:
            args["slug"] = slug
        result: dict[str, Any] = self.tool("create_post", **args)
        return result

    def edit_post(self, post_id: int | str, **fields: Any) -> dict[str, Any]:
        """Change a post as another author would (title, content, status, slug)."""
        result: dict[str, Any] = self.tool("update_post", id=int(post_id), **fields)
        return result

    def get_post(self, post_id: int | str) -> dict[str, Any]:
        result: dict[str, Any] = self.tool("get_post", id=int(post_id))
        return result

    def delete_post(self, post_id: int | str, *, force: bool = False) -> None:
        self.tool("delete_post", id=int(post_id), force=force)

    def post_counts(self, post_type: str = "post") -> dict[str, int]:
        """Posts per status ({"publish": 3, "draft": 1, "trash": 0, ...})."""
        result: dict[str, int] = self.tool("count", type=post_type)
        return result

    def count_posts(self, status: str | None = None) -> int:
        counts = self.post_counts("post")
        if status is not None:
            return counts.get(status, 0)
        return sum(n for s, n in counts.items() if s not in ("auto-draft", "trash"))

    def count_media(self) -> int:
        return self.post_counts("attachment").get("inherit", 0)

    def create_app_password(self, name: str, user: str = "admin") -> tuple[str, str]:
        """A new application password for `user`: (password, uuid)."""
        made = self.tool("app_password_create", name=name, user=user)
        record_secret("WordPress application password", made["password"])
        return made["password"], made["uuid"]

    def revoke_app_password(self, uuid: str, user: str = "admin") -> None:
        self.tool("app_password_revoke", uuid=uuid, user=user)

    def create_user(self, login: str, role: str) -> tuple[str, str]:
        """A user with this role and a fresh application password: (login, app_password)."""
        made = self.tool("create_user", login=login, role=role)
        record_secret("WordPress application password", made["app_password"])
        return made["user"], made["app_password"]

    def set_option(self, name: str, value: Any) -> None:
        """Set (or with None delete) a WordPress option; see wp-mu-plugin.php for the switches."""
        self.tool("set_option", name=name, value=value)

    def set_permalinks(self, kind: str) -> None:
        """ "pretty" (/%postname%/, REST at /wp-json/) or "plain" (REST only at ?rest_route=)."""
        self.tool("permalinks", permalinks=kind)

    @contextlib.contextmanager
    def permalinks(self, kind: str) -> Iterator[None]:
        """Switch permalinks for a block, then back to the harness default (pretty)."""
        self.set_permalinks(kind)
        try:
            yield
        finally:
            self.set_permalinks("pretty")

    @staticmethod
    def switch_headers(*switches: str) -> dict[str, str]:
        """Headers that make the site act, for those requests only, as if configured otherwise:
        "plain-permalinks", "no-app-passwords", "rest-disabled" (see wp-mu-plugin.php).

        Per request, so test sessions sharing the server never see each other's switches.
        """
        return {"X-BlogDesk-Test": ",".join(switches)}

    @contextlib.contextmanager
    def option(self, name: str, value: Any) -> Iterator[None]:
        self.set_option(name, value)
        try:
            yield
        finally:
            self.set_option(name, None)

    def run_cron(self) -> None:
        """Run WP-Cron once (the harness disables it), e.g. to publish due scheduled posts."""
        import urllib.request

        with urllib.request.urlopen(f"{self.url}/wp-cron.php", timeout=30) as answer:
            answer.read()


def _parse_exports(text: str) -> dict[str, str]:
    env: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("export "):
            name, _, value = line[len("export ") :].partition("=")
            env[name] = shlex.split(value)[0] if value else ""
    return env


def _run_script(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), command], capture_output=True, text=True, timeout=180, check=False
    )


def _users_dir(state_dir: Path) -> Path:
    return state_dir / "run" / "fixture-users"


def _record_secrets(server: WordPressServer) -> None:
    """For scripts/check_secrets.py: the passwords, as typed and in a Basic auth header."""
    import base64

    record_secret("WordPress application password", server.app_password)
    record_secret("WordPress application password", server.app_password.replace(" ", ""))
    record_secret("WordPress admin password", server.admin_password)
    basic = base64.b64encode(f"{server.user}:{server.app_password}".encode()).decode()
    record_secret("WordPress Basic auth header", basic)
    record_state_dir(server.state_dir)


@pytest.fixture(scope="session")
def wordpress() -> Iterator[WordPressServer]:
    for tool in ("bash", "php", "curl"):
        if shutil.which(tool) is None:
            unavailable(
                "WordPress", f"{tool} is not installed (run: sudo bash scripts/system-deps.sh)"
            )
    running = _run_script("env")
    started_here = running.returncode != 0
    proc = _run_script("up")  # idempotent: when running it only checks and re-prints the exports
    if proc.returncode != 0:
        reason = proc.stderr.strip() or f"wordpress.sh up exited with {proc.returncode}"
        unavailable("WordPress", reason)
    env = _parse_exports(proc.stdout)
    server = WordPressServer(
        url=env["WP_URL"],
        user=env["WP_USER"],
        app_password=env["WP_APP_PASSWORD"],
        admin_password=env["WP_ADMIN_PASSWORD"],
        state_dir=Path(env["WP_STATE"]),
    )
    _record_secrets(server)
    # Several test sessions (engineers, CI steps) may share one server: the last one to leave
    # stops it, if a fixture started it; a server someone started by hand keeps running.
    users = _users_dir(server.state_dir)
    users.mkdir(parents=True, exist_ok=True)
    marker = users.parent / "started-by-fixture"
    if started_here:
        marker.touch()
    me = users / str(os.getpid())
    me.touch()
    try:
        yield server
    finally:
        me.unlink(missing_ok=True)
        if marker.exists() and not live_users(_users_dir(server.state_dir)):
            marker.unlink(missing_ok=True)
            _run_script("down")
