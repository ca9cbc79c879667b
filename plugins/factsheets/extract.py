"""Extract claims from an article's cleaned text: systems, ranges, supply status.

Pure: text and metadata in, claims out; no Pelican, no file I/O.  Every claim
carries the sentence it came from as a `Quote` whose offsets index the text
it was extracted from, so a claim can always be checked against its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .catalog import Catalog, Mention
from .discover import discover_systems
from .model import (
    Article,
    ArticleClaims,
    Quote,
    Range,
    RangeClaim,
    StatusClaim,
    SystemClaims,
)
from .segment import Sentence, split_sentences
from .sources import find_sources, outlet_in_text

# --- ranges -----------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_UNIT = r"(?P<unit>nautical[ -]miles?|nmi|kilomet(?:er|re)s?|km|miles?|mi)(?![a-z])"
_QUALIFIER = (
    r"(?P<qualifier>(?:(?:up to|as far as|more than|over|nearly|almost|about|around|roughly"
    r"|approximately|some|in excess of|at least|less than|under|just over|just under)\s+)+)?"
)
# The qualifier is looked for behind each number, not tried at every position.
_QUALIFIER_BEFORE = re.compile(_QUALIFIER + "$", re.IGNORECASE)
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
_REACH_CUE = re.compile(
    r"\brange|\breach|\bstrike|\bhit|\btarget|\baway\b|\bfly|\bflies|\btravel|\bvariant|\bversion"
    r"|\bengage|\bintercept"
    r"|\bcapable of|\bdistances? of",
    re.IGNORECASE,
)
# ... and the distance is not measured to a place ("30 km from the front line").
_PLACE_AFTER = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?:from(?! (?:its|their)\b)|of|east|west|north|south"
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
    return any(w in before for w in _OTHER_MEASURES) and bool(
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


def _variant_near(text: str, start: int, end: int) -> str | None:
    """The variant a range is tied to, if the words next to it name one."""
    best, distance = None, _VARIANT_WINDOW + 1
    window = text[max(0, start - _VARIANT_WINDOW) : end + _VARIANT_WINDOW]
    if not any(word in window for word in ("variant", "version", "ER", "xtended")):
        return None  # a cheap test first: most ranges name no variant
    for match in _VARIANT.finditer(text, max(0, start - _VARIANT_WINDOW), end + _VARIANT_WINDOW):
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


def _ranges_in(sentence: Sentence) -> Iterable[tuple[Range, int]]:
    text = sentence.text
    if not _NUMBER_THEN_UNIT.search(text) or not _REACH_CUE.search(text):
        return
    previous = None  # (end, qualifier, variant) of the last range kept
    for match in _RANGE.finditer(text):
        if _PLACE_AFTER.match(text, match.end()) or _measures_something_else(text, match.start()):
            continue
        unit = _unit(match["unit"])
        if previous and _CONVERSION.fullmatch(text, previous[0], match.start()):
            # "300 kilometers (190 miles)": the same reach in other units
            qualifier, variant = previous[1], previous[2]
        else:
            before = _QUALIFIER_BEFORE.search(text, max(0, match.start() - 40), match.start())
            stated = before["qualifier"] if before else None
            qualifier = (stated or "").strip().lower() or match["between"] or None
            variant = _variant_near(text, match.start(), match.end())
        previous = (match.end(), qualifier, variant)
        for number in (match["value"], match["high"]):
            if number is None:
                continue
            value = float(number.replace(",", ""))
            if value > 0:
                yield Range(value, unit, qualifier and qualifier.lower(), variant), match.start()


# --- supply status ----------------------------------------------------------

_SUPPLY_VERB = r"(?:send|supply|provid|deliver|give|transfer|ship|hand)\w*"
_STATUS_CUES: list[tuple[str, str]] = [
    (
        "halted",
        rf"\bstop(?:ped|s|ping)? {_SUPPLY_VERB}|\bhalt\w*|\bpaus(?:e|ed|es|ing)\b"
        rf"|\bsuspend\w*|\bno longer {_SUPPLY_VERB}|\bfr(?:eeze|oze|ozen)\b"
        r"|\bbeing withh(?:eld|old|olding)\b|\b(?:were|was|are|is) (?:being )?withheld\b"
        r"|\bheld back\b",
    ),
    (
        "refused",
        rf"\brefus\w*(?: to {_SUPPLY_VERB})?|\brul(?:ed|es|ing) out|\bdeclin\w* to|\breject\w*"
        r"|\b(?:denied|den(?:y|ies))(?: (?:approval|permission|the request))?\b"
        rf"|\b(?:won't|will not|would not|cannot|can't) {_SUPPLY_VERB}"
        rf"|\bnot (?:prepared|willing|planning|going) to {_SUPPLY_VERB}|\bvetoed|\bblocked"
        r"|\boff the table|\b(?:so far |has |have )withh(?:eld|olding|old)\b",
    ),
    (
        "considering",
        r"\bnot off the table|\bnot (?:yet )?ruled out|\bconsider\w*|\bweigh(?:s|ed|ing)\b"
        r"|\bdebat\w*|\bno (?:final )?decision"
        r"|\bnot (?:yet )?decided|\bon the table|\blikely to|\bpoised to|\bmulling|\bopen to"
        r"|\byet to (?:make|reach|take) a (?:final )?decision|\byet to decide|\bundecided",
    ),
    (
        "requested",
        r"\brequest\w*|\bask(?:ed|s|ing)? (?:\w+ ){0,3}for\b"
        r"|\burg(?:ed|es|ing) (?:\w+ ){0,3}to (?:send|supply|provide)"
        r"|\bdemand\w*|\bcall(?:ed|s|ing)? for"
        r"|\bpress(?:ed|es|ing)? for|\blobb\w+ for|\bappeal\w* for|\bsought|\bseek\w*|\bplead\w*",
    ),
    (
        "pledged",
        # "officials announced," attributes; "announced a package" pledges.
        rf"\bannounc\w*+(?![,.]| (?:on|in|that|this|last|late|early)\b)|\bapprov\w*+(?! by\b)"
        rf"|\bagree[sd]? to {_SUPPLY_VERB}|\bcommit\w*|\bpledg\w*"
        rf"|\bpromis\w*|\bgreen light|\bgreen-?lit|\bsign\w* (?:a|the) (?:presidential )?waiver"
        rf"|\bwill {_SUPPLY_VERB}|\b(?:is|are) {_SUPPLY_VERB}ing|\bdecided to {_SUPPLY_VERB}"
        rf"|\bplans? to {_SUPPLY_VERB}|\bauthori[sz]ed|\bcleared the way"
        r"|\bwill be (?:delivered|sent|shipped|provided|supplied|transferred)"
        r"|\b(?:would|will) go ahead\b"
        r"|\b(?:support|aid|package|assistance) (?:\w+ ){0,3}(?:to include|includ(?:es|ing))\b",
    ),
    (
        "delivered",
        r"\barriv(?:ed|es|ing)\b|\b(?:has|have|had) (?:now |already |just )?(?:been )?"
        r"(?:received|delivered|sent|shipped|handed over|transferred|supplied|provided|used|fired)"
        # "has sent Germany an official request" asks; it delivers nothing.
        r"(?! (?:\w+ ){0,2}(?:an? |the )?(?:official |formal |written )?(?:request|letter|list))"
        r"|\b(?:is|are) (?:now )?receiving\b|\breach(?:ed|es)? (?:Ukraine|Kyiv|Kiev|the front)\b"
        r"|\breceived\b|\b(?:was|were) (?:delivered|sent|shipped|handed over|transferred)"
        r"|\bdelivered\b|\bin Ukrain\w*(?:'s|’s)? hands"
        r"|\bused (?:[\w.’'-]+ ){0,8}?(?:to (?:strike|hit|attack|destroy|shoot down)|against)\b"
        r"|\b(?:is|are|was|were|been) using\b"
        r"|(?<=[\w.]-)(?:supplied|provided|donated|delivered)\b"
        r"|\b(?:already|now) in Ukraine\b|\balready (?:operates|fields)\b|\b(?:operates|fields)\b"
        r"|\bUkrain\w*['’]s use of\b"
        r"|\bfirst use\b|\bhanded over\b",
    ),
]
# One pass over the sentence; where cues overlap, the leftmost wins, and at the
# same spot the status listed first ("denied approval" is a refusal).


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a pattern at the "|" that are outside any group or class."""
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def _group_end(text: str) -> int:
    """The index of the ")" that closes the group opening at text[0]."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return index
    return len(text)


def _first_letters(alternative: str) -> str:
    """The letters a cue can start with; "" if it may start with any word character.

    Every cue is written as \\b (or a lookbehind) followed by a word or by a
    group of words, so this reads the table's own text instead of guessing.
    """
    body = alternative.removeprefix("\\b")
    if body.startswith(("(?<=", "(?<!")):
        body = body[_group_end(body) + 1 :]
    if body[:1].isalpha():
        return body[0].lower()
    if body.startswith("(?:"):
        end = _group_end(body)
        if body[end + 1 : end + 2] not in ("?", "*"):
            return "".join(_first_letters(a) or "*" for a in _top_level_alternatives(body[3:end]))
    return ""


def _status_lookahead(pattern: str) -> str:
    letters = "".join(_first_letters(a) or "*" for a in _top_level_alternatives(pattern))
    if "*" in letters:
        return ""
    unique = "".join(sorted(set(letters)))
    return f"(?=[{unique}{unique.upper()}])"


_CUES = re.compile(
    # Every cue starts a word; testing that once, and then each status's
    # possible first letters, keeps this pattern from trying every cue at
    # every word.
    r"\b(?:"
    + "|".join(
        f"{_status_lookahead(pattern)}(?P<{status}>{pattern})" for status, pattern in _STATUS_CUES
    )
    + ")",
    re.IGNORECASE,
)

# A cue under negation or hypothesis asserts nothing ("did not say when the
# missiles would be delivered").  "not off the table" is a cue of its own.
_NEGATED = re.compile(
    r"\b(?:not|never|no|without|whether|if|when|once|until|unless"
    r"|(?:would|could|can|may|might|should|to) be)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    # "long" as in "had long sought", never as in "long-range".
    r"\b(?:for months|for weeks|initially|previously|earlier|at first|long(?!-)|since|already"
    r"|last year|in 20\d\d)\b",
    re.IGNORECASE,
)
_MARKER_WINDOW = 80
# "had already delivered", "had earlier declined": done before the news.
_PAST_PERFECT = re.compile(r"\bhad (?:\w+ ){0,3}$", re.IGNORECASE)
_LATER = re.compile(r"\b(?:but|later|eventually|subsequently|finally|then|now)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Cue:
    status: str
    start: int
    end: int
    past: bool  # past perfect: "had already delivered"
    passive: bool  # its system comes before it: "the missiles arrived", "were paused"


_RUSSIA_BEFORE = re.compile(
    r"\b(?:Russia|Russian (?:forces|troops|army)|Moscow|the Kremlin)(?:['’]s)?\s+(?:\w+\s+){0,2}$"
)
_NEGATING_WORDS = (
    "not",
    "never",
    "no",
    "without",
    "whether",
    "if",
    "when",
    "once",
    "until",
    "unless",
    "be",
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+\s+)?$", re.IGNORECASE)
_INTRANSITIVE = re.compile(
    r"arriv|reach|in Ukrain|handed over|delivered$|been |already|now in|operates|fields",
    re.IGNORECASE,
)


def _status_cues(sentence: str) -> list[_Cue]:
    """Each supply-status cue the sentence asserts, left to right."""
    found = []
    for match in _CUES.finditer(sentence):
        status = match.lastgroup
        before = max(0, match.start() - 40)
        # Each context pattern runs only if its key word is in the window at all.
        window = sentence[before : match.start()]
        if (
            status not in ("refused", "considering")
            and any(word in window.lower() for word in _NEGATING_WORDS)
            and _NEGATED.search(sentence, before, match.start())
        ):
            continue
        if (
            status == "delivered"
            and any(word in window for word in ("Russia", "Moscow", "Kremlin"))
            and _RUSSIA_BEFORE.search(sentence, before, match.start())
        ):
            continue  # "the cluster munitions Russia has been using": not a supply
        text = match.group(0)
        past = text.lower().startswith("had ") or (
            "had " in window and bool(_PAST_PERFECT.search(sentence, before, match.start()))
        )
        passive = bool(
            _INTRANSITIVE.match(text)
            or "been " in text
            or _PASSIVE_BEFORE.search(sentence, before, match.start())
        )
        found.append(_Cue(status, match.start(), match.end(), past, passive))
    return found


# Mentions joined by list punctuation form one group that shares a status;
# a clause word between two mentions separates them.
_LIST_JOINER = re.compile(r",|\band\b|\bor\b|\bas well as\b|\bplus\b|/")
_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:which|while|whereas|but|from|unlike|after|before|because|who|that|when)\b"
    r"|(?<!more )(?<!less )(?<!fewer )\bthan\b",
    re.IGNORECASE,
)
_GROUP_GAP = 80


def _mention_groups(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups:
            gap = text[groups[-1][-1].end : mention.start]
            same = mention.system_id == groups[-1][-1].system_id
            joined = len(gap) <= _GROUP_GAP and _LIST_JOINER.search(gap)
            if same or (joined and not _CLAUSE_BREAK.search(gap) and not _CUES.search(gap)):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _cue_targets(groups: list[list[Mention]], cue: _Cue) -> list[Mention]:
    """The group of mentions a cue is about: inside it, else on the side its verb governs."""
    if len(groups) == 1:
        return groups[0]
    for group in groups:
        if group[0].start < cue.end and group[-1].end > cue.start:
            return group
    before = [g for g in groups if g[-1].end <= cue.start]
    after = [g for g in groups if g[0].start >= cue.end]
    first, second = (before[-1:], after[:1]) if cue.passive else (after[:1], before[-1:])
    return (first or second)[0]


_DONORS: dict[str, tuple[str, ...]] = {
    "United States": (
        "United States",
        "U.S.",
        "US",
        "America",
        "Washington",
        "Pentagon",
        "White House",
        "Biden",
        "Trump",
        "Austin",
        "Blinken",
        "American",
    ),
    "Germany": ("Germany", "German", "Berlin", "Scholz", "Pistorius", "Merz"),
    "United Kingdom": (
        "United Kingdom",
        "Britain",
        "British",
        "U.K.",
        "UK",
        "London",
        "Wallace",
        "Sunak",
    ),
    "France": ("France", "French", "Paris", "Macron"),
    "Netherlands": ("Netherlands", "Dutch"),
    "Denmark": ("Denmark", "Danish"),
    "Norway": ("Norway", "Norwegian"),
    "Poland": ("Poland", "Polish", "Warsaw"),
    "Sweden": ("Sweden", "Swedish"),
    "Canada": ("Canada", "Canadian"),
}
_DONOR_BY_WORD = {word: name for name, words in _DONORS.items() for word in words}
_DONOR_PATTERN = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(w) for w in sorted(_DONOR_BY_WORD, key=len, reverse=True))
    + r")(?!\w)"
)


def _actor(donors: list[re.Match[str]], before: int) -> str | None:
    """The donor named closest before the cue, else the first named after it."""
    if not donors:
        return None
    earlier = [m for m in donors if m.start() < before]
    chosen = earlier[-1] if earlier else donors[0]
    return _DONOR_BY_WORD[chosen.group(0)]


def _status_claims(
    sentence: Sentence, quote: Quote, mentions: list[Mention], catalog: Catalog
) -> list[StatusClaim]:
    cues = _status_cues(sentence.text) if mentions else []
    if not cues:
        return []
    groups = _mention_groups(sentence.text, mentions)
    cues_by_system: dict[str, list[_Cue]] = {}
    for cue in cues:
        for mention in _cue_targets(groups, cue):
            if not catalog[mention.system_id].adversary:
                targets = cues_by_system.setdefault(mention.system_id, [])
                if cue not in targets:
                    targets.append(cue)
    donors = list(_DONOR_PATTERN.finditer(sentence.text))
    claims = []
    for system_id, system_cues in cues_by_system.items():
        claims.extend(_system_status_claims(system_id, system_cues, sentence, quote, donors))
    return claims


def _system_status_claims(
    system_id: str, cues: list[_Cue], sentence: Sentence, quote: Quote, donors
) -> list[StatusClaim]:
    # The last cue is the news, except that a request never outranks a donor's
    # answer in the same sentence (asking comes first), and what had been done
    # before ("had committed", "for months", "already") is background.
    marked = [
        bool(_BACKGROUND.search(sentence.text, max(0, cue.start - _MARKER_WINDOW), cue.end))
        for cue in cues
    ]
    answers = [i for i, cue in enumerate(cues) if cue.status != "requested" and not cue.past]
    ranked = [i for i in answers if not marked[i]] or answers
    final = ranked[-1] if ranked else len(cues) - 1
    claims = []
    for index, cue in enumerate(cues):
        is_final = index == final
        turned = (
            is_final
            and index > 0
            and _LATER.search(sentence.text, cues[index - 1].start, cue.start)
        )
        background = cue.past or not is_final or (marked[index] and not turned)
        claims.append(
            StatusClaim(
                system_id,
                cue.status,
                quote,
                actor=_actor(donors, cue.start),
                background=background,
                past=cue.past,
            )
        )
    return claims


# --- assembling -------------------------------------------------------------


def _quote(text: str, sentence: Sentence) -> Quote:
    return Quote(text[sentence.start : sentence.end], sentence.start, sentence.end)


# ", a tracked cousin of the M142 HIMARS," or ", fired from HIMARS launchers,":
# a system named in an aside is not the subject the range belongs to.
_ASIDE_OPENER = re.compile(
    r",\s*(?:a|an|the|which|who|fired|launched|carried|built|made|known|like|including|such as)\b"
)


def _in_aside(text: str, mention: Mention, position: int) -> bool:
    opening = text.rfind(",", 0, mention.start)
    closing = text.find(",", mention.end)
    return opening >= 0 and 0 <= closing < position and bool(_ASIDE_OPENER.match(text, opening))


def _range_owner(text: str, mentions: list[Mention], position: int) -> str | None:
    """The nearest system named before a range (else after it), outside asides."""
    candidates = [m for m in mentions if not _in_aside(text, m, position)]
    if not candidates:
        return None
    before = [m for m in candidates if m.start <= position]
    chosen = before[-1] if before else min(candidates, key=lambda m: abs(m.start - position))
    return chosen.system_id


# "It can strike ...", "The towed guns have a range of ...": a sentence that
# goes on about the system a sentence just before it named.
_ANAPHOR = re.compile(
    r"^(?:It|Its|They|Their)\b"
    r"|\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Aa]n?) (?:[\w-]+ ){0,2}"
    r"(?:weapons?|missiles?|system|version|variant|rockets?|launchers?|munitions?|jets?|guns?"
    r"|howitzers?|drones?|interceptors?|batter(?:y|ies)|tanks?|aircraft)\b"
)
_LOOKBACK = 2


def _antecedent(
    recent: list[tuple[Sentence, list[Mention]]], sentence: Sentence
) -> tuple[str, Sentence] | None:
    """The one system the nearest earlier sentence is about, if a pronoun can point there."""
    if not _ANAPHOR.search(sentence.text):
        return None
    for earlier, mentions in reversed(recent[-_LOOKBACK:]):
        if mentions:
            subject = _mention_groups(earlier.text, mentions)[0]
            systems = {m.system_id for m in subject}
            return (systems.pop(), earlier) if len(systems) == 1 else None
    return None


def _carried_quote(text: str, earlier: Sentence, sentence: Sentence) -> Quote:
    """One quote from the sentence that names the system to the one that gives the range."""
    return Quote(text[earlier.start : sentence.end], earlier.start, sentence.end)


def _mentions(text: str, catalog: Catalog) -> tuple[list[Mention], Catalog]:
    """Mentions of catalog systems and of systems the text itself defines."""
    mentions = catalog.find_mentions(text)
    discovered = discover_systems(text, catalog)
    if not discovered:
        return mentions, catalog
    merged: list[Mention] = []
    for mention in sorted(mentions + Catalog(discovered).find_mentions(text), key=_by_position):
        if not merged or mention.start >= merged[-1].end:
            merged.append(mention)
    return merged, Catalog([*catalog.systems.values(), *discovered])


def _by_position(mention: Mention) -> tuple[int, int]:
    return (mention.start, -mention.end)


def extract(article: Article, catalog: Catalog) -> ArticleClaims:
    """The claims `article` makes about each system it mentions."""
    text = article.text
    claims = ArticleClaims(article=article, outlet=article.outlet or outlet_in_text(text))
    by_system: dict[str, SystemClaims] = {}
    recent: list[tuple[Sentence, list[Mention]]] = []
    # A catalog extended by discovery is only used for lookups, never to match.
    all_mentions, catalog = _mentions(text, catalog)
    sentences = split_sentences(text)
    claims.sources = find_sources([sentence.text for sentence in sentences])

    def entry_for(system_id: str) -> SystemClaims:
        if system_id not in by_system:
            by_system[system_id] = SystemClaims(catalog[system_id])
            claims.systems.append(by_system[system_id])
        return by_system[system_id]

    for sentence in sentences:
        mentions = [
            Mention(m.system_id, m.text, m.start - sentence.start, m.end - sentence.start)
            for m in all_mentions
            if sentence.start <= m.start < sentence.end
        ]
        quote = _quote(text, sentence)
        for mention in mentions:
            entry = entry_for(mention.system_id)
            if mention.text not in entry.mentions:
                entry.mentions.append(mention.text)
            entry.mention_quotes.append(quote)
        for found, position in _ranges_in(sentence):
            owner = _range_owner(sentence.text, mentions, position)
            if owner is not None:
                entry_for(owner).ranges.append(RangeClaim(owner, found, quote))
            elif (antecedent := _antecedent(recent, sentence)) is not None:
                system_id, earlier = antecedent
                carried = _carried_quote(text, earlier, sentence)
                entry_for(system_id).ranges.append(RangeClaim(system_id, found, carried))
        for claim in _status_claims(sentence, quote, mentions, catalog):
            by_system[claim.system_id].statuses.append(claim)
        recent.append((sentence, mentions))
    return claims
