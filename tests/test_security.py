"""Hostile text in every article field and every YAML field reaches no page as code."""

import json
from datetime import date

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import build
from factsheets.clean import sanitize_html
from factsheets.ledger import emit_entries
from factsheets.shipped import STATIC as SHIPPED_STATIC

PAYLOADS = [
    "<script>alert(1)</script>",
    '"onmouseover="alert(1)',
    "</title><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
]
JOINED = " ".join(PAYLOADS)
# The only scripts a page may load: our own files and pagefind's, never inline code.
# the plugin's own scripts and pagefind's: nothing an article or a sheet brings
OUR_SCRIPTS = (
    *(f"/js/{path.name}" for path in sorted((SHIPPED_STATIC / "js").glob("*.js"))),
    "/pagefind/pagefind-ui.js",
)


def hostile_article(site):
    (site / "content" / "articles" / "2023-02-02-hostile.md").write_text(
        f"Title: ATACMS {PAYLOADS[2]} {PAYLOADS[0]}\n"
        "Date: 2023-02-02\n"
        f"Outlet: {PAYLOADS[1]} {PAYLOADS[3]}\n"
        "URL: javascript:alert(4)\n"
        f"Summary: {JOINED}\n\n"
        f"The U.S. will provide ATACMS. {JOINED}\n\n"
        '<a href="javascript:alert(5)" onclick="alert(6)">click</a>\n'
        '<iframe src="https://example.org"></iframe>\n'
    )
    (site / "content" / "articles" / "2023-02-03-hostile.txt").write_text(
        f"{PAYLOADS[3]} HIMARS\n\nDate: 2023-02-03\nOutlet: {PAYLOADS[0]}\n\n"
        f"The U.S. will provide HIMARS. {JOINED}\n"
    )


def hostile_sheet(site):
    sheet = {
        "name": f"Storm Shadow {JOINED}",
        "aliases": [f"SCALP {JOINED}"],
        "summary": JOINED,
        "origin": JOINED,
        "notes": JOINED,
        "donors": [JOINED],
        "ranges": [{"value": 250, "unit": "km", "variant": JOINED, "source": JOINED}],
    }
    evidence = {
        "field": "status",
        "value": JOINED,
        "actor": JOINED,
        "quote": JOINED,
        "article": JOINED,
        "outlet": JOINED,
        "url": "https://example.org/x",
        "published": date(2023, 5, 11),
    }
    (site / "content" / "facts").mkdir(exist_ok=True)
    (site / "content" / "facts" / "storm-shadow.yaml").write_text(yaml.safe_dump(sheet))
    ledger = site / "content" / "evidence" / "storm-shadow" / "2023.yaml"
    ledger.parent.mkdir(parents=True)
    ledger.write_text(emit_entries([evidence]))


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def executable_parts(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json" and not script.get("src"):
            # a data block browsers never run: it must be JSON, with no "<" to close it early
            if "<" in (script.string or "") or not _is_json(script.string or ""):
                found.append(str(script))
            continue
        if not script.get("src", "").endswith(OUR_SCRIPTS) or script.string:
            found.append(str(script))
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"{element.name} {name}={text}")
            if name in ("href", "src", "action") and text.strip().lower().startswith(
                ("javascript:", "data:")
            ):
                found.append(f"{element.name} {name}={text}")
        if element.name in ("iframe", "object", "embed"):
            found.append(element.name)
    return found


