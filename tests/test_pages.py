"""The explainer site's pages and downloads, built for real from the tiny site."""

import csv
import json
import shutil
import xml.etree.ElementTree as ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import build, evidence_of, site_pages, snapshot
from factsheets.shipped import TEMPLATES

ATOM = "{http://www.w3.org/2005/Atom}"


def page(root, path):
    return BeautifulSoup((root / "output" / path).read_text(encoding="utf-8"), "html.parser")


def test_home_has_status_overview_and_latest_changes(site):
    build(site)
    home = page(site, "index.html")
    overview = home.select_one(".status-overview").get_text(" ", strip=True)
    assert "delivered 2 systems" in overview  # ATACMS and Storm Shadow
    assert "ATACMS" in home.select_one(".changes").get_text()


def test_comparison_table_has_every_column_without_javascript(site):
    build(site)
    table = page(site, "systems/index.html").select_one("table.systems")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headings == [
        "System",
        "Topic",
        "Range (km)",
        "Range (mi)",
        "Status",
        "Donors",
        "As of",
    ]
    atacms = next(row for row in table.select("tbody tr") if row.th.get_text() == "ATACMS")
    cells = [td.get_text(strip=True) for td in atacms.select("td")]
    # one range per variant: the 2023 report's, and the 2024 report's longer-range version
    assert cells[1:3] == ["290; 300", "180; 186"]
    assert cells[3] == "delivered" and cells[5] == "2024-04-24"


def test_system_page_has_timeline_and_articles(site):
    build(site)
    atacms = page(site, "systems/atacms/index.html")
    timeline = [li.get_text(" ", strip=True) for li in atacms.select(".timeline li")]
    assert timeline[0].startswith("2023-09-22 pledged") and timeline[1].startswith(
        "2024-04-24 delivered"
    )
    assert len(atacms.select(".mentions li")) == 2


def test_topic_page_draws_an_accessible_range_chart_with_a_data_table(site):
    build(site)
    topic = page(site, "topics/long-range-strike/index.html")
    svg = topic.select_one("svg.chart")
    assert svg["role"] == "img"
    assert svg.title.get_text() == "Range in kilometres: Long-range strike"
    expected = "ATACMS (longer-range version) 300 km; ATACMS 290 km; Storm Shadow 250 km"
    assert expected in svg.desc.get_text()
    labels = [text.get_text() for text in svg.select(".chart-label")]
    bars = [int(rect["width"]) for rect in svg.select("rect")]
    widths = dict(zip(labels, bars, strict=True))
    assert widths["ATACMS (longer-range version)"] > widths["ATACMS"] > widths["Storm Shadow"]
    rows = [
        [cell.get_text() for cell in row.select("th, td")]
        for row in topic.select(".chart-data tbody tr")
    ]
    assert ["ATACMS (longer-range version)", "300", "186"] in rows


def test_sources_changes_feed_and_404(site):
    build(site)
    sources = page(site, "sources/index.html").get_text(" ", strip=True)
    assert "Britain confirms Storm Shadow missiles have been sent to Ukraine" in sources
    changes = " ".join(page(site, "changes/index.html").get_text(" ").split())
    # per donor, as a sentence; a statement naming no donor is what was reported
    assert "United States pledged ATACMS , 2023-09-22" in changes
    assert "ATACMS reported delivered , 2024-04-24" in changes
    feed = ElementTree.parse(site / "output" / "feeds" / "changes.atom.xml").getroot()
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert "United States pledged ATACMS, 2023-09-22" in titles
    assert "ATACMS reported delivered, 2024-04-24" in titles
    assert page(site, "404.html").h1.get_text() == "Page not found"


def test_data_downloads_and_sitemap(site):
    build(site)
    data = json.loads((site / "output" / "data" / "factsheets.json").read_text())
    atacms = next(s for s in data["systems"] if s["id"] == "atacms")
    assert atacms["status"] == "delivered"
    assert atacms["status_source"]["article"] == "articles/2024-04-24-atacms-delivered.md"
    assert {"km": 300, "mi": 186, "variant": "longer-range version"}.items() <= atacms["ranges"][
        1
    ].items()
    rows = list(csv.DictReader((site / "output" / "data" / "factsheets.csv").open()))
    assert {"id": "atacms", "range_km": "300", "status": "delivered"}.items() <= next(
        r for r in rows if r["id"] == "atacms"
    ).items()
    schema = json.loads((site / "output" / "data" / "factsheet.schema.json").read_text())
    assert schema["title"] == "factsheets fact sheet"
    sitemap = (site / "output" / "sitemap.xml").read_text()
    assert "/systems/atacms/</loc>" in sitemap and "/topics/long-range-strike/</loc>" in sitemap


