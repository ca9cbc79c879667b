"""Pelican wiring: connect the steps of the flow to Pelican's signals.

read (the .txt reader) -> clean -> extract -> store, once Pelican has read the
articles; then the generator renders the site from the store.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from blinker import signal
from pelican import signals

from . import search
from .cache import ExtractionCache, stamp_holds, write_stamp
from .clean import html_to_text, sanitize_html
from .corrections import published_record, unexplained
from .generate import FactSheetsGenerator, stop_build
from .model import Article, km_to_mi
from .read import TextArticleReader, folder_article_problems
from .settings import (
    DEFAULTS,
    BuildDateError,
    asked_for,
    build_date,
    cache_path,
    content_path,
    enabled,
    setting,
    sitemap_plugin_loaded,
    static_dir_problem,
)
from .shipped import add_fallback_templates
from .store import FactSheetError, FactSheetStore
from .sync import (
    PublishedRecordError,
    log_corrections,
    pending_corrections,
    read_published,
    sync,
    write_published,
)
from .topics import TopicsError, load_site_topics, topic_reference_problems
from .validate import folder_problems, shown_path

logger = logging.getLogger(__name__)

# Sent with the paths of the fact sheets a build rewrote, so the live preview
# can tell the build's own writes from an editor's edit.
fact_sheets_written = signal("factsheets_written")


def add_readers(readers) -> None:
    readers.reader_classes["txt"] = TextArticleReader


def article_from_pelican(content) -> Article:
    """Our Article from a Pelican article; its body is still Pelican's HTML."""
    metadata = content.metadata
    date = getattr(content, "date", None)
    return Article(
        path=content.relative_source_path.replace(os.sep, "/"),
        title=str(metadata.get("title", "")),
        body=content.content,
        published=date.date() if date and not metadata.get("undated") else None,
        outlet=metadata.get("outlet") or None,
        url=getattr(content, "source_url", None),
        origin=metadata.get("origin") or None,
    )


def read_site_articles(settings, paths: list[Path]) -> list[Article]:
    """The articles at `paths` read exactly as a build reads them: Pelican's readers, the
    site's settings (Markdown extensions such as smarty included) and this plugin's
    handlers; so `factsheets facts` and `pelican` quote the same text and never store a
    claim twice."""
    from pelican.contents import Article as PelicanArticle
    from pelican.readers import Readers

    register()  # our reader and content handlers, as a build has them
    settings = {**settings, "FACTSHEETS_ENABLED": True}  # a factsheets command asks for them
    readers = Readers(settings)
    root = settings["PATH"]
    found = []
    for path in paths:
        relative = os.path.relpath(path, root)
        content = readers.read_file(base_path=root, path=relative, content_class=PelicanArticle)
        found.append(article_from_pelican(content))
    return found


def cleaned(article: Article) -> Article:
    """The article with its HTML body turned into cleaned text, ready to extract."""
    return replace(article, body=html_to_text(article.body))


def update_fact_sheets(article_generator) -> None:
    """Extract claims from every article and merge them into the fact sheets."""
    settings = article_generator.settings
    if not setting(settings, "FACTSHEETS_UPDATE_ON_BUILD"):
        return
    store = FactSheetStore.for_site(settings)
    cache = ExtractionCache(cache_path(settings))
    articles = [article_from_pelican(a) for a in article_generator.articles]
    workers = int(setting(settings, "FACTSHEETS_WORKERS"))
    try:
        # The generator needs the topics too: check them before anything is written.
        topics_file = Path(content_path(settings, "FACTSHEETS_TOPICS_FILE"))
        topics = load_site_topics(settings)
        unknown = topic_reference_problems(store.editor_sheets(), topics, topics_file)
        if unknown:
            stop_build(unknown)
        report = sync(articles, store, cache, clean=cleaned, workers=workers)
        corrected = log_corrections(store, published_path(settings), build_date())
    except FactSheetError as error:
        stop_build(error.problems)
    except (TopicsError, PublishedRecordError) as error:
        stop_build([error])
    for path in corrected:
        logger.warning("factsheets: %s: logged a correction; write its reason", path)
    logger.info("factsheets: %s", report)
    for path in report.written:
        logger.info("factsheets: updated %s", path)
    fact_sheets_written.send(store, paths=[*report.written, *corrected])


