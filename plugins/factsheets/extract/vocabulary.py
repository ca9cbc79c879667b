"""The extractor's words, read once from the data files that hold them.

`data/cues.yaml` holds the cue phrases per status and the words that negate, hedge or date them;
`data/donors.yaml` the words that name each country.  This module turns them into compiled
patterns; nothing else in the package spells a cue or a country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..datafiles import shipped
from ..model import STATUSES


def _data(name: str):
    return shipped(name)


def _words(value) -> list[str]:
    return value.split() if isinstance(value, str) else list(value or ())


def _token_pattern(token: str, classes: dict[str, list[str]]) -> str:
    """One phrase token as a regex matching one word."""
    alternatives = []
    for choice in token.split("|"):
        if choice.startswith("{") and choice.endswith("}"):
            alternatives.extend(_token_pattern(w, classes) for w in classes[choice[1:-1]])
        elif choice.endswith("*"):
            alternatives.append(re.escape(choice[:-1]) + r"[\w'’-]*")
        else:
            words = [re.escape(w).replace("'", "['’]") for w in choice.split()]
            alternatives.append(r"\s+".join(words))
    return "(?:" + "|".join(alternatives) + ")"


_TOKEN = re.compile(r"\[[^\]]*\]|\S+")


def phrase_pattern(
    phrase: str, classes: dict[str, list[str]], negators: frozenset[str] = frozenset()
) -> str:
    """A cue phrase (see the syntax at the top of data/cues.yaml) as a regex.

    The words a "..." skips are never negations: "the package does not include" is no
    "package ... include".
    """
    skip = "|".join(re.escape(w) for w in sorted(negators))
    gap_word = rf"(?!(?:{skip})\b)(?![\w'’]*n['’]t\b)" if skip else ""
    pattern = ""
    for token in _TOKEN.findall(phrase):
        if token == "...":
            pattern += rf"(?:\s+{gap_word}[\w.'’$€£%,-]+){{0,4}}?"
            continue
        optional = token.startswith("[") and token.endswith("]")
        body = _token_pattern(token[1:-1] if optional else token, classes)
        if not pattern:  # a leading optional word carries the space after it
            pattern = f"(?:{body}\\s+)?" if optional else body
            continue
        space = "" if pattern.endswith("\\s+)?") and pattern.startswith("(?:") else "\\s+"
        pattern += f"(?:{space}{body})?" if optional else f"{space}{body}"
    return rf"(?<![\w-]){pattern}(?![\w-])"


def _choices(token: str, classes: dict[str, list[str]]) -> list[str]:
    """The words one phrase token can start with, lowercased ("send*" stays a prefix)."""
    found = []
    for choice in token.split("|"):
        if choice.startswith("{") and choice.endswith("}"):
            for word in classes[choice[1:-1]]:
                found.extend(_choices(word, classes))
        elif choice:
            found.append(choice.split()[0].lower().replace("’", "'"))
    return found


def _token_words(tokens: list[str], classes) -> tuple[list[str], list[str]]:
    """(the words the tokens can start with, the tokens after those)."""
    words = []
    for index, token in enumerate(tokens):
        optional = token.startswith("[") and token.endswith("]")
        if token == "...":
            return words + ["*"], []  # anything may come next
        words.extend(_choices(token[1:-1] if optional else token, classes))
        if not optional:
            return words, tokens[index + 1 :]
    return words + ["*"], []  # the phrase may end here


def phrase_triggers(phrase: str, classes) -> list[tuple[str, frozenset[str]]]:
    """(first word, the words that may follow it) for each way a phrase can begin; a follower
    "*" allows any word.  Matching is tried only where a first word and its follower stand."""
    tokens = _TOKEN.findall(phrase)
    firsts, rest = _token_words(tokens, classes)
    seconds, _ = _token_words(rest, classes) if rest else (["*"], [])
    return [(first, frozenset(seconds)) for first in firsts if first != "*"]


def trie_pattern(words: list[str], end: str = r"(?![\w'’-])") -> str:
    """One regex for many words, branching a letter at a time (an alternation of hundreds of
    words is tried word by word; a trie is tried letter by letter).  A word ending in "*" is a
    prefix; a space stands for any white space."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return _node_pattern(trie, end)


