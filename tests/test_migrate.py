"""`factsheets migrate`: old-layout sheets (evidence inside) move to the ledger losslessly."""

import shutil

from ruamel.yaml import YAML

from conftest import BIN, FIXTURES, REPO, evidence_of, run, snapshot
from factsheets.evidence import fingerprint, legacy_fingerprint
from factsheets.store import FactSheetStore

OLD = FIXTURES / "old_layout" / "facts"

# An old-layout sheet with comments everywhere: above fields, after values, inside the
# evidence list, after `seen:`; an evidence item an editor rejected, one they corrected by
# hand, and one they deleted (its mark is still in `seen`).
COMMENTED = """\
# Desk note: checked 2024-03-02.
id: atacms   # the page's address
name: ATACMS
aliases: [Army Tactical Missile System]  # as the Pentagon writes it
topics: [long-range-strike]
summary: "300 km # not a comment"
status:
notes: |
  Line one # text, not a comment.
review:
# the evidence the build appended
evidence:
  # first report
  - field: mention
    value: ATACMS
    quote: "US will provide ATACMS"   # headline
    article: articles/one.md
    published: 2023-09-22
  - field: status
    value: pledged
    actor: United States
    quote: "The US will provide ATACMS # to Ukraine"
    article: articles/one.md
    rejected: true  # wrong: it was a proposal
  - field: range
    value: {value: 300, unit: km, km: 300, qualifier: null, variant: null}
    quote: "It reaches 300 km."
    article: articles/two.md
    url: https://example.org/two
    published: 2024-04-24
seen: [{seen}]
# the last line of the file
"""


def migrate(root, *extra):
    return run(BIN / "factsheets", "migrate", "--content", "content", *extra, cwd=root)


def without_schema_line(folder):
    return {
        name: b"\n".join(line for line in data.split(b"\n") if b"$schema=" not in line)
        for name, data in snapshot(folder).items()
    }


def test_the_sample_sheets_migrate_to_what_the_repository_holds(tmp_path):
    """The repository's content/ was migrated from tests/fixtures/old_layout by this command."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copytree(OLD, content / "facts")
    before = snapshot(content)
    assert "16 fact sheet(s) to migrate" in migrate(tmp_path, "--dry-run").stdout
    assert snapshot(content) == before
    migrate(tmp_path)
    old = YAML(typ="safe")
    for path in sorted(OLD.glob("*.yaml")):
        quotes = [e["quote"] for e in old.load(path.read_text())["evidence"]]
        assert sorted(quotes) == sorted(e["quote"] for e in evidence_of(content, path.stem))
    # running it again changes nothing
    migrated = snapshot(content)
    assert "0 fact sheet(s) migrated" in migrate(tmp_path).stdout
    assert snapshot(content) == migrated
    # and the build, on the articles the repository holds now (some came after the
    # migration), writes exactly the repository's content/
    shutil.copytree(REPO / "content" / "articles", content / "articles")
    run(BIN / "factsheets", "facts", "--content", "content", cwd=tmp_path)
    # a sheet the build creates points its schema line at the package from where it is
    assert without_schema_line(content / "facts") == without_schema_line(REPO / "content" / "facts")
    assert snapshot(content / "evidence") == snapshot(REPO / "content" / "evidence")


def test_a_sheet_with_comments_everywhere_loses_nothing(tmp_path):
    deleted = {"field": "mention", "value": "ATACMS", "quote": "Gone", "article": "articles/x.md"}
    corrected_from = {
        "field": "range",
        "value": {"value": 290, "unit": "km", "km": 290, "qualifier": None, "variant": None},
        "quote": "It reaches 300 km.",
        "article": "articles/two.md",
    }
    old_text = COMMENTED.replace(
        "{seen}", f"{fingerprint(deleted)}, {legacy_fingerprint(corrected_from)}"
    )
    content = tmp_path / "content"
    (content / "facts").mkdir(parents=True)
    sheet = content / "facts" / "atacms.yaml"
    sheet.write_text(old_text)
    output = migrate(tmp_path).stdout
    assert "3 piece(s) of evidence" in output and "3 rejected id(s)" in output
    new_text = sheet.read_text()
    kept = old_text.split("# the evidence the build appended\n")[0]
    assert new_text.startswith(kept)  # the editor's part, byte for byte
    lines = new_text.splitlines()
    assert not [line for line in lines if line.startswith(("evidence:", "seen:", "  - "))]
    for comment in (
        "# first report",
        "# headline",
        "# wrong: it was a proposal",
        "# the last line of the file",
        "# the evidence the build appended",
    ):
        assert comment in new_text, comment
    assert "# to Ukraine" not in new_text.replace("The US will provide ATACMS # to Ukraine", "")
    entries = evidence_of(content, "atacms")
    assert sorted(e["quote"] for e in entries) == [
        "It reaches 300 km.",
        "The US will provide ATACMS # to Ukraine",
        "US will provide ATACMS",
    ]
    [rejected] = [e for e in entries if e["field"] == "status"]
    assert 'rejected: ["' in new_text  # quoted: an id of digits would read as a number
    data = YAML(typ="safe").load(new_text)
    assert data["rejected"] == [
        rejected["id"],
        fingerprint(deleted),
        legacy_fingerprint(corrected_from),
    ]
    # the sheet reads as before: the rejected evidence stays off the page
    result = run(BIN / "factsheets", "check", "--content", "content", cwd=tmp_path)
    assert "1 fact sheets OK" in result.stdout
    [sheet_read] = FactSheetStore(content / "facts").load_all()
    assert [e.quote for e in sheet_read.evidence if e.rejected] == [rejected["quote"]]