def published_path(settings) -> Path:
    return Path(content_path(settings, "FACTSHEETS_PUBLISHED_FILE"))


def refuse_unexplained_corrections(pelican) -> None:
    """A publish build stops on a correction without its reason before Pelican empties the
    output (DELETE_OUTPUT_DIRECTORY): the last good site stays.  One logged during this
    build stops it later, in the generator."""
    settings = pelican.settings
    if not setting(settings, "FACTSHEETS_RECORD_PUBLISHED"):
        return
    store = FactSheetStore.for_site(settings)
    try:
        sheets = _published_sheets(settings, store.load_all())
        pending = pending_corrections(sheets, published_path(settings), build_date())
    except FactSheetError:
        return  # the build reports a broken sheet on its way, in its own words
    except PublishedRecordError as error:
        stop_build([error])
    todo = [f"{line}, then publish again" for line in unexplained(sheets)]
    for system_id, entries in sorted(pending.items()):
        for entry in entries:
            todo.append(
                f"{shown_path(store.path_for(system_id))}: "
                f"{entry['field']} changed since it was published ({entry['from']} → "
                f"{entry['to']}); build locally (make html) to log the correction, write its "
                "reason, then publish"
            )
    if todo:
        stop_build(todo)


def _published_sheets(settings, sheets: list) -> list:
    """The sheets a publish build shows: not those held for review, unless it shows all."""
    if setting(settings, "FACTSHEETS_PUBLISH_UNREVIEWED"):
        return sheets
    return [sheet for sheet in sheets if not sheet.review]


def record_published(pelican) -> None:
    """After a publish build: what its system pages showed, for the next builds to log an
    editor's change of a published value as a correction."""
    settings = pelican.settings
    if not setting(settings, "FACTSHEETS_RECORD_PUBLISHED"):
        return
    sheets = _published_sheets(settings, FactSheetStore.for_site(settings).load_all())
    record = published_record(sheets, build_date())
    with contextlib.suppress(PublishedRecordError):
        # a sheet held for review keeps what readers last saw of it
        earlier = read_published(published_path(settings)) or {"systems": {}}
        record["systems"] = {**earlier["systems"], **record["systems"]}
    if write_published(published_path(settings), record):
        logger.info("factsheets: recorded the published values in %s", published_path(settings))


def sanitize_content(content) -> None:
    """Templates print article HTML unescaped, so nothing executable may be in it."""
    html = getattr(content, "_content", None)
    if not html:
        return
    known = KnownSafe.for_settings(content.settings)
    digest = known.digest(html)
    if known.holds(digest):
        return  # sanitizing it gave the very same HTML before
    safe = sanitize_html(html)
    if safe == html:
        known.add(digest)
    content._content = safe


class KnownSafe:
    """Digests of article HTML that sanitize_html left as it was, kept in the cache with
    the sanitizer's code and version: such HTML is not parsed again on the next build."""

    _open: dict[str, KnownSafe] = {}

    def __init__(self, path: Path):
        import nh3

        self.path = path
        code = (Path(__file__).parent / "clean.py").read_bytes()
        self.salt = hashlib.sha256(code + nh3.__version__.encode()).digest()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            before = set(data["safe"]) if data.get("salt") == self.salt.hex() else set()
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            before = set()
        self.before = before
        self.now: set[str] = set()  # this build's: what is saved, so the file never grows

    @classmethod
    def for_settings(cls, settings) -> KnownSafe:
        path = Path(cache_path(settings)) / "safe-html.json"
        if str(path) not in cls._open:
            cls._open[str(path)] = cls(path)
        return cls._open[str(path)]

    def digest(self, html: str) -> str:
        return hashlib.sha256(self.salt + html.encode("utf-8")).hexdigest()

    def holds(self, digest: str) -> bool:
        if digest in self.before or digest in self.now:
            self.now.add(digest)
            return True
        return False

    def add(self, digest: str) -> None:
        self.now.add(digest)

    @classmethod
    def save_all(cls, pelican=None) -> None:
        for known in cls._open.values():
            if known.now and known.now != known.before:
                data = {"salt": known.salt.hex(), "safe": sorted(known.now)}
                with contextlib.suppress(OSError):  # without it the next build sanitizes all
                    known.path.parent.mkdir(parents=True, exist_ok=True)
                    temporary = known.path.with_suffix(".tmp")
                    temporary.write_text(json.dumps(data), encoding="utf-8")
                    os.replace(temporary, known.path)
            known.before, known.now = known.now or known.before, set()


