"""Built for a project subpath and served there on loopback, every internal link resolves."""

import functools
from http.server import SimpleHTTPRequestHandler
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlparse
from urllib.request import urlopen

from bs4 import BeautifulSoup

from conftest import REPO, new_site, run, serving

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


def crawl(start: str) -> tuple[dict[str, str], set[str]]:
    """Follow every link on the start page's host; fail on a broken link or fragment."""
    host = urlparse(start).netloc
    pages, checked, queue, ids = {}, set(), [start], {}
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
                links = links_of(body, target)
                queue.extend(link for link in links if urlparse(link).netloc == host)
        if fragment and target in ids:
            assert fragment in ids[target], f"{url}: no element with id {fragment!r}"
    return pages, checked


def test_every_internal_link_and_asset_resolves_under_a_subpath(tmp_path):
    root = new_site(tmp_path / "site")
    handler = functools.partial(SubpathHandler, directory=str(root / "output"))
    with serving(handler) as address:
        site_url = address + PREFIX
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
        pages, checked = crawl(site_url + "/")
    assert len(pages) >= 15
    assert f"{site_url}/systems/atacms/" in pages
    assert f"{site_url}/theme/css/site.css" in checked
    assert f"{site_url}/data/factsheets.csv" in checked
    assert not (root / "output" / "review").exists()  # editors' page stays local
