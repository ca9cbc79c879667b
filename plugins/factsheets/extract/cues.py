"""Cues: the words of a clause that say what happened to a transfer, read with their context.

Each cue from `data/cues.yaml` is read with the words before it in its own clause: a negation
turns "will send" into a refusal and "ruled out" into a weighing; a hedge or a condition ("may
approve ... if") makes a pledge a consideration; a time clause ("once it arrives") or a question
of ability ("able to supply") asserts nothing.  What had happened before the news ("had
committed", "for months", a clause opened by "since") is background.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .clauses import Clause, clause_of, split_clauses
from .vocabulary import cue_key, lowercase_twin, vocabulary

_WORD = re.compile(r"[\w'’-]+")
_CONTEXT_WORDS = 5
_CONTEXT_CHARS = 80
_PAST_PERFECT = re.compile(r"\bhad\b", re.IGNORECASE)
# "the cluster munitions Russia has been using": Russia's use supplies nothing
_RUSSIA_BEFORE = re.compile(
    r"\b(?:Russia|Russian (?:forces|troops|army)|Moscow|the Kremlin)(?:['’]s)?\s+(?:\w+\s+){0,2}$"
)


@dataclass(frozen=True)
class Cue:
    status: str  # after negation and hedging
    written: str  # the status the cue's words give on their own
    start: int
    end: int
    clause: Clause
    background: bool
    past: bool  # past perfect: "had already delivered"
    passive: bool  # its system comes before it: "the missiles arrived", "were paused"
    modifier: str | None  # the negation or hedge word that changed it
    text: str


def _context(text: str, clause: Clause, start: int) -> list[str]:
    """The words before a cue in its clause; a capitalised word ("since May") is a name."""
    window = max(clause.start, start - _CONTEXT_CHARS)  # five words fit in it
    words = _WORD.findall(text, window, start)[-_CONTEXT_WORDS:]
    return [w.replace("’", "'") for w in words if not w[:1].isupper() or w.isupper()]


def _modifier(words: list[str], vocab) -> tuple[str, str | None]:
    """("silenced" | "negated" | "hedged" | "future" | "", the word), in that order of force:
    "did not say when the ATACMS would be delivered" is silenced by "when", not made future."""
    lowered = [w.lower() for w in reversed(words)]
    best, best_word, best_index = len(_FORCE), None, -1
    for index, word in enumerate(lowered):
        force = _force(word, vocab)
        if force < best:
            best, best_word, best_index = force, word, index
    if best_word is None:
        return "", None
    kind = _FORCE[best]
    asked = best_index + 1 < len(lowered) and lowered[best_index + 1] in vocab.question_verbs
    return ("silenced" if kind == "hedged" and asked else kind), best_word


_FORCE = ("silenced", "negated", "hedged", "future")


def _force(word: str, vocab) -> int:
    if word in vocab.silencers:
        return 0
    if word in vocab.negators or word.endswith("n't"):
        return 1
    if word in vocab.hedges:
        return 2
    if word in vocab.futures:
        return 3
    return len(_FORCE)


# "In 1997, the country purchased ...": a dated event, unless the clause looks ahead
_PAST_YEAR = re.compile(r"\b(?:in|since) (?:19|20)\d\d\b", re.IGNORECASE)


def _markers(text: str, lowered: str | None, clause: Clause, vocab) -> list[int]:
    """Where the clause says "before the news": "for weeks", "previously", "originally"."""
    phrases, words, years = vocab.background_phrases, vocab.background_word, _PAST_YEAR
    if lowered is not None:  # the patterns' lowercase twins run twice as fast
        text, phrases, words, years = lowered, _lowercase(phrases), _lowercase(words), _LOWER_YEAR
    span = text[clause.start : clause.end]
    found = [clause.start + m.start() for m in phrases.finditer(span)]
    found += [clause.start + m.start() for m in words.finditer(span)]
    if not any(w in vocab.futures for w in span.lower().split()):
        found.extend(clause.start + m.start() for m in years.finditer(span))
    return found


_lowercase = cache(lowercase_twin)
_LOWER_YEAR = lowercase_twin(_PAST_YEAR)


def _background(text: str, lowered: str | None, cues: list[Cue], vocab) -> list[Cue]:
    """Cues with their background flag: a marker dates the cue nearest to it in its clause;
    a clause opened by "since", "after" or "before" is background as a whole."""
    marked: set[int] = set()
    for clause in {cue.clause for cue in cues}:
        in_clause = [i for i, cue in enumerate(cues) if cue.clause == clause]
        if clause.opener in vocab.background_openers:
            marked.update(in_clause)
            continue
        for position in _markers(text, lowered, clause, vocab):
            nearest = min(in_clause, key=lambda i: _distance(cues[i], position))
            marked.add(nearest)
    return [
        replace(c, background=True) if i in marked and not c.background else c
        for i, c in enumerate(cues)
    ]


def _distance(cue: Cue, position: int) -> int:
    return max(cue.start - position, position - cue.end, 0)


_PARTICIPLE = re.compile(r"\w+(?:ed|en|wn|nt|eld|ought|ld)\b", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\b(?:a|an|the|its|their|newly)\s+$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w-]*|[\w-]*\d[\w-]*)\s+$")


def _asked(text: str, clause: Clause, vocab) -> bool:
    """A clause opened by "if" or "whether" after "asked ...": a question, which asserts
    nothing ("when asked on Monday if his country would provide F-16s")."""
    if clause.opener not in ("if", "whether"):
        return False
    before = _WORD.findall(text, max(0, clause.start - 60), clause.start)
    return any(w.lower() in vocab.question_verbs for w in before)


def _overlaps(spans: list[tuple[int, int]], match: re.Match[str]) -> bool:
    """Whether a decoy ("widely considered one of") covers part of the cue."""
    return any(start < match.end() and end > match.start() for start, end in spans)


def _part_of_a_name(text: str, start: int) -> bool:
    return (
        start > 0
        and text[start].isupper()
        and bool(_NAME_BEFORE.search(text, max(0, start - 30), start))
    )


_REMAINDER = re.compile(
    r"\b(?:more|the rest|the remaining(?: [\w-]+)?|others)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+\s+)?$", re.IGNORECASE)
_INTRANSITIVE = re.compile(
    r"arriv|reach|in Ukrain|handed over|bound|on (?:their|its) way|been |received|receiv"
    r"|[\w.]+-supplied|donated|\w+ed by|\w+ to (?:Ukrain|Kyiv|Kiev)",
    re.IGNORECASE,
)


def _matches(text: str, vocab, lowered: str | None = None) -> list[re.Match[str]]:
    """What `vocab.cues.finditer(text)` finds, tried only where a cue's first two words stand:
    the one pattern holds every phrase, and trying it at every word would cost most of a build."""
    found, position = [], 0
    lowered = _lowered(text) if lowered is None else lowered
    triggers = vocab.lowercase_triggers if lowered is not None else vocab.triggers
    searched = text if lowered is None else lowered
    while (start := triggers.search(searched, position)) is not None:
        cues = vocab.cues_by_key.get(cue_key(text, start.start())) or vocab.cues_by_key.get("")
        match = cues.match(text, start.start()) if cues else None
        if match:
            found.append(match)
            position = match.end()
        else:  # a cue may still begin at the trigger's second word
            position = _next_word(text, start.start())
    return found


def _next_word(text: str, start: int) -> int:
    space = _SPACE.search(text, start)
    return space.end() if space else len(text)


_SPACE = re.compile(r"\s+")


def _lowered(text: str) -> str | None:
    """`text` lowercased, for the patterns' lowercase twins; None where lowercasing would move
    offsets ("İ" becomes two characters) and the patterns must read the text itself."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def find_cues(text: str) -> tuple[list[Cue], list[Clause]]:
    """Every cue the sentence asserts, left to right, in the clause where its verb stands; and
    the sentence's clauses (split only when there is a cue to place)."""
    vocab = vocabulary()
    lowered = _lowered(text)
    matches = _matches(text, vocab, lowered)
    if not matches:
        return [], []
    clauses = split_clauses(text)
    decoys = (
        [m.span() for m in _lowercase(vocab.decoys).finditer(lowered)]
        if lowered is not None
        else [m.span() for m in vocab.decoys.finditer(text)]
    )
    found = []
    for match in matches:
        written = match.lastgroup
        clause = clause_of(clauses, match.end() - 1)
        kind, word = _modifier(_context(text, clause, match.start()), vocab)
        if kind == "silenced" or _asked(text, clause, vocab):
            continue
        changes = {"negated": vocab.negated, "hedged": vocab.hedged, "future": vocab.future}
        status = changes.get(kind, {}).get(written, written)
        if status is None:
            continue
        before = text[max(clause.start, match.start() - 40) : match.start()]
        if written == "delivered" and _RUSSIA_BEFORE.search(before):
            continue
        if _part_of_a_name(text, match.start()) or _overlaps(decoys, match):
            continue  # "F-16 Block 70/72", "widely considered one of"
        last_word = match.group(0).split()[-1].lower()
        if last_word in vocab.give_words and vocab.not_objects.match(text, match.end()):
            continue
        cue_text = match.group(0)
        past = bool(_PAST_PERFECT.search(before[-12:])) or cue_text.lower().startswith("had ")
        # "the first 10 arrived and more are on their way": the rest is not the news
        past = past or bool(_REMAINDER.search(before))
        passive = bool(
            _INTRANSITIVE.match(cue_text)
            or (_PASSIVE_BEFORE.search(before) and _PARTICIPLE.match(cue_text))
        )
        # "a promised batch", "the newly pledged HIMARS": a participle describing, not an event
        attributive = " " not in cue_text and _PARTICIPLE.fullmatch(cue_text)
        background = past or bool(attributive and _ATTRIBUTIVE.search(before))
        found.append(
            Cue(
                status,
                written,
                match.start(),
                match.end(),
                clause,
                background,
                past,
                passive,
                word if kind else None,
                cue_text,
            )
        )
    found = _conditional_relatives(text, _without_objects(text, found))
    return _background(text, lowered, found, vocab), clauses


