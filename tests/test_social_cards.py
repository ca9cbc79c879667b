"""Each system page has its social card: a 1200 x 630 PNG made at build time from what the
sheet shows, named by the page's og:image; an edit to the sheet makes a new card."""

import os
import struct
import zlib

from bs4 import BeautifulSoup

from conftest import build
from factsheets.cards import card_lines, card_png, card_svg
from factsheets.model import FactSheet


def png_size_and_colours(data: bytes) -> tuple[int, int, int]:
    """Width, height and how many distinct byte values its pixels hold (a blank card: 1-2)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, position = b"", 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            chunks += data[position + 8 : position + 8 + length]
        position += 12 + length
    return width, height, len(set(zlib.decompress(chunks)))


def test_every_system_page_names_its_card_and_the_card_is_drawn(site):
    """Link previews read only an absolute address: the published build names the card."""
    build(site, "publishconf.py", env={**os.environ, "SITEURL": "https://desk.example/fs"})
    output = site / "output"
    systems = sorted((output / "systems").glob("*/index.html"))
    assert systems
    for page in systems:
        html = BeautifulSoup(page.read_text(), "html.parser")
        image = html.select_one('meta[property="og:image"]')["content"]
        assert image == f"https://desk.example/fs/systems/{page.parent.name}/card.png"
        assert html.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        width, height, colours = png_size_and_colours((page.parent / "card.png").read_bytes())
        assert (width, height) == (1200, 630)
        assert colours > 20, f"{page.parent.name}'s card is blank"
    index = BeautifulSoup((output / "systems" / "index.html").read_text(), "html.parser")
    assert index.select_one('meta[property="og:image"]') is None


def test_a_local_build_draws_the_card_but_names_no_relative_image(site):
    build(site)
    system = site / "output" / "systems" / "atacms"
    assert (system / "card.png").is_file()
    html = BeautifulSoup((system / "index.html").read_text(), "html.parser")
    assert html.select_one('meta[property="og:image"]') is None
    assert html.select_one('meta[name="twitter:card"]')["content"] == "summary"


def test_a_sheet_edit_makes_a_new_card_and_the_setting_turns_them_off(site):
    build(site)
    card = site / "output" / "systems" / "atacms" / "card.png"
    before = card.read_bytes()
    written = card.stat().st_mtime_ns
    # another day's build re-renders every page ("site last updated"), not the card
    build(site, env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
    assert card.stat().st_mtime_ns == written
    sheet = site / "content" / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text().replace("name: ATACMS", "name: ATACMS (edited)", 1))
    build(site)
    assert card.read_bytes() != before
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nFACTSHEETS_SOCIAL_CARDS = False\n")
    build(site)
    assert not card.exists()


def test_the_card_shows_the_sheet_and_escapes_it():
    sheet = FactSheet(
        id="x",
        name="<Launcher & co>",
        ranges=[{"value": 300, "unit": "km", "km": 300}],
        supply={"Germany": {"status": "pledged"}},
    )
    assert card_lines(sheet) == [("Range: 300 km", None), ("Germany: pledged", "pledged")]
    svg = card_svg(sheet, "Desk")
    assert "&lt;Launcher &amp; co&gt;" in svg and "<Launcher" not in svg
    # a control character, which XML cannot hold, is left out rather than breaking the card
    odd = FactSheet(id="y", name="Launcher\x0b")
    assert card_png(odd, "Desk")[:8] == b"\x89PNG\r\n\x1a\n"
