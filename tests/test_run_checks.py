"""The checks `make test` runs after pytest: they must find what they are for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import check_error_messages  # noqa: E402


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_messages_are_listed_with_their_templates() -> None:
    messages = {m.template: m for m in check_error_messages.source_messages()}
    ended = messages["No password was typed (input ended)."]
    assert ended.pattern.fullmatch("No password was typed (input ended).")
    taken = messages["Could not find a free address (slug) for {…}."]
    assert taken.pattern.fullmatch("Could not find a free address (slug) for 'hello'.")
    assert not taken.pattern.fullmatch("Could not find a free address for 'hello'.")
    # A message box's text in the window is listed too.
    assert any(t.startswith("{…}\n\nQuit anyway?") for t in messages)
    # Translated messages count as their English text, a hole for each placeholder:
    # translate("MainWindow", "{reason}\n\nQuit anyway? …").format(reason=…) above, and
    # translate("HistoryUi", "…") alone.
    assert "Syncing needs the library's history, which is turned off." in messages
    pdf = messages["The PDF was not made within {…} s."]
    assert pdf.pattern.fullmatch("The PDF was not made within 60 s.")


def test_a_translated_message_is_read_as_its_english_template() -> None:
    import ast

    def parts(source: str) -> list[str | None] | None:
        return check_error_messages._parts(ast.parse(source, mode="eval").body)

    assert parts('translate("Ctx", "Could not save {path}: {reason}")') == [
        "Could not save ",
        None,
        ": ",
        None,
        "",
    ]
    assert parts('translate("Ctx", "Gone: {name}.").format(name=x)') == ["Gone: ", None, "."]
    assert parts('"Plain {0} text".format(x)') == ["Plain ", None, " text"]
    assert parts("translate(context, text)") is None  # no literal: checked where it is made


def test_every_excused_message_says_why() -> None:
    for template, why in check_error_messages.allowed().items():
        assert why == "TODO" or len(why) > 15, template  # "TODO": the not-yet-tested list


def test_a_message_no_test_met_fails_the_check(tmp_path: Path) -> None:
    record = tmp_path / "run-record"
    record.mkdir()
    (record / "messages.json").write_text(json.dumps(["No password was typed (input ended)."]))
    done = _run("check_error_messages.py", "--basetemp", str(tmp_path))
    assert done.returncode == 1
    assert "no test triggers" in done.stdout
    assert "git is not installed, so BlogDesk cannot commit the post." in done.stdout
    assert "No password was typed (input ended)." not in done.stdout


def test_a_leaked_secret_is_found_and_named_never_printed(tmp_path: Path) -> None:
    secret = "s3cret-" + "q" * 20
    base = tmp_path / "basetemp"
    record = base / "run-record"
    record.mkdir(parents=True)
    (record / "secrets.json").write_text(json.dumps({"Ghost Admin API key #0": secret}))
    (base / "clean.txt").write_text("nothing here")
    deep = base / "test_x0" / "config"
    deep.mkdir(parents=True)
    (deep / "accounts.json").write_text(f'{{"token": "{secret}"}}')
    state = tmp_path / "server-state"
    (state / "logs").mkdir(parents=True)
    (state / "logs" / "access.log").write_text(f"GET /?key={secret}\n")
    (state / "credentials").write_text(secret)  # a server's own credential file: by design
    (record / "state-dirs.txt").write_text(f"{state}\n")
    done = _run("check_secrets.py", "--basetemp", str(base))
    assert done.returncode == 1
    assert str(deep / "accounts.json") in done.stdout
    assert str(state / "logs" / "access.log") in done.stdout
    assert "clean.txt" not in done.stdout and "credentials" not in done.stdout
    assert "Ghost Admin API key" in done.stdout
    assert secret not in done.stdout + done.stderr
    (deep / "accounts.json").unlink()
    (state / "logs" / "access.log").unlink()
    assert _run("check_secrets.py", "--basetemp", str(base)).returncode == 0
