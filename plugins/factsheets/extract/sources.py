"""Who an article attributes its information to: outlets, named people, anonymous sources.

Part of the pure extract step: text in, sources out.
"""

from __future__ import annotations

import re

from ..datafiles import shipped
from ..model import Source
from .sentences import Sentence, containing, holds_any
from .vocabulary import trie_pattern


def _outlets() -> tuple[str, ...]:
    return tuple(str(name) for name in shipped("outlets.yaml"))


OUTLETS = _outlets()
# Find the attribution words first (cheap), then look for an outlet beside them.
_OUTLET_CUE_WORDS = re.compile(
    # The lookahead lets most words fail on their first letter.
    r"\b(?=[tairshl])(?:(?P<before>told|according to|in an interview with) "
    r"|(?P<after>reported|reports|said|has learned|learned)\b)"
)
_OUTLETS_LONGEST_FIRST = tuple(sorted(OUTLETS, key=len, reverse=True))
_OUTLETS_THEN_SPACE = tuple(f"{name} " for name in _OUTLETS_LONGEST_FIRST)


def _outlet_starting_at(text: str, start: int) -> str | None:
    if not text.startswith(_OUTLETS_LONGEST_FIRST, start):
        return None
    for name in _OUTLETS_LONGEST_FIRST:
        end = start + len(name)
        if text.startswith(name, start) and (end == len(text) or not text[end].isalnum()):
            return name
    return None


def _outlet_ending_at(text: str, end: int) -> str | None:
    """The outlet named right before `end` ("Reuters reported")."""
    if not text.endswith(_OUTLETS_THEN_SPACE, 0, end):
        return None
    for name in _OUTLETS_LONGEST_FIRST:
        start = end - len(name) - 1
        if text.endswith(f"{name} ", 0, end) and (start == 0 or not text[start - 1].isalnum()):
            return name
    return None


_ATTRIBUTION_WORDS = (
    "said",
    "says",
    "told",
    "announced",
    "confirmed",
    "added",
    "wrote",
    "stated",
    "according to",
    "testified",
)
_ATTRIBUTION = re.compile(rf"\b(?:{'|'.join(_ATTRIBUTION_WORDS)})\b")
_NAME = r"(?P<name>[A-Z][a-z]+(?:[ -](?:[A-Z]\.|[A-Z][a-z'’]+|de|von|van|der)){1,3})"
_ROLE_WORDS = (
    r"(?:President|Prime Minister|Chancellor|Defen[cs]e Secretary|Defen[cs]e Minister"
    r"|Foreign Minister|Secretary of State|Secretary of Defense|Secretary|Minister"
    r"|Gen\.|General|Adm\.|Admiral|Lt\. Gen\.|Col\.|Sen\.|Senator|Rep\.|Representative"
    r"|spokes(?:man|woman|person)|Press Secretary|national security adviser|Ambassador)"
)
# Each pattern is anchored on its cheapest part (the role word, the ", a"
# after a name) and reads the rest around it.
_ROLE_PREFIX = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*|White House|Pentagon|U\.S\.|Ukrainian|German|British)\s+){1,3}$"
)
_NAME_AFTER_ROLE = re.compile(rf"\s+{_NAME}")
_NAME_BEFORE_COMMA = re.compile(rf"{_NAME}$")
_ROLE_AFTER_COMMA = re.compile(
    r",\s+(?:an?|the)\s+(?P<role>[^,.;]{3,60}?"
    r"(?:spokes(?:man|woman|person)|secretary|minister|official|officer|adviser|advisor|analyst"
    r"|general|chief|director|ambassador|senator|president|chancellor|lawmaker|expert))\b"
)
_COUNT = r"(?i:two|three|four|five|six|several|multiple|some|a|an|one|\d+)"
# Anchored on the noun, then read backwards for "two senior defense": trying
# the count words ("a", "an", ...) at every word of a sentence is slow.
_ANONYMOUS_NOUN = re.compile(
    r"\b(?:officials?|sources?|diplomats?|aides?|lawmakers?)\b"
    r"(?:\s+familiar with [\w\s]{3,40}?(?=,| told| said| who))?"
    r"|\b(?:people|persons?) (?:familiar with|briefed on|close to) [\w\s]{3,40}?"
    r"(?=,| told| said| who|\.)"
)
_COUNT_BEFORE = re.compile(rf"\b{_COUNT}\s+(?:[\w.'’-]+\s+){{0,3}}?$")
_PERSON_COUNT_BEFORE = re.compile(r"\b(?i:a|one|two|three) $")


_ANY_OUTLET = re.compile(trie_pattern(sorted(OUTLETS), end=r"(?!\w)"))


def outlet_in_text(text: str) -> str | None:
    """The outlet the text credits ("told NBC News", "according to Reuters")."""
    if not _ANY_OUTLET.search(text):
        return None  # most texts name no outlet at all: one pass says so
    for cue in _OUTLET_CUE_WORDS.finditer(text):
        if cue["before"]:
            outlet = _outlet_starting_at(text, cue.end())
        else:
            outlet = _outlet_ending_at(text, cue.start())
        if outlet:
            return outlet
    return None


# The person must be the one speaking: "X said", "X told reporters", "according to X".
_SPEAKS_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:said|says|stated|announced|confirmed|added|wrote|testified"
    r"|told (?:reporters|lawmakers|journalists|parliament|a news conference|the|an?)\b)"
)


