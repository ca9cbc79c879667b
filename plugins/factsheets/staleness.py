"""Supply statuses with no new reporting for a while.

A donor's status is what the newest report on it said; when that report is older than
FACTSHEETS_STALE_AFTER_DAYS before the build day, the page says "no new reporting since"
that day, and /review/ lists the line for an editor to look into.  Only what the evidence
gives goes stale: a status an editor set is the editor's to keep.  Ranges do not: a
weapon's reach is not news that ages.  Pure: sheets and a day in, values out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import FactSheet
from .supply import SupplyLine


@dataclass(frozen=True)
class StaleLine:
    system_id: str
    system_name: str
    label: str  # the line: donor, and variant
    newest: date  # the day of the newest report about it


def stale_since(line: SupplyLine, today: date, days: int) -> date | None:
    """The day of the line's newest report, when that is more than `days` before `today`
    (0 days: nothing is ever stale)."""
    if days <= 0 or line.editor_status or line.status is None or line.newest is None:
        return None
    return line.newest if line.newest < today - timedelta(days=days) else None


def stale_lines(sheets: list[FactSheet], today: date, days: int) -> list[StaleLine]:
    """Every stale line of every sheet, the longest without news first."""
    found = [
        StaleLine(sheet.id, sheet.name, line.label, newest)
        for sheet in sheets
        for line in sheet.supply_lines
        if (newest := stale_since(line, today, days))
    ]
    return sorted(found, key=lambda stale: (stale.newest, stale.system_name, stale.label))
