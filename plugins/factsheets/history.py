"""What changed, when: a system's status timeline and the site-wide list of fact changes.

Derived from accepted evidence only, so every change points at the article that
reported it.  Pure: fact sheets in, changes out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Evidence, FactSheet


@dataclass(frozen=True)
class Change:
    system_id: str
    system_name: str
    field: str
    before: str | None
    after: str
    evidence: Evidence

    @property
    def title(self) -> str:
        before = self.before or "none"
        when = self.evidence.published.isoformat() if self.evidence.published else "undated"
        return f"{self.system_name}: {self.field} {before} → {self.after}, {when}"


def status_timeline(sheet: FactSheet) -> list[Evidence]:
    """Accepted status evidence, oldest first, one entry per article."""
    return sheet.accepted("status")


def status_changes(sheet: FactSheet) -> list[Change]:
    changes, current = [], None
    for evidence in status_timeline(sheet):
        if evidence.value != current:
            changes.append(
                Change(sheet.id, sheet.name, "status", current, str(evidence.value), evidence)
            )
            current = evidence.value
    return changes


def status_change_evidence(sheet: FactSheet) -> list[Evidence]:
    """The evidence of each status change only: the timeline of a system whose every
    statement would make a list thousands long."""
    return [change.evidence for change in status_changes(sheet)]


def all_changes(sheets: list[FactSheet]) -> list[Change]:
    """Every status change across the site, newest first (ties: system, then article)."""
    changes = [change for sheet in sheets for change in status_changes(sheet)]
    return sorted(changes, key=lambda c: (c.evidence.order, c.system_id), reverse=True)
