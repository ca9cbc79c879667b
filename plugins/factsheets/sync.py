"""Bring the fact sheets up to date with the articles.

read articles (the caller) -> extract, or reuse cached results -> store.merge.
The Pelican plugin and `factsheets facts` both run exactly this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExtractionCache, article_key, catalog_fingerprint
from .catalog import Catalog, load_catalog
from .extract import extract
from .model import Article
from .store import FactSheetStore, article_evidence


@dataclass
class SyncReport:
    articles: int = 0
    extracted: int = 0
    cached: int = 0
    written: list[Path] = field(default_factory=list)
    planned: dict[Path, tuple[str, str]] = field(default_factory=dict)

    def __str__(self) -> str:
        return (
            f"{self.articles} articles: {self.extracted} extracted, {self.cached} from cache; "
            f"{len(self.written)} fact sheets updated"
        )


def catalog_for(store: FactSheetStore) -> Catalog:
    """The shipped catalog taught by the editors' fact sheets (raises on bad sheets)."""
    return load_catalog().with_aliases(store.editor_aliases())


def sync(
    articles: list[Article],
    store: FactSheetStore,
    cache: ExtractionCache | None,
    dry_run: bool = False,
) -> SyncReport:
    catalog = catalog_for(store)
    salt = catalog_fingerprint(catalog)
    report = SyncReport(articles=len(articles))
    contributions = []
    for article in articles:
        key = article_key(article, salt)
        contribution = cache.get(key) if cache else None
        if contribution is None:
            contribution = article_evidence(extract(article, catalog))
            report.extracted += 1
            if cache:
                cache.put(key, contribution)
        else:
            report.cached += 1
        contributions.append(contribution)
    report.written = store.merge(contributions, report.planned if dry_run else None)
    return report