_ROLE_WORD = re.compile(_ROLE_WORDS)
# Substrings every role word contains: a cheap test before the costly patterns.
_ROLE_HINTS = (
    "President",
    "Minister",
    "Chancellor",
    "Secretary",
    "Gen",
    "Adm",
    "Col.",
    "Sen",
    "Rep",
    "spokes",
    "adviser",
    "Ambassador",
)
_APPOSITION = re.compile(r",\s+(?:an?|the)\s")


def _role_then_name(sentence: str):
    """(role, name, start, end) for "Defence Secretary Ben Wallace"."""
    for role in _ROLE_WORD.finditer(sentence):
        name = _NAME_AFTER_ROLE.match(sentence, role.end())
        if name:
            prefix = _ROLE_PREFIX.search(sentence, max(0, role.start() - 40), role.start())
            start = prefix.start() if prefix else role.start()
            yield sentence[start : role.end()], name["name"], start, name.end()


def _name_then_role(sentence: str):
    """(role, name, start, end) for "John Kirby, a White House spokesman"."""
    if not _APPOSITION.search(sentence):
        return
    for role in _ROLE_AFTER_COMMA.finditer(sentence):
        name = _NAME_BEFORE_COMMA.search(sentence, max(0, role.start() - 60), role.start())
        if name:
            yield role["role"], name["name"], name.start(), role.end()


def _named(sentence: str, has_role_word: bool) -> list[Source]:
    found = []
    roles = [*_role_then_name(sentence)] if has_role_word else []
    for role, name, start, end in [*roles, *_name_then_role(sentence)]:
        speaks = _SPEAKS_AFTER.match(sentence, end) or sentence[
            max(0, start - 14) : start
        ].endswith("according to ")
        if speaks:
            found.append(Source(name, "named", " ".join(role.split())))
    return found


_ANONYMOUS_NOUNS = ("official", "source", "diplomat", "aide", "lawmaker", "people", "person")


def _anonymous(sentence: str) -> list[Source]:
    found = []
    for noun in _ANONYMOUS_NOUN.finditer(sentence):
        person = noun.group(0).startswith(("people", "person"))
        window = max(0, noun.start() - 60)
        pattern = _PERSON_COUNT_BEFORE if person else _COUNT_BEFORE
        count = pattern.search(sentence, window, noun.start())
        if count:
            name = sentence[count.start() : noun.end()]
            found.append(Source(" ".join(name.split()), "anonymous"))
    return found


def find_sources(text: str, sentences: list[Sentence]) -> list[Source]:
    """Named and anonymous sources in sentences that attribute something, in order."""
    seen: dict[str, Source] = {}
    attributing = containing(text, sentences, _ATTRIBUTION_WORDS)
    for index, sentence in enumerate(sentences):
        if not (attributing[index] and _ATTRIBUTION.search(sentence.text)):
            continue
        # substrings each pattern needs: cheap tests before the costly patterns
        found = _named(sentence.text, holds_any(sentence.text, _ROLE_HINTS))
        if holds_any(sentence.text, _ANONYMOUS_NOUNS):
            found += _anonymous(sentence.text)
        for source in found:
            if source.name in OUTLETS:
                continue
            seen.setdefault(source.name, source)
    return list(seen.values())


def _wires() -> dict[str, str]:
    """Each way a wire service is named, as written ("AP", "dpa"), to the name the site
    shows: case counts, so "Ap" in a name is no wire."""
    return {
        str(form): str(wire)
        for wire, forms in shipped("wires.yaml").items()
        for form in [wire, *forms]
    }


WIRES = _wires()
_WIRE_NAME = re.compile(r"(?<![\w-])" + trie_pattern(sorted(WIRES), end=r"(?![\w-])"))
# "WASHINGTON (AP) — ", "KYIV, Dec 1 (Reuters) - ": a wire's credit in a dateline
_DATELINE = re.compile(r"\(([^()\n]{2,30})\)\s*[—–-]")
_DATELINE_REACH = 300  # characters into the body: a dateline opens the story


def wire_named(name: str | None) -> str | None:
    """The wire service an outlet's name names ("The Times of Israel (Associated Press)",
    "AFP (via SpaceWar.com)", "Reuters"), or None."""
    if not name:
        return None
    found = _WIRE_NAME.search(name)
    return WIRES[found.group()] if found else None


def wire_origin(body: str, outlet: str | None) -> str | None:
    """The wire service a story comes from: the one its outlet names, else the one its
    dateline credits.  A wire merely quoted ("according to AFP") is not the story's origin."""
    named = wire_named(outlet)
    if named:
        return named
    for credit in _DATELINE.finditer(body, 0, _DATELINE_REACH):
        wire = WIRES.get(credit.group(1).strip())
        if wire:
            return wire
    return None


# Roles that speak for no one's government: a quote from one is not on the record of an
# official.
_NOT_OFFICIAL = ("analyst", "expert")


def on_record(quote: str) -> Source | None:
    """The official a sentence quotes by name and role ("President Volodymyr Zelensky
    said", "John Kirby, a White House spokesman, told reporters"), or None: an anonymous
    official ("a senior official said") is not on the record."""
    if not _ATTRIBUTION.search(quote):
        return None
    for source in _named(quote, holds_any(quote, _ROLE_HINTS)):
        if not any(word in (source.role or "").lower() for word in _NOT_OFFICIAL):
            return source
    return None
