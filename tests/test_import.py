"""`factsheets import`: saved pages, .txt files and loopback URLs into content/articles/."""

import time
from http.server import BaseHTTPRequestHandler

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import BIN, FIXTURES, REPO, build, new_site, run, serving
from factsheets.importer import _title_site, read_page

PAGES = FIXTURES / "pages"
# The right answer for each saved page, written by hand: bench/import_extractors.py scores
# the importer against the same files.
GOLD = REPO / "bench" / "import_gold"
FACTSHEETS = BIN / "factsheets"
ARTICLES = {
    "wire-story": "2022-11-07-pentagon-confirms-nasams-batteries-reached-ukraine.md",
    "jsonld-page": "2023-01-25-germany-approves-leopard-2-deliveries-to-ukraine.md",
    "aggregator-copy": "2023-02-14-spain-to-send-more-hawk-launchers-to-ukraine.md",
    "meta-name-time": "2023-03-02-sweden-to-send-archer-artillery-systems-to-ukraine.md",
    "promos-video": "2023-07-12-germany-to-send-15-more-gepard-anti-aircraft-guns-to-ukraine.md",
    "comments-newsletter": (
        "2023-08-20-netherlands-to-send-f-16-jets-to-ukraine-once-pilots-are-trained.md"
    ),
}
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
    # comments-newsletter: topics, share links, reader comments
    "Topics:",
    "Facebook",
    "Comments",
    "community guidelines",
    "baltic_observer",
    "fewer than half will ever fly",
    "join the discussion",
    # meta-name-time: masthead, image caption, tags, previous/next, sidebar, footer
    "Independent reporting on European defence",
    "live-fire exercise",
    "Tagged",
    "Previous:",
    "Recent Posts",
    "funded by its readers",
    "Proudly powered",
    # promos-video: inline promos, link box, video caption and credit, author bio, sidebar
    "READ MORE",
    "Read more",
    "patchwork of air defences",
    "Leopard tanks arrive",
    "target drone",
    "Herald Video",
    "defence correspondent",
    "Most read",
]
NEWSLETTER = [
    "Defence Brief",
    "in your inbox every Friday",
    "By signing up you agree",
]


def imported(tmp_path, *sources, check=True):
    result = run(FACTSHEETS, "import", "--content", "content", *sources, cwd=tmp_path, check=check)
    return result, {p.name: p.read_text() for p in (tmp_path / "content" / "articles").glob("*.md")}


def paragraphs(article: str) -> list[str]:
    return article.rstrip("\n").split("\n\n")[1:]  # the header is the first block


def test_saved_pages_become_clean_articles(tmp_path):
    result, files = imported(tmp_path, *sorted(PAGES.glob("*.html")))
    assert sorted(files) == sorted(ARTICLES.values())
    assert result.stdout.count("wrote ") == 6
    wire = files[ARTICLES["wire-story"]]
    assert wire.startswith(
        "Title: Pentagon confirms NASAMS batteries reached Ukraine\nDate: 2022-11-07\n"
        "Outlet: Example Wire\nURL: https://wire.example.org/2022/11/07/nasams-ukraine\n"
        "Authors: Dana Example\n\nThe first two National Advanced"
    )
    # The aggregator names itself only in <title>, after the headline.
    assert "\nOutlet: NewsFeedHub\n" in files[ARTICLES["aggregator-copy"]]
    ld = files[ARTICLES["jsonld-page"]]
    assert "Outlet: Example News Network\n" in ld and "Authors: Ana Example, Ben Example\n" in ld
    # JSON-LD over two <script>s, the first an @graph without the article
    assert files[ARTICLES["promos-video"]].startswith(
        "Title: Germany to send 15 more Gepard anti-aircraft guns to Ukraine\nDate: 2023-07-12\n"
        "Outlet: Example Daily Herald\n"
        "URL: https://herald.example.com/news/world/germany-gepard-ukraine-28711\n"
        "Authors: Sam Example\n\n"
    )
    # Open Graph, article:published_time and <meta name="author">
    assert files[ARTICLES["comments-newsletter"]].startswith(
        "Title: Netherlands to send F-16 jets to Ukraine once pilots are trained\n"
        "Date: 2023-08-20\nOutlet: The Example Courier\n"
        "URL: https://courier.example.com/world/2023/08/20/netherlands-f16-ukraine\n"
        "Authors: Lena Example\n\n"
    )
    # No Open Graph or JSON-LD: the date only in <time datetime>, the URL only in
    # <link rel="canonical">, the outlet only in <title> after the headline.
    assert files[ARTICLES["meta-name-time"]].startswith(
        "Title: Sweden to send Archer artillery systems to Ukraine\nDate: 2023-03-02\n"
        "Outlet: Example Defence Journal\n"
        "URL: https://defence-journal.example.org/2023/03/02/sweden-archer-ukraine/\n"
        "Authors: Mark Example\n\n"
    )
    for text in files.values():
        for phrase in BOILERPLATE:
            assert phrase not in text, phrase
    for page, name in ARTICLES.items():
        gold = yaml.safe_load((GOLD / f"{page}.yaml").read_text(encoding="utf-8"))
        body = paragraphs(files[name])
        if page == "comments-newsletter":  # a known limit: docs/import.md, "Limits"
            body = [p for p in body if p not in gold["optional"]]
            body = [p for p in body if not any(phrase in p for phrase in NEWSLETTER)]
        assert body == gold["paragraphs"], page


def test_a_read_more_line_goes_only_when_it_is_a_label_and_a_link():
    reporting = "The ministry said the guns would arrive in the summer, officials said. " * 4
    page = read_page(
        f"<html><body><article><h1>Guns to arrive</h1><p>{reporting}</p>"
        "<p><strong>READ MORE:</strong> <a href='/other'>How air defence works</a></p>"
        "<p>Read more: the ministry's list of aid is <a href='/list'>online</a>.</p>"
        "</article></body></html>"
    )
    assert page.body.split("\n\n") == [
        reporting.strip(),
        "Read more: the ministry's list of aid is online.",
    ]


