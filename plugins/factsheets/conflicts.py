"""Disagreements an editor should settle: reported, never resolved silently.

- newer evidence that disagrees with a value the editor set;
- articles the extractor is not sure about (candidate statuses, `review: needed`);
- sources whose ranges for the same variant differ by more than 5%.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Evidence, FactSheet, range_km
from .supply import editor_values

RANGE_TOLERANCE = 0.05


@dataclass(frozen=True)
class Conflict:
    system_id: str
    system_name: str
    field: str
    message: str
    evidence: tuple[Evidence, ...]

    def __str__(self) -> str:
        return f"{self.system_id}: {self.field}: {self.message}"


def _differ(a: float, b: float) -> bool:
    return max(a, b) > min(a, b) * (1 + RANGE_TOLERANCE)


def against_editor_status(sheet: FactSheet) -> list[Evidence]:
    """The statements that give another status than the editor's `status:`, newer than its
    `status_date:` when one is given (a quoted date stays text: it dates nothing)."""
    if not sheet.status:
        return []
    since = sheet.status_date if isinstance(sheet.status_date, date) else None
    return [
        e
        for e in sheet.accepted("status")
        if e.value != sheet.status and (since is None or (e.published and e.published > since))
    ]


def _status_conflicts(sheet: FactSheet) -> list[Conflict]:
    newer = against_editor_status(sheet)
    if not newer:
        return []
    values = ", ".join(sorted({str(e.value) for e in newer}))
    return [
        Conflict(
            sheet.id,
            sheet.name,
            "status",
            f"the editor set '{sheet.status}' but newer evidence says {values}"
            + ("" if sheet.status_reason else "; if it stands, write why in `status_reason:`"),
            tuple(newer),
        )
    ]


def _editor_range_conflicts(sheet: FactSheet) -> list[Conflict]:
    conflicts = []
    for editor_range in sheet.ranges:
        editor_km = range_km(editor_range)
        if editor_km is None:
            continue
        variant = editor_range.get("variant")
        disagreeing = tuple(
            e
            for e in sheet.accepted("range")
            if isinstance(e.value, dict)
            and e.value.get("variant") == variant
            and (km := range_km(e.value)) is not None
            and _differ(km, editor_km)
        )
        if disagreeing:
            conflicts.append(
                Conflict(
                    sheet.id,
                    sheet.name,
                    f"range ({variant or 'no variant'})",
                    f"the editor set {editor_km:g} km but evidence differs by more than 5%"
                    + (
                        ""
                        if editor_range.get("reason")
                        else "; if it stands, write why in its `reason:`"
                    ),
                    disagreeing,
                )
            )
    return conflicts


def _source_range_conflicts(sheet: FactSheet) -> list[Conflict]:
    by_variant: dict[object, list[Evidence]] = {}
    for evidence in sheet.accepted("range"):
        if isinstance(evidence.value, dict) and range_km(evidence.value) is not None:
            by_variant.setdefault(evidence.value.get("variant"), []).append(evidence)
    conflicts = []
    for variant, items in by_variant.items():
        kms = [range_km(e.value) for e in items]
        if _differ(max(kms), min(kms)):
            conflicts.append(
                Conflict(
                    sheet.id,
                    sheet.name,
                    f"range ({variant or 'no variant'})",
                    f"sources differ by more than 5% ({min(kms):.0f} to {max(kms):.0f} km); "
                    "set the range or the variant in the fact sheet",
                    tuple(items),
                )
            )
    return conflicts


def _not_sure_conflicts(sheet: FactSheet) -> list[Conflict]:
    """Articles whose statements disagreed: the extractor kept candidates, not a status."""
    if sheet.review != "needed" or sheet.status:
        return []
    by_article: dict[str, list[Evidence]] = {}
    for evidence in sheet.accepted("candidate"):
        by_article.setdefault(evidence.article, []).append(evidence)
    conflicts = []
    for article, items in by_article.items():
        said = ", ".join(
            sorted({f"{e.value} ({e.actor})" if e.actor else str(e.value) for e in items})
        )
        conflicts.append(
            Conflict(
                sheet.id,
                sheet.name,
                "status",
                f"{article} is not sure: it says {said}; set status: or reject the wrong ones,"
                " then review: done",
                tuple(items),
            )
        )
    return conflicts


# /review/ shows, for each value a conflict's evidence gives, this many of its newest
# pieces, and values until this many pieces are shown; it counts the rest.  At 10,000
# articles one conflict can hold thousands of pieces, each giving its own value.
SHOWN_PER_VALUE = 3
SHOWN_PER_CONFLICT = 12


@dataclass(frozen=True)
class ValueGroup:
    """A conflict's evidence that gives one value: the newest few, and how many more."""

    shown: tuple[Evidence, ...]
    more: int


