"""Rasterise the app icons (static/img/icons/*.svg) into the PNGs the web app manifest and
base.html declare, with headless Chromium through Playwright. Run once after editing an SVG and
commit the PNGs: the app serves them as static files and never runs this.

    .venv/bin/python scripts/render_icons.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.phone import CHROMIUM_ARGS, chromium_path  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "static" / "img" / "icons"
# (output, source, size, square corners): the Apple touch icon is square (iOS rounds it itself and
# shows a transparent corner as black).
OUTPUTS = [
    ("icon-192.png", "icon.svg", 192, False),
    ("icon-512.png", "icon.svg", 512, False),
    ("icon-maskable-512.png", "icon-maskable.svg", 512, False),
    ("icon-maskable-192.png", "icon-maskable.svg", 192, False),
    ("apple-touch-icon.png", "icon.svg", 180, True),
]


def main():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        for output, source, size, square in OUTPUTS:
            svg = (ICONS / source).read_text(encoding="utf-8")
            if square:
                svg = svg.replace(' rx="112"', "", 1)
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                "<!doctype html><html><head><style>html,body{margin:0;background:transparent}"
                f"svg{{display:block;width:{size}px;height:{size}px}}</style></head><body>{svg}</body></html>"
            )
            page.screenshot(
                path=str(ICONS / output),
                omit_background=True,
                clip={"x": 0, "y": 0, "width": size, "height": size},
            )
            page.close()
            print(f"{output}: {size}x{size}")
        browser.close()


if __name__ == "__main__":
    main()