def keep_source_url(content) -> None:
    """`URL:` names the original report; Pelican would take it as the page's own URL.

    Only http(s) addresses are kept: a `javascript:` or `data:` URL is dropped
    with a warning, never linked.
    """
    override = getattr(content, "override_url", None)
    if not isinstance(override, str) or ":" not in override:
        return
    del content.override_url
    if override.startswith(("http://", "https://")):
        content.source_url = override
    else:
        logger.warning(
            "factsheets: %s: URL %r is not http(s); ignored", content.source_path, override
        )


def searched_pages(output: Path) -> dict[str, str]:
    """Every HTML page pagefind indexes, relative to the output, with a digest of its
    bytes.  Its bundles are not walked (thousands of fragments, no page), and pages our
    templates keep out of search are left out: pagefind is never made to read them."""
    pages = {}
    for root, folders, files in os.walk(output):
        if root == str(output):
            folders[:] = [name for name in folders if not search.is_bundle(output / name)]
        relative = os.path.relpath(root, output).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        for name in files:
            if name.endswith(".html"):
                data = Path(root, name).read_bytes()
                if search.is_searched(data):
                    pages[prefix + name] = hashlib.sha256(data).hexdigest()
    return pages


def build_search_index(pelican) -> None:
    """Index the finished site with pagefind: full-text search with no server.

    Pelican rewrites every page on every build; a bundle whose pages did not change (and
    is still there) is not indexed again, so editing a fact sheet re-indexes the site's
    own pages but none of the articles.
    """
    if not setting(pelican.settings, "FACTSHEETS_SEARCH"):
        return
    output = Path(pelican.output_path)
    split_from = int(setting(pelican.settings, "FACTSHEETS_SEARCH_BUNDLE_PAGES"))
    pages = searched_pages(output)
    bundles = search.bundles(pages, split_from)
    current = {bundle.name for bundle in bundles}
    for stale in output.glob(f"{search.MAIN}-*"):
        if search.is_bundle(stale) and stale.name not in current:
            shutil.rmtree(stale)  # the pages that filled it are gone
    indexed = 0
    for bundle in bundles:
        stamp = _stamp(pelican.settings, f"search-{bundle.name}")
        digest = bundle.digest(pages)
        if (output / bundle.name / "pagefind-entry.json").is_file() and stamp_holds(stamp, digest):
            continue
        _run_pagefind(output, bundle)
        write_stamp(stamp, digest)
        indexed += 1
    # the bundles the search page merges with pagefind/
    merged = [bundle.name for bundle in bundles[1:]]
    manifest = json.dumps({"bundles": merged}, indent=1) + "\n"
    (output / search.MANIFEST).write_text(manifest, encoding="utf-8")
    logger.info("factsheets: search: %d of %d bundle(s) indexed again", indexed, len(bundles))


def _run_pagefind(output: Path, bundle: search.Bundle) -> None:
    # pagefind adds to a bundle's folder and never removes: the fragments of pages that
    # changed would pile up, so each bundle is written into an empty folder
    shutil.rmtree(output / bundle.name, ignore_errors=True)
    command = [*_pagefind_command(), "--site", str(output), "--silent"]
    command += ["--glob", bundle.glob, "--output-subdir", bundle.name]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        logger.critical("factsheets: search index failed: %s", result.stderr.strip()[-500:])
        raise SystemExit(1)


