"""Per-donor supply lines from the evidence: status, since when, how many, steps back."""

from datetime import date

from factsheets.model import Evidence, FactSheet
from factsheets.supply import is_step_back, supply_lines


def statement(
    value, day, donor="Germany", quantity=None, rejected=False, recipient=None, variant=None
):
    return Evidence(
        "status",
        value,
        f"{donor} {value} on {day}",
        f"articles/{day}-{donor}.md",
        published=date.fromisoformat(day),
        actor=donor,
        quantity=quantity,
        rejected=rejected,
        recipient=recipient,
        variant=variant,
        id=f"{donor}-{day}" + (f"-{variant}" if variant else ""),
    )


def sheet(*evidence):
    return FactSheet(id="iris-t", name="IRIS-T", evidence=list(evidence))


def add_article(site, stem: str, title: str, body: str) -> None:
    """An article in the site's content, dated by its name (`2024-06-01-...`)."""
    text = f"Title: {title}\nDate: {stem[:10]}\n\n{body}\n"
    (site / "content" / "articles" / f"{stem}.md").write_text(text)


def test_each_donor_gets_its_status_since_the_first_report_of_it():
    lines = supply_lines(
        sheet(
            statement("pledged", "2022-06-01", quantity=4),
            statement("pledged", "2022-07-01"),
            statement("delivered", "2022-10-12", quantity=1),
            statement("delivered", "2023-02-01", quantity=2),
            statement("considering", "2023-01-10", donor="Spain"),
        )
    )
    assert [line.donor for line in lines] == ["Germany", "Spain"]
    germany, spain = lines
    assert germany.status.value == "delivered" and germany.since.value == date(2022, 10, 12)
    assert germany.pledged.value == 4 and germany.delivered.value == 2
    assert germany.recipient.value == "Ukraine"
    assert spain.status.value == "considering" and spain.pledged is None


def test_a_step_back_is_kept_off_the_line_and_kept_for_review():
    germany = supply_lines(
        sheet(
            statement("delivered", "2023-01-01", quantity=3),
            statement("pledged", "2023-05-01", quantity=10),  # an article recalling the pledge
        )
    )[0]
    assert germany.status.value == "delivered" and germany.since.value == date(2023, 1, 1)
    assert [item.id for item in germany.steps_back] == ["Germany-2023-05-01"]
    assert germany.pledged is None  # the left-out statement's number is not used either


def test_halting_and_refusing_are_news_not_steps_back():
    assert not is_step_back("delivered", "halted") and not is_step_back("pledged", "refused")
    assert is_step_back("delivered", "considering") and not is_step_back("halted", "pledged")
    line = supply_lines(
        sheet(statement("delivered", "2023-01-01"), statement("halted", "2025-07-01"))
    )[0]
    assert line.status.value == "halted" and line.since.value == date(2025, 7, 1)


def test_rejected_and_donorless_statements_make_no_line():
    assert supply_lines(sheet(statement("pledged", "2023-01-01", rejected=True))) == []
    assert supply_lines(sheet(statement("pledged", "2023-01-01", donor=None))) == []


def test_the_system_page_has_a_donors_table_footnoted_to_its_quotes(site):
    from bs4 import BeautifulSoup

    from conftest import build

    add_article(
        site,
        "2024-06-01-us-delivers",
        "US delivers ATACMS",
        "The United States has delivered 20 ATACMS missiles to Ukraine, officials said.",
    )
    add_article(
        site,
        "2024-07-01-recalled",
        "ATACMS again",
        "The United States has pledged ATACMS missiles to Ukraine, officials said.",
    )
    build(site)
    page = BeautifulSoup(
        (site / "output" / "systems" / "atacms" / "index.html").read_text(), "html.parser"
    )
    row = next(
        tr for tr in page.select("table.donors tbody tr") if tr.th.get_text() == "United States"
    )
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells[0].startswith("delivered") and cells[1].startswith("2024-06-01")
    assert cells[3].startswith("20") and cells[4] == "Ukraine"
    # the status's footnote leads to the quote that says it
    anchor = row.select_one("td sup.cite a")["href"].split("#")[1]
    quote = page.find(id=anchor).blockquote.get_text()
    assert quote.startswith("The United States has delivered 20 ATACMS missiles")
    # the later pledge is a step back: not on the page's line, listed for review
    review = (site / "output" / "review" / "index.html").read_text()
    assert "ATACMS</a>: status (United States)" in review
    assert "a step back is not shown" in review


