"""Render the fact-sheet pages from the store: systems, topics and their indexes.

Reads fact sheets; never extracts and never writes YAML.
"""

from __future__ import annotations

import logging

from pelican.generators import Generator

from .conflicts import find_conflicts
from .model import KM_PER_UNIT, STATUSES, FactSheet
from .settings import content_path, setting
from .store import FactSheetError, FactSheetStore
from .topics import TopicsError, load_topics

logger = logging.getLogger(__name__)


def stop_build(problems) -> None:
    """Report every problem and end the build before anything is written.

    CRITICAL is the level Pelican's `--fatal errors` leaves alone, so the
    reader gets these messages rather than a traceback.
    """
    for problem in problems:
        logger.critical("factsheets: %s", problem)
    logger.critical("factsheets: build stopped; no file was changed. Fix the problems above.")
    raise SystemExit(1)


def km_to_mi(km: float) -> int:
    return round(km / KM_PER_UNIT["mi"])


def systems_by_article(sheets: list[FactSheet]) -> dict[str, list[FactSheet]]:
    """Which fact sheets each article (by source path) contributes evidence to."""
    found: dict[str, list[FactSheet]] = {}
    for sheet in sheets:
        for article in sorted({e.article for e in sheet.evidence}):
            found.setdefault(article, []).append(sheet)
    return found


class FactSheetsGenerator(Generator):
    """Pages for every fact sheet and topic."""

    def generate_context(self) -> None:
        store = FactSheetStore(content_path(self.settings, "FACTSHEETS_FACTS_DIR"))
        try:
            sheets = store.load_all()
            topics = load_topics(content_path(self.settings, "FACTSHEETS_TOPICS_FILE"))
        except FactSheetError as error:
            stop_build(error.problems)
        except TopicsError as error:
            stop_build([error])
        sheets.sort(key=lambda sheet: sheet.name.lower())
        self.sheets = sheets
        self.topics = topics
        self.context["factsheets"] = sheets
        self.context["factsheet_topics"] = topics
        self.context["factsheet_statuses"] = STATUSES
        self.context["factsheets_by_article"] = systems_by_article(sheets)
        self.context["factsheet_topic_titles"] = {t.id: t.title for t in topics}
        self.context["factsheet_articles"] = {
            a.relative_source_path.replace("\\", "/"): a for a in self.context.get("articles", [])
        }

    def _write(self, writer, name: str, template: str, **variables) -> None:
        writer.write_file(
            name,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=name.removesuffix("index.html"),
            **variables,
        )

    def generate_output(self, writer) -> None:
        self._write(writer, "systems/index.html", "systems", systems=self.sheets)
        for sheet in self.sheets:
            self._write(writer, f"systems/{sheet.id}/index.html", "system", system=sheet)
        self._write(writer, "topics/index.html", "topics", topics=self.topics)
        if setting(self.settings, "FACTSHEETS_REVIEW_PAGE"):
            conflicts = [c for sheet in self.sheets for c in find_conflicts(sheet)]
            self._write(writer, "review/index.html", "review", conflicts=conflicts)
        for topic in self.topics:
            members = [sheet for sheet in self.sheets if topic.id in sheet.topics]
            self._write(
                writer, f"topics/{topic.id}/index.html", "topic", topic=topic, systems=members
            )
