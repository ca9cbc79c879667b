"""Clauses: the parts of a sentence a supply cue can reach.

"Germany has become the second-biggest supplier ..., but Scholz has stalled on Taurus" is two
clauses: the cue of one never lands on a system named in the other.  A clause opened by
"which", "that" or "who" is relative: it says something about the noun just before it.  Lists
inside a clause ("HIMARS, Stinger missiles and F-16 jets") form one group that shares the
clause's predicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog import Mention
from .vocabulary import trie_pattern

# What opens a new clause.  ", as" is a clause only when no "such as" / "as well as" is meant.
_OPENERS = (
    "but while whereas although though which who whom whose that after before because since"
    " following when once until unless if whether despite saying adding instead"
).split() + ["even if", "even as", "according to", "rather than"]
_WORD_END = r"\b"
_BREAK = re.compile(
    # the lookahead lets most positions fail at once; the openers are one trie
    r"(?=[;,\s])\s*(?:;"
    r"|,?\s+(?P<word>" + trie_pattern(sorted(_OPENERS), end=_WORD_END) + ")"
    r"|,\s+(?P<as>as)\s+(?!well\b|part\b|of\b|soon\b|many\b|much\b|long\b|far\b)"
    # ", and the US said it would provide": a new subject starts a new clause
    r"|,\s+(?P<and>and)\s+(?=(?:the|he|she|it|they|we)\s))",
    re.IGNORECASE,
)
RELATIVE_OPENERS = frozenset({"which", "who", "whom", "whose", "that"})


@dataclass(frozen=True)
class Clause:
    start: int  # offsets within the sentence text
    end: int
    opener: str | None  # the word that opens it, lowercased ("which", "but", ...)

    @property
    def relative(self) -> bool:
        return self.opener in RELATIVE_OPENERS


def split_clauses(text: str) -> list[Clause]:
    """The clauses of one sentence, in order, covering all of it."""
    clauses: list[Clause] = []
    start, opener = 0, None
    for match in _BREAK.finditer(text):
        if match.start() <= start:
            continue
        word = match["word"] or match["as"] or match["and"]
        if word and word.lower() == "that" and _is_determiner_that(text, match.end()):
            continue
        clauses.append(Clause(start, match.start(), opener))
        start = match.start()
        opener = word.lower() if word else None
        if opener == "that" and _is_complement(text, match):
            opener = "that-clause"  # "said that it would send": what was said, not a relative
    clauses.append(Clause(start, len(text), opener))
    return clauses


# "announced that it would supply": "that" after a verb of saying, or before a pronoun subject,
# opens what was said (a complement), not a relative clause about the noun before it
_PRONOUN_AFTER = re.compile(r"\s+(?:it|he|she|they|we|I|you)\b")
_REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|say|announced|announces|stated|states|confirmed|confirms|added|reported"
    r"|noted|warned|told \w+|believes|believe|hopes|expects|insisted|argued|claimed|revealed"
    # nouns of saying: "reports that", "assurances that"
    r"|reports?|news|claims?|fears?|hopes?|statements?|announcements?|assurances?|signs?"
    r"|indications?|word)"
    r"[\s,]*$",
    re.IGNORECASE,
)


def _is_complement(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 30) : match.start()]
    return bool(_PRONOUN_AFTER.match(text, match.end()) or _REPORTING_BEFORE.search(before))


# "that system", "that package": "that" as a determiner opens no clause.
_THAT_DETERMINER = re.compile(r"\s+(?:system|package|decision|deal|weapon|missile|battery)s?\b")


def _is_determiner_that(text: str, end: int) -> bool:
    return bool(_THAT_DETERMINER.match(text, end))


def clause_of(clauses: list[Clause], position: int) -> Clause:
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause
    return clauses[-1]


# Mentions joined by list punctuation form one group that shares a status;
# a clause word between two mentions separates them.
_LIST_JOINER = re.compile(
    r",|\band\b|\bor\b|\bas well as\b|\bplus\b|/|\bsuch as\b|\bincluding\b"
    r"|\balong with\b|\btogether with\b|\balongside\b"
)
_GROUP_GAP = 220


def mention_groups(
    text: str, mentions: list[Mention], cue_starts: tuple[int, ...] = ()
) -> list[list[Mention]]:
    """Mentions in lists ("NASAMS, HAWKs, IRIS-T SLM and Gepards") grouped together; a clause
    word or a cue (starting at one of `cue_starts`) between two mentions separates them."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups:
            gap_start = groups[-1][-1].end
            gap = text[gap_start : mention.start]
            same = mention.system_id == groups[-1][-1].system_id
            joined = len(gap) <= _GROUP_GAP and _LIST_JOINER.search(gap)
            cue_between = any(gap_start <= start < mention.start for start in cue_starts)
            broken = cue_between or _BREAK.search(gap)
            if (same and not _BREAK.search(gap)) or (joined and not broken):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups
