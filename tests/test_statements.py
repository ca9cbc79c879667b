"""Supply statements: the mechanisms that read real reporting (clauses, lists, tense, negation,
who did what, how many), each on sentences of the kind that broke the earlier rules."""

import json
import re
import subprocess

import pytest

from conftest import REPO
from factsheets.catalog import load_catalog
from factsheets.extract import extract
from factsheets.extract.sentences import split_sentences
from factsheets.extract.vocabulary import _data, countries, vocabulary
from factsheets.model import STATUSES, Article

CATALOG = load_catalog()


def systems(text: str) -> dict:
    return {e.system.id: e for e in extract(Article("t.txt", "", text), CATALOG).systems}


def status_of(text: str) -> dict[str, str | None]:
    return {i: (e.status.status if e.status else None) for i, e in systems(text).items()}


def test_a_cue_in_one_clause_does_not_land_in_another():
    text = (
        "Germany has become the second-biggest supplier of military aid to Ukraine, but Scholz "
        "has stalled for months on Ukraine's desire for Taurus missiles."
    )
    assert status_of(text) == {"taurus": None}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Self-propelled howitzers currently operating in Ukraine include the Zuzana 2, M777, "
            "FH70, CAESARs, M109, Krab and PzH2000.",
            dict.fromkeys(
                ["zuzana-2", "m777", "fh70", "caesar", "m109", "krab", "pzh-2000"], "delivered"
            ),
        ),
        (
            "The Pentagon halted shipments of Patriot interceptors, Hellfire, GMLRS and Stinger "
            "missiles.",
            dict.fromkeys(["patriot", "hellfire", "gmlrs", "stinger"], "halted"),
        ),
        (
            "The package includes Stinger missiles, Javelin anti-tank missiles and Stryker "
            "vehicles.",
            dict.fromkeys(["stinger", "javelin", "stryker"], "pledged"),
        ),
    ],
)
def test_a_list_shares_the_predicate_of_its_clause(text, expected):
    assert status_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Berlin is not considering sending Taurus missiles.", "refused"),
        ("No decision has been made on ATACMS, officials said.", "considering"),
        ("The government will investigate the possibility of sending Gripen jets.", "considering"),
        ("Poland is interested in the K2 tank.", "requested"),
        ("Trump did not rule out sending additional Patriot systems.", "considering"),
        (
            "Trump said he may approve the supply of Tomahawk missiles if Putin refuses.",
            "considering",
        ),
        (
            "The package does not include ATACMS, which Washington has refused to provide.",
            "refused",
        ),
        ("Ukraine is expected to receive its first F-16s from Denmark later this year.", "pledged"),
        ("Ukraine has sent Germany an official request for Taurus missiles.", "requested"),
    ],
)
def test_negation_hedging_and_tense(text, expected):
    [status] = status_of(text).values()
    assert status == expected


def test_a_halt_or_refusal_acts_on_its_object():
    # "talks" are what is suspended, not a second event (a weighing)
    assert status_of("The UAE suspended talks on the F-35 purchase.") == {"f-35": "halted"}


@pytest.mark.parametrize(
    "text, system, status, donor, recipient",
    [
        (
            "Poland signed a contract to buy 96 AH-64 Apache helicopters.",
            "ah-64-apache",
            "pledged",
            None,
            "Poland",
        ),
        (
            "The State Department approved the sale of 400 Harpoon missiles to Taiwan.",
            "harpoon",
            "pledged",
            "United States",
            "Taiwan",
        ),
        (
            "The first F-35 jets will be delivered early to Poland.",
            "f-35",
            "pledged",
            None,
            "Poland",
        ),
        ("Spain cancelled the procurement of Spike missiles.", "spike", "halted", None, "Spain"),
        (
            "Slovakia signed a deal to buy 14 U.S. F-16 fighter jets.",
            "f-16",
            "pledged",
            "United States",
            "Slovakia",
        ),
    ],
)
def test_sales_to_other_countries(text, system, status, donor, recipient):
    entry = systems(text)[system]
    assert entry.status.status == status
    assert (entry.status.donor, entry.status.recipient) == (donor, recipient)


