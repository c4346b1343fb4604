"""BlogDesk against a real system keyring, not the in-memory test backend.

On Linux every check runs in a subprocess inside its own D-Bus session (`dbus-run-session`) with a
real GNOME Keyring (`gnome-keyring-daemon`, the Secret Service most desktops have), a private
HOME and XDG folders in tmp, and PYTHON_KEYRING_BACKEND unset, so keyring chooses its backend as it
does on an author's machine:
- keyring's default backend is the Secret Service one, and BlogDesk sees no problem with it;
- a secret stored through BlogDesk's KeyringStore is read back, and libsecret's own
  `secret-tool` finds it under the service "BlogDesk" (so it really is in the keyring);
- `blogdesk account add … --password-stdin` against the real Micropub server stores its token
  there, and `blogdesk account test` in a later session reads it back;
- a LOCKED keyring (the daemon started without --unlock) and a MISSING one (no D-Bus session)
  give BlogDesk's own messages.
The daemon and tools are Debian packages (scripts/system-deps.d/keyring.list); when they are
missing, the tests fail and say so (a skip would turn a missing keyring into a green run).

On macOS and Windows the same tests for the default backend, the round trip and `account add`
run against the login Keychain / the Credential Locker of the user running them (no private
HOME: the keychain lives there). The locked/missing checks are Secret Service ones (Linux only).
Secrets are passed on stdin or in the environment and never printed, not even on failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.servers.micropub_fixture import MicropubServer

from blogdesk.sync.accounts.credentials import LOCKED_MESSAGE, NO_KEYRING_MESSAGE

REPO = Path(__file__).resolve().parents[2]
LINUX = sys.platform.startswith("linux")
EXPECTED_BACKEND = {
    "linux": "keyring.backends.SecretService.Keyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "win32": "keyring.backends.Windows.WinVaultKeyring",
}.get("linux" if LINUX else sys.platform, "?")
TIMEOUT_S = 120

linux_only = pytest.mark.skipif(
    not LINUX, reason="Secret Service lock states: Linux only (the other keyring tests run there)"
)

# What the checks run inside the session: report facts as JSON lines, never a secret.
PROBE = textwrap.dedent(
    """
    import json, os, subprocess, sys
    import keyring
    from blogdesk.sync.accounts.credentials import KeyringStore, keyring_problem, CredentialError

    def say(**facts):
        print(json.dumps(facts), flush=True)

    backend = type(keyring.get_keyring())
    say(backend=f"{backend.__module__}.{backend.__qualname__}", problem=keyring_problem())
    store, secret = KeyringStore(), os.environ["PROBE_SECRET"]
    try:
        store.set("probe-account", secret)
        say(read_back=store.get("probe-account") == secret, description=store.description)
    except CredentialError as exc:
        say(error=type(exc).__name__, message=str(exc))
        sys.exit(0)
    tool = os.environ.get("SECRET_TOOL")
    if tool:
        found = subprocess.run(
            [tool, "lookup", "service", "BlogDesk", "username", "probe-account"],
            capture_output=True, text=True, timeout=30,
        )
        say(secret_tool_finds_it=found.stdout.strip() == secret)
    store.delete("probe-account")
    say(after_delete=store.get("probe-account"))
    """
)


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is not installed: the real keyring cannot be tested. Install the packages "
            "in scripts/system-deps.d/keyring.list (sudo bash scripts/system-deps.sh).",
            pytrace=False,
        )
    return path


def never_shown(secret: str, text: str, where: str = "BlogDesk's output") -> None:
    """Fail when `secret` is in `text`, without printing either (a plain `assert secret not in
    text` would have pytest show the secret in its report)."""
    if secret in text:
        pytest.fail(f"a secret appeared in {where}", pytrace=False)


def user_env(home: Path) -> dict[str, str]:
    """The environment of an author's session: keyring picks its own backend; on Linux a private
    home and XDG folders, and no display (an unlock prompt must fail at once, not wait)."""
    dropped = {"PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL"}
    if LINUX:
        dropped |= {"DISPLAY", "WAYLAND_DISPLAY"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    if LINUX:
        runtime = home / "run"
        runtime.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)  # D-Bus and the daemon refuse a runtime folder others can read
        env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_RUNTIME_DIR=str(runtime),
        )
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        env[f"BLOGDESK_{name}_DIR"] = str(home / "blogdesk" / name.lower())
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])
    return env


def in_session(
    home: Path,
    command: list[str],
    *,
    unlock: bool = True,
    stdin: str = "",
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `command` as the author would: on Linux inside a new D-Bus session with GNOME Keyring
    (unlocked with the session's login password, or started locked)."""
    env = user_env(home) | (extra_env or {})
    argv = list(command)
    if LINUX:
        require("dbus-run-session")
        require("gnome-keyring-daemon")
        env["LOGIN_PASSWORD"] = "login-" + home.name  # the keyring's own password, not a blog's
        start = (
            'printf %s "$LOGIN_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets'
            if unlock
            else "gnome-keyring-daemon --start --components=secrets"
        )
        script = f'{start} >/dev/null || exit 97; exec "$@"'
        argv = ["dbus-run-session", "--", "sh", "-c", script, "sh", *argv]
    done = subprocess.run(
        argv, env=env, input=stdin, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    if done.returncode == 97:
        pytest.fail(f"gnome-keyring-daemon did not start: {done.stderr[-2000:]}", pytrace=False)
    return done


def blogdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "blogdesk", *args]


