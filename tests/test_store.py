import json
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import DELIVERY, PLEDGE
from factsheets.catalog import load_catalog
from factsheets.extract import extract
from factsheets.ledger import LedgerError, parse_ledger
from factsheets.model import Article, System
from factsheets.store import FactSheetError, FactSheetStore
from factsheets.validate import plain_data

CATALOG = load_catalog()


def update(store, *articles):
    return store.update([extract(article, CATALOG) for article in articles])


def ledger_of(tmp_path, system_id="atacms"):
    folder = tmp_path / "evidence" / system_id
    return [e for path in sorted(folder.glob("*.yaml")) for e in parse_ledger(path.read_text())]


def test_a_new_sheet_holds_the_editor_fields_and_the_ledger_the_evidence(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    written = update(store, PLEDGE)
    sheet_path, ledger_path = (
        tmp_path / "facts" / "atacms.yaml",
        tmp_path / "evidence/atacms/2023.yaml",
    )
    assert written == [sheet_path, ledger_path]  # the editor's sheet first
    text = sheet_path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    data = YAML(typ="safe").load(text)
    assert data["name"] == "ATACMS" and data["status"] is None and data["rejected"] == []
    assert "evidence" not in data and "seen" not in data and "quote" not in text
    entries = ledger_of(tmp_path)
    assert [(e["field"], e["value"]) for e in entries if e["field"] == "status"] == [
        ("status", "pledged")
    ]
    [reach] = [e for e in entries if e["field"] == "range"]
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
    # the article's metadata is written once, not once per claim
    assert ledger_path.read_text().count("https://example.org/one") == 1
    # libyaml reads the ledger exactly as the fast reader does
    plain = YAML(typ="safe").load(ledger_path.read_text())
    assert len(plain) == 1 and len(plain[0]["evidence"]) == len(entries)


def test_what_the_build_remembers_is_what_the_ledger_reads(tmp_path):
    from factsheets.parsed import MEMORY

    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE, DELIVERY)
    remembered = store.load_all()  # read back from what was kept while writing
    MEMORY.clear()
    assert FactSheetStore(tmp_path / "facts").load_all() == remembered  # parsed from disk


def test_rerun_changes_no_byte(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE, DELIVERY)
    before = snapshot(tmp_path)
    assert update(store, PLEDGE, DELIVERY) == []
    assert snapshot(tmp_path) == before


def snapshot(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_new_evidence_is_appended_and_the_editors_sheet_is_not_touched(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE)
    sheet = tmp_path / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text().replace("name: ATACMS", "# checked\nname: ATACMS (MGM-140)"))
    edited = sheet.read_bytes()
    ledger = tmp_path / "evidence/atacms/2023.yaml"
    before = ledger.read_bytes()
    later = replace(DELIVERY, published=date(2023, 12, 1))  # same year, so same ledger file
    assert update(store, later) == [ledger]
    assert sheet.read_bytes() == edited
    after = ledger.read_bytes()
    assert after.startswith(before) and b"articles/two.md" in after[len(before) :]


def test_the_same_articles_write_the_same_ledger(tmp_path):
    for name in ("a", "b"):
        update(FactSheetStore(tmp_path / name / "facts"), DELIVERY, PLEDGE)
    assert [p.read_bytes() for p in sorted((tmp_path / "a").rglob("*.yaml"))] == [
        p.read_bytes() for p in sorted((tmp_path / "b").rglob("*.yaml"))
    ]


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


def test_writes_leave_no_temporary_files(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE, DELIVERY)
    assert sorted(p.name for p in (tmp_path / "facts").iterdir()) == ["atacms.yaml"]
    assert sorted(p.name for p in (tmp_path / "evidence/atacms").iterdir()) == [
        "2023.yaml",
        "2024.yaml",
    ]