def test_supply_under_way_is_a_delivery_unless_the_clause_announces():
    under_way = (
        "Britain's Royal Air Force does not fly F-16s, but the UK is supplying Ukraine with "
        "long-range Storm Shadow missiles that can be carried by the jets."
    )
    text = (
        "Ukraine received its first F-16 jets in August, officials said on Sunday. The pilots "
        "trained in Denmark and the United States for many months before that. Air force "
        f"officers said the jets would fly air defence missions first. {under_way}"
    )
    assert status_of(text)["storm-shadow"] == "delivered"
    announced = (
        "This time, Germany is handing Ukraine two Patriot launchers and 40 Marder vehicles."
    )
    assert set(status_of(announced).values()) == {"pledged"}


def test_donors_quantities_and_the_new_transfer():
    found = systems("The U.S. pledged 31 Abrams tanks and four more HIMARS.")
    assert [(s.donor, s.quantity, s.additional) for s in found["m1-abrams"].statuses] == [
        ("United States", 31, False)
    ]
    assert [(s.donor, s.quantity, s.additional) for s in found["himars"].statuses] == [
        ("United States", 4, True)
    ]
    assert (
        systems("Britain will send a small number of Challenger 2 tanks.")["challenger-2"].quantity
        is None
    )
    listed = systems("Denmark, Germany and the Netherlands have donated 100 Leopard 1 tanks.")
    assert {s.donor for s in listed["leopard-1"].statuses} == {"Denmark", "Germany", "Netherlands"}
    # a calibre, a year or money is no count
    assert systems("The U.S. will send 155 mm M777 howitzers.")["m777"].quantity is None


def test_a_new_transfer_after_an_earlier_delivery_is_the_news():
    text = (
        "France has already supplied Ukraine with 18 Caesar howitzers from the army's reserves. "
        "Macron announced in October that France is working with Denmark on supplying Ukraine "
        "with six more Caesar howitzers."
    )
    entry = systems(text)["caesar"]
    assert (entry.status.status, entry.status.quantity) == ("pledged", 6)


def test_first_units_of_a_pledge_arrived_is_a_delivery():
    text = (
        "The first 10 Leopard 1 tanks donated by Denmark, Germany and the Netherlands have "
        "arrived in Ukraine and more are on their way, Denmark's armed forces said on Friday."
    )
    assert status_of(text) == {"leopard-1": "delivered"}


def test_disagreeing_news_is_not_sure_with_its_candidates():
    text = (
        "Germany has pledged Taurus cruise missiles to Ukraine, officials said on Monday. "
        "Germany has refused to send Taurus cruise missiles to Ukraine, Scholz said on Monday."
    )
    entry = systems(text)["taurus"]
    assert entry.status is None
    assert entry.decision.not_sure
    assert {c.status for c in entry.decision.candidates} == {"pledged", "refused"}


@pytest.mark.parametrize(
    "text",
    [
        "Paris said on Monday that its SCALP missiles, sold under their British name, Storm "
        "Shadow, in London, have been delivered to Ukraine, the French minister said.",
        "France said some SCALP cruise missiles (the German designation is different) have been "
        "delivered to Ukraine.",
    ],
)
def test_a_country_that_qualifies_a_name_is_not_the_donor(text):
    (statement,) = systems(text)["storm-shadow"].statuses
    assert (statement.status, statement.donor) == ("delivered", "France")


def test_each_variant_a_donor_supplies_is_decided_apart():
    from factsheets.evidence import status_entries
    from factsheets.model import ArticleClaims

    article = Article("t.txt", "", "")
    text = (
        "Germany has delivered 14 Leopard 2 A6 tanks to Ukraine, and it will send four Leopard "
        "2A4 tanks in the spring, the defence ministry said."
    )
    entry = systems(text)["leopard-2"]
    assert {(s.variant, s.status, s.quantity) for s in entry.statuses} == {
        ("Leopard 2A6", "delivered", 14),
        ("Leopard 2A4", "pledged", 4),
    }
    decided = {key: d.statement.status for key, d in entry.per_variant.items()}
    assert decided == {
        ("Germany", "Leopard 2A6"): "delivered",
        ("Germany", "Leopard 2A4"): "pledged",
    }
    stored = status_entries(ArticleClaims(article, [entry]), entry)
    assert {(e["variant"], e["value"]) for e in stored} == {
        ("Leopard 2A6", "delivered"),
        ("Leopard 2A4", "pledged"),
    }


