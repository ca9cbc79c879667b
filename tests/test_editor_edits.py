"""Property: whatever an editor changes by hand survives the plugin's next run."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import DELIVERY, PLEDGE, evidence_of
from factsheets.catalog import load_catalog
from factsheets.extract import extract
from factsheets.model import STATUSES
from factsheets.store import FactSheetStore

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
    st.tuples(st.just("comment"), st.sampled_from(["name", "status", "rejected", "notes"]), words),
    st.tuples(st.just("reject"), st.integers(0, 5), st.none()),
)


def apply(path: Path, evidence: list[dict], edits) -> dict:
    """Make the edits the way an editor would; return what must survive."""
    yaml = YAML()
    data = yaml.load(path.read_text())
    expected = {"values": {}, "rejected": set(), "comments": []}
    for kind, target, value in edits:
        if kind == "set":
            data[target] = value
            expected["values"][target] = value
        elif kind == "reject" and target < len(evidence):
            if evidence[target]["id"] not in data["rejected"]:
                data["rejected"].append(evidence[target]["id"])
            expected["rejected"].add(evidence[target]["id"])
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
        expected = apply(path, evidence_of(Path(folder), "atacms"), edits)
        edited = path.read_bytes()
        store.update([extract(FIRST, CATALOG), extract(NEW, CATALOG)])
        assert path.read_bytes() == edited  # the build never rewrites what the editor wrote
        data = YAML(typ="safe").load(edited)
        for field, value in expected["values"].items():
            assert data[field] == value
        for comment in expected["comments"]:
            assert comment in edited.decode().splitlines()
        sheet = store.load(path)
        assert {e.id for e in sheet.evidence if e.rejected} == expected["rejected"]
        assert any(e.article == "articles/two.md" for e in sheet.evidence)
        assert store.problems() == []