def built_files(root):
    return {
        p.relative_to(root / "output"): p.read_bytes()
        for p in (root / "output").rglob("*")
        if p.is_file()
    }


def test_two_builds_write_identical_output(site, tmp_path):
    build(site)
    first = built_files(site)
    build(site)  # with every cache warm
    assert built_files(site) == first
    # A fresh clone: the fact sheets the first build wrote, no caches at all.
    clone = tmp_path / "clone"
    shutil.copytree(site, clone, symlinks=True, ignore=shutil.ignore_patterns("cache", "output"))
    build(clone)
    assert built_files(clone) == first


def plugin_files(root):
    """The plugin's pages and downloads with the time each was last written."""
    output = root / "output"
    names = ["systems", "topics", "sources", "changes", "review", "search", "data", "feeds"]
    found = [p for name in names for p in (output / name).rglob("*") if p.is_file()]
    found += [output / "404.html", output / "sitemap.xml"]
    return {
        p.relative_to(output).as_posix(): p.stat().st_mtime_ns
        for p in found
        if "pagefind" not in p.as_posix()
    }


def test_a_rebuild_renders_only_the_pages_whose_inputs_changed(site):
    build(site)
    before = plugin_files(site)
    build(site)
    assert plugin_files(site) == before  # nothing changed: nothing of ours is written again
    sheet = site / "content" / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text().replace("summary:", "summary: Edited by the desk.", 1))
    build(site)
    after = plugin_files(site)
    rewritten = {name for name in after if after[name] != before[name]}
    assert {
        "systems/atacms/index.html",  # its page
        "topics/long-range-strike/index.html",  # its topic
        "systems/index.html",  # the table
        "data/factsheets.json",
        "data/factsheets.csv",
        "feeds/changes.atom.xml",
    } <= rewritten
    # /sources/ lists evidence, which a summary does not change; other systems' pages and
    # topics do not show ATACMS's summary.
    untouched = {"sources/index.html", "systems/storm-shadow/index.html", "404.html"}
    untouched |= {"topics/air-defence/index.html", "data/factsheet.schema.json"}
    assert not untouched & rewritten