def test_a_donor_page_lists_each_system_with_the_sentence_behind_it(site):
    from bs4 import BeautifulSoup

    from conftest import build, evidence_of

    build(site)
    output = site / "output"
    index = BeautifulSoup((output / "donors" / "index.html").read_text(), "html.parser")
    names = [a.get_text() for a in index.select("tbody th a")]
    assert "United States" in names
    donor = BeautifulSoup(
        (output / "donors" / "united-states" / "index.html").read_text(), "html.parser"
    )
    (item,) = [li for li in donor.select("li") if li.a and li.a.get_text() == "ATACMS"]
    assert "since 2023-09-22" in item.p.get_text()
    quote = item.blockquote.get_text()
    pledge = next(
        e for e in evidence_of(site / "content", "atacms") if e.get("actor") == "United States"
    )
    assert quote == pledge["quote"]
    assert quote in (site / "content" / pledge["article"]).read_text()
    assert donor.select_one("h2").get_text(" ", strip=True).startswith("pledged 1 system")
    # the evidence link leads to the quote on the system's page
    href = item.select(".source a")[-1]["href"]
    assert href.endswith(f"systems/atacms/#ev-{href.rsplit('-', 1)[1]}")
    system = BeautifulSoup(
        (output / "systems" / "atacms" / "index.html").read_text(), "html.parser"
    )
    assert system.find(id=href.split("#")[1]).blockquote.get_text() == quote


def test_an_editors_donor_status_survives_new_evidence_and_disagreement_goes_to_review(site):
    from bs4 import BeautifulSoup

    from conftest import build

    build(site)
    sheet = site / "content" / "facts" / "atacms.yaml"
    edited = sheet.read_text() + (
        "supply:\n"
        "  United States: {status: delivered, since: 2023-10-17, delivered: 20}  # the desk\n"
    )
    sheet.write_text(edited)
    add_article(
        site,
        "2024-06-01-us-again",
        "ATACMS again",
        "The United States is considering sending more ATACMS missiles to Ukraine, officials said.",
    )
    add_article(
        site,
        "2024-06-02-uk",
        "Storm Shadow",
        "Britain has delivered more Storm Shadow missiles to Ukraine, officials said.",
    )
    build(site)
    assert sheet.read_text() == edited  # the editor's file, byte for byte
    page = BeautifulSoup(
        (site / "output" / "systems" / "atacms" / "index.html").read_text(), "html.parser"
    )
    row = next(
        tr for tr in page.select("table.donors tbody tr") if tr.th.get_text() == "United States"
    )
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells[0] == "delivered (editor)" and cells[1] == "2023-10-17 (editor)"
    assert cells[3] == "20 (editor)"
    review = (site / "output" / "review" / "index.html").read_text()
    assert (
        "the editor set United States &#39;delivered&#39; but newer evidence says considering"
        in review
    )
    build(site)  # and again, with nothing new
    assert sheet.read_text() == edited


