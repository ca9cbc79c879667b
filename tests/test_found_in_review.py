"""Cases a hostile review found: formula cells, Cyrillic names, settings left out of
pelicanconf.py, and editors' temporary files in the live preview."""

import csv
import io
import re

import watchfiles

from conftest import build
from factsheets.devserver import preview_filter
from factsheets.discover import slug
from factsheets.downloads import spreadsheet_safe


def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(site):
    facts = site / "content" / "facts"
    facts.mkdir(exist_ok=True)
    (facts / "evil.yaml").write_text(
        'name: "=HYPERLINK(\\"https://evil.example\\", \\"click\\")"\n'
        "aliases: ['+1 launcher', '@SUM(A1)', '-2+3']\n"
    )
    build(site)
    rows = list(csv.DictReader(io.StringIO((site / "output/data/factsheets.csv").read_text())))
    names = {row["id"]: row["name"] for row in rows}
    assert names["evil"].startswith("'=HYPERLINK(")
    for row in rows:
        for value in row.values():
            assert not re.match(r"[=+\-@\t\r]", value or ""), row
    assert spreadsheet_safe("-5") == "'-5" and spreadsheet_safe(5) == 5
    assert spreadsheet_safe("ATACMS") == "ATACMS"


def test_a_system_named_in_cyrillic_is_found_and_kept():
    from factsheets.catalog import load_catalog
    from factsheets.discover import discover_systems

    text = "Ukraine struck the cruiser with a missile known as the Нептун, officials said."
    [system] = discover_systems(text, load_catalog())
    assert (system.id, system.name) == ("neptun", "Нептун")
    [drone] = discover_systems("A new drone, called «Лютий», flew 1,000 km.", load_catalog())
    assert drone.id == "lyutiy"


def test_a_name_in_cyrillic_gets_a_readable_ascii_id():
    assert slug("Нептун") == "neptun"
    assert slug("Р-360 Нептун") == "r-360-neptun"
    assert slug("Épervier") == "epervier"
    assert slug("Storm Shadow") == "storm-shadow"


def test_settings_left_out_of_pelicanconf_take_their_defaults(site):
    conf = site / "pelicanconf.py"
    text = conf.read_text()
    assert "FACTSHEETS_SEARCH = True" in text
    conf.write_text(text.replace("FACTSHEETS_SEARCH = True", ""))
    build(site)
    home = (site / "output" / "index.html").read_text()
    nav = home.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    assert '/search/">Search</a>' in nav
    assert (site / "output" / "search" / "index.html").exists()


def test_the_preview_ignores_editors_temporary_files(tmp_path):
    added = watchfiles.Change.added
    for name in ("seddJgyB1", "4913", ".atacms.yaml.swp", "#atacms.yaml#", "atacms.yaml~"):
        assert not preview_filter(added, str(tmp_path / "content" / "facts" / name)), name
    for name in ("atacms.yaml", "2024-01-01-report.md"):
        assert preview_filter(added, str(tmp_path / "content" / "facts" / name)), name


def test_a_publish_build_holds_back_sheets_awaiting_review(site):
    facts = site / "content" / "facts"
    facts.mkdir(exist_ok=True)
    (facts / "unchecked.yaml").write_text("name: Unchecked Launcher\nreview: needed\n")
    local = build(site)
    assert (site / "output" / "systems" / "unchecked" / "index.html").exists()
    published = build(site, config="publishconf.py")
    output = published.stdout + published.stderr
    assert "1 sheet(s) awaiting review are not published: unchecked" in output
    assert not (site / "output" / "systems" / "unchecked").exists()
    assert "Unchecked Launcher" not in (site / "output" / "data" / "factsheets.csv").read_text()
    assert "Unchecked Launcher" not in (site / "output" / "systems" / "index.html").read_text()
    assert local.returncode == 0


def test_the_command_line_and_the_build_read_articles_alike(site):
    """With Markdown's smarty extension on, quotes become curly in what Pelican reads; the
    command line reads through the same readers, so the build finds every claim known."""
    from conftest import BIN, run

    conf = site / "pelicanconf.py"
    extensions = '["markdown.extensions.smarty", "markdown.extensions.extra"]'
    conf.write_text(conf.read_text() + f'\nMARKDOWN = {{"extensions": {extensions}}}\n')
    (site / "content" / "articles" / "2024-02-01-quoted.md").write_text(
        "Title: Quoted\nDate: 2024-02-01\n\n"
        "\"We have delivered the ATACMS,\" the Pentagon's spokesman said -- it's the news.\n"
    )
    run(BIN / "factsheets", "facts", "--content", "content", cwd=site)
    ledger = site / "content" / "evidence" / "atacms" / "2024.yaml"
    after_cli = ledger.read_text()
    assert "\u201cWe have delivered the ATACMS,\u201d" in after_cli  # read as Pelican reads it
    build(site)
    assert ledger.read_text() == after_cli  # the build found nothing new: no claim twice


def test_supply_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(site):
    (site / "content" / "articles" / "2024-05-01-formula.md").write_text(
        "Title: A formula\nDate: 2024-05-01\nOutlet: @outlet\n\n"
        "=The United States has delivered more ATACMS missiles to Ukraine, officials said.\n"
    )
    build(site)
    rows = list(csv.DictReader(io.StringIO((site / "output/data/supply.csv").read_text())))
    assert any(row["quote"].startswith("'=") for row in rows)
    assert any(row["outlet"] == "'@outlet" for row in rows)
    for row in rows:
        for value in row.values():
            assert not re.match(r"[=+\-@\t\r]", value or ""), row
