"""Who supplies a system, per donor: status, since when, how many, to whom.

Derived from the evidence an editor has not rejected, one line per donor the articles name.
A later statement that steps back along the way to delivery (delivered, then pledged) is
far more often a misreading (an article recalling the pledge) than news: it does not
change the donor's line, and /review/ lists it.  Pure: a sheet in, lines out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .discover import slug
from .model import DEFAULT_RECIPIENT, STATUSES, Evidence, FactSheet, Shown

# The way from asking to delivery: a later statement lower on it is a step back.  Refusing
# and halting are not on it; they are news whenever they come.
PROGRESS = ("requested", "considering", "pledged", "delivered")


@dataclass(frozen=True)
class SupplyLine:
    """One donor's supply of one system.  Each value is Shown: with the evidence that gives
    it, or with none when the editor set it (`supply:` in the sheet), which always wins."""

    donor: str
    variant: str | None  # the variant the statements name ("Leopard 2A6"); None: the system
    status: Shown | None  # None: only the editor's other fields, no status anywhere
    since: Shown | None  # when the donor reached that status: its first report, or the editor's
    pledged: Shown | None  # the latest pledge that gives a number
    delivered: Shown | None  # the latest delivery that gives a number
    recipient: Shown
    conditions: Shown | None
    steps_back: tuple[Evidence, ...]  # later statements that would step back: not shown
    reported: Evidence | None  # the status the evidence gives, whatever the editor set
    newest: date | None = None  # the newest dated statement about this line, steps back too
    statements: tuple[Evidence, ...] = ()  # every accepted statement about this line, oldest first

    @property
    def label(self) -> str:
        return line_label(self.donor, self.variant)

    @property
    def editor_status(self) -> bool:
        return self.status is not None and self.status.evidence is None


def line_label(donor: str, variant: str | None) -> str:
    """How a line is named: the donor, and the variant when it has one ("Germany, Leopard
    2A6"): on the system page, /review/, the timelines and factsheets.csv."""
    return f"{donor}, {variant}" if variant else donor


def is_step_back(before: str, after: str) -> bool:
    if before not in PROGRESS or after not in PROGRESS:
        return False
    return PROGRESS.index(after) < PROGRESS.index(before)


Key = tuple[str, "str | None"]  # (donor, variant)


def supply_lines(sheet: FactSheet) -> list[SupplyLine]:
    """One line per donor, and per variant the statements name, from the sheet's accepted
    status evidence and its editor's `supply:`; by donor, the system itself first."""
    by_line: dict[Key, list[Evidence]] = {key: [] for key in editor_keys(sheet)}
    for item in sheet.accepted("status"):  # oldest first
        if item.actor:
            by_line.setdefault((item.actor, item.variant), []).append(item)
    for donor, variant in list(by_line):
        # a donor named only to list it has a line of its own only while it has no other
        others = any(d == donor and v is not None for d, v in by_line)
        empty = variant is None and not by_line[donor, None]
        if empty and others and not editor_values(sheet, (donor, None)):
            del by_line[donor, None]
    # a donor's conditions of use hold for all it supplies of the system, any variant
    conditions: dict[str, Evidence] = {}
    for item in sheet.accepted("condition"):  # oldest first: the latest word stands
        if item.actor:
            conditions[item.actor] = item
    ordered = sorted(by_line, key=lambda key: (key[0], key[1] is not None, key[1] or ""))
    return [
        _line(key, by_line[key], editor_values(sheet, key), conditions.get(key[0]))
        for key in ordered
    ]


def editor_keys(sheet: FactSheet) -> list[Key]:
    """The lines an editor names: `donors:`, `supply:` and each donor's `variants:`."""
    keys: list[Key] = [(donor, None) for donor in [*sheet.donors, *sheet.supply]]
    for donor, values in sheet.supply.items():
        keys += [(donor, variant) for variant in (values or {}).get("variants") or {}]
    return keys


# What an editor sets for a donor that holds for every variant it supplies.
DONOR_WIDE = ("recipient", "conditions")


def editor_values(sheet: FactSheet, key: Key) -> dict:
    """What the editor set for one line: a donor's fields, or one of its variants' (with
    the donor's recipient and conditions, unless the variant has its own)."""
    donor, variant = key
    values = sheet.supply.get(donor) or {}
    if variant is None:
        return {name: value for name, value in values.items() if name != "variants"}
    wide = {name: values[name] for name in DONOR_WIDE if values.get(name) is not None}
    return {**wide, **((values.get("variants") or {}).get(variant) or {})}


def status_steps(items: list[Evidence], tell_back: bool = True, confirmed: str | None = None):
    """One donor's statements in order, each with what it does to the donor's status:
    "change", "same", "back" (a step back, which changes nothing) or "confirmed" (a step
    back to the status an editor set for the donor: a change the editor confirmed).  The
    donor's line and its changes (history.py) both walk this.  `tell_back` is off for
    statements that name no donor, which may come from different donors."""
    current = None
    for item in items:
        value = str(item.value)
        back = current is not None and tell_back and is_step_back(current, value)
        if back and value != confirmed:
            yield item, "back"
            continue
        yield item, ("confirmed" if back else "change") if value != current else "same"
        current = value


CHANGED = ("change", "confirmed")  # the steps that change a donor's status


def _line(key: Key, items: list[Evidence], editor: dict, condition: Evidence | None) -> SupplyLine:
    donor, variant = key
    current = first = None
    steps_back = []
    for item, step in status_steps(items, confirmed=editor.get("status")):
        if step == "back":
            steps_back.append(item)
            continue
        if step in CHANGED:
            first = item
        current = item
    reported = Shown(current.value, current) if current else None
    since = Shown(first.published, first) if first and first.published else None
    if "status" in editor:
        # the editor's status; its date only if the editor gave one
        reported, since = Shown(editor["status"]), None
    recipient = current.recipient if current and current.recipient else DEFAULT_RECIPIENT
    return SupplyLine(
        donor=donor,
        variant=variant,
        status=reported,
        since=_editor(editor, "since", since),
        pledged=_editor(editor, "pledged", _latest_number(items, "pledged", steps_back)),
        delivered=_editor(editor, "delivered", _latest_number(items, "delivered", steps_back)),
        recipient=_editor(editor, "recipient", Shown(recipient, current)),
        conditions=_editor(
            editor, "conditions", Shown(condition.value, condition) if condition else None
        ),
        steps_back=tuple(steps_back) if "status" not in editor else (),
        reported=current,
        newest=max((item.published for item in items if item.published), default=None),
        statements=tuple(items),
    )


def _editor(editor: dict, name: str, found: Shown | None) -> Shown | None:
    return Shown(editor[name]) if editor.get(name) is not None else found


def _latest_number(items: list[Evidence], status: str, left_out: list) -> Shown | None:
    counted = [i for i in items if i.value == status and i.quantity and i not in left_out]
    return Shown(counted[-1].quantity, counted[-1]) if counted else None


# A donor's page lists what it has sent first, then promised, stopped, is weighing, was
# asked for, and refused: every status of the vocabulary, once.
DONOR_PAGE_ORDER = ("delivered", "pledged", "halted", "considering", "requested", "refused")
if sorted(DONOR_PAGE_ORDER) != sorted(STATUSES):
    raise ValueError("DONOR_PAGE_ORDER must name every status in model.STATUSES once")


@dataclass(frozen=True)
class Donor:
    """One donor across the site: what it supplies, system by system."""

    name: str
    slug: str
    lines: tuple[tuple[FactSheet, SupplyLine], ...]  # by system name

    def by_status(self) -> list[tuple[str, list[tuple[FactSheet, SupplyLine]]]]:
        """The lines by status, in the order a reader asks: sent, promised, stopped, ..."""
        found = []
        for status in DONOR_PAGE_ORDER:
            rows = [(s, line) for s, line in self.lines if _status(line) == status]
            if rows:
                found.append((status, rows))
        return found

    @property
    def as_of(self):
        """The date of the newest statement behind the donor's lines."""
        dates = [
            shown.evidence.published
            for _, line in self.lines
            for shown in (line.status, line.since, line.pledged, line.delivered, line.conditions)
            if shown and shown.evidence and shown.evidence.published
        ]
        return max(dates, default=None)

    def count(self, status: str) -> int:
        """How many systems the donor has a line of this status for (a variant's counts
        for its system, once)."""
        return len({sheet.id for sheet, line in self.lines if _status(line) == status})


def headline_status(sheet: FactSheet) -> Shown | None:
    """The system's status in one word: the editor's `status:` if set, else the furthest
    any donor has got, in DONOR_PAGE_ORDER (delivered by one donor and refused by another
    is delivered).  The latest statement that names no donor counts as one more donor.
    Ties go to the editor's value, then to the newest report."""
    if sheet.status:
        return Shown(sheet.status)
    shown = [line.status for line in sheet.supply_lines if line.status]
    if unnamed := unnamed_status(sheet):
        shown.append(unnamed)
    if not shown:
        return None
    best = min(_headline_rank(item) for item in shown)
    tied = [item for item in shown if _headline_rank(item) == best]
    editor = [item for item in tied if item.evidence is None]
    return editor[0] if editor else max(tied, key=lambda item: item.evidence.order)


def unnamed_status(sheet: FactSheet) -> Shown | None:
    """The latest accepted statement that names no donor ("Ukraine has received ...")."""
    unnamed = [item for item in sheet.accepted("status") if not item.actor]
    return Shown(unnamed[-1].value, unnamed[-1]) if unnamed else None


def supply_pairs(sheet: FactSheet) -> list[tuple[str, str]]:
    """(donor, status) per donor, and ("", status) for statements naming none: what the
    comparison table filters on."""
    pairs = [(line.donor, str(line.status.value)) for line in sheet.supply_lines if line.status]
    if unnamed := unnamed_status(sheet):
        pairs.append(("", str(unnamed.value)))
    if sheet.status:  # the editor's headline: the Status column says it, the filter finds it
        pairs.append(("", str(sheet.status)))
    return pairs


def _headline_rank(shown: Shown) -> int:
    value = str(shown.value)
    # a value outside the vocabulary (a ledger written by hand) ranks last
    return DONOR_PAGE_ORDER.index(value) if value in DONOR_PAGE_ORDER else len(DONOR_PAGE_ORDER)


def _by_system(sheet: FactSheet, line: SupplyLine) -> tuple:
    return sheet.name.lower(), line.variant is not None, line.variant or ""


def _status(line: SupplyLine) -> str | None:
    return line.status.value if line.status else None


def donors(sheets: list[FactSheet]) -> list[Donor]:
    """Every donor named in any sheet's accepted status evidence, by name."""
    found: dict[str, list[tuple[FactSheet, SupplyLine]]] = {}
    for sheet in sheets:
        for line in sheet.supply_lines:
            found.setdefault(line.donor, []).append((sheet, line))
    return [
        Donor(name, slug(name), tuple(sorted(rows, key=lambda pair: _by_system(*pair))))
        for name, rows in sorted(found.items())
    ]
