"""Conditions a donor sets on how what it supplies may be used, and their end.

"HIMARS would be solely used as a defensive weapon and not fired into Russian territory" sets
one; "the US lifted restrictions on Ukraine's use of ATACMS" ends it.  The phrases and the
value each gives live in data/cues.yaml (`conditions:`).  A phrase counts only for the
systems the sentence names, and not under a wish or a question ("urged the US to lift
restrictions"), nor an end under a plan ("will soon allow"); a negated end ("has not lifted
the ban") is the condition still standing.  The donor is the sentence's, else the one the
article has been about.  Pure: text in, statements out.
"""

from __future__ import annotations

import re

from ..catalog import Catalog, Mention
from ..model import ConditionStatement, Quote
from .donors import adjective_before, donors_for, find_countries
from .vocabulary import vocabulary

_WORD = re.compile(r"[\w'’]+")
_BEFORE = 6  # words before a phrase that can make it a wish or a plan
_NEGATED_BEFORE = 3
_RESTRICTED = "not for strikes inside Russia"
# "eased restrictions that barred Kyiv from ...": the ban after it is what was lifted
_WHAT_IT_LIFTED = re.compile(r"\s+(?:that|which)\s+(?:had\s+|have\s+|has\s+)?")
_LIFTED = "restrictions lifted"


def _words_before(text: str, start: int, count: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[:start])][-count:]


def _condition_in(text: str) -> tuple[str, int] | None:
    """The value and start of the last condition phrase that asserts one, if any.  A ban
    named inside the phrase that lifts it ("lifted the ban on strikes inside Russia") or
    right after it ("eased restrictions that barred Kyiv from ...") is the thing lifted,
    not a condition of its own."""
    vocab = vocabulary()
    found = []
    for value, pattern in vocab.conditions:
        for match in pattern.finditer(text):
            before = _words_before(text, match.start(), _BEFORE)
            if vocab.condition_silencers & set(before):
                continue
            if value == _LIFTED and vocab.condition_plans & set(before):
                continue
            negated = vocab.negators & set(before[-_NEGATED_BEFORE:]) or any(
                w.endswith(("n't", "n’t")) for w in before[-_NEGATED_BEFORE:]
            )
            if negated and value != _LIFTED:
                continue  # "never barred ... from striking Russia" says nothing sure
            found.append((_RESTRICTED if negated else value, match.start(), match.end()))
    lifts = [(start, end) for value, start, end in found if value == _LIFTED]

    def lifted(start: int) -> bool:
        return any(s <= start < e or _WHAT_IT_LIFTED.fullmatch(text, e, start) for s, e in lifts)

    standing = [
        (value, start) for value, start, _ in found if value == _LIFTED or not lifted(start)
    ]
    return max(standing, key=lambda item: item[1], default=None)


def sentence_conditions(
    text: str, quote: Quote, mentions: list[Mention], catalog: Catalog, donors: list[str]
) -> list[ConditionStatement]:
    """The condition statements of one sentence; `donors`: the article's so far."""
    about = [m for m in mentions if not catalog[m.system_id].adversary]
    if not about:
        return []
    found = _condition_in(text)
    if found is None:
        return []
    value, start = found
    named = find_countries(text)
    givers = donors_for(text, named, 0, len(text), start, "pledged")
    statements = []
    for mention in {m.system_id: m for m in about}.values():
        adjective = adjective_before(text, mention.start, origin=False)
        who = givers or ([adjective] if adjective else donors[-1:])
        for donor in who or [None]:
            statements.append(ConditionStatement(mention.system_id, value, quote, donor))
    return statements