def facts(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    found: dict[str, object] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            found.update(json.loads(line))
    assert found, f"the probe reported nothing (exit {done.returncode}): {done.stderr[-2000:]}"
    return found


def probe(home: Path, *, unlock: bool = True, bus: bool = True) -> dict[str, object]:
    secret = secrets.token_urlsafe(18)
    extra = {"PROBE_SECRET": secret}
    if LINUX:
        extra["SECRET_TOOL"] = require("secret-tool")
    command = [sys.executable, "-c", PROBE]
    if bus:
        done = in_session(home, command, unlock=unlock, extra_env=extra)
    else:  # no D-Bus session at all: what a server or a bare container has
        done = subprocess.run(
            command,
            env=user_env(home) | extra,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    never_shown(secret, done.stdout + done.stderr)
    return facts(done)


# -- a working keyring -----------------------------------------------------------------------------


def test_the_default_backend_is_the_systems_and_keeps_blogdesks_secret(tmp_path: Path) -> None:
    found = probe(tmp_path / "home")
    assert found["backend"] == EXPECTED_BACKEND
    assert found["problem"] is None
    assert found.get("read_back") is True, found
    assert EXPECTED_BACKEND in str(found["description"])
    if LINUX:
        assert found["secret_tool_finds_it"] is True  # really in the Secret Service
    assert found["after_delete"] is None


def test_account_add_stores_the_token_in_the_real_keyring_end_to_end(
    tmp_path: Path, micropub_server: MicropubServer
) -> None:
    home = tmp_path / "home"
    token = micropub_server.mint_token("create media")  # a scope no other test mints
    add = in_session(
        home,
        blogdesk(
            "account",
            "add",
            "notes",
            "--type",
            "micropub",
            "--url",
            micropub_server.url,
            "--password-stdin",
        ),
        stdin=token + "\n",
    )
    output = add.stdout + add.stderr
    never_shown(token, output)
    assert add.returncode == 0, output
    assert "Added 'notes'" in add.stdout
    assert f"The secret is kept in the system keyring ({EXPECTED_BACKEND})" in add.stdout
    # A new session (a new login): the token comes back out of the keyring on disk.
    test = in_session(home, blogdesk("account", "test", "notes"))
    never_shown(token, test.stdout + test.stderr)
    assert test.returncode == 0, test.stdout + test.stderr
    assert "notes: OK" in test.stdout
    if LINUX:
        # Nothing of it in BlogDesk's own files: the config folder holds the account, not the token.
        config = home / "blogdesk" / "config"
        for path in config.rglob("*"):
            if path.is_file():
                never_shown(token, path.read_text("utf-8", errors="replace"), where=str(path))


# -- a locked keyring, no keyring ------------------------------------------------------------------


@linux_only
def test_a_locked_keyring_is_said_plainly(tmp_path: Path, micropub_server: MicropubServer) -> None:
    home = tmp_path / "home"
    token = micropub_server.mint_token("update")
    add = in_session(
        home,
        blogdesk(
            "account",
            "add",
            "locked",
            "--type",
            "micropub",
            "--url",
            micropub_server.url,
            "--password-stdin",
        ),
        stdin=token + "\n",
    )
    assert add.returncode == 0, add.stdout + add.stderr
    # The next login did not unlock the keyring (e.g. an auto-login without a password).
    found = probe(home, unlock=False)
    assert found["backend"] == EXPECTED_BACKEND
    assert found["error"] == "CredentialError"
    assert found["message"] == LOCKED_MESSAGE
    assert str(found["message"]).startswith("The system keyring is locked. Unlock it")
    test = in_session(home, blogdesk("account", "test", "locked"), unlock=False)
    never_shown(token, test.stdout + test.stderr)
    assert test.returncode == 1
    # stderr holds the daemon's own chatter too (the unlock prompt it could not show).
    said = [line for line in test.stderr.splitlines() if line.startswith("blogdesk:")]
    assert said == [f"blogdesk: {LOCKED_MESSAGE}"], test.stderr
    assert "Traceback" not in test.stderr


@linux_only
def test_no_dbus_session_means_no_keyring_and_says_what_to_do(
    tmp_path: Path, micropub_server: MicropubServer
) -> None:
    found = probe(tmp_path / "home", bus=False)
    assert found["backend"] == "keyring.backends.fail.Keyring"
    assert found["problem"] == "no recommended backend was available"
    assert found["error"] == "KeyringUnavailableError"
    assert str(found["message"]).startswith(NO_KEYRING_MESSAGE)
    token = micropub_server.mint_token("delete")
    add = subprocess.run(
        blogdesk(
            "account",
            "add",
            "nobus",
            "--type",
            "micropub",
            "--url",
            micropub_server.url,
            "--password-stdin",
        ),
        env=user_env(tmp_path / "home"),
        input=token + "\n",
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    never_shown(token, add.stdout + add.stderr)
    assert add.returncode == 1
    assert "no secure password storage (keyring) works on this computer" in add.stderr
    assert "will not write it to a plain file" in add.stderr
    assert "Traceback" not in add.stderr
