"""Bring the fact sheets up to date with the articles.

read articles (the caller) -> extract, or reuse cached results -> store.merge.
The Pelican plugin and `factsheets facts` both run exactly this.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExtractionCache, article_key, catalog_fingerprint, stamp_holds, write_stamp
from .catalog import Catalog, load_catalog
from .evidence import article_evidence
from .extract import extract
from .model import Article, ArticleClaims
from .parsed import content_digest
from .progress import progress
from .store import FactSheetStore


@dataclass
class SyncReport:
    articles: int = 0
    extracted: int = 0
    cached: int = 0
    written: list[Path] = field(default_factory=list)
    planned: dict[Path, tuple[str, str]] = field(default_factory=dict)
    # of `written`, the editors' sheets (created, or an empty field filled)
    sheets: list[Path] = field(default_factory=list)

    def __str__(self) -> str:
        ledger = len(self.written) - len(self.sheets)
        return (
            f"{self.articles} articles: {self.extracted} extracted, {self.cached} from cache; "
            f"{ledger} evidence files appended to; {len(self.sheets)} fact sheets updated"
        )


def catalog_for(store: FactSheetStore) -> Catalog:
    """The shipped catalog taught by the editors' fact sheets (raises on bad sheets)."""
    return load_catalog().with_aliases(store.editor_aliases())


# Below this many articles to extract, starting worker processes costs more than it saves.
PARALLEL_FROM = 200

Clean = Callable[[Article], Article]


def sync(
    articles: Sequence[Article],
    store: FactSheetStore,
    cache: ExtractionCache | None,
    dry_run: bool = False,
    clean: Clean | None = None,
    workers: int = 1,
) -> SyncReport:
    """Extract what the cache lacks, then merge everything into the store.

    `articles` are as read; `clean`, if given, turns one into cleaned text (the
    plugin's bodies are Pelican's HTML), so the cache is keyed on what was read
    and cleaning is skipped for cached articles. `workers` > 1 extracts in that
    many processes.
    """
    catalog = catalog_for(store)
    salt = catalog_fingerprint(catalog)
    report = SyncReport(articles=len(articles))
    keys = [article_key(article, salt) for article in articles]
    stamp = Path(cache.folder) / "merged.sha256" if cache and not dry_run else None
    if stamp and stamp_holds(stamp, _merged_digest(keys, store)):
        # the same articles were merged into these very files: nothing can change
        report.cached = len(articles)
        return report
    contributions = [cache.get(key) if cache else None for key in keys]
    missing = [index for index, found in enumerate(contributions) if found is None]
    extracted = extract_all([articles[i] for i in missing], catalog, workers, clean)
    for index, claims in zip(missing, extracted, strict=True):
        contributions[index] = article_evidence(claims)
        if cache:
            cache.put(keys[index], contributions[index])
    report.extracted, report.cached = len(missing), len(articles) - len(missing)
    report.written = store.merge(
        contributions, report.planned if dry_run else None, catalog.renamed
    )
    report.sheets = [path for path in report.written if path.parent == store.facts_dir]
    if stamp:
        write_stamp(stamp, _merged_digest(keys, store))
    return report


def _merged_digest(keys: list[str], store: FactSheetStore) -> str:
    """The articles (as extracted) and the store's files as they are on disk now."""
    digest = hashlib.sha256(content_digest(b"merge").encode())
    for key in keys:
        digest.update(key.encode())
    # the files the store reads, no others: an editor's lock or backup file (Emacs's
    # `.#x.yaml` is a dangling link) is neither read nor stat'ed
    paths = store.sheet_paths()
    paths += [p for i in store.ledger.system_ids() for p in store.ledger.shard_paths(i)]
    for path in paths:
        try:
            info = path.lstat()
        except OSError:
            continue  # gone since it was listed: the next merge will see it
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}".encode())
    digest.update(str(store.facts_dir.is_dir()).encode())
    return digest.hexdigest()


def extract_all(
    articles: Sequence[Article], catalog: Catalog, workers: int = 1, clean: Clean | None = None
) -> list[ArticleClaims]:
    """Claims of every article, in order; in `workers` processes when there are many."""
    workers = workers if workers > 0 else (os.cpu_count() or 1)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    with progress("extracting articles", len(articles)) as advance:
        if workers == 1 or len(articles) < PARALLEL_FROM or not can_fork:
            found = []
            for article in articles:
                found.append(_extract_one(article, catalog, clean))
                advance(1)
            return found
        # Forked workers inherit the catalog with its compiled patterns: nothing to pickle.
        global _WORKER_CATALOG, _WORKER_CLEAN
        _WORKER_CATALOG, _WORKER_CLEAN = catalog, clean
        context = multiprocessing.get_context("fork")
        chunk = max(1, min(64, len(articles) // (workers * 8)))
        found = []
        with context.Pool(workers) as pool:
            for claims in pool.imap(_extract_in_worker, articles, chunksize=chunk):
                found.append(claims)
                advance(1)
        return found


_WORKER_CATALOG: Catalog | None = None
_WORKER_CLEAN: Clean | None = None


def _extract_one(article: Article, catalog: Catalog, clean: Clean | None) -> ArticleClaims:
    return extract(clean(article) if clean else article, catalog)


def _extract_in_worker(article: Article) -> ArticleClaims:
    return _extract_one(article, _WORKER_CATALOG, _WORKER_CLEAN)
