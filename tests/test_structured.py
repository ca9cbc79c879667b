"""Every page carries Open Graph and Twitter card tags and one schema.org record (JSON-LD);
a system page's is a Dataset based on the articles behind it."""

import json

from bs4 import BeautifulSoup

from conftest import build, evidence_of, site_pages


def records(output):
    for path in site_pages(output):
        page = BeautifulSoup(path.read_text(), "html.parser")
        scripts = page.select('script[type="application/ld+json"]')
        assert len(scripts) == 1, path
        yield path, page, json.loads(scripts[0].string)


def test_every_page_has_link_preview_tags_and_one_structured_record(site):
    build(site)
    seen = 0
    for path, page, record in records(site / "output"):
        seen += 1
        assert record["@context"] == "https://schema.org", path
        title = page.title.get_text()
        assert page.select_one('meta[property="og:title"]')["content"] == title, path
        assert page.select_one('meta[name="twitter:card"]')["content"] == "summary"
        assert page.select_one('meta[name="description"]')["content"].strip(), path
        assert record["name"], path
    assert seen > 10


def test_a_system_page_is_a_dataset_based_on_its_articles(site):
    build(site, "publishconf.py", env={"SITEURL": "https://example.org/facts"})
    path = site / "output" / "systems" / "atacms" / "index.html"
    ((_, _, record),) = [r for r in records(site / "output") if r[0] == path]
    assert record["@type"] == "Dataset"
    assert record["url"] == "https://example.org/facts/systems/atacms/"
    urls = {source["url"] for source in record["isBasedOn"]}
    cited = {e["url"] for e in evidence_of(site / "content", "atacms") if e.get("url")}
    assert urls == cited
    assert all(source["datePublished"] and source["headline"] for source in record["isBasedOn"])
    assert record["variableMeasured"][0] == "status: delivered"  # the fixtures' headline
