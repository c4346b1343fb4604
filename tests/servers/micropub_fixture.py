"""pytest plugin: the session-scoped `micropub_server` fixture, a real Micropub + IndieAuth server.

django-indieweb 0.6.2 (PyPI) with Django on SQLite, run by `manage.py runserver` on 127.0.0.1 from
its own virtual environment (~/.cache/blogdesk-tests/micropub-venv, made here from
micropub_server/requirements.txt
on first use, about 15 s; BlogDesk's own environment never gets Django). Each test session gets
its own site in a temporary folder (a fresh database takes about 2 s), so sessions never share
posts. When it cannot start, the fixture fails with the reason (never skips).

Helpers act as the author in a browser (`browser_session`: the site's login form, then
django-indieweb's consent form with its CSRF token) or on the server side (`mint_token`,
`stored_posts`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import html
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from tests.run_record import record_secret, record_state_dir
from tests.servers.common import unavailable

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "micropub_server"
REPO = HERE.parent.parent
REQUIREMENTS = PROJECT / "requirements.txt"


def venv_dir() -> Path:
    # Outside the clone, so every clone on the machine (CI's included) reuses one environment.
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(os.environ.get("MICROPUB_VENV") or cache / "blogdesk-tests" / "micropub-venv")


def ensure_venv() -> Path:
    """The server's virtual environment, made or refreshed when requirements.txt changed."""
    venv = venv_dir()
    python = venv / "bin" / "python"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    marker = venv / ".blogdesk-requirements"
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / ".micropub-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several test sessions may start at once
        if python.exists() and marker.exists() and marker.read_text() == wanted:
            return python
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(venv)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        proc = subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(REQUIREMENTS),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"pip install failed: {proc.stderr.strip()[-2000:]}")
        marker.write_text(wanted)
    return python


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class MicropubServer:
    url: str  # http://127.0.0.1:PORT
    username: str
    password: str = field(repr=False)
    state_dir: Path
    python: Path
    env: dict[str, str] = field(repr=False)

    @property
    def micropub_url(self) -> str:
        return f"{self.url}/indieweb/micropub/"

    @property
    def media_url(self) -> str:
        return f"{self.url}/indieweb/media/"

    def manage(self, *args: str, stdin: str | None = None) -> str:
        proc = subprocess.run(
            [str(self.python), "-m", "django", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"manage {args[0]} failed: {proc.stderr.strip()[-2000:]}")
        return proc.stdout

    def mint_token(self, scope: str = "create update delete media") -> str:
        """A token saved on the server side (the server keeps only its hash)."""
        key = secrets.token_urlsafe(24)
        # The server keeps one token per (me, client, scope, owner): a client id of its own lets
        # two tests (or two runs sharing the server) each mint a token with the same scope.
        client = f"http://127.0.0.1/client-{secrets.token_hex(4)}/"
        code = (
            "from django.contrib.auth.models import User\n"
            "from indieweb.models import Token\n"
            f"Token.objects.create(owner=User.objects.get(username={self.username!r}), "
            f"client_id={client!r}, me={self.url + '/'!r}, scope={scope!r}, key={key!r})\n"
        )
        self.manage("shell", stdin=code)
        record_secret("Micropub token", key)
        return key

    def browser_session(self) -> requests.Session:
        """A session signed in to the site, as the author's browser would be."""
        browser = requests.Session()
        answer = browser.post(
            f"{self.url}/login/",
            timeout=30,
            data={"username": self.username, "password": self.password},
        )
        answer.raise_for_status()
        return browser

    def approve(self, authorization_url: str, browser: requests.Session | None = None) -> str:
        """Do what the author does in the browser: open the consent page and approve it.

        Returns the redirect the server sends the browser to (redirect_uri?code=...&state=...).
        """
        browser = browser or self.browser_session()
        page = browser.get(authorization_url, timeout=30, allow_redirects=False)
        assert page.status_code == 200, f"consent page: HTTP {page.status_code} {page.text[:200]}"
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
        form = {k: html.unescape(v) for k, v in fields.items()}
        form["action"] = "approve"
        answer = browser.post(
            f"{self.url}/indieweb/auth/",
            data=form,
            timeout=30,
            allow_redirects=False,
            headers={"Referer": authorization_url},
        )
        assert answer.status_code == 302, f"consent: HTTP {answer.status_code} {answer.text[:200]}"
        return answer.headers["Location"]

    def stored_posts(self, *, deleted: bool = False) -> dict[str, dict[str, Any]]:
        """The posts as files on the server: slug → entry."""
        suffix = ".deleted.json" if deleted else ".json"
        found = {}
        for path in (self.state_dir / "posts").glob("*.json"):
            if path.name.endswith(".deleted.json") != deleted:
                continue
            found[path.name[: -len(suffix)]] = json.loads(path.read_text("utf-8"))
        return found

    def media_files(self) -> list[Path]:
        return [p for p in (self.state_dir / "media").rglob("*") if p.is_file()]


def _wait_up(url: str, proc: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=1).ok:
                return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def micropub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MicropubServer]:
    try:
        python = ensure_venv()
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        unavailable("Micropub", f"could not make its virtual environment ({exc})")
    state = tmp_path_factory.mktemp("micropub-site")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DJANGO"))}
    env.update(
        MICROPUB_STATE=str(state),
        MICROPUB_BASE=url,
        MICROPUB_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_SETTINGS_MODULE="micropub_server.settings",
        PYTHONPATH=str(HERE),
    )
    server = MicropubServer(
        url=url,
        username="author",
        password=secrets.token_urlsafe(16),
        state_dir=state,
        python=python,
        env=env,
    )
    try:
        server.manage("migrate", "--noinput")
        server.manage(
            "shell",
            stdin=(
                "from django.contrib.auth.models import User\n"
                f"User.objects.create_user({server.username!r}, password={server.password!r})\n"
            ),
        )
    except (RuntimeError, subprocess.SubprocessError) as exc:
        unavailable("Micropub", str(exc))
    log = open(state / "runserver.log", "wb")  # noqa: SIM115 (closed after the session)
    proc = subprocess.Popen(
        [
            str(python),
            "-m",
            "django",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--skip-checks",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        if not _wait_up(url + "/", proc, 30):
            log = state / "runserver.log"
            unavailable("Micropub", f"runserver did not answer on {url}; see {log}")
        record_secret("Micropub user password", server.password)
        record_state_dir(state)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()
