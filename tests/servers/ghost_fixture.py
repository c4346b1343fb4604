"""pytest plugin: the session-scoped `ghost` fixture, a real Ghost 5 on 127.0.0.1.

tests/servers/ghost.sh installs Ghost from the npm registry into .cache/ghost (once; a few
minutes on a fresh machine) and starts it (reused when it is already running, and then left
running). The fixture then does what an author does in Ghost's admin, through the Admin API with
a staff session cookie: create the owner (first run only), add a custom integration and take its
Admin API key. When the server cannot start, the fixture fails with the reason, on CI or not: a
missing server must never pass as green.

Helpers act "behind BlogDesk's back" with the owner's session cookie, as another author in Ghost's
editor would.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from tests.run_record import record_secret, record_state_dir
from tests.servers.common import live_users, unavailable

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "ghost.sh"
OWNER_EMAIL = "owner@blogdesk.test"


@dataclass
class GhostServer:
    url: str  # http://127.0.0.1:PORT
    admin_key: str = field(repr=False)
    password: str = field(repr=False)
    state_dir: Path

    @property
    def api_url(self) -> str:
        return f"{self.url}/ghost/api/admin/"

    def staff_session(self) -> requests.Session:
        return staff_session(self.url, self.password)

    # ---------------------------------------------------------------- behind BlogDesk's back
    def get_post(self, post_id: str) -> dict[str, Any]:
        with self.staff_session() as s:
            answer = s.get(
                f"{self.api_url}posts/{post_id}/", params={"formats": "html"}, timeout=30
            )
            answer.raise_for_status()
            post: dict[str, Any] = answer.json()["posts"][0]
            return post

    def edit_post(self, post_id: str, **fields: Any) -> dict[str, Any]:
        """Change a post as another author in Ghost's editor would (title, html, ...)."""
        with self.staff_session() as s:
            current = s.get(f"{self.api_url}posts/{post_id}/", timeout=30).json()["posts"][0]
            body = {"updated_at": current["updated_at"], **fields}
            params = {"source": "html"} if "html" in fields else {}
            answer = s.put(
                f"{self.api_url}posts/{post_id}/", params=params, timeout=30, json={"posts": [body]}
            )
            answer.raise_for_status()
            post: dict[str, Any] = answer.json()["posts"][0]
            return post

    def posts_titled(self, title: str) -> list[dict[str, Any]]:
        with self.staff_session() as s:
            answer = s.get(
                f"{self.api_url}posts/",
                timeout=30,
                params={"filter": f"title:'{title}'", "limit": "all"},
            )
            answer.raise_for_status()
            posts: list[dict[str, Any]] = answer.json()["posts"]
            return posts


def staff_session(url: str, password: str) -> requests.Session:
    """A signed-in staff session (cookie). Ghost wants an Origin header on session requests."""
    s = requests.Session()
    s.headers.update({"Origin": url, "Accept-Version": "v5.0"})
    answer = s.post(
        f"{url}/ghost/api/admin/session/",
        timeout=30,
        json={"username": OWNER_EMAIL, "password": password},
    )
    if answer.status_code not in (200, 201):
        raise RuntimeError(f"Ghost sign-in failed: HTTP {answer.status_code} {answer.text[:300]}")
    return s


