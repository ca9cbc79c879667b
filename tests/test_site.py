"""Build a tiny real site with Pelican and read the pages it wrote."""

from bs4 import BeautifulSoup

from conftest import build, snapshot


def page(root, path):
    return BeautifulSoup((root / "output" / path).read_text(encoding="utf-8"), "html.parser")


def test_build_writes_fact_sheets_and_system_pages(site):
    build(site)
    facts = site / "content" / "facts"
    assert {p.name for p in facts.glob("*.yaml")} >= {"atacms.yaml", "storm-shadow.yaml"}
    atacms = page(site, "systems/atacms/index.html")
    assert atacms.h1.get_text() == "ATACMS"
    factbox = atacms.select_one("dl.factbox").get_text(" ", strip=True)
    assert "delivered" in factbox  # latest evidence: the 2024 article
    assert "300 km (186 mi)" in factbox


def test_every_shown_value_links_to_its_quote(site):
    build(site)
    atacms = page(site, "systems/atacms/index.html")
    links = atacms.select("dl.factbox sup.cite a")
    assert links
    for link in links:
        target = atacms.select_one(link["href"])
        quote = target.blockquote.get_text()
        assert (
            quote
            in (site / "content").joinpath("articles", "2024-04-24-atacms-delivered.md").read_text()
            + (site / "content" / "articles" / "2023-09-22-atacms-pledge.md").read_text()
        )
        assert target.select_one("a[href]")  # the article it came from


def test_status_quote_and_range_quote_on_system_page(site):
    build(site)
    text = page(site, "systems/atacms/index.html").get_text(" ")
    assert "Long-range ATACMS missiles arrived in Ukraine earlier this month" in text
    assert (
        "The longer-range version can strike targets up to 300 kilometers (190 miles) away." in text
    )


def test_txt_articles_are_read_cleaned_and_linked(site):
    build(site)
    storm = page(site, "systems/storm-shadow/index.html")
    assert "delivered" in storm.select_one("dl.factbox").get_text()
    assert "250 km" in storm.select_one("dl.factbox").get_text()
    article = page(
        site, "articles/britain-confirms-storm-shadow-missiles-have-been-sent-to-ukraine/index.html"
    )
    assert "Related Articles" not in article.get_text()
    assert [a.get_text() for a in article.select("aside.detected a")] == ["Storm Shadow"]


def test_index_topic_and_systems_pages(site):
    build(site)
    systems = page(site, "systems/index.html")
    names = [a.get_text() for a in systems.select("tbody th a")]
    assert "ATACMS" in names and "Storm Shadow" in names
    topic = page(site, "topics/long-range-strike/index.html")
    assert topic.h1.get_text() == "Long-range strike"
    assert "ATACMS" in [a.get_text() for a in topic.select("main li a")]
    home = page(site, "index.html")
    assert home.select_one('a[href$="systems/atacms/"]')


def test_second_build_changes_no_fact_sheet(site):
    build(site)
    before = snapshot(site / "content" / "facts")
    build(site)
    assert snapshot(site / "content" / "facts") == before


def test_text_from_articles_is_escaped(site):
    (site / "content" / "articles" / "2023-01-01-xss.md").write_text(
        "Title: <script>alert(1)</script> ATACMS\nDate: 2023-01-01\n"
        "Outlet: <img src=x onerror=alert(1)>\n\nThe U.S. will provide ATACMS.\n"
    )
    build(site)
    html = (site / "output" / "systems" / "atacms" / "index.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html


def test_url_metadata_links_the_original_report_not_the_page(site):
    build(site)
    atacms = page(site, "systems/atacms/index.html")
    links = {a["href"] for a in atacms.select(".evidence .source a")}
    assert "https://example.org/news/atacms-pledge" in links
    internal = [href for href in links if not href.startswith("https://")]
    assert internal and all(href.startswith("../../articles/") for href in internal)
    for href in internal:
        assert (site / "output" / "systems" / "atacms" / href / "index.html").resolve().exists()
    article = page(
        site, "articles/us-to-provide-atacms-missiles-to-ukraine-officials-say/index.html"
    )
    assert article.select_one('a[href="https://example.org/news/atacms-pledge"]')
