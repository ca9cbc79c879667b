"""The data behind the site as files: JSON, CSV, the schema, a sitemap, the changes feed.

Each function returns text; the generator decides where it goes.  Output is
ordered and free of wall-clock times, so two builds give the same bytes.
"""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import UTC, date, datetime, time

from feedgenerator import Atom1Feed

from .corrections import LoggedCorrection
from .corroboration import (
    headline_support,
    number_support,
    range_support,
    status_support,
    support_record,
)
from .history import Change
from .model import DEFAULT_RECIPIENT, FactSheet, Shown, km_to_mi, range_km
from .supply import editor_values, line_label


def _source(shown: Shown, reason: str | None = None) -> dict | None:
    """Where a value comes from: its quote, or the editor (with the editor's reason)."""
    evidence = shown.evidence
    if evidence is None:
        return {"editor": True, "reason": reason}
    return {
        "quote": evidence.quote,
        "article": evidence.article,
        "outlet": evidence.outlet,
        "url": evidence.url,
        "published": evidence.published.isoformat() if evidence.published else None,
    }


def _ranges(sheet: FactSheet) -> list[dict]:
    ranges = []
    for shown in sheet.shown_ranges:
        value = shown.value
        km = round(range_km(value))
        ranges.append(
            {
                "km": km,
                "mi": km_to_mi(km),
                "stated": {k: value.get(k) for k in ("value", "unit", "qualifier")},
                "variant": value.get("variant"),
                "source": _source(shown, value.get("reason")),
                "support": support_record(range_support(sheet, shown)),
            }
        )
    return ranges


def _plain(shown: Shown | None):
    if shown is None:
        return None
    return shown.value.isoformat() if isinstance(shown.value, date) else shown.value


def _reason(sheet: FactSheet, line) -> str | None:
    return editor_values(sheet, (line.donor, line.variant)).get("reason")


def _supply(sheet: FactSheet) -> list[dict]:
    value = _plain
    return [
        {
            "donor": line.donor,
            "variant": line.variant,
            "status": value(line.status),
            "status_source": _source(line.status, _reason(sheet, line)) if line.status else None,
            "status_support": support_record(status_support(line)),
            "since": value(line.since),
            "pledged": value(line.pledged),
            "pledged_support": support_record(number_support(line, "pledged")),
            "delivered": value(line.delivered),
            "delivered_support": support_record(number_support(line, "delivered")),
            "recipient": value(line.recipient),
            "conditions": value(line.conditions),
        }
        for line in sheet.supply_lines
    ]


def sheet_record(sheet: FactSheet) -> dict:
    status = sheet.shown_status
    return {
        "id": sheet.id,
        "name": sheet.name,
        "aliases": sheet.aliases,
        "designations": sheet.designations,
        "topics": sheet.topics,
        "summary": sheet.summary,
        "origin": sheet.origin,
        "status": status.value if status else None,
        "status_source": _source(status, sheet.status_reason) if status else None,
        "status_support": support_record(headline_support(sheet)),
        "ranges": _ranges(sheet),
        "donors": list(dict.fromkeys(line.donor for line in sheet.supply_lines)),
        "supply": _supply(sheet),
        "as_of": sheet.as_of.isoformat() if sheet.as_of else None,
    }


def factsheets_json(sheets: list[FactSheet]) -> str:
    records = [sheet_record(sheet) for sheet in sheets]
    return json.dumps({"systems": records}, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)") is written as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """`value`, with a leading ' when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    """csv.writer whose text cells cannot become formulas."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._writer = csv.writer(buffer, lineterminator="\n")

    def writerow(self, row: list) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


# /data/factsheets.csv: one row per system as its page shows it now.  The columns, in
# order, with their Table Schema type and meaning (the /data/ page and datapackage.json).
SHEET_FIELDS = (
    ("id", "string", "the fact sheet's id: /systems/<id>/"),
    ("name", "string", "the system's name as the site shows it"),
    ("topics", "string", "the topics it belongs to, separated by ';'"),
    ("status", "string", "the headline status: the furthest any donor has got (or the editor's)"),
    ("range_km", "integer", "the longest range shown, in kilometres"),
    ("range_mi", "integer", "the same range in miles"),
    (
        "donors",
        "string",
        "each donor (and variant) with its status, separated by ';': "
        "'Germany: delivered;Germany, Leopard 2A6: pledged'",
    ),
    (
        "status_sources",
        "integer",
        "how many independent sources report the headline status, a wire story posted by "
        "several outlets counting once (empty for an editor's value)",
    ),
    (
        "status_on_record",
        "string",
        "the official who says it by name in one of them ('President Volodymyr Zelensky'), "
        "empty when none does",
    ),
    ("as_of", "date", "the date of the newest report behind the sheet"),
)
SHEET_COLUMNS = tuple(name for name, _, _ in SHEET_FIELDS)


def _sheet_row(sheet: FactSheet) -> list:
    record = sheet_record(sheet)
    support = record["status_support"]
    longest = max((r["km"] for r in record["ranges"]), default=None)
    donors = [
        line_label(line["donor"], line["variant"])
        + (f": {line['status']}" if line["status"] else "")
        for line in record["supply"]
    ]
    return [
        sheet.id,
        sheet.name,
        ";".join(sheet.topics),
        record["status"] or "",
        longest if longest is not None else "",
        km_to_mi(longest) if longest is not None else "",
        ";".join(donors),
        support["sources"] if support else "",
        (support or {}).get("on_record") or "",
        record["as_of"] or "",
    ]