@pytest.mark.parametrize("paged", [False, True], ids=["one-page", "page-per-year"])
def test_a_rebuild_that_skips_unchanged_pages_writes_what_a_fresh_build_writes(
    site, tmp_path, paged
):
    """Pages whose inputs did not change are not rendered again; after every kind of edit,
    the output must still be byte for byte what a build from nothing writes."""
    if paged:
        page_per_year_from(site)
    build(site)
    content = site / "content"
    edits = ("summary", "status", "rejected", "article", "topic title", "template", "setting")
    edits += ("template function", "new year")
    for edit in edits:
        if edit == "summary":
            sheet = content / "facts" / "atacms.yaml"
            sheet.write_text(sheet.read_text().replace("summary:", "summary: Edited.", 1))
        elif edit == "status":  # an editor's status the evidence disagrees with: /review/
            sheet = content / "facts" / "atacms.yaml"
            sheet.write_text(sheet.read_text().replace("\nstatus:\n", "\nstatus: refused\n", 1))
            assert "status: refused" in sheet.read_text()
        elif edit == "rejected":
            sheet = content / "facts" / "storm-shadow.yaml"
            ledger = next((content / "evidence" / "storm-shadow").glob("*.yaml")).read_text()
            first_id = ledger.split("- id: ", 1)[1].split("\n", 1)[0]
            text = sheet.read_text()
            assert "rejected: []" in text
            sheet.write_text(text.replace("rejected: []", f"rejected: [{first_id}]"))
        elif edit == "article":
            (content / "articles" / "2024-06-01-more.md").write_text(
                "Title: More Storm Shadow\nDate: 2024-06-01\n\n"
                "Britain has delivered more Storm Shadow missiles to Ukraine.\n"
            )
            # an earlier year's evidence: the later years' numbers move up
            (content / "articles" / "2023-01-10-early.md").write_text(
                "Title: Early ATACMS talk\nDate: 2023-01-10\n\n"
                "Ukraine has asked the United States for ATACMS missiles.\n"
            )
        elif edit == "topic title":
            topics = content / "topics.yaml"
            topics.write_text(topics.read_text().replace("Long-range strike", "Deep strike", 1))
        elif edit == "template":
            # the site's theme replaces the plugin's template with its own
            template = (TEMPLATES / "factsheets" / "sources.html").read_text()
            override = site / "theme" / "templates" / "factsheets" / "sources.html"
            override.parent.mkdir(exist_ok=True)
            override.write_text(template.replace("<h1>", "<h1 class='edited'>", 1))
        elif edit == "setting":
            config = site / "pelicanconf.py"
            config.write_text(config.read_text() + '\nSITENAME = "Edited desk"\n')
        elif edit == "template function":  # not a plain setting: its code is what changed
            config = site / "pelicanconf.py"
            config.write_text(
                config.read_text() + "\ndef _miles(km):\n    return -1\n\n"
                'JINJA_FILTERS = {"mi": _miles}\n'
            )
        else:  # a year no page had before: every year page's navigation names it
            (content / "articles" / "2025-02-01-later.md").write_text(
                "Title: Later ATACMS\nDate: 2025-02-01\n\n"
                "The United States has delivered more ATACMS missiles to Ukraine.\n"
            )
        build(site)
        clone = tmp_path / f"clone-{edit.replace(' ', '-')}"
        ignore = shutil.ignore_patterns("cache", "output")
        shutil.copytree(site, clone, symlinks=True, ignore=ignore)
        build(clone)
        assert built_files(site) == built_files(clone), edit


def test_a_build_stopped_after_rendering_a_page_leaves_no_stamp_for_it(site):
    """Edit a sheet, let a build render its page and then fail, undo the edit: the next
    build must render the page again, not keep the one for the edit it no longer has."""
    build(site)
    sheet = site / "content" / "facts" / "atacms.yaml"
    original = sheet.read_text()
    sheet.write_text(original.replace("summary:", "summary: A short-lived edit.", 1))
    # the theme's own topics.html, rendered after the system pages, replaces the plugin's
    topics = site / "theme" / "templates" / "factsheets" / "topics.html"
    topics.parent.mkdir()
    topics.write_text((TEMPLATES / "factsheets" / "topics.html").read_text() + "{% broken %}")
    assert build(site, check=False).returncode != 0
    page_file = site / "output" / "systems" / "atacms" / "index.html"
    assert "A short-lived edit." in page_file.read_text()
    sheet.write_text(original)
    topics.unlink()
    build(site)
    assert "A short-lived edit." not in page_file.read_text()


def test_a_page_dropped_by_a_build_that_stopped_is_removed_by_the_next(site):
    build(site)
    review = site / "output" / "review" / "index.html"
    assert review.is_file()
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nFACTSHEETS_REVIEW_PAGE = False\n")
    # the theme's own topics.html, rendered after the system pages, stops this build
    topics = site / "theme" / "templates" / "factsheets" / "topics.html"
    topics.parent.mkdir()
    topics.write_text((TEMPLATES / "factsheets" / "topics.html").read_text() + "{% broken %}")
    assert build(site, check=False).returncode != 0
    topics.unlink()
    build(site)
    assert not review.exists()


DELIVERY_PAGE = "articles/atacms-arrived-in-ukraine-in-the-spring-pentagon-says/index.html"


def page_per_year_from(site, limit=3):
    """ATACMS (7 pieces of evidence in the fixtures) gets pages per year; Storm Shadow (3)
    keeps its list."""
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + f"\nFACTSHEETS_YEAR_PAGES_FROM = {limit}\n")


def resolves(root, page_path, href):
    """Whether a link on a page leads to a built page holding the element it names."""
    from urllib.parse import urljoin

    target, _, anchor = urljoin(f"/{page_path}", href).partition("#")
    built = root / "output" / target.lstrip("/")
    built = built / "index.html" if target.endswith("/") else built
    if not built.is_file():
        return False
    return not anchor or page(root, built.relative_to(root / "output")).find(id=anchor) is not None