def _set_up_site(url: str, state_dir: Path) -> tuple[str, str]:
    """The owner (made on first run) and a working Admin API key: (password, key)."""
    saved_file = state_dir / "fixture-owner.json"
    saved: dict[str, str] = json.loads(saved_file.read_text()) if saved_file.exists() else {}
    api = f"{url}/ghost/api/admin/"
    status = requests.get(api + "authentication/setup/", timeout=30).json()["setup"][0]["status"]
    if not status:
        saved = {"password": secrets.token_urlsafe(18)}
        answer = requests.post(
            api + "authentication/setup/",
            timeout=60,
            headers={"Origin": url},
            json={
                "setup": [
                    {
                        "name": "Test Owner",
                        "email": OWNER_EMAIL,
                        "password": saved["password"],
                        "blogTitle": "BlogDesk Ghost tests",
                    }
                ]
            },
        )
        if answer.status_code not in (200, 201):
            raise RuntimeError(
                f"owner set-up failed: HTTP {answer.status_code} {answer.text[:300]}"
            )
        saved_file.write_text(json.dumps(saved))
        saved_file.chmod(0o600)
    if "password" not in saved:
        raise RuntimeError(f"the site has an owner but {saved_file} is gone; run ghost.sh reset")
    with staff_session(url, saved["password"]) as s:
        if saved.get("key"):
            probe = requests.Session()
            from blogdesk.sync.providers.ghost.admin_api import make_token, parse_admin_key

            key_id, secret = parse_admin_key(saved["key"])
            ok = probe.get(
                api + "posts/",
                params={"limit": 1},
                timeout=30,
                headers={"Authorization": f"Ghost {make_token(key_id, secret)}"},
            ).ok
            if ok:
                return saved["password"], saved["key"]
        answer = s.post(
            api + "integrations/",
            params={"include": "api_keys"},
            timeout=30,
            json={"integrations": [{"name": f"BlogDesk tests {secrets.token_hex(3)}"}]},
        )
        if answer.status_code not in (200, 201):
            raise RuntimeError(f"integration failed: HTTP {answer.status_code} {answer.text[:300]}")
        keys = answer.json()["integrations"][0]["api_keys"]
        saved["key"] = next(k["secret"] for k in keys if k["type"] == "admin")
    saved_file.write_text(json.dumps(saved))
    return saved["password"], saved["key"]


def new_integration_key(server: GhostServer, name: str) -> tuple[str, str]:
    """Another custom integration: (its id, its Admin API key)."""
    with server.staff_session() as s:
        answer = s.post(
            server.api_url + "integrations/",
            params={"include": "api_keys"},
            json={"integrations": [{"name": name}]},
            timeout=30,
        )
        answer.raise_for_status()
        made = answer.json()["integrations"][0]
        key = next(k["secret"] for k in made["api_keys"] if k["type"] == "admin")
        record_secret("Ghost Admin API key", key)
        record_secret("Ghost Admin API key secret", key.partition(":")[2])
        return made["id"], key


def delete_integration(server: GhostServer, integration_id: str) -> None:
    with server.staff_session() as s:
        s.delete(f"{server.api_url}integrations/{integration_id}/", timeout=30).raise_for_status()


def _parse_exports(text: str) -> dict[str, str]:
    env: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("export "):
            name, _, value = line[len("export ") :].partition("=")
            env[name] = shlex.split(value)[0] if value else ""
    return env


def _run_script(command: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), command], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="session")
def ghost() -> Iterator[GhostServer]:
    for tool in ("bash", "node", "npm", "curl"):
        if shutil.which(tool) is None:
            unavailable("Ghost", f"{tool} is not installed (run: sudo bash scripts/system-deps.sh)")
    started_here = _run_script("env").returncode != 0
    try:
        # The first run on a fresh machine installs Ghost (npm, a native sqlite3 build).
        proc = _run_script("up", timeout=1200)
    except subprocess.TimeoutExpired:
        unavailable("Ghost", "ghost.sh up took more than 20 minutes")
    if proc.returncode != 0:
        reason = proc.stderr.strip()[-1500:] or f"ghost.sh up exited with {proc.returncode}"
        unavailable("Ghost", reason)
    env = _parse_exports(proc.stdout)
    state = Path(env["GHOST_STATE"])
    try:
        password, key = _set_up_site(env["GHOST_URL"], state)
    except (RuntimeError, requests.RequestException, KeyError, ValueError) as exc:
        unavailable("Ghost", f"setting up the site failed: {exc}")
    server = GhostServer(url=env["GHOST_URL"], admin_key=key, password=password, state_dir=state)
    # For scripts/check_secrets.py: the key (and its secret half, which signs the tokens).
    record_secret("Ghost Admin API key", key)
    record_secret("Ghost Admin API key secret", key.partition(":")[2])
    record_secret("Ghost owner password", password)
    record_state_dir(state)
    # Several test sessions may share one server: the last one to leave stops it, if a fixture
    # started it; a server someone started by hand keeps running.
    users = state / "run" / "fixture-users"
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
        if marker.exists() and not live_users(users):
            marker.unlink(missing_ok=True)
            _run_script("down")
