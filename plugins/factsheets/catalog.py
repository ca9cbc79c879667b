"""The catalog of known weapon systems, and finding their mentions in text.

The shipped catalog (`data/catalog.yaml`) is the starting vocabulary; aliases
that editors add to fact sheets extend it, so an editor teaches the extractor
by editing YAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from importlib import resources

import yaml

from .model import CatalogRange, System

_APOSTROPHE = "['’]"
_WORD = re.compile(r"[^\W_]+")
_DASH = "[-‐‑–— ]?"


@dataclass(frozen=True)
class Mention:
    system_id: str
    text: str
    start: int
    end: int


def _word_pattern(word: str) -> str:
    pieces = re.split(r"([-‐‑–—'’])", word)
    out = []
    for piece in pieces:
        if piece in ("-", "‐", "‑", "–", "—"):
            out.append(_DASH)
        elif piece in ("'", "’"):
            out.append(_APOSTROPHE)
        else:
            out.append(re.escape(piece))
    return "".join(out)


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return " " not in form and sum(c.isupper() for c in letters) >= 2


def form_pattern(form: str) -> str:
    """A regex for one surface form, tolerant of the ways news prose bends it.

    Plurals and possessives ("Patriots", "HIMARS's", "Army's tactical missile
    system"), curly quotes and spaced or unspaced hyphens all match.  Acronyms
    and capitalised single words match only as written (or Title-cased for
    acronyms, as some house styles write "Atacms"), so that "a patriot" or
    "the stinger of a wasp" are not systems.
    """
    words = form.split()
    joiner = rf"(?:{_APOSTROPHE}s)?\s+"
    body = joiner.join(_word_pattern(word) for word in words)
    suffix = rf"(?:e?s|{_APOSTROPHE}s|s{_APOSTROPHE})?"
    if _is_acronym(form):
        title = _word_pattern(form[0] + form[1:].lower())
        core = f"(?:{body}|{title})"
    elif len(words) == 1 and form[:1].isupper():
        core = body
    else:
        core = f"(?i:{body})"
    return rf"(?<![\w-]){core}{suffix}(?![\w-])"


def _load_ranges(entries: Iterable[Mapping]) -> tuple[CatalogRange, ...]:
    return tuple(
        CatalogRange(km=int(item["km"]), variant=item.get("variant"), source=item.get("source"))
        for item in entries or ()
    )


def system_from_mapping(entry: Mapping) -> System:
    return System(
        id=str(entry["id"]),
        name=str(entry["name"]),
        topic=str(entry.get("topic") or "other"),
        full_name=entry.get("full_name"),
        aliases=tuple(str(a) for a in entry.get("aliases") or ()),
        designations=tuple(str(d) for d in entry.get("designations") or ()),
        kind=entry.get("kind"),
        origin=entry.get("origin"),
        adversary=bool(entry.get("adversary", False)),
        ranges=_load_ranges(entry.get("ranges")),
    )


class Catalog:
    """Known systems by id, with a matcher for their names in text."""

    def __init__(self, systems: Iterable[System]):
        self.systems: dict[str, System] = {}
        for system in systems:
            self.systems[system.id] = system

    def __contains__(self, system_id: str) -> bool:
        return system_id in self.systems

    def __getitem__(self, system_id: str) -> System:
        return self.systems[system_id]

    def __len__(self) -> int:
        return len(self.systems)

    def with_aliases(self, extra: Mapping[str, Iterable[str]]) -> Catalog:
        """A catalog where each system also answers to the editor's aliases."""
        systems = []
        for system in self.systems.values():
            added = tuple(a for a in extra.get(system.id, ()) if a not in system.surface_forms)
            systems.append(replace(system, aliases=system.aliases + added) if added else system)
        return Catalog(systems)

    @cached_property
    def _index(self) -> dict[str, list[tuple[re.Pattern[str], str]]]:
        """Patterns by the first word of their form, longest form first.

        Trying only the forms whose first word is at hand keeps matching linear
        in the text instead of in text x catalog size.
        """
        index: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
        for system in self.systems.values():
            for form in system.surface_forms:
                first = _WORD.search(form)
                if first:
                    entry = (len(form), re.compile(form_pattern(form)), system.id)
                    index.setdefault(first.group(0).lower(), []).append(entry)
        return {
            key: [(pattern, owner) for _, pattern, owner in sorted(items, key=lambda i: -i[0])]
            for key, items in index.items()
        }

    @cached_property
    def _lookup(self) -> dict[str, list[tuple[re.Pattern[str], str]]]:
        """The candidates for a lowercased word, plural spellings included."""
        lookup: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for key, candidates in self._index.items():
            for spelling in (key, key + "s", key + "es"):  # "Patriots", "HIMARSes"
                lookup.setdefault(spelling, []).extend(candidates)
        return lookup

    def find_mentions(self, text: str) -> list[Mention]:
        """Every mention of a known system in `text`, left to right, longest first."""
        mentions: list[Mention] = []
        covered = 0
        lookup = self._lookup
        for word in _WORD.finditer(text):
            candidates = lookup.get(word.group(0).lower())
            if not candidates or word.start() < covered:
                continue
            best = None
            for pattern, owner in candidates:
                match = pattern.match(text, word.start())
                if match and (best is None or match.end() > best[0].end()):
                    best = (match, owner)
            if best:
                match, owner = best
                mentions.append(Mention(owner, match.group(0), match.start(), match.end()))
                covered = match.end()
        return mentions


def load_catalog_file(path) -> Catalog:
    with open(path, encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or []
    return Catalog(system_from_mapping(entry) for entry in entries)


def load_catalog() -> Catalog:
    """The catalog shipped with the plugin."""
    source = resources.files("factsheets") / "data" / "catalog.yaml"
    with resources.as_file(source) as path:
        return load_catalog_file(path)
