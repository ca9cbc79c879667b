"""The catalog of known weapon systems, and finding their mentions in text.

The shipped catalog (`data/catalog.yaml`) is the starting vocabulary; aliases
that editors add to fact sheets extend it, so an editor teaches the extractor
by editing YAML.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from importlib import resources

from .datafiles import load_yaml
from .model import CatalogRange, System

_APOSTROPHE = "['’]"
_WORD = re.compile(r"[^\W_]+")
_HYPHENATED = re.compile(r"[^\W_]+(?:[-‐‑–][^\W_]+)+")
# Punctuation that separates words; hyphens stay so "S-300" is one word.
_SEPARATORS = {ord(c): " " for c in "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~“”‘’—…«»"}


def _words(text: str) -> set[str]:
    """The words of `text`, hyphenated ones both whole and in parts."""
    words = set(text.translate(_SEPARATORS).split())
    # a word that is not all letters and digits holds a dash (or a rare sign); split it
    for word in [w for w in words if not w.isalnum()]:
        words.update(re.split("[-‐‑–]", word))
    return words


_DASH = "[-‐‑–— ]?"


class FormPattern:
    """A form's regular expression, compiled the first time a text could hold it: a build
    that extracts one article compiles the few patterns its words wake, not all 2,900
    (compiling them all took most of a second).  Once compiled, `match` is the compiled
    pattern's own, so matching costs what it did before."""

    __slots__ = ("source", "match")

    def __init__(self, source: str):
        self.source = source
        self.match = self._compile_and_match

    def _compile_and_match(self, text: str, start: int) -> re.Match[str] | None:
        self.match = re.compile(self.source).match
        return self.match(text, start)


Candidate = tuple[FormPattern, str]  # a form's pattern and its system's id


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
    """ "HIMARS", "S-300", "TB2"; not "Tornado-S" or "MiG-29", which have lower-case letters."""
    letters = [c for c in form if c.isalpha()]
    return " " not in form and len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_case_sensitive(form: str) -> bool:
    return _is_acronym(form) or (len(form.split()) == 1 and form[:1].isupper())


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
    if form[-1:].isdigit():
        suffix = rf"(?:[A-Z]\d*)?{suffix}"  # model suffixes: "Leopard 2A6", "Leopard 2E"
    if _is_acronym(form):
        title = _word_pattern(form[0] + form[1:].lower())
        core = f"(?:{body}|{title})"
    elif _is_case_sensitive(form):
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
        variants=tuple(str(v) for v in entry.get("variants") or ()),
    )


_PLURAL = re.compile(r"(?:['’]s|s['’]|e?s)$")
# a name that ends in a digit, and a model letter after it, joined or not: "Leopard 2A6",
# "Leopard 2 A6", "FGM-148F"
_MODEL = re.compile(r"(?P<name>.*\d) ?(?P<model>[A-Z]\d*)")
_SPACED_MODEL = re.compile(r" (?P<model>[A-Z]\d+)(?![\w-])")


def _folded(text: str) -> str:
    """Words only, lower case: "PAC-3." and "pac 3" are the same name."""
    return " ".join(_WORD.findall(text.casefold()))


def variant_of(system: System, mention: str, after: str = "") -> str | None:
    """The variant a mention names, None for the system itself.

    The longest of the system's `variants` whose words the mention holds ("M1A1 Abrams
    tanks": M1A1) or that follows it in `after`, the text after the mention ("Patriot PAC-3
    systems"); else a model letter on a name that ends in a digit, joined or spaced
    ("Leopard 2A7", "Leopard 2 A6", "F-16C"), written joined ("Leopard 2A6")."""
    bare = _PLURAL.sub("", mention)
    spaced = _SPACED_MODEL.match(after) if bare[-1:].isdigit() else None
    model = _MODEL.fullmatch(bare + (spaced["model"] if spaced else ""))
    joined = f"{model['name']}{model['model']}" if model else bare
    said = {f" {_folded(joined)} ", f" {_folded(mention)} "}
    following = f" {_folded(after)} "
    for variant in sorted(system.variants, key=len, reverse=True):
        folded = _folded(variant)
        names = (f" {folded} ", f" {folded}s ")
        if any(name in text for name in names for text in said) or following.startswith(names):
            return variant
    if model and any(_folded(form) == _folded(model["name"]) for form in system.surface_forms):
        return joined
    return None


