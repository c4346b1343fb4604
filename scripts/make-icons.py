#!/usr/bin/env python3
"""Renders resources/icons/blogdesk.svg into the icon files the installers need:

    build/icons/png/blogdesk-<size>.png   16 … 1024 px
    build/icons/blogdesk.ico              Windows: the .exe, the installer, the file association
    build/icons/blogdesk.icns             macOS: the .app

    python scripts/make-icons.py [OUT_DIR]       (in an environment with BlogDesk's dependencies)

Qt renders the SVG (the same renderer the running app uses for its window icon), Pillow writes
the multi-size .ico and .icns; both are BlogDesk dependencies already, so this runs the same on
the three build systems, with no ImageMagick or iconutil to install. The Linux .deb renders its
hicolor PNGs with rsvg-convert instead (scripts/build-deb.sh).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "blogdesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # the .ico format stops at 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_pngs(out: Path) -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display on a build machine
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make-icons.py: Qt cannot read {SVG}")
    out.mkdir(parents=True, exist_ok=True)
    pngs = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"blogdesk-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"make-icons.py: could not write {path}")
        pngs[size] = path
    return pngs


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "icons"
    pngs = render_pngs(out / "png")
    from PIL import Image

    largest = Image.open(pngs[max(ICO_SIZES)])
    largest.save(out / "blogdesk.ico", sizes=[(s, s) for s in ICO_SIZES])
    biggest = Image.open(pngs[max(ICNS_SIZES)])
    biggest.save(
        out / "blogdesk.icns",
        append_images=[Image.open(pngs[s]) for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    for name in ("blogdesk.ico", "blogdesk.icns"):
        print(f"make-icons.py: {out / name} ({(out / name).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
