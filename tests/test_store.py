from datetime import date

import pytest
from ruamel.yaml import YAML

from factsheets.catalog import load_catalog
from factsheets.extract import extract
from factsheets.model import Article
from factsheets.store import FactSheetError, FactSheetStore

CATALOG = load_catalog()
PLEDGE = Article(
    path="articles/one.md",
    title="US will provide ATACMS",
    body="The Army Tactical Missile System can hit targets up to about 180 miles away.",
    published=date(2023, 9, 22),
    outlet="Example News",
    url="https://example.org/one",
)
DELIVERY = Article(
    path="articles/two.md",
    title="ATACMS arrived in Ukraine",
    body="The missiles can strike targets up to 300 kilometers away.",
    published=date(2024, 4, 24),
    outlet="Example Wire",
    url="https://example.org/two",
)


def update(store, *articles):
    return store.update([extract(article, CATALOG) for article in articles])


def test_new_sheet_has_schema_header_editor_fields_and_evidence(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    [path] = update(store, PLEDGE)
    text = path.read_text()
    assert path.name == "atacms.yaml"
    assert text.startswith("# yaml-language-server: $schema=")
    data = YAML(typ="safe").load(text)
    assert data["name"] == "ATACMS"
    assert data["status"] is None
    assert [(e["field"], e["value"]) for e in data["evidence"] if e["field"] == "status"] == [
        ("status", "pledged")
    ]
    [reach] = [e for e in data["evidence"] if e["field"] == "range"]
    assert reach["value"] == {
        "value": 180,
        "unit": "mi",
        "km": 290,
        "qualifier": "up to about",
        "variant": None,
    }
    assert reach["quote"] == PLEDGE.body
    assert (reach["outlet"], reach["url"], reach["published"]) == (
        "Example News",
        "https://example.org/one",
        date(2023, 9, 22),
    )


def test_rerun_changes_no_byte(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE, DELIVERY)
    before = (tmp_path / "facts" / "atacms.yaml").read_bytes()
    assert update(store, PLEDGE, DELIVERY) == []
    assert (tmp_path / "facts" / "atacms.yaml").read_bytes() == before


def test_latest_evidence_is_shown_unless_the_editor_set_a_value(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, DELIVERY, PLEDGE)
    [sheet] = store.load_all()
    assert sheet.shown_status.value == "delivered"
    assert sheet.shown_status.evidence.article == "articles/two.md"
    path = tmp_path / "facts" / "atacms.yaml"
    path.write_text(path.read_text().replace("\nstatus:\n", "\nstatus: halted  # per editor\n"))
    update(store, PLEDGE, DELIVERY)
    assert "status: halted  # per editor" in path.read_text()
    assert store.load(path).shown_status.value == "halted"
    assert store.load(path).shown_status.evidence is None


def test_editor_comments_and_values_survive_new_evidence(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE)
    path = tmp_path / "facts" / "atacms.yaml"
    edited = path.read_text().replace(
        "name: ATACMS", "# checked by the desk\nname: ATACMS (MGM-140)"
    )
    path.write_text(edited)
    update(store, DELIVERY)
    text = path.read_text()
    assert text.startswith(edited)  # the editor's part is untouched, evidence appended
    assert "articles/two.md" in text


def test_writes_leave_no_temporary_files(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE, DELIVERY)
    assert sorted(p.name for p in (tmp_path / "facts").iterdir()) == ["atacms.yaml"]


def test_broken_yaml_is_reported_with_line_and_left_alone(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    broken = facts / "atacms.yaml"
    broken.write_text("name: ATACMS\nevidence: [\n")
    with pytest.raises(FactSheetError, match=r"atacms.yaml:3:1: invalid YAML"):
        update(FactSheetStore(facts), PLEDGE)
    assert broken.read_text() == "name: ATACMS\nevidence: [\n"


def test_unsafe_ids_are_refused(tmp_path):
    with pytest.raises(FactSheetError, match="not a safe id"):
        FactSheetStore(tmp_path).path_for("../x")
