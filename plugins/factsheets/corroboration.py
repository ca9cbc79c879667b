"""How many independent sources support each value a page shows, and whether an official
says it on the record.

A wire story posted by many outlets is one source: two statements are the same source when
they quote the same sentence, or come from the same wire service (the article's `origin`,
or a wire its outlet names), or, for original reporting, from the same outlet.  Merging
errs towards fewer sources: a value marked "2 sources" has two that do not share a quote,
a wire or an outlet.  Pure: sheets in, support out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .extract.sources import on_record, wire_named
from .model import Evidence, FactSheet, Shown, Source, range_km
from .supply import SupplyLine, unnamed_status

# A range in miles and the same range in kilometres, each rounded by its report, agree
# within this share of the larger: 190 miles (306 km) supports 300 km.
RANGE_AGREES_WITHIN = 0.025

_QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
_SPACE = re.compile(r"\s+")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Support:
    """The statements behind one value, grouped one group per independent source."""

    sources: tuple[tuple[Evidence, ...], ...]
    official: Source | None = None  # an official quoted by name in one of them

    @property
    def count(self) -> int:
        return len(self.sources)

    @property
    def single(self) -> bool:
        return len(self.sources) == 1

    @property
    def names(self) -> list[str]:
        """Each source as a reader knows it: the wire, else the outlet."""
        return [source_name(group[0]) for group in self.sources]


def source_name(item: Evidence) -> str:
    return item.origin or item.outlet or "an unnamed outlet"


def _quote_key(quote: str) -> str:
    text = _SPACE.sub(" ", quote.translate(_QUOTE_MARKS)).strip().casefold()
    return "quote:" + text.rstrip(".!?\"' ")


def _source_keys(item: Evidence) -> list[str]:
    """Who the statement comes from, each way it can be known: its wire, else its outlet;
    and its address's host.  A report with neither is a source of its own (its article).
    Sharing any one key joins two statements, so an outlet named in one report and only by
    its address in another is one source."""
    wire = wire_named(item.origin) or item.origin or wire_named(item.outlet)
    keys = []
    if wire:
        keys.append("wire:" + wire.casefold())
    elif item.outlet:
        name = _PARENTHESIS.sub("", item.outlet).strip().casefold()
        keys.append("outlet:" + name.removeprefix("the "))
    if item.url and not wire:
        keys.append("host:" + urlsplit(item.url).netloc.casefold().removeprefix("www."))
    return keys or ["article:" + item.article]


def support(items: list[Evidence]) -> Support | None:
    """`items` grouped by source (sharing a quote or a source joins two groups); None
    for no statements, as for an editor's value."""
    if not items:
        return None
    joined = list(range(len(items)))  # each statement's link towards its group's first

    def first_of(index: int) -> int:
        while joined[index] != index:
            index = joined[index]
        return index

    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        for key in (_quote_key(item.quote), *_source_keys(item)):
            if key in seen:
                joined[first_of(index)] = first_of(seen[key])
            else:
                seen[key] = index
    groups: dict[int, list[Evidence]] = {}
    for index, item in enumerate(items):
        groups.setdefault(first_of(index), []).append(item)
    return Support(tuple(tuple(group) for group in groups.values()), _official(items))


def _official(items: list[Evidence]) -> Source | None:
    """The official on record in the newest statement that quotes one."""
    for item in sorted(items, key=lambda e: e.order, reverse=True):
        found = on_record(item.quote)
        if found:
            return found
    return None


def status_support(line: SupplyLine) -> Support | None:
    """A donor's status: the line's statements that give it (a step back gives another)."""
    if line.status is None or line.status.evidence is None:
        return None
    value = line.status.value
    return support([item for item in _since(line) if item.value == value])


def number_support(line: SupplyLine, status: str) -> Support | None:
    """A donor's pledged or delivered number: the statements of that status that give it."""
    shown = line.pledged if status == "pledged" else line.delivered
    if shown is None or shown.evidence is None:
        return None
    given = [i for i in _since(line) if i.value == status and i.quantity == shown.value]
    return support(given)


def _since(line: SupplyLine) -> list[Evidence]:
    """The line's statements from its current status's first report on: an earlier spell
    of the same status (pledged, halted, pledged again) does not support this one."""
    first = line.since.evidence if line.since else None
    if first is None:
        return list(line.statements)
    return [item for item in line.statements if item.order >= first.order]


def headline_support(sheet: FactSheet) -> Support | None:
    """The headline status: the statements behind every donor's row that shows it, and
    the statements naming no donor that give it."""
    shown = sheet.shown_status
    if shown is None or shown.evidence is None:
        return None
    items = [
        item
        for line in sheet.supply_lines
        if line.status and line.status.evidence and line.status.value == shown.value
        for item in _since(line)
        if item.value == shown.value
    ]
    if unnamed_status(sheet):
        items += [e for e in sheet.accepted("status") if not e.actor and e.value == shown.value]
    return support(items)


def range_support(sheet: FactSheet, shown: Shown) -> Support | None:
    """A range: the statements of the same variant that give the same reach, a rounding
    apart (RANGE_AGREES_WITHIN)."""
    if shown.evidence is None:
        return None
    km = range_km(shown.value)
    variant = shown.value.get("variant")
    items = []
    for item in sheet.accepted("range"):
        if not isinstance(item.value, dict) or item.value.get("variant") != variant:
            continue
        other = range_km(item.value)
        if km and other and abs(km - other) <= RANGE_AGREES_WITHIN * max(km, other):
            items.append(item)
    return support(items)


def support_record(found: Support | None) -> dict | None:
    """What the data downloads say of a value's support; None for an editor's value."""
    if found is None:
        return None
    official = found.official
    return {
        "sources": found.count,
        "single_source": found.single,
        "names": found.names,
        "on_record": f"{official.role} {official.name}" if official else None,
    }