def test_changes_are_per_donor_read_as_sentences_and_skip_steps_back():
    from factsheets.history import status_changes

    changes = status_changes(
        sheet(
            statement("pledged", "2022-06-01"),
            statement("considering", "2022-07-01", donor="Spain"),
            statement("delivered", "2022-10-12"),
            statement("pledged", "2023-02-01"),  # Germany again: a step back, no change
            statement("requested", "2023-02-15", donor="Spain"),  # a step back too
            statement("requested", "2023-03-01", donor="France", recipient="Moldova"),
        )
    )
    assert [change.title for change in changes] == [
        "Germany pledged IRIS-T, 2022-06-01",
        "Spain considered sending IRIS-T, 2022-07-01",
        "Germany delivered IRIS-T, 2022-10-12",
        "Moldova asked France for IRIS-T, 2023-03-01",
    ]


def test_the_home_page_counts_each_donors_systems_per_status(site):
    from bs4 import BeautifulSoup

    from conftest import build

    build(site)
    home = BeautifulSoup((site / "output" / "index.html").read_text(), "html.parser")
    table = home.select_one("table.donors")
    statuses = [th.get_text() for th in table.select("thead th")][1:]
    counts = {
        row.th.get_text(): dict(
            zip(statuses, (td.get_text() for td in row.select("td")), strict=True)
        )
        for row in table.select("tbody tr")
    }
    # the fixtures: the United States pledged ATACMS; the United Kingdom delivered Storm Shadow
    assert counts["United States"]["pledged"] == "1"
    assert counts["United Kingdom"]["delivered"] == "1"
    assert table.select_one("tbody th a")["href"].endswith("donors/united-kingdom/")


def test_system_topic_and_donor_pages_say_as_of_which_report(site):
    from bs4 import BeautifulSoup

    from conftest import build

    build(site)

    def as_of(path):
        html = (site / "output" / path / "index.html").read_text()
        return BeautifulSoup(html, "html.parser").select_one(".as-of time")["datetime"]

    assert as_of("systems/atacms") == "2024-04-24"  # the delivery report, the newest
    assert as_of("topics/long-range-strike") == "2024-04-24"
    assert as_of("donors/united-states") == "2023-09-22"  # its only statement: the pledge


def test_the_headline_is_the_furthest_any_donor_has_got():
    from factsheets.model import Shown

    both = sheet(
        statement("refused", "2023-03-01", donor="Spain"),
        statement("delivered", "2023-01-01"),
        statement("considering", "2023-04-01", donor="France"),
    )
    assert both.shown_status == Shown("delivered", both.evidence[1])  # footnoted to Germany's
    halted = sheet(statement("delivered", "2023-01-01"), statement("halted", "2023-06-01"))
    assert halted.shown_status.value == "halted"  # the donor's line, not its past
    pledged = sheet(statement("pledged", "2023-01-01"), statement("pledged", "2023-05-01", "Spain"))
    assert pledged.shown_status.evidence.id == "Spain-2023-05-01"  # a tie: the newest report
    unnamed = sheet(
        statement("pledged", "2023-01-01"), statement("delivered", "2023-02-01", donor=None)
    )
    assert unnamed.shown_status.value == "delivered"  # "Ukraine has received ...": one more
    editor = FactSheet(id="iris-t", name="IRIS-T", status="pledged", evidence=both.evidence)
    assert editor.shown_status == Shown("pledged")  # the editor's `status:` wins, uncited
    by_donor = FactSheet(
        id="iris-t", name="IRIS-T", supply={"Spain": {"status": "delivered"}}, evidence=[]
    )
    assert by_donor.shown_status == Shown("delivered")  # a donor status the editor set
    assert sheet().shown_status is None


