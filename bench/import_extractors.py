"""Main-text extraction for `factsheets import`: the importer against plain trafilatura.

.venv/bin/python bench/import_extractors.py [--runs N] [--show]

Every saved page under tests/fixtures/pages/ is read by
  importer     factsheets.importer.read_page: trafilatura's text (default settings) without the
               headline line, clean.py's clean_lines, "READ MORE: <link>" promo lines dropped;
               metadata from JSON-LD / Open Graph / <meta> first, then trafilatura's (its date
               from the markup only), then <link rel="canonical"> for the URL
  trafilatura  trafilatura.bare_extraction(html, with_metadata=True), default settings, as is
and scored against bench/import_gold/<stem>.yaml.

Matching (both sides whitespace-normalised: runs of whitespace become one space, ends stripped):
  found   a gold paragraph is found when it equals an extracted block (the importer's paragraphs;
          a trafilatura text line) or occurs verbatim inside one (so merged blocks still count);
          a paragraph that is cut, split or altered is not found.
  junk    the words of every extracted block left after removing the gold and `optional`
          paragraphs it contains; a block with any such words left is a junk block. A block
          that is itself part of a gold paragraph (a split paragraph) is not junk.
  meta    title, date (YYYY-MM-DD), outlet and authors (the list, in order) compared exactly.
  ms      median wall time of --runs calls of the extractor on the page's text (after one
          warm-up call), parsing included.

The footprint lines are what trafilatura costs factsheets: the installed distributions that only
trafilatura and lxml_html_clean bring in, and the import time they add to `factsheets import`.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import trafilatura
import yaml

from factsheets.importer import read_page

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
GOLD = Path(__file__).resolve().parent / "import_gold"
FIELDS = ("title", "date", "outlet", "authors")


@dataclass
class Result:
    """What one extractor made of one page."""

    blocks: list[str]
    title: str | None
    date: str | None
    outlet: str | None
    authors: list[str] = field(default_factory=list)


@dataclass
class Score:
    found: int
    gold: int
    junk_blocks: int
    junk_words: int
    meta: dict[str, bool]
    ms: float
    junk: list[str]
    missed: list[str]


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


# --- the extractors ---------------------------------------------------------------


def importer(html: str) -> Result:
    page = read_page(html)
    return Result(
        blocks=page.body.split("\n\n"),
        title=page.title or None,
        date=page.published.isoformat() if page.published else None,
        outlet=page.outlet,
        authors=list(page.authors),
    )


def plain_trafilatura(html: str) -> Result:
    document = trafilatura.bare_extraction(html, with_metadata=True)
    if document is None:
        return Result([], None, None, None)
    authors = [a.strip() for a in (document.author or "").split(";") if a.strip()]
    return Result(
        blocks=(document.text or "").split("\n"),
        title=document.title,
        date=document.date,
        outlet=document.sitename,
        authors=authors,
    )


EXTRACTORS: dict[str, Callable[[str], Result]] = {
    "importer": importer,
    "trafilatura": plain_trafilatura,
}


# --- scoring ------------------------------------------------------------------------


def load_gold(stem: str) -> dict:
    gold = yaml.safe_load((GOLD / f"{stem}.yaml").read_text(encoding="utf-8"))
    gold["date"] = str(gold["date"])
    gold["paragraphs"] = [norm(p) for p in gold["paragraphs"]]
    gold["optional"] = [norm(p) for p in gold.get("optional") or []]
    return gold


def check_gold(gold: dict, html: str, stem: str) -> None:
    """A gold paragraph must be text of the page, or the gold file has a typo."""
    text = norm(unescape(re.sub(r"<[^>]+>", " ", html)))
    for paragraph in gold["paragraphs"] + gold["optional"]:
        if paragraph not in text:
            raise SystemExit(f"{stem}.yaml: not on the page: {paragraph[:60]}...")


def score(result: Result, gold: dict, ms: float) -> Score:
    blocks = [b for b in (norm(b) for b in result.blocks) if b]
    wanted = gold["paragraphs"]
    missed = [p for p in wanted if not any(p in b for b in blocks)]
    junk = []
    junk_words = 0
    for block in blocks:
        rest = block
        for paragraph in sorted(wanted + gold["optional"], key=len, reverse=True):
            rest = rest.replace(paragraph, " ")
        rest = norm(rest)
        if rest and not any(block in p for p in wanted + gold["optional"]):
            junk.append(rest)
            junk_words += len(rest.split())
    meta = {
        "title": norm(result.title) == norm(gold["title"]),
        "date": result.date == gold["date"],
        "outlet": norm(result.outlet) == norm(gold["outlet"]),
        "authors": [norm(a) for a in result.authors] == [norm(a) for a in gold["authors"]],
    }
    return Score(
        len(wanted) - len(missed), len(wanted), len(junk), junk_words, meta, ms, junk, missed
    )


def timed(extract: Callable[[str], Result], html: str, runs: int) -> tuple[Result, float]:
    result = extract(html)  # warm-up: imports, compiled patterns, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        extract(html)
        times.append(time.perf_counter() - start)
    return result, statistics.median(times) * 1000


# --- footprint ------------------------------------------------------------------------


def _requirement_parser():
    try:
        from packaging.requirements import Requirement
    except ImportError:
        from pip._vendor.packaging.requirements import Requirement
    return Requirement


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(name: str, extras: frozenset[str] = frozenset()) -> set[str]:
    """Installed distributions `name` needs at run time, itself included."""
    requirement_class = _requirement_parser()
    seen: set[str] = set()
    visited: set[tuple[str, frozenset[str]]] = set()  # lxml and lxml[html-clean] both count
    todo = [(_key(name), extras)]
    while todo:
        current, wanted_extras = todo.pop()
        if (current, wanted_extras) in visited:
            continue
        visited.add((current, wanted_extras))
        try:
            dist = md.distribution(current)
        except md.PackageNotFoundError:
            continue
        seen.add(_key(dist.metadata["Name"]))
        for line in dist.requires or []:
            requirement = requirement_class(line)
            environments = [{"extra": e} for e in wanted_extras] or [{"extra": ""}]
            marker = requirement.marker
            if marker and not any(marker.evaluate(env) for env in environments):
                continue
            extras_wanted = frozenset(_key(e) for e in requirement.extras)
            todo.append((_key(requirement.name), extras_wanted))
    return seen


def installed_bytes(name: str) -> int:
    dist = md.distribution(name)
    total = 0
    for file in dist.files or []:
        path = Path(dist.locate_file(file))
        if path.is_file():
            total += path.stat().st_size
    return total


def import_ms(module: str, runs: int = 5) -> float:
    """Median time for a fresh interpreter to import `module` (less a bare interpreter)."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(run("pass") for _ in range(runs))
    return (statistics.median(run(f"import {module}") for _ in range(runs)) - bare) * 1000


