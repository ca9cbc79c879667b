"""How many independent sources support each value: a wire story posted by several outlets
counts once, an official named in a quote is on the record, one source alone is marked."""

import json
from datetime import date

from bs4 import BeautifulSoup

from conftest import build, evidence_of
from factsheets.corroboration import range_support, status_support, support
from factsheets.extract.sources import on_record, wire_named, wire_origin
from factsheets.model import Evidence, FactSheet, Shown

SAID = "Germany has delivered the Leopard tanks, officials said."


def statement(quote=SAID, outlet=None, article="a.md", origin=None, url=None, **more):
    return Evidence(
        "status", "delivered", quote, article, outlet=outlet, origin=origin, url=url, **more
    )


def test_the_same_sentence_under_two_outlets_is_one_source():
    curly = SAID.replace("has", "has ").replace("'", "’")  # spacing and marks of another copy
    found = support([statement(outlet="ABC News"), statement(curly, "Yahoo News", "b.md")])
    assert found.count == 1 and found.single


def test_a_wire_story_reworded_by_its_outlets_is_one_source():
    first = statement(outlet="ABC News", origin="Associated Press")
    trimmed = statement("Germany delivered the tanks.", "The Times of Israel (Associated Press)")
    assert support([first, trimmed]).count == 1


def test_independent_reports_are_counted_apart_and_one_outlet_once():
    wire = statement(outlet="ABC News", origin="Associated Press")
    own = statement("ABC News learned that Germany sent the tanks.", "ABC News", "b.md")
    other = statement("Berlin's Leopards are in Ukraine.", "DW", "c.md")
    found = support([wire, own, other])
    assert found.count == 3 and not found.single
    assert found.names == ["Associated Press", "ABC News", "DW"]
    again = statement("The tanks reached Ukraine, DW was told.", "DW", "d.md")
    assert support([other, again]).count == 1  # one outlet's two stories
    unnamed = [statement("One.", url="https://www.a.example/x"), statement("Two.", article="b")]
    assert support(unnamed).count == 2  # no outlet: by address, else by article


def test_a_range_is_supported_by_the_same_reach_a_rounding_apart():
    def reach(value, unit, km, article):
        item = {"value": value, "unit": unit, "km": km, "variant": None}
        return Evidence("range", item, f"{value} {unit}", article, outlet=article)

    sheet = FactSheet(
        id="x",
        name="X",
        evidence=[
            reach(300, "km", 300, "a"),
            reach(190, "mi", 306, "b"),
            reach(165, "km", 165, "c"),
        ],
    )
    shown = Shown(sheet.evidence[0].value, sheet.evidence[0])
    assert range_support(sheet, shown).count == 2
    assert range_support(sheet, Shown({"km": 300, "variant": None})) is None  # an editor's


def test_a_donors_status_counts_only_the_statements_that_give_it():
    pledge = statement(
        "Germany pledged Leopards.", "DW", published=date(2023, 1, 25), actor="Germany"
    )
    delivered = [
        statement(outlet="ABC News", published=date(2023, 3, 1), actor="Germany"),
        statement(
            "Leopards from Germany arrived.",
            "DW",
            "b.md",
            published=date(2023, 3, 2),
            actor="Germany",
        ),
    ]
    sheet = FactSheet(id="x", name="X", evidence=[pledge, *delivered])
    (line,) = sheet.supply_lines
    assert status_support(line).count == 2
    edited = FactSheet(
        id="x", name="X", evidence=sheet.evidence, supply={"Germany": {"status": "delivered"}}
    )
    assert status_support(edited.supply_lines[0]) is None


def test_who_is_on_the_record():
    named = on_record("The tanks have arrived, Defence Minister Oleksii Reznikov said on Monday.")
    assert (named.role, named.name) == ("Defence Minister", "Oleksii Reznikov")
    assert on_record("The tanks have arrived, a senior official said.") is None
    assert on_record("Michael Kofman, a military analyst, said the tanks had arrived.") is None


def test_which_wire_a_story_comes_from():
    assert wire_named("The Times of Israel (Associated Press)") == "Associated Press"
    assert wire_named("AFP (via SpaceWar.com)") == "AFP"
    assert wire_named("Map News") is None and wire_named(None) is None
    assert wire_origin("KYIV, Dec 1 (Reuters) - Ukraine said", "Yahoo News") == "Reuters"
    # a wire the story quotes is not where it comes from
    assert wire_origin("The missiles arrived, according to AFP.", "The Kyiv Independent") is None
    late = "x" * 400 + " PARIS (AFP) - "
    assert wire_origin(late, None) is None  # a dateline opens a story


WIRE = """Title: {title}
Date: 2024-05-0{day}
Outlet: {outlet}
URL: https://{host}/atacms-wire

WASHINGTON (AP) — The United States has delivered a new batch of ATACMS missiles to Ukraine,
Defense Secretary Lloyd Austin told reporters{when}.
"""


def test_the_same_wire_story_under_two_outlets_is_counted_once(site):
    articles = site / "content" / "articles"
    # the second copy trims the sentence, as aggregators do: only the dateline ties them
    copies = (
        (1, "ABC News", "abcnews.example", " on Tuesday"),
        (2, "Yahoo News", "yahoo.example", ""),
    )
    for day, outlet, host, when in copies:
        title = f"US delivers more ATACMS ({outlet})"
        text = WIRE.format(title=title, day=day, outlet=outlet, host=host, when=when)
        (articles / f"2024-05-0{day}-wire.md").write_text(text)
    build(site)
    wired = [
        e
        for e in evidence_of(site / "content", "atacms")
        if e.get("outlet") in ("ABC News", "Yahoo News")
    ]
    assert wired and {e["origin"] for e in wired} == {"Associated Press"}

    record = next(
        s
        for s in json.loads((site / "output" / "data" / "factsheets.json").read_text())["systems"]
        if s["id"] == "atacms"
    )
    (line,) = [line for line in record["supply"] if line["donor"] == "United States"]
    assert line["status"] == "delivered"
    wire_copies = line["status_support"]
    assert wire_copies["sources"] == 1 and wire_copies["single_source"]
    assert wire_copies["names"] == ["Associated Press"]
    assert wire_copies["on_record"] == "Defense Secretary Lloyd Austin"
    page = BeautifulSoup(
        (site / "output" / "systems" / "atacms" / "index.html").read_text(), "html.parser"
    )
    row = next(
        r for r in page.select("table.donors tbody tr") if "United States" in r.th.get_text()
    )
    assert row.select_one(".support.single").get_text() == "single source, on record"

    (articles / "2024-05-03-own.md").write_text(
        "Title: ATACMS in Ukraine\nDate: 2024-05-03\nOutlet: DW\n\n"
        "Ukraine has received more U.S. ATACMS missiles, the Pentagon confirmed to DW.\n"
    )
    build(site)
    page = BeautifulSoup(
        (site / "output" / "systems" / "atacms" / "index.html").read_text(), "html.parser"
    )
    row = next(
        r for r in page.select("table.donors tbody tr") if "United States" in r.th.get_text()
    )
    assert row.select_one(".support").get_text() == "2 sources, on record"
    assert row.select_one(".support.single") is None
