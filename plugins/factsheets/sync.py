"""Bring the fact sheets up to date with the articles.

read articles (the caller) -> extract, or reuse cached results -> store.merge.
The Pelican plugin and `factsheets facts` both run exactly this.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExtractionCache, article_key, catalog_fingerprint
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
    record_path = Path(cache.folder) / "merged.json" if cache and not dry_run else None
    record = MergeRecord.read(record_path) if record_path else None
    wanted = record.needed(keys, store_files(store)) if record else list(range(len(keys)))
    if not wanted:
        # the same articles were merged into these files, or only sheets no article names
        # were saved: a merge would write nothing
        report.cached = len(articles)
        if record and record.files != (files := store_files(store)):
            MergeRecord(record.articles, files).write(record_path)
        return report
    contributions = {index: cache.get(keys[index]) if cache else None for index in wanted}
    missing = [index for index in wanted if contributions[index] is None]
    extracted = extract_each([articles[i] for i in missing], catalog, workers, clean)
    for index, claims in zip(missing, extracted, strict=True):
        contributions[index] = article_evidence(claims)
        if cache:
            cache.put(keys[index], contributions[index])
    report.extracted, report.cached = len(missing), len(articles) - len(missing)
    report.written = store.merge(
        [contributions[index] for index in wanted],
        report.planned if dry_run else None,
        catalog.renamed,
    )
    report.sheets = [path for path in report.written if path.parent == store.facts_dir]
    if record_path:
        merged = {keys[index]: contributions[index] for index in wanted}
        MergeRecord.after(record, keys, merged, store_files(store)).write(record_path)
    return report


_MERGE_CODE = content_digest(b"merge")


@dataclass
class MergeRecord:
    """What the last merge worked from: each article's key with the systems it gave
    evidence for, and the size, time and inode of every file the store reads, as the merge
    left them.  With it, a build merges only what changed since: a new article's evidence,
    or the evidence behind a sheet an editor saved (the merge fills that sheet's empty
    fields).  Anything else (an article gone, a ledger file touched, a sheet added or
    removed, other code) merges everything again."""

    articles: dict[str, list[str]]
    files: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> MergeRecord | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("code") != _MERGE_CODE:
                return None
            articles, files = dict(data["articles"]), dict(data["files"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # no record: merge everything
        shaped = all(
            isinstance(ids, list) and all(isinstance(i, str) for i in ids)
            for ids in articles.values()
        ) and all(isinstance(state, str) for state in files.values())
        return cls(articles, files) if shaped else None  # a damaged one: merge everything

    @classmethod
    def after(cls, before, keys: list[str], merged: dict, files: dict[str, str]) -> MergeRecord:
        known = before.articles if before else {}
        articles = {}
        for key in keys:
            if key in merged:
                articles[key] = sorted({system.id for system, _ in merged[key]})
            else:
                articles[key] = known[key]
        return cls(articles, files)

    def needed(self, keys: list[str], files: dict[str, str]) -> list[int]:
        """The indexes of the articles a merge must read; every one unless only articles
        were added or sheets saved."""
        everything = list(range(len(keys)))
        if not set(self.articles) <= set(keys) or files.keys() != self.files.keys():
            return everything
        changed = [name for name in files if files[name] != self.files[name]]
        if any(not name.startswith("sheet:") for name in changed):
            return everything  # a ledger file changed under the merge: read it all again
        sheets = {Path(name.removeprefix("sheet:")).stem for name in changed}
        return [
            index
            for index, key in enumerate(keys)
            if key not in self.articles or sheets.intersection(self.articles[key])
        ]

    def write(self, path: Path) -> None:
        data = {"code": _MERGE_CODE, "articles": self.articles, "files": self.files}
        with contextlib.suppress(OSError):  # without it the next build merges everything
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            os.replace(temporary, path)


def store_files(store: FactSheetStore) -> dict[str, str]:
    """Every file the store reads, by path, with its size, times and inode (any write
    changes the change time, even one that puts the modification time back)."""
    # the files the store reads, no others: an editor's lock or backup file (Emacs's
    # `.#x.yaml` is a dangling link) is neither read nor stat'ed
    paths = [("sheet", p) for p in store.sheet_paths()]
    paths += [("ledger", p) for i in store.ledger.system_ids() for p in store.ledger.shard_paths(i)]
    found = {}
    for kind, path in paths:
        try:
            info = path.lstat()
        except OSError:
            continue  # gone since it was listed: the next merge will see it
        found[f"{kind}:{path}"] = (
            f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"
        )
    found["facts-dir"] = str(store.facts_dir.is_dir())
    return found


def extract_all(
    articles: Sequence[Article], catalog: Catalog, workers: int = 1, clean: Clean | None = None
) -> list[ArticleClaims]:
    """Claims of every article, in order; in `workers` processes when there are many."""
    return list(extract_each(articles, catalog, workers, clean))


def extract_each(
    articles: Sequence[Article], catalog: Catalog, workers: int = 1, clean: Clean | None = None
) -> Iterator[ArticleClaims]:
    """Claims of every article, in order, one at a time: a caller that keeps only what it
    needs of each (the build keeps its evidence) never holds 10,000 articles' claims."""
    workers = workers if workers > 0 else (os.cpu_count() or 1)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    with progress("extracting articles", len(articles)) as advance:
        if workers == 1 or len(articles) < PARALLEL_FROM or not can_fork:
            for article in articles:
                yield _extract_one(article, catalog, clean)
                advance(1)
            return
        # Forked workers inherit the catalog with its compiled patterns: nothing to pickle.
        global _WORKER_CATALOG, _WORKER_CLEAN
        _WORKER_CATALOG, _WORKER_CLEAN = catalog, clean
        context = multiprocessing.get_context("fork")
        chunk = max(1, min(64, len(articles) // (workers * 8)))
        with context.Pool(workers) as pool:
            for claims in pool.imap(_extract_in_worker, articles, chunksize=chunk):
                yield claims
                advance(1)


_WORKER_CATALOG: Catalog | None = None
_WORKER_CLEAN: Clean | None = None


def _extract_one(article: Article, catalog: Catalog, clean: Clean | None) -> ArticleClaims:
    return extract(clean(article) if clean else article, catalog)


def _extract_in_worker(article: Article) -> ArticleClaims:
    return _extract_one(article, _WORKER_CATALOG, _WORKER_CLEAN)


class PublishedRecordError(ValueError):
    """The record of the last publish build cannot be read."""


def read_published(path: Path) -> dict | None:
    """The record the last publish build left (corrections.published_record), or None when
    the site has not been published from here yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise PublishedRecordError(
            f"{path}: cannot be read ({error}); restore it from git"
        ) from None
    try:
        record = json.loads(text)
    except ValueError as error:
        raise PublishedRecordError(
            f"{path}:{error.lineno}: not the record a publish build writes ({error.msg}); "
            "restore it from git, or delete it (the next `make publish` writes it again)"
        ) from None
    if not isinstance(record, dict) or not isinstance(record.get("systems"), dict):
        raise PublishedRecordError(
            f"{path}: has no `systems`; restore it from git, or delete it (the next `make "
            "publish` writes it again)"
        )
    from .corrections import record_problems

    if problems := record_problems(record):
        raise PublishedRecordError(
            f"{path}: {problems[0]} (of {len(problems)} problem(s)); restore it from git, or "
            "delete it (the next `make publish` writes it again)"
        )
    return record


def pending_corrections(sheets, published: Path, today) -> dict[str, list[dict]]:
    """Per sheet, the `corrections:` entries for every published value an editor has
    changed since the last publish build and the sheet does not log yet."""
    from .corrections import new_corrections

    record = read_published(published)
    if record is None:
        return {}
    entries = {}
    for sheet in sheets:
        values = record["systems"].get(sheet.id)
        if values and (new := new_corrections(sheet, values, today)):
            entries[sheet.id] = new
    return entries


def log_corrections(store: FactSheetStore, published: Path, today) -> list[Path]:
    """Append each pending correction to its sheet; the sheets written."""
    entries = pending_corrections(store.load_all(), published, today)
    return store.append_corrections(entries) if entries else []


def write_published(path: Path, record: dict) -> bool:
    """The publish build's record at `path`, through a temporary file; False, and the file
    left as it is, when it already holds the same values (whatever day it names: the day
    the values were last published)."""
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        if json.loads(path.read_text(encoding="utf-8"))["systems"] == record["systems"]:
            return False
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return True