ADDED = ("trafilatura", "lxml_html_clean")  # the import extra: what only `factsheets import` needs


def footprint() -> list[str]:
    requirement_class = _requirement_parser()
    others: set[str] = set()
    for line in md.requires("pelican-factsheets") or []:
        requirement = requirement_class(line)
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue  # an extra (test, import, deploy, bench)
        if _key(requirement.name) not in {_key(name) for name in ADDED}:
            others |= closure(requirement.name, frozenset(_key(e) for e in requirement.extras))
    new = sorted(set().union(*(closure(name) for name in ADDED)) - others)
    sizes = {name: installed_bytes(name) for name in new}
    total = sum(sizes.values())
    lines = [
        f"trafilatura {trafilatura.__version__}: {len(new)} distributions that only "
        f"{' and '.join(ADDED)} bring in, {total / 1e6:.1f} MB installed:",
    ]
    for name, size in sorted(sizes.items(), key=lambda item: -item[1]):
        version = md.version(name)
        lines.append(f"  {name} {version}: {size / 1e6:.1f} MB")
    rest = sum(installed_bytes(name) for name in others)
    lines.append(
        f"factsheets' other run-time dependencies: {len(others)} distributions, "
        f"{rest / 1e6:.1f} MB; with trafilatura: {len(others | set(new))}, "
        f"{(rest + total) / 1e6:.1f} MB"
    )
    without = import_ms("bs4, factsheets.clean, factsheets.discover, factsheets.read")
    with_it = import_ms("factsheets.importer")
    lines.append(
        f"import time in a fresh interpreter (median of 5): factsheets.importer {with_it:.0f} ms, "
        f"its other imports alone {without:.0f} ms (trafilatura: +{with_it - without:.0f} ms "
        f"per `factsheets import` run)"
    )
    return lines


