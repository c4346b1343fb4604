"""The publishing CLI in-process, end to end against the real WordPress; and the secret never
shows up anywhere: config folder, library, logs, stdout/stderr, error text."""

from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path

import pytest
from tests.memory_keyring import MemoryKeyring
from tests.servers.proxy import FaultProxy
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import unique

from blogdesk.cli import main
from blogdesk.core import paths
from blogdesk.sync.accounts.store import AccountStore

pytestmark = pytest.mark.wordpress


def _run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _files_containing(root: Path, secret: str) -> list[Path]:
    hits = []
    needles = {secret.encode(), secret.replace(" ", "").encode()}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            data = path.read_bytes()
            if any(n in data for n in needles):
                hits.append(path)
    return hits


def test_account_add_publish_flow_never_leaks_the_secret(
    tmp_path: Path,
    wordpress: WordPressServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    accounts: AccountStore,
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = wordpress.app_password
    lib = str(tmp_path / "lib")
    outputs: list[str] = []

    code, out, err = _run(
        capsys,
        monkeypatch,
        "account",
        "add",
        "home",
        "--url",
        wordpress.url,
        "--user",
        wordpress.user,
        "--password-stdin",
        stdin=secret + "\n",
    )
    outputs += [out, err]
    assert code == 0, err
    assert "Found:" in out and "Added 'home'" in out

    code, out, err = _run(capsys, monkeypatch, "account", "list", "--json")
    outputs += [out, err]
    [row] = json.loads(out)
    assert row["name"] == "home" and row["url"] == wordpress.url

    code, out, err = _run(capsys, monkeypatch, "account", "test", "home")
    outputs += [out, err]
    assert code == 0 and "OK" in out

    code, out, err = _run(capsys, monkeypatch, "--library", lib, "new", unique("From the CLI"))
    outputs += [out, err]
    assert code == 0, err
    post_file = out.strip().splitlines()[-1]

    code, out, err = _run(
        capsys,
        monkeypatch,
        "--library",
        lib,
        "publish",
        post_file,
        "--account",
        "home",
        "--status",
        "publish",
        "--json",
    )
    outputs += [out, err]
    assert code == 0, err
    published = json.loads(out)
    assert published["status"] == "publish" and published["link"]
    assert wordpress.get_post(published["remote_id"])["status"] == "publish"

    code, out, err = _run(
        capsys, monkeypatch, "--library", lib, "unpublish", post_file, "--account", "home"
    )
    outputs += [out, err]
    assert code == 0 and out.startswith("draft:")

    code, out, err = _run(capsys, monkeypatch, "--library", lib, "outbox")
    outputs += [out, err]
    assert "empty" in out

    # A wrong password: a clear error, exit 1, no traceback, no secret.
    code, out, err = _run(
        capsys,
        monkeypatch,
        "account",
        "add",
        "bad",
        "--url",
        wordpress.url,
        "--user",
        wordpress.user,
        "--password-stdin",
        stdin="wrong pass word 1234\n",
    )
    outputs += [out, err]
    assert code == 1 and "Traceback" not in err and "wrong pass word" not in err
    assert accounts.find("bad") is None  # nothing stored when the password is refused

    code, out, err = _run(capsys, monkeypatch, "account", "remove", "home")
    outputs += [out, err]
    assert code == 0
    assert memory_keyring.items == {}

    for text in [*outputs, caplog.text]:
        assert secret not in text and secret.replace(" ", "") not in text
    assert _files_containing(paths.config_dir(), secret) == []
    assert _files_containing(paths.cache_dir(), secret) == []
    assert _files_containing(tmp_path / "lib", secret) == []
    assert (paths.config_dir() / "accounts.json").is_file()


def test_cli_publish_offline_exits_3_and_outbox_lists_it(
    tmp_path: Path,
    wordpress: WordPressServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    accounts: AccountStore,
) -> None:
    lib = str(tmp_path / "lib")
    with FaultProxy("127.0.0.1", wordpress.port) as proxy:
        code, _out, err = _run(
            capsys,
            monkeypatch,
            "account",
            "add",
            "p",
            "--url",
            proxy.url,
            "--user",
            wordpress.user,
            "--password-stdin",
            stdin=wordpress.app_password + "\n",
        )
        assert code == 0, err
        # WordPress advertises its own address as the API root; route the API via the proxy.
        store = accounts
        store.update(store.get("p").with_options(api_url=proxy.url + "/wp-json/"))
        _code, out, _err = _run(capsys, monkeypatch, "--library", lib, "new", unique("Queued"))
        post_file = out.strip().splitlines()[-1]
        proxy.refuse()
        code, out, err = _run(
            capsys, monkeypatch, "--library", lib, "publish", post_file, "--account", "p"
        )
        assert code == 3 and "outbox" in out
        code, out, _err = _run(capsys, monkeypatch, "--library", lib, "outbox", "--json")
        [job] = json.loads(out)
        assert job["action"] == "publish"
        proxy.pass_through()
        code, out, err = _run(capsys, monkeypatch, "--library", lib, "outbox", "flush")
        assert code == 0, err
        assert "1 sent, 0 still waiting" in out


def test_cli_errors_are_plain(
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _out, err = _run(
        capsys, monkeypatch, "--library", str(tmp_path), "publish", "nope.md", "--account", "none"
    )
    assert code == 1 and err.startswith("blogdesk: ") and "Traceback" not in err
    code, _out, err = _run(capsys, monkeypatch, "account", "test", "missing")
    assert code == 1 and "no blog account called 'missing'" in err


def test_account_add_without_a_keyring_stores_nothing(
    wordpress: WordPressServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    accounts: AccountStore,
) -> None:
    # tests/conftest.py selects keyring's fail backend: no usable keyring on this "machine".
    code, _out, err = _run(
        capsys,
        monkeypatch,
        "account",
        "add",
        "nokeyring",
        "--url",
        wordpress.url,
        "--user",
        wordpress.user,
        "--password-stdin",
        stdin=wordpress.app_password + "\n",
    )
    assert code == 1
    assert "no secure password storage" in err and "plain file" in err
    assert wordpress.app_password not in err
    assert accounts.find("nokeyring") is None
