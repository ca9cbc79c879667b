"""Which systems list their evidence on a page per year, and where each piece of it is.

A system named in thousands of articles would otherwise get one page of many megabytes
(14 MB at 10,000 articles), slow to render, to index and to open on a phone.  Past
FACTSHEETS_YEAR_PAGES_FROM pieces of evidence, its page keeps the facts, the status
changes and the latest articles, and the evidence moves to systems/<id>/evidence/<year>/,
one page per year, in the ledger's own order (undated first, then the years), so a new
article re-renders the page of its year and no other.  Pure: sheets in, URLs out.
"""

from __future__ import annotations

from .ledger import UNDATED
from .model import Evidence, FactSheet


def evidence_year(item: Evidence) -> str:
    """The year page an item is on (the ledger file it is kept in is named the same)."""
    return str(item.published.year) if item.published else UNDATED


def year_order(year: str) -> tuple[bool, str]:
    """Undated first, then the years in order: the order evidence is numbered in."""
    return (year != UNDATED, year)


class EvidencePaging:
    # a paged system's own page lists this many of its articles, the newest
    latest_articles = 20

    def __init__(self, pages_from: int):
        self.pages_from = pages_from
        self._years: dict[str, list[tuple[str, list[Evidence]]]] = {}  # a build's sheets

    def paged(self, sheet: FactSheet) -> bool:
        return len(sheet.evidence) > self.pages_from

    def years(self, sheet: FactSheet) -> list[tuple[str, list[Evidence]]]:
        """Each year's evidence, in evidence-number order (undated first)."""
        if sheet.id not in self._years:
            by_year: dict[str, list[Evidence]] = {}
            for item in sheet.evidence:
                by_year.setdefault(evidence_year(item), []).append(item)
            self._years[sheet.id] = sorted(by_year.items(), key=lambda pair: year_order(pair[0]))
        return self._years[sheet.id]

    def year_url(self, sheet: FactSheet, year: str) -> str:
        return f"systems/{sheet.id}/evidence/{year}/"

    def href(self, sheet: FactSheet, item: Evidence) -> str:
        """Where an item is shown, relative to the site's root, with its anchor."""
        page = self.year_url(sheet, evidence_year(item)) if self.paged(sheet) else ""
        return f"{page or f'systems/{sheet.id}/'}#ev-{item.number}"
