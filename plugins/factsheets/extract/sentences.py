"""Split article text into sentences with their character offsets.

News prose is full of periods that end no sentence: "U.S.", "Gen.", "Sen.",
"No. 2", "5.5 km", initials.  A general-purpose segmenter is slower than the
extractor's whole budget, so this one knows journalism's abbreviations and is
held to the cases above by tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    """
    gen lt col maj capt cpt sgt adm cmdr brig rep sen gov pres amb sec dept
    dr mr mrs ms prof st jr sr no nos inc corp co ltd vs approx est fig
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    """.split()
)

# Periods in "U.S.", "U.K.", "E.U." end a sentence only when a typical
# sentence opener follows.
_DOTTED_ACRONYM = re.compile(r"(?:\b[A-Z]\.){2,}$")
_SENTENCE_OPENERS = frozenset(
    """
    The A An It He She They We I This That These Those But And In On At As
    After Before When While Since Officials Its Their His Her Some Many
    """.split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


_CLOSING = ".!?\"'”’)]"
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]?(\w+)")
# Longer than any abbreviation or dotted acronym: the scan back stops there, so a paragraph
# with no line breaks costs time in proportion to its length, not its square.
_TOKEN_REACH = 40


def _token_before(text: str, stop: int) -> str:
    """The word that ends at `stop`, closing punctuation stripped: "U.S" for "the U.S.\""."""
    end = stop
    while end > 0 and text[end - 1] in _CLOSING:
        end -= 1
    start, limit = end, max(0, end - _TOKEN_REACH)
    while start > limit and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:end]


def _is_false_boundary(text: str, stop: int, following: int, end: int) -> bool:
    """Whether the period ending at `stop` belongs to an abbreviation; the next sentence
    would begin after `following`, in a paragraph that ends at `end`."""
    token = _token_before(text, stop)
    if not token:
        return False
    if _DOTTED_ACRONYM.search(token + "."):
        next_word = _NEXT_WORD.match(text, following, end)
        return (next_word.group(1) if next_word else "") not in _SENTENCE_OPENERS
    if token.lower() in ABBREVIATIONS:
        return True
    # A single capital is an initial ("John F. Kennedy").
    return len(token) == 1 and token.isupper()


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


def _stops(text: str) -> list[int]:
    """Where a ".", "!" or "?" stands (str.find is many times faster than a regex scan)."""
    found = []
    for mark in ".!?":
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    return sorted(found)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`; `text[s.start:s.end] == s.text` for every one."""
    sentences: list[Sentence] = []
    stops = _stops(text)  # every stop lies in a paragraph: each is read once, in order
    index, count = 0, len(stops)
    for paragraph, match in enumerate(_PARAGRAPH.finditer(text)):
        start, end = match.span()
        after = start  # the end of the last boundary: stops inside it are part of it
        while index < count and stops[index] < end:
            at = stops[index]
            index += 1
            boundary = _BOUNDARY.match(text, at, end) if at >= after else None
            if boundary is None:
                continue
            after = boundary.end()
            if text[at] == "." and _is_false_boundary(text, at + 1, after, end):
                continue
            _add_sentence(sentences, text, start, after, paragraph)
            start = after
        _add_sentence(sentences, text, start, end, paragraph)
    return sentences


def _add_sentence(sentences: list[Sentence], text: str, start: int, stop: int, paragraph: int):
    chunk = text[start:stop]
    body = chunk.strip()
    if body:
        begin = start + len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(body, begin, begin + len(body), paragraph))


def containing(text: str, sentences: list[Sentence], words: tuple[str, ...]) -> list[bool]:
    """For each sentence, whether one of `words` occurs in it as written.

    str.find over the article once, instead of a regex search of every sentence: a test
    that can only rule sentences out, before the pattern that decides.
    """
    return holding(sorted(positions_of(text, words)), sentences)


def positions_of(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of `words` starts in `text` (unsorted): str.find is many times faster
    than a regex scan of the same text."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    return found


def holding(positions: list[int], sentences: list[Sentence]) -> list[bool]:
    """For each sentence, whether one of the sorted `positions` falls inside it."""
    flags = []
    at, count = 0, len(positions)
    for sentence in sentences:
        while at < count and positions[at] < sentence.start:
            at += 1
        flags.append(at < count and positions[at] < sentence.end)
    return flags


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of `words` occurs in `text`: the cheap test before a costly pattern."""
    # a plain loop: any() over a generator costs more than the test it makes
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False
