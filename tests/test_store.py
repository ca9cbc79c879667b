from datetime import date

import pytest
from ruamel.yaml import YAML

from conftest import DELIVERY, PLEDGE
from factsheets.catalog import load_catalog
from factsheets.extract import extract
from factsheets.model import Article
from factsheets.store import FactSheetError, FactSheetStore

CATALOG = load_catalog()


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
    editor_part = edited.split("\nevidence:")[0]
    assert text.split("\nevidence:")[0] == editor_part  # untouched, byte for byte
    assert text.split("\nevidence:")[1].startswith(edited.split("\nevidence:")[1].split("seen:")[0])
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


def evidence_of(path):
    return YAML(typ="safe").load(path.read_text())["evidence"]


def test_deleted_evidence_is_never_brought_back(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE, DELIVERY)
    path = tmp_path / "facts" / "atacms.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text())
    deleted = [e for e in data["evidence"] if e["article"] == "articles/one.md"]
    data["evidence"] = [e for e in data["evidence"] if e["article"] != "articles/one.md"]
    with path.open("w") as handle:
        yaml.dump(data, handle)
    assert deleted
    update(store, PLEDGE, DELIVERY)
    assert all(e["article"] == "articles/two.md" for e in evidence_of(path))


def test_rejected_evidence_stays_rejected_and_is_not_shown(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE, DELIVERY)
    path = tmp_path / "facts" / "atacms.yaml"
    text = path.read_text()
    marker = "    value: delivered\n"
    path.write_text(text.replace(marker, marker + "    rejected: true\n"))
    update(store, PLEDGE, DELIVERY)
    statuses = [e for e in evidence_of(path) if e["field"] == "status"]
    assert [(e["value"], e.get("rejected", False)) for e in statuses] == [
        ("pledged", False),
        ("delivered", True),
    ]
    assert store.load(path).shown_status.value == "pledged"


def test_ties_on_date_go_to_the_later_article_path(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    same_day = Article(
        path="articles/zz.md",
        title="ATACMS arrived in Ukraine",
        body="",
        published=PLEDGE.published,
    )
    update(store, same_day, PLEDGE)
    [sheet] = store.load_all()
    assert sheet.shown_status.evidence.article == "articles/zz.md"
    assert sheet.shown_status.value == "delivered"


def test_a_failed_write_leaves_the_old_file_and_no_litter(tmp_path, monkeypatch):
    import os

    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE)
    path = tmp_path / "facts" / "atacms.yaml"
    before = path.read_bytes()

    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(FactSheetError, match=r"atacms.yaml: cannot be written \(disk full\)"):
        update(store, DELIVERY)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["atacms.yaml"]


def test_an_editor_range_without_km_gets_its_kilometres(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "taurus.yaml").write_text("name: Taurus\nranges:\n  - {value: 310, unit: mi}\n")
    [sheet] = FactSheetStore(facts).load_all()
    assert sheet.ranges == [{"value": 310, "unit": "mi", "km": 499}]