def _pagefind_command() -> list[str]:
    """pagefind's own binary, as its Python package installs it; started directly, each
    bundle saves starting a Python that would only hand over to it.  PAGEFIND_BINARY_PATH
    (pagefind's own setting) and other installs go through `python -m pagefind`."""
    if not os.environ.get("PAGEFIND_BINARY_PATH"):
        try:
            from pagefind_bin import get_executable

            return [str(get_executable())]
        except (ImportError, OSError, FileNotFoundError):
            pass
    return [sys.executable, "-m", "pagefind"]


def _search_problem(settings) -> str | None:
    """Search is on by default, and pagefind comes with the search extra."""
    if not setting(settings, "FACTSHEETS_SEARCH") or _pagefind_found():
        return None
    return (
        "FACTSHEETS_SEARCH needs pagefind, which the search extra installs: "
        "pip install 'pelican-factsheets[search]', or set FACTSHEETS_SEARCH = False "
        "in pelicanconf.py"
    )


def _pagefind_found() -> bool:
    """What _pagefind_command runs is there: pagefind[bin]'s binary, or pagefind's Python
    package and a binary it finds (PAGEFIND_BINARY_PATH, pagefind[extended], the PATH)."""
    if not os.environ.get("PAGEFIND_BINARY_PATH") and importlib.util.find_spec("pagefind_bin"):
        return True
    if importlib.util.find_spec("pagefind") is None:
        return False
    return bool(
        os.environ.get("PAGEFIND_BINARY_PATH")
        or importlib.util.find_spec("pagefind_bin_extended")
        or shutil.which("pagefind_extended")
        or shutil.which("pagefind")
    )


def _stamp(settings, name: str) -> Path:
    """A file in our cache recording the hash of what the last build worked from."""
    return Path(cache_path(settings)) / f"{name}.sha256"


_PLAIN = (str, int, float, bool, type(None))


def _plain_setting(value) -> bool:
    if isinstance(value, list | tuple):
        return all(_plain_setting(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_setting(v) for k, v in value.items())
    return isinstance(value, _PLAIN)


def settings_digest(settings) -> str:
    """A hash of every plain setting: what Pelican's content cache depends on."""
    plain = {
        name: value
        for name, value in settings.items()
        if name != "LOAD_CONTENT_CACHE" and _plain_setting(value)
    }
    return hashlib.sha256(json.dumps(plain, sort_keys=True, default=str).encode()).hexdigest()


def skip_stale_content_cache(pelican) -> None:
    """Pelican's content cache does not notice new settings (Markdown options, say):
    after a settings change, read every article again once."""
    # Taken now, before plugins add functions to the settings during the build.
    digest = settings_digest(pelican.settings)
    pelican.factsheets_settings_digest = digest
    changed = not stamp_holds(_stamp(pelican.settings, "settings"), digest)
    if changed and pelican.settings.get("LOAD_CONTENT_CACHE"):
        logger.info("factsheets: settings changed since the last build; reading every article")
        pelican.settings["LOAD_CONTENT_CACHE"] = False


def record_settings(pelican) -> None:
    write_stamp(_stamp(pelican.settings, "settings"), pelican.factsheets_settings_digest)


def get_generators(pelican):
    return FactSheetsGenerator


def add_template_filters(pelican) -> None:
    filters = dict(pelican.settings.get("JINJA_FILTERS", {}))
    filters.setdefault("mi", km_to_mi)
    pelican.settings["JINJA_FILTERS"] = filters


def refuse_unsafe_files(pelican) -> None:
    """Before Pelican reads a file: no links or special files among the articles and pages
    (a link would publish what it points to; a FIFO would hang the build).  load_topics()
    refuses the same for topics.yaml before anything is written."""
    settings = pelican.settings
    root = Path(settings["PATH"])
    problems = []
    for folder in settings.get("PAGE_PATHS") or ():
        problems += folder_problems(root / folder)
    # articles are also checked as make check does: Pelican would stop on them with a
    # traceback.  Those that passed unchanged since are not read again (see PassedArticles).
    passed = PassedArticles(Path(cache_path(settings)) / "articles-passed.json")
    for folder in settings.get("ARTICLE_PATHS") or ():
        problems += folder_article_problems(root / folder, passed.states)
    if problems:
        stop_build(problems)
    passed.save()


def refuse_bad_settings(pelican) -> None:
    """Before a fact sheet is written, every setting the build could not use, named at
    once: SOURCE_DATE_EPOCH (read for "site last updated" only once the pages are made),
    search without pagefind (found only after every page is), FACTSHEETS_STATIC_DIR."""
    problems = [_build_date_problem(), _search_problem(pelican.settings)]
    problems.append(static_dir_problem(pelican.settings))
    if any(problems):
        stop_build([problem for problem in problems if problem])


def _build_date_problem() -> BuildDateError | None:
    try:
        build_date()
    except BuildDateError as error:
        return error
    return None


class PassedArticles:
    """The article files (by read.file_state) that passed the checks, kept in the cache
    with a digest of the checking code: new checks read every file again."""

    def __init__(self, path: Path):
        self.path = path
        self.code = hashlib.sha256(
            b"".join((Path(__file__).parent / name).read_bytes() for name in _CHECKING_CODE)
        ).hexdigest()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            known = set(data["passed"]) if data.get("code") == self.code else set()
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            known = set()
        self.before = frozenset(known)
        self.states = known

    def save(self) -> None:
        if self.states == self.before:
            return
        data = {"code": self.code, "passed": sorted(self.states)}
        with contextlib.suppress(OSError):  # without it the next build reads every file
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temporary, self.path)


