"""Loading the plugin in a site that does not ask for it changes nothing: the output is
plain Pelican's, byte for byte, and nothing is written beside it.  A site asks with a
FACTSHEETS_* setting in pelicanconf.py or a facts folder in its content."""

from pathlib import Path

from conftest import REPO, build, snapshot

SETTINGS = """AUTHOR = "Desk"
SITENAME = "A newsroom"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = {plugins_list}
"""
ARTICLES = {
    "first.md": "Title: First\nDate: 2024-03-01\n\nThe United States has delivered ATACMS "
    "missiles to Ukraine, officials said.\n",
    "second.md": "Title: Second\nDate: 2024-03-02\nTags: aid\n\nGermany will send two more "
    "IRIS-T SLM systems to Ukraine.\n",
}


def quickstart_site(root: Path, plugins: list[str], extra: str = "") -> Path:
    """A site as pelican-quickstart makes one: its own settings, Pelican's default theme."""
    (root / "content").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (root / "content" / name).write_text(text)
    conf = SETTINGS.format(plugins=str(REPO / "plugins"), plugins_list=plugins)
    (root / "pelicanconf.py").write_text(conf + extra)
    return root


def test_a_site_that_does_not_ask_builds_as_plain_pelican(tmp_path):
    plain = quickstart_site(tmp_path / "plain", [])
    loaded = quickstart_site(tmp_path / "loaded", ["factsheets"])
    for root in (plain, loaded):
        build(root)
    assert snapshot(plain / "output") == snapshot(loaded / "output")
    # nothing beside the output either: no fact sheets, no ledger, no cache of ours
    assert sorted(p.name for p in loaded.iterdir()) == sorted(p.name for p in plain.iterdir())
    assert snapshot(loaded / "content") == snapshot(plain / "content")


def test_a_site_turns_it_off_even_with_a_facts_folder(tmp_path):
    plain = quickstart_site(tmp_path / "plain", [])
    off = quickstart_site(tmp_path / "off", ["factsheets"], "FACTSHEETS_ENABLED = False\n")
    (plain / "content" / "facts").mkdir()
    (off / "content" / "facts").mkdir()
    for root in (plain, off):
        build(root)
    assert snapshot(plain / "output") == snapshot(off / "output")


def test_a_facts_folder_asks_for_the_plugin(tmp_path):
    from factsheets.settings import asked_for

    root = quickstart_site(tmp_path / "site", ["factsheets"])
    settings = {"PATH": str(root / "content")}
    assert not asked_for(settings)
    (root / "content" / "facts").mkdir()
    assert asked_for(settings)
    assert asked_for({"PATH": str(tmp_path), "FACTSHEETS_SEARCH": False})
    assert not asked_for({"PATH": str(root / "content"), "FACTSHEETS_ENABLED": False})


def test_the_sitemap_and_404_can_be_switched_off(site):
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "FACTSHEETS_SITEMAP = False\nFACTSHEETS_404 = False\n")
    build(site)
    output = site / "output"
    assert (output / "systems" / "atacms" / "index.html").is_file()
    assert not (output / "sitemap.xml").exists() and not (output / "404.html").exists()