def factsheets_csv(sheets: list[FactSheet]) -> str:
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(list(SHEET_COLUMNS))
    for sheet in sheets:
        writer.writerow(_sheet_row(sheet))
    return buffer.getvalue()


# /data/supply.csv and .json: one row per donor, system and status statement, as the Kiel
# Institute's tracker and Oryx keep theirs, each with its quote.  The columns, in order,
# with their Table Schema type and meaning: the CSV header, the JSON keys, the data
# dictionary on /data/ and datapackage.json all come from this list.
SUPPLY_FIELDS = (
    ("donor", "string", "the country the statement says supplies (empty when it names none)"),
    ("recipient", "string", "who receives; Ukraine when the statement names no one else"),
    ("system_id", "string", "the fact sheet's id: /systems/<system_id>/"),
    ("system_name", "string", "the system's name as the site shows it"),
    ("variant", "string", "the variant the statement names (empty when it names none)"),
    ("status", "string", "requested, considering, refused, pledged, delivered or halted"),
    ("quantity", "integer", "how many the statement gives (empty when it gives no number)"),
    ("date", "date", "the article's publication date (empty for an undated article)"),
    ("outlet", "string", "who published the article"),
    ("url", "string", "the original report"),
    ("quote", "string", "the sentence, verbatim, that makes the statement"),
    ("article", "string", "the article's file in the site's content"),
    ("evidence_id", "string", "the evidence's id; an editor rejects it by this id"),
)
SUPPLY_COLUMNS = tuple(name for name, _, _ in SUPPLY_FIELDS)


def _table_schema(columns: tuple) -> dict:
    fields = [
        {"name": name, "type": kind, "description": meaning}
        | ({"format": "uri"} if name == "url" else {})
        for name, kind, meaning in columns
    ]
    return {"fields": fields, "missingValues": [""]}


_FORMULA_NOTE = "Cells that a spreadsheet would run as a formula start with an apostrophe."


def datapackage(site_name: str) -> str:
    """A Frictionless Data Package describing the two CSV files, column by column."""
    resources = [
        ("supply", SUPPLY_FIELDS, "One row per donor, system and status statement, with a quote."),
        ("factsheets", SHEET_FIELDS, "One row per system, as its page shows it now."),
    ]
    package = {
        "name": "factsheets-supply",
        "title": f"{site_name}: who supplies what",
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": f"{description} {_FORMULA_NOTE}",
                "schema": _table_schema(columns),
            }
            for name, columns, description in resources
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def supply_rows(sheets: list[FactSheet]) -> list[dict]:
    """Every status statement an editor has not rejected, by system, then date, donor and
    article.  A statement that names no donor has an empty donor: it is not guessed."""
    rows = []
    for sheet in sheets:
        for item in sheet.accepted("status"):
            rows.append(
                {
                    "donor": item.actor or "",
                    "recipient": item.recipient or DEFAULT_RECIPIENT,
                    "system_id": sheet.id,
                    "system_name": sheet.name,
                    "variant": item.variant,
                    "status": str(item.value),
                    "quantity": item.quantity,
                    "date": item.published.isoformat() if item.published else None,
                    "outlet": item.outlet,
                    "url": item.url,
                    "quote": item.quote,
                    "article": item.article,
                    "evidence_id": item.id,
                }
            )
    return sorted(rows, key=lambda r: (r["system_id"], r["date"] or "", r["donor"], r["article"]))


def supply_json(sheets: list[FactSheet]) -> str:
    rows = supply_rows(sheets)
    return json.dumps({"supply": rows}, ensure_ascii=False, indent=2) + "\n"


def supply_csv(sheets: list[FactSheet]) -> str:
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(list(SUPPLY_COLUMNS))
    for row in supply_rows(sheets):
        writer.writerow(["" if row[c] is None else row[c] for c in SUPPLY_COLUMNS])
    return buffer.getvalue()


def sitemap(site_url: str, paths: list[str]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in sorted(set(paths)):
        lines.append(f"  <url><loc>{site_url}/{path}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def changes_feed(
    site_name: str, site_url: str, changes: list[Change], corrections: list[LoggedCorrection] = ()
) -> str:
    feed = Atom1Feed(
        title=f"{site_name}: fact changes",
        link=f"{site_url}/changes/",
        description="Every change in a system's supply status, with the report behind it, "
        "and every correction the editors made, with its reason.",
        feed_url=f"{site_url}/feeds/changes.atom.xml",
        language="en",
    )
    for logged in corrections:  # the editors' own, apart from the news: their category says so
        day = logged.correction.day
        moment = datetime.combine(day, time(), tzinfo=UTC) if day else None
        feed.add_item(
            title=f"Correction: {logged.sentence}",
            link=f"{site_url}/systems/{logged.system_id}/#{logged.correction.anchor}",
            # the feed's summary is HTML its reader renders: the editor's text is escaped
            description=html.escape(logged.correction.reason or ""),
            unique_id=f"{site_url}/systems/{logged.system_id}/#{logged.correction.anchor}",
            categories=("correction",),
            pubdate=moment,
            updateddate=moment,
        )
    for change in changes:
        published = change.evidence.published
        moment = datetime.combine(published, time(), tzinfo=UTC) if published else None
        feed.add_item(
            title=change.title,
            link=f"{site_url}/systems/{change.system_id}/",
            description=html.escape(
                f"“{change.evidence.quote}” ({change.evidence.outlet or 'unknown outlet'})"
            ),
            # one article can change several lines (two donors, a donor and its variant):
            # the evidence's id tells them apart
            unique_id=f"{site_url}/systems/{change.system_id}/#{change.evidence.id}",
            pubdate=moment,
            updateddate=moment,
        )
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    return buffer.getvalue()
