"""Conflicts are reported, in `factsheets check` and on /review/, never resolved silently."""

import shutil

from conftest import BIN, REPO, build, evidence_of, run

FACTSHEETS = BIN / "factsheets"


def check(root):
    return run(FACTSHEETS, "check", "--content", "content", cwd=root).stdout


def test_sources_that_differ_by_more_than_five_percent_are_listed(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    output = check(tmp_path)
    assert "to review: atacms: range (no variant): sources differ by more than 5%" in output
    assert "165 km | articles/2023-10-18-ukraine-uses-atacms-first-time.md" in output
    # 500 km and 310 miles (499 km) for Taurus agree within 5%
    assert "taurus: range" not in output


def test_newer_evidence_against_the_editors_status_is_listed(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    sheet = tmp_path / "content" / "facts" / "taurus.yaml"
    text = sheet.read_text().replace(
        "\nstatus:\nstatus_date:\n", "\nstatus: pledged\nstatus_date: 2023-01-01\n"
    )
    sheet.write_text(text)
    output = check(tmp_path)
    assert "to review: taurus: status: the editor set 'pledged' but newer evidence says" in output
    # evidence older than the editor's date is no conflict
    sheet.write_text(text.replace("status_date: 2023-01-01", "status_date: 2025-01-01"))
    assert "taurus: status" not in check(tmp_path)


def test_a_range_the_editor_set_is_checked_against_the_evidence(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    sheet = tmp_path / "content" / "facts" / "storm-shadow.yaml"
    sheet.write_text(sheet.read_text().replace("ranges: []", "ranges:\n  - {value: 560, unit: km}"))
    output = check(tmp_path)
    assert "storm-shadow: range (no variant): the editor set 560 km but evidence differs" in output


def test_review_page_in_local_builds_only(site):
    build(site)
    review = (site / "output" / "review" / "index.html").read_text()
    assert "<h1>To review</h1>" in review
    build(site, config="publishconf.py")
    assert not (site / "output" / "review").exists()


NOT_SURE = """Title: Germany and Taurus: mixed signals
Date: 2025-06-01
Outlet: Example Daily
URL: https://example.org/taurus-mixed

Germany has pledged Taurus cruise missiles to Ukraine, officials said on Monday in Berlin.

Germany has refused to send Taurus cruise missiles to Ukraine, Scholz said on Monday evening.
"""


def test_an_article_that_is_not_sure_goes_to_review_not_to_the_page(site):
    import json

    import yaml

    (site / "content" / "articles" / "2025-06-01-taurus-mixed.md").write_text(NOT_SURE)
    build(site)
    sheet = yaml.safe_load((site / "content" / "facts" / "taurus.yaml").read_text())
    evidence = evidence_of(site / "content", "taurus")
    mine = [e for e in evidence if e["article"].endswith("taurus-mixed.md")]
    assert {(e["field"], e["value"], e.get("actor")) for e in mine if e["field"] != "mention"} == {
        ("candidate", "pledged", "Germany"),
        ("candidate", "refused", "Germany"),
    }
    assert sheet["review"] == "needed"
    output = check(site)
    assert "taurus: status: articles/2025-06-01-taurus-mixed.md is not sure: it says" in output
    review = (site / "output" / "review" / "index.html").read_text()
    assert "taurus-mixed.md is not sure" in review
    # the site asserts no status it is not sure of
    data = json.loads((site / "output" / "data" / "factsheets.json").read_text())
    [taurus] = [s for s in data["systems"] if s["id"] == "taurus"]
    assert taurus["status"] is None


def test_review_shows_the_newest_few_of_each_value_and_counts_the_rest(site):
    """A conflict can hold thousands of pieces of evidence: /review/ shows the newest three
    for each value they give, and how many more give it."""
    from bs4 import BeautifulSoup

    for day in range(1, 7):
        (site / "content" / "articles" / f"2024-05-0{day}-again.md").write_text(
            f"Title: ATACMS report {day}\nDate: 2024-05-0{day}\n\n"
            "ATACMS missiles can strike targets up to 300 kilometers away.\n"
        )
    (site / "content" / "articles" / "2024-05-09-short.md").write_text(
        "Title: A shorter ATACMS\nDate: 2024-05-09\n\n"
        "ATACMS missiles can strike targets up to 165 kilometers away.\n"
    )
    build(site)
    review = BeautifulSoup((site / "output" / "review" / "index.html").read_text(), "html.parser")
    conflict = next(
        item for item in review.select("ol.conflicts > li") if "ATACMS" in item.h2.get_text()
    )
    ranges = [p.get_text() for p in conflict.select("p.field")]
    assert sum(text.startswith("300 km") for text in ranges) == 3
    assert any(text.startswith("165 km") for text in ranges)
    more = conflict.select_one("li.more").get_text(" ", strip=True)
    # the oldest three of these six are counted, not shown
    assert more.startswith("and 3 older pieces of evidence giving the same value")
    shown = [time.get_text() for time in conflict.select("time")]
    assert {"2024-05-04", "2024-05-05", "2024-05-06"} <= set(shown)


def test_a_conflict_of_many_values_shows_the_newest_and_counts_the_rest():
    from datetime import date, timedelta

    from factsheets.conflicts import SHOWN_PER_CONFLICT, Conflict, conflict_view
    from factsheets.model import Evidence

    evidence = tuple(
        Evidence(
            "range",
            {"km": 100 + n},
            f"up to {100 + n} km",
            f"articles/{n}.md",
            published=date(2024, 1, 1) + timedelta(days=n),
        )
        for n in range(50)
    )
    view = conflict_view(Conflict("x", "X", "range", "sources differ", evidence))
    shown = [item for group in view.groups for item in group.shown]
    assert len(shown) == SHOWN_PER_CONFLICT
    assert shown[0].value == {"km": 149}  # the newest value first
    assert view.more_evidence == 50 - SHOWN_PER_CONFLICT == view.more_values
