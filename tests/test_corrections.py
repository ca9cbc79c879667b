"""The corrections log: an editor's change of a published value is logged in the sheet's
`corrections:`, asked about until its reason is written, and shown apart from the news."""

import difflib
import json
import os
from datetime import UTC, date, datetime

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import BIN, build, run, snapshot
from factsheets.store import FactSheetError, FactSheetStore

DAY = date(2026, 12, 2)
EPOCH = str(int(datetime(DAY.year, DAY.month, DAY.day, 12, tzinfo=UTC).timestamp()))
ENV = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "SITEURL": "https://news.example"}


def publish(site, check=True):
    return build(site, "publishconf.py", check=check, env=ENV)


def local(site, check=True):
    return build(site, check=check, env=ENV)


def check(site):
    return run(BIN / "factsheets", "check", "--content", "content", cwd=site, check=False)


def published(site) -> dict:
    return json.loads((site / "content" / "published.json").read_text())["systems"]


def sheet_path(site, system="atacms"):
    return site / "content" / "facts" / f"{system}.yaml"


def set_range(site, km: int) -> str:
    path = sheet_path(site)
    text = path.read_text().replace("ranges: []", f"ranges:\n  - {{value: {km}, unit: km}}")
    path.write_text(text)
    return text


def page(site, *parts) -> BeautifulSoup:
    return BeautifulSoup(site.joinpath("output", *parts, "index.html").read_text(), "html.parser")


def test_an_edited_published_value_is_logged_asked_about_and_shown(site):
    local(site)  # the sheets first, as an editor's first build makes them
    publish(site)
    before = published(site)["atacms"]["range"]
    assert before["set"] is None  # the reports gave it
    edited = set_range(site, 250)
    local(site)
    after = sheet_path(site).read_text()
    # the editor's bytes are all still there: the build only added the entry
    added = [d for d in difflib.ndiff(edited.splitlines(), after.splitlines()) if d[0] in "+-"]
    assert all(line.startswith("+ ") for line in added)
    entry, removed = yaml.safe_load(after)["corrections"]
    assert entry == {
        "date": DAY,
        "field": "range",
        "from": before["value"],
        "to": "250 km",
        "reason": None,
    }
    # the editor's ranges replace all the reported ones: the variant's range left the page
    longer = published(site)["atacms"]["range (longer-range version)"]["value"]
    assert (removed["field"], removed["from"], removed["to"]) == (
        "range (longer-range version)",
        longer,
        "not reported",
    )
    local(site)  # logged once
    assert len(yaml.safe_load(sheet_path(site).read_text())["corrections"]) == 2

    asked = check(site)
    assert asked.returncode == 1
    assert (
        "to write: content/facts/atacms.yaml: the correction of range on 2026-12-02" in asked.stdout
    )
    on_disk = snapshot(site / "content"), snapshot(site / "output")
    refused = publish(site, check=False)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "has no reason; write why after its `reason:`, then publish again" in refused.stderr
    assert (snapshot(site / "content"), snapshot(site / "output")) == on_disk

    reason = "The 300 km figure is the unitary variant's; Ukraine got the other."
    path = sheet_path(site)
    path.write_text(path.read_text().replace("    reason:\n", f'    reason: "{reason}"\n'))
    assert check(site).returncode == 0
    publish(site)
    assert published(site)["atacms"]["range"] == {
        "value": "250 km",
        "set": "250 km",
        "evidence": None,
    }
    item, _ = page(site, "systems", "atacms").select("section.corrections li")
    assert item["id"].startswith("correction-")
    assert item.get_text(" ", strip=True) == (
        f"2026-12-02 : range corrected from {before['value']} to 250 km. {reason}"
    )
    (changes,) = [
        li
        for li in page(site, "changes").select("ol.corrections li")
        if li.a["href"].endswith(f"/systems/atacms/#{item['id']}")
    ]
    assert "ATACMS: range corrected from" in changes.a.get_text()
    assert changes.select_one(".reason").get_text() == reason
    feed = (site / "output" / "feeds" / "changes.atom.xml").read_text()
    entry = BeautifulSoup(feed, "xml").find("title", string=lambda s: s.startswith("Correction:"))
    assert entry.parent.find("category")["term"] == "correction"
    local(site)  # published now: nothing more to log
    assert len(yaml.safe_load(sheet_path(site).read_text())["corrections"]) == 2