def test_a_step_back_the_editor_confirms_is_a_change_and_leaves_review():
    from factsheets.conflicts import find_conflicts
    from factsheets.history import donor_tracks, status_changes

    evidence = [
        statement("delivered", "2023-01-01"),
        statement("pledged", "2023-05-01"),  # back: a misreading, unless the desk confirms
    ]
    unconfirmed = sheet(*evidence)
    assert [c.after for c in status_changes(unconfirmed)] == ["delivered"]
    assert [step for _, step in donor_tracks(unconfirmed)[0].steps] == ["change", "back"]
    assert any("step back" in c.message for c in find_conflicts(unconfirmed))
    confirmed = FactSheet(
        id="iris-t", name="IRIS-T", supply={"Germany": {"status": "pledged"}}, evidence=evidence
    )
    assert [c.title for c in status_changes(confirmed)] == [
        "Germany delivered IRIS-T, 2023-01-01",
        "Germany pledged IRIS-T, 2023-05-01",
    ]
    assert [step for _, step in donor_tracks(confirmed)[0].steps] == ["change", "confirmed"]
    assert not any("step back" in c.message for c in find_conflicts(confirmed))
    line = confirmed.supply_lines[0]
    assert line.status.value == "pledged" and line.steps_back == ()


def test_the_donors_list_names_donors_with_nothing_reported_yet():
    named = FactSheet(id="iris-t", name="IRIS-T", donors=["Spain"], evidence=[])
    (line,) = named.supply_lines
    assert line.donor == "Spain" and line.status is None


def test_the_timeline_is_per_donor_and_a_step_back_waits_for_an_editor(site):
    from bs4 import BeautifulSoup

    from conftest import build

    add_article(
        site,
        "2024-06-01-us-delivers",
        "ATACMS delivered",
        "The United States has delivered ATACMS missiles to Ukraine, officials said.",
    )
    add_article(
        site,
        "2024-07-01-us-pledges",
        "ATACMS pledged",
        "The United States has pledged ATACMS missiles to Ukraine, officials said.",
    )
    build(site)

    def read(path):
        return BeautifulSoup((site / "output" / path).read_text(), "html.parser")

    def us_steps():
        timeline = read("systems/atacms/index.html").select_one("section.timeline")
        headings = [h3.get_text() for h3 in timeline.select("h3")]
        assert headings[-1] == "No donor named" and "United States" in headings
        us = next(h3 for h3 in timeline.select("h3") if h3.get_text() == "United States")
        return [(li.time["datetime"], li["class"][0]) for li in us.find_next_sibling("ol")("li")]

    def changes():
        return [li.a.get_text() for li in read("changes/index.html").select("ol.changes li")]

    assert us_steps() == [
        ("2023-09-22", "step-change"),
        ("2024-06-01", "step-change"),
        ("2024-07-01", "step-back"),
    ]
    assert "United States pledged ATACMS" in changes()  # the pledge of 2023 only
    assert changes().count("United States pledged ATACMS") == 1
    assert "United States was reported 'delivered'" in read("review/index.html").get_text()

    sheet = site / "content" / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text() + "supply:\n  United States: {status: pledged}\n")
    build(site)
    assert us_steps()[-1] == ("2024-07-01", "step-confirmed")
    assert changes().count("United States pledged ATACMS") == 2
    assert "United States was reported" not in read("review/index.html").get_text()


def test_the_sheet_downloads_give_the_headline_and_each_donors_line(site):
    import csv
    import json

    from conftest import build

    build(site)
    data = site / "output" / "data"
    rows = {r["id"]: r for r in csv.DictReader((data / "factsheets.csv").open())}
    # the fixtures: the United States pledged ATACMS; a report naming no donor says delivered
    assert rows["atacms"]["status"] == "delivered"
    assert rows["atacms"]["donors"] == "United States: pledged"
    assert rows["atacms"]["as_of"] == "2024-04-24"
    atacms = next(
        s
        for s in json.loads((data / "factsheets.json").read_text())["systems"]
        if s["id"] == "atacms"
    )
    (line,) = atacms["supply"]
    assert line["donor"] == "United States" and line["since"] == "2023-09-22"
    assert line["status_source"]["published"] == "2023-09-22" and line["status_source"]["quote"]


