"""What another site pastes to show or cite a system: the card's iframe code and the
citation text, both naming the page by its published address."""

from __future__ import annotations

from html import escape

from .model import FactSheet

# The card's frame: what its page is laid out for, and what the embed code asks for.
CARD_WIDTH, CARD_HEIGHT = 600, 400
# Donor lines a card shows; more would not fit the frame, and the card says how many more.
CARD_LINES = 5


def site_address(site_url: str) -> str:
    """The site's published address, or "" where the settings give none (a local build
    with relative URLs): the embed code and citation then carry the page's path only."""
    return site_url.rstrip("/") if site_url.startswith(("https://", "http://")) else ""


def page_address(address: str, sheet: FactSheet) -> str:
    return f"{address}/systems/{sheet.id}/"


def embed_code(sheet: FactSheet, site_name: str, address: str) -> str:
    """The iframe to paste, as HTML text: the name and title are escaped for that HTML,
    and the page that shows this text escapes it once more."""
    title = escape(f"{sheet.name}: who supplies it ({site_name})", quote=True)
    source = escape(f"{page_address(address, sheet)}card/", quote=True)
    return (
        f'<iframe src="{source}" width="{CARD_WIDTH}" height="{CARD_HEIGHT}" '
        f'title="{title}" style="border:0" loading="lazy"></iframe>'
    )


def citation(sheet: FactSheet, site_name: str, address: str) -> str:
    """Title, site, as-of date (the newest report behind the page) and address; the day
    the reader looked is theirs to add, as a style guide asks."""
    as_of = f", as of {sheet.as_of.isoformat()}" if sheet.as_of else ""
    return f"“{sheet.name}”, {site_name}{as_of}, {page_address(address, sheet)}."