# --- report ---------------------------------------------------------------------------


def row(name: str, extractor: str, s: Score) -> str:
    marks = " ".join("y" if s.meta[f] else "-" for f in FIELDS)
    return (
        f"| {name:<20} | {extractor:<11} | {s.found:>2}/{s.gold:<2} | {s.junk_blocks:>11} "
        f"| {s.junk_words:>10} | {sum(s.meta.values())}/4 {marks:<8} | {s.ms:>9.2f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25, help="timed calls per page (median)")
    parser.add_argument("--show", action="store_true", help="list junk and missed paragraphs")
    args = parser.parse_args()

    pages = sorted(PAGES.rglob("*.html"), key=lambda p: p.stem)
    header = (
        f"| {'page':<20} | {'extractor':<11} | found | junk blocks | junk words | meta t d o a "
        f"| ms median |\n|{'-' * 22}|{'-' * 13}|-------|-------------|------------|--------------"
        f"|-----------|"
    )
    print(f"{len(pages)} saved pages; gold in {GOLD.relative_to(ROOT)}/; {args.runs} timed runs\n")
    print(header)
    totals: dict[str, list[Score]] = {name: [] for name in EXTRACTORS}
    notes = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        gold = load_gold(page.stem)
        check_gold(gold, html, page.stem)
        for name, extract in EXTRACTORS.items():
            result, ms = timed(extract, html, args.runs)
            s = score(result, gold, ms)
            totals[name].append(s)
            print(row(page.stem, name, s))
            if args.show:
                notes += [f"{page.stem} / {name}: junk: {j}" for j in s.junk]
                notes += [f"{page.stem} / {name}: MISSED: {m}" for m in s.missed]
                notes += [
                    f"{page.stem} / {name}: {f} wrong: {getattr(result, f)!r}"
                    for f in FIELDS
                    if not s.meta[f]
                ]
    print("\nTotal over all pages (ms: median of the per-page medians)\n")
    print(
        "| extractor   | found   | recall | junk blocks | junk words | title | date "
        "| outlet | authors | ms   |\n"
        "|-------------|---------|--------|-------------|------------|-------|------"
        "|--------|---------|------|"
    )
    for name, scores in totals.items():
        found, wanted = sum(s.found for s in scores), sum(s.gold for s in scores)
        per_field = [sum(s.meta[f] for s in scores) for f in FIELDS]
        n = len(scores)
        print(
            f"| {name:<11} | {found:>3}/{wanted:<3} | {found / wanted:>6.0%} "
            f"| {sum(s.junk_blocks for s in scores):>11} "
            f"| {sum(s.junk_words for s in scores):>10} "
            f"| {per_field[0]:>3}/{n} | {per_field[1]:>2}/{n} | {per_field[2]:>4}/{n} "
            f"| {per_field[3]:>5}/{n} | {statistics.median(s.ms for s in scores):>4.1f} |"
        )
    print()
    for line in footprint():
        print(line)
    if notes:
        print()
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
