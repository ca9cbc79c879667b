"""The corrections log: when an editor changes a value the site has published.

A publish build records what each system page showed (`published_record`, kept in the
content folder as FACTSHEETS_PUBLISHED_FILE).  Every build after it compares: a value that
differs from the published one because of an editor (the editor's value changed, was set or
removed, or the evidence behind the published value was rejected) is a correction, and the
store appends it to the sheet's `corrections:` list with an empty `reason:` for the editor
to write.  A change the news brings (a new report) is not a correction: /changes/ has it.
Pure: sheets and records in, entries out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from .conflicts import editor_date
from .model import FactSheet, Shown, range_km
from .supply import editor_keys, editor_values, line_label
from .validate import shown_path

NOT_SHOWN = "not reported"
# the fields of a donor's line an editor can set, as a correction names them
LINE_FIELDS = ("status", "since", "pledged", "delivered", "recipient", "conditions")


@dataclass(frozen=True)
class Correction:
    """One entry of a sheet's `corrections:`."""

    day: date | None
    field: str
    before: str | None
    after: str | None
    reason: str | None

    @property
    def missing_reason(self) -> bool:
        return not (self.reason or "").strip()

    @property
    def anchor(self) -> str:
        """Its id on the system page and in the feed: from what it says, not its place in
        the list, so deleting another entry moves no link."""
        said = f"{self.day}|{self.field}|{self.before}|{self.after}"
        return "correction-" + hashlib.sha256(said.encode("utf-8")).hexdigest()[:10]


def corrections_of(sheet: FactSheet) -> list[Correction]:
    """The sheet's log, oldest first, as the editor keeps it."""
    found = []
    for entry in sheet.corrections:
        found.append(
            Correction(
                editor_date(entry.get("date")),
                str(entry.get("field") or ""),
                _text(entry.get("from")),
                _text(entry.get("to")),
                entry.get("reason"),
            )
        )
    return sorted(found, key=lambda c: c.day or date.min)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _shown(value: Shown | None, editor: str | None, rendered: str | None = None) -> dict | None:
    """A shown value as the record keeps it: its text, what the editor had set for it (None:
    nothing) and the evidence behind it."""
    if value is None:
        return None
    text = rendered if rendered is not None else _text(value.value)
    evidence = value.evidence
    return {"value": text, "set": editor, "evidence": evidence.id if evidence else None}


def range_text(value: dict) -> str:
    km = range_km(value)
    return f"{round(km)} km" if km is not None else f"{value.get('value')} {value.get('unit')}"


def _range_name(value: dict) -> str:
    variant = value.get("variant")
    return f"range ({variant})" if variant else "range"


def editor_inputs(sheet: FactSheet) -> dict[str, str]:
    """What the editor wrote for each value a correction can name: the only changes a
    correction records (a report that changes a value is news)."""
    inputs = {"status": _text(sheet.status)} if sheet.status else {}
    for value in sheet.ranges:
        inputs[_range_name(value)] = range_text(value)
    for key in editor_keys(sheet):
        values = editor_values(sheet, key)
        for name in LINE_FIELDS:
            if values.get(name) is not None:
                inputs[f"{line_label(*key)}: {name}"] = _text(values[name])
    return inputs


def shown_values(sheet: FactSheet) -> dict[str, dict]:
    """What the system page shows that an editor can set, by the name a correction gives
    it: "status", "range", "range (M57)", "United States: status", ..."""
    inputs = editor_inputs(sheet)
    values: dict[str, dict | None] = {"status": _shown(sheet.shown_status, inputs.get("status"))}
    for shown in sheet.shown_ranges:
        name = _range_name(shown.value)
        values[name] = _shown(shown, inputs.get(name), range_text(shown.value))
    for line in sheet.supply_lines:
        for field_name in LINE_FIELDS:
            name = f"{line.label}: {field_name}"
            values[name] = _shown(getattr(line, field_name), inputs.get(name))
    return {name: value for name, value in values.items() if value is not None}


def published_record(sheets: list[FactSheet], day: date) -> dict:
    """What a publish build records: each published system's values, as shown."""
    return {
        "published": day.isoformat(),
        "systems": {sheet.id: shown_values(sheet) for sheet in sorted(sheets, key=lambda s: s.id)},
    }


def new_corrections(sheet: FactSheet, published: dict[str, dict], today: date) -> list[dict]:
    """The entries to append: each published value an editor has changed since, once.  The
    editor changed it when what they wrote for it changed, when they rejected the evidence
    behind it, or when their own ranges took a reported range off the page."""
    now = shown_values(sheet)
    inputs = editor_inputs(sheet)
    logged = {(c.field, c.before, c.after) for c in corrections_of(sheet)}
    rejected = set(sheet.rejected)
    entries = []
    for name, before in published.items():
        after = now.get(name)
        if after is not None and after["value"] == before["value"]:
            continue
        by_editor = (
            before.get("set") != inputs.get(name)
            or before.get("evidence") in rejected
            or (after is None and name.startswith("range") and bool(sheet.ranges))
        )
        if not by_editor:
            continue  # the news changed it: a change, not a correction
        to = after["value"] if after else NOT_SHOWN
        if (name, before["value"], to) in logged:
            continue
        entries.append(
            {"date": today, "field": name, "from": before["value"], "to": to, "reason": None}
        )
    return entries


def record_problems(record: dict) -> list[str]:
    """What in a record read back is not as published_record writes it."""
    problems = []
    for system_id, values in record["systems"].items():
        if not isinstance(values, dict):
            problems.append(f"`{system_id}` is not a mapping of values")
            continue
        for name, value in values.items():
            ok = isinstance(value, dict) and isinstance(value.get("value"), str)
            ok = ok and all(
                value.get(key) is None or isinstance(value.get(key), str)
                for key in ("set", "evidence")
            )
            if not ok:
                problems.append(f"`{system_id}` / `{name}` is not a recorded value")
    return problems


@dataclass(frozen=True)
class LoggedCorrection:
    """A correction with the system it belongs to, for /changes/ and the feed."""

    system_id: str
    system_name: str
    correction: Correction

    @property
    def sentence(self) -> str:
        c = self.correction
        before = c.before if c.before is not None else NOT_SHOWN
        return f"{self.system_name}: {c.field} corrected from {before} to {c.after}"


def all_corrections(sheets: list[FactSheet]) -> list[LoggedCorrection]:
    """Every sheet's corrections, newest first."""
    found = [
        LoggedCorrection(sheet.id, sheet.name, correction)
        for sheet in sheets
        for correction in corrections_of(sheet)
    ]
    return sorted(found, key=lambda c: (c.correction.day or date.min, c.system_id), reverse=True)


def unexplained(sheets: list[FactSheet]) -> list[str]:
    """One line per correction whose reason is still to write."""
    return [
        f"{_where(sheet)}: the correction of {c.field} on {c.day} ({c.before} → {c.after}) "
        "has no reason; write why after its `reason:`"
        for sheet in sheets
        for c in corrections_of(sheet)
        if c.missing_reason
    ]


def _where(sheet: FactSheet) -> str:
    return shown_path(sheet.path) if sheet.path else sheet.id