def test_a_system_with_much_evidence_lists_it_on_a_page_per_year(site):
    page_per_year_from(site)
    build(site)
    atacms = page(site, "systems/atacms/index.html")
    assert not atacms.select(".evidence-item")
    years = [a.get_text() for a in atacms.select("ul.evidence-years a")]
    assert years == ["2023", "2024"]
    assert page(site, "systems/storm-shadow/index.html").select(".evidence-item")
    # every footnote, and every /sources/ link, leads to its evidence
    cites = [a["href"] for a in atacms.select("sup.cite a")]
    assert cites and all(resolves(site, "systems/atacms/index.html", h) for h in cites)
    links = [a["href"] for a in page(site, "sources/index.html").select("main li a")]
    assert any("/evidence/20" in h for h in links) and any("storm-shadow/#ev-" in h for h in links)
    assert all(resolves(site, "sources/index.html", h) for h in links)
    # the year pages hold every piece of evidence once, numbered as the ledger orders it
    numbers, ids = [], []
    for year in years:
        year_page = page(site, f"systems/atacms/evidence/{year}/index.html")
        items = year_page.select(".evidence-item")
        assert int(year_page.select_one("section.evidence ol")["start"]) == int(items[0]["id"][3:])
        numbers += [int(item["id"][3:]) for item in items]
        ids += [item.select_one(".evidence-id").get_text() for item in items]
        assert not year_page.select_one("main").has_attr("data-pagefind-body")
    assert numbers == list(range(1, 8))
    assert sorted(ids) == sorted(e["id"] for e in evidence_of(site / "content", "atacms"))
    sitemap = (site / "output" / "sitemap.xml").read_text()
    assert "/systems/atacms/evidence/2024/</loc>" in sitemap


def rewritten_after_a_new_article(site):
    """The plugin's files the next build writes again after one new 2024 ATACMS article."""
    before = plugin_files(site)
    (site / "content" / "articles" / "2024-06-01-more.md").write_text(
        "Title: More ATACMS\nDate: 2024-06-01\n\n"
        "The United States has delivered more ATACMS missiles to Ukraine.\n"
    )
    build(site)
    after = plugin_files(site)
    return {name for name in after if after[name] != before.get(name)}


def test_a_new_article_re_renders_the_evidence_page_of_its_year_only(site):
    page_per_year_from(site)
    build(site)
    rewritten = rewritten_after_a_new_article(site)
    assert "systems/atacms/evidence/2024/index.html" in rewritten
    assert "systems/atacms/evidence/2023/index.html" not in rewritten


def test_sources_of_a_large_site_are_on_a_page_per_year(site):
    page_per_year_from(site, limit=2)  # three articles in the fixtures
    build(site)
    index = page(site, "sources/index.html")
    years = [(a.get_text(), a.parent.get_text()) for a in index.select("nav.evidence-years a")]
    assert [year for year, _ in years] == ["2024", "2023"]
    assert years[1][1] == "2023 (2 articles)" and years[0][1] == "2024 (1 article)"
    listed = []
    for year, _ in years:
        year_page = page(site, f"sources/{year}/index.html")
        assert year_page.select_one("[aria-current=page]").get_text() == year
        listed += [h2.get_text() for h2 in year_page.select(".source-article h2")]
        links = [a["href"] for a in year_page.select(".source-article li a")]
        assert links and all(resolves(site, f"sources/{year}/index.html", h) for h in links)
        assert not year_page.select_one("main").has_attr("data-pagefind-body")
    assert len(listed) == len(set(listed)) == 3
    rewritten = rewritten_after_a_new_article(site)
    assert "sources/2024/index.html" in rewritten
    assert "sources/2023/index.html" not in rewritten
    assert "2024 (2 articles)" in page(site, "sources/index.html").get_text()


