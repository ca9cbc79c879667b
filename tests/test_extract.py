import pytest

from conftest import reference_article
from factsheets.catalog import load_catalog
from factsheets.extract import extract
from factsheets.model import Article
from factsheets.read import read_article

CATALOG = load_catalog()


def claims(body: str, title: str = ""):
    result = extract(Article(path="a.md", title=title, body=body), CATALOG)
    return {entry.system.id: entry for entry in result.systems}


def test_every_quote_is_the_text_at_its_offsets():
    article = read_article(reference_article())
    result = extract(article, CATALOG)
    quotes = [
        quote
        for entry in result.systems
        for quote in [
            *entry.mention_quotes,
            *(c.quote for c in entry.ranges),
            *(c.quote for c in entry.statuses),
        ]
    ]
    assert quotes
    for quote in quotes:
        assert article.text[quote.start : quote.end] == quote.text


def test_reference_article_atacms():
    result = extract(read_article(reference_article()), CATALOG)
    atacms = next(entry for entry in result.systems if entry.system.id == "atacms")
    assert set(atacms.mentions) >= {"ATACMS", "Army’s tactical missile system", "Attack-Ems"}
    assert atacms.status.status == "pledged"
    assert atacms.status.actor == "United States"
    [reach] = atacms.ranges
    assert (reach.range.value, reach.range.unit, reach.range.km) == (180, "mi", 290)
    assert reach.range.qualifier == "up to about"
    assert "strike targets from up to about 180 miles away" in reach.quote.text


def test_reference_article_other_systems_and_statuses():
    found = {e.system.id: e for e in extract(read_article(reference_article()), CATALOG).systems}
    assert found["f-16"].status.status == "pledged"
    assert found["himars"].status.status == "pledged"  # "initially denied ... but later ..."
    assert found["stinger"].status.status == "pledged"
    assert found["dpicm"].status.status == "pledged"  # "signed a presidential waiver"
    assert [c.status for c in found["himars"].status_history][0] == "refused"


def test_both_units_are_reported():
    found = claims("The ATACMS can hit targets up to 300 kilometers (190 miles) away.")
    values = [(c.range.value, c.range.unit, c.range.km) for c in found["atacms"].ranges]
    assert values == [(300, "km", 300), (190, "mi", 306)]


@pytest.mark.parametrize(
    "sentence",
    [
        "HIMARS launchers were moved to positions 30 km from the front line.",
        "The HIMARS strike hit a depot in a city 100 miles east of Kherson.",
    ],
)
def test_distances_to_places_are_not_ranges(sentence):
    assert claims(sentence)["himars"].ranges == []


def test_range_needs_reach_context():
    assert claims("The convoy of HIMARS drove 80 km overnight.")["himars"].ranges == []


@pytest.mark.parametrize(
    "sentence, status",
    [
        ("Ukraine has asked for ATACMS.", "requested"),
        ("Washington is considering sending ATACMS.", "considering"),
        ("The United States has refused to send ATACMS.", "refused"),
        ("The Pentagon said it will provide ATACMS.", "pledged"),
        ("The first ATACMS arrived in Ukraine last week.", "delivered"),
        ("The United States will stop sending ATACMS.", "halted"),
        ("Officials did not say when the ATACMS would be delivered.", None),
    ],
)
def test_status_cues(sentence, status):
    entry = claims(sentence)["atacms"]
    assert (entry.status.status if entry.status else None) == status


def test_a_list_of_systems_shares_the_status():
    found = claims("The United States agreed to supply HIMARS, Stinger missiles and F-16 jets.")
    assert {key: entry.status.status for key, entry in found.items()} == {
        "himars": "pledged",
        "stinger": "pledged",
        "f-16": "pledged",
    }


def test_adversary_weapons_get_no_status():
    found = claims("Russia has used Iskander missiles, and the U.S. will provide HIMARS.")
    assert found["iskander"].statuses == []
    assert found["himars"].status.status == "pledged"


def test_generic_phrases_are_not_systems():
    assert claims("The U.S. will send long-range missiles, tanks and fighter jets.") == {}


def test_case_plural_and_possessive_mentions():
    found = claims("Two Patriots arrived. The Patriot's radar works. A true patriot spoke.")
    assert found["patriot"].mentions == ["Patriots", "Patriot's"]


def test_range_in_a_following_sentence_that_refers_back():
    text = "Ukraine received ATACMS in April.\n\nThe longer version can hit targets 300 km away."
    [claim] = claims(text)["atacms"].ranges
    assert claim.range.km == 300
    assert claim.quote.text == text  # the quote names the system it is about


def test_no_carry_over_when_the_previous_sentence_names_two_systems():
    text = "HIMARS and ATACMS arrived. It can hit targets 300 km away."
    found = claims(text)
    assert found["atacms"].ranges == [] and found["himars"].ranges == []


def test_range_pairs_thousands_and_qualifiers():
    found = claims("HIMARS rockets have a range of between 70 and 150 km.")
    assert [(c.range.value, c.range.qualifier) for c in found["himars"].ranges] == [
        (70, "between"),
        (150, "between"),
    ]
    found = claims("Tomahawk missiles can reach targets more than 1,000 miles away.")
    [reach] = found["tomahawk"].ranges
    assert (reach.range.value, reach.range.unit, reach.range.qualifier) == (1000, "mi", "more than")
    [reach] = claims("GMLRS rockets can hit targets 80km away.")["gmlrs"].ranges
    assert (reach.range.value, reach.range.unit) == (80, "km")


