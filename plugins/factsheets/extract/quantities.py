"""Quantities: how many units a transfer comprises ("31 Abrams", "four more HIMARS").

A count stands just before the weapon's name, with at most a few modifiers between ("four
U.S.-made High Mobility Artillery Rocket Systems", "13 Soviet-era MiG-29 fighter jets", "at
least four of the powerful Patriot systems").  A number that measures something else (a calibre,
a distance, money, a year, a percentage) is no count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a dozen": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a hundred": 100,
    "one hundred": 100,
}
_NUMBER = r"(?P<number>\d{1,3}(?:[,\s]\d{3})+|\d+|" + "|".join(_WORD_NUMBERS) + ")"
_QUALIFIER = r"(?:(?:at least|more than|over|about|around|nearly|almost|up to|some|roughly)\s+)?"
_MODIFIER = r"[\w’'.-]+"
# read backwards from the mention: "<count> [more|of the] <up to three modifiers> "
_COUNT_BEFORE = re.compile(
    rf"(?<![\w$€£.,-]){_QUALIFIER}{_NUMBER}"
    rf"(?P<more>\s+(?:more|additional|further|new|extra))?"
    rf"(?:\s+of\s+(?:the|its|their|Germany's|the\s+\w+)\s+)?\s+"
    rf"(?:{_MODIFIER}\s+){{0,3}}$",
    re.IGNORECASE,
)
# After the count: words that make it a measure, not a count.
_MEASURE = re.compile(
    r"\s*-?\s*(?:%|(?:mm|millimet\w*|km|kilomet\w*|mi|miles?|nautical|percent|per\s?cent|million"
    r"|billion|bn|tons?|tonnes?|kg|kilo\w*|pounds?|years?|months?|weeks?|days?|hours?|minutes?"
    r"|rounds?|shells?|calibre|caliber|meters?|metres?|feet|foot|per|a\s+(?:month|year|week))"
    r"(?![\w-]))",
    re.IGNORECASE,
)
_WINDOW = 80


@dataclass(frozen=True)
class Quantity:
    value: int
    additional: bool  # "four more", "15 additional": a new transfer after earlier ones
    start: int


def quantity_before(text: str, start: int) -> Quantity | None:
    """The count of units named just before the mention starting at `start`."""
    window_start = max(0, start - _WINDOW)
    match = _COUNT_BEFORE.search(text, window_start, start)
    if not match:
        return None
    number = match["number"]
    if _MEASURE.match(text, match.end("number")):
        return None
    value = _value(number)
    if value is None or value <= 0 or (1900 <= value <= 2100 and number.isdigit()):
        return None
    return Quantity(value, bool(match["more"]), match.start("number"))


def _value(number: str) -> int | None:
    lowered = number.lower()
    if lowered in _WORD_NUMBERS:
        return _WORD_NUMBERS[lowered]
    digits = re.sub(r"[,\s]", "", number)
    return int(digits) if digits.isdigit() else None
