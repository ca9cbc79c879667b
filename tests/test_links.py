"""Built for a project subpath and served there on loopback, every internal link resolves."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlparse
from urllib.request import urlopen

from bs4 import BeautifulSoup

from conftest import REPO, new_site, run

PREFIX = "/repo"


class SubpathHandler(SimpleHTTPRequestHandler):
    """Serves the output folder under /repo/, as GitHub Pages serves a project site."""

    def translate_path(self, path):
        if not path.startswith(PREFIX + "/"):
            return "/nonexistent"
        return super().translate_path(path[len(PREFIX) :])

    def log_message(self, *args):
        pass


def links_of(html: str, base: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            if element.get(attribute):
                found.append(urljoin(base, element[attribute]))
    return found


def test_every_internal_link_and_asset_resolves_under_a_subpath(tmp_path):
    root = new_site(tmp_path / "site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    port = server.server_address[1]
    site_url = f"http://127.0.0.1:{port}{PREFIX}"
    # exactly what a user runs: make publish, pointed at this site's folders
    run(
        "make",
        "-C",
        REPO,
        "publish",
        f"INPUTDIR={root}/content",
        f"OUTPUTDIR={root}/output",
        f"PUBLISHCONF={root}/publishconf.py",
        cwd=root,
        env={"SITEURL": site_url},
    )
    server.RequestHandlerClass = functools.partial(SubpathHandler, directory=str(root / "output"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        pages, checked, queue, ids = {}, set(), [site_url + "/"], {}
        while queue:
            url = queue.pop()
            target, fragment = urldefrag(url)
            if target not in checked:
                checked.add(target)
                try:
                    with urlopen(target, timeout=10) as reply:
                        body = reply.read().decode("utf-8", "replace")
                        kind = reply.headers.get("Content-Type", "")
                except HTTPError as error:
                    raise AssertionError(f"{target}: HTTP {error.code}") from None
                if "html" in kind:
                    pages[target] = body
                    soup = BeautifulSoup(body, "html.parser")
                    ids[target] = {element["id"] for element in soup.find_all(id=True)}
                    for link in links_of(body, target):
                        if urlparse(link).netloc == f"127.0.0.1:{port}":
                            queue.append(link)
            if fragment and target in ids:
                assert fragment in ids[target], f"{url}: no element with id {fragment!r}"
        assert len(pages) >= 15
        assert f"{site_url}/systems/atacms/" in pages
        assert f"{site_url}/theme/css/site.css" in checked
        assert f"{site_url}/data/factsheets.csv" in checked
    finally:
        server.shutdown()
        server.server_close()
    assert not (root / "output" / "review").exists()  # editors' page stays local
