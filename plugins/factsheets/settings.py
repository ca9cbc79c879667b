"""The plugin's settings, read from pelicanconf.py, with their defaults.

Paths are relative to Pelican's content directory (PATH) unless absolute.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

DEFAULTS: dict[str, object] = {
    # Whether the plugin does anything.  None: only in a site that asks for it, with a
    # FACTSHEETS_* setting in pelicanconf.py or a facts folder in its content; a site that
    # only loads it builds exactly as plain Pelican does.
    "FACTSHEETS_ENABLED": None,
    # Where the editors' fact sheets live; the build only creates them or fills empty fields.
    "FACTSHEETS_FACTS_DIR": "facts",
    # Where the evidence ledger lives: what the build found, one folder per system,
    # appended to by every build and never edited by hand.
    "FACTSHEETS_EVIDENCE_DIR": "evidence",
    # Topics: a YAML list of {id, title, intro}.
    "FACTSHEETS_TOPICS_FILE": "topics.yaml",
    # Whether `pelican` updates fact sheets from articles while it builds.
    "FACTSHEETS_UPDATE_ON_BUILD": True,
    # Whether to write /review/, the conflicts editors should settle (local builds).
    "FACTSHEETS_REVIEW_PAGE": True,
    # Whether to index the built site with pagefind for /search/.
    "FACTSHEETS_SEARCH": True,
    # Whether search indexes article bodies too (at 10,000 articles pagefind then
    # needs about 2.3 GB of memory instead of 0.8 GB; see docs/performance.md).
    "FACTSHEETS_SEARCH_ARTICLE_TEXT": False,
    # Whether sheets an editor has not reviewed (`review:` set) are published; publishconf.py
    # turns this off, so a reader never sees what no editor has confirmed.
    "FACTSHEETS_PUBLISH_UNREVIEWED": True,
    # A folder with at least this many pages in folders of their own (articles/<slug>/,
    # systems/<id>/) gets search bundles by first letter, so an edit re-indexes a few of them.
    "FACTSHEETS_SEARCH_BUNDLE_PAGES": 100,
    # A list longer than this goes on a page per year: a system's evidence
    # (systems/<id>/evidence/<year>/; its own page keeps the facts, the status changes and
    # the latest articles) and, on a site with more articles, /sources/<year>/.  Those
    # pages are not in the search index.
    "FACTSHEETS_YEAR_PAGES_FROM": 300,
    # Processes for extracting articles not in the cache; 0 means one per core.
    "FACTSHEETS_WORKERS": 0,
    # Whether to write sitemap.xml (never with pelican-sitemap loaded: its sitemap lists our
    # pages; off where another plugin writes the site's sitemap).
    "FACTSHEETS_SITEMAP": True,
    # Whether to write 404.html (off where the theme or another plugin has one).
    "FACTSHEETS_404": True,
    # A donor's status whose newest report is older than this many days before the build day
    # says "no new reporting since" that day, and /review/ lists it; 0 turns this off.
    "FACTSHEETS_STALE_AFTER_DAYS": 180,
    # Whether each system page gets its social card, systems/<id>/card.png (1200 x 630), which
    # link previews show (og:image).
    "FACTSHEETS_SOCIAL_CARDS": True,
    # The record of what the last publish build showed, in the content folder: the build
    # compares with it and logs an editor's change of a published value in `corrections:`.
    "FACTSHEETS_PUBLISHED_FILE": "published.json",
    # Whether this build is the one published (publishconf.py sets it): it writes that
    # record, and stops while a correction has no reason.
    "FACTSHEETS_RECORD_PUBLISHED": False,
    # Whether to write /methodology/: what each status means, how values are chosen and
    # corrected, what the site does not claim (from docs/statuses.md and docs/extraction.md).
    "FACTSHEETS_METHODOLOGY": True,
    # Whether each system gets its embeddable card, systems/<id>/card/ (600 x 400, no scripts),
    # and its page the embed code and "cite this page" text.
    "FACTSHEETS_EMBEDS": True,
    # The output folder for the plugin's stylesheet and scripts (css/factsheets.css, js/*.js),
    # beside the theme's own THEME_STATIC_DIR.
    "FACTSHEETS_STATIC_DIR": "factsheets",
}


# Seconds `factsheets import` allows for fetching one URL, however slowly it arrives.
IMPORT_DEADLINE = 30.0


def asked_for(settings: Mapping) -> bool:
    """Whether a site asks for the plugin: FACTSHEETS_ENABLED when set, else any other
    FACTSHEETS_* setting, else a facts folder in its content.  Read before the defaults
    are published to the settings."""
    chosen = settings.get("FACTSHEETS_ENABLED")
    if chosen is not None:
        return bool(chosen)
    if any(name.startswith("FACTSHEETS_") for name in settings):
        return True
    return os.path.isdir(content_path(settings, "FACTSHEETS_FACTS_DIR"))


def enabled(settings: Mapping) -> bool:
    """Whether this build runs the plugin (decided once, when Pelican starts)."""
    return settings.get("FACTSHEETS_ENABLED") is True


def sitemap_plugin_loaded(settings: Mapping) -> bool:
    """Whether pelican-sitemap writes the site's sitemap.xml (ours is then not written: its
    sitemap lists our pages).  Pelican names each loaded plugin in PLUGINS."""
    names = [
        plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        for plugin in settings.get("PLUGINS") or ()
    ]
    return any(name.rsplit(".", 1)[-1] == "sitemap" for name in names)


def static_dir_problem(settings: Mapping) -> str | None:
    """FACTSHEETS_STATIC_DIR must name a folder inside the output: an empty, absolute or
    `..` path would put the stylesheet anywhere on the disk."""
    value = str(setting(settings, "FACTSHEETS_STATIC_DIR"))
    parts = value.replace("\\", "/").split("/")
    if value.strip(" ./") and not os.path.isabs(value) and ".." not in parts and value[0] != "/":
        return None
    return (
        f"pelicanconf.py: FACTSHEETS_STATIC_DIR = {value!r} is not a folder inside the output; "
        "name one such as 'factsheets'"
    )


def setting(settings: Mapping, name: str):
    return settings.get(name, DEFAULTS[name])


def content_path(settings: Mapping, name: str) -> str:
    """A path setting resolved against the content directory."""
    value = str(setting(settings, name))
    return value if os.path.isabs(value) else os.path.join(settings["PATH"], value)


def cache_path(settings: Mapping, *parts: str) -> str:
    """A folder of ours under Pelican's CACHE_PATH (outside content/, safe to delete)."""
    return os.path.join(settings["CACHE_PATH"], "factsheets", *parts)


class BuildDateError(ValueError):
    pass


def build_date(environ: Mapping[str, str] = os.environ) -> date:
    """The day the site is built, shown as "site last updated": SOURCE_DATE_EPOCH's day
    when it is set (reproducible builds: https://reproducible-builds.org/specs/source-date-epoch/),
    else today in UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if not epoch:  # unset, or set empty as some CI systems do
        return datetime.now(UTC).date()
    try:
        return datetime.fromtimestamp(int(epoch), UTC).date()
    except (ValueError, OverflowError, OSError):
        raise BuildDateError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a date: set it to seconds since "
            "1970-01-01 UTC (e.g. `git log -1 --format=%ct`) or unset it"
        ) from None
