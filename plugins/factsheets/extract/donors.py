"""Donors and recipients: who gives, sells, refuses or halts, and to whom.

Read from the clause a cue stands in: the countries of the subject before an active verb ("The
U.S., Germany and Romania will send"), the agent after a passive one ("donated by Denmark,
Germany and the Netherlands"), the source after "from" ("received ... from Poland"), the one
asked after a request ("asked the U.S. for"), or a country's adjective before the weapon ("Polish
Warmate drones", "U.S.-supplied HIMARS"; never "U.S.-made", which is origin).  A country after
"to" or "for" is the recipient.  Names of leaders and capitals count for their country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import DEFAULT_RECIPIENT
from .vocabulary import countries

_RECIPIENT_BEFORE = re.compile(r"\b(?:to|for|into|in|toward|towards|with)\s+(?:the\s+)?$", re.I)
_AGENT_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+)?$", re.I)
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+or\s+)(?:the\s+)?$")
_GENITIVE = re.compile(r"^['’]s\b")
# A country that qualifies a name is no party to the transfer: "known as Storm Shadow by its
# UK name", "the German designation", "a British version of it".
_NAMING_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:name|names|designation|designations|nickname|version|versions|variant|"
    r"variants|equivalent|counterpart|counterparts|spelling)\b",
    re.I,
)


@dataclass(frozen=True)
class Country:
    name: str  # the country, as data/donors.yaml names it
    start: int
    end: int
    role: str  # "subject" | "agent" | "recipient" | "other"


def find_countries(text: str) -> list[Country]:
    """Every country named in a sentence, with the role its preposition gives it."""
    data = countries()
    found = []
    for match in data.pattern.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if _NAMING_AFTER.match(text, match.end()):
            role = "other"
        elif _RECIPIENT_BEFORE.search(before):
            role = "recipient"
        elif _AGENT_BEFORE.search(before):
            role = "agent"
        else:
            role = "subject"
        found.append(Country(data.name_of(match.group(0)), match.start(), match.end(), role))
    return found


def _with_list(named: list[Country], chosen: Country, text: str) -> list[Country]:
    """The chosen country and those listed with it ("the U.S., Germany and Romania")."""
    index = named.index(chosen)
    members = [chosen]
    for step in (-1, 1):
        at = index
        while 0 <= at + step < len(named):
            left, right = sorted((named[at], named[at + step]), key=lambda c: c.start)
            if not _LIST_GAP.match(text[left.end : right.start]):
                break
            at += step
            members.append(named[at])
    return sorted(members, key=lambda c: c.start)


def donors_for(
    text: str,
    named: list[Country],
    clause_start: int,
    clause_end: int,
    cue_start: int,
    written: str,
    passive: bool = False,
) -> list[str]:
    """The donors of a cue in its clause, in the order the text names them."""
    givers = [
        c
        for c in named
        if clause_start <= c.start < clause_end and c.name not in countries().recipients_only
    ]
    if not givers:
        return []
    agents = [c for c in givers if c.role == "agent" and c.start > cue_start]
    if agents and passive:
        return _names(_with_list(givers, agents[0], text))
    if written == "requested":  # the one asked: "asked the U.S. for", "request to the US"
        asked = [c for c in givers if c.start > cue_start]
        if asked:
            return _names(_with_list(givers, asked[0], text))
    subjects = [c for c in givers if c.role == "subject" and c.start < cue_start]
    if subjects:
        return _names(_with_list(givers, subjects[-1], text))
    # "The first of four IRIS-T SLM promised by Germany has arrived": the agent of the
    # participle that names the transfer
    agents = [c for c in givers if c.role == "agent"]
    return _names(_with_list(givers, agents[-1], text)) if agents else []


_ADJECTIVE_GAP = re.compile(
    r"^(?:-(?:made|built|designed|developed|supplied))?\s+(?:[\w-]+\s+){0,2}$"
)


def adjective_before(text: str, mention_start: int, origin: bool) -> str | None:
    """The country whose adjective stands just before a weapon ("Polish Warmate drones").

    With `origin`, "U.S.-made" counts too: in a sale, where a weapon is made is who sells it.
    """
    data = countries()
    window = max(0, mention_start - 40)
    found = list(data.with_origin.finditer(text, window, mention_start))
    if not found:
        return None
    last = found[-1]
    name = data.name_of(last.group(0))
    gap = text[last.end() : mention_start]
    if name in data.recipients_only or not _ADJECTIVE_GAP.match(gap):
        return None
    return name if origin or not gap.startswith("-") else None


def recipient_for(named: list[Country], clause_start: int, clause_end: int) -> str:
    for country in named:
        if country.role == "recipient" and clause_start <= country.start < clause_end:
            return country.name
    return DEFAULT_RECIPIENT


def _names(found: list[Country]) -> list[str]:
    return list(dict.fromkeys(c.name for c in found))
