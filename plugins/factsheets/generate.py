"""Render the fact-sheet pages from the store: systems, topics and their indexes.

Reads fact sheets; never extracts and never writes YAML.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from .cards import card_digest, card_png
from .conflicts import conflict_view, find_conflicts
from .corrections import all_corrections, corrections_of, unexplained
from .corroboration import headline_support, number_support, range_support, status_support
from .disagreements import disagreements
from .downloads import (
    SHEET_FIELDS,
    SUPPLY_FIELDS,
    changes_feed,
    datapackage,
    factsheets_csv,
    factsheets_json,
    sitemap,
    supply_csv,
    supply_json,
)
from .embeds import CARD_LINES, citation, embed_code, site_address
from .history import all_changes, donor_tracks
from .methodology import SHIPPED as METHODOLOGY
from .methodology import methodology_html
from .model import STATUSES, FactSheet, km_to_mi
from .pages import (
    PageStamps,
    cited_links,
    code_in_settings,
    evidence_digest,
    page_digest,
    rendering_versions,
    shared_digest,
    sheet_digest,
)
from .paging import EvidencePaging, year_order
from .settings import (
    BuildDateError,
    build_date,
    cache_path,
    setting,
    sitemap_plugin_loaded,
)
from .shipped import FOLDER, static_files, template_folders
from .staleness import stale_lines, stale_since
from .store import SCHEMA_PATH, FactSheetError, FactSheetStore
from .structured import page_record, system_record
from .supply import DONOR_PAGE_ORDER, donors, supply_pairs
from .topics import TopicsError, load_site_topics

logger = logging.getLogger(__name__)


def stop_build(problems) -> None:
    """Report every problem and end the build before anything is written.

    CRITICAL is the level Pelican's `--fatal errors` leaves alone, so the
    reader gets these messages rather than a traceback.
    """
    # Each problem is one line on stderr: Pelican's console log would wrap it at the
    # terminal's width, breaking a path mid-name where an editor's tools look for file:line.
    for problem in problems:
        print(f"CRITICAL factsheets: {problem}", file=sys.stderr, flush=True)
    logger.critical("factsheets: build stopped; no file was changed. Fix the problems above.")
    loop = _pelicans_watch_loop()
    if loop is not None:
        _wait_for_a_change(loop)
        raise BuildStoppedWhileWatching("the build stopped on the problems above")
    raise BuildStopped([str(problem) for problem in problems])


def _pelicans_watch_loop():
    """The frame of `pelican --autoreload`'s loop when it runs this build, else None.  Its
    loop goes on after an Exception, where a SystemExit would end it for good."""
    import pelican

    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is pelican.autoreload.__code__:
            return frame
        frame = frame.f_back
    return None


def _wait_for_a_change(loop) -> None:
    """Pelican's loop builds again at once after an exception, and would repeat the same
    failed build without end: wait, as it does after a build, for the next edit."""
    from pelican.utils import wait_for_changes

    settings_file = loop.f_locals["args"].settings
    logger.warning("factsheets: waiting for a change to build again")
    changed = wait_for_changes(settings_file, loop.f_locals.get("settings") or {})
    if os.path.abspath(settings_file) in {path for _, path in changed}:
        # Pelican reads its settings again only after a build that did not stop
        logger.warning(
            "factsheets: %s changed; stop `pelican --autoreload` (Ctrl+C) and start it "
            "again to build with it",
            settings_file,
        )


class BuildStoppedWhileWatching(Exception):
    """The build's end under Pelican's watch loop, which logs it and keeps watching."""


def write_if_changed(path: Path, data: bytes) -> None:
    """`data` at `path`, through a temporary file; a file already holding it is left alone,
    so its time stays put for rsync and for a preview watching the output."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class BuildStopped(SystemExit):
    """The build's end, with the problems that ended it (the live preview shows them)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(1)
        self.problems = problems


CHART_WIDTH, CHART_LABEL_WIDTH, BAR_HEIGHT, BAR_GAP = 640, 200, 22, 10


def range_chart(sheets: list[FactSheet]) -> dict:
    """Bars for a topic's range chart, one per system and variant, longest first.

    Geometry is computed here; the template draws it, escaping every label.
    """
    bars = []
    for sheet in sheets:
        for shown in sheet.shown_ranges:
            variant = shown.value.get("variant")
            label = f"{sheet.name} ({variant})" if variant else sheet.name
            bars.append({"label": label, "km": shown.value.get("km"), "system": sheet})
    bars = [bar for bar in bars if bar["km"]]
    bars.sort(key=lambda bar: (-bar["km"], bar["label"]))
    longest = max((bar["km"] for bar in bars), default=1)
    room = CHART_WIDTH - CHART_LABEL_WIDTH - 90
    for index, bar in enumerate(bars):
        bar["y"] = index * (BAR_HEIGHT + BAR_GAP)
        bar["width"] = max(2, round(room * bar["km"] / longest))
        bar["mi"] = km_to_mi(bar["km"])
    height = len(bars) * (BAR_HEIGHT + BAR_GAP)
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": height,
        "label_width": CHART_LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


def _methodology() -> dict:
    """The page's text, the package's own (data/methodology.md: no article or sheet)."""
    html, contents = methodology_html(METHODOLOGY.read_text(encoding="utf-8"))
    return {"methodology": Markup(html), "methodology_contents": contents}


def systems_by_article(sheets: list[FactSheet]) -> dict[str, list[FactSheet]]:
    """Which fact sheets each article (by source path) contributes evidence to."""
    found: dict[str, list[FactSheet]] = {}
    for sheet in sheets:
        for article in sorted({e.article for e in sheet.evidence}):
            found.setdefault(article, []).append(sheet)
    return found


@dataclass(frozen=True)
class PlannedPage:
    """A page or download to write: its name in the output, its inputs' digest, and how."""

    name: str
    digest: str
    render: Callable[[], None]