class Catalog:
    """Known systems by id, with a matcher for their names in text."""

    def __init__(self, systems: Iterable[System], renamed: Mapping[str, str] | None = None):
        self._typo_owners: dict[str, str | None] = {}
        # catalog id -> the id of the sheet an editor renamed it to (see with_aliases)
        self.renamed: dict[str, str] = dict(renamed or {})
        self.systems: dict[str, System] = {}
        for system in systems:
            self.systems[system.id] = system

    def __contains__(self, system_id: str) -> bool:
        return system_id in self.systems

    def __getitem__(self, system_id: str) -> System:
        return self.systems[system_id]

    def __len__(self) -> int:
        return len(self.systems)

    def with_aliases(self, extra: Mapping[str, Sequence[str]]) -> Catalog:
        """A catalog where each system also answers to the editor's names for it.

        `extra` maps a system id to its names, the display name first.  A fact
        sheet for a system the catalog lacks (one found in an article, or one
        an editor created) adds that system.
        """
        renamed = self._renamed(extra)
        systems = []
        for system in self.systems.values():
            system_id = renamed.get(system.id, system.id)
            added = tuple(a for a in extra.get(system_id, ()) if a not in system.surface_forms)
            if added or system_id != system.id:
                system = replace(system, id=system_id, aliases=system.aliases + added)
            systems.append(system)
        adopted = set(renamed.values())
        for system_id, names in extra.items():
            if system_id not in self.systems and system_id not in adopted and names:
                new = System(system_id, names[0], topic="", aliases=tuple(names[1:]))
                systems.append(replace(new, catalogued=False))
        return Catalog(systems, renamed)

    def _renamed(self, extra: Mapping[str, Sequence[str]]) -> dict[str, str]:
        """Catalog id -> the id of the sheet an editor renamed it to.

        A sheet the catalog has no id for, named exactly as one catalog system that has no
        sheet of its own, is that system's sheet under a new id ("m1-abrams.yaml" renamed to
        "abrams.yaml" with `id: abrams`): its evidence keeps going there.
        """
        by_name: dict[str, list[str]] = {}
        for system in self.systems.values():
            if system.id not in extra:
                by_name.setdefault(system.name.casefold(), []).append(system.id)
        renamed: dict[str, str] = {}
        for sheet_id, names in extra.items():
            if sheet_id in self.systems or not names:
                continue
            owners = by_name.get(names[0].casefold(), [])
            if len(owners) == 1 and owners[0] not in renamed:
                renamed[owners[0]] = sheet_id
        return renamed

    @cached_property
    def _keys(self) -> tuple[dict[str, list[Candidate]], dict[str, list[Candidate]]]:
        """Patterns by the first word of their form: (as written, lowercased).

        Trying only the forms whose first word occurs in a text keeps matching
        proportional to the text, not to text x catalog size.  Forms that match
        only as written ("HIMARS", "Patriot") are keyed as written, so common
        lowercase words never wake them.
        """
        exact: dict[str, list[tuple[int, Candidate]]] = {}
        folded: dict[str, list[tuple[int, Candidate]]] = {}
        for system_id, form in self._match_forms():
            word = _first_word(form)
            if not word:
                continue
            entry = (len(form), (FormPattern(form_pattern(form)), system_id))
            if _is_case_sensitive(form):
                keys, target = {word, word[0] + word[1:].lower()}, exact
            else:
                keys, target = {word.lower()}, folded
            for key in keys:
                for spelling in (key, key + "s", key + "es"):  # "Patriots"
                    target.setdefault(spelling, []).append(entry)

        def longest_first(index):
            return {
                key: [c for _, c in sorted(items, key=lambda item: -item[0])]
                for key, items in index.items()
            }

        return longest_first(exact), longest_first(folded)

    def _match_forms(self) -> list[tuple[str, str]]:
        """(system id, form) for every name and its spelling variants.

        A variant that two systems would share is left out: it names neither for sure.
        """
        owners: dict[str, set[str]] = {}
        forms: list[tuple[str, str]] = []
        for system in self.systems.values():
            for form in system.surface_forms:
                forms.append((system.id, form))
                for variant in spelling_variants(form):
                    owners.setdefault(variant, set()).add(system.id)
        written = {form for _, form in forms}
        for variant, ids in owners.items():
            if len(ids) == 1 and variant not in written:
                forms.append((next(iter(ids)), variant))
        return forms

    @cached_property
    def _fuzzy_index(self) -> dict[str, list[tuple[str, str]]]:
        """Deletion keys of long one-word names: "Caesar" under "aesar", "cesar", ...."""
        index: dict[str, list[tuple[str, str]]] = {}
        for system in self.systems.values():
            for form in system.surface_forms:
                if _FUZZY_NAME.fullmatch(form):
                    lowered = form.lower()
                    for key in {lowered, *_deletions(lowered)}:
                        index.setdefault(key, []).append((lowered, system.id))
        return index

    def _misspelled(self, text: str, covered: list[tuple[int, int]]) -> list[Mention]:
        """Capitalised words one typo away from a long name, beside a weapon word."""
        # every word _CAPITALISED finds is one of these (the pattern without its lookarounds
        # is three times cheaper to run over a whole article)
        words = set(_CAPITALISED_RUN.findall(text))
        if not any(self._typo_owner(word.lower()) for word in words):
            return []  # the usual case: no capitalised word is a typo of a name
        starts = [start for start, _ in covered]
        found = []
        for match in _CAPITALISED.finditer(text):
            at = bisect.bisect_right(starts, match.start()) - 1
            if at >= 0 and match.start() < covered[at][1]:
                continue  # inside a name already found
            owner = self._typo_owner(match.group(1).lower())
            if owner and _beside_weapon_word(text, match):
                found.append(Mention(owner, match.group(0), match.start(), match.end()))
        return found

    def _typo_owner(self, lowered: str) -> str | None:
        """The one system whose long name is one typo from `lowered` (remembered: the same
        capitalised words, names and places, recur in article after article)."""
        if lowered in self._typo_owners:
            return self._typo_owners[lowered]
        index = self._fuzzy_index
        owners = {
            system_id
            for key in {lowered, *_deletions(lowered)}
            for name, system_id in index.get(key, ())
            if name != lowered and _one_edit(name, lowered)
        }
        owner = owners.pop() if len(owners) == 1 else None
        if len(self._typo_owners) < _TYPO_MEMORY:
            self._typo_owners[lowered] = owner
        return owner

    @cached_property
    def _exact_by_lowercase(self) -> dict[str, list[str]]:
        """Case-sensitive keys grouped by their lowercase spelling."""
        grouped: dict[str, list[str]] = {}
        for key in self._keys[0]:
            grouped.setdefault(key.lower(), []).append(key)
        return grouped

    def _positions(self, text: str) -> list[tuple[int, list[Candidate]]]:
        """Where a known first word occurs, with the forms that may start there."""
        exact, folded = self._keys
        by_lowercase = self._exact_by_lowercase
        lowered = text.lower()
        found: dict[int, list[Candidate]] = {}
        # One pass over the lowercased words finds candidates of both kinds;
        # case-sensitive keys are then looked for as written.
        words = _words(lowered)
        # set intersections: the few words that start a name, without a lookup per word
        for word in words & folded.keys():
            for start in _occurrences(lowered, word):
                found.setdefault(start, []).extend(folded[word])
        for word in words & by_lowercase.keys():
            for key in by_lowercase[word]:
                for start in _occurrences(text, key):
                    found.setdefault(start, []).extend(exact[key])
        return sorted(found.items())

    def find_mentions(self, text: str) -> list[Mention]:
        """Every mention of a known system in `text`, left to right, longest first."""
        mentions: list[Mention] = []
        covered = 0
        for start, candidates in self._positions(text):
            if start < covered:
                continue
            best = None
            for pattern, owner in candidates:
                match = pattern.match(text, start)
                if match and (best is None or match.end() > best[0].end()):
                    best = (match, owner)
            if best:
                match, owner = best
                mentions.append(Mention(owner, match.group(0), match.start(), match.end()))
                covered = match.end()
        spans = [(m.start, m.end) for m in mentions]
        mentions.extend(self._misspelled(text, spans))
        return sorted(mentions, key=lambda m: m.start)


