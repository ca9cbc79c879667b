"""Property: whatever an editor changes by hand survives the plugin's next run."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import DELIVERY, PLEDGE
from factsheets.catalog import load_catalog
from factsheets.extract import extract
from factsheets.model import STATUSES
from factsheets.store import FactSheetStore, fingerprint

CATALOG = load_catalog()
FIRST, NEW = PLEDGE, DELIVERY

words = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs", "Pd", "Po"]),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
edit = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(["summary", "origin", "notes"]), words),
    st.tuples(st.just("set"), st.just("status"), st.sampled_from(STATUSES)),
    st.tuples(st.just("set"), st.just("donors"), st.lists(words, min_size=1, max_size=3)),
    st.tuples(st.just("comment"), st.sampled_from(["name", "status", "evidence", "notes"]), words),
    st.tuples(st.just("delete"), st.integers(0, 5), st.none()),
    st.tuples(st.just("reject"), st.integers(0, 5), st.none()),
)


def apply(path: Path, edits) -> dict:
    """Make the edits the way an editor would; return what must survive."""
    yaml = YAML()
    data = yaml.load(path.read_text())
    expected = {"values": {}, "deleted": set(), "rejected": set(), "comments": []}
    for kind, target, value in edits:
        evidence = data["evidence"]
        if kind == "set":
            data[target] = value
            expected["values"][target] = value
        elif kind == "delete" and target < len(evidence):
            expected["deleted"].add(fingerprint(evidence[target]))
            del evidence[target]
        elif kind == "reject" and target < len(evidence):
            evidence[target]["rejected"] = True
            expected["rejected"].add(fingerprint(evidence[target]))
    with path.open("w") as handle:
        yaml.dump(data, handle)
    lines = path.read_text().splitlines()
    for kind, target, value in edits:
        if kind == "comment":
            comment = f"# {value}"
            index = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
            lines.insert(index, comment)
            expected["comments"].append(comment)
    path.write_text("\n".join(lines) + "\n")
    return expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(edit, min_size=1, max_size=8))
def test_editor_edits_survive_a_rerun_with_new_articles(edits):
    with tempfile.TemporaryDirectory() as folder:
        store = FactSheetStore(Path(folder) / "facts")
        store.update([extract(FIRST, CATALOG)])
        path = Path(folder) / "facts" / "atacms.yaml"
        expected = apply(path, edits)
        store.update([extract(FIRST, CATALOG), extract(NEW, CATALOG)])
        text = path.read_text()
        data = YAML(typ="safe").load(text)
        for field, value in expected["values"].items():
            assert data[field] == value
        for comment in expected["comments"]:
            assert comment in text.splitlines()
        marks = {fingerprint(e): e for e in data["evidence"]}
        assert not expected["deleted"] & marks.keys()
        for mark in expected["rejected"] - expected["deleted"]:
            assert marks[mark].get("rejected") is True
        assert any(e["article"] == "articles/two.md" for e in data["evidence"])
        assert store.problems() == []
