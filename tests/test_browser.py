"""The built sample site in headless Chromium: accessibility, no JavaScript, phone width,
dark mode, print, no outside requests, sorting and search."""

import functools
import shutil
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import CHROMIUM, REPO, build, new_site, serving

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
KEY_PAGES = ["", "systems/", "systems/atacms/", "topics/long-range-strike/", "sources/"]
# Storm Shadow and Taurus have more evidence than this in the sample content: they show the
# page-per-year layout (ATACMS keeps its list)
PAGES_FROM = 6
KEY_PAGES += ["systems/storm-shadow/", "systems/storm-shadow/evidence/2023/", "sources/2023/"]
KEY_PAGES += ["donors/", "donors/germany/", "data/", "systems/atacms/card/", "methodology/"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    if not Path(CHROMIUM).exists() or not AXE.exists():
        pytest.fail("browser tests need Debian's chromium and `npm install` (run .ci/run)")
    root = new_site(tmp_path_factory.mktemp("browser") / "site")
    shutil.rmtree(root / "content")
    shutil.copytree(REPO / "content", root / "content")
    conf = root / "pelicanconf.py"  # search bundles even for a site this small
    conf.write_text(
        conf.read_text() + "\nFACTSHEETS_SEARCH_BUNDLE_PAGES = 2\n"
        f"FACTSHEETS_YEAR_PAGES_FROM = {PAGES_FROM}\n"
    )
    build(root)
    with serving(functools.partial(QuietHandler, directory=str(root / "output"))) as address:
        yield address + "/"


def test_no_request_leaves_the_site(browser, site_url):
    page = browser.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    for path in [*KEY_PAGES, "changes/", "search/"]:
        page.goto(site_url + path, wait_until="networkidle")
    assert hosts == {urlparse(site_url).netloc}
    page.close()


@pytest.mark.parametrize("path", KEY_PAGES)
def test_no_serious_or_critical_accessibility_violation(browser, site_url, path):
    context = browser.new_context(bypass_csp=True)  # lets the test inject axe-core
    page = context.new_page()
    page.goto(site_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    context.close()


def test_everything_is_there_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "systems/")
    rows = page.locator("table.systems tbody tr").count()
    assert rows == len(list((REPO / "content" / "facts").glob("*.yaml")))
    assert not page.locator("form.table-filter").is_visible()  # no filter that cannot work
    assert page.locator(".no-filter a").get_attribute("href").endswith("donors/")
    page.goto(site_url + "systems/atacms/")
    assert page.locator(".evidence blockquote").count() > 3
    context.close()


@pytest.mark.parametrize("path", KEY_PAGES)
def test_readable_at_phone_width(browser, site_url, path):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.close()


def test_dark_mode_and_print(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 20, 24)"
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('header nav')).display") == "none"
    context.close()


def test_comparison_table_sorts_in_the_browser(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "systems/")
    page.get_by_role("button", name="Range (km)").click()
    first = page.locator("table.systems tbody tr").first.locator("th").inner_text()
    page.get_by_role("button", name="Range (km)").click()
    after = page.locator("table.systems tbody tr").first.locator("th").inner_text()
    assert first != after
    assert after in ("Taurus", "ATACMS")  # the longest ranges come first when descending
    page.close()


def test_comparison_table_filters_by_donor_and_status(browser, site_url):
    import json

    page = browser.new_page()
    data = json.loads(page.request.get(site_url + "data/factsheets.json").text())
    by = {
        (system["name"], line["donor"], line["status"])
        for system in data["systems"]
        for line in system["supply"]
    }
    page.goto(site_url + "systems/")
    assert not page.locator(".no-filter").is_visible()

    def shown():
        rows = page.locator("table.systems tbody tr:visible th")
        return sorted(rows.all_inner_texts())

    page.select_option("#filter-donor", "Germany")
    germany = sorted({name for name, donor, _ in by if donor == "Germany"})
    assert len(germany) >= 2 and shown() == germany
    page.select_option("#filter-status", "delivered")
    delivered = sorted({n for n, d, s in by if d == "Germany" and s == "delivered"})
    assert shown() == delivered and len(delivered) < len(germany)
    count = page.locator(".filter-count").inner_text()
    assert count.startswith(f"{len(delivered)} of ")
    assert page.url.endswith("?donor=Germany&status=delivered")
    page.reload()  # the address keeps the choice: a link to it shows the same rows
    assert shown() == delivered
    page.select_option("#filter-donor", "")
    page.select_option("#filter-status", "")
    assert len(shown()) == len(data["systems"]) and page.url.endswith("/systems/")
    phone = browser.new_page(viewport={"width": 375, "height": 800})
    phone.goto(site_url + "systems/?donor=Germany&status=delivered")  # rows shown as blocks
    assert phone.locator("table.systems tbody tr:visible").count() == len(delivered)
    phone.close()
    page.close()


def test_search_finds_a_system(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "search/")
    page.locator("#search input").fill("Taurus")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10_000)
    assert "Taurus" in page.locator(".pagefind-ui__results").inner_text()
    page.close()


def test_search_finds_an_article_in_its_own_bundle(browser, site_url):
    """Article pages are indexed in bundles of their own, merged by the search page."""
    page = browser.new_page()
    page.goto(site_url + "search/")
    page.locator("#search input").fill("Ramstein")
    article = page.locator('.pagefind-ui__result-link[href*="/articles/allies-end-ramstein"]')
    article.first.wait_for(timeout=10_000)
    page.close()


def test_the_sample_content_has_systems_with_donors_that_differ(browser, site_url):
    """What the donors tables, donor pages and filters are shown on: at least three systems
    with two or more donors of different statuses, and numbers."""
    import csv
    import json

    page = browser.new_page()
    data = json.loads(page.request.get(site_url + "data/factsheets.json").text())
    differing = [
        s["id"] for s in data["systems"] if len({line["status"] for line in s["supply"]}) >= 2
    ]
    assert len(differing) >= 3, differing
    counted = [
        line
        for s in data["systems"]
        for line in s["supply"]
        if line["pledged"] or line["delivered"]
    ]
    assert len(counted) >= 3
    rows = list(csv.DictReader(page.request.get(site_url + "data/supply.csv").text().splitlines()))
    assert {r["system_id"] for r in rows if r["donor"]} >= set(differing)
    variants = [r for r in rows if r["variant"]]  # each in the sentence that names it
    assert variants and all(
        r["variant"].replace(" ", "") in r["quote"].replace(" ", "") for r in variants
    )
    page.close()
