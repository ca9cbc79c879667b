"""Systems the catalog does not know, introduced by definition in the text.

"a new drone known as the Falcon-X", "the Sky Lance (SL-9) missile",
"PrSM, or Precision Strike Missile": the article itself says this is a weapon
and what it is called, so the system is reported for an editor to review.
Part of the pure extract step.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from .catalog import Catalog
from .model import System

_WEAPON = (
    r"(?:missiles?|rockets?|drones?|launchers?|systems?|munitions?|tanks?|howitzers?|jets?"
    r"|aircraft|interceptors?|bombs?|shells?|vehicles?|guns?|torpedo(?:es)?|warheads?)"
)
# Capitals a name may start with: Latin, and Cyrillic (Russian and Ukrainian) for names
# reported as written ("Нептун"), which slug() transliterates.
_CAPITAL = "A-ZА-ЯЁЄІЇҐ"
_PROPER = rf"[{_CAPITAL}][\w-]*(?:[ -][{_CAPITAL}0-9][\w-]*){{0,3}}"
_KNOWN_AS = re.compile(
    rf"\b{_WEAPON}\b[^.;]{{0,40}}?\b(?:known as|called|dubbed|named)\s+(?:the\s+)?[“\"'«]?"
    rf"(?P<name>{_PROPER})"
)
_WITH_ACRONYM = re.compile(
    rf"(?P<name>{_PROPER})\s+\((?P<alias>[A-Z][A-Za-z0-9-]{{1,9}})\)\s+(?i:{_WEAPON})\b"
    rf"|(?P<full>(?:[A-Z][\w-]*\s+){{1,5}}(?i:{_WEAPON}))\s+\((?P<acronym>[A-Z][A-Z0-9-]{{1,9}})\)"
)
_ACRONYM_OR = re.compile(
    rf"\b(?P<acronym>[A-Z][A-Za-z0-9-]{{0,8}}[A-Z][A-Za-z0-9-]*),\s+or\s+(?P<full>(?:[A-Z][\w-]*\s+){{0,5}}"
    rf"(?i:{_WEAPON}))"
)
_NOT_NAMES = frozenset(
    "The A An It This That These Those Ukraine Russia Kyiv Kiev Moscow Washington NATO".split()
)


def slug(name: str) -> str:
    """An id for a name, transliterated: "Нептун" -> "neptun"."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")


_DEFINING_WORD_LIST = ("known as", "called", "dubbed", "named")
_DEFINING_WORDS = re.compile(r"\b(?:known as|called|dubbed|named)\b")
_PARENTHESISED_ACRONYM = re.compile(r"\([A-Z][A-Za-z0-9-]{1,9}\)")


def _candidates(text: str) -> list[tuple[str, tuple[str, ...]]]:
    # Cheap tests first: most articles define nothing.
    found = []
    if any(word in text for word in _DEFINING_WORD_LIST) and _DEFINING_WORDS.search(text):
        found.extend((m["name"], ()) for m in _KNOWN_AS.finditer(text))
    if not _PARENTHESISED_ACRONYM.search(text):
        return found + _acronym_or(text)
    for match in _WITH_ACRONYM.finditer(text):
        if match["name"]:
            found.append((match["name"], (match["alias"],)))
        else:
            found.append((match["acronym"], (" ".join(match["full"].split()),)))
    return found + _acronym_or(text)


def _acronym_or(text: str) -> list[tuple[str, tuple[str, ...]]]:
    if ", or " not in text:
        return []
    return [(m["acronym"], (" ".join(m["full"].split()),)) for m in _ACRONYM_OR.finditer(text)]


def _is_known(catalog: Catalog, name: str) -> bool:
    return any(m.start == 0 and m.end >= len(name) - 1 for m in catalog.find_mentions(name))


def discover_systems(text: str, catalog: Catalog) -> list[System]:
    """Systems the text defines that the catalog does not know, marked for review."""
    systems: dict[str, System] = {}
    for name, aliases in _candidates(text):
        name = re.sub(r"^(?:The|An?)\s+", "", name.strip())
        if name in _NOT_NAMES or len(name) < 2 or not slug(name):
            continue
        if _is_known(catalog, name) or any(_is_known(catalog, alias) for alias in aliases):
            continue
        system_id = slug(name)
        if system_id in catalog or system_id in systems:
            continue
        systems[system_id] = System(
            id=system_id, name=name, topic="", aliases=aliases, catalogued=False
        )
    return list(systems.values())
