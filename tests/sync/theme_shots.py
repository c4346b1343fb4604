"""Screenshots by headless Chromium and the pixel comparison used by the theme tests.

Both pages are shot at the same window size with scrollbars hidden. The region compared runs from
the top of the page to the first full-width rule under the post (the line a theme draws between
the post and what follows: comments, meta, footer): the header, the title and the content.
Below it the pages differ on purpose (the blog's comment form is a form: the preview drops it).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageChops, ImageStat
from tests.servers.common import require_tool

WIDTH, HEIGHT = 1000, 1400


def screenshot(url: str, out: Path, *, offline: bool = False) -> Image.Image:
    chromium = require_tool("chromium")
    args = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={out.parent / (out.stem + '-profile')}",
        f"--screenshot={out}",
        f"--window-size={WIDTH},{HEIGHT}",
        # Web fonts load after the page's load event: under load the shot was taken with the
        # fallback fonts now and then (a difference of 1.3 where 0.000 is usual). Virtual time
        # runs the page until its loads are done (or 10 s of page time) before the shot.
        "--virtual-time-budget=10000",
        "--run-all-compositor-stages-before-draw",
    ]
    if offline:  # every request to a network host fails: only file: and data: load
        args.append("--host-resolver-rules=MAP * ~NOTFOUND")
        args.append("--proxy-server=http://127.0.0.1:9")
    subprocess.run(
        [*args, url], capture_output=True, timeout=90, check=True, stdin=subprocess.DEVNULL
    )
    return Image.open(out).convert("L")


def rule_row(image: Image.Image, start: int = 150, darkness: int = 160, share: float = 0.7) -> int:
    """The first row below `start` where most of the width is dark: the rule under the post."""
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    for y in range(start, height):
        dark = sum(1 for x in range(0, width, 4) if pixels[x, y] < darkness)  # type: ignore[operator]
        if dark >= share * width / 4:
            return y
    raise AssertionError("no full-width rule under the post in the screenshot")


def mean_difference(a: Image.Image, b: Image.Image, bottom: int) -> float:
    """Mean absolute difference of the grey levels (0–255) over rows 0..bottom."""
    box = (0, 0, WIDTH, bottom)
    diff = ImageChops.difference(a.crop(box), b.crop(box))
    return float(ImageStat.Stat(diff).mean[0])
