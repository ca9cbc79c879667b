"""The domain: articles, systems, claims and fact sheets.

These dataclasses are shared by every step of the flow; none of them does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

STATUSES = ("requested", "considering", "refused", "pledged", "delivered", "halted")

# Who receives when an article names no one else.
DEFAULT_RECIPIENT = "Ukraine"

KM_PER_UNIT = {"km": 1.0, "mi": 1.609344, "nmi": 1.852}


def km_to_mi(km: float) -> int:
    return round(km / KM_PER_UNIT["mi"])


def range_km(value: dict) -> float | None:
    """A range's kilometres: as given, else from its value and unit, else None."""
    if value.get("km") is not None:
        return float(value["km"])
    if value.get("value") is not None and value.get("unit") in KM_PER_UNIT:
        return float(value["value"]) * KM_PER_UNIT[value["unit"]]
    return None


@dataclass(frozen=True)
class Article:
    """One news report, its body already cleaned of boilerplate."""

    path: str
    title: str
    body: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    # the wire service the story comes from, when the article's metadata names it (Origin:)
    origin: str | None = None

    @property
    def text(self) -> str:
        """The text claims are quoted from: the headline, then the body."""
        return f"{self.title}\n\n{self.body}" if self.title else self.body


@dataclass(frozen=True)
class CatalogRange:
    """A published nominal range for one variant of a system."""

    km: int
    variant: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class System:
    """A weapon system as the shipped catalog (or a fact sheet) describes it."""

    id: str
    name: str
    topic: str
    full_name: str | None = None
    aliases: tuple[str, ...] = ()
    designations: tuple[str, ...] = ()
    kind: str | None = None
    origin: str | None = None
    adversary: bool = False
    ranges: tuple[CatalogRange, ...] = ()
    # the names of its variants as reports write them ("Leopard 2A6", "PAC-3"): a supply
    # statement about one of them is kept per variant
    variants: tuple[str, ...] = ()
    # False for a system the extractor found defined in an article but the
    # catalog does not know: its fact sheet asks for an editor's review.
    catalogued: bool = True

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every way an article may name this system."""
        forms = [self.name, *self.aliases, *self.designations]
        if self.full_name:
            forms.append(self.full_name)
        return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class Quote:
    """A verbatim span of an article's text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Range:
    """A reach stated in an article, in the unit the article used."""

    value: float
    unit: str
    qualifier: str | None = None
    variant: str | None = None

    @property
    def km(self) -> int:
        return round(self.value * KM_PER_UNIT[self.unit])


@dataclass(frozen=True)
class RangeClaim:
    system_id: str
    range: Range
    quote: Quote


@dataclass(frozen=True)
class SupplyStatement:
    """What one clause says about one system's transfer: who, to whom, what, how many.

    `status` is the event after negation and hedging ("will not send" is a refusal); the
    statement is `background` when it tells what happened before the article's news.
    """

    system_id: str
    status: str
    quote: Quote
    donor: str | None = None
    recipient: str = DEFAULT_RECIPIENT
    quantity: int | None = None
    variant: str | None = None
    background: bool = False
    past: bool = False  # past perfect: "had already delivered"
    additional: bool = False  # "six more", "another package": a new transfer
    lead: bool = False  # in the headline or the first sentences: the article's news
    cue: str = ""  # the words that gave the status
    modifier: str | None = None  # the negation or hedge that changed them
    clause: str = ""  # the clause the cue stands in
    inherited: str | None = None  # why a cue from elsewhere applies ("list after 'include'")

    @property
    def actor(self) -> str | None:
        return self.donor


@dataclass(frozen=True)
class ConditionStatement:
    """A condition a donor sets on the use of a system ("not for strikes inside Russia"),
    or its end ("restrictions lifted"): the values of cues.yaml's `conditions:`."""

    system_id: str
    condition: str
    quote: Quote
    donor: str | None = None


# The name the rest of the flow has always used for a status statement.
StatusClaim = SupplyStatement


@dataclass(frozen=True)
class Decision:
    """An article's status for one system, or "not sure" (status None) with the reason."""

    statement: SupplyStatement | None
    reason: str
    candidates: tuple[SupplyStatement, ...] = ()

    @property
    def not_sure(self) -> bool:
        return self.statement is None and bool(self.candidates)