@dataclass(frozen=True)
class ConflictView:
    """What /review/ shows of a conflict: groups by value, newest value first, and what
    is left out (pieces of evidence, and the values they give)."""

    groups: tuple[ValueGroup, ...]
    more_evidence: int
    more_values: int


def conflict_view(
    conflict: Conflict, per_value: int = SHOWN_PER_VALUE, most: int = SHOWN_PER_CONFLICT
) -> ConflictView:
    by_value: dict[str, list[Evidence]] = {}
    for item in sorted(conflict.evidence, key=lambda e: e.order):
        by_value.setdefault(_value_key(item), []).append(item)
    newest_first = sorted(by_value.values(), key=lambda items: items[-1].order, reverse=True)
    groups, shown = [], 0
    for items in newest_first:
        if shown and shown + min(per_value, len(items)) > most:
            break
        newest = tuple(items[-per_value:])
        groups.append(ValueGroup(newest, len(items) - len(newest)))
        shown += len(newest)
    left = newest_first[len(groups) :]
    return ConflictView(tuple(groups), sum(len(items) for items in left), len(left))


def _value_key(item: Evidence) -> str:
    value = item.value
    if isinstance(value, dict):
        value = sorted((k, str(v)) for k, v in value.items())
    return f"{item.field}\0{value}\0{item.actor or ''}"


def _donor_conflicts(sheet: FactSheet) -> list[Conflict]:
    """Per donor: a later statement that steps back (delivered, then pledged), not shown and
    listed as a suspected misreading; and newer evidence against a status the editor set."""
    conflicts = []
    for line in sheet.supply_lines:
        if line.steps_back:
            said = ", ".join(sorted({str(item.value) for item in line.steps_back}))
            conflicts.append(
                Conflict(
                    sheet.id,
                    sheet.name,
                    f"status ({line.label})",
                    f"{line.label} was reported '{line.status.value}', later evidence says "
                    f"{said}: a step back is not shown; if the article misread an old "
                    "pledge, add its id to `rejected:`, else set the donor's status under "
                    "`supply:`"
                    + (f" (`variants: {{{line.variant}: ...}}`)" if line.variant else ""),
                    line.steps_back,
                )
            )
        if line.editor_status:
            conflicts += _against_editor(sheet, line)
    return conflicts + _against_donor_status(sheet, sheet.supply_lines)


def editor_date(value) -> date | None:
    """An editor's date, written as a date or as an ISO string ("2023-03-01")."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _against_editor(sheet: FactSheet, line) -> list[Conflict]:
    """Evidence for the line that disagrees with the status the editor set and is newer
    than the editor's `since`, or, without one, than the last report of that status (a
    step back the editor confirmed is not held against it)."""
    status = line.status.value
    items = [
        e for e in sheet.accepted("status") if (e.actor, e.variant) == (line.donor, line.variant)
    ]
    since = editor_date(editor_values(sheet, (line.donor, line.variant)).get("since"))
    agreeing = [e.order for e in items if e.value == status]
    after = max(agreeing) if since is None and agreeing else None
    newer = [
        e
        for e in items
        if e.value != status
        and (since is None or (e.published and e.published > since))
        and (after is None or e.order > after)
    ]
    if not newer:
        return []
    values = ", ".join(sorted({str(e.value) for e in newer}))
    message = f"the editor set {line.label} '{status}' but newer evidence says {values}"
    if not editor_values(sheet, (line.donor, line.variant)).get("reason"):
        message += f"; if it stands, write why in `reason:` under {line.label}"
    return [Conflict(sheet.id, sheet.name, f"status ({line.label})", message, tuple(newer))]


def _against_donor_status(sheet: FactSheet, lines) -> list[Conflict]:
    """A variant's evidence against the status an editor set for the whole donor."""
    conflicts = []
    for line in lines:
        donor_status = (sheet.supply.get(line.donor) or {}).get("status")
        said = line.status.evidence if line.status else None
        if line.variant and donor_status and said and said.value != donor_status:
            message = (
                f"the editor set {line.donor} '{donor_status}' but {line.label} evidence "
                f"says {said.value}: set the variant's status under `variants:` if both hold"
            )
            conflicts.append(
                Conflict(sheet.id, sheet.name, f"status ({line.label})", message, (said,))
            )
    return conflicts


def find_conflicts(sheet: FactSheet) -> list[Conflict]:
    return (
        _status_conflicts(sheet)
        + _donor_conflicts(sheet)
        + _not_sure_conflicts(sheet)
        + _editor_range_conflicts(sheet)
        + _source_range_conflicts(sheet)
    )
