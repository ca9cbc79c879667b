"""Who an article attributes its information to: outlets, named people, anonymous sources.

Part of the pure extract step: text in, sources out.
"""

from __future__ import annotations

import re

from .model import Source

OUTLETS = (
    "NBC News",
    "ABC News",
    "CBS News",
    "CNN",
    "Fox News",
    "Reuters",
    "Associated Press",
    "The Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Politico",
    "Axios",
    "BBC",
    "Sky News",
    "The New York Times",
    "New York Times",
    "The Washington Post",
    "Washington Post",
    "The Wall Street Journal",
    "Wall Street Journal",
    "Financial Times",
    "The Guardian",
    "The Times",
    "The Telegraph",
    "The Economist",
    "Der Spiegel",
    "Spiegel",
    "Bild",
    "dpa",
    "Le Monde",
    "Kyiv Independent",
    "The Kyiv Independent",
    "Ukrainska Pravda",
    "Defense News",
    "Breaking Defense",
    "Kyiv Post",
    "Al Jazeera",
    "NPR",
    "PBS",
    "Newsweek",
    "The Hill",
    "Military Times",
    "Deutsche Welle",
    "DW",
    "Euronews",
    "Example News",
    "Example Wire",
)
_OUTLET = "|".join(re.escape(name) for name in sorted(OUTLETS, key=len, reverse=True))
# Find the attribution words first (cheap), then look for an outlet beside them.
_OUTLET_CUE_WORDS = re.compile(
    r"\b(?P<before>told|according to|in an interview with) "
    r"|\b(?P<after>reported|reports|said|has learned|learned)\b"
)
_OUTLET_AT = re.compile(rf"(?:{_OUTLET})\b")
_OUTLET_ENDING = re.compile(rf"(?<![\w-])(?:{_OUTLET}) $")


_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|announced|confirmed|added|wrote|stated|according to|testified)\b"
)
_NAME = r"(?P<name>[A-Z][a-z]+(?:[ -](?:[A-Z]\.|[A-Z][a-z'’]+|de|von|van|der)){1,3})"
_ROLE_WORDS = (
    r"(?:President|Prime Minister|Chancellor|Defen[cs]e Secretary|Defen[cs]e Minister"
    r"|Foreign Minister|Secretary of State|Secretary of Defense|Secretary|Minister"
    r"|Gen\.|General|Adm\.|Admiral|Lt\. Gen\.|Col\.|Sen\.|Senator|Rep\.|Representative"
    r"|spokes(?:man|woman|person)|Press Secretary|national security adviser|Ambassador)"
)
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:(?:[A-Z][\w.'’-]*|White House|Pentagon|U\.S\.|Ukrainian|German|British)"
    rf"\s+){{0,3}}{_ROLE_WORDS})\s+{_NAME}"
)
_ROLE_AFTER = re.compile(
    rf"{_NAME},\s+(?:an?|the)\s+(?P<role>[^,.;]{{3,60}}?"
    r"(?:spokes(?:man|woman|person)|secretary|minister|official|officer|adviser|advisor|analyst"
    r"|general|chief|director|ambassador|senator|president|chancellor|lawmaker|expert))\b"
)
_COUNT = r"(?i:two|three|four|five|six|several|multiple|some|a|an|one|\d+)"
_ANONYMOUS = re.compile(
    rf"\b(?P<name>{_COUNT}\s+(?:[\w.'’-]+\s+){{0,3}}?"
    r"(?:officials?|sources?|diplomats?|aides?|lawmakers?)"
    r"(?:\s+familiar with [\w\s]{3,40}?(?=,| told| said| who))?"
    r"|(?i:a|one|two|three) (?:people|persons?) (?:familiar with|briefed on|close to) [\w\s]{3,40}?"
    r"(?=,| told| said| who|\.))"
)


def outlet_in_text(text: str) -> str | None:
    """The outlet the text credits ("told NBC News", "according to Reuters")."""
    for cue in _OUTLET_CUE_WORDS.finditer(text):
        if cue["before"]:
            match = _OUTLET_AT.match(text, cue.end())
        else:
            match = _OUTLET_ENDING.search(text, max(0, cue.start() - 40), cue.start())
        if match:
            return match.group(0).strip()
    return None


# The person must be the one speaking: "X said", "X told reporters", "according to X".
_SPEAKS_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:said|says|stated|announced|confirmed|added|wrote|testified"
    r"|told (?:reporters|lawmakers|journalists|parliament|a news conference|the|an?)\b)"
)


_ROLE_WORD = re.compile(_ROLE_WORDS)
_APPOSITION = re.compile(r",\s+(?:an?|the)\s")


def _named(sentence: str) -> list[Source]:
    found = []
    patterns = []
    if _ROLE_WORD.search(sentence):  # cheap tests before the costly patterns
        patterns.append(_ROLE_BEFORE)
    if _APPOSITION.search(sentence):
        patterns.append(_ROLE_AFTER)
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            speaks = _SPEAKS_AFTER.match(sentence, match.end()) or sentence[
                max(0, match.start() - 14) : match.start()
            ].endswith("according to ")
            if speaks:
                found.append(Source(match["name"], "named", " ".join(match["role"].split())))
    return found


_ANONYMOUS_NOUNS = ("official", "source", "diplomat", "aide", "lawmaker", "people", "person")


def _anonymous(sentence: str) -> list[Source]:
    if not any(noun in sentence for noun in _ANONYMOUS_NOUNS):
        return []
    return [Source(" ".join(m["name"].split()), "anonymous") for m in _ANONYMOUS.finditer(sentence)]


def find_sources(sentences: list[str]) -> list[Source]:
    """Named and anonymous sources in sentences that attribute something, in order."""
    seen: dict[str, Source] = {}
    for sentence in sentences:
        if not _ATTRIBUTION.search(sentence):
            continue
        for source in _named(sentence) + _anonymous(sentence):
            if source.name in OUTLETS:
                continue
            seen.setdefault(source.name, source)
    return list(seen.values())