def test_a_teaser_headline_inside_the_text_is_background():
    text = (
        "Ukraine wants to buy at least 10 Patriot missile defence systems from the United States "
        "to shield against Russian attacks, President Volodymyr Zelensky said Thursday.\n\n"
        "Ukraine receives third Patriot air defence system from Germany, envoy says\n\n"
        "Kyiv has regularly pleaded for allies to provide more air defences."
    )
    assert status_of(text) == {"patriot": "requested"}


def test_ranges_per_munition_spans_and_the_weapon_a_pronoun_means():
    found = systems("The M777 can fire 35 km with standard shells, 50 km with Excalibur shells.")
    assert [(c.range.value, c.range.unit) for c in found["m777"].ranges] == [(35, "km"), (50, "km")]
    found = systems("ATACMS has a range of 241-450 km depending on the version.")
    assert [c.range.km for c in found["atacms"].ranges] == [241, 450]
    found = systems(
        "Kyiv is adding F-16s to its air force, each of which can carry two JASSM missiles. "
        "The missiles could allow the country to reach targets 300 kilometers inside Russia."
    )
    assert [c.range.km for c in found["jassm"].ranges] == [300]
    assert found["f-16"].ranges == []
    found = systems(
        "The IRIS-T SLM can withstand missiles at an altitude of up to 20 kilometers (12 miles) "
        "and a range of up to 40 kilometers (25 miles)."
    )
    assert [(c.range.value, c.range.unit) for c in found["iris-t-slm"].ranges] == [
        (40, "km"),
        (25, "mi"),
    ]


@pytest.mark.parametrize(
    "text, system",
    [
        ("France will send more Caeser howitzers.", "caesar"),
        ("Britain sent Mistrel launchers to Kyiv.", "mistral"),
        ("Ukraine's Flamigo missile was shown in August.", "flamingo"),
        ("The U.S. has sent 90 M-777 howitzers.", "m777"),
        ("The allies will provide NASAMS and HAWKs.", "hawk"),
    ],
)
def test_misspellings_and_house_styles_of_names(text, system):
    assert system in systems(text)


def test_a_misspelling_needs_a_weapon_word_beside_it():
    assert "caesar" not in systems("Ceasar salads were served at the summit dinner.")


def test_the_vocabulary_lives_in_data_files_and_covers_every_status():
    cues = _data("cues.yaml")
    assert set(cues["statuses"]) == set(STATUSES)
    assert all(cues["statuses"][status] for status in STATUSES)
    assert set(cues["negated"]) <= set(STATUSES) and set(cues["hedged"]) <= set(STATUSES)
    assert vocabulary().cues.groupindex.keys() == set(STATUSES)
    assert countries().by_word["Pentagon"] == "United States"
    shipped = (REPO / "plugins" / "factsheets" / "data").glob("*.yaml")
    for path in shipped:
        assert "Example" not in path.read_text(encoding="utf-8"), path.name


def test_extraction_docs_name_every_vocabulary_file():
    docs = (REPO / "docs" / "extraction.md").read_text(encoding="utf-8")
    for name in ("cues.yaml", "donors.yaml", "outlets.yaml", "catalog.yaml"):
        assert f"data/{name}" in docs, name
    for key in _data("cues.yaml"):
        assert f"`{key}`" in docs, f"docs/extraction.md does not explain cues.yaml's {key}"