_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_LETTER_HYPHEN_DIGIT = re.compile(r"(?<=[A-Za-z])-(?=\d)|(?<=\d)-(?=[A-Za-z])")


def spelling_variants(form: str) -> set[str]:
    """Other ways newsrooms write a name: "M-777" for "M777", "F16" for "F-16", "HAWK"."""
    variants = {
        _LETTER_DIGIT.sub("-", form),
        _LETTER_HYPHEN_DIGIT.sub("", form),
    }
    if " " not in form and form[:1].isupper() and form[1:].islower() and len(form) >= 4:
        variants.add(form.upper())
    return variants - {form}


_TYPO_MEMORY = 100_000
# Names long enough that one typo still leaves them unmistakable ("Ceasar", "Mistrel").
_FUZZY_NAME = re.compile(r"[A-Za-z]{6,}")
_CAPITALISED = re.compile(r"(?<![\w-])([A-Z][a-z]{5,})(?:e?s)?(?![\w-])")
_CAPITALISED_RUN = re.compile(r"[A-Z][a-z]{5,}")
_WEAPON_WORDS = re.compile(
    r"^\W{0,3}(?:[\w-]+\s+){0,2}(?:missiles?|rockets?|drones?|launchers?|systems?|munitions?"
    r"|tanks?|howitzers?|guns?|jets?|aircraft|vehicles?|interceptors?|batter(?:y|ies)"
    r"|air defen[cs]e|fighters?|helicopters?)\b",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(r"(?:\b\d+|\bmore|\bthe|\bof)\s+$", re.IGNORECASE)


def _beside_weapon_word(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() : match.end() + 50]
    before = text[max(0, match.start() - 12) : match.start()]
    return bool(_WEAPON_WORDS.match(after) or _COUNT_BEFORE.search(before))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(one: str, other: str) -> bool:
    """Whether two words are one insertion, deletion, substitution or swap apart."""
    if abs(len(one) - len(other)) > 1:
        return False
    if len(one) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and one[diff[0]] == other[diff[1]]
            and (one[diff[1]] == other[diff[0]])
        )
    shorter, longer = sorted((one, other), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _first_word(form: str) -> str | None:
    """The key a form is found by: its first word, or "S-300" rather than "S"."""
    first = _WORD.search(form)
    if first and len(first.group(0)) <= 2:
        hyphenated = _HYPHENATED.match(form, first.start())
        return hyphenated.group(0) if hyphenated else first.group(0)
    return first.group(0) if first else None


def _occurrences(haystack: str, word: str):
    """Where `word` stands as a whole word in `haystack` (str.find is far faster
    than a regex with word-boundary lookarounds)."""
    start = haystack.find(word)
    while start >= 0:
        end = start + len(word)
        before_ok = start == 0 or not haystack[start - 1].isalnum()
        after_ok = end == len(haystack) or not haystack[end].isalnum()
        if before_ok and after_ok:
            yield start
        start = haystack.find(word, start + 1)


def load_catalog_file(path) -> Catalog:
    with open(path, encoding="utf-8") as handle:
        entries = load_yaml(handle.read()) or []
    return Catalog(system_from_mapping(entry) for entry in entries)


def load_catalog() -> Catalog:
    """The catalog shipped with the plugin."""
    source = resources.files("factsheets") / "data" / "catalog.yaml"
    with resources.as_file(source) as path:
        return load_catalog_file(path)
