"""A donor's status with no new reporting for FACTSHEETS_STALE_AFTER_DAYS says so on the
system page and is listed on /review/; a status an editor set never goes stale."""

import os
from datetime import UTC, date, datetime, timedelta

from bs4 import BeautifulSoup

from conftest import build
from factsheets.model import Evidence, FactSheet
from factsheets.staleness import stale_lines, stale_since


def built_on(site, day: date) -> None:
    epoch = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    build(site, env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})


def donor_row(site, donor: str) -> BeautifulSoup:
    page = (site / "output" / "systems" / "atacms" / "index.html").read_text()
    rows = BeautifulSoup(page, "html.parser").select("table.donors tbody tr")
    return next(row for row in rows if row.th.get_text(strip=True).startswith(donor))


def review(site) -> str:
    return (site / "output" / "review" / "index.html").read_text()


def status(value: str, published: date, actor: str = "Germany") -> Evidence:
    return Evidence("status", value, "q", "a.md", published=published, actor=actor, id=value)


def test_a_line_is_stale_only_after_the_days_and_never_an_editors():
    sheet = FactSheet(id="x", name="X", evidence=[status("pledged", date(2024, 1, 1))])
    (line,) = sheet.supply_lines
    assert stale_since(line, date(2024, 6, 29), 180) is None  # 180 days on: not yet
    assert stale_since(line, date(2024, 6, 30), 180) == date(2024, 1, 1)
    assert stale_since(line, date(2030, 1, 1), 0) is None  # the check is off
    edited = FactSheet(
        id="x", name="X", supply={"Germany": {"status": "delivered"}}, evidence=sheet.evidence
    )
    assert stale_lines([edited], date(2030, 1, 1), 180) == []
    later = FactSheet(
        id="x",
        name="X",
        evidence=[status("pledged", date(2024, 1, 1)), status("delivered", date(2024, 5, 1))],
    )
    assert [s.newest for s in stale_lines([later], date(2030, 1, 1), 180)] == [date(2024, 5, 1)]


def test_the_system_page_and_review_say_when_news_stopped(site):
    build(site)
    newest = max(
        date.fromisoformat(t["datetime"]) for t in donor_row(site, "United States").select("time")
    )
    built_on(site, newest + timedelta(days=30))
    assert donor_row(site, "United States").select_one(".stale") is None
    assert "ATACMS</a>, United States" not in review(site)

    built_on(site, newest + timedelta(days=400))
    mark = donor_row(site, "United States").select_one(".stale")
    assert mark.get_text(" ", strip=True) == f"no new reporting since {newest.isoformat()}"
    assert "ATACMS</a>, United States: no new reporting since <time" in review(site)

    # an editor who sets the status keeps it without the mark
    sheet = site / "content" / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text() + "supply:\n  United States:\n    status: delivered\n")
    built_on(site, newest + timedelta(days=400))
    assert donor_row(site, "United States").select_one(".stale") is None