def test_broken_yaml_is_reported_with_line_and_left_alone(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    broken = facts / "atacms.yaml"
    broken.write_text("name: ATACMS\naliases: [\n")
    with pytest.raises(FactSheetError, match=r"atacms.yaml:3:1: invalid YAML"):
        update(FactSheetStore(facts), PLEDGE)
    assert broken.read_text() == "name: ATACMS\naliases: [\n"


def test_unsafe_ids_are_refused(tmp_path):
    with pytest.raises(FactSheetError, match="not a safe id"):
        FactSheetStore(tmp_path).path_for("../x")


def test_rejected_evidence_stays_recorded_and_is_not_shown(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE, DELIVERY)
    path = tmp_path / "facts" / "atacms.yaml"
    [delivered] = [e for e in ledger_of(tmp_path) if e["value"] == "delivered"]
    path.write_text(path.read_text().replace("rejected: []", f"rejected: [{delivered['id']}]"))
    update(store, PLEDGE, DELIVERY)
    sheet = store.load(path)
    statuses = [e for e in sheet.evidence if e.field == "status"]
    assert [(e.value, e.rejected) for e in statuses] == [("pledged", False), ("delivered", True)]
    assert sheet.shown_status.value == "pledged"


def test_an_edited_ledger_entry_is_refused_with_how_to_correct_it(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE)
    ledger = tmp_path / "evidence/atacms/2023.yaml"
    ledger.write_text(ledger.read_text().replace('"pledged"', '"delivered"'))
    with pytest.raises(FactSheetError, match=r"2023.yaml: evidence \w+ was edited .*rejected:"):
        store.load_all()


def test_a_ledger_folder_without_a_sheet_is_reported_not_dropped(tmp_path):
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE)
    (tmp_path / "facts" / "atacms.yaml").unlink()
    with pytest.raises(FactSheetError, match=r"evidence/atacms: holds evidence for `atacms`"):
        store.load_all()


def test_an_old_layout_sheet_is_told_to_migrate(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "atacms.yaml").write_text("name: ATACMS\nevidence: []\n")
    with pytest.raises(FactSheetError, match=r"atacms.yaml:2:1: holds `evidence:`.*make migrate"):
        update(FactSheetStore(facts), PLEDGE)


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
    with pytest.raises(FactSheetError, match=r"2024.yaml: cannot be written \(disk full\)"):
        update(store, DELIVERY)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["atacms.yaml"]
    assert sorted(p.name for p in (tmp_path / "evidence/atacms").iterdir()) == ["2023.yaml"]


def test_an_editor_range_without_km_gets_its_kilometres(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "taurus.yaml").write_text("name: Taurus\nranges:\n  - {value: 310, unit: mi}\n")
    [sheet] = FactSheetStore(facts).load_all()
    assert sheet.ranges == [{"value": 310, "unit": "mi", "km": 499}]


names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40
)


@settings(max_examples=200, deadline=None)
@given(name=names, aliases=st.lists(names, max_size=4), origin=st.none() | names)
def test_a_new_sheet_written_without_ruamel_reads_as_the_sheet(name, aliases, origin):
    """New sheets skip ruamel.yaml's slow emitter; whatever the names, the text reads back
    as the sheet (quoted where plain text would read differently)."""
    from factsheets.store import _emit_new_sheet

    system = System(id="x", name=name, topic="", aliases=tuple(aliases), origin=origin)
    sheet = FactSheetStore("facts")._new_sheet(system)
    text = _emit_new_sheet(sheet)
    if text is not None:  # else ruamel.yaml writes it
        assert YAML(typ="safe").load(text) == plain_data(sheet)


def test_a_ledger_file_not_as_the_build_writes_it_is_not_appended_to(tmp_path):
    """A ledger file that only reads as YAML (hand-formatted) would be broken by an append
    at the end: the build says so in one line and writes nothing."""
    store = FactSheetStore(tmp_path / "facts")
    update(store, PLEDGE)
    ledger = tmp_path / "evidence/atacms/2023.yaml"
    reformatted = YAML(typ="safe").load(ledger.read_text())
    ledger.write_text(json.dumps(reformatted, default=str))  # JSON is YAML too
    assert [e.quote for e in store.load_all()[0].evidence]  # still readable
    before = ledger.read_bytes()
    later = replace(DELIVERY, published=date(2023, 12, 1))
    with pytest.raises(FactSheetError, match=r"2023.yaml: is not as the build writes it"):
        update(store, later)
    assert ledger.read_bytes() == before


@pytest.mark.parametrize(
    "text",
    [
        '- article: "a"\n  evidence: 5\n    - id: "x"\n',
        '- article: "a"\n    - id: "x"\n',
        '- article: "a"\n  evidence:\n  outlet: "b"\n',
        '- article: "a"\n  evidence:\n  evidence:\n',
        "- a: [\n",
        "- &a x\n- *a\n",
    ],
)
def test_a_damaged_ledger_is_one_problem_not_a_traceback(text):
    with pytest.raises(LedgerError):
        parse_ledger(text)
