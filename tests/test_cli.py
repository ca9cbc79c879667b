"""The `factsheets` command, run as a real process."""

import json
import shutil

from conftest import BIN, FIXTURES, REPO, build, reference_article, run, snapshot

FACTSHEETS = BIN / "factsheets"


def test_extract_json_contract(tmp_path):
    path = str(reference_article())
    result = run(FACTSHEETS, "extract", "--json", path, cwd=tmp_path)
    output = json.loads(result.stdout)
    [article] = output["articles"]
    assert article["path"] == path
    assert article["title"] == "Biden tells Zelensky that the US is sending ATACMS to Ukraine"
    assert set(article) == {"path", "title", "outlet", "published", "sources", "systems"}
    atacms = next(s for s in article["systems"] if s["id"] == "atacms")
    assert atacms["name"] == "ATACMS"
    assert "MGM-140" in atacms["aliases"]
    assert atacms["status"] == "pledged"
    assert atacms["actor"] == "United States"
    assert atacms["status_quote"] == "Biden tells Zelensky that the US is sending ATACMS to Ukraine"
    assert [h["status"] for h in atacms["status_history"]][-1] == "pledged"
    [reach] = atacms["ranges"]
    assert {k: reach[k] for k in ("value", "unit", "km", "qualifier", "variant")} == {
        "value": 180,
        "unit": "mi",
        "km": 290,
        "qualifier": "up to about",
        "variant": None,
    }
    text = reference_article().read_text(encoding="utf-8")
    assert reach["quote"] in text


def test_unreadable_file_is_named_and_the_others_still_processed(tmp_path):
    missing = tmp_path / "missing.txt"
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Titel\n\nDie Bundesregierung pr\xfcft Taurus.".encode("latin-1"))
    good = FIXTURES / "aggregator-copy.txt"
    result = run(FACTSHEETS, "extract", "--json", missing, bad, good, cwd=tmp_path, check=False)
    assert result.returncode == 2
    assert f"{missing}: no such file" in result.stderr
    assert f"{bad}: not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert [s["id"] for s in article["systems"]] == ["taurus"]
    assert article["systems"][0]["status"] == "considering"


def test_facts_then_build_agree_byte_for_byte(site):
    run(FACTSHEETS, "facts", "--content", "content", cwd=site)
    written = snapshot(site / "content" / "facts")
    assert "atacms.yaml" in written
    build(site)
    assert snapshot(site / "content" / "facts") == written


def test_check_passes_on_the_sample_content():
    result = run(FACTSHEETS, "check", "--content", REPO / "content", cwd=REPO)
    assert "fact sheets OK" in result.stdout


def test_check_names_a_broken_sheet(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    (content / "facts" / "broken.yaml").write_text("name: [unclosed\n")
    result = run(FACTSHEETS, "check", "--content", content, cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert "broken.yaml:2:1: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_alias_an_editor_adds_teaches_extract(tmp_path):
    facts = tmp_path / "content" / "facts"
    facts.mkdir(parents=True)
    article = tmp_path / "a.txt"
    article.write_text(
        "Kyiv gets new missiles\n\nGermany will provide the KEPD-350X missiles soon.\n"
    )
    before = json.loads(run(FACTSHEETS, "extract", "--json", article, cwd=tmp_path).stdout)
    assert before["articles"][0]["systems"] == []
    (facts / "taurus.yaml").write_text("name: Taurus\naliases: [KEPD-350X]\n")
    (facts / "falcon-x.yaml").write_text("name: Falcon-X\naliases: [Sokil]\n")
    article.write_text(
        article.read_text() + "\nUkraine has used the Sokil drones to strike depots.\n"
    )
    after = json.loads(run(FACTSHEETS, "extract", "--json", article, cwd=tmp_path).stdout)
    taurus, falcon = after["articles"][0]["systems"]
    assert (taurus["id"], taurus["status"], taurus["mentions"]) == (
        "taurus",
        "pledged",
        ["KEPD-350X"],
    )
    assert (falcon["id"], falcon["status"], falcon["mentions"]) == (
        "falcon-x",
        "delivered",
        ["Sokil"],
    )


def test_schema_is_printed_and_every_written_sheet_points_at_it():
    schema = json.loads(run(FACTSHEETS, "schema", cwd=REPO).stdout)
    assert schema["properties"]["status"]["oneOf"][0] == {"$ref": "#/$defs/status"}
    for sheet in (REPO / "content" / "facts").glob("*.yaml"):
        first = sheet.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (sheet.parent / first.split("$schema=", 1)[1]).resolve()
        assert json.loads(target.read_text()) == schema


def test_facts_dry_run_prints_the_diff_and_writes_nothing(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copy(
        FIXTURES / "site" / "articles" / "2024-04-24-atacms-delivered.md",
        tmp_path / "content" / "articles",
    )
    before = snapshot(tmp_path / "content")
    dry = run(FACTSHEETS, "facts", "--dry-run", "--content", "content", cwd=tmp_path).stdout
    assert "--- a/content/evidence/atacms/2024.yaml" in dry
    assert '+      quote: "ATACMS arrived in Ukraine in the spring, Pentagon says"' in dry
    assert dry.rstrip().endswith("1 files would change; nothing was written")
    assert snapshot(tmp_path / "content") == before
    run(FACTSHEETS, "facts", "--content", "content", cwd=tmp_path)
    after = (tmp_path / "content" / "evidence" / "atacms" / "2024.yaml").read_text()
    added = [
        line[1:] for line in dry.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    assert all(line in after.splitlines() for line in added)


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    import subprocess

    article = tmp_path / "a.txt"
    article.write_text("Patriot\n\n" + "Germany will send Patriot systems. " * 4000)
    command = f"'{FACTSHEETS}' extract --json '{article}' | head -c 10"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert result.stdout == '{\n  "artic'
    assert "Traceback" not in result.stderr
