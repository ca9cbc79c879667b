"""/methodology/: made from the marked parts of docs/statuses.md and docs/extraction.md."""

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build
from factsheets.methodology import (
    SHIPPED,
    SOURCES,
    MethodologyError,
    main,
    methodology_markdown,
)
from factsheets.model import STATUSES


def page(site, *parts) -> BeautifulSoup:
    return BeautifulSoup(site.joinpath("output", *parts, "index.html").read_text(), "html.parser")


def test_the_shipped_text_is_the_docs_marked_parts():
    docs = {name: (REPO / "docs" / name).read_text(encoding="utf-8") for name in SOURCES}
    assert SHIPPED.read_text(encoding="utf-8") == methodology_markdown(docs), (
        "docs/ changed: run `make methodology`"
    )
    assert main([str(REPO / "docs"), "--check"]) == 0


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "<!-- methodology 1 -->\nA\n<!-- methodology 2 -->\n",
            "a.md:3: a methodology block opens",
        ),
        ("A\n<!-- /methodology -->\n", "a.md:2: <!-- /methodology --> closes no block"),
        ("<!-- methodology 1 -->\nA\n", "a.md: the methodology block 1 is never closed"),
    ],
)
def test_marks_that_do_not_pair_up_are_named(text, problem):
    with pytest.raises(MethodologyError, match=problem):
        methodology_markdown({"a.md": text})


def test_blocks_go_in_their_order_and_keep_a_links_words_not_the_link():
    first = "<!-- methodology 2 -->\n## Two\nSee [the rules](extraction.md#limits).\n"
    second = "<!-- /methodology -->\n<!-- methodology 1 -->\n## One\n<!-- /methodology -->\n"
    made = methodology_markdown({"a.md": first + second})
    assert made.index("## One") < made.index("## Two")
    assert "See the rules." in made and "(extraction.md" not in made
    with pytest.raises(MethodologyError, match="two methodology blocks are number 1"):
        methodology_markdown({"a.md": second.split("\n", 1)[1], "b.md": second.split("\n", 1)[1]})


def test_the_page_says_what_each_status_means_and_what_the_site_does_not_claim(site):
    build(site)
    shown = page(site, "methodology")
    titles = [h2.get_text() for h2 in shown.select("article h2")]
    for needed in (
        "What each status means",
        "Which status the site shows",
        "How corrections are made",
        "What the site does not claim",
    ):
        assert needed in titles
    table = shown.select_one("#what-each-status-means ~ .table-wrap table")
    assert [row.td.get_text() for row in table.select("tbody tr")] == list(STATUSES)
    for link in shown.select("nav.contents a"):
        assert shown.find(id=link["href"].removeprefix("#")) is not None
    assert not [a for a in shown.select("article a[href]") if ".md" in a["href"]]
    system = page(site, "systems", "atacms")
    assert system.select_one("p.how a")["href"].endswith("methodology/")


def test_the_page_can_be_switched_off(site):
    build(site)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nFACTSHEETS_METHODOLOGY = False\n")
    build(site)
    assert not (site / "output" / "methodology").exists()
    assert page(site, "systems", "atacms").select_one("p.how") is None
