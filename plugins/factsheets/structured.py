"""schema.org records (JSON-LD) for the pages: what search engines and link previews read.

A system page is a Dataset: its facts, as of the newest report, based on the articles
behind them (each a NewsArticle with its outlet, date and original address).  Pure: a sheet
in, a plain dict out; templates write it with `tojson`, which escapes it for a script tag.
"""

from __future__ import annotations

from .model import FactSheet

CONTEXT = "https://schema.org"


def _page_url(site_url: str, path: str) -> str | None:
    return f"{site_url}/{path}" if site_url else None


def _without_empty(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def system_record(sheet: FactSheet, site_name: str, site_url: str, titles: dict) -> dict:
    """The system page as a Dataset, based on its articles (newest first); `titles`: each
    article's title by its path."""
    sources = [
        _without_empty(
            {
                "@type": "NewsArticle",
                "headline": titles.get(item.article),
                "url": item.url,
                "publisher": {"@type": "Organization", "name": item.outlet}
                if item.outlet
                else None,
                "datePublished": item.published.isoformat() if item.published else None,
            }
        )
        for item in sheet.articles
        if item.url
    ]
    status = sheet.shown_status
    facts = [f"status: {status.value}"] if status else []
    facts += [f"range: {shown.value.get('km')} km" for shown in sheet.shown_ranges]
    return _without_empty(
        {
            "@context": CONTEXT,
            "@type": "Dataset",
            "name": f"{sheet.name}: fact sheet",
            "description": sheet.summary
            or f"Sourced facts about {sheet.name}: supply status per donor, ranges and quotes.",
            "url": _page_url(site_url, f"systems/{sheet.id}/"),
            "alternateName": list(sheet.aliases),
            "dateModified": sheet.as_of.isoformat() if sheet.as_of else None,
            "variableMeasured": facts,
            "keywords": list(sheet.topics),
            "isPartOf": {"@type": "WebSite", "name": site_name},
            "isBasedOn": sources,
        }
    )


def page_record(title: str, site_name: str, url: str | None) -> dict:
    """Any other page: a WebPage of the site."""
    return _without_empty(
        {
            "@context": CONTEXT,
            "@type": "WebPage",
            "name": title,
            "url": url,
            "isPartOf": {"@type": "WebSite", "name": site_name},
        }
    )