def test_each_variant_a_donor_names_has_its_own_line_and_way_to_delivery():
    from factsheets.conflicts import find_conflicts
    from factsheets.history import donor_tracks, status_changes

    evidence = [
        statement("pledged", "2023-01-25"),
        statement("delivered", "2023-03-28", quantity=18, variant="Leopard 2A6"),
        statement("pledged", "2023-06-01", quantity=4, variant="Leopard 2A4"),  # no step back
    ]
    lines = sheet(*evidence).supply_lines
    assert [(line.label, line.status.value) for line in lines] == [
        ("Germany", "pledged"),
        ("Germany, Leopard 2A4", "pledged"),
        ("Germany, Leopard 2A6", "delivered"),
    ]
    assert lines[2].delivered.value == 18 and lines[1].pledged.value == 4
    assert all(not line.steps_back for line in lines)
    assert sheet(*evidence).shown_status.value == "delivered"
    assert [t.label for t in donor_tracks(sheet(*evidence))] == [line.label for line in lines]
    titles = [change.title for change in status_changes(sheet(*evidence))]
    assert "Germany delivered IRIS-T (Leopard 2A6), 2023-03-28" in titles
    back = sheet(*evidence, statement("pledged", "2023-07-01", variant="Leopard 2A6"))
    assert [c.field for c in find_conflicts(back)] == ["status (Germany, Leopard 2A6)"]


def test_an_editor_sets_one_variants_values_under_the_donor():
    editor = {"Germany": {"status": "pledged", "variants": {"Leopard 2A6": {"delivered": 20}}}}
    evidence = [statement("delivered", "2023-03-28", quantity=18, variant="Leopard 2A6")]
    lines = FactSheet(id="leopard-2", name="Leopard 2", supply=editor, evidence=evidence)
    germany, variant = lines.supply_lines
    assert germany.label == "Germany" and germany.status.value == "pledged"
    assert germany.status.evidence is None  # the editor's, for the donor's own line
    assert variant.status.value == "delivered" and variant.status.evidence is evidence[0]
    assert variant.delivered.value == 20 and variant.delivered.evidence is None
    named = FactSheet(
        id="x", name="X", supply={"Spain": {"variants": {"2A4": {}}}}, evidence=[]
    ).supply_lines
    assert [line.label for line in named] == ["Spain, 2A4"]  # no empty line for Spain itself


def test_a_donors_conditions_of_use_and_their_lifting_are_footnoted_to_their_quotes(site):
    from bs4 import BeautifulSoup

    from conftest import build

    add_article(
        site,
        "2024-05-01-condition",
        "ATACMS condition",
        "The United States has sent ATACMS on the understanding that they are not to be used "
        "against targets on Russian soil, officials said.",
    )

    def conditions():
        page = BeautifulSoup(
            (site / "output" / "systems" / "atacms" / "index.html").read_text(), "html.parser"
        )
        headings = [th.get_text() for th in page.select("table.donors thead th")]
        row = next(
            tr for tr in page.select("table.donors tbody tr") if tr.th.get_text() == "United States"
        )
        cell = row.select("td")[headings.index("Conditions of use") - 1]
        note = page.select_one(cell.select_one("sup a")["href"])
        return cell.get_text(" ", strip=True), note.get_text(" ", strip=True)

    build(site)
    shown, note = conditions()
    assert shown.startswith("not for strikes inside Russia, 2024-05-01")
    assert "not to be used against targets on Russian soil" in note
    add_article(
        site,
        "2024-11-17-lifted",
        "ATACMS restrictions lifted",
        "President Biden has allowed Ukraine to use ATACMS to strike deep inside Russia, "
        "officials said.",
    )
    build(site)
    shown, note = conditions()
    assert shown.startswith("restrictions lifted, 2024-11-17") and "allowed Ukraine" in note
    donor = (site / "output" / "donors" / "united-states" / "index.html").read_text()
    assert "restrictions lifted" in donor


