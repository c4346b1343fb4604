"""Render the BlogDesk window with a sample library to a PNG (docs/screenshot.png).

    .venv/bin/python scripts/screenshot.py docs/screenshot.png [--dark]

Runs offscreen when there is no display; uses throw-away settings, state and library folders, so
the user's own are never touched. Waits until the preview has painted the post, then grabs the
window (QWidget.grab() includes the web view's content).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

POSTS = {
    "why-i-write-on-trains.md": """---
title: Why I write on trains
status: published
date: 2026-10-02 08:15
tags: [writing, travel]
categories: [Essays]
---

There is a particular kind of focus that only arrives somewhere between two stations. The
landscape moves, **the mind settles**, and the sentence you could not finish at your desk
simply *appears*.

## The two-hour rule

A long journey is a deadline with scenery. I give myself one rule: no network until the first
draft is done.

> The best writing tool I own is a ticket with no return seat reservation.

## What I pack

| Item | Why |
|---|---|
| Notebook | for the outline |
| Laptop | for the draft |
| Headphones | for the silence |

```python
def words_per_hour(words: int, minutes: int) -> float:
    return words / minutes * 60
```

Next time: what happens when the train is late — and why that is good news.
""",
    "a-field-guide-to-front-matter.md": """---
title: A field guide to front matter
status: draft
date: 2026-11-20
tags: [markdown, jekyll, hugo]
---

Front matter is the small block of YAML at the top of a post.
""",
    "autumn-reading-list.md": """---
title: Autumn reading list
status: scheduled
date: 2026-12-01 07:00
tags: [books]
---

Ten books for the darker evenings.
""",
    "notes-from-pycon.md": """---
title: Notes from PyCon
status: published
date: 2026-05-18
tags: [python, conferences]
---

Three talks that changed how I think about testing.
""",
    "the-case-for-plain-text.md": """---
title: The case for plain text
status: published
date: 2026-03-07
tags: [writing, tools]
---

Files you can open in fifty years.
""",
    "draft-ideas.md": """---
title: Ideas for next month
status: private
date: 2026-11-27
tags: [ideas]
---

- a post about trains
- a post about notebooks
""",
}


def unwrap(text: str) -> str:
    """Join the hard-wrapped lines of the body's paragraphs (kept short here for the linter),
    as an author typing in the editor would have them. Code, lists, tables stay as they are."""
    head, sep, body = text.partition("\n---\n")
    out: list[str] = []
    fenced = False
    for line in body.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
            out.append(line)
            continue
        prose = out and out[-1] and not out[-1].startswith(("#", ">", "|", "-", "```", " "))
        if not fenced and prose and line[:1].islower():
            out[-1] += " " + line
        else:
            out.append(line)
    return head + sep + "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--dark", action="store_true", help="render with the dark colour scheme")
    parser.add_argument("--size", default="1400x860", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))

    base = Path(tempfile.mkdtemp(prefix="blogdesk-shot-"))
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        os.environ[f"BLOGDESK_{name}_DIR"] = str(base / name.lower())
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    library = base / "library"
    (library / ".blogdesk").mkdir(parents=True)  # an existing library: no welcome post
    for name, text in POSTS.items():
        (library / name).write_text(unwrap(text), encoding="utf-8")
    config = base / "config"
    config.mkdir()
    (config / "settings.json").write_text(
        '{"theme": "%s"}' % ("dark" if args.dark else "light"), encoding="utf-8"
    )

    from PySide6.QtCore import QTimer

    from blogdesk.app import DeskApp, create_application

    app = create_application()
    featured = library / "why-i-write-on-trains.md"
    desk = DeskApp.build(library, [featured])
    desk.window.resize(width, height)
    desk.start([featured])
    desk.window.editor.go_to_line(12)

    done: list[bool] = []
    deadline = time.monotonic() + 60

    def poll() -> None:
        window = desk.window
        ready = (
            window.preview is not None
            and window.outline.headings_shown()
            and window.library_panel.model.rowCount() == len(POSTS)
        )
        if ready or time.monotonic() > deadline:
            # One more moment for the web view's compositor to put the frame up.
            QTimer.singleShot(800, finish)
        else:
            QTimer.singleShot(100, poll)

    def finish() -> None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        done.append(desk.window.grab().save(str(args.output)))
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
