"""`factsheets import`: saved pages, .txt files and loopback URLs into content/articles/."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import BIN, FIXTURES, REPO, build, new_site, run

PAGES = FIXTURES / "pages"
FACTSHEETS = BIN / "factsheets"
BOILERPLATE = [
    "cookies",
    "Accept all",
    "Advertisement",
    "Related",
    "Germany sends IRIS-T",
    "Sign up",
    "More stories",
    "Share this",
    "Back to top",
    "automatic aggregator",
    "Photo:",
    "Jane Doe",
    "Trending",
    "All rights reserved",
    "By Dana Example",
    "Front page",
]


def imported(tmp_path, *sources, check=True):
    result = run(FACTSHEETS, "import", "--content", "content", *sources, cwd=tmp_path, check=check)
    return result, {p.name: p.read_text() for p in (tmp_path / "content" / "articles").glob("*.md")}


def test_saved_pages_become_clean_articles(tmp_path):
    result, files = imported(tmp_path, *sorted(PAGES.glob("*.html")))
    assert sorted(files) == [
        "2022-11-07-pentagon-confirms-nasams-batteries-reached-ukraine.md",
        "2023-01-25-germany-approves-leopard-2-deliveries-to-ukraine.md",
        "2023-02-14-spain-to-send-more-hawk-launchers-to-ukraine.md",
    ]
    assert result.stdout.count("wrote ") == 3
    wire = files["2022-11-07-pentagon-confirms-nasams-batteries-reached-ukraine.md"]
    assert wire.startswith(
        "Title: Pentagon confirms NASAMS batteries reached Ukraine\nDate: 2022-11-07\n"
        "Outlet: Example Wire\nURL: https://wire.example.org/2022/11/07/nasams-ukraine\n"
        "Authors: Dana Example\n\nThe first two National Advanced"
    )
    ld = files["2023-01-25-germany-approves-leopard-2-deliveries-to-ukraine.md"]
    assert "Outlet: Example News Network\n" in ld and "Authors: Ana Example, Ben Example\n" in ld
    for text in files.values():
        for phrase in BOILERPLATE:
            assert phrase not in text, phrase
    assert "Robles ruled out sending Spain's newer Leopard 2E tanks" in "".join(files.values())


def test_never_overwrites_and_skips_what_is_already_there(tmp_path):
    imported(tmp_path, PAGES / "wire-story.html")
    result, files = imported(tmp_path, PAGES / "wire-story.html")
    assert "skipped (already imported as)" in result.stdout and len(files) == 1
    copy = tmp_path / "copy.html"  # the same text under another address
    copy.write_text((PAGES / "wire-story.html").read_text().replace("wire.example.org", "x.org"))
    result, files = imported(tmp_path, copy)
    assert "skipped" in result.stdout and len(files) == 1
    path = tmp_path / "content" / "articles" / next(iter(files))
    path.write_text(path.read_text() + "\nAn editor's note.\n")
    result, _ = imported(tmp_path, copy, check=False)  # new text, same file name
    assert result.returncode == 2
    assert "already exists; pass --force to replace it" in result.stderr
    assert "An editor's note." in path.read_text()
    imported(tmp_path, "--force", copy)
    assert "An editor's note." not in path.read_text()


class Pages(BaseHTTPRequestHandler):
    ROUTES = {
        "/story": (200, "text/html", (PAGES / "jsonld-page.html").read_bytes()),
        "/binary": (200, "application/octet-stream", b"\x00\x01\x02" * 100),
        "/empty": (200, "text/html", b""),
        "/huge": (200, "text/html", b"<p>" + b"x" * 20_000_000 + b"</p>"),
        "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"1" * 100),
    }

    def do_GET(self):
        status, kind, body = self.ROUTES.get(self.path, (404, "text/html", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_import_and_bad_sources_get_one_line_each(tmp_path, server):
    sources = [f"{server}/{name}" for name in ("missing", "binary", "empty", "huge", "image")]
    result, files = imported(tmp_path, *sources, f"{server}/story", check=False)
    assert result.returncode == 2
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"factsheets: error: {server}/missing: HTTP 404 Not Found",
        f"factsheets: error: {server}/binary: binary data, not a web page or text",
        f"factsheets: error: {server}/empty: empty",
        f"factsheets: error: {server}/huge: larger than 10 MB; not an article page",
        f"factsheets: error: {server}/image: not a web page (image/png)",
    ]
    assert list(files) == ["2023-01-25-germany-approves-leopard-2-deliveries-to-ukraine.md"]


def test_make_import_then_build_turns_pages_into_fact_sheets(tmp_path):
    root = new_site(tmp_path / "site")
    sources = " ".join(str(p) for p in sorted(PAGES.glob("*.html")))
    run("make", "-C", REPO, "import", f"INPUTDIR={root}/content", f"SRC={sources}", cwd=root)
    build(root)
    nasams = (root / "output" / "systems" / "nasams" / "index.html").read_text()
    assert "Pentagon confirms NASAMS batteries reached Ukraine" in nasams
    assert (root / "content" / "facts" / "hawk.yaml").exists()
