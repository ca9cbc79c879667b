import re

from factsheets.catalog import Catalog, form_pattern, load_catalog
from factsheets.model import System

CATALOG = load_catalog()
TOPICS = {
    "long-range-strike",
    "air-defence",
    "artillery-and-rockets",
    "armour",
    "aircraft",
    "drones",
    "anti-tank",
    "cluster-munitions",
    "naval",
    "adversary",
}


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
