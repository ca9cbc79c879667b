"""Supply statements: per system, per clause, what the clause says happened to its transfer.

A cue applies to the group of systems its clause is about: the list it stands in, else the one its
verb governs (after an active verb, before a passive one).  A list shares its clause's predicate.
A cue reaches another clause only where the grammar carries it: a relative clause with no cue of
its own ("50 Bradleys, which will be equipped with 500 TOW missiles") says what its antecedent's
clause says, and a sentence whose subject points back ("Those systems include ...", "The move
affects ...") lists what the previous sentence's event covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..catalog import Catalog, Mention, variant_of
from ..model import DEFAULT_RECIPIENT, Quote, SupplyStatement
from .clauses import Clause, mention_groups
from .cues import Cue, find_cues
from .donors import adjective_before, donors_for, find_countries, recipient_for
from .quantities import quantity_before
from .sentences import Sentence
from .vocabulary import countries, vocabulary

_ANTECEDENT_GAP = 30


@dataclass
class Discourse:
    """What earlier sentences leave for later ones: the last event and its donors."""

    donors: list[str] = field(default_factory=list)
    event: tuple[str, list[str], bool] | None = None  # (status, donors, background)
    event_age: int = 99
    unread: str | None = None  # the sentence before, when it was not read for cues


@dataclass(frozen=True)
class _Target:
    mention: Mention
    cue: Cue
    inherited: str | None = None


def _groups_in(groups: list[list[Mention]], clause: Clause) -> list[list[Mention]]:
    return [g for g in groups if clause.start <= g[0].start < clause.end]


_OBJECT_AFTER = re.compile(
    r"\s+(?:(?:Ukraine|Kyiv|Kiev)\s+)?(?:an?|the|its|their|some|more|several|new)\s+\w",
    re.IGNORECASE,
)
_PRONOUN_BETWEEN = re.compile(r"\b(?:those|others|ones)\b", re.IGNORECASE)


def _between(text: str, group: list[Mention], cue: Cue) -> str:
    if group[-1].end <= cue.start:
        return text[group[-1].end : cue.start]
    return text[cue.end : group[0].start]


def _governed(text: str, groups: list[list[Mention]], cue: Cue) -> list[Mention]:
    """The group a cue is about: the one around it, else the side its verb governs."""
    if not groups:
        return []
    for group in groups:
        if group[0].start < cue.end and group[-1].end > cue.start:
            return group
    before = [g for g in groups if g[-1].end <= cue.start]
    after = [g for g in groups if g[0].start >= cue.end]
    first, second = (before[-1:], after[:1]) if cue.passive else (after[:1], before[-1:])
    if first:
        return first[0]
    # "... and is considering a delivery of radars": an active verb with its own object
    if not cue.passive and _OBJECT_AFTER.match(text, cue.end):
        return []
    # "the HIMARS add to those the U.S. has delivered": the cue is about "those"
    if second and not _PRONOUN_BETWEEN.search(_between(text, second[0], cue)):
        return second[0]
    return []


def _antecedent(groups: list[list[Mention]], clause: Clause) -> list[Mention]:
    """The mentions a relative clause ("..., which ...") is about."""
    if not clause.relative:
        return []
    earlier = [g for g in groups if g[-1].end <= clause.start]
    if earlier and clause.start - earlier[-1][-1].end <= _ANTECEDENT_GAP:
        return earlier[-1]
    return []


# "..., but later gave the green light for their delivery": the clause's pronoun stands for
# the systems the sentence named before it.
_POINTS_BACK = re.compile(
    r"\b(?:their|them|they|these|those|more"
    r"|the (?:weapons|missiles|systems|vehicles|jets))\b",
    re.IGNORECASE,
)


def _earlier_group(groups: list[list[Mention]], clause: Clause) -> list[Mention]:
    earlier = [g for g in groups if g[-1].end <= clause.start]
    return earlier[-1] if earlier else []


def _targets(text: str, mentions: list[Mention], cues: list[Cue], clauses) -> list[_Target]:
    groups = mention_groups(text, mentions, tuple(cue.start for cue in cues))
    targets: list[_Target] = []
    for cue in cues:
        chosen = _governed(text, _groups_in(groups, cue.clause), cue)
        inherited = None
        in_clause = _groups_in(groups, cue.clause)
        # "GMLRS, which the Ukrainians have fired": the relative clause is about GMLRS
        chosen = _antecedent(groups, cue.clause) + chosen
        if (
            not chosen
            and not in_clause
            and _POINTS_BACK.search(text, cue.clause.start, cue.clause.end)
        ):
            chosen = _earlier_group(groups, cue.clause)
            inherited = "a pronoun in its clause points back"
        targets.extend(_Target(m, cue, inherited) for m in chosen)
    covered = {t.mention for t in targets}
    # A relative clause with no cue says what the clause of its antecedent says.
    for clause in clauses:
        if any(c.clause == clause for c in cues):
            continue
        antecedent = _antecedent(groups, clause)
        for source in [t for t in targets if t.mention in antecedent]:
            for group in _groups_in(groups, clause):
                for mention in group:
                    if mention not in covered:
                        covered.add(mention)
                        targets.append(_Target(mention, source.cue, "relative clause"))
    return targets


def _final_cues(cues: list[Cue]) -> set[Cue]:
    """Per system, the cue that is the sentence's news: the last answer that is not background.

    A request never outranks a donor's answer in the same sentence (asking comes first).
    """
    answers = [c for c in cues if c.status != "requested" and not c.past]
    current = [c for c in answers if not c.background] or answers
    return {current[-1]} if current else {cues[-1]} if cues else set()


def sentence_statements(
    sentence: Sentence,
    quote: Quote,
    mentions: list[Mention],
    catalog: Catalog,
    discourse: Discourse,
    lead: bool,
    read_cues: bool = True,
) -> list[SupplyStatement]:
    """The statements of one sentence.  Without `read_cues` (it names no system that can have a
    status) it is read only when the next sentence points back to it ("Those systems include")."""
    text = sentence.text
    if not (mentions or read_cues or (lead and not discourse.donors)):
        # most sentences name no system: all they leave is their place in the discourse
        discourse.event_age += 1
        discourse.unread = text
        return []
    cues, clauses = find_cues(text) if read_cues else ([], [])
    named = find_countries(text) if cues or (lead and not discourse.donors) else []
    statements = (
        [*_direct(text, quote, mentions, catalog, cues, clauses, named, discourse, lead)]
        if cues
        else []
    )
    statements.extend(_possessed(text, quote, mentions, catalog, lead))
    if not cues and mentions:
        statements.extend(_listed_after_anaphor(text, quote, mentions, catalog, discourse, lead))
    _remember(discourse, text, cues, clauses, named, statements)
    discourse.unread = None if read_cues else text
    return statements


# "ammunition for the Gepard", "training Ukrainian pilots on F-16s": about something else
_NOT_THE_SYSTEM = re.compile(
    r"\b(?:ammunition|ammo|rounds|shells|spare parts|spares|parts|components for|training"
    r"|train(?:ed|ing|s)? (?:[\w-]+ ){0,3}on|crews?|pilots?)(?: for| on)?(?: the| its| their)?"
    r"(?: \w+['’]s)? $",
    re.IGNORECASE,
)
# "Ukraine's HIMARS", "Kyiv's Patriot batteries": already in Ukrainian hands
_POSSESSED = re.compile(r"\b(?:Ukraine|Kyiv|Kiev)['’]s (?:[\w-]+ )?$")


def _is_about_system(text: str, mention: Mention) -> bool:
    return not _NOT_THE_SYSTEM.search(text, max(0, mention.start - 40), mention.start)


# Ukraine's own weapons ("Ukraine's Su-24 bombers") were never handed over
_HOME_ORIGINS = frozenset({"Ukraine", "Soviet Union"})


def _possessed(text, quote, mentions, catalog, lead):
    if "'s" not in text and "’s" not in text:
        return
    for mention in mentions:
        system = catalog[mention.system_id]
        if system.adversary or system.origin in _HOME_ORIGINS:
            continue
        match = _POSSESSED.search(text, max(0, mention.start - 30), mention.start)
        if match:
            yield SupplyStatement(
                mention.system_id,
                "delivered",
                quote,
                background=True,
                lead=lead,
                cue=match.group(0).strip(),
                clause=text,
                inherited="possessive: in Ukrainian hands",
            )


def _direct(text, quote, mentions, catalog, cues, clauses, named, discourse, lead):
    about = [m for m in mentions if _is_about_system(text, m)]
    targets = _targets(text, about, cues, clauses)
    # Per system and donor, the sentence's last answer is its news ("initially denied ... but
    # later gave the green light"); another donor's transfer is another matter.
    by_transfer: dict[tuple[str, tuple], list[tuple[_Target, list]]] = {}
    for target in targets:
        if catalog[target.mention.system_id].adversary:
            continue
        clause = target.cue.clause
        purchase = bool(vocabulary().buying.search(text, clause.start, clause.end))
        donors = _donors(text, target, named, discourse, purchase)
        key = (target.mention.system_id, tuple(donors))
        by_transfer.setdefault(key, []).append((target, donors, purchase))
    for items in by_transfer.values():
        finals = _final_cues([target.cue for target, _, _ in items])
        seen = set()
        for target, donors, purchase in items:
            if target.cue in seen:
                continue
            seen.add(target.cue)
            final = target.cue in finals
            mention = target.mention
            after = text[mention.end : mention.end + 20]
            variant = variant_of(catalog[mention.system_id], mention.text, after)
            for statement in _statements_for(
                text, quote, target, final, named, donors, purchase, lead
            ):
                yield replace(statement, variant=variant)


def _donors(text: str, target: _Target, named, discourse: Discourse, purchase: bool) -> list[str]:
    """Who gives: the clause's, else the weapon's adjective ("Polish Warmate"), else the
    sentence's, else the article's so far (unless the recipient is the one acting)."""
    cue, mention = target.cue, target.mention
    clause = cue.clause
    if purchase:
        # "Slovakia signed a deal to buy 14 U.S. F-16s": the subject buys, the maker sells
        seller = adjective_before(text, mention.start, origin=True)
        sellers = [c.name for c in named if c.role == "agent" and clause.start <= c.start]
        return [seller] if seller else sellers[:1]
    donors = donors_for(text, named, clause.start, clause.end, cue.start, cue.written, cue.passive)
    if not donors:
        adjective = adjective_before(text, mention.start, origin=False)
        donors = [adjective] if adjective else []
    if not donors:
        donors = donors_for(text, named, 0, len(text), cue.start, cue.written, cue.passive)
    if not donors and cue.written != "requested" and not _recipient_acts(text, named, cue):
        donors = discourse.donors[-1:]
    return donors


def _recipient_acts(text: str, named, cue: Cue) -> bool:
    """ "that Ukraine's military has used": the recipient is the subject, no donor is implied."""
    recipients = countries().recipients_only
    return any(
        c.name in recipients and c.role == "subject" and cue.clause.start <= c.start < cue.start
        for c in named
    )


def _statements_for(text, quote, target: _Target, final: bool, named, donors, purchase, lead):
    cue, mention = target.cue, target.mention
    clause = cue.clause
    recipient = recipient_for(named, clause.start, clause.end)
    if purchase:
        buyers = donors_for(text, named, clause.start, clause.end, cue.start, "pledged")
        if buyers and recipient == DEFAULT_RECIPIENT:
            recipient = buyers[0]
    count = quantity_before(text, mention.start)
    status, modifier = cue.status, cue.modifier
    if _is_ongoing(text, cue, lead, count):
        status, modifier = "delivered", "under way, announces nothing"
    base = SupplyStatement(
        mention.system_id,
        status,
        quote,
        recipient=recipient,
        quantity=count.value if count else None,
        background=cue.background or not final,
        past=cue.past,
        additional=bool(count and count.additional) or _says_additional(text, clause),
        lead=lead,
        cue=cue.text,
        modifier=modifier,
        clause=text[clause.start : clause.end].strip(" ,;:"),
        inherited=target.inherited,
    )
    for donor in donors or [None]:
        yield replace(base, donor=donor)


_PROGRESSIVE = re.compile(r"^(?:is|are)\s+(?:now\s+|also\s+)?\w+ing\b", re.IGNORECASE)


def _is_ongoing(text: str, cue: Cue, lead: bool, count) -> bool:
    """ "the UK is supplying Ukraine with Storm Shadow missiles": supply under way."""
    if cue.status != "pledged" or cue.modifier or lead or count or not _PROGRESSIVE.match(cue.text):
        return False
    words = {w.lower() for w in text[cue.clause.start : cue.clause.end].split()}
    return not words & vocabulary().announcing


def _says_additional(text: str, clause: Clause) -> bool:
    words = {w.lower().strip(",.;:") for w in text[clause.start : clause.end].split()}
    return bool(words & vocabulary().additional)


# "The package also included: - Eight AS90 guns - Hundreds more missiles including GMLRS"
_BULLET = re.compile(r"^[-•*–]\s")
_BULLET_REACH = 6


def _listed_after_anaphor(text, quote, mentions, catalog, discourse, lead):
    """ "Those systems include NASAMS, HAWKs ...": the previous sentence's event, listed."""
    vocab = vocabulary()
    bullet = bool(_BULLET.match(text))
    listed = (
        None if bullet else vocab.anaphoric_subject.search(text) and vocab.list_verbs.search(text)
    )
    if not (bullet or listed):
        return
    if discourse.unread is not None:
        _catch_up(discourse)
    if discourse.event is None:
        return
    if bullet and discourse.event_age <= _BULLET_REACH:
        cue, why = text[:1], "an item of the list the event before introduced"
    elif listed and discourse.event_age <= 1:
        cue, why = listed.group(0), "listed after a subject that points back"
    else:
        return
    status, donors, background = discourse.event
    for mention in mentions:
        if catalog[mention.system_id].adversary:
            continue
        count = quantity_before(text, mention.start)
        for donor in donors or [None]:
            yield SupplyStatement(
                mention.system_id,
                status,
                quote,
                donor=donor,
                quantity=count.value if count else None,
                variant=variant_of(
                    catalog[mention.system_id], mention.text, text[mention.end : mention.end + 20]
                ),
                background=background,
                lead=lead,
                cue=cue,
                clause=text,
                inherited=why,
            )


def _catch_up(discourse: Discourse) -> None:
    """Read the sentence before for its event, now that this one points back to it."""
    text, discourse.unread = discourse.unread, None
    cues, clauses = find_cues(text)
    if cues:
        discourse.event_age -= 1  # it is the sentence just before, already counted
        _remember(discourse, text, cues, clauses, find_countries(text), [])


def _remember(discourse: Discourse, text, cues, clauses, named, statements) -> None:
    discourse.event_age += 1
    if not cues:
        # the lead's country is the article's donor until a cue names another
        givers = [c.name for c in named if c.role == "subject"]
        givers = [g for g in givers if g not in countries().recipients_only]
        if givers and not discourse.donors:
            discourse.donors = givers[:1]
        return
    last = cues[-1]
    donors = donors_for(text, named, last.clause.start, last.clause.end, last.start, last.written)
    donors = donors or donors_for(text, named, 0, len(text), last.start, last.written)
    if donors and last.written != "requested":
        discourse.donors = donors
    discourse.event = (last.status, donors or discourse.donors[-1:], last.background)
    discourse.event_age = 0
