"""The `factsheets` command: the same steps as the plugin, without building a site.

factsheets extract --json PATH...   claims found in article files, as JSON
factsheets facts [--content DIR]    update fact sheets from the articles
factsheets check [--content DIR]    validate fact sheets and topics
factsheets migrate [--content DIR]  move evidence out of sheets of the old layout
factsheets schema                   print the fact-sheet JSON Schema
factsheets devserver [--port 8000]  live preview: rebuild on change, reload the browser
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .settings import IMPORT_DEADLINE as DEADLINE

# Each command imports what it needs when it runs: `factsheets --help` or a one-article
# `extract` should not wait for Pelican, the HTML cleaner and the schema checker to load.
if TYPE_CHECKING:
    from .model import ArticleClaims, SystemClaims

SCHEMA_PATH = Path(__file__).parent / "schema" / "factsheet.schema.json"


def _error(message: str) -> None:
    print(f"factsheets: error: {message}", file=sys.stderr)


def _problems(problems, outcome: str) -> int:
    """One line per problem, then what was (not) done; the exit status for bad input."""
    for problem in problems:
        _error(str(problem))
    _error(outcome)
    return 2


def source_json(source) -> dict:
    data = {"name": source.name, "kind": source.kind}
    if source.role:
        data["role"] = source.role
    return data


def statement_json(statement, explain: bool = False) -> dict:
    data = {
        "donor": statement.donor,
        "recipient": statement.recipient,
        "status": statement.status,
        "quantity": statement.quantity,
        "variant": statement.variant,
        "background": statement.background,
        "quote": statement.quote.text,
        "offsets": [statement.quote.start, statement.quote.end],
    }
    if explain:
        data["why"] = {
            "cue": statement.cue,
            "modifier": statement.modifier,
            "clause": statement.clause,
            "inherited": statement.inherited,
            "lead": statement.lead,
            "additional": statement.additional,
        }
    return data


def _decision_json(decision) -> dict:
    chosen = decision.statement
    return {
        "status": chosen.status if chosen else None,
        "reason": decision.reason,
        "quote": chosen.quote.text if chosen else None,
    }


def system_json(claims: SystemClaims, explain: bool = False) -> dict:
    system = claims.system
    status = claims.status
    decision = claims.decision
    data = {
        "id": system.id,
        "name": system.name,
        "aliases": [f for f in system.surface_forms if f != system.name],
        "mentions": claims.mentions,
        "status": status.status if status else None,
        "status_quote": status.quote.text if status else None,
        "actor": status.actor if status else None,
        "quantity": claims.quantity,
        "review": decision.reason if decision and decision.not_sure else None,
        "supply": [statement_json(s, explain) for s in claims.statuses],
        "conditions": [
            {"condition": c.condition, "donor": c.donor, "quote": c.quote.text}
            for c in claims.conditions
        ],
        "status_history": [
            {"status": c.status, "quote": c.quote.text, "offsets": [c.quote.start, c.quote.end]}
            for c in claims.status_history
        ],
        "ranges": [
            {
                "value": int(c.range.value) if c.range.value.is_integer() else c.range.value,
                "unit": c.range.unit,
                "km": c.range.km,
                "qualifier": c.range.qualifier,
                "variant": c.range.variant,
                "quote": c.quote.text,
                "offsets": [c.quote.start, c.quote.end],
            }
            for c in claims.ranges
        ],
    }
    if explain and decision:
        data["decision"] = {
            **_decision_json(decision),
            "per_donor": {str(d): _decision_json(v) for d, v in claims.per_donor.items()},
            "per_variant": {
                f"{donor}, {variant}": _decision_json(v)
                for (donor, variant), v in claims.per_variant.items()
            },
        }
    return data


def article_json(result: ArticleClaims, explain: bool = False) -> dict:
    article = result.article
    return {
        "path": article.path,
        "title": article.title,
        "outlet": result.outlet,
        "published": article.published.isoformat() if article.published else None,
        "sources": [source_json(source) for source in result.sources],
        "systems": [system_json(claims, explain) for claims in result.systems],
    }


def command_extract(args: argparse.Namespace) -> int:
    from .extract import extract
    from .read import ArticleReadError, read_article
    from .store import FactSheetError, FactSheetStore
    from .sync import catalog_for

    try:
        catalog = catalog_for(FactSheetStore(args.facts))
    except FactSheetError as error:
        _error(f"{error} (fix the fact sheet, or pass --facts to another directory)")
        return 2
    articles, failed = [], False
    for path in args.paths:
        try:
            articles.append(article_json(extract(read_article(path), catalog), args.explain))
        except ArticleReadError as error:
            _error(str(error))
            failed = True
    json.dump({"articles": articles}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 2 if failed else 0


def article_files(content: Path) -> list[Path]:
    from .read import ARTICLE_SUFFIXES, ArticleReadError, folder_article_problems

    folder = content / "articles"
    problems = folder_article_problems(folder)
    if problems:
        raise ArticleReadError("\n".join(problems))
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
    )


def _site_settings(args: argparse.Namespace, content: Path) -> dict:
    """The site's Pelican settings (--settings, else pelicanconf.py here when there is one),
    with PATH set to --content: articles are read as `pelican` reads them."""
    from pelican.settings import read_settings

    settings_file = args.settings or (
        "pelicanconf.py" if Path("pelicanconf.py").is_file() else None
    )
    override = {"PATH": str(content.resolve()), "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False}
    if settings_file is None:
        override["TIMEZONE"] = "UTC"  # no site settings: Pelican would warn that none is set
    return read_settings(settings_file, override=override)


def command_facts(args: argparse.Namespace) -> int:
    from .cache import ExtractionCache
    from .plugin import cleaned, read_site_articles
    from .read import ArticleReadError
    from .settings import DEFAULTS, BuildDateError, build_date
    from .store import FactSheetError, FactSheetStore
    from .sync import PublishedRecordError, log_corrections, sync
    from .topics import TopicsError, load_topics, topic_reference_problems

    content = Path(args.content)
    store = FactSheetStore(content / "facts", Path(args.cache))
    corrected: list[Path] = []
    try:
        # as the site build does: the topics are checked before anything is written
        topics = load_topics(content / "topics.yaml")
        unknown = topic_reference_problems(store.editor_sheets(), topics, content / "topics.yaml")
        if unknown:
            raise FactSheetError(unknown)
        articles = read_site_articles(_site_settings(args, content), article_files(content))
        report = sync(
            articles, store, ExtractionCache(args.cache), dry_run=args.dry_run, clean=cleaned
        )
        if not args.dry_run:
            published = content / DEFAULTS["FACTSHEETS_PUBLISHED_FILE"]
            corrected = log_corrections(store, published, build_date())
    except (TopicsError, PublishedRecordError, BuildDateError) as error:
        _error(f"{error} (no fact sheet was changed)")
        return 2
    except FactSheetError as error:
        return _problems(error.problems, "no fact sheet was changed")
    except ArticleReadError as error:
        for line in str(error).splitlines():
            _error(line)
        _error("no fact sheet was changed")
        return 2
    for path, (old, new) in sorted(report.planned.items()):
        sys.stdout.writelines(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                f"a/{path}",
                f"b/{path}",
            )
        )
    for path in report.written:
        print(f"updated {path}")
    for path in corrected:
        print(f"logged a correction in {path}: write its reason under `corrections:`")
    if args.dry_run:
        print(f"dry run: {len(report.planned)} files would change; nothing was written")
    else:
        print(report)
    return 0


def command_check(args: argparse.Namespace) -> int:
    from .conflicts import find_conflicts
    from .corrections import unexplained
    from .read import ArticleReadError, folder_article_problems
    from .snapshots import SnapshotError
    from .store import FactSheetStore
    from .topics import TopicsError, load_topics, topic_reference_problems

    content = Path(args.content)
    store = FactSheetStore(content / "facts")
    problems = [str(problem) for problem in store.problems()]
    problems += folder_article_problems(content / "articles")
    try:
        topics = load_topics(content / "topics.yaml")
        if not problems:
            sheets = store.load_all()
            unknown = topic_reference_problems(sheets, topics, content / "topics.yaml")
            problems += [str(problem) for problem in unknown]
    except TopicsError as error:
        problems.append(str(error))
    for problem in problems:
        _error(problem)
    if problems:
        print(f"{len(problems)} problem(s) found; no file was changed", file=sys.stderr)
        return 1
    sheets = store.load_all()
    try:
        stale = _stale_quotes(args, content, sheets)
    except (SnapshotError, ArticleReadError) as error:
        for line in str(error).splitlines():
            _error(line)
        return 1
    for line in stale:
        print(f"stale quote: {line}")
    todo = unexplained(sheets)
    for line in todo:
        print(f"to write: {line}")
    conflicts = [c for sheet in sheets for c in find_conflicts(sheet)]
    for conflict in conflicts:
        print(f"to review: {conflict}")
        for evidence in conflict.evidence:
            value = evidence.value
            if isinstance(value, dict):
                value = f"{value.get('value')} {value.get('unit')}"
            print(f"    {value} | {evidence.article} ({evidence.published}): {evidence.quote}")
    print(f"{len(store.sheet_paths())} fact sheets OK, {len(conflicts)} conflict(s) to review")
    if stale:
        print(f"{len(stale)} quote(s) their articles no longer say: check each evidence above")
    if todo:
        print(f"{len(todo)} correction(s) without a reason: write them before publishing")
    return 1 if stale or todo else 0


def _stale_quotes(args: argparse.Namespace, content: Path, sheets: list) -> list[str]:
    """What check says of the sheets' quotes: each one its article (as the build reads it)
    or its snapshot no longer holds."""
    from .plugin import cleaned, read_site_articles
    from .snapshots import FOLDER, SUFFIX, SnapshotError, read_snapshot, stale_quotes

    snapshots = {}
    for path in sorted((content / FOLDER).glob(f"*{SUFFIX}")):
        snapshot = read_snapshot(path)
        if not snapshot.intact:
            raise SnapshotError(
                f"{path}: its text no longer matches its SHA256 line: it was edited after "
                "the import; restore it from git"
            )
        snapshots[snapshot.article] = snapshot
    articles = read_site_articles(_site_settings(args, content), article_files(content))
    texts = {article.path: cleaned(article).text for article in articles}
    return stale_quotes(sheets, texts, snapshots, content.as_posix())


def command_migrate(args: argparse.Namespace) -> int:
    from .migrate import migrate
    from .store import FactSheetError, FactSheetStore

    store = FactSheetStore(Path(args.content) / "facts")
    try:
        plans = migrate(store, dry_run=args.dry_run)
    except FactSheetError as error:
        outcome = "the sheets named were not migrated; the others are as they were or migrated"
        return _problems(error.problems, outcome)
    for plan in plans:
        moved = f", {plan.comments} comment(s) moved" if plan.comments else ""
        print(
            f"{'would migrate' if args.dry_run else 'migrated'} {plan.path}: "
            f"{plan.evidence} piece(s) of evidence to {store.ledger.folder(plan.path.stem)}, "
            f"{len(plan.rejected)} rejected id(s){moved}"
        )
    print(f"{len(plans)} fact sheet(s) {'to migrate' if args.dry_run else 'migrated'}")
    return 0


# What `factsheets import` needs beyond the plugin: pyproject.toml's `import` extra.
IMPORT_EXTRA = ("trafilatura", "lxml_html_clean", "justext")


def command_import(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import Progress

    try:
        from .importer import ImportError_, import_source
    except ModuleNotFoundError as error:
        if error.name and error.name.split(".")[0] in IMPORT_EXTRA:
            _error(
                f"factsheets import needs {error.name.split('.')[0]}, which the import extra "
                "installs: pip install 'pelican-factsheets[import]'"
            )
            return 2
        raise

    folder = Path(args.content) / "articles"
    failed = False
    # The bar goes to stderr, the terminal it is shown for. Printed paths pass through it only
    # when stdout is a terminal too (so they scroll above the bar); otherwise they stay on stdout.
    with Progress(
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=sys.stdout.isatty(),
        disable=len(args.sources) < 5 or not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task("importing", total=len(args.sources))
        for source in args.sources:
            try:
                outcome, path = import_source(source, folder, args.force, args.date, args.deadline)
            except ImportError_ as error:
                _error(str(error))
                failed = True
            else:
                if outcome == "wrote":
                    print(f"wrote {path}")
                    failed |= not _report_snapshot(args, path)
                else:
                    print(f"skipped (already imported as) {path}")
            bar.advance(task)
    return 2 if failed else 0


def _report_snapshot(args: argparse.Namespace, article: Path) -> bool:
    """Keep the article's snapshot and say so, or say in one line why it could not be."""
    from .read import ArticleReadError

    try:
        print(f"kept its text in {_snapshot(args, article)}")
    except (ArticleReadError, OSError, ValueError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        _error(f"{article}: written, but its snapshot was not ({first}); import it again")
        return False
    return True


def _snapshot(args: argparse.Namespace, article: Path) -> Path:
    """The imported article's text as the build reads it, with its address, the day and
    its sha256, in content/sources/ (snapshots.py)."""
    import logging
    from datetime import UTC, datetime

    from .plugin import cleaned, read_site_articles
    from .snapshots import snapshot_path, snapshot_text, write_snapshot

    content = Path(args.content)
    # the settings are read for how an article is read; their warnings about feeds and
    # addresses are the build's to give, not the import's
    quiet = logging.getLogger("pelican.settings")
    level, quiet.level = quiet.level, logging.ERROR
    try:
        settings = _site_settings(args, content)
    finally:
        quiet.setLevel(level)
    found = read_site_articles(settings, [article])
    if len(found) != 1:
        raise ValueError("the site's settings do not read it as an article")
    (read,) = found
    path = snapshot_path(content, read.path)
    # the day it was fetched: today, whatever day a reproducible build is dated
    fetched = datetime.now(UTC).date()
    text = snapshot_text(read.path, read.url, fetched, cleaned(read).text)
    write_snapshot(path, text)
    return path


def command_devserver(args: argparse.Namespace) -> int:
    import logging

    from pelican.log import init as init_logging

    from .devserver import Preview

    init_logging(level=logging.WARNING)
    logging.getLogger("factsheets.devserver").setLevel(logging.INFO)
    overrides = {"PATH": str(Path(args.content).resolve())} if args.content else {}
    if args.output:
        overrides["OUTPUT_PATH"] = str(Path(args.output).resolve())
    settings_file = Path(args.settings)
    if not settings_file.is_file():
        _error(f"{settings_file}: no such settings file")
        return 2
    try:
        preview = Preview(settings_file, overrides)
    except SyntaxError as error:
        _error(f"{settings_file}:{error.lineno}: {error.msg}; fix it and start again")
        return 2
    except Exception as error:  # noqa: BLE001 - any error in the settings file is the user's
        _error(f"{settings_file}: cannot be read: {type(error).__name__}: {error}")
        return 2
    try:
        server = preview.serve(args.bind, args.port)
    except OSError as error:
        _error(
            f"cannot listen on {args.bind}:{args.port} ({error.strerror}); "
            f"is another server running? try: make devserver PORT={args.port + 1}"
        )
        return 2
    with contextlib.suppress(KeyboardInterrupt):
        preview.build()
        host, port = server.server_address[:2]
        print(
            f"Serving {preview.settings['OUTPUT_PATH']} at http://{host}:{port}/ "
            "- rebuilds and reloads open pages when the content, theme or settings change; "
            "restart after changing plugins/ - Ctrl+C to stop",
            flush=True,
        )
        preview.watch()
    server.shutdown()
    print("devserver stopped", flush=True)
    return 0


def command_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(SCHEMA_PATH.read_text(encoding="utf-8"))
    return 0


def command_eval(args: argparse.Namespace) -> int:
    from . import ratchet
    from .catalog import load_catalog
    from .evaluate import evaluate, format_report, own_figures
    from .realcorpus import evaluate_real, format_real

    folder = Path(args.corpus)
    if not folder.is_dir():
        _error(f"{folder}: no such corpus directory")
        return 2
    catalog = load_catalog()
    report = evaluate(folder, catalog)
    print(f"== {folder} (our own articles)")
    print(format_report(report, verbose=args.verbose))
    figures = {"tests_corpus": own_figures(report)}
    real = Path(args.real) if args.real else None
    if real is not None and real.is_dir():
        real_report = evaluate_real(real, catalog)
        print(f"\n== {real} (real reports)")
        print(format_real(real_report, verbose=args.verbose))
        figures["real_corpus"] = real_report.figures()
    elif real is not None:
        print(f"\n== {real}: not found; the real-report corpus was not scored")
    if not args.ratchet:
        return 0
    path = Path(args.ratchet)
    try:
        stored = ratchet.load(path)
    except ratchet.RatchetError as error:
        _error(str(error))
        return 2
    problems = [line for name, f in figures.items() for line in ratchet.drops(stored, name, f)]
    for line in problems:
        _error(f"{line} (see {path})")
    if args.update_ratchet and not problems:
        for name, found in figures.items():
            stored = ratchet.raised(stored, name, found)
        ratchet.save(path, stored)
        print(f"\nratchet: {path} holds the best figures reached")
    return 1 if problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factsheets", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    extract_parser = commands.add_parser("extract", help="print the claims found in articles")
    extract_parser.add_argument(
        "--json", action="store_true", help="print JSON (the only format so far)"
    )
    extract_parser.add_argument(
        "--facts",
        default="content/facts",
        help="fact sheets whose aliases extend the catalog (default: content/facts, if present)",
    )
    extract_parser.add_argument(
        "--explain",
        action="store_true",
        help="add, for each statement and decision, the cue, clause and rule that made it",
    )
    extract_parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .md or .html file")
    extract_parser.set_defaults(run=command_extract)

    for name, run, text in (
        ("facts", command_facts, "update fact sheets from the articles, without building"),
        ("check", command_check, "validate fact sheets and topics"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument(
            "--content", default="content", help="content directory (default: content)"
        )
        sub.set_defaults(run=run)
    commands.choices["facts"].add_argument(
        "--dry-run", action="store_true", help="print the YAML diff instead of writing it"
    )
    migrate_parser = commands.add_parser(
        "migrate", help="move evidence out of fact sheets into the evidence ledger"
    )
    migrate_parser.add_argument("--content", default="content", help="content directory")
    migrate_parser.add_argument(
        "--dry-run", action="store_true", help="say what would be migrated; write nothing"
    )
    migrate_parser.set_defaults(run=command_migrate)
    for name in ("facts", "check"):
        commands.choices[name].add_argument(
            "--settings",
            help="the site's Pelican settings, read for how articles are read "
            "(default: pelicanconf.py in this folder, when there is one)",
        )
    commands.choices["facts"].add_argument(
        "--cache",
        default="cache/factsheets",
        help="extraction cache, outside content/ (default: cache/factsheets, as make html)",
    )

    import_parser = commands.add_parser("import", help="import saved pages, .txt files or URLs")
    import_parser.add_argument("sources", nargs="+", metavar="SOURCE", help="file or http(s) URL")
    import_parser.add_argument("--content", default="content", help="content directory")
    import_parser.add_argument("--force", action="store_true", help="replace an existing article")
    import_parser.add_argument(
        "--date", type=date.fromisoformat, help="date to use when the page states none"
    )
    import_parser.add_argument(
        "--deadline",
        type=float,
        default=DEADLINE,
        help=f"seconds allowed to fetch one URL, however slowly it sends (default {DEADLINE:g})",
    )
    import_parser.add_argument(
        "--settings",
        help="the site's Pelican settings, read for how the article is read into its "
        "snapshot (default: pelicanconf.py in this folder, when there is one)",
    )
    import_parser.set_defaults(run=command_import)

    eval_parser = commands.add_parser("eval", help="score extraction against a gold corpus")
    eval_parser.add_argument("corpus", nargs="?", default="tests/corpus", help="corpus directory")
    eval_parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    eval_parser.add_argument(
        "--real",
        default=None,
        metavar="DIR",
        help="also score the real-report corpus in DIR (gold*.yaml and <id>.txt)",
    )
    eval_parser.add_argument(
        "--ratchet", metavar="FILE", help="fail when a figure is below the best kept in FILE"
    )
    eval_parser.add_argument(
        "--update-ratchet",
        action="store_true",
        help="with --ratchet: raise the figures kept in FILE to today's where higher",
    )
    eval_parser.set_defaults(run=command_eval)

    dev_parser = commands.add_parser(
        "devserver", help="serve the site, rebuild on change and reload open pages"
    )
    dev_parser.add_argument(
        "--settings", "-s", default="pelicanconf.py", help="settings (default: pelicanconf.py)"
    )
    dev_parser.add_argument("--content", help="content directory (default: PATH in settings)")
    dev_parser.add_argument("--output", "-o", help="output directory (default: OUTPUT_PATH)")
    dev_parser.add_argument("--port", "-p", type=int, default=8000, help="port (default: 8000)")
    dev_parser.add_argument(
        "--bind", "-b", default="127.0.0.1", help="address (default: 127.0.0.1)"
    )
    dev_parser.set_defaults(run=command_devserver)

    schema_parser = commands.add_parser("schema", help="print the fact-sheet JSON Schema")
    schema_parser.set_defaults(run=command_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # the reader left (`factsheets extract --json ... | head`): stop quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