_WOULD = re.compile(r"\bwould\b", re.IGNORECASE)


def _conditional_relatives(text: str, cues: list[Cue]) -> list[Cue]:
    """ "asked for a coalition that would provide Ukraine with Rafales": a relative clause in
    the conditional describes what the clause before it does something with.  After a request
    it is requested; otherwise it asserts nothing."""
    kept: list[Cue] = []
    for cue in cues:
        if not (cue.clause.relative and _WOULD.search(text, cue.clause.start, cue.end)):
            kept.append(cue)
            continue
        governing = [c for c in kept if c.end <= cue.clause.start]
        if governing and governing[-1].written == "requested":
            kept.append(replace(cue, status="requested", modifier="would, after a request"))
    return kept


_OBJECT_GAP = re.compile(r"^\W*(?:[\w'’-]+\W+){0,3}$")


def _without_objects(text: str, cues: list[Cue]) -> list[Cue]:
    """ "suspending talks", "denied approval for requests": what a halt or a refusal acts on
    is its object, not a second event."""
    kept: list[Cue] = []
    for cue in cues:
        governor = kept[-1] if kept else None
        if (
            governor is not None
            and governor.status in ("halted", "refused")
            and governor.clause == cue.clause
            and _OBJECT_GAP.match(text[governor.end : cue.start])
        ):
            continue
        kept.append(cue)
    return kept