def test_a_page_without_a_date_is_refused_not_dated_by_its_copyright_line(tmp_path):
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><body><article><h1>Undated story</h1>"
        f"<p>{'The ministry said the guns would arrive in the summer. ' * 5}</p>"
        "</article><footer>Copyright 2021 Example Media</footer></body></html>"
    )
    result, files = imported(tmp_path, page, check=False)
    assert result.returncode == 2 and files == {}
    assert result.stderr == (
        f"factsheets: error: {page}: no date found on the page; give the day it was published "
        "with --date YYYY-MM-DD (make import SRC=... DATE=YYYY-MM-DD)\n"
    )


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


def test_a_txt_article_with_its_headline_first_is_recognised(tmp_path):
    """Headline, blank line, then `Key: value` lines: the URL and the text are still read."""
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    txt = (FIXTURES / "aggregator-copy.txt").read_text()
    assert txt.startswith("Germany weighs") and "\n\nOutlet: " in txt
    (articles / "taurus.txt").write_text(txt)
    result, files = imported(tmp_path, FIXTURES / "aggregator-copy.txt")  # the same URL
    assert result.stdout == "skipped (already imported as) content/articles/taurus.txt\n"
    no_url = tmp_path / "no-url.txt"  # the same text, cleaned as the site cleans it
    no_url.write_text(txt.replace("URL: https://example.org/wire/taurus-debate\n", ""))
    result, files = imported(tmp_path, no_url)
    assert result.stdout == "skipped (already imported as) content/articles/taurus.txt\n"
    assert files == {}


def test_a_page_with_a_list_is_recognised_by_its_text(tmp_path):
    """trafilatura writes list items as "- item", which the article file escapes as "\\- item"."""
    page = tmp_path / "list.html"
    page.write_text(
        '<html><head><meta name="date" content="2023-05-02">'
        '<link rel="canonical" href="https://example.org/list"></head><body><article>'
        "<h1>What the package holds</h1>"
        f"<p>{'The package holds these weapons, the ministry said on Tuesday. ' * 3}</p>"
        "<ul><li>Four Hawk launchers &amp; missiles</li><li>Spare parts</li></ul>"
        "</article></body></html>"
    )
    _, files = imported(tmp_path, page)
    assert "URL: https://example.org/list\n" in files["2023-05-02-what-the-package-holds.md"]
    assert "\n\\- Four Hawk launchers &amp; missiles\n" in next(iter(files.values()))
    copy = tmp_path / "copy.html"  # the same text under another address
    copy.write_text(page.read_text().replace("example.org/list", "example.org/copy"))
    result, files = imported(tmp_path, copy)
    assert result.stdout.startswith("skipped (already imported as)") and len(files) == 1


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
    with serving(Pages) as address:
        yield address


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


@pytest.mark.parametrize(
    "title, headline, site",
    [
        ("Spain sends Hawk launchers - NewsFeedHub", "Spain sends Hawk launchers", "NewsFeedHub"),
        ("Spain sends Hawk launchers | The Courier", "Spain sends Hawk launchers", "The Courier"),
        ("Spain sends Hawk launchers &#8211; Journal", "Spain sends Hawk launchers", "Journal"),
        ("Spain sends Hawk launchers", "Spain sends Hawk launchers", None),
        ("Ukraine: the latest", "Ukraine", None),  # a subtitle, not a site
        ("NewsFeedHub - Spain sends Hawk launchers", "Spain sends Hawk launchers", None),
    ],
)
def test_the_outlet_can_come_from_the_title_after_the_headline(title, headline, site):
    html = f"<html><head><title>{title}</title></head><body><h1>{headline}</h1></body></html>"
    assert _title_site(BeautifulSoup(html, "html.parser"), headline) == site


class Drip(BaseHTTPRequestHandler):
    """A server that never stops sending: one byte every 0.2 s."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the importer gave up and closed the connection

    def log_message(self, *args):
        pass


def test_a_server_that_drips_bytes_meets_one_deadline_per_source(tmp_path):
    with serving(Drip) as address:
        started = time.monotonic()
        result = run(
            BIN / "factsheets",
            "import",
            "--content",
            str(tmp_path / "content"),
            "--deadline",
            "2",
            f"{address}/slow",
            cwd=tmp_path,
            check=False,
        )
        took = time.monotonic() - started
    assert result.returncode == 2
    assert "was still sending when the deadline passed" in result.stderr
    assert "Traceback" not in result.stderr
    assert took < 15  # the deadline, one read timeout at most, and the start-up


def test_a_saved_text_import_keeps_the_outlet_it_names_and_says_how_to_date_it(tmp_path):
    saved = tmp_path / "saved.txt"
    saved.write_text(
        "Germany to send more IRIS-T systems\n\n"
        "Germany will send two more IRIS-T SLM systems to Ukraine, Reuters reported on Friday.\n"
    )
    undated = run(
        BIN / "factsheets",
        "import",
        "--content",
        str(tmp_path / "content"),
        str(saved),
        cwd=tmp_path,
        check=False,
    )
    assert undated.returncode == 2
    assert "make import SRC=... DATE=YYYY-MM-DD" in undated.stderr
    run(
        BIN / "factsheets",
        "import",
        "--content",
        str(tmp_path / "content"),
        "--date",
        "2024-03-01",
        str(saved),
        cwd=tmp_path,
    )
    [article] = (tmp_path / "content" / "articles").glob("*.md")
    assert "\nOutlet: Reuters\n" in article.read_text()
