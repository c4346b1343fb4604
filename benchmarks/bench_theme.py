"""The blog-theme preview: capture time, and preview updates in the blog style next to plain.

    .venv/bin/python benchmarks/bench_theme.py [--url http://127.0.0.1:PORT] [--runs 3]

1. Capture: `capture_theme` for a WordPress account on the test WordPress (Twenty Twenty-Three;
   started by tests/servers/wordpress.sh, whose `env` gives the address when --url is left
   out), each run into a fresh cache: find the post, fetch the page, build the template,
   download its style sheets and fonts. Then the same from the cache (`theme_for`).
2. Keystroke -> preview updated on a 1,000-word post, as bench_preview.py measures it ("after
   debounce": from the end of the debounce to the page showing the edit; goal <= 20 ms), with
   the preview in the plain style and in the captured theme (where the body is also shaped as
   WordPress is sent it: block markup).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_preview
from bench_preview import post_body, wait_for

import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication)
from PySide6.QtWidgets import QApplication

from blogdesk.core.theme.page import blog_body
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.theme.capture import CapturedTheme
from blogdesk.sync.theme.service import capture_theme, theme_for
from blogdesk.ui.preview.controller import PreviewController
from blogdesk.ui.preview.url_scheme import register_url_scheme
from blogdesk.ui.preview.web_preview import PreviewView

ROOT = Path(__file__).resolve().parents[1]


def wordpress_url() -> str:
    out = subprocess.run(
        ["bash", str(ROOT / "tests/servers/wordpress.sh"), "env"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in out.splitlines():
        if line.startswith("export WP_URL="):
            return line.split("=", 1)[1].strip("'\"")
    raise SystemExit("WordPress is not running: start it with tests/servers/wordpress.sh up")


def bench_capture(url: str, runs: int) -> tuple[list[float], list[float], CapturedTheme]:
    account = Account.new("bench", "wordpress", url, "admin", api_url=f"{url}/wp-json/")
    fresh: list[float] = []
    cached: list[float] = []
    theme = None
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            theme = capture_theme(account, Path(tmp))
            fresh.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            theme_for(account, Path(tmp)).template()
            cached.append((time.perf_counter() - start) * 1000)
    keep = Path(tempfile.mkdtemp())
    theme = capture_theme(account, keep)
    return fresh, cached, theme


class _ThemedView(PreviewView):
    """A PreviewView that comes up in the theme (the controller is made by bench_preview)."""

    theme: CapturedTheme | None = None

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.theme is not None:
            self.set_theme(self.theme.template(), self.theme.assets)
            wait_for(lambda: self.is_loaded, 30)


SHAPE: list[object] = [None]  # the blog style's body shaping (a class attribute would bind)


class _ShapedController(PreviewController):
    def set_document(self, base_dir: Path) -> None:
        super().set_document(base_dir)
        self.body_transform = SHAPE[0]  # type: ignore[assignment]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the WordPress address (default: wordpress.sh env)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--debounce", type=int, default=120)
    args = parser.parse_args()
    url = (args.url or wordpress_url()).rstrip("/")
    register_url_scheme()
    app = QApplication.instance() or QApplication([])
    print(f"load avg {os.getloadavg()[0]:.2f}; WordPress at {url}")
    fresh, cached, theme = bench_capture(url, args.runs)
    print(
        f"capture (fresh cache): median {statistics.median(fresh):7.1f} ms "
        f"(runs {', '.join(f'{t:.0f}' for t in fresh)}); {theme.files} files, "
        f"{theme.size / 1024:.0f} KiB"
    )
    print(f"theme from the cache:  median {statistics.median(cached):7.1f} ms")
    body = post_body(1_000)
    for style in ("plain", "blog"):
        _ThemedView.theme = theme if style == "blog" else None
        SHAPE[0] = blog_body(theme.platform) if style == "blog" else None
        bench_preview.PreviewView = _ThemedView  # type: ignore[misc]
        bench_preview.PreviewController = _ShapedController  # type: ignore[misc]
        runs = [bench_preview.one_run(body, args.samples, args.debounce) for _ in range(args.runs)]
        print(f"{style} style, {len(body.split()):,} words, goal after debounce <= 20 ms:")
        for key in ("after debounce", "render", "swap"):
            medians = [statistics.median(r[key]) for r in runs]
            print(
                f"  {key:<15} median per run {', '.join(f'{m:6.1f}' for m in medians)} ms"
                f"  -> MEDIAN {statistics.median(medians):6.1f} ms"
            )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
