"""Where reports disagree about a value the page shows: the value shown, why it was
chosen (the editor's `reason:`, or the rule that picked it) and the other values with
their sources, for readers as /review/ has them for editors.  Pure: a sheet in.
"""

from __future__ import annotations

from dataclasses import dataclass

from .conflicts import RANGE_TOLERANCE, against_editor_status
from .corroboration import RANGE_AGREES_WITHIN, Support, support
from .model import Evidence, FactSheet, Shown, range_km
from .supply import SupplyLine, editor_values

# Why the site shows a value no editor chose, per rule.
NEWEST_RANGE = (
    "no editor has chosen: the newest report's figure is shown (the first it gives, where it "
    "gives two)"
)
STEP_BACK = (
    "a later report gives an earlier stage; an old status recalled is far likelier than a "
    "transfer undone, so it is not shown"
)
NOT_SURE = "a report was not sure between these; no editor has decided"


@dataclass(frozen=True)
class Alternative:
    """A value other reports give, with their statements (oldest first)."""

    value: object
    evidence: tuple[Evidence, ...]
    support: Support | None


@dataclass(frozen=True)
class Disagreement:
    field: str  # "status" or "range": how a value reads
    label: str  # what it is about: "Status", "Range (M57)", "Germany, Leopard 2A6"
    chosen: Shown
    by_editor: bool
    reason: str | None  # the editor's reason, or the rule's; None: an editor gave none
    others: tuple[Alternative, ...]


def disagreements(sheet: FactSheet) -> list[Disagreement]:
    lines = [_line(sheet, line) for line in sheet.supply_lines]
    return [*_headline(sheet), *_ranges(sheet), *filter(None, lines)]


def _by_value(items: list[Evidence]) -> tuple[Alternative, ...]:
    values: dict[str, list[Evidence]] = {}
    for item in items:
        values.setdefault(str(item.value), []).append(item)
    return tuple(
        Alternative(group[-1].value, tuple(group), support(group)) for group in values.values()
    )


def _headline(sheet: FactSheet) -> list[Disagreement]:
    """An editor's headline status, and the statements since its date that give another."""
    others = against_editor_status(sheet)
    if not others:
        return []
    chosen = Shown(sheet.status)
    return [Disagreement("status", "Status", chosen, True, sheet.status_reason, _by_value(others))]


def _ranges(sheet: FactSheet) -> list[Disagreement]:
    found = []
    for shown in sheet.shown_ranges:
        km, variant = range_km(shown.value), shown.value.get("variant")
        if km is None:
            continue
        differing = [
            e
            for e in sheet.accepted("range")
            if isinstance(e.value, dict)
            and e.value.get("variant") == variant
            and (other := range_km(e.value)) is not None
            and max(km, other) > min(km, other) * (1 + RANGE_TOLERANCE)
        ]
        if not differing:
            continue
        by_editor = shown.evidence is None
        reason = shown.value.get("reason") if by_editor else NEWEST_RANGE
        label = f"Range ({variant})" if variant else "Range"
        found.append(Disagreement("range", label, shown, by_editor, reason, _reaches(differing)))
    return found


def _reaches(items: list[Evidence]) -> tuple[Alternative, ...]:
    """Ranges grouped by reach, a rounding apart (190 miles with 306 km with 300 km)."""
    groups: list[list[Evidence]] = []
    for item in sorted(items, key=lambda e: range_km(e.value)):
        km = range_km(item.value)
        last = groups[-1][0] if groups else None
        if last and km - range_km(last.value) <= RANGE_AGREES_WITHIN * km:
            groups[-1].append(item)
        else:
            groups.append([item])
    ordered = [sorted(group, key=lambda e: e.order) for group in groups]
    return tuple(Alternative(group[-1].value, tuple(group), support(group)) for group in ordered)


def _line(sheet: FactSheet, line: SupplyLine) -> Disagreement | None:
    """A donor's line: statuses its reports give that the line does not show: the
    reports' latest where an editor set another, steps back, and the statuses a report
    was not sure between."""
    if line.status is None:
        return None
    shown = line.status.value
    unsure = [
        e
        for e in sheet.accepted("candidate")
        if e.actor == line.donor and e.variant == line.variant and e.value != shown
    ]
    if line.editor_status:
        reported = line.reported
        latest = [e for e in line.statements if reported and e.value == reported.value]
        others = [e for e in latest if e.value != shown] + unsure
        reason = editor_values(sheet, (line.donor, line.variant)).get("reason")
        return _disagreement(line, True, reason, others)
    if line.steps_back:
        return _disagreement(line, False, STEP_BACK, list(line.steps_back) + unsure)
    return _disagreement(line, False, NOT_SURE, unsure)


def _disagreement(line: SupplyLine, by_editor: bool, reason, others) -> Disagreement | None:
    if not others:
        return None
    alternatives = _by_value(sorted(others, key=lambda e: e.order))
    return Disagreement("status", line.label, line.status, by_editor, reason, alternatives)