_CHECKING_CODE = ("read.py", "validate.py", "clean.py")


def publish_defaults(pelican) -> None:
    """Every FACTSHEETS_* setting the site leaves out, at its documented default, in Pelican's
    settings: templates read them there (a site without FACTSHEETS_SEARCH still links /search/)."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


# pages that are not for a search engine: the 404 page, search, the editors' /review/
NOT_IN_SITEMAP = (r"^404\.html$", r"^search/", r"^review/", r"^systems/[^/]+/card/")


def keep_pages_out_of_the_sitemap(pelican) -> None:
    """With pelican-sitemap, whose sitemap lists every page written, as ours leaves these out."""
    if not sitemap_plugin_loaded(pelican.settings):
        return
    config = dict(pelican.settings.get("SITEMAP") or {})
    config["exclude"] = [*config.get("exclude", ()), *NOT_IN_SITEMAP]
    pelican.settings["SITEMAP"] = config


def decide_enabled(pelican) -> None:
    """Once, before anything else: does this site ask for the plugin?  One that only loads
    it builds as plain Pelican does (settings.asked_for)."""
    pelican.settings["FACTSHEETS_ENABLED"] = asked_for(pelican.settings)


@functools.cache
def _when_asked(handler):
    """`handler`, run only in a build whose site asks for the plugin.  One wrapper per
    handler: Pelican calls register() for every build it makes (the live preview makes
    many), and the signal then sees the same receiver, not one more."""

    @functools.wraps(handler)
    def guarded(sender, *args, **kwargs):
        if enabled(sender.settings):
            return handler(sender, *args, **kwargs)
        return None

    return guarded


_HANDLERS = (
    (signals.initialized, publish_defaults),
    (signals.initialized, refuse_bad_settings),
    (signals.initialized, keep_pages_out_of_the_sitemap),
    (signals.initialized, refuse_unexplained_corrections),
    (signals.initialized, skip_stale_content_cache),
    (signals.initialized, add_template_filters),
    (signals.content_object_init, keep_source_url),
    (signals.content_object_init, sanitize_content),
    (signals.readers_init, add_readers),
    (signals.generator_init, add_fallback_templates),
    (signals.article_generator_finalized, update_fact_sheets),
    # at the start of every build: `pelican --autoreload` sends initialized only once
    (signals.get_generators, refuse_unsafe_files),
    (signals.get_generators, get_generators),
    (signals.finalized, build_search_index),
    (signals.finalized, record_settings),
    (signals.finalized, record_published),
    (signals.finalized, KnownSafe.save_all),
)


def register() -> None:
    signals.initialized.connect(decide_enabled)
    for sent_by, handler in _HANDLERS:
        sent_by.connect(_when_asked(handler), weak=False)
