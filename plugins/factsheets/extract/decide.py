"""Decide what an article reports now: a status per donor, then one for the system, or "not sure".

Per donor, the statements that are the article's news count (background only when there is
nothing else), and among them a new transfer ("six more", "another") outranks earlier ones.  What
is left must agree, except where one status presupposes the other:
- a delivery and a pledge: the pledge's first units have arrived (delivered);
- a halt and a pledge or delivery: what was given is now stopped (halted);
- an answer (refused, pledged) and the request it answers: the answer.
Where they still disagree, the headline and first sentences decide; if they do not agree either
(pledged and refused, delivered and considering ...), the answer is "not sure": no status, the
statements kept for an editor.  The system's status is the one its donors agree on, else that of
the donor the article leads with, else "not sure": each donor's transfer is its own, so one
donor's delivery says nothing of another's pledge.
"""

from __future__ import annotations

from ..model import Decision, SupplyStatement

# (one, other) -> the status both together mean
_PRESUPPOSES = {
    frozenset({"delivered", "pledged"}): "delivered",
    frozenset({"halted", "pledged"}): "halted",
    frozenset({"halted", "delivered"}): "halted",
    frozenset({"refused", "requested"}): "refused",
    frozenset({"pledged", "requested"}): "pledged",
    frozenset({"delivered", "requested"}): "delivered",
    frozenset({"halted", "considering"}): "halted",
}


def _combined(statuses: set[str]) -> str | None:
    if len(statuses) == 1:
        return next(iter(statuses))
    result = None
    for status in statuses:
        for other in statuses - {status}:
            merged = _PRESUPPOSES.get(frozenset({status, other}))
            if merged is None:
                return None
            result = merged if result is None or result == merged else _stronger(result, merged)
    return result if result in statuses else None


def _stronger(one: str, other: str) -> str | None:
    return _PRESUPPOSES.get(frozenset({one, other}))


def _current(statements: list[SupplyStatement]) -> list[SupplyStatement]:
    """The news: not background (background only when nothing else), a new transfer first."""
    current = [s for s in statements if not s.background] or statements
    return [s for s in current if s.additional] or current


def _pick(statements: list[SupplyStatement], status: str) -> SupplyStatement:
    chosen = [s for s in statements if s.status == status]
    with_count = [s for s in chosen if s.quantity]
    return (with_count or chosen)[0]


def decide_donor(statements: list[SupplyStatement]) -> Decision:
    current = _current(statements)
    statuses = {s.status for s in current}
    status = _combined(statuses)
    reason = "one status" if len(statuses) == 1 else f"{' and '.join(sorted(statuses))} together"
    if status is None:
        lead = [s for s in current if s.lead]
        status = _combined({s.status for s in lead}) if lead else None
        if status is None:
            listed = ", ".join(sorted(statuses))
            return Decision(None, f"statements disagree: {listed}", tuple(current))
        current, reason = lead, "the status the article leads with"
    return Decision(_pick(current, status), reason, tuple(current))


def decide_variants(statements: list[SupplyStatement]) -> dict[tuple, Decision]:
    """Per donor and named variant, that variant's own decision."""
    by_variant: dict[tuple, list[SupplyStatement]] = {}
    for statement in statements:
        if statement.variant:
            by_variant.setdefault((statement.donor, statement.variant), []).append(statement)
    return {key: decide_donor(items) for key, items in by_variant.items()}


def decide(statements: list[SupplyStatement]) -> tuple[Decision | None, dict]:
    """The system's decision and the decision per donor (None: no donor named)."""
    if not statements:
        return None, {}
    by_donor: dict[str | None, list[SupplyStatement]] = {}
    for statement in statements:
        by_donor.setdefault(statement.donor, []).append(statement)
    named_donors = [d for d in by_donor if d is not None]
    if None in by_donor and len(named_donors) == 1:
        # one donor named: the statements that name none are about its transfer too
        by_donor[named_donors[0]].extend(by_donor.pop(None))
    per_donor = {donor: decide_donor(items) for donor, items in by_donor.items()}
    named = {d: v for d, v in per_donor.items() if d is not None} or per_donor
    sure = [v for v in named.values() if v.statement is not None]
    if not sure:
        candidates = tuple(s for v in named.values() for s in v.candidates)
        return Decision(None, "no donor's statements agree", candidates), per_donor
    chosen = [v.statement for v in sure]
    statuses = {s.status for s in chosen}
    if len(statuses) == 1:
        return Decision(
            _pick(chosen, chosen[0].status), "the donors agree", tuple(chosen)
        ), per_donor
    # Each donor's transfer is its own: where they differ, the one the article leads with
    leading = {
        d for d, items in by_donor.items() if any(s.lead and not s.background for s in items)
    }
    lead = [v.statement for d, v in named.items() if d in leading and v.statement is not None]
    if lead and len({s.status for s in lead}) == 1:
        return Decision(lead[0], "the donor the article leads with", tuple(chosen)), per_donor
    listed = ", ".join(f"{s.donor}: {s.status}" for s in chosen)
    return Decision(None, f"donors differ ({listed})", tuple(chosen)), per_donor