def test_extract_json_has_supply_quantity_and_explains(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Germany to send Patriot systems\n\nGermany will send two more Patriot systems to "
        "Ukraine, the defence ministry said on Monday, after Kyiv had asked for them.\n",
        encoding="utf-8",
    )
    factsheets = REPO / ".venv" / "bin" / "factsheets"
    run = subprocess.run(
        [str(factsheets), "extract", "--json", "--explain", str(article)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    [patriot] = json.loads(run.stdout)["articles"][0]["systems"]
    assert patriot["status"] == "pledged" and patriot["quantity"] == 2
    assert patriot["review"] is None
    text = article.read_text(encoding="utf-8")
    for item in patriot["supply"]:
        assert set(item) >= {"donor", "recipient", "status", "quantity", "variant", "quote"}
        start, end = item["offsets"]
        assert text[start:end] == item["quote"]
        assert item["why"]["cue"] and item["why"]["clause"]
    pledge = [s for s in patriot["supply"] if s["status"] == "pledged" and s["quantity"] == 2]
    assert pledge and pledge[0]["donor"] == "Germany" and pledge[0]["why"]["additional"]
    assert patriot["decision"]["per_donor"]["Germany"]["status"] == "pledged"


def test_cues_tried_only_where_they_can_begin_are_the_plain_pattern_s():
    from factsheets.extract.cues import _matches

    vocab = vocabulary()
    texts = [p.read_text(encoding="utf-8") for p in (REPO / "tests" / "corpus").iterdir()]
    texts += [p.read_text(encoding="utf-8") for p in (REPO / "content" / "articles").iterdir()]
    assert len(texts) > 50
    for text in texts:
        fast = [(m.lastgroup, m.span()) for m in _matches(text, vocab)]
        plain = [(m.lastgroup, m.span()) for m in vocab.cues.finditer(text)]
        assert fast == plain


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ukraine to receive a NASAMS battery from Norway next spring", "pledged"),
        (
            "A further Hawk battery from Spain will arrive no earlier than August, he said.",
            "pledged",
        ),
        (
            "We already operate two NASAMS batteries there and we will bring another one soon.",
            "pledged",
        ),
    ],
)
def test_headline_infinitives_bounds_and_bringing(text, expected):
    [status] = status_of(text).values()
    assert status == expected


def test_the_range_sentence_after_a_system_is_about_it():
    found = systems(
        "NASAMS can track dozens of targets at once, the army says. "
        "According to the manufacturer, the range is around 40 kilometers."
    )
    assert [c.range.km for c in found["nasams"].ranges] == [40]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "considered" as "regarded": no weighing
        ("Leopard 2 tanks are widely considered among the best in Europe.", {"leopard-2": None}),
        # a question asserts nothing
        (
            "Asked by reporters on Friday if the UK would provide Typhoon jets, he said no.",
            {"eurofighter-typhoon": None},
        ),
        # a conditional relative clause after a request is requested; alone it says nothing
        (
            "Kyiv asked allies for a coalition that would give Ukraine Gripen and Rafale jets.",
            {"gripen": "requested", "rafale": "requested"},
        ),
        ("They described a package that would include Bradley vehicles.", {"bradley": None}),
        # a new subject after ", and" is a new clause
        (
            "Germany agreed to supply 14 tanks, and the US said it would provide M1 Abrams tanks.",
            {"m1-abrams": "pledged"},
        ),
        # "reports that ... would": what the reports say, not a relative clause
        (
            "Officials confirmed reports that Harpoon launchers from the U.S. would not start "
            "arriving until 2027.",
            {"harpoon": "pledged"},
        ),
    ],
)
def test_questions_decoys_conditionals_and_complements(text, expected):
    assert status_of(text) == expected


def test_a_plural_is_not_a_suffixed_designation():
    # "Tornados" are jets, not the Russian Tornado-S launcher
    assert "tornado-s" not in systems("Allies could send Eurofighters and Tornados to Ukraine.")


def test_a_resumption_after_a_halt_is_the_news():
    text = (
        "Washington halted deliveries of Patriot interceptors last month, officials said on "
        "Monday. Deliveries of Patriot interceptors to Ukraine have resumed, the Pentagon said."
    )
    assert status_of(text) == {"patriot": "delivered"}


def test_cues_in_text_whose_lowercase_is_longer_are_still_found():
    """ "İ" lowercases to two characters: the lowercase search would misplace every cue."""
    from factsheets.extract.cues import _matches

    vocab = vocabulary()
    text = "İstanbul talks: Germany will deliver IRIS-T and has sent Gepards, İlham said."
    assert len(text.lower()) != len(text)
    fast = [(m.lastgroup, m.span()) for m in _matches(text, vocab)]
    assert fast == [(m.lastgroup, m.span()) for m in vocab.cues.finditer(text)]
    assert {status for status, _ in fast} >= {"pledged", "delivered"}


def _real_texts() -> list[str]:
    folders = [REPO / "tests" / "corpus", REPO / "content" / "articles"]
    return [p.read_text(encoding="utf-8") for folder in folders for p in folder.iterdir()]


