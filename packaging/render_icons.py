"""Render the application icon (one SVG) to the PNG sizes desktops ask for, and to .ico/.icns for Windows/macOS.

Run after editing ``resources/icons/app/ropa-desktop.svg`` and commit what it writes:
``python packaging/render_icons.py``. PNGs come from Qt's own SVG renderer (PySide6-Essentials ships QtSvg) and
land beside the SVG; the SVG and PNGs are then copied into the package (``ropa_desktop/resources/icons/app``),
which is what wheels and frozen builds ship. The .ico and .icns need Pillow and are skipped, with a note,
where it is not installed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons" / "app"
PACKAGE_ICON_DIR = ROOT / "ropa_desktop" / "resources" / "icons" / "app"
SVG = ICON_DIR / "ropa-desktop.svg"
SIZES = (16, 32, 48, 64, 128, 256)
ICO = ROOT / "packaging" / "windows" / "ropa-desktop.ico"
ICNS = ROOT / "packaging" / "macos" / "ropa-desktop.icns"


def png_path(size: int) -> Path:
    return ICON_DIR / f"ropa-desktop-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    for size in (*SIZES, 512, 1024):
        image = render(renderer, size)
        if size in SIZES:
            if not image.save(str(png_path(size)), "PNG"):
                print(f"cannot write {png_path(size)}", file=sys.stderr)
                return 1
            print(png_path(size).relative_to(ROOT))
        else:
            image.save(str(ICON_DIR / f".tmp-{size}.png"), "PNG")
    PACKAGE_ICON_DIR.mkdir(parents=True, exist_ok=True)
    for source in (SVG, *(png_path(size) for size in SIZES)):
        shutil.copyfile(source, PACKAGE_ICON_DIR / source.name)
    print(f"copied into {PACKAGE_ICON_DIR.relative_to(ROOT)}")
    try:
        from PIL import Image
    except ImportError:
        print("Pillow is not installed: .ico and .icns not written", file=sys.stderr)
        return 0
    try:
        big = Image.open(ICON_DIR / ".tmp-1024.png")
        big.load()
        ICO.parent.mkdir(parents=True, exist_ok=True)
        # Pillow downsamples the 256 px master for each size listed in the .ico.
        Image.open(png_path(256)).save(ICO, sizes=[(s, s) for s in SIZES])
        print(ICO.relative_to(ROOT))
        ICNS.parent.mkdir(parents=True, exist_ok=True)
        big.save(ICNS)
        print(ICNS.relative_to(ROOT))
    finally:
        for size in (512, 1024):
            (ICON_DIR / f".tmp-{size}.png").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
