"""Ranges: a number with a distance unit that a sentence gives as a weapon's reach.

"up to 300 kilometers (190 miles)", "between 70 and 150 km", "241-450 km", "35 km with
standard shells, 50 km with Excalibur"; never a distance to a place, a height or a speed.
Each range goes to the system the sentence (or, through a pronoun, the one before) is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..catalog import Catalog, Mention
from ..model import Quote, Range, RangeClaim
from .clauses import mention_groups
from .sentences import Sentence, holding, holds_any, positions_of
from .vocabulary import lowercase_twin, vocabulary

# --- ranges -----------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_UNIT = r"(?P<unit>nautical[ -]miles?|nmi|kilomet(?:er|re)s?|km|miles?|mi)(?![a-z])"
_QUALIFIERS = tuple(
    sorted(
        (
            "up to|as far as|more than|over|nearly|almost|about|around|roughly|approximately"
            "|some|in excess of|at least|less than|under|just over|just under"
        ).split("|"),
        key=len,
        reverse=True,
    )
)


_BY_LAST_WORD = {
    last: [q for q in _QUALIFIERS if q.split()[-1] == last]
    for last in {q.split()[-1] for q in _QUALIFIERS}
}


def _qualifier_before(text: str, start: int) -> str | None:
    """ "up to about" in "up to about 300 km": the qualifiers just before a number, read
    backwards word group by word group (a pattern anchored at the end would be tried at every
    position before the number)."""
    before = text[max(0, start - 40) : start].lower()
    found = []
    while True:
        stripped = before.rstrip()
        if len(stripped) == len(before):
            break  # a qualifier is followed by white space
        last_word = stripped.rsplit(None, 1)[-1] if stripped else ""
        for qualifier in _BY_LAST_WORD.get(last_word, ()):
            head = stripped[: -len(qualifier)]
            if stripped.endswith(qualifier) and (not head or not head[-1].isalnum()):
                found.insert(0, qualifier)
                before = head
                break
        else:
            break
    return " ".join(found) or None


_RANGE = re.compile(
    rf"(?:(?P<between>between)\s+)?(?P<value>{_NUMBER})"
    rf"(?:\s*(?:and|to|-|–)\s*(?P<high>{_NUMBER}))?(?:\s*|-)" + _UNIT,
    re.IGNORECASE,
)
# "the shorter-range version", "a 165-kilometre variant", "the ER".
_VARIANT = re.compile(
    r"(?<![\w-])(?P<variant>\w[\w-]*\s+(?:[\w-]+\s+)?(?:variant|version)s?)\b"
    r"|\b(?P<short>ER|extended[- ]range)\b"
)
_NOT_VARIANT_WORDS = frozenset(
    "a an the its their this that which each every same other on of in for to by depending"
    " any one newer older".split()
)
_VARIANT_WINDOW = 60

# A number is a weapon's reach only when the sentence talks about reach ...
# ... and the distance is not measured to a place ("30 km from the front line").
_PLACE_AFTER = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?:from(?! (?:its|their)\b)|of|per|an hour|a second|/h"
    r"|east|west|north|south"
    r"|northeast|northwest|southeast"
    r"|southwest|behind|short of|beyond|along)\b(?!\s+away)",
    re.IGNORECASE,
)
# ... nor a height or a size ("at altitudes of up to 20 km").
_NOT_REACH_BEFORE = re.compile(
    r"\b(?:altitudes?|heights?|ceiling|depth|long|wide|deep|convoy|column|stretch\w*)"
    r"(?: of)?(?: up to| about| nearly| some)*\s*$",
    re.IGNORECASE,
)
_OTHER_MEASURES = (
    "altitude",
    "height",
    "ceiling",
    "depth",
    "long",
    "wide",
    "deep",
    "convoy",
    "column",
    "stretch",
)


def _measures_something_else(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start].lower()
    return holds_any(before, _OTHER_MEASURES) and bool(
        _NOT_REACH_BEFORE.search(text, max(0, start - 30), start)
    )


_UNITS = {"km": "km", "kilomet": "km", "mi": "mi", "mile": "mi", "nmi": "nmi", "nautical": "nmi"}


def _unit(text: str) -> str:
    lowered = text.lower()
    for prefix in ("nautical", "nmi", "kilomet", "km", "mile", "mi"):
        if lowered.startswith(prefix):
            return _UNITS[prefix]
    raise ValueError(text)


def _variant_words(phrase: str) -> str | None:
    """ "the shorter-range version" -> "shorter-range version"; None for "the version"."""
    words = phrase.split()
    while words[:-1] and words[0].lower() in _NOT_VARIANT_WORDS:
        words = words[1:]
    if len(words) < 2 or any(word.lower() in _NOT_VARIANT_WORDS for word in words[:-1]):
        return None
    return " ".join(words)


# every match of _VARIANT holds one of these
_VARIANT_WORDS = ("variant", "version", "ER", "extended")


def _words_before(text: str, at: int, low: int, count: int = 2) -> int:
    """Where the `count` words before `at` begin (no earlier than `low`): a variant's name
    has at most two words before "version", so no match of _VARIANT begins before that."""
    for _ in range(count):
        space = at
        while space > low and text[space - 1].isspace():
            space -= 1
        word = space
        while word > low and (text[word - 1].isalnum() or text[word - 1] in "_-"):
            word -= 1
        if space == at or word == space:
            break
        at = word
    return at


def _variant_near(text: str, start: int, end: int) -> str | None:
    """The variant a range is tied to, if the words next to it name one."""
    best, distance = None, _VARIANT_WINDOW + 1
    low, high = max(0, start - _VARIANT_WINDOW), end + _VARIANT_WINDOW
    found = [at for word in _VARIANT_WORDS if (at := text.find(word, low, high)) >= 0]
    if not found:
        return None  # a cheap test first: most ranges name no variant
    # no match ends more than a plural "s" and the next character after its last keyword
    last = max(text.rfind(word, low, high) + len(word) for word in _VARIANT_WORDS)
    cap = min(high, last + len(" range") + 2)
    for match in _VARIANT.finditer(text, _words_before(text, min(found), low), cap):
        name = match["short"] or _variant_words(match["variant"])
        if not name:
            continue
        gap = max(match.start() - end, start - match.end(), 0)
        if gap < distance:
            best, distance = name, gap
    return best


_CONVERSION = re.compile(r"\s*\(\s*|\s*,\s*or\s*|\s*/\s*")
# A number followed by a distance unit: far cheaper to look for than a range.
_NUMBER_THEN_UNIT = re.compile(
    r"\d[\d,.]*(?:\s|-)?(?:\d+\s)?(?:(?:km|mi|nmi)(?![a-z])|kilomet|mile|nautical)", re.I
)


_UNIT_WORDS = ("km", "kilomet", "mile", "nautical")


def _unit_positions(lowered: str) -> list[int]:
    """Where a distance unit may stand: "km", "kilomet", "mile", "nautical", or "mi" that
    ends a word (str.find, because a regex scan of the article costs more than the rest)."""
    found = positions_of(lowered, _UNIT_WORDS)
    found += [
        at for at in positions_of(lowered, ("mi",)) if not "a" <= lowered[at + 2 : at + 3] <= "z"
    ]
    return sorted(found)


def may_give_ranges(text: str, sentences: list[Sentence]) -> list[bool]:
    """Which sentences can state a range: the ones that name a unit of distance (a third of
    a typical article's).  Each is then read in full; this only rules sentences out."""
    lowered = text.lower()
    if len(lowered) != len(text):  # lowercasing changed offsets: read every sentence
        return [True] * len(sentences)
    return holding(_unit_positions(lowered), sentences)


_LOWER_NUMBER_THEN_UNIT = lowercase_twin(_NUMBER_THEN_UNIT)
_LOWER_RANGE = lowercase_twin(_RANGE)


def _reach() -> re.Pattern[str]:
    return vocabulary().reach


@cache
def _lowercase_reach() -> re.Pattern[str]:
    return lowercase_twin(vocabulary().reach)


def _ranges_in(sentence: Sentence) -> Iterable[tuple[Range, int]]:
    text = sentence.text
    # Patterns whose words are all lowercase run twice as fast on lowercased text without
    # IGNORECASE; what they capture (digits, a unit, "between") is lowercased anyway.
    lowered = text.lower()
    if len(lowered) == len(text):
        number_then_unit, reach, ranges = _LOWER_NUMBER_THEN_UNIT, _lowercase_reach(), _LOWER_RANGE
    else:  # lowercasing moved offsets
        lowered, number_then_unit, reach, ranges = text, _NUMBER_THEN_UNIT, _reach(), _RANGE
    if not number_then_unit.search(lowered) or not reach.search(lowered):
        return
    previous = None  # (end, qualifier, variant) of the last range kept
    skipped_end = -1
    for match in ranges.finditer(lowered):
        converts_skipped = skipped_end >= 0 and _CONVERSION.fullmatch(
            text, skipped_end, match.start()
        )
        if (
            converts_skipped
            or _PLACE_AFTER.match(text, match.end())
            or _measures_something_else(text, match.start())
        ):
            skipped_end = match.end()  # "20 kilometers (12 miles)" of altitude: both
            continue
        skipped_end = -1
        unit = _unit(match["unit"])
        if previous and _CONVERSION.fullmatch(text, previous[0], match.start()):
            # "300 kilometers (190 miles)": the same reach in other units
            qualifier, variant = previous[1], previous[2]
        else:
            qualifier = _qualifier_before(text, match.start()) or match["between"] or None
            variant = _variant_near(text, match.start(), match.end())
        previous = (match.end(), qualifier, variant)
        for number in (match["value"], match["high"]):
            if number is None:
                continue
            value = float(number.replace(",", ""))
            if value > 0:
                yield Range(value, unit, qualifier and qualifier.lower(), variant), match.start()


# ", a tracked cousin of the M142 HIMARS," or ", fired from HIMARS launchers,":
# a system named in an aside is not the subject the range belongs to.
_ASIDE_OPENER = re.compile(
    r",\s*(?:a|an|the|which|who|fired|launched|carried|built|made|known|like|including|such as)\b"
)


def _in_aside(text: str, mention: Mention, position: int) -> bool:
    opening = text.rfind(",", 0, mention.start)
    closing = text.find(",", mention.end)
    return opening >= 0 and 0 <= closing < position and bool(_ASIDE_OPENER.match(text, opening))


# "50-mile-range GMLRS", "the 185-mile range capability of ... ATACMS": a range written as a
# modifier belongs to the system named after it.
_COMPOUND = re.compile(r"[\d,.]+-(?:mile|kilomet(?:er|re)|km)s?[- ]range\b", re.IGNORECASE)


def _range_owner(
    text: str, mentions: list[Mention], position: int, pronoun_owner: str | None
) -> str | None:
    """The system a range belongs to.

    The nearest one named before it outside asides; for a range written as a modifier, the one
    after it; in a sentence whose subject is a pronoun ("It can shoot ... 15 miles"), the
    system the pronoun stands for unless one is named before the range.
    """
    candidates = [m for m in mentions if not _in_aside(text, m, position)]
    if _COMPOUND.match(text, position):
        after = [m for m in candidates if m.start > position]
        if after:
            return after[0].system_id
    before = [m for m in candidates if m.start <= position]
    if before:
        return before[-1].system_id
    if pronoun_owner is not None:
        return pronoun_owner
    if not candidates:
        return None
    return min(candidates, key=lambda m: abs(m.start - position)).system_id


# "It can strike ...", "The towed guns have a range of ...": a sentence that
# goes on about the system a sentence just before it named.
_ANAPHOR = re.compile(
    r"(?:^|,\s+)(?:It|Its|They|Their|it|its|they|their)\b|\b[Tt]he range\b"
    r"|\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Aa]n?) (?:[\w-]+ ){0,2}"
    r"(?:weapons?|missiles?|system|version|variant|rockets?|launchers?|munitions?|jets?|guns?"
    r"|howitzers?|drones?|interceptors?|batter(?:y|ies)|tanks?|aircraft|models?|versions?"
    r"|cannons?|projectiles?|shells?|vehicles?)\b"
)
_LOOKBACK = 2


def _antecedent(
    recent: list[tuple[Sentence, list[Mention]]], sentence: Sentence, catalog: Catalog
) -> tuple[str, Sentence] | None:
    """The system a pronoun or "the missiles" in `sentence` stands for.

    "The missiles could reach targets 300 km inside Russia" after "F-16s, each of which can
    carry two JASSM missiles": the missile, not the jet.  Else the one system the nearest
    earlier sentence is about.
    """
    anaphor = _ANAPHOR.search(sentence.text)
    if not anaphor:
        return None
    noun = _noun_stem(anaphor.group(0))
    window = recent[-_LOOKBACK:]
    if noun:
        for earlier, mentions in reversed(window):
            fitting = [m for m in mentions if noun in _kind(catalog, m.system_id)]
            if len({m.system_id for m in fitting}) == 1:
                return fitting[0].system_id, earlier
    for earlier, mentions in reversed(window):
        if mentions:
            subject = mention_groups(earlier.text, mentions)[0]
            systems = {m.system_id for m in subject}
            return (systems.pop(), earlier) if len(systems) == 1 else None
    return None


def _kind(catalog: Catalog, system_id: str) -> str:
    system = catalog[system_id]
    return f"{system.kind or ''} {system.name}".lower()


def _noun_stem(phrase: str) -> str | None:
    """ "the missiles" -> "missile"; None for a pronoun."""
    last = phrase.split()[-1].lower()
    if last in {"it", "its", "they", "their"}:
        return None
    return last[:-3] + "y" if last.endswith("ies") else last.rstrip("s")


def _carried_quote(text: str, earlier: Sentence, sentence: Sentence) -> Quote:
    """One quote from the sentence that names the system to the one that gives the range."""
    return Quote(text[earlier.start : sentence.end], earlier.start, sentence.end)


# what _range_owner returns where the system a pronoun stands for would decide
_ASK_PRONOUN = "\x00pronoun"


def sentence_ranges(
    text: str,
    sentence: Sentence,
    mentions: list[Mention],
    recent: list[tuple[Sentence, list[Mention]]],
    quote: Quote,
    catalog: Catalog,
) -> list[RangeClaim]:
    """The ranges one sentence gives, each with the system it belongs to and its quote."""
    found = list(_ranges_in(sentence))
    if not found:
        return []
    antecedent = None  # looked for only when a range has no system named before it
    claims = []
    for reach, position in found:
        owner = _range_owner(sentence.text, mentions, position, _ASK_PRONOUN)
        if owner == _ASK_PRONOUN:
            antecedent = antecedent or _antecedent(recent, sentence, catalog) or ()
            pronoun_owner = antecedent[0] if antecedent else None
            owner = _range_owner(sentence.text, mentions, position, pronoun_owner)
        if owner is None:
            continue
        if (
            antecedent
            and owner == antecedent[0]
            and not any(m.system_id == owner for m in mentions)
        ):
            claims.append(RangeClaim(owner, reach, _carried_quote(text, antecedent[1], sentence)))
        else:
            claims.append(RangeClaim(owner, reach, quote))
    return claims