def test_search_indexes_system_pages_but_not_the_pages_that_repeat_their_quotes(site):
    import json

    build(site)
    # exactly one element marks what search reads: the plugin's pages mark their content
    marked = page(site, "systems/atacms/index.html").select("[data-pagefind-body]")
    assert [element.name for element in marked] == ["section"]
    for repeated in ("sources/index.html", "review/index.html"):
        assert not page(site, repeated).select("[data-pagefind-body]")
    # and pagefind's bundles, together, hold every other page once
    indexed = 0
    for entry in (site / "output").glob("pagefind*/pagefind-entry.json"):
        languages = json.loads(entry.read_text())["languages"].values()
        indexed += sum(language["page_count"] for language in languages)
    pages = [p for p in (site / "output").rglob("*.html") if "pagefind" not in p.parts]
    with_body = [p for p in pages if "data-pagefind-body" in p.read_text()]
    assert indexed == len(with_body) < len(pages)


def test_search_skips_article_bodies_unless_asked(site):
    build(site)
    article = page(site, DELIVERY_PAGE)
    body = article.select_one(".article-body")
    assert body.has_attr("data-pagefind-ignore")
    assert article.select_one("main").has_attr("data-pagefind-body")  # headline still indexed
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nFACTSHEETS_SEARCH_ARTICLE_TEXT = True\n")
    build(site)
    article = page(site, DELIVERY_PAGE)
    assert not article.select_one(".article-body").has_attr("data-pagefind-ignore")


def glob_matches(glob, page):
    """pagefind's glob as our bundles write it: {a,b,...}, each segment a shell pattern."""
    from fnmatch import fnmatchcase

    alternatives = glob.strip("{}").split(",")
    parts = page.split("/")
    return any(
        len(pattern.split("/")) == len(parts)
        and all(fnmatchcase(part, seg) for part, seg in zip(parts, pattern.split("/"), strict=True))
        for pattern in alternatives
    )


def test_pagefind_is_never_given_a_page_it_would_not_index(site):
    """The pages kept out of search (a system's evidence by year, /sources/, /review/) are
    in no bundle's glob, so pagefind does not read them, and their changes re-index
    nothing; every searched page is in exactly one bundle."""
    from factsheets import search
    from factsheets.plugin import searched_pages

    page_per_year_from(site, limit=2)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nFACTSHEETS_SEARCH_BUNDLE_PAGES = 2\n")
    build(site)
    output = site / "output"
    searched = searched_pages(output)
    bundles = search.bundles(searched, 2)
    every = [p.relative_to(output).as_posix() for p in output.rglob("*.html")]
    every = [p for p in every if not p.startswith("pagefind")]
    unsearched = [p for p in every if p not in searched]
    assert any("/evidence/" in p for p in unsearched) and "sources/index.html" in unsearched
    for page_name in every:
        holders = [b.name for b in bundles if glob_matches(b.glob, page_name)]
        assert len(holders) == (page_name in searched), (page_name, holders)


def test_pages_a_build_no_longer_writes_are_removed(site):
    page_per_year_from(site)
    build(site)
    years = site / "output" / "systems" / "atacms" / "evidence"
    assert (years / "2024" / "index.html").is_file()
    conf = site / "pelicanconf.py"
    conf.write_text(
        conf.read_text() + "\nFACTSHEETS_YEAR_PAGES_FROM = 300\nFACTSHEETS_REVIEW_PAGE = False\n"
    )
    build(site)
    assert not years.exists()
    assert not (site / "output" / "review").exists()
    assert page(site, "systems/atacms/index.html").select(".evidence-item")


def test_supply_data_has_a_row_per_donor_and_statement_with_its_quote(site):
    from factsheets.downloads import SUPPLY_COLUMNS

    build(site)
    text = (site / "output" / "data" / "supply.csv").read_text()
    rows = list(csv.DictReader(text.splitlines()))
    assert tuple(rows[0]) == SUPPLY_COLUMNS
    atacms = [row for row in rows if row["system_id"] == "atacms"]
    assert [(r["status"], r["date"]) for r in atacms] == [
        ("pledged", "2023-09-22"),
        ("delivered", "2024-04-24"),
    ]
    pledge = atacms[0]
    assert pledge["donor"] == "United States" and pledge["recipient"] == "Ukraine"
    # every row's quote is the ledger's, under the same id, and the sentence is the article's
    ledger = {e["id"]: e for e in evidence_of(site / "content", "atacms")}
    for row in atacms:
        assert ledger[row["evidence_id"]]["quote"] == row["quote"]
        article = (site / "content" / row["article"]).read_text()
        assert row["quote"] in article
    data = json.loads((site / "output" / "data" / "supply.json").read_text())
    assert [list(r) for r in data["supply"]] == [list(SUPPLY_COLUMNS)] * len(rows)
    assert [r["quote"] for r in data["supply"]] == [r["quote"] for r in rows]