def test_a_confirmed_step_back_is_not_held_against_the_editor():
    from factsheets.conflicts import find_conflicts

    evidence = [statement("delivered", "2023-01-01"), statement("pledged", "2023-05-01")]
    confirmed = FactSheet(
        id="iris-t", name="IRIS-T", supply={"Germany": {"status": "pledged"}}, evidence=evidence
    )
    assert find_conflicts(confirmed) == []
    later = [*evidence, statement("delivered", "2023-09-01")]  # news after the editor's status
    flagged = FactSheet(
        id="iris-t", name="IRIS-T", supply={"Germany": {"status": "pledged"}}, evidence=later
    )
    (conflict,) = find_conflicts(flagged)
    assert [e.id for e in conflict.evidence] == ["Germany-2023-09-01"]
    quoted = FactSheet(  # a date the editor wrote in quotes
        id="iris-t",
        name="IRIS-T",
        supply={"Germany": {"status": "pledged", "since": "2023-10-01"}},
        evidence=later,
    )
    assert find_conflicts(quoted) == []


def test_a_donors_recipient_and_conditions_hold_for_its_variants_and_its_status_is_checked():
    from factsheets.conflicts import find_conflicts

    editor = {"Germany": {"status": "halted", "conditions": "not for strikes inside Russia"}}
    evidence = [statement("delivered", "2023-03-28", variant="Leopard 2A6")]
    leopard = FactSheet(id="leopard-2", name="Leopard 2", supply=editor, evidence=evidence)
    germany, variant = leopard.supply_lines
    assert variant.conditions.value == "not for strikes inside Russia"
    assert variant.conditions.evidence is None and variant.status.value == "delivered"
    (conflict,) = find_conflicts(leopard)
    assert conflict.field == "status (Germany, Leopard 2A6)"
    assert "the editor set Germany 'halted'" in conflict.message


def test_a_donor_named_only_to_list_it_has_no_empty_line_beside_its_variants():
    evidence = [statement("delivered", "2023-03-28", variant="Leopard 2A6")]
    listed = FactSheet(id="leopard-2", name="Leopard 2", donors=["Germany"], evidence=evidence)
    assert [line.label for line in listed.supply_lines] == ["Germany, Leopard 2A6"]


def test_the_filter_finds_a_sheet_by_the_status_its_editor_set():
    from factsheets.supply import supply_pairs

    editor = FactSheet(
        id="x", name="X", status="delivered", evidence=[statement("pledged", "2023-01-01")]
    )
    assert ("", "delivered") in supply_pairs(editor)


def test_a_statement_the_ledger_holds_without_its_variant_is_not_added_again(site):
    """A ledger written before variants were read: the statement keeps its old evidence
    (and the editor's rejection of it), not a second copy with the variant."""
    from conftest import build
    from factsheets.ledger import emit_entries, header, parse_ledger

    add_article(
        site,
        "2023-03-28-leopards",
        "Leopards arrive",
        "Germany has delivered 18 Leopard 2A6 battle tanks to Ukraine, officials said.",
    )
    build(site)
    ledger = next((site / "content" / "evidence" / "leopard-2").glob("*.yaml"))
    entries = parse_ledger(ledger.read_text())
    (read,) = [e for e in entries if e["field"] == "status"]
    assert read["variant"] == "Leopard 2A6"
    old = [{**e, "variant": None} for e in entries]  # as an extractor without variants wrote
    ledger.write_text(header("leopard-2", "facts/leopard-2.yaml") + emit_entries(old))
    (old_id,) = [e["id"] for e in parse_ledger(ledger.read_text()) if e["field"] == "status"]
    sheet = site / "content" / "facts" / "leopard-2.yaml"
    sheet.write_text(sheet.read_text().replace("rejected: []", f'rejected: ["{old_id}"]'))
    written = ledger.read_bytes()
    build(site)
    assert ledger.read_bytes() == written  # nothing appended
    page = (site / "output" / "systems" / "leopard-2" / "index.html").read_text()
    assert "Who supplies it" not in page  # the rejected reading is the only one