def test_sentences_ruled_out_for_ranges_give_none():
    from factsheets.extract.ranges import _ranges_in, may_give_ranges

    texts = _real_texts() + ["Die Reichweite: İskander hat 500 km. It can fly 300 km."]
    ruled_out = with_ranges = 0
    for text in texts:
        sentences = split_sentences(text)
        for sentence, maybe in zip(sentences, may_give_ranges(text, sentences), strict=True):
            gives = bool(list(_ranges_in(sentence)))
            assert maybe or not gives, sentence.text
            ruled_out += not maybe
            with_ranges += gives
    assert ruled_out > 100 and with_ranges > 50  # the test rules out and keeps


def test_sentences_ruled_out_for_sources_attribute_nothing():
    from factsheets.extract.sentences import containing
    from factsheets.extract.sources import _ATTRIBUTION, _ATTRIBUTION_WORDS

    ruled_out = 0
    for text in _real_texts():
        sentences = split_sentences(text)
        flags = containing(text, sentences, _ATTRIBUTION_WORDS)
        for sentence, maybe in zip(sentences, flags, strict=True):
            assert maybe or not _ATTRIBUTION.search(sentence.text), sentence.text
            ruled_out += not maybe
    assert ruled_out > 100


def test_lowercase_twins_find_what_their_patterns_find():
    from factsheets.extract.vocabulary import lowercase_twin

    vocab = vocabulary()
    patterns = [vocab.decoys, vocab.background_word, vocab.background_phrases, vocab.reach]
    texts = _real_texts()
    for pattern in patterns:
        twin = lowercase_twin(pattern)
        for text in texts:
            spans = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in twin.finditer(text.lower())] == spans
    with pytest.raises(ValueError, match="uppercase"):
        lowercase_twin(re.compile(r"(?P<name>\bRussia\b)", re.IGNORECASE))
    assert lowercase_twin(re.compile(r"(?P<name>\S+)\b", re.IGNORECASE)).flags & re.I == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Washington supplied the HIMARS launchers only after Kyiv promised they would be "
            "used solely in a defensive role and never fired into Russian territory.",
            [("himars", "not for strikes inside Russia", "United States")],
        ),
        (
            "Britain has provided Storm Shadow missiles on the understanding that they are not "
            "to be used against targets on Russian soil.",
            [("storm-shadow", "not for strikes inside Russia", "United Kingdom")],
        ),
        (
            "London approved the Storm Shadow transfer once Kyiv guaranteed the missiles will "
            "not be used to attack Russia itself.",
            [("storm-shadow", "not for strikes inside Russia", "United Kingdom")],
        ),
        (
            "The White House barred Kyiv from using ATACMS to hit targets in Russia.",
            [("atacms", "not for strikes inside Russia", "United States")],
        ),
        (
            "The United States has not lifted its ban on strikes inside Russia with ATACMS.",
            [("atacms", "not for strikes inside Russia", "United States")],
        ),
        (
            "President Biden has allowed Ukraine to use ATACMS to strike deep inside Russia, "
            "officials said.",
            [("atacms", "restrictions lifted", "United States")],
        ),
        (
            "Germany eased the restrictions on how Ukraine may use its IRIS-T systems.",
            [("iris-t-slm", "restrictions lifted", "Germany")],
        ),
        (
            "Washington lifted the ban on using ATACMS to hit Russian territory.",
            [("atacms", "restrictions lifted", "United States")],
        ),
        (
            "Britain eased restrictions that barred Kyiv from using Storm Shadow to hit targets "
            "in Russia.",
            [("storm-shadow", "restrictions lifted", "United Kingdom")],
        ),
        # a wish, a question, a plan or a worry is no condition
        ("Zelensky has urged the US to lift the restrictions on ATACMS.", []),
        ("Berlin is weighing whether to allow Kyiv to use Taurus to strike Russian soil.", []),
        ("The US will soon allow Ukraine to fire ATACMS into Russia, officials said.", []),
        (
            "Allies had refused such missiles for fear they could be used against targets inside "
            "Russia, and Storm Shadow was no exception.",
            [],
        ),
        ("ATACMS can strike targets 300 km inside Russia.", []),
    ],
)
def test_conditions_of_use_and_their_end(text, expected):
    found = [
        (entry.system.id, c.condition, c.donor)
        for entry in systems(text).values()
        for c in entry.conditions
    ]
    assert found == expected
