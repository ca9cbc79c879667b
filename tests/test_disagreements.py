"""Where reports disagree, readers see it: the value shown and why (the editors' `reason:`
or the rule that chose it), and every other value with its sources."""

import json
import shutil
from datetime import date

from bs4 import BeautifulSoup

from conftest import BIN, REPO, build, run
from factsheets.disagreements import NEWEST_RANGE, STEP_BACK, disagreements
from factsheets.model import Evidence, FactSheet


def sample_site(site):
    shutil.rmtree(site / "content")
    shutil.copytree(REPO / "content", site / "content")
    return site / "content" / "facts" / "atacms.yaml"


def section(site, system="atacms"):
    page = (site / "output" / "systems" / system / "index.html").read_text()
    return BeautifulSoup(page, "html.parser").select_one("section.disagreements")


def record(site, system="atacms"):
    data = json.loads((site / "output" / "data" / "factsheets.json").read_text())
    return next(s for s in data["systems"] if s["id"] == system)


def test_a_range_reports_differ_on_shows_the_rule_and_the_other_value(site):
    sample_site(site)
    build(site)
    found = section(site)
    assert found.h3.get_text() == "Range"
    assert found.select_one(".chosen").get_text().startswith("Shown: 300 km")
    assert found.select_one(".reason").get_text() == NEWEST_RANGE
    (other,) = found.select(".others li")
    assert other.get_text().startswith("165 km (103 mi)")
    # its footnote leads to the sentence that gives it
    target = other.select_one(".cite a")["href"].removeprefix("#")
    page = BeautifulSoup(
        (site / "output" / "systems" / "atacms" / "index.html").read_text(), "html.parser"
    )
    assert "165 kilometres" in page.find(id=target).blockquote.get_text()


def test_the_editors_range_shows_their_reason_on_the_page_and_in_the_data(site):
    sheet = sample_site(site)
    reason = "The 165 km figure is the cluster variant's; the 300 km one the unitary M57's."
    sheet.write_text(
        sheet.read_text().replace(
            "ranges: []", f'ranges:\n  - {{value: 300, unit: km, reason: "{reason}"}}'
        )
    )
    build(site)
    found = section(site)
    assert found.select_one(".reason").get_text() == f"the editors’ choice: “{reason}”"
    assert found.select_one(".others li").get_text().startswith("165 km")
    (shown,) = record(site)["ranges"]
    assert shown["source"] == {"editor": True, "reason": reason}


def test_a_donors_status_set_against_the_reports_asks_for_then_shows_the_reason(site):
    sheet = sample_site(site)
    text = sheet.read_text()
    sheet.write_text(text + "supply:\n  United States: {status: pledged}\n")
    build(site)
    found = section(site)
    heading = [h3.get_text() for h3 in found.select("h3")]
    index = heading.index("United States")
    chosen = found.select(".chosen")[index]
    assert "the editors’ choice; they have not written why" in chosen.get_text()
    assert found.select(".others")[index].select_one(".status").get_text() == "delivered"
    # the sample site is published (content/published.json): the edit is also a correction,
    # whose reason check asks for too
    check = run(BIN / "factsheets", "check", "--content", "content", cwd=site, check=False).stdout
    assert "write why in `reason:` under United States" in check
    assert "to write: content/facts/atacms.yaml: the correction of United States: status" in check

    reason = "The Pentagon has not confirmed the delivery."
    sheet.write_text(text + f'supply:\n  United States: {{status: pledged, reason: "{reason}"}}\n')
    build(site)
    chosen = section(site).select(".chosen")[index]
    assert f"the editors’ choice: “{reason}”" in chosen.get_text()
    line = next(x for x in record(site)["supply"] if x["donor"] == "United States")
    assert line["status_source"] == {"editor": True, "reason": reason}
    # the sample site is published (content/published.json): the edit is also a correction,
    # whose reason check asks for too
    check = run(BIN / "factsheets", "check", "--content", "content", cwd=site, check=False).stdout
    assert "write why in `reason:` under United States" not in check


def status(value, day, actor="Germany", field="status"):
    return Evidence(
        field, value, f"{value} {day}", f"{day}.md", published=day, actor=actor, id=value
    )


def test_a_step_back_and_a_report_not_sure_are_disagreements_the_rule_settles():
    delivered, pledged = status("delivered", date(2023, 3, 1)), status("pledged", date(2023, 6, 1))
    sheet = FactSheet(id="x", name="X", evidence=[delivered, pledged])
    (found,) = disagreements(sheet)
    assert (found.label, found.chosen.value, found.reason) == ("Germany", "delivered", STEP_BACK)
    assert [other.value for other in found.others] == ["pledged"]
    unsure = status("refused", date(2023, 7, 1), field="candidate")
    (found,) = disagreements(FactSheet(id="x", name="X", evidence=[delivered, unsure]))
    assert [other.value for other in found.others] == ["refused"] and not found.by_editor


def test_the_editors_headline_status_shows_its_reason():
    newer = status("considering", date(2024, 2, 1))
    sheet = FactSheet(
        id="x",
        name="X",
        status="refused",
        status_date=date(2024, 1, 1),
        status_reason="The chancellor said no on record.",
        evidence=[newer],
    )
    (found,) = disagreements(sheet)
    assert (found.label, found.by_editor) == ("Status", True)
    assert found.reason == "The chancellor said no on record."
    assert disagreements(FactSheet(id="x", name="X", evidence=[newer])) == []
