"""Score the extractor against a gold corpus: `factsheets eval DIR`.

Each article `NAME.{txt,md,html}` in DIR has `NAME.gold.yaml` beside it with the
systems, ranges and statuses a careful editor would extract.  A gold file with
no article of its own names one in `reference:` (a path relative to DIR).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .catalog import Catalog
from .discover import slug
from .extract import extract
from .model import ArticleClaims
from .read import read_article

ARTICLE_SUFFIXES = (".txt", ".md", ".html")


def ratio(part: int, whole: int) -> float:
    """part / whole, and 1.0 when there was nothing to count."""
    return part / whole if whole else 1.0


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, gold: Counter, found: Counter) -> None:
        matched = sum((gold & found).values())
        self.true_positives += matched
        self.false_positives += sum(found.values()) - matched
        self.false_negatives += sum(gold.values()) - matched

    @property
    def precision(self) -> float:
        return ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Report:
    articles: int = 0
    systems: Score = field(default_factory=Score)
    ranges: Score = field(default_factory=Score)
    status_correct: int = 0
    status_total: int = 0
    ungrounded_quotes: int = 0
    quotes: int = 0
    outlet_correct: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def status_accuracy(self) -> float:
        return ratio(self.status_correct, self.status_total)


def gold_system_id(gold_id: str) -> str:
    return slug(gold_id.removeprefix("new:")) if gold_id.startswith("new:") else gold_id


def _grounding(result: ArticleClaims) -> tuple[int, int]:
    """(quotes, ungrounded quotes): a quote must be the text at its offsets."""
    text = result.article.text
    quotes = [
        quote
        for entry in result.systems
        for quote in [
            *entry.mention_quotes,
            *(claim.quote for claim in entry.ranges),
            *(claim.quote for claim in entry.statuses),
        ]
    ]
    bad = sum(1 for q in quotes if text[q.start : q.end] != q.text or q.text not in text)
    return len(quotes), bad


def score_article(report: Report, result: ArticleClaims, gold: dict, name: str) -> None:
    found = {entry.system.id: entry for entry in result.systems}
    gold_systems = {gold_system_id(s["id"]): s for s in gold.get("systems") or []}
    report.systems.add(Counter(gold_systems.keys()), Counter(found.keys()))
    for system_id in gold_systems.keys() | found.keys():
        expected = Counter(
            (float(r["value"]), r["unit"])
            for r in gold_systems.get(system_id, {}).get("ranges") or []
        )
        entry = found.get(system_id)
        got = Counter((c.range.value, c.range.unit) for c in entry.ranges) if entry else Counter()
        report.ranges.add(expected, got)
        for value, unit in (expected - got).elements():
            report.errors.append(f"{name}: {system_id} range {value:g} {unit} missed")
        for value, unit in (got - expected).elements():
            report.errors.append(f"{name}: {system_id} range {value:g} {unit} not in gold")
    for system_id, expected in gold_systems.items():
        entry = found.get(system_id)
        predicted = entry.status.status if entry and entry.status else None
        report.status_total += 1
        if predicted == expected.get("status"):
            report.status_correct += 1
        else:
            report.errors.append(
                f"{name}: {system_id} status {predicted} != {expected.get('status')}"
            )
    for system_id in found.keys() - gold_systems.keys():
        report.errors.append(f"{name}: {system_id} found but not in gold")
    for system_id in gold_systems.keys() - found.keys():
        report.errors.append(f"{name}: {system_id} missed")
    quotes, bad = _grounding(result)
    report.quotes += quotes
    report.ungrounded_quotes += bad
    report.outlet_correct += int(result.outlet == gold.get("outlet"))


def corpus_pairs(folder: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(folder.glob("*.gold.yaml")):
        data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
        stem = gold.name.removesuffix(".gold.yaml")
        if data.get("reference"):
            article = (folder / data["reference"]).resolve()
            if article.exists():
                pairs.append((article, gold))
            continue
        articles = [folder / f"{stem}{suffix}" for suffix in ARTICLE_SUFFIXES]
        pairs.extend((article, gold) for article in articles if article.exists())
    return pairs


def evaluate(folder: Path, catalog: Catalog) -> Report:
    report = Report()
    for article_path, gold_path in corpus_pairs(folder):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        result = extract(read_article(article_path), catalog)
        score_article(report, result, gold, article_path.name)
        report.articles += 1
    return report


def own_figures(report: Report) -> dict[str, float]:
    """The figures the ratchet keeps for a corpus of our own articles."""
    return {
        "systems_f1": round(report.systems.f1, 3),
        "ranges_f1": round(report.ranges.f1, 3),
        "status_accuracy": round(report.status_accuracy, 3),
    }


def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"articles: {report.articles}"]
    for name, score in (("systems", report.systems), ("ranges", report.ranges)):
        counts = f"tp {score.true_positives}, fp {score.false_positives}"
        lines.append(
            f"{name:8} precision {score.precision:.3f}  recall {score.recall:.3f}"
            f"  f1 {score.f1:.3f}  ({counts}, fn {score.false_negatives})"
        )
    correct = f"{report.status_correct}/{report.status_total}"
    lines.append(f"status   accuracy {report.status_accuracy:.3f}  ({correct})")
    lines.append(f"outlet   accuracy {report.outlet_correct / max(report.articles, 1):.3f}")
    lines.append(f"quotes   {report.quotes}, ungrounded {report.ungrounded_quotes}")
    if verbose:
        lines.extend(f"  - {error}" for error in report.errors)
    return "\n".join(lines)
