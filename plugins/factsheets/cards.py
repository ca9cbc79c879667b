"""The social card of a system page: a 1200 x 630 PNG that link previews show.

Drawn as SVG from the sheet's shown values (status per donor, range, as-of date) and turned
into PNG by resvg (resvg-py: one self-contained wheel, no system library and no network),
with the fonts this package ships (fonts/README.md): the same card on any machine.
Pure: a sheet in, bytes out.
"""

from __future__ import annotations

import functools
import hashlib
import re
from importlib.metadata import version
from pathlib import Path
from xml.sax.saxutils import escape

from .model import STATUSES, FactSheet

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent / "fonts"
FONT_FILES = [str(FONTS / "DejaVuSans.ttf"), str(FONTS / "DejaVuSans-Bold.ttf")]
# what XML 1.0 cannot hold: a sheet's name with a control character still gets its card
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
DONORS_SHOWN = 5
INK, PAPER = "#1b1b1f", "#fdfdfb"  # the card's own text and ground
STYLESHEET = Path(__file__).parent / "static" / "css" / "factsheets.css"


def stylesheet_colours() -> dict[str, str]:
    """The --fs-* colours of the plugin's stylesheet, light theme: the card's status marks,
    muted text and accent are the page's own, kept in one place."""
    root = re.search(r":root\s*\{(.*?)\}", STYLESHEET.read_text(encoding="utf-8"), re.S)
    return dict(re.findall(r"--fs-([a-z]+):\s*(#[0-9a-fA-F]{6})", root.group(1)))


COLOURS = stylesheet_colours()
STATUS_COLOURS = {status: COLOURS[status] for status in STATUSES}


def card_lines(sheet: FactSheet) -> list[tuple[str, str | None]]:
    """The card's lines below the name: (text, status for its colour or None)."""
    lines: list[tuple[str, str | None]] = []
    for shown in sheet.shown_ranges[:2]:
        value = shown.value
        km = value.get("km")
        reach = (
            f"{km:g} km"
            if isinstance(km, int | float)
            else f"{value.get('value')} {value.get('unit')}"
        )
        variant = f" ({value['variant']})" if value.get("variant") else ""
        lines.append((f"Range{variant}: {reach}", None))
    supplied = [line for line in sheet.supply_lines if line.status]
    for line in supplied[:DONORS_SHOWN]:
        lines.append((f"{line.label}: {line.status.value}", str(line.status.value)))
    if len(supplied) > DONORS_SHOWN:
        lines.append((f"and {len(supplied) - DONORS_SHOWN} more donors", None))
    return lines


def fitted_size(text: str, largest: int, bold: bool = False) -> int:
    """A font size for `text` that fits the card's width, at most `largest`: a DejaVu Sans
    letter is about 0.6 of its size wide (0.7 in bold)."""
    width = (0.7 if bold else 0.6) * max(len(text), 1)
    return max(12, min(largest, int((WIDTH - 120) / width)))


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def card_svg(sheet: FactSheet, site_name: str) -> str:
    shown = sheet.shown_status
    status = str(shown.value) if shown else None
    rows = []
    for number, (text, line_status) in enumerate(card_lines(sheet)[:8]):
        colour = STATUS_COLOURS.get(line_status or "", INK)
        rows.append(
            f'<text x="60" y="{285 + number * 44}" font-size="{fitted_size(text, 32)}" '
            f'fill="{colour}">'
            f"{_text(text)}</text>"
        )
    badge = ""
    if status:
        colour = STATUS_COLOURS.get(status, INK)
        badge = (
            f'<rect x="60" y="170" width="{44 + 21 * len(status)}" height="48" rx="24" '
            f'fill="none" stroke="{colour}" stroke-width="3"/>'
            f'<text x="80" y="204" font-size="28" font-weight="bold" fill="{colour}">'
            f"{_text(status.upper())}</text>"
        )
    as_of = f"As of {sheet.as_of.isoformat()} · " if sheet.as_of else ""
    footer = f"{as_of}{site_name} · every value footnoted to its source"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>'
        f'<rect width="{WIDTH}" height="12" fill="{COLOURS["accent"]}"/>'
        f'<text x="60" y="130" font-size="{fitted_size(sheet.name, 72, bold=True)}" '
        f'font-weight="bold" fill="{INK}">'
        f"{_text(sheet.name)}</text>"
        f"{badge}{''.join(rows)}"
        f'<text x="60" y="590" font-size="{fitted_size(footer, 24)}" fill="{COLOURS["muted"]}">'
        f"{_text(footer)}</text>"
        "</svg>"
    )


def card_png(sheet: FactSheet, site_name: str) -> bytes:
    import resvg_py  # imported here: only a build that writes cards loads it

    svg = card_svg(sheet, site_name)
    png = resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True, font_files=FONT_FILES)
    return bytes(png)


def card_digest(sheet: FactSheet, site_name: str) -> str:
    """What a card's pixels depend on: its SVG, this module, the renderer and the fonts."""
    digest = hashlib.sha256(card_svg(sheet, site_name).encode())
    digest.update(Path(__file__).read_bytes() + renderer_version().encode())
    return digest.hexdigest()


@functools.cache
def renderer_version() -> str:
    """What else a card's pixels depend on: the renderer and the fonts."""
    fonts = hashlib.sha256(b"".join(Path(path).read_bytes() for path in FONT_FILES))
    return f"resvg-py {version('resvg-py')}, fonts {fonts.hexdigest()}"
