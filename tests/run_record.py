"""pytest plugin: what a test run did, for the checks `make test` runs after pytest.

- the message of every BlogDeskError created during the run (and the text of every message box
  the `message_boxes` fixture answered), for scripts/check_error_messages.py: each user-facing
  error in src/ must be met by some test;
- the secrets the server fixtures handed out (`record_secret`), and everything the run printed
  or captured, for scripts/check_secrets.py: no secret may end up in a file or a log.

All of it goes under the run's basetemp (`run-record/`), never into the repository; a small
pointer file in the temporary folder, named after the repository's path, says which basetemp
the last run of this checkout used (several checkouts may run tests at the same time).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import pytest

from blogdesk.core.errors import BlogDeskError

_messages: set[str] = set()
_secrets: dict[str, str] = {}
_record_dir: Path | None = None
_output: TextIO | None = None


def pointer_file(rootdir: Path) -> Path:
    """Where the last run of the checkout at `rootdir` leaves the path of its basetemp."""
    digest = hashlib.sha256(str(rootdir.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"blogdesk-test-run-{os.getuid()}-{digest}.json"


def record_secret(label: str, value: str) -> None:
    """A password, key or token a fixture made: the secrets check looks for it in the run's
    output. Written at once (mode 0600), so a run that dies still leaves the list."""
    if not value:
        return
    _secrets[f"{label} #{len(_secrets)}"] = value
    if _record_dir is not None:
        path = _record_dir / "secrets.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(_secrets, out)


def record_state_dir(path: Path) -> None:
    """A server's state folder: the secrets check reads its logs (not its credential files)."""
    if _record_dir is not None:
        listed = _record_dir / "state-dirs.txt"
        with listed.open("a", encoding="utf-8") as out:
            out.write(f"{path}\n")


def record_message(text: str) -> None:
    _messages.add(text)


_original_new = BlogDeskError.__new__


def _recording_new(cls: type[BlogDeskError], *args: Any, **kwargs: Any) -> BlogDeskError:
    # The arguments as written at the raise site (before a subclass's __init__ adds a path or a
    # line number): what the check's templates describe. Exception.__new__ ignores keywords.
    for arg in args[:1]:
        if isinstance(arg, str):
            _messages.add(arg)
    message = kwargs.get("message")
    if isinstance(message, str):
        _messages.add(message)
    return _original_new(cls, *args)  # type: ignore[call-arg]


@pytest.hookimpl(trylast=True)  # after the tmp_path plugin has set up the basetemp
def pytest_configure(config: pytest.Config) -> None:
    global _record_dir, _output
    if hasattr(config, "workerinput"):  # pragma: no cover - xdist is not used
        return
    BlogDeskError.__new__ = _recording_new  # type: ignore[method-assign,assignment]
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    _record_dir = base / "run-record"
    _record_dir.mkdir(exist_ok=True)
    _output = open(  # noqa: SIM115 (closed at unconfigure)
        _record_dir / "output.log", "w", encoding="utf-8", errors="backslashreplace"
    )
    _tee_terminal(config, _output)
    pointer = {"basetemp": str(base), "args": list(config.invocation_params.args)}
    pointer_file(config.rootpath).write_text(json.dumps(pointer), encoding="utf-8")


def _tee_terminal(config: pytest.Config, log: TextIO) -> None:
    """Everything pytest prints (failure reports with their captured output, the summary) also
    goes to the run's log."""
    writer = config.get_terminal_writer()
    target = writer._file

    class Tee:
        def write(self, text: str) -> int:
            log.write(text)
            return target.write(text)

        def __getattr__(self, name: str) -> Any:
            return getattr(target, name)

    writer._file = Tee()  # type: ignore[assignment]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """The captured stdout, stderr and log of every test, passing ones too (pytest shows only
    the failing ones), go to the run's log."""
    if _output is None:
        return
    for name, text in report.sections:
        if text:
            _output.write(f"--- {report.nodeid} {report.when} {name}\n{text}\n")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _record_dir is None:
        return
    (_record_dir / "messages.json").write_text(
        # ASCII escapes: hostile-input tests make messages with lone surrogates.
        json.dumps(sorted(_messages), indent=0),
        encoding="utf-8",
    )
    (_record_dir / "session.json").write_text(
        json.dumps({"collected": session.testscollected, "failed": session.testsfailed}),
        encoding="utf-8",
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    if _output is not None:
        _output.close()


MessageBoxes = Callable[..., list[str]]


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[MessageBoxes]:
    """Answer QMessageBox's static dialogs without showing them, recording their texts:
    `answers = message_boxes(QMessageBox.StandardButton.Yes)` → the list of texts shown."""
    from PySide6.QtWidgets import QMessageBox

    def install(answer: Any = QMessageBox.StandardButton.Ok) -> list[str]:
        shown: list[str] = []

        def box(*args: Any, **kwargs: Any) -> Any:
            text = kwargs.get("text", args[2] if len(args) > 2 else "")
            shown.append(str(text))
            record_message(str(text))
            return answer

        for name in ("warning", "question", "critical", "information", "about"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(box))
        return shown

    yield install
