"""Every case in tests/bad_yaml/: a clear message, a non-zero exit, no traceback, no damage."""

import shutil

import pytest

from conftest import BIN, REPO, build, new_site, run, snapshot

CASES = sorted(path for path in (REPO / "tests" / "bad_yaml").iterdir() if path.is_dir())
VALID_SHEETS = ("patriot.yaml", "storm-shadow.yaml")


def test_the_corpus_has_at_least_twenty_cases():
    assert len(CASES) >= 20


def site_with_case(tmp_path, case):
    root = new_site(tmp_path / "site")
    facts = root / "content" / "facts"
    facts.mkdir()
    for name in VALID_SHEETS:
        shutil.copy(REPO / "content" / "facts" / name, facts / name)
    for path in case.glob("*.yaml"):
        shutil.copy(path, facts / path.name)
    if (case / "evidence").is_dir():  # a ledger file as no build would write it
        shutil.copytree(case / "evidence", root / "content" / "evidence")
    if (case / "GENERATE").exists():
        entry = "  - x\n"
        (facts / "x.yaml").write_text("name: X\naliases:\n" + entry * (20_000_000 // len(entry)))
    return root


def expected_messages(case):
    return [line for line in (case / "expect").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_names_the_problem_and_changes_nothing(tmp_path, case):
    root = site_with_case(tmp_path, case)
    before = snapshot(root / "content")
    result = run(BIN / "factsheets", "check", "--content", "content", cwd=root, check=False)
    assert result.returncode == 1
    for message in expected_messages(case):
        assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(root / "content") == before


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_build_stops_with_the_same_message_and_changes_nothing(tmp_path, case):
    root = site_with_case(tmp_path, case)
    before = snapshot(root / "content")
    result = build(root, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for message in expected_messages(case):
        assert message in output
    assert "Traceback" not in output
    assert "build stopped; no file was changed" in output
    assert snapshot(root / "content") == before


def test_a_broken_topics_file_is_named_and_stops_check_and_build(tmp_path):
    root = new_site(tmp_path / "site")
    (root / "content" / "topics.yaml").write_text("- id: armour\n  title: [unclosed\n")
    before = snapshot(root / "content")
    result = run(BIN / "factsheets", "check", "--content", "content", cwd=root, check=False)
    assert result.returncode == 1
    assert "content/topics.yaml:3:1: invalid YAML" in result.stderr
    built = build(root, check=False)
    output = built.stdout + built.stderr
    assert built.returncode != 0 and "topics.yaml:3:1: invalid YAML" in output
    assert "Traceback" not in output
    assert snapshot(root / "content") == before
