"""Split article text into sentences with their character offsets.

News prose is full of periods that end no sentence: "U.S.", "Gen.", "Sen.",
"No. 2", "5.5 km", initials.  A general-purpose segmenter is slower than the
extractor's whole budget, so this one knows journalism's abbreviations and is
held to the cases above by tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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


def _is_false_boundary(text: str, stop: int, next_word: str) -> bool:
    """Whether the period ending at `stop` belongs to an abbreviation."""
    before = text[:stop].rstrip(".!?\"'”’)]")
    if text[stop - 1] in "!?":
        return False
    word = re.search(r"[\w.]+$", before)
    if not word:
        return False
    token = word.group(0)
    if _DOTTED_ACRONYM.search(token + "."):
        return next_word not in _SENTENCE_OPENERS
    if token.lower() in ABBREVIATIONS:
        return True
    # A single capital is an initial ("John F. Kennedy").
    return len(token) == 1 and token.isupper()


def _split_paragraph(text: str, offset: int, paragraph: int) -> Iterator[Sentence]:
    start = 0
    for match in _BOUNDARY.finditer(text):
        stop = match.end()
        following = text[stop:].lstrip()
        next_word = re.match(r"[\"'“‘(\[]?(\w+)", following)
        if _is_false_boundary(text, match.start() + 1, next_word.group(1) if next_word else ""):
            continue
        chunk = text[start:stop]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            yield Sentence(chunk.strip(), offset + start + lead, offset + stop, paragraph)
        start = stop
    chunk = text[start:]
    if chunk.strip():
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        yield Sentence(body, offset + start + lead, offset + start + lead + len(body), paragraph)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`; `text[s.start:s.end] == s.text` for every one."""
    sentences: list[Sentence] = []
    for paragraph, match in enumerate(re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text)):
        sentences.extend(_split_paragraph(match.group(0), match.start(), paragraph))
    return sentences
