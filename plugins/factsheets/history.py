"""What changed, when: a system's status timeline and the site-wide list of fact changes.

Derived from accepted evidence only, so every change points at the article that
reported it.  Pure: fact sheets in, changes out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import DEFAULT_RECIPIENT, STATUSES, Evidence, FactSheet
from .supply import CHANGED, editor_values, line_label, status_steps

# How a change reads, per status: "Germany pledged IRIS-T SLM".  A statement that names no
# donor reads as what was reported of the system.
CHANGE_SENTENCES = {
    "requested": "{recipient} asked {donor} for {system}",
    "considering": "{donor} considered sending {system}",
    "refused": "{donor} refused to send {system}",
    "pledged": "{donor} pledged {system}",
    "delivered": "{donor} delivered {system}",
    "halted": "{donor} halted deliveries of {system}",
}
if set(CHANGE_SENTENCES) != set(STATUSES):
    raise ValueError("CHANGE_SENTENCES must give a sentence for every status in STATUSES")


@dataclass(frozen=True)
class Change:
    system_id: str
    system_name: str
    field: str
    before: str | None
    after: str
    evidence: Evidence
    donor: str | None = None  # None: a statement that names no donor
    variant: str | None = None  # the variant the statements name

    @property
    def what(self) -> str:
        """The system, or its variant: "Leopard 2A6", "Patriot (PAC-3)"."""
        if not self.variant:
            return self.system_name
        if self.variant.casefold().startswith(self.system_name.casefold()):
            return self.variant
        return f"{self.system_name} ({self.variant})"

    @property
    def sentence(self) -> str:
        """The change as a reader says it: "Germany pledged IRIS-T SLM"."""
        if not self.donor:
            return f"{self.what} reported {self.after}"
        recipient = self.evidence.recipient or DEFAULT_RECIPIENT
        # a value outside the vocabulary (a ledger file written by hand) is shown as it is
        sentence = CHANGE_SENTENCES.get(self.after, "{donor}: {system} {status}")
        return sentence.format(
            donor=self.donor, system=self.what, recipient=recipient, status=self.after
        )

    @property
    def title(self) -> str:
        when = self.evidence.published.isoformat() if self.evidence.published else "undated"
        return f"{self.sentence}, {when}"


def status_timeline(sheet: FactSheet) -> list[Evidence]:
    """Accepted status evidence, oldest first, one entry per article."""
    return sheet.accepted("status")


@dataclass(frozen=True)
class Track:
    """One donor's statements about a system (or one of its variants), oldest first, each
    with its step (supply.status_steps): the system page's timeline for that donor."""

    donor: str | None  # None: the statements that name no donor
    variant: str | None
    steps: tuple[tuple[Evidence, str], ...]

    @property
    def label(self) -> str:
        return line_label(self.donor or "No donor named", self.variant)

    def changes(self) -> list[tuple[Evidence, str]]:
        return [(item, step) for item, step in self.steps if step in CHANGED]


def donor_tracks(sheet: FactSheet) -> list[Track]:
    """A track per donor and variant, by donor; the statements that name none come last.
    Each variant has its own way to delivery: a pledge of one after a delivery of another
    is no step back."""
    items: dict[tuple, list[Evidence]] = {}
    for evidence in status_timeline(sheet):
        items.setdefault((evidence.actor or None, evidence.variant), []).append(evidence)

    def order(key: tuple) -> tuple:
        donor, variant = key
        return donor is None, donor or "", variant is not None, variant or ""

    tracks = []
    for donor, variant in sorted(items, key=order):
        confirmed = editor_values(sheet, (donor, variant)).get("status") if donor else None
        named = donor is not None
        steps = status_steps(items[donor, variant], tell_back=named, confirmed=confirmed)
        tracks.append(Track(donor, variant, tuple(steps)))
    return tracks


def status_changes(sheet: FactSheet) -> list[Change]:
    """Each donor's changes of status, oldest first; statements naming no donor make a
    track of their own.  A donor's step back (delivered, then pledged) is no change unless
    an editor confirmed it: it is a suspected misreading, listed on /review/ (supply.py)."""
    changes = []
    for track in donor_tracks(sheet):
        before = None
        for evidence, _ in track.changes():
            after = str(evidence.value)
            changes.append(
                Change(
                    sheet.id,
                    sheet.name,
                    "status",
                    before,
                    after,
                    evidence,
                    track.donor,
                    track.variant,
                )
            )
            before = after
    return sorted(changes, key=lambda change: (change.evidence.order, change.donor or ""))


def all_changes(sheets: list[FactSheet]) -> list[Change]:
    """Every status change across the site, newest first (ties: system, then article)."""
    changes = [change for sheet in sheets for change in status_changes(sheet)]
    return sorted(
        changes, key=lambda c: (c.evidence.order, c.system_id, c.donor or ""), reverse=True
    )