@dataclass
class SystemClaims:
    """Everything one article says about one system."""

    system: System
    mentions: list[str] = field(default_factory=list)
    mention_quotes: list[Quote] = field(default_factory=list)
    ranges: list[RangeClaim] = field(default_factory=list)
    statuses: list[SupplyStatement] = field(default_factory=list)
    decision: Decision | None = None
    per_donor: dict[str | None, Decision] = field(default_factory=dict)
    # each donor's statements about one variant, decided apart: a delivery of one variant
    # and a pledge of another are two transfers
    per_variant: dict[tuple[str | None, str], Decision] = field(default_factory=dict)
    conditions: list[ConditionStatement] = field(default_factory=list)

    @property
    def status(self) -> SupplyStatement | None:
        """The status the article reports now (decided by extract.decide)."""
        return self.decision.statement if self.decision else None

    @property
    def quantity(self) -> int | None:
        chosen = self.status
        if chosen and chosen.quantity:
            return chosen.quantity
        counts = [s.quantity for s in self.statuses if s.quantity]
        return counts[0] if counts else None

    @property
    def status_history(self) -> list[SupplyStatement]:
        """Statuses in the order they happened: background first, the latest last."""
        latest = self.status
        background = [claim for claim in self.statuses if claim.background]
        current = [claim for claim in self.statuses if not claim.background and claim != latest]
        ordered = background + current
        return [*ordered, latest] if latest and latest not in ordered else ordered


@dataclass(frozen=True)
class Source:
    """Who an article credits: an outlet, a named person, or an anonymous source."""

    name: str
    kind: str  # "outlet" | "named" | "anonymous"
    role: str | None = None


@dataclass
class ArticleClaims:
    article: Article
    systems: list[SystemClaims] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    outlet: str | None = None
    origin: str | None = None  # the wire service the story comes from, when known


@dataclass(frozen=True)
class Evidence:
    """A claim as stored in a fact sheet, with where it came from."""

    field: str
    value: object
    quote: str
    article: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    actor: str | None = None
    rejected: bool = False
    quantity: int | None = None
    recipient: str | None = None
    variant: str | None = None  # the variant a status statement names ("Leopard 2A6")
    origin: str | None = None  # the wire service its article's story comes from
    id: str = ""  # what an editor names to reject it
    number: int = 0  # its footnote on the system's page: position in the sheet's evidence

    @property
    def order(self) -> tuple:
        """Latest last: by article date, then article path for ties."""
        return (self.published or date.min, self.article)


@dataclass(frozen=True)
class Shown:
    """A value the site shows, and the evidence behind it (None: editor's own)."""

    value: object
    evidence: Evidence | None = None


@dataclass
class FactSheet:
    """One system's fact sheet: editor fields first, then evidence.

    Its derived values are computed once (pages read them many times); a sheet is not
    changed after it is loaded.
    """

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    designations: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    origin: str | None = None
    ranges: list[dict] = field(default_factory=list)
    status: str | None = None
    status_date: date | None = None
    status_reason: str | None = None  # why the editor chose `status:` over the reports
    donors: list[str] = field(default_factory=list)
    # the editor's values per donor: {"Germany": {"status": "delivered", "since": ...}}
    supply: dict[str, dict] = field(default_factory=dict)
    notes: str | None = None
    review: str | None = None
    rejected: list[str] = field(default_factory=list)  # ids of evidence an editor rejected
    # the editors' corrections of published values: date, field, from, to, reason
    corrections: list[dict] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    path: str | None = None

    def accepted(self, field_name: str) -> list[Evidence]:
        items = [e for e in self.evidence if e.field == field_name and not e.rejected]
        return sorted(items, key=lambda e: e.order)

    @cached_property
    def supply_lines(self) -> list:
        """Who supplies the system, one SupplyLine per donor (supply.py derives them)."""
        from .supply import supply_lines  # supply.py reads the model; the sheet keeps its lines

        return supply_lines(self)

    @cached_property
    def shown_status(self) -> Shown | None:
        """The headline status, derived from the donors' (supply.headline_status)."""
        from .supply import headline_status

        return headline_status(self)

    @cached_property
    def shown_ranges(self) -> list[Shown]:
        """The editor's ranges if set, else per variant the latest evidence."""
        if self.ranges:
            return [Shown(item) for item in self.ranges]

        def latest_first(item: Evidence) -> tuple:
            # One sentence may give both units; the kilometre figure is the one shown.
            return (item.order, item.value.get("unit") == "km")

        by_variant: dict[object, Evidence] = {}
        ranges = [e for e in self.accepted("range") if isinstance(e.value, dict)]
        for item in sorted(ranges, key=latest_first, reverse=True):
            by_variant.setdefault(item.value.get("variant"), item)
        return [Shown(e.value, e) for e in sorted(by_variant.values(), key=lambda e: e.order)]

    @cached_property
    def as_of(self) -> date | None:
        """The date of the newest article behind this sheet."""
        dates = [e.published for e in self.evidence if e.published and not e.rejected]
        return max(dates) if dates else None

    @cached_property
    def articles(self) -> list[Evidence]:
        """One evidence item per article that mentions the system, newest first."""
        first: dict[str, Evidence] = {}
        for item in sorted(self.evidence, key=lambda e: e.order):
            first.setdefault(item.article, item)
        return sorted(first.values(), key=lambda e: e.order, reverse=True)
