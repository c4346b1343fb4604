"""Render the pre-publish checklist over the BlogDesk window to a PNG (docs/checklist.png).

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_checklist.py \
        docs/checklist.png

A throw-away library holds one post with things to fix and a static-site account; Publish runs
the checks and the checklist opens beside the editor. The whole screen is grabbed, so the
window and the dialog are both in the picture (run it under Xvfb, as above).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

POST = """---
title: Ten days in the Alps
status: published
tags: [travel]
---

We left Zürich on a grey morning and came back with more photographs than sense.

![](alps/summit.jpg)

Everything we packed is in [the packing list](notes/packing.pdf), and the route is in
/home/anna/Documents/route.gpx for now.

## The first pass

[caption id="attachment_12"]<img src="pass.png" alt="The pass at dawn"> The pass at dawn

#### Where we slept

A hut with twelve bunks and one stove.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="blogdesk-shot-"))
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        os.environ[f"BLOGDESK_{name}_DIR"] = str(base / name.lower())
    library = base / "library"
    (library / ".blogdesk").mkdir(parents=True)
    (library / "alps").mkdir()
    (library / "ten-days-in-the-alps.md").write_text(POST, encoding="utf-8")
    from PIL import Image

    Image.new("RGB", (64, 40), (90, 120, 160)).save(library / "alps" / "summit.jpg")
    Image.new("RGB", (64, 40), (200, 160, 90)).save(library / "pass.png")
    site = base / "site"
    (site / "_posts").mkdir(parents=True)

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    from blogdesk.app import DeskApp, create_application
    from blogdesk.sync.accounts.store import Account

    app = create_application()
    post = library / "ten-days-in-the-alps.md"
    desk = DeskApp.build(library, [post])
    desk.window.resize(1200, 780)
    desk.window.move(0, 0)
    desk.start([post])
    done: list[bool] = []

    def shown(dialog: object) -> None:
        dialog.move(560, 300)  # type: ignore[attr-defined]
        QTimer.singleShot(1200, grab)

    def grab() -> None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        screen = QGuiApplication.primaryScreen()
        done.append(screen.grabWindow(0, 0, 0, 1240, 780).save(str(args.output)))
        app.quit()

    def publish_when_ready() -> None:
        publishing = getattr(desk.window, "publishing", None)
        if publishing is None:  # the Blog menu is added just after the first frame
            QTimer.singleShot(100, publish_when_ready)
            return
        publishing.startup_timer.stop()
        account = Account.new("Travel blog", "static", str(site), "", git="off")
        publishing.service.accounts.add(account.with_options(expects=["excerpt"]))
        publishing.checks.shown.connect(shown)
        QTimer.singleShot(1000, publishing.publish)

    QTimer.singleShot(100, publish_when_ready)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    desk.shutdown()
    if not done or not done[0]:
        print(f"screenshot: could not write {args.output}", file=sys.stderr)
        return 1
    print(f"screenshot: wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