@pytest.mark.parametrize(
    "sentence, variant",
    [
        ("Ukraine first received a 165-kilometre variant of the ATACMS.", "165-kilometre variant"),
        (
            "The shorter-range version of ATACMS can hit targets 165 km away.",
            "shorter-range version",
        ),
        ("The ATACMS ER can strike up to 300 km away.", "ER"),
        ("ATACMS has a range of up to 190 miles, depending on the version.", None),
    ],
)
def test_variant_words_are_kept(sentence, variant):
    [reach] = claims(sentence)["atacms"].ranges
    assert reach.range.variant == variant


def test_systems_defined_in_the_text_are_reported_for_review():
    found = claims(
        "Ukraine unveiled a new drone known as the Falcon-X, which can strike 700 km away."
    )
    falcon = found["falcon-x"]
    assert falcon.system.catalogued is False
    assert [c.range.km for c in falcon.ranges] == [700]
    found = claims("The Sky Lance (SL-9) missile will be delivered next year, officials said.")
    assert found["sky-lance"].system.aliases == ("SL-9",)
    assert found["sky-lance"].status.status == "pledged"
    assert claims("The Army's PrSM, or Precision Strike Missile, is new.")[
        "prsm"
    ].system.aliases == ("Precision Strike Missile",)


def test_known_systems_are_not_rediscovered():
    found = claims("The High Mobility Artillery Rocket System (HIMARS) arrived.")
    assert list(found) == ["himars"]


def test_sources_outlet_named_and_anonymous():
    result = extract(
        Article(
            path="a.txt",
            title="",
            body=(
                "Two senior defense officials told NBC News the ATACMS would go. "
                "John Kirby, a White House spokesman, said the decision was final. "
                "Defence Secretary Ben Wallace told lawmakers the missiles had arrived."
            ),
        ),
        CATALOG,
    )
    assert result.outlet == "NBC News"
    assert [(s.name, s.kind, s.role) for s in result.sources] == [
        ("Two senior defense officials", "anonymous", None),
        ("John Kirby", "named", "White House spokesman"),
        ("Ben Wallace", "named", "Defence Secretary"),
    ]


def test_the_subject_of_reported_speech_is_not_a_source():
    result = extract(
        Article(path="a", title="", body="President Joe Biden has told his counterpart so."),
        CATALOG,
    )
    assert result.sources == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # past perfect and "already" are background to the news
        ("The newly pledged HIMARS add to those the U.S. has already delivered.", "pledged"),
        ("Germany had committed Leopard 2 tanks; Berlin is now debating more.", "considering"),
        # sending a request is asking, not delivering
        ("Ukraine has sent Germany an official request for Taurus missiles.", "requested"),
        ("Berlin has yet to make a decision on the Leopard 2.", "considering"),
        (
            "Ukraine is now receiving Storm Shadow missiles, Wallace announced on Thursday.",
            "delivered",
        ),
        ("The first HIMARS launchers reach Ukraine.", "delivered"),
        ("The munitions being withheld include dozens of Patriot interceptors.", "halted"),
        ("US pledges tanks as Germany agrees to send Leopard 2", "pledged"),
        # a lone background statement still counts
        ("The first HIMARS have already arrived.", "delivered"),
    ],
)
def test_status_in_context(sentence, expected):
    [entry] = [e for e in claims(sentence).values() if not e.system.adversary]
    assert entry.status.status == expected


def test_a_cue_goes_to_the_system_its_clause_is_about():
    found = claims(
        "Scholz said targeting for the Taurus works differently from the Storm Shadow, "
        "which has been delivered to Ukraine."
    )
    assert found["taurus"].statuses == []
    assert found["storm-shadow"].status.status == "delivered"
    found = claims("The U.S. will send HIMARS, while Germany refused to send Taurus.")
    assert (found["himars"].status.status, found["taurus"].status.status) == ("pledged", "refused")


def test_a_long_list_shares_its_status():
    found = claims(
        "The munitions being withheld include dozens of Patriot interceptors, thousands of "
        "shells, more than 100 Hellfire missiles and more than 250 GMLRS rockets."
    )
    assert {k: e.status.status for k, e in found.items()} == {
        "patriot": "halted",
        "hellfire": "halted",
        "gmlrs": "halted",
    }


def test_russian_use_is_not_a_delivery():
    found = claims("He contrasted that with the cluster munitions Russia has been using.")
    assert found["dpicm"].statuses == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Officials said ATACMS were not off the table.", "considering"),
        ("Berlin is not prepared to provide Taurus missiles.", "refused"),
        ("Washington is likely to send ATACMS soon.", "considering"),
        ("The White House gave the green light for HIMARS.", "pledged"),
        ("Scholz ruled out sending Taurus.", "refused"),
        ("Ukraine has received the first Patriot battery.", "delivered"),
        ("Biden signed a waiver allowing cluster munitions to be sent.", "pledged"),
        ("Poland said it would stop sending MiG-29 jets.", "halted"),
    ],
)
def test_cue_phrases_from_real_reporting(sentence, expected):
    [entry] = claims(sentence).values()
    assert entry.status.status == expected


def test_long_range_is_not_a_background_marker():
    entry = claims("Long-range ATACMS missiles will be sent to Ukraine, officials said.")["atacms"]
    assert [(c.status, c.background) for c in entry.statuses] == [("pledged", False)]


def test_a_variant_is_read_whole_even_far_from_the_number():
    sentence = "The longer-range version can strike targets up to 300 kilometers (190 miles) away."
    ranges = claims(f"ATACMS arrived. {sentence}")["atacms"].ranges
    assert [c.range.variant for c in ranges] == ["longer-range version", "longer-range version"]