def test_nothing_executable_reaches_any_page(site):
    hostile_article(site)
    hostile_sheet(site)
    build(site)
    pages = sorted((site / "output").rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        assert executable_parts(path.read_text(encoding="utf-8")) == [], path
    storm = (site / "output" / "systems" / "storm-shadow" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in storm  # shown as text, not run
    head = storm.split("</head>")[0]
    assert "Content-Security-Policy" in head and "script-src 'self'" in head


def test_sanitize_keeps_reporting_and_drops_code():
    html = (
        '<p>Kept <a href="https://example.org" onclick="x()">link</a>'
        '<a href=" JaVaScRiPt:alert(1)">bad</a><a href="../a/">rel</a></p><script>x()</script>'
    )
    assert sanitize_html(html) == (
        '<p>Kept <a href="https://example.org">link</a><a>bad</a><a href="../a/">rel</a></p>'
    )


PLAIN_MARKDOWN_HTML = (
    '<h2 id="what">What was sent</h2>\n<p>The <em>ATACMS</em> can reach 300 km, '
    '<a href="https://example.org/a?b=1&amp;c=2" title="report">officials said</a> &lt;here&gt;.'
    "</p>\n<ul>\n<li>one</li>\n<li>two<br />\nlines</li>\n</ul>\n<blockquote>\n<p>quoted</p>\n"
    '</blockquote>\n<p><img alt="map" src="/images/map.png" /></p>'
)


def test_plain_markdown_html_keeps_its_prose_and_loses_its_images():
    """Images are dropped: the site hosts none, so each would be a broken image or a request
    to another server; everything else Markdown writes for prose is kept as it was."""
    expected = PLAIN_MARKDOWN_HTML.replace("<br />", "<br>").replace(
        '<img alt="map" src="/images/map.png" />', ""
    )
    assert sanitize_html(PLAIN_MARKDOWN_HTML) == expected


@pytest.mark.parametrize(
    "payload",
    [
        '<a href="java&#115;cript:alert(1)">x</a>',
        '<a href="java&#x73;cript&colon;alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
        '<img src="x" onerror="alert(1)">',
        "<img src=x onerror=alert(1)>",
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<SCRIPT>alert(1)</SCRIPT>",
        "<p>a</p><!--><script>alert(1)</script>-->",
        '<svg><a href="javascript:alert(1)">x</a></svg>',
        "<p>a <script>alert(1)</script></p>",
        '<iframe src="https://example.org"></iframe>',
        '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    ],
)
def test_nothing_executable_survives_either_path(payload):
    html = f"<p>Reporting.</p>{payload}"
    cleaned = BeautifulSoup(sanitize_html(html), "html.parser")
    assert not cleaned.find_all(["script", "iframe", "svg"])
    for element in cleaned.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on") and name.lower() != "style"
            text = "".join(str(value).split()).lower()
            assert not text.startswith(("javascript:", "data:")), (payload, str(cleaned))


TRICKY = [
    "<!--><script>alert(1)</script>",
    "<!--<script>-->x<script>alert(2)</script>",
    "<p>Hi <img src=x onerror=alert(3)></p>",
    "<scr<script>ipt>alert(4)</script>",
    '<a href="jav&#x09;ascript:alert(5)">x</a>',
    '<a href=" javascript:alert(6)">x</a>',
    "<svg><script>alert(7)</script></svg>",
    "<math><mi><style><img src=x onerror=alert(8)></style></mi></math>",
    '<iframe srcdoc="<script>alert(9)</script>"></iframe>',
    '<noscript><p title="</noscript><img src=x onerror=alert(10)>"></noscript>',
]


@pytest.mark.parametrize("parser", ["html.parser", "lxml"])
@pytest.mark.parametrize("payload", TRICKY)
def test_sanitized_html_holds_nothing_that_runs_as_other_parsers_read_it(payload, parser):
    """The sanitizer's output read by parsers other than its own (Python's, libxml2's)."""
    soup = BeautifulSoup(sanitize_html(f"<p>Before</p>{payload}<p>After</p>"), parser)
    assert not soup.find_all(["script", "img", "iframe", "svg", "math", "style", "noscript"])
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), (payload, element)
            text = "".join(str(value).split()).lower()
            assert "javascript:" not in text, (payload, element)
    assert "After" in soup.get_text()


def test_html_known_to_be_safe_is_not_sanitized_again_but_an_edit_is(site):
    """The build remembers which article HTML the sanitizer left as it was; an article
    made hostile after that is sanitized like any other."""
    import json

    build(site)
    known = json.loads((site / "cache" / "factsheets" / "safe-html.json").read_text())
    articles = list((site / "content" / "articles").iterdir())
    assert len(known["safe"]) == len(articles)
    target = sorted((site / "content" / "articles").glob("*.md"))[0]
    target.write_text(target.read_text() + '\n<a href="javascript:alert(5)" onclick="x">a</a>\n')
    build(site)
    for path in sorted((site / "output").rglob("*.html")):
        assert executable_parts(path.read_text(encoding="utf-8")) == [], path
    known = json.loads((site / "cache" / "factsheets" / "safe-html.json").read_text())
    assert len(known["safe"]) == len(articles) - 1  # the file does not keep old versions
