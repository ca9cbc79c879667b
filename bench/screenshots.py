"""Screenshots of the key pages at desktop and phone widths: `make screenshots`.

Serves output/ on loopback and saves PNGs in docs/screenshots/ with Debian's
chromium driven by Playwright.
"""

from __future__ import annotations

import functools
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "systems": "systems/",
    "system-atacms": "systems/atacms/",
    "topic-long-range-strike": "topics/long-range-strike/",
    "sources": "sources/",
    "system-leopard-2": "systems/leopard-2/",
    "donor-germany": "donors/germany/",
}
WIDTHS = {"desktop": 1280, "phone": 375}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    output, target = REPO / "output", REPO / "docs" / "screenshots"
    if not (output / "index.html").exists():
        print("screenshots: output/ is empty; run `make html` first", file=sys.stderr)
        return 2
    chromium = shutil.which("chromium")
    if not chromium:
        print("screenshots: needs Debian's chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    target.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(output))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for label, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in PAGES.items():
                    page.goto(base + path, wait_until="networkidle")
                    file = target / f"{name}-{label}.png"
                    page.screenshot(path=str(file), full_page=label == "phone")
                    print(f"saved {file.relative_to(REPO)}")
                page.close()
            # the fact box and the donors table, with their source counts
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "systems/storm-shadow/", wait_until="networkidle")
            for part, selector in (("factbox", "dl.factbox"), ("donors", "section.donors")):
                file = target / f"support-{part}-storm-shadow.png"
                page.locator(selector).screenshot(path=str(file))
                print(f"saved {file.relative_to(REPO)}")
            page.close()
            # the embeddable card, in the frame its embed code asks for
            page = browser.new_page(viewport={"width": 600, "height": 400})
            page.goto(base + "systems/leopard-2/card/", wait_until="networkidle")
            page.screenshot(path=str(target / "embed-leopard-2.png"))
            print(f"saved {(target / 'embed-leopard-2.png').relative_to(REPO)}")
            browser.close()
    finally:
        server.shutdown()
    card = output / "systems" / "leopard-2" / "card.png"  # the social card the build drew
    if card.is_file():
        shutil.copy(card, target / "card-leopard-2.png")
        print(f"saved {(target / 'card-leopard-2.png').relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
