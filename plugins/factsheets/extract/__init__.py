"""Extraction: an article's cleaned text in, what it says about each system out.

Pure: text and metadata in, claims out; no Pelican, no file I/O (the vocabulary is package
data).  One module a step:

    sentences   the text as sentences with offsets
    mentions    where each system is named
    ranges      reaches stated for a system
    clauses     the parts of a sentence a cue can reach, and lists of systems
    cues        status cues read with negation, hedging and tense
    donors      who gives and who receives
    quantities  how many units
    statements  supply statements per system per clause
    decide      the article's status per donor and per system, or "not sure"
    sources     who the article credits

Every claim carries a `Quote` whose offsets index the text it was extracted from.
"""

from __future__ import annotations

from dataclasses import replace

from ..catalog import Catalog, Mention
from ..model import Article, ArticleClaims, Quote, SystemClaims
from .conditions import sentence_conditions
from .decide import decide, decide_variants
from .mentions import by_sentence, find_mentions
from .ranges import may_give_ranges, sentence_ranges
from .sentences import Sentence, split_sentences
from .sources import find_sources, outlet_in_text, wire_named, wire_origin
from .statements import Discourse, sentence_statements

__all__ = ["extract"]

_LEAD_SENTENCES = 3
_LEAD_MIN_WORDS = 6


def _quote(sentence: Sentence) -> Quote:
    return Quote(sentence.text, sentence.start, sentence.end)  # the text's own slice


def _teasers(sentences: list[Sentence]) -> set[int]:
    """Headline-like lines after the headline: a related story's title or a teaser.

    A paragraph of one sentence with no closing punctuation ("Ukraine receives third Patriot
    system from Germany, envoy says") is not the article's own reporting.
    """
    per_paragraph: dict[int, int] = {}
    for sentence in sentences:
        per_paragraph[sentence.paragraph] = per_paragraph.get(sentence.paragraph, 0) + 1
    reporting = next((i for i, s in enumerate(sentences) if _is_reporting(s)), len(sentences))
    return {
        index
        for index, sentence in enumerate(sentences)
        if index > reporting
        and per_paragraph[sentence.paragraph] == 1
        and not _closes(sentence.text)
    }


def _closes(text: str) -> bool:
    return text.rstrip("\"'”’)").endswith((".", "!", "?", ":"))


def _is_reporting(sentence: Sentence) -> bool:
    return len(sentence.text.split()) >= 12 and _closes(sentence.text)


def _lead_flags(sentences: list[Sentence]) -> list[bool]:
    """The headline and first sentences of reporting: where an article says its news."""
    flags, counted = [], 0
    for sentence in sentences:
        if counted == _LEAD_SENTENCES:
            break  # the lead is complete: no later sentence is part of it
        is_prose = len(sentence.text.split()) >= _LEAD_MIN_WORDS
        flags.append(is_prose)
        counted += is_prose
    return flags + [False] * (len(sentences) - len(flags))


def extract(article: Article, catalog: Catalog) -> ArticleClaims:
    """The claims `article` makes about each system it mentions."""
    text = article.text
    claims = ArticleClaims(
        article=article,
        outlet=article.outlet or outlet_in_text(text),
        # an editor's `Origin: AP` is the Associated Press a dateline credits
        origin=wire_named(article.origin)
        or article.origin
        or wire_origin(article.body, article.outlet),
    )
    by_system: dict[str, SystemClaims] = {}
    recent: list[tuple[Sentence, list[Mention]]] = []
    all_mentions, catalog = find_mentions(text, catalog)
    sentences = split_sentences(text)
    claims.sources = find_sources(text, sentences)
    discourse = Discourse()

    def entry_for(system_id: str) -> SystemClaims:
        if system_id not in by_system:
            by_system[system_id] = SystemClaims(catalog[system_id])
            claims.systems.append(by_system[system_id])
        return by_system[system_id]

    teasers = _teasers(sentences)
    per_sentence = by_sentence(all_mentions, sentences)
    # only systems that can have a status make a sentence worth reading for cues
    suppliable = [[m for m in ms if not catalog[m.system_id].adversary] for ms in per_sentence]
    measured = may_give_ranges(text, sentences)
    for index, (sentence, lead) in enumerate(zip(sentences, _lead_flags(sentences), strict=True)):
        mentions = per_sentence[index]
        read_cues = bool(suppliable[index])
        quote = _quote(sentence)
        for mention in mentions:
            entry = entry_for(mention.system_id)
            if mention.text not in entry.mentions:
                entry.mentions.append(mention.text)
            entry.mention_quotes.append(quote)
        if measured[index]:
            for claim in sentence_ranges(text, sentence, mentions, recent, quote, catalog):
                entry_for(claim.system_id).ranges.append(claim)
        statements = sentence_statements(
            sentence, quote, mentions, catalog, discourse, lead, read_cues
        )
        for statement in statements:
            if index in teasers:
                statement = replace(statement, background=True, lead=False)
            by_system[statement.system_id].statuses.append(statement)
        if index not in teasers:
            found = sentence_conditions(sentence.text, quote, mentions, catalog, discourse.donors)
            for condition in found:
                entry_for(condition.system_id).conditions.append(condition)
        recent.append((sentence, mentions))
    for entry in claims.systems:
        entry.decision, entry.per_donor = decide(entry.statuses)
        entry.per_variant = decide_variants(entry.statuses)
    return claims
