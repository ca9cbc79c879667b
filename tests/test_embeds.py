"""Each system's embeddable card (/systems/<id>/card/) and its page's embed code and
"cite this page" text."""

import functools
from http.server import SimpleHTTPRequestHandler

from bs4 import BeautifulSoup

from conftest import build, serving
from factsheets.embeds import CARD_HEIGHT, CARD_LINES, CARD_WIDTH

CROWDED = """supply:
{donors}
ranges:
  - {{value: 300, unit: km, variant: M57 Block 1A with the unitary warhead}}
  - {{value: 165, unit: km, variant: M39 Block I with cluster submunitions}}
  - {{value: 140, unit: km, variant: M48}}
"""
DONORS = [f"The Republic of Somewhere Quite Far Away {n}" for n in range(CARD_LINES + 3)]


def page(site, *parts) -> BeautifulSoup:
    path = site.joinpath("output", *parts, "index.html")
    return BeautifulSoup(path.read_text(), "html.parser")


def crowd(site) -> None:
    """ATACMS with more donors than a card shows, long names and three ranges."""
    sheet = site / "content" / "facts" / "atacms.yaml"
    donors = "\n".join(
        f"  {name}: {{status: pledged, since: 2024-01-0{i + 1}}}" for i, name in enumerate(DONORS)
    )
    text = sheet.read_text().replace("ranges: []\n", "")
    sheet.write_text(text + CROWDED.format(donors=donors))


def test_the_page_gives_embed_code_and_citation_with_the_published_address(site):
    (site / "publishconf.py").write_text(
        (site / "publishconf.py").read_text() + '\nSITEURL = "https://news.example/weapons"\n'
    )
    build(site)  # the sheets first
    sheet = site / "content" / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text().replace("name: ATACMS", 'name: ATACMS "<b>M57</b>"'))
    build(site, "publishconf.py")
    system = page(site, "systems", "atacms")
    assert not [b for b in system.find_all("b") if b.get_text() == "M57"]  # text, not markup
    code = system.select_one("pre.embed-code").get_text()
    # the pasted text is HTML of its own: one frame, with the name as an escaped title
    frame = BeautifulSoup(code, "html.parser").find_all("iframe")
    assert len(frame) == 1
    assert frame[0]["src"] == "https://news.example/weapons/systems/atacms/card/"
    assert (frame[0]["width"], frame[0]["height"]) == (str(CARD_WIDTH), str(CARD_HEIGHT))
    assert frame[0]["title"].startswith('ATACMS "<b>M57</b>": who supplies it')
    as_of = system.select_one("p.as-of time")["datetime"]
    assert system.select_one("p.citation").get_text() == (
        f'“ATACMS "<b>M57</b>"”, Weapons to Ukraine: sourced fact sheets, as of {as_of}, '
        "https://news.example/weapons/systems/atacms/."
    )
    assert system.select_one(".share .note") is None  # the address is complete


def test_a_local_build_says_its_addresses_are_paths(site):
    build(site)
    system = page(site, "systems", "atacms")
    assert "/systems/atacms/card/" in system.select_one("pre.embed-code").get_text()
    assert "SITEURL" in system.select_one(".share .note").get_text()


def test_the_card_fits_its_frame_runs_no_script_and_opens_the_full_page(site, browser):
    build(site)
    crowd(site)
    build(site)
    card = page(site, "systems", "atacms", "card")
    assert card.find("script") is None
    assert "script-src 'none'" in card.find("meta", attrs={"http-equiv": True})["content"]
    links = card.find_all("a")
    assert links and all(a["target"] == "_top" for a in links)
    rows = [row.th.get_text() for row in card.select("tbody tr")]
    system_rows = [
        row.th.get_text(" ", strip=True)
        for row in page(site, "systems", "atacms").select("table.donors tbody tr")
    ]
    assert rows == system_rows[:CARD_LINES] and len(system_rows) > CARD_LINES
    assert card.select_one("p.more").get_text() == (
        f"and {len(system_rows) - CARD_LINES} more on the full page"
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site / "output"))
    handler.log_message = lambda *args: None
    with serving(handler) as address:
        context = browser.new_context(viewport={"width": CARD_WIDTH, "height": CARD_HEIGHT})
        shown = context.new_page()
        for folder in sorted((site / "output" / "systems").glob("*/card")):
            shown.goto(f"{address}/systems/{folder.parent.name}/card/")
            right, bottom = shown.evaluate(
                "(() => { const r = document.body.getBoundingClientRect();"
                " return [r.right, r.bottom]; })()"
            )
            assert right <= CARD_WIDTH and bottom <= CARD_HEIGHT, folder.parent.name
            # the stylesheet reached the card: its status marks are drawn as badges
            badge = shown.locator(".status").first
            assert badge.evaluate("e => getComputedStyle(e).display") == "inline-block"
        context.close()


def test_embeds_can_be_switched_off(site):
    conf = site / "pelicanconf.py"
    build(site)
    assert (site / "output" / "systems" / "atacms" / "card" / "index.html").is_file()
    conf.write_text(conf.read_text() + "\nFACTSHEETS_EMBEDS = False\n")
    build(site)
    assert not (site / "output" / "systems" / "atacms" / "card").exists()
    system = page(site, "systems", "atacms")
    assert system.select_one("pre.embed-code") is None
    assert system.select_one("p.citation") is not None  # citing needs no card
