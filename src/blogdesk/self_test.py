"""`blogdesk --self-test`: prove that this installation works, then exit.

Opens the real window (DeskApp, as `blogdesk` does) offscreen on a throw-away library holding one
post, waits for the web preview to show the rendered post, checks what the page shows, closes the
window the way a user does and exits 0. Every check prints one line; the first failure prints
what went wrong to stderr and exits 1.

Meant for packagers and smoke tests: a bundle with a missing Qt plugin, a QtWebEngine without its
helper process or resources, or a pruned file the preview needs fails here, not on a user's desk.
Nothing of the user's own folders is read or written (every BLOGDESK_*_DIR points into a temporary
folder), and no display is needed (QT_QPA_PLATFORM defaults to `offscreen`).
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

# How long QtWebEngine may take to start its helper process and paint the first post. A cold
# start on a slow CI machine takes a few seconds; a broken bundle never finishes.
TIMEOUT_S = 90.0

SAMPLE_POST = """\
---
title: Self-test post
status: draft
---

# Self-test heading

A paragraph with *emphasis*.

| column | value |
|--------|-------|
| one    | 1     |

```python
print("highlighted")
```
"""

# What the preview must show for SAMPLE_POST: JavaScript run in the page, and what it returns.
PAGE_CHECKS: tuple[tuple[str, str, object], ...] = (
    (
        "heading",
        "document.querySelector('#blogdesk-content h1')?.textContent",
        "Self-test heading",
    ),
    ("table", "document.querySelectorAll('#blogdesk-content td').length", 2),
    (
        "highlighted code",
        "document.querySelectorAll('#blogdesk-content .codehilite span.nb').length > 0",
        True,
    ),
)


class SelfTestFailed(Exception):
    """A check failed; the message says which and why."""


def _ok(message: str) -> None:
    print(f"ok    {message}", flush=True)


def _isolate(folder: Path) -> Path:
    """Point every BlogDesk folder into `folder`; the library path."""
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        os.environ[f"BLOGDESK_{name}_DIR"] = str(folder / name.lower())
    library = folder / "library"
    os.environ["BLOGDESK_LIBRARY"] = str(library)
    return library


def run_checks(folder: Path) -> None:
    """Every check, in order; raises SelfTestFailed at the first one that fails."""
    from blogdesk import __version__, resources

    frozen = getattr(sys, "frozen", False)
    _ok(
        f"BlogDesk {__version__} on Python {platform.python_version()} "
        f"({'bundle' if frozen else 'interpreter'} {sys.executable})"
    )
    for name in ("icons/blogdesk.svg", "preview/template.html", "welcome.md"):
        try:
            resources.path(name)
        except FileNotFoundError as exc:
            raise SelfTestFailed(str(exc)) from exc
    _ok("bundled files: icon, preview page, welcome post")

    library = _isolate(folder)
    library.mkdir(parents=True)
    post = library / "self-test.md"
    post.write_text(SAMPLE_POST, encoding="utf-8")
    # Marks the library as welcomed: the self-test opens its own post, not the welcome post.
    (library / ".blogdesk").mkdir()
    (library / ".blogdesk" / "welcomed").touch()

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer, qVersion

    from blogdesk.app import DeskApp, app_icon, create_application

    app = create_application()
    _ok(f"Qt {qVersion()} (PySide6 {pyside_version}), platform {app.platformName()}")

    # The icon is an SVG: a null pixmap means the SVG icon engine or image plug-in is missing.
    if app_icon().pixmap(64, 64).isNull():
        raise SelfTestFailed("the application icon (SVG) does not load: Qt's SVG plug-in missing?")
    _ok("application icon renders (SVG plug-in)")

    def wait_for(what: str, done: Callable[[], bool]) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while not done():
            if time.monotonic() > deadline:
                raise SelfTestFailed(f"timed out after {TIMEOUT_S:.0f} s waiting for {what}")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)

    started = time.monotonic()
    desk = DeskApp.build(library, [post], start_preview=True)
    window = desk.window
    painted: list[bool] = []
    window.previewPainted.connect(lambda: painted.append(True))
    desk.start([post])
    wait_for("the window to show", window.isVisible)
    _ok(f"window shown on a library with {post.name}")

    wait_for("the web preview to show the post (QtWebEngine)", lambda: bool(painted))
    _ok(f"web preview painted the post in {time.monotonic() - started:.1f} s")

    def ask_page(what: str, script: str) -> Any:
        answers: list[Any] = []
        window.preview.run_in_page(script, answers.append)
        wait_for(f"the preview page to answer ({what})", lambda: bool(answers))
        return answers[0]

    for what, script, expected in PAGE_CHECKS:
        answer = ask_page(what, script)
        if answer != expected:
            raise SelfTestFailed(
                f"the preview shows the wrong {what}: {answer!r}, expected {expected!r}"
            )
    _ok("preview shows: " + ", ".join(what for what, _script, _expected in PAGE_CHECKS))

    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    # Later, from the event loop, as a click on the close button would be.
    QTimer.singleShot(0, window.close)
    wait_for("the window to close", lambda: bool(closed))
    desk.shutdown()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if "Self-test heading" not in post.read_text(encoding="utf-8"):
        raise SelfTestFailed(f"{post} lost its text on close")
    _ok("window closed, post saved, services shut down")


def main() -> int:
    """Run the checks; 0 when they all pass, 1 (with the reason on stderr) otherwise."""
    # No display needed: a package build machine or a container has none.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="blogdesk-self-test-") as tmp:
        try:
            run_checks(Path(tmp))
        except SelfTestFailed as exc:
            print(f"blogdesk --self-test: FAILED: {exc}", file=sys.stderr, flush=True)
            return 1
        except Exception as exc:  # anything else is a broken installation too: say what
            traceback.print_exc()
            print(
                f"blogdesk --self-test: FAILED: {type(exc).__name__}: {exc}",
                file=sys.stderr,
                flush=True,
            )
            return 1
    print("blogdesk --self-test: all checks passed", flush=True)
    return 0
