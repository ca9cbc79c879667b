"""The plugin's page templates ship with the package and extend the site theme's base.html:
a site with Pelican's own themes gets system, topic, donor, sources and changes pages in its
own look, with the fact box, its stylesheet and the footnotes.  A template of the same name
in the site's theme or THEME_TEMPLATES_OVERRIDES replaces the plugin's."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, quickstart_site
from factsheets.shipped import STATIC, TEMPLATES, template_folders

ASKED = "FACTSHEETS_ENABLED = True\n"
PAGES = (
    "systems/atacms/index.html",
    "systems/index.html",
    "topics/index.html",
    "donors/index.html",
    "donors/united-states/index.html",
    "sources/index.html",
    "changes/index.html",
    "data/index.html",
    "404.html",
)


def page(output: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((output / name).read_text(encoding="utf-8"), "html.parser")


def theme_site(tmp_path: Path, theme: str, extra: str = "") -> Path:
    root = quickstart_site(tmp_path / theme, ["factsheets"], ASKED + f'THEME = "{theme}"\n' + extra)
    build(root)
    return root / "output"


def assert_system_page_with_footnotes(system: BeautifulSoup) -> None:
    """The fact box, each value's footnote, and each footnote's quote on the same page."""
    box = system.select_one("dl.factbox")
    assert box is not None and "delivered" in box.get_text()
    footnotes = [a["href"] for a in system.select("sup.cite a")]
    assert footnotes, "no footnote in the system page"
    for href in footnotes:
        target = system.select_one(href)
        assert target is not None and target.blockquote is not None, href


@pytest.mark.parametrize(
    ("theme", "its_mark"),
    [("notmyidea", "header#banner"), ("simple", "header nav")],
)
def test_every_page_in_the_site_theme_look(tmp_path, theme, its_mark):
    output = theme_site(tmp_path, theme)
    for name in PAGES:
        html = page(output, name)
        assert html.select_one(its_mark) is not None, f"{name} is not in {theme}'s layout"
        links = [link["href"] for link in html.select("link[rel=stylesheet]")]
        assert any(href.endswith("factsheets/css/factsheets.css") for href in links), name
        assert html.select_one('meta[property="og:title"]') is not None, name
        assert html.select_one("script[type='application/ld+json']") is not None, name
        assert html.select_one("section#content.factsheets h1") is not None, name
    assert_system_page_with_footnotes(page(output, "systems/atacms/index.html"))
    for shipped in STATIC.rglob("*.*"):
        copied = output / "factsheets" / shipped.relative_to(STATIC)
        assert copied.read_bytes() == shipped.read_bytes()


def test_a_site_template_extends_the_plugins_and_replaces_one_block(tmp_path):
    overrides = tmp_path / "overrides"
    (overrides / "factsheets").mkdir(parents=True)
    # a theme's own search.html is not the plugin's search page: only factsheets/ names it
    (overrides / "search.html").write_text("<p>The theme's own search</p>")
    (overrides / "factsheets" / "system.html").write_text(
        '{% extends "!factsheets/system.html" %}\n'
        '{% block main %}<p class="desk-note">Checked by the desk.</p>{{ super() }}'
        "{% endblock %}\n"
    )
    extra = f"THEME_TEMPLATES_OVERRIDES = [{str(overrides)!r}]\n"
    output = theme_site(tmp_path, "notmyidea", extra)
    system = page(output, "systems/atacms/index.html")
    assert system.select_one("p.desk-note").get_text() == "Checked by the desk."
    assert_system_page_with_footnotes(system)
    assert page(output, "topics/index.html").select_one("p.desk-note") is None
    assert "The theme's own search" not in (output / "search" / "index.html").read_text()


def test_static_files_are_left_alone_when_unchanged_and_moved_with_the_setting(tmp_path):
    output = theme_site(tmp_path, "notmyidea")
    css = output / "factsheets" / "css" / "factsheets.css"
    before = css.stat().st_mtime_ns
    build(output.parent)
    assert css.stat().st_mtime_ns == before
    css.write_text("/* stale */")
    build(output.parent)
    assert css.read_bytes() == (STATIC / "css" / "factsheets.css").read_bytes()
    conf = output.parent / "pelicanconf.py"
    conf.write_text(conf.read_text() + 'FACTSHEETS_STATIC_DIR = "assets/fs"\n')
    build(output.parent)
    assert (output / "assets" / "fs" / "css" / "factsheets.css").is_file()
    assert not (output / "factsheets").exists()  # the old copies are removed, not left behind
    system = (output / "systems" / "atacms" / "index.html").read_text()
    assert "assets/fs/css/factsheets.css" in system


def test_search_indexes_the_plugins_pages_in_a_foreign_theme(tmp_path):
    output = theme_site(tmp_path, "notmyidea")
    system = page(output, "systems/atacms/index.html")
    assert system.select_one("section#content[data-pagefind-body]") is not None
    assert (output / "pagefind" / "pagefind-entry.json").is_file()
    sources = page(output, "sources/index.html")  # kept out of search, as in our theme
    assert sources.select_one("[data-pagefind-body]") is None


HOSTILE = '<script>alert(1)</script> "onmouseover="alert(2)'


def test_a_site_without_autoescaping_still_gets_every_value_escaped(tmp_path):
    """Pelican's default leaves autoescaping off; the plugin's templates escape anyway."""
    # and a site template that extends the plugin's own keeps it escaped
    overrides = tmp_path / "overrides" / "factsheets"
    overrides.mkdir(parents=True)
    (overrides / "system.html").write_text(
        '{% extends "!factsheets/system.html" %}{% block main %}{{ super() }}{% endblock %}'
    )
    settings = 'THEME = "notmyidea"\nFACTSHEETS_SEARCH = False\n'
    settings += f"THEME_TEMPLATES_OVERRIDES = [{str(overrides.parent)!r}]\n"
    root = quickstart_site(tmp_path / "site", ["factsheets"], ASKED + settings)
    (root / "content" / "hostile.md").write_text(
        f"Title: ATACMS &lt;script&gt;alert(3)&lt;/script&gt;\nDate: 2024-03-05\n"
        f"Outlet: {HOSTILE}\n\nThe United States has delivered ATACMS missiles to Ukraine, "
        f"officials said. {HOSTILE}\n"
    )
    build(root)
    output = root / "output"
    for name in PAGES:
        html = (output / name).read_text()
        assert "<script>alert" not in html, name
        assert '"onmouseover=' not in html, name
        for script in BeautifulSoup(html, "html.parser").find_all("script"):
            assert "alert" not in script.get_text() or script.get("type") == "application/ld+json"


def test_the_folders_a_page_digest_reads_include_the_plugins_templates(tmp_path):
    settings = {"THEME": str(tmp_path / "theme"), "THEME_TEMPLATES_OVERRIDES": ["o"]}
    assert template_folders(settings) == [Path("o"), tmp_path / "theme" / "templates", TEMPLATES]


@pytest.mark.parametrize("folder", ["", "/tmp/elsewhere", "../outside", "a/../../b"])
def test_a_static_folder_outside_the_output_is_refused_in_one_line(tmp_path, folder):
    extra = f"FACTSHEETS_STATIC_DIR = {folder!r}\nFACTSHEETS_SEARCH = False\n"
    root = quickstart_site(tmp_path / "site", ["factsheets"], ASKED + extra)
    result = build(root, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert f"FACTSHEETS_STATIC_DIR = {folder!r} is not a folder inside the output" in result.stderr
    assert not (root / "output" / "systems").exists()