class FactSheetsGenerator(Generator):
    """Pages for every fact sheet and topic."""

    def __init__(self, *args, **kwargs) -> None:
        # before any generator of this build writes: an output file newer than this,
        # another one wrote
        self.started = time.time_ns()
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        store = FactSheetStore.for_site(self.settings)
        try:
            sheets = store.load_all()
            topics = load_site_topics(self.settings)
        except FactSheetError as error:
            stop_build(error.problems)
        except TopicsError as error:
            stop_build([error])
        try:
            self.context["factsheet_build_date"] = build_date()
        except BuildDateError as error:
            stop_build([error])
        sheets.sort(key=lambda sheet: sheet.name.lower())
        if not setting(self.settings, "FACTSHEETS_PUBLISH_UNREVIEWED"):
            held = [sheet.id for sheet in sheets if sheet.review]
            sheets = [sheet for sheet in sheets if not sheet.review]
            if held:
                logger.warning(
                    "factsheets: %d sheet(s) awaiting review are not published: %s "
                    "(clear `review:` once an editor has checked one)",
                    len(held),
                    ", ".join(held),
                )
        if setting(self.settings, "FACTSHEETS_RECORD_PUBLISHED") and (todo := unexplained(sheets)):
            # a correction readers would see without its reason: not published
            stop_build([f"{line}, then publish again" for line in todo])
        self.sheets = sheets
        self.evidence_sources = dict(store.ledger.read_digests)
        self.shard_sources = dict(store.ledger.shard_digests)
        self._all_sources: list | None = None
        self.paging = EvidencePaging(int(setting(self.settings, "FACTSHEETS_YEAR_PAGES_FROM")))
        self.topics = topics
        self.context["factsheets"] = sheets
        self.context["factsheet_topics"] = topics
        self.context["factsheet_statuses"] = STATUSES
        self.context["factsheets_by_article"] = systems_by_article(sheets)
        self.context["factsheet_topic_titles"] = {t.id: t.title for t in topics}
        self.context["factsheet_articles"] = {
            a.relative_source_path.replace("\\", "/"): a for a in self.context.get("articles", [])
        }
        # Each page cites many articles: their addresses and plain titles are worked out once
        # here, not by Pelican's URL formatting and a striptags filter at every citation.
        # an article's archived copy (`Archive:`), shown beside its original address
        self.context["factsheet_archives"] = {
            path: archive
            for path, article in self.context["factsheet_articles"].items()
            if str(archive := article.metadata.get("archive") or "").startswith(
                ("https://", "http://")
            )
        }
        self.context["factsheet_article_links"] = {
            path: (article.url, Markup(str(article.title)).striptags())
            for path, article in self.context["factsheet_articles"].items()
        }
        self.changes = all_changes(sheets)
        self.context["factsheet_changes"] = self.changes
        self.corrections = all_corrections(sheets)
        self.context["corrections_of"] = corrections_of
        self.context["donor_tracks"] = donor_tracks
        self.context["disagreements"] = disagreements
        self.context["headline_support"] = headline_support
        self.context["range_support"] = range_support
        self.context["status_support"] = status_support
        self.context["number_support"] = number_support
        self.context["supply_pairs"] = supply_pairs
        self._add_structured_data()
        self._add_embeds()
        self.context["evidence_paging"] = self.paging
        self.context["conflict_view"] = conflict_view
        today = self.context["factsheet_build_date"]
        stale_days = int(setting(self.settings, "FACTSHEETS_STALE_AFTER_DAYS"))
        self.context["stale_since"] = lambda line: stale_since(line, today, stale_days)
        self.stale = stale_lines(sheets, today, stale_days)
        self.context["donor_statuses"] = DONOR_PAGE_ORDER
        self.donors = donors(sheets)
        self.context["factsheet_donors"] = self.donors  # the home page's counts by donor
        # "As of" a page that shows no one sheet: the newest report behind the site
        self.as_of = max((sheet.as_of for sheet in sheets if sheet.as_of), default=None)
        self.context["factsheet_as_of"] = self.as_of
        self.context["status_counts"] = {
            status: sum(1 for s in sheets if s.shown_status and s.shown_status.value == status)
            for status in STATUSES
        }

    def _add_structured_data(self) -> None:
        """The schema.org record each page carries (structured.py), for the templates."""
        name, url = self.settings["SITENAME"], self.settings.get("SITEURL", "")
        titles = {
            path: title for path, (_, title) in self.context["factsheet_article_links"].items()
        }

        def for_system(sheet: FactSheet) -> dict:
            return system_record(sheet, name, url, titles)

        def for_page(title: str, path: str | None = None) -> dict:
            return page_record(title, name, f"{url}/{path}" if url and path is not None else None)

        self.context["structured_system"] = for_system
        self.context["structured_page"] = for_page

    def _add_embeds(self) -> None:
        """The card's embed code and the citation, for the system page."""
        name = self.settings["SITENAME"]
        address = site_address(str(self.settings.get("SITEURL") or ""))
        self.context["factsheet_site_address"] = address
        self.context["embed_code"] = lambda sheet: embed_code(sheet, name, address)
        self.context["citation"] = lambda sheet: citation(sheet, name, address)
        self.context["embed_card_lines"] = CARD_LINES

    def _write(self, writer, name: str, template: str, **variables) -> None:
        writer.write_file(
            name,
            self.get_template(f"{FOLDER}/{template}"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=name.removesuffix("index.html"),
            **variables,
        )

    def _page_stamps(self) -> tuple[PageStamps, str]:
        from .plugin import settings_digest  # the plugin module imports this one

        shared = shared_digest(
            template_folders(self.settings),
            settings_digest(self.settings),
            [
                sorted(self.context["factsheet_topic_titles"].items()),
                # the site's own template functions (JINJA_FILTERS, ...) and the libraries
                # that render: either can change a page that nothing else changed
                hashlib.sha256(code_in_settings(self.settings)).hexdigest(),
                rendering_versions(),
                str(self.context["factsheet_build_date"]),  # every page's "last updated"
            ],
        )
        return PageStamps(Path(cache_path(self.settings)) / "pages.json"), shared

    def generate_output(self, writer) -> None:
        stamps, shared = self._page_stamps()
        output = Path(self.output_path)
        planned = self._planned_pages(writer, shared)
        stale = [page for page in planned if not stamps.current(page.name, page.digest, output)]
        shipped = static_files(str(setting(self.settings, "FACTSHEETS_STATIC_DIR")))
        for name, digest, _ in shipped:
            # kept with the pages' stamps, so a file no longer shipped there is removed too
            stamps.current(name, digest, output)
        # Until every page is written, the stamps name only the pages already current, and
        # those this build drops: a build stopped half-way leaves no stamp for a page it may
        # not have rewritten, and the next one still removes what this one did not.
        stamps.save(without={page.name for page in stale}, unplanned_too=True)
        for page in stale:
            page.render()
        for name, _, source in shipped:
            write_if_changed(output / name, source.read_bytes())
        rendered = {page.name for page in stale}
        self._announce_current(page for page in planned if page.name not in rendered)
        self._remove_unplanned(stamps, {page.name for page in planned} | {s[0] for s in shipped})
        stamps.save()

    def _announce_current(self, current) -> None:
        """A page already current is not written again, but told about as if it were:
        pelican-sitemap, and any plugin listening to content_written, sees every page of
        every build, as with Pelican's own pages."""
        for page in current:
            if page.name.endswith(".html"):
                path = os.path.join(self.output_path, page.name)
                signals.content_written.send(
                    path, context={**self.context, "output_file": page.name}
                )

    def _remove_unplanned(self, stamps: PageStamps, planned: set[str]) -> None:
        """Pages an earlier build wrote and this one does not plan (a system's year pages
        once it is back under FACTSHEETS_YEAR_PAGES_FROM, /review/ once turned off): left
        in place, they would be stale pages nobody links to."""
        output = Path(self.output_path).resolve()
        for name in sorted(set(stamps.before) - planned):
            path = (output / name).resolve()
            if output not in path.parents:
                continue  # not a page of this output (a stamps file edited by hand)
            if path.is_file() and path.stat().st_mtime_ns >= self.started:
                # written during this build by Pelican or another plugin (the site's own
                # 404.html once FACTSHEETS_404 is off): no longer ours to remove
                continue
            path.unlink(missing_ok=True)
            for folder in path.parents:
                if folder == output:
                    break
                if not folder.is_dir():
                    continue  # the output was emptied (DELETE_OUTPUT_DIRECTORY)
                if any(folder.iterdir()):
                    break
                folder.rmdir()

    def _cited(self) -> dict[str, tuple]:
        """What a page shows of each article it cites, for its digest: address, title and
        archived copy."""
        archives = self.context["factsheet_archives"]
        return {
            path: (*link, archives.get(path))
            for path, link in self.context["factsheet_article_links"].items()
        }

    def _planned_pages(self, writer, shared: str) -> list[PlannedPage]:
        """Every page and download the plugin writes, in order, each with its inputs' digest."""
        links = self._cited()
        sources = self.evidence_sources
        evidence = {s.id: evidence_digest(s, sources.get(s.id)) for s in self.sheets}
        cited = {s.id: cited_links(s, links) for s in self.sheets}
        digests = {s.id: sheet_digest(shared, s, cited[s.id], evidence[s.id]) for s in self.sheets}
        every = [digests[sheet.id] for sheet in self.sheets]

        def page(name: str, inputs: tuple, template: str, lazy=None, **variables) -> PlannedPage:
            """`lazy` returns more variables: worked out only if the page is rendered."""

            def render() -> None:
                self._write(writer, name, template, **variables, **(lazy() if lazy else {}))

            return PlannedPage(name, page_digest(shared, template, *inputs), render)

        pages = [page("systems/index.html", (every,), "systems", systems=self.sheets)]
        for sheet in self.sheets:
            name = f"systems/{sheet.id}/index.html"
            pages.append(PlannedPage(name, digests[sheet.id], self._system_page(writer, sheet)))
            if setting(self.settings, "FACTSHEETS_SOCIAL_CARDS"):
                pages.append(self._social_card(shared, sheet))
            if setting(self.settings, "FACTSHEETS_EMBEDS"):
                name = f"systems/{sheet.id}/card/index.html"
                pages.append(page(name, (digests[sheet.id],), "card", system=sheet))
            if self.paging.paged(sheet):
                pages += self._year_pages(page, sheet, links)
        pages.append(page("topics/index.html", (every, self.topics), "topics", topics=self.topics))
        if setting(self.settings, "FACTSHEETS_REVIEW_PAGE"):
            found = {sheet.id: find_conflicts(sheet) for sheet in self.sheets}
            conflicts = [conflict for sheet in self.sheets for conflict in found[sheet.id]]
            # what the page shows of each conflict, its evidence by number; the evidence
            # itself and its articles through the sheets it comes from
            shown = [
                (c.system_id, c.system_name, c.field, c.message, [e.number for e in c.evidence])
                for c in conflicts
            ]
            conflicted = [s for s in self.sheets if found[s.id]]
            inputs = (shown, [(evidence[s.id], cited[s.id]) for s in conflicted], self.as_of)
            inputs += ([(s.system_id, s.label, s.newest) for s in self.stale],)
            pages.append(
                page("review/index.html", inputs, "review", conflicts=conflicts, stale=self.stale)
            )
        for topic in self.topics:
            members = [sheet for sheet in self.sheets if topic.id in sheet.topics]
            inputs = (topic, [digests[sheet.id] for sheet in members])
            pages.append(
                page(
                    f"topics/{topic.id}/index.html",
                    inputs,
                    "topic",
                    topic=topic,
                    lazy=lambda members=members: {"chart": range_chart(members)},
                    systems=members,
                    newest_report=max((s.as_of for s in members if s.as_of), default=None),
                )
            )
        pages += self._sources_pages(page, evidence, cited)
        pages += self._donor_pages(page, digests)
        pages.append(
            page(
                "changes/index.html",
                (every,),
                "changes",
                changes=self.changes,
                corrections=self.corrections,
            )
        )
        if setting(self.settings, "FACTSHEETS_404"):
            pages.append(page("404.html", (self.as_of,), "404"))
        pages.append(
            page(
                "data/index.html",
                (self.as_of,),
                "data",
                supply_fields=SUPPLY_FIELDS,
                sheet_fields=SHEET_FIELDS,
            )
        )
        if setting(self.settings, "FACTSHEETS_SEARCH"):
            pages.append(page("search/index.html", (self.as_of,), "search"))
        if setting(self.settings, "FACTSHEETS_METHODOLOGY"):
            pages.append(page("methodology/index.html", (self.as_of,), "methodology", _methodology))
        return pages + self._planned_downloads(shared, every)

    def _year_pages(self, page, sheet: FactSheet, links: dict) -> list[PlannedPage]:
        """A paged system's evidence, a page per year.  Each is made from its year's ledger
        file (digested as read), where its numbering starts, the sheet's rejections, the
        list of years, and the articles it cites: a new article re-renders its year only."""
        years = self.paging.years(sheet)
        names = [year for year, _ in years]
        planned = []
        for year, items in years:
            source = self.shard_sources.get((sheet.id, year))
            cited = [(path, links.get(path)) for path in sorted({i.article for i in items})]
            inputs = (sheet.id, sheet.name, sheet.rejected, names, items[0].number, cited)
            inputs += (source if source is not None else items,)
            name = self.paging.year_url(sheet, year) + "index.html"
            variables = {"system": sheet, "year": year, "items": items, "years": names}
            planned.append(page(name, inputs, "evidence", **variables))
        return planned

    def _system_page(self, writer, sheet: FactSheet):
        def render() -> None:
            self._write(writer, f"systems/{sheet.id}/index.html", "system", system=sheet)

        return render

    def _social_card(self, shared: str, sheet: FactSheet) -> PlannedPage:
        """systems/<id>/card.png, made from what the card shows of the sheet."""
        name = f"systems/{sheet.id}/card.png"
        site_name = self.settings["SITENAME"]

        def render() -> None:
            write_if_changed(Path(self.output_path) / name, card_png(sheet, site_name))

        # the card's own digest: unlike a page, not redrawn for a new build date or template
        return PlannedPage(name, card_digest(sheet, site_name), render)

    def _donor_pages(self, page, digests: dict) -> list[PlannedPage]:
        """/donors/ and a page per donor, each made from the sheets that name it."""
        found = self.donors
        every = [(d.name, [digests[s.id] for s, _ in d.lines]) for d in found]
        planned = [page("donors/index.html", (every, self.as_of), "donors", donors=found)]
        for donor in found:
            inputs = (donor.name, [digests[sheet.id] for sheet, _ in donor.lines])
            name = f"donors/{donor.slug}/index.html"
            planned.append(page(name, inputs, "donor", donor=donor))
        return planned

    def _sources_pages(self, page, evidence: dict, cited: dict) -> list[PlannedPage]:
        """/sources/: shows each sheet's name and evidence and the articles it cites, nothing
        an editor's summary or override changes.  A site with more articles than
        FACTSHEETS_YEAR_PAGES_FROM gets a page per year, each made from its year's ledger
        files as read (a new article re-renders its year's page and the index)."""
        years = self._source_years()
        if not years:
            inputs = [(evidence[sheet.id], cited[sheet.id]) for sheet in self.sheets]
            lazy = lambda: {"sources": self._sources()}  # noqa: E731
            return [page("sources/index.html", (inputs,), "sources", lazy)]
        links = self._cited()
        planned, every = [], []
        for year in years:
            inputs = []
            for sheet in self.sheets:
                items = dict(self.paging.years(sheet)).get(year)
                if items:
                    source = self.shard_sources.get((sheet.id, year))
                    articles = sorted({item.article for item in items})
                    inputs.append(
                        (sheet.id, sheet.name, sheet.rejected, items[0].number)
                        + (self.paging.paged(sheet), [(a, links.get(a)) for a in articles])
                        + (source if source is not None else items,)
                    )
            every.append(inputs)
            lazy = lambda year=year: {"sources": self._sources(year)}  # noqa: E731
            name = f"sources/{year}/index.html"
            planned.append(page(name, (inputs, years), "sources", lazy, year=year, years=years))

        def counts() -> dict:
            return {"year_counts": [(year, len(self._sources(year))) for year in years]}

        index = page("sources/index.html", (every,), "sources", counts, years=years)
        return [index, *planned]

    def _source_years(self) -> list[str]:
        """The years /sources/ is split into, or none while the site is small."""
        limit = int(setting(self.settings, "FACTSHEETS_YEAR_PAGES_FROM"))
        if len(self.context.get("articles", [])) <= limit:
            return []
        found = {year for sheet in self.sheets for year, _ in self.paging.years(sheet)}
        return sorted(found, key=year_order, reverse=True)  # newest first, as the list is

    def _sources(self, year: str | None = None) -> list[tuple[object, str, list]]:
        """Each article (newest first): its link (address, title), path and the facts it
        backs; of one year's articles only, given `year`."""
        if year is None and self._all_sources is not None:
            return self._all_sources
        by_article: dict[str, list] = {}
        for sheet in self.sheets:
            items = sheet.evidence if year is None else dict(self.paging.years(sheet)).get(year, [])
            for evidence in items:
                if evidence.field != "mention" and not evidence.rejected:
                    by_article.setdefault(evidence.article, []).append((sheet, evidence))
        links = self.context["factsheet_article_links"]
        ordered = sorted(
            by_article, key=lambda path: (by_article[path][0][1].order, path), reverse=True
        )
        found = [(links.get(path), path, by_article[path]) for path in ordered]
        if year is None:
            self._all_sources = found
        return found

    def _planned_downloads(self, shared: str, every: list[str]) -> list[PlannedPage]:
        site_url = self.settings.get("SITEURL", "")
        pages = ["", "systems/", "topics/", "sources/", "changes/", "donors/", "data/"]
        if setting(self.settings, "FACTSHEETS_METHODOLOGY"):
            pages.append("methodology/")
        pages += [f"donors/{donor.slug}/" for donor in self.donors]
        pages += [f"sources/{year}/" for year in self._source_years()]
        pages += [f"systems/{sheet.id}/" for sheet in self.sheets]
        for sheet in filter(self.paging.paged, self.sheets):
            pages += [self.paging.year_url(sheet, year) for year, _ in self.paging.years(sheet)]
        pages += [f"topics/{topic.id}/" for topic in self.topics]
        pages += [url for url, _ in self.context["factsheet_article_links"].values()]
        schema = SCHEMA_PATH.read_text(encoding="utf-8")
        files = {
            "data/factsheets.json": ((every,), lambda: factsheets_json(self.sheets)),
            "data/factsheets.csv": ((every,), lambda: factsheets_csv(self.sheets)),
            "data/supply.json": ((every,), lambda: supply_json(self.sheets)),
            "data/supply.csv": ((every,), lambda: supply_csv(self.sheets)),
            "data/factsheet.schema.json": ((schema,), lambda: schema),
            "data/datapackage.json": ((), lambda: datapackage(self.settings["SITENAME"])),
            "feeds/changes.atom.xml": (
                (every,),
                lambda: changes_feed(
                    self.settings["SITENAME"], site_url, self.changes, self.corrections
                ),
            ),
        }
        if setting(self.settings, "FACTSHEETS_SITEMAP") and not sitemap_plugin_loaded(
            self.settings
        ):
            files["sitemap.xml"] = ((pages,), lambda: sitemap(site_url, pages))
        return [
            PlannedPage(name, page_digest(shared, name, *inputs), self._file_writer(name, text))
            for name, (inputs, text) in files.items()
        ]

    def _file_writer(self, name: str, text):
        def render() -> None:
            path = os.path.join(self.output_path, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text())

        return render
