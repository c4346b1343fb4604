"""Screenshot of spell checking in the real window: underlines and the context menu
(docs/spellcheck.png). Needs a real X server, since the context menu is a window of its own:

    xvfb-run -a -s "-screen 0 1400x860x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python scripts/screenshot_spelling.py docs/spellcheck.png

Uses throw-away settings, state and library folders, as scripts/screenshot.py does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

POST = """---
title: Notes from the Rhine
status: draft
lang: [en_US, de_DE]
tags: [travel]
---

# A week on the Rhine

We took the slow train along the river, and every station had its own Bäckerei with a
queue out the door. The conductor recomended the *Apfelstrudel* in Bacharach, which
turned out to be the best advise of the whole trip.

## Getting there

Tickets are on [the railway's site](https://www.bahn.de/angebot) and cost less than you
would expect. The `RE 5` runs every hour; bring a jacket, the wind on the platfrom is
sharp even in Juni.

```python
def minuets_late(train):  # code is never checked
    return train.delay
```

> Reisen ist die einzige Sache, die man kauft und die einen reicher macht.

Next tiem: the Loreley, and why the view is worth the climb.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--size", default="1400x860", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    base = Path(tempfile.mkdtemp(prefix="blogdesk-shot-"))
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        os.environ[f"BLOGDESK_{name}_DIR"] = str(base / name.lower())
    library = base / "library"
    (library / ".blogdesk").mkdir(parents=True)
    post = library / "notes-from-the-rhine.md"
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from screenshot import unwrap  # paragraphs on one line each, as an author types them

    post.write_text(unwrap(POST), encoding="utf-8")
    (base / "config").mkdir()
    (base / "config" / "settings.json").write_text('{"theme": "light"}', encoding="utf-8")

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication, QTextCursor

    from blogdesk.app import DeskApp, create_application

    app = create_application()
    desk = DeskApp.build(library, [post])
    desk.window.move(0, 0)
    desk.window.resize(width, height)
    desk.start([post])
    editor = desk.window.editor
    done: list[bool] = []
    deadline = time.monotonic() + 60

    def poll() -> None:
        underlined = bool(desk.window.spelling.highlighter.misspelled)
        if (underlined and desk.window.preview is not None) or time.monotonic() > deadline:
            QTimer.singleShot(1500, open_menu)  # the preview's first frame
        else:
            QTimer.singleShot(100, poll)

    def open_menu() -> None:
        cursor = QTextCursor(editor.document())
        cursor.setPosition(editor.toPlainText().index("recomended") + 3)
        pos = editor.cursorRect(cursor).bottomRight()
        menu = editor.build_context_menu(pos)
        menu.popup(editor.viewport().mapToGlobal(pos))
        QTimer.singleShot(1200, finish)  # suggestions arrive from the worker

    def finish() -> None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        screen = QGuiApplication.primaryScreen()
        shot = screen.grabWindow(0, 0, 0, width, height)
        done.append(shot.save(str(args.output)))
        desk.window.close()

    QTimer.singleShot(100, poll)
    app.exec()
    desk.shutdown()
    if not done or not done[0]:
        print(f"screenshot: could not write {args.output}", file=sys.stderr)
        return 1
    print(f"screenshot: wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