def test_news_after_publishing_is_a_change_not_a_correction(site):
    local(site)
    publish(site)
    (site / "content" / "articles" / "2025-01-10-atacms-halted.md").write_text(
        "Title: US halts ATACMS\nDate: 2025-01-10\nOutlet: Example\n\n"
        "The United States has halted deliveries of ATACMS to Ukraine, officials said.\n"
    )
    local(site)
    assert "corrections" not in yaml.safe_load(sheet_path(site).read_text())


def test_rejecting_the_evidence_behind_a_published_value_is_a_correction(site):
    local(site)
    publish(site)
    shown = published(site)["atacms"]["range"]
    path = sheet_path(site)
    path.write_text(path.read_text().replace("rejected: []", f'rejected: ["{shown["evidence"]}"]'))
    local(site)
    (entry,) = yaml.safe_load(path.read_text())["corrections"]
    assert (entry["field"], entry["from"]) == ("range", shown["value"])
    assert entry["to"] != shown["value"]


def test_a_damaged_record_stops_the_build_in_one_line(site):
    local(site)
    publish(site)
    record = site / "content" / "published.json"
    record.write_text('{"systems": {\n')
    before = snapshot(site / "content")
    result = local(site, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    (line,) = [line for line in result.stderr.splitlines() if "published.json" in line]
    assert "published.json:2: not the record a publish build writes" in line
    assert "delete it (the next `make publish` writes it again)" in line
    assert snapshot(site / "content") == before


class SavedMidway(FactSheetStore):
    """An editor saves the sheet after the build read it and before it writes."""

    def _parse_bytes(self, path, raw):
        parsed = super()._parse_bytes(path, raw)
        path.write_text(path.read_text() + "notes: saved by an editor\n")
        return parsed


def test_a_save_during_the_log_loses_nothing(site):
    local(site)
    path = sheet_path(site)
    store = SavedMidway(site / "content" / "facts")
    entry = {"date": DAY, "field": "range", "from": "300 km", "to": "250 km", "reason": None}
    with pytest.raises(FactSheetError, match="changed while building"):
        store.append_corrections({"atacms": [entry]})
    assert path.read_text().endswith("notes: saved by an editor\n")  # the save landed, kept
    assert "corrections" not in path.read_text()


def test_news_that_moves_a_headline_an_editor_set_a_row_for_is_no_correction(site):
    path = sheet_path(site)
    # only the pledge: the headline is the United States' row, which the editor sets
    (site / "content" / "articles" / "2024-04-24-atacms-delivered.md").unlink()
    local(site)
    path.write_text(path.read_text() + "supply:\n  United States: {status: pledged}\n")
    local(site)
    publish(site)
    assert published(site)["atacms"]["status"]["value"] == "pledged"
    (site / "content" / "articles" / "2025-02-01-uk-atacms.md").write_text(
        "Title: Britain delivers ATACMS\nDate: 2025-02-01\nOutlet: Example\n\n"
        "Britain has delivered ATACMS missiles to Ukraine, officials said.\n"
    )
    local(site)
    assert page(site, "systems", "atacms").select_one(".status-value .status").get_text() == (
        "delivered"
    )
    assert "corrections" not in yaml.safe_load(path.read_text())


def test_publishing_an_edit_not_yet_logged_stops_before_the_output_is_emptied(site):
    local(site)
    publish(site)
    set_range(site, 250)
    before = snapshot(site / "output"), snapshot(site / "content")
    refused = publish(site, check=False)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "range changed since it was published" in refused.stderr
    assert "build locally (make html) to log the correction" in refused.stderr
    assert (snapshot(site / "output"), snapshot(site / "content")) == before


def test_a_reason_reaches_the_feed_as_text_not_markup(site):
    local(site)
    publish(site)
    set_range(site, 250)
    local(site)
    path = sheet_path(site)
    path.write_text(path.read_text().replace("    reason:\n", '    reason: "<b>bold</b> & sure"\n'))
    publish(site)
    feed = BeautifulSoup((site / "output" / "feeds" / "changes.atom.xml").read_text(), "xml")
    entry = feed.find("title", string=lambda s: s.startswith("Correction:")).parent
    # the summary is HTML to its reader: the editor's text must be escaped in it
    assert entry.summary.string == "&lt;b&gt;bold&lt;/b&gt; &amp; sure"


def test_a_record_entry_of_the_wrong_shape_is_named_in_one_line(site):
    local(site)
    (site / "content" / "published.json").write_text('{"systems": {"atacms": {"status": "x"}}}')
    result = local(site, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if "published.json" in x]
    assert "`atacms` / `status` is not a recorded value" in line
