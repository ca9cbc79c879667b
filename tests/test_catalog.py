import re

import pytest

from factsheets.catalog import Catalog, form_pattern, load_catalog, variant_of
from factsheets.model import System
from factsheets.topics import DEFAULT_TOPICS, load_topics

CATALOG = load_catalog()
# every topic a catalog system names is one the plugin's own topics list defines
TOPICS = {topic.id for topic in load_topics(DEFAULT_TOPICS)}


def test_catalog_is_large_and_ids_are_safe_slugs():
    assert len(CATALOG) >= 60
    for system_id in CATALOG.systems:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", system_id), system_id


def test_no_name_belongs_to_two_systems():
    owners: dict[str, str] = {}
    for system in CATALOG.systems.values():
        for form in system.surface_forms:
            key = form.lower()
            assert owners.setdefault(key, system.id) == system.id, (form, owners[key], system.id)


def test_topics_adversaries_and_range_sources():
    for system in CATALOG.systems.values():
        assert system.topic in TOPICS, system.id
        assert system.adversary == (system.topic == "adversary"), system.id
        for reach in system.ranges:
            assert reach.km > 0 and reach.source, system.id
    assert {"iskander", "kinzhal", "kalibr", "shahed-136"} <= {
        s.id for s in CATALOG.systems.values() if s.adversary
    }


def test_designations_match_as_written():
    found = CATALOG.find_mentions("The MGM-140 and the M142 and FIM-92 Stingers.")
    assert [(m.system_id, m.text) for m in found] == [
        ("atacms", "MGM-140"),
        ("himars", "M142"),
        ("stinger", "FIM-92"),
        ("stinger", "Stingers"),
    ]


def test_editor_aliases_extend_the_catalog():
    catalog = Catalog([System(id="atacms", name="ATACMS", topic="long-range-strike")])
    assert catalog.find_mentions("the Attack-Ems") == []
    taught = catalog.with_aliases({"atacms": ["Attack-Ems"]})
    assert [m.text for m in taught.find_mentions("the “Attack-Ems,” they said")] == ["Attack-Ems"]


def test_form_pattern_bends_like_news_prose():
    pattern = re.compile(form_pattern("Army Tactical Missile System"))
    assert pattern.search("the Army’s tactical missile system")
    assert re.compile(form_pattern("ATACMS")).search("Atacms missiles")
    assert not re.compile(form_pattern("Patriot")).search("a proud patriot")


@pytest.mark.parametrize(
    "system, mention, after, variant",
    [
        ("leopard-2", "Leopard 2A6", "", "Leopard 2A6"),
        ("leopard-2", "Leopard 2A6s", "", "Leopard 2A6"),  # plural
        ("leopard-2", "Leopard 2 A6", " tanks", "Leopard 2A6"),  # spaced, written joined
        ("leopard-2", "Leopard 2", " A6 tanks", "Leopard 2A6"),  # the model letter after it
        ("leopard-2", "Leopard 2A7", "", "Leopard 2A7"),  # not catalogued: a model letter
        ("patriot", "Patriot", " PAC-3 systems", "PAC-3"),  # a catalogued variant after it
        ("patriot", "PAC-3 MSE", "", "PAC-3 MSE"),  # the longest variant it holds
        ("m1-abrams", "M1A1 Abrams", "", "M1A1"),
        ("javelin", "FGM-148F", "", "FGM-148F"),
        ("leopard-2", "Leopard 2", " tanks", None),
        ("leopard-2", "Leopard 2", " And", None),  # a word, not a model letter
        ("leopard-2", "Leopard 2s", "", None),
        ("patriot", "Patriot", " battery", None),
        ("f-16", "F-16s", "", None),
        ("himars", "HIMARS", "", None),
    ],
)
def test_the_variant_a_mention_names(system, mention, after, variant):
    assert variant_of(load_catalog()[system], mention, after) == variant


def test_catalogued_variants_are_names_the_extractor_knows():
    """A variant the catalog lists must be found in text: it is one of the system's names,
    or its name with a model letter."""
    for system in load_catalog().systems.values():
        for variant in system.variants:
            assert variant_of(system, variant) == variant, (system.id, variant)
            found = Catalog([system]).find_mentions(f"It sent {variant} units.")
            assert [m.system_id for m in found] == [system.id], (system.id, variant)
