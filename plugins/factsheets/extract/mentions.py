"""Mentions: where the article names a system, from the catalog or from its own definitions.

Catalog names match as news prose bends them (catalog.py); a weapon the text defines but the
catalog lacks ("a drone known as the Falcon-X") is found by discover.py and reported for review.
"""

from __future__ import annotations

from ..catalog import Catalog, Mention
from ..discover import discover_systems
from .sentences import Sentence


def find_mentions(text: str, catalog: Catalog) -> tuple[list[Mention], Catalog]:
    """Mentions of catalog systems and of systems the text itself defines.

    The catalog returned also knows the systems the text defines; it is used for lookups only.
    """
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


def by_sentence(mentions: list[Mention], sentences: list[Sentence]) -> list[list[Mention]]:
    """The mentions inside each sentence, with offsets into the sentence's text."""
    found: list[list[Mention]] = []
    at, count = 0, len(mentions)  # both lists come in text order: one walk through each
    for sentence in sentences:
        while at < count and mentions[at].start < sentence.start:
            at += 1
        inside = []
        while at < count and mentions[at].start < sentence.end:
            m = mentions[at]
            inside.append(
                Mention(m.system_id, m.text, m.start - sentence.start, m.end - sentence.start)
            )
            at += 1
        found.append(inside)
    return found