def test_a_rejected_statement_leaves_the_supply_data(site):
    build(site)
    delivered = next(
        e for e in evidence_of(site / "content", "atacms") if e.get("value") == "delivered"
    )
    sheet = site / "content" / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text().replace("rejected: []", f'rejected: ["{delivered["id"]}"]'))
    build(site)
    text = (site / "output" / "data" / "supply.csv").read_text()
    assert delivered["id"] not in text and "pledged" in text


def test_the_data_package_describes_every_column_of_both_csv_files_and_the_values_fit(site):
    from datetime import date

    build(site)
    data = site / "output" / "data"
    package = json.loads((data / "datapackage.json").read_text())
    assert [r["path"] for r in package["resources"]] == ["supply.csv", "factsheets.csv"]
    parse = {"integer": int, "date": date.fromisoformat, "string": str}
    documented = [
        code.get_text()
        for code in page(site, "data/index.html").select("table.data-dictionary th code")
    ]
    described = []
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        rows = list(csv.DictReader((data / resource["path"]).read_text().splitlines()))
        assert [f["name"] for f in fields] == list(rows[0])
        for row in rows:
            for spec in fields:
                value = row[spec["name"]]
                if value not in resource["schema"]["missingValues"]:
                    parse[spec["type"]](value)  # raises if a value does not fit its type
        assert all(f["description"] for f in fields)
        described += [f["name"] for f in fields]
    assert documented == described


def test_every_page_says_as_of_which_report_and_when_the_site_was_built(site):
    from datetime import UTC, date, datetime, time

    day = date(2026, 3, 4)
    epoch = str(int(datetime.combine(day, time(12), tzinfo=UTC).timestamp()))
    build(site, env={"SOURCE_DATE_EPOCH": epoch})
    output = site / "output"
    pages = site_pages(output)
    assert len(pages) > 20
    newest = max(
        date.fromisoformat(str(e["published"]))
        for sheet in (site / "content" / "facts").glob("*.yaml")
        for e in evidence_of(site / "content", sheet.stem)
        if e.get("published")
    )
    for path in pages:
        dates = BeautifulSoup(path.read_text(), "html.parser").select_one("footer .page-dates")
        assert dates is not None, path
        times = [t["datetime"] for t in dates.select("time")]
        assert times[-1] == "2026-03-04", path  # site last updated: SOURCE_DATE_EPOCH's day
        if len(times) == 2:
            assert date.fromisoformat(times[0]) <= newest, path
    assert times_of(output / "systems" / "atacms" / "index.html") == ["2024-04-24", "2026-03-04"]
    assert times_of(output / "index.html")[0] == newest.isoformat()
    article = next((output / "articles").glob("*/index.html"))
    byline = BeautifulSoup(article.read_text(), "html.parser").select_one(".byline time")
    assert times_of(article)[0] == byline["datetime"]  # an article's: its own date

    build(site, env={"SOURCE_DATE_EPOCH": str(int(epoch) + 86_400)})  # the next day
    assert times_of(output / "systems" / "atacms" / "index.html")[-1] == "2026-03-05"


def times_of(path):
    dates = BeautifulSoup(path.read_text(), "html.parser").select_one("footer .page-dates")
    return [t["datetime"] for t in dates.select("time")]


def test_a_bad_source_date_epoch_stops_the_build_in_one_line_before_any_write(site):
    build(site)
    before = snapshot(site / "content")
    (site / "content" / "articles" / "2024-06-01-new.md").write_text(
        "Title: New\nDate: 2024-06-01\n\nThe United States has delivered ATACMS to Ukraine.\n"
    )
    with_article = snapshot(site / "content")
    result = build(site, check=False, env={"SOURCE_DATE_EPOCH": "yesterday"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    (line,) = [line for line in output.splitlines() if "SOURCE_DATE_EPOCH" in line]
    assert "'yesterday' is not a date" in line and "unset it" in line
    assert snapshot(site / "content") == with_article != before  # no sheet merged