def _char_pattern(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char == "*":
        return r"[\w'’-]*"
    return "['’]" if char == "'" else re.escape(char)


def _node_pattern(node: dict, end: str) -> str:
    branches = [_char_pattern(c) + _node_pattern(child, end) for c, child in node.items() if c]
    if "" in node:
        branches.append(end)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _trigger_regex(statuses: dict[str, list[str]], classes) -> re.Pattern[str]:
    """Where a cue can begin: its first word followed by a word that may follow it."""
    strings = set()
    for phrases in statuses.values():
        for phrase in phrases:
            for first, seconds in phrase_triggers(phrase, classes):
                if "*" in seconds:
                    strings.add(first)
                else:
                    strings.update(f"{first} {second}" for second in seconds)
    pattern = trie_pattern(sorted(strings))
    return re.compile(rf"(?<![\w-])(?=(?:{pattern}))", re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    cues: re.Pattern[str]  # one named group per status
    cues_by_key: dict[str, re.Pattern[str]]  # the same, cut down per cue_key()
    triggers: re.Pattern[str]  # zero-width: where a cue can begin
    lowercase_triggers: re.Pattern[str]  # the same for lowercased text, twice as fast
    negators: frozenset[str]
    hedges: frozenset[str]
    silencers: frozenset[str]
    negated: dict[str, str | None]
    hedged: dict[str, str | None]
    futures: frozenset[str]
    question_verbs: frozenset[str]
    decoys: re.Pattern[str]
    not_objects: re.Pattern[str]
    give_words: frozenset[str]
    buying: re.Pattern[str]  # a word of the buy class
    reach: re.Pattern[str]  # a word that makes a distance a reach
    announcing: frozenset[str]
    future: dict[str, str | None]
    background_word: re.Pattern[str]  # any word of cues.yaml's background list
    background_openers: frozenset[str]
    background_phrases: re.Pattern[str]
    additional: frozenset[str]
    anaphoric_subject: re.Pattern[str]
    list_verbs: re.Pattern[str]
    conditions: tuple[tuple[str, re.Pattern[str]], ...]  # (the value shown, its phrases)
    condition_silencers: frozenset[str]
    condition_plans: frozenset[str]


def _phrases_pattern(phrases: list[str], classes, negators) -> re.Pattern[str]:
    """Phrases in cues.yaml's syntax, as one regex."""
    body = "|".join(phrase_pattern(p, classes, negators) for p in phrases)
    return re.compile(body, re.IGNORECASE)


def _phrases_regex(phrases: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in phrases), re.IGNORECASE)


def _cue_alternation(statuses: dict[str, list[str]], classes, negators) -> str:
    groups = []
    for status in STATUSES:
        phrases = sorted(statuses.get(status) or (), key=len, reverse=True)
        body = "|".join(phrase_pattern(p, classes, negators) for p in phrases)
        if body:  # an empty group would match everywhere
            groups.append(f"(?P<{status}>{body})")
    return "|".join(groups)


_KEY_LENGTH = 3


def cue_key(text: str, start: int) -> str:
    """What a cue beginning at `start` is looked up by: up to three letters of its first word."""
    key = text[start : start + _KEY_LENGTH].lower().replace("’", "'")
    return key.split(None, 1)[0] if key and not key.isalpha() else key


def _phrase_keys(phrase: str, classes) -> set[str] | None:
    """The keys a phrase can be found under; None when it may begin with any word."""
    firsts, _ = _token_words(_TOKEN.findall(phrase), classes)
    if "*" in firsts:
        return None
    return {cue_key(first.rstrip("*"), 0) for first in firsts}


def _cues_by_key(statuses: dict[str, list[str]], classes, negators) -> dict[str, re.Pattern[str]]:
    """The cue pattern cut down, per first-word key, to the phrases that can begin there.

    The whole pattern tries hundreds of phrases one after another at every place a cue may
    begin; the phrases left out of a key's pattern could not match there, and the ones kept
    stay in their order, so each finds exactly what the whole pattern finds.
    """
    keys: dict[str, dict[str, list[str]]] = {}
    anywhere: list[tuple[str, str]] = []
    for status in STATUSES:
        for phrase in statuses.get(status) or ():
            phrase_keys = _phrase_keys(phrase, classes)
            if phrase_keys is None:
                anywhere.append((status, phrase))
            for key in phrase_keys or ():
                keys.setdefault(key, {}).setdefault(status, []).append(phrase)
    if anywhere:
        keys.setdefault("", {})  # looked up for a word no phrase begins with
    for status, phrase in anywhere:
        for by_status in keys.values():
            by_status.setdefault(status, []).append(phrase)
    return {
        key: re.compile(_cue_alternation(by_status, classes, negators), re.IGNORECASE)
        for key, by_status in keys.items()
    }


def lowercase_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` without IGNORECASE, for lowercased text: twice as fast, and it finds the same
    places as long as every letter the pattern spells is lowercase (checked here)."""
    if _UPPERCASE_LETTER.search(pattern.pattern):
        raise ValueError(f"an uppercase letter in a pattern for lowercased text: {pattern.pattern}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# an uppercase letter that is not an escape (\S, \W, \B, \D) or a group name
_UPPERCASE_LETTER = re.compile(r"(?<![\\<?])[A-Z]")


@cache
def vocabulary() -> Vocabulary:
    data = _data("cues.yaml")
    classes = {name: _words(words) for name, words in data["classes"].items()}
    unknown = set(data["statuses"]) - set(STATUSES)
    if unknown:
        raise ValueError(f"data/cues.yaml: unknown statuses {sorted(unknown)}")
    subjects = [w.replace("_", r"\s+") for w in _words(data["anaphoric_subjects"])]
    negators = frozenset(_words(data["negators"]))
    return Vocabulary(
        cues=re.compile(
            _cue_alternation(data["statuses"], classes, frozenset(_words(data["negators"]))),
            re.IGNORECASE,
        ),
        cues_by_key=_cues_by_key(data["statuses"], classes, frozenset(_words(data["negators"]))),
        triggers=_trigger_regex(data["statuses"], classes),
        lowercase_triggers=lowercase_twin(_trigger_regex(data["statuses"], classes)),
        negators=frozenset(_words(data["negators"])),
        hedges=frozenset(_words(data["hedges"])),
        silencers=frozenset(_words(data["silencers"])),
        negated=dict(data["negated"]),
        hedged=dict(data["hedged"]),
        futures=frozenset(_words(data["futures"])),
        question_verbs=frozenset(_words(data["question_verbs"])),
        decoys=re.compile(
            "|".join(phrase_pattern(p, classes) for p in data["decoys"]), re.IGNORECASE
        ),
        announcing=frozenset(_words(data["announcing"])),
        buying=re.compile(
            r"\b(?:" + "|".join(w for ws in classes["buy"] for w in ws.split("|")) + r")\b",
            re.IGNORECASE,
        ),
        reach=re.compile(
            r"\b" + trie_pattern(sorted(_words(data["reach"])), end=""), re.IGNORECASE
        ),
        give_words=frozenset(w for words in classes["give"] for w in words.split("|")),
        not_objects=re.compile(
            r"\s+(?:[\w-]+\s+){0,2}?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:"
            + "|".join(_words(data["not_objects"]))
            + r")\b",
            re.IGNORECASE,
        ),
        future=dict(data["future"]),
        background_word=re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(w) for w in _words(data["background"]))
            + r")(?![\w-])",
            re.IGNORECASE,
        ),
        background_openers=frozenset(_words(data["background_openers"])),
        background_phrases=_phrases_regex(data["background_phrases"]),
        additional=frozenset(_words(data["additional"])),
        anaphoric_subject=re.compile(rf"^(?:{'|'.join(subjects)})\b", re.IGNORECASE),
        list_verbs=re.compile(rf"\b(?:{'|'.join(_words(data['list_verbs']))})\b", re.IGNORECASE),
        conditions=tuple(
            (value, _phrases_pattern(phrases, classes, negators))
            for value, phrases in data["conditions"].items()
        ),
        condition_silencers=frozenset(_words(data["condition_silencers"])),
        condition_plans=frozenset(_words(data["condition_plans"])),
    )


@dataclass(frozen=True)
class Countries:
    pattern: re.Pattern[str]  # a country as a giver: never "U.S.-made"
    with_origin: re.Pattern[str]  # any naming, "U.S.-made" too
    by_word: dict[str, str]
    recipients_only: frozenset[str]

    def name_of(self, written: str) -> str:
        """The country a matched name stands for ("United\nStates" is "United States")."""
        return self.by_word[" ".join(written.split())]


# "U.S.-made", "Turkish-built": where a weapon comes from, not who gives it.
_ORIGIN_SUFFIX = r"(?!-(?:made|built|designed|developed|produced|manufactured|origin)\b)"


@cache
def countries() -> Countries:
    data = _data("donors.yaml")
    by_word = {str(word): country for country, words in data.items() for word in words}
    # a trie: hundreds of names are tried a letter at a time, not one name after another;
    # the longest name wins because a trie tries the longer branch first
    names = trie_pattern(sorted(by_word), end=r"(?![\w])")
    pattern = re.compile(r"(?<![\w.])" + names + _ORIGIN_SUFFIX)
    with_origin = re.compile(r"(?<![\w.])" + names)
    return Countries(pattern, with_origin, by_word, frozenset({"Ukraine", "Russia"}))
