"""Score extraction on a corpus of real reports annotated by hand (`gold*.yaml` + `<id>.txt`).

The real reports live outside this repository (`../shared/corpus/`): their texts are third-party
and are read here, never copied.  Each gold file lists per article the systems an editor would
extract, with `also` (other names as written), `status`, `ranges`, `donors`, `quantity`, and
`ignore` (systems named but not transferred: neither found nor missing counts).

The figures, defined as the corpus's own score script defines them so that both agree: systems
and ranges F1, status accuracy (over every gold status), status precision (of the statuses
asserted, how many are right: a wrong status is worse than none), donors recall and quantities
found (for the systems found, where the gold gives them), and quotes not in their article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .catalog import Catalog
from .evaluate import Score, ratio
from .extract import extract
from .extract.vocabulary import countries
from .model import KM_PER_UNIT, SystemClaims
from .read import read_article


@dataclass
class RealReport:
    articles: int = 0
    systems: Score = field(default_factory=Score)
    ranges: Score = field(default_factory=Score)
    status_total: int = 0
    status_right: int = 0
    status_wrong: int = 0
    donors_total: int = 0
    donors_found: int = 0
    quantities_total: int = 0
    quantities_found: int = 0
    quotes: int = 0
    ungrounded: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def status_accuracy(self) -> float:
        return ratio(self.status_right, self.status_total)

    @property
    def status_precision(self) -> float:
        return ratio(self.status_right, self.status_right + self.status_wrong)

    @property
    def donors_recall(self) -> float:
        return ratio(self.donors_found, self.donors_total)

    @property
    def quantities_recall(self) -> float:
        return ratio(self.quantities_found, self.quantities_total)

    def figures(self) -> dict[str, float]:
        return {
            "systems_f1": round(self.systems.f1, 3),
            "ranges_f1": round(self.ranges.f1, 3),
            "status_accuracy": round(self.status_accuracy, 3),
            "status_precision": round(self.status_precision, 3),
            "donors_recall": round(self.donors_recall, 3),
            "quantities_recall": round(self.quantities_recall, 3),
        }


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", name or "").lower())


def _keys(names) -> set[str]:
    keys = set()
    for name in names:
        key = _key(name)
        if key:
            keys.add(key)
            if key.endswith("s") and len(key) > 3:
                keys.add(key[:-1])
    return keys


def _flat(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    for curly, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, plain)
    return re.sub(r"\s+", " ", text).strip()


def _country(name: str | None) -> str | None:
    if not name:
        return None
    return countries().by_word.get(name.strip(), name.strip())


def _km(value: float, unit: str) -> float:
    return value * KM_PER_UNIT.get(unit, 1.0)


def _system_keys(entry: SystemClaims) -> set[str]:
    system = entry.system
    return _keys([system.name, system.id, *system.surface_forms, *entry.mentions])


def load_gold(folder: Path) -> list[dict]:
    """Every gold*.yaml in name order; a later entry with the same id replaces an earlier one."""
    by_id: dict[str, dict] = {}
    for path in sorted(folder.glob("gold*.yaml")):
        for article in yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]:
            by_id[article["id"]] = article
    return [a for a in by_id.values() if (folder / f"{a['id']}.txt").exists()]


def evaluate_real(folder: Path, catalog: Catalog) -> RealReport:
    report = RealReport()
    for gold in load_gold(folder):
        path = folder / f"{gold['id']}.txt"
        result = extract(read_article(path), catalog)
        _score_article(report, gold, result.systems, _flat(result.article.text))
        report.articles += 1
    return report


def _score_article(report: RealReport, gold: dict, found: list[SystemClaims], text: str):
    name = gold["id"]
    for entry in found:
        quotes = [s.quote.text for s in entry.statuses] + [r.quote.text for r in entry.ranges]
        report.quotes += len(quotes)
        report.ungrounded += sum(1 for q in quotes if _flat(q) not in text)
    ignored = _keys(gold.get("ignore") or [])
    used: set[int] = set()
    for gold_system in gold.get("systems") or []:
        wanted = _keys([gold_system["name"], *(gold_system.get("also") or [])])
        # as the corpus's own score script does: the first system found that shares a name
        match = next((i for i, e in enumerate(found) if wanted & _system_keys(e)), None)
        if match is None:
            _missed(report, gold_system, name)
            continue
        used.add(match)
        report.systems.true_positives += 1
        _score_system(report, gold_system, found[match], name)
    for index, entry in enumerate(found):
        if index not in used and not (_system_keys(entry) & ignored):
            report.systems.false_positives += 1
            report.errors.append(f"{name}: {entry.system.name} found but not in gold")


def _missed(report: RealReport, gold_system: dict, name: str) -> None:
    report.systems.false_negatives += 1
    report.ranges.false_negatives += len(gold_system.get("ranges") or [])
    report.status_total += bool(gold_system.get("status"))
    report.errors.append(f"{name}: {gold_system['name']} missed")


def _score_system(report: RealReport, gold_system: dict, entry: SystemClaims, name: str):
    label = f"{name}: {gold_system['name']}"
    _score_ranges(report, gold_system.get("ranges") or [], entry, label)
    donors = {_country(s.donor) for s in entry.statuses}
    for donor in gold_system.get("donors") or []:
        report.donors_total += 1
        if _country(donor) in donors:
            report.donors_found += 1
        else:
            report.errors.append(f"{label}: donor {donor} missed")
    if gold_system.get("quantity"):
        report.quantities_total += 1
        if gold_system["quantity"] in {s.quantity for s in entry.statuses} | {entry.quantity}:
            report.quantities_found += 1
        else:
            report.errors.append(f"{label}: quantity {gold_system['quantity']} missed")
    if gold_system.get("status"):
        report.status_total += 1
        said = entry.status.status if entry.status else None
        if said == gold_system["status"]:
            report.status_right += 1
        else:
            report.status_wrong += said is not None
            report.errors.append(f"{label}: status {said} != {gold_system['status']}")


def _score_ranges(report: RealReport, gold_ranges: list, entry: SystemClaims, label: str):
    wanted = [(float(r["value"]), r["unit"]) for r in gold_ranges]
    got = [(c.range.value, c.range.unit) for c in entry.ranges]
    hit: set[int] = set()
    for value, unit in wanted:
        index = next(
            (j for j, (v, u) in enumerate(got) if j not in hit and _same_reach(v, u, value, unit)),
            None,
        )
        if index is None:
            report.ranges.false_negatives += 1
            report.errors.append(f"{label}: range {value:g} {unit} missed")
        else:
            hit.add(index)
            report.ranges.true_positives += 1
    for j, (value, unit) in enumerate(got):
        # a conversion the article also states (300 km and 190 mi) is no extra range
        if j not in hit and not any(_same_reach(value, unit, v, u) for v, u in wanted):
            report.ranges.false_positives += 1
            report.errors.append(f"{label}: extra range {value:g} {unit}")


def _same_reach(value, unit, gold_value, gold_unit) -> bool:
    """Within 1% in the same unit, or within 3% once both are in kilometres."""
    if unit == gold_unit and abs(value - gold_value) <= 0.01 * gold_value:
        return True
    gold_km = _km(gold_value, gold_unit)
    return abs(_km(value, unit) - gold_km) <= 0.03 * gold_km


def format_real(report: RealReport, verbose: bool = False) -> str:
    f = report.figures()
    lines = [
        f"articles: {report.articles}",
        f"systems   f1 {f['systems_f1']:.3f}  precision {report.systems.precision:.3f}"
        f"  recall {report.systems.recall:.3f}",
        f"ranges    f1 {f['ranges_f1']:.3f}  precision {report.ranges.precision:.3f}"
        f"  recall {report.ranges.recall:.3f}",
        f"status    accuracy {f['status_accuracy']:.3f} ({report.status_right}/"
        f"{report.status_total})  precision {f['status_precision']:.3f}"
        f" ({report.status_wrong} asserted wrong)",
        f"donors    recall {f['donors_recall']:.3f} ({report.donors_found}/{report.donors_total})",
        f"quantity  recall {f['quantities_recall']:.3f}"
        f" ({report.quantities_found}/{report.quantities_total})",
        f"quotes    {report.quotes}, ungrounded {report.ungrounded}",
    ]
    if verbose:
        lines.extend(f"  - {error}" for error in report.errors)
    return "\n".join(lines)
