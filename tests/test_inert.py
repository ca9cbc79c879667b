"""Loading the plugin in a site that does not ask for it changes nothing: the output is
plain Pelican's, byte for byte, and nothing is written beside it.  A site asks with a
FACTSHEETS_* setting in pelicanconf.py or a facts folder in its content."""

import json
import os
import re

import pytest

from conftest import build, quickstart_site, snapshot


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


def test_the_sites_own_404_page_is_kept_once_ours_is_off(site):
    build(site)
    assert "Page not found" in (site / "output" / "404.html").read_text()
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + "FACTSHEETS_404 = False\n")
    (site / "content" / "pages").mkdir(exist_ok=True)
    (site / "content" / "pages" / "404.md").write_text(
        "Title: Lost\nSave_as: 404.html\n\nThe desk's own page for a wrong address.\n"
    )
    build(site)
    assert "The desk's own page" in (site / "output" / "404.html").read_text()


def test_with_pelican_sitemap_its_sitemap_lists_our_pages_in_every_build(site):
    pytest.importorskip("pelican.plugins.sitemap", reason="the test extra installs it")
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + '\nPLUGINS = ["factsheets", "sitemap"]\n')
    expected = {"systems/", "systems/atacms/", "donors/", "sources/", "changes/", "topics/"}
    page = site / "output" / "systems" / "atacms" / "index.html"
    for number in range(2):  # the second build renders no page of ours again: all are current
        if number:
            written = page.stat().st_mtime_ns
        build(site)
        if number:
            assert page.stat().st_mtime_ns == written, "the page was rendered again"
        text = (site / "output" / "sitemap.xml").read_text()
        assert "<changefreq>" in text  # pelican-sitemap's, not ours
        locations = set(
            re.findall(
                r"<loc>[^<]*?/?((?:systems|donors|sources|changes|topics)/[^<]*)</loc>", text
            )
        )
        assert expected <= locations, sorted(locations)
        assert text.count("systems/atacms/</loc>") == 1
        assert not re.search(r"<loc>[^<]*/(?:404\.html|search/|review/)</loc>", text)
    # and the plugin did not write a sitemap of its own for pelican-sitemap's to replace
    written = json.loads((site / "cache" / "factsheets" / "pages.json").read_text())
    assert "systems/atacms/index.html" in written and "sitemap.xml" not in written


def test_search_without_pagefind_is_one_line_before_anything_is_written(site):
    conf = site / "pelicanconf.py"
    # a Python without pagefind's binary: the module is marked missing before the build
    conf.write_text("import sys\nsys.modules['pagefind_bin'] = None\n" + conf.read_text())
    before = snapshot(site / "content")
    result = build(site, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    assert "pip install 'pelican-factsheets[search]'" in result.stderr
    assert snapshot(site / "content") == before
    assert not (site / "output" / "systems").exists()


def test_every_setting_the_build_cannot_use_is_named_at_once(site):
    conf = site / "pelicanconf.py"
    conf.write_text(
        "import sys\nsys.modules['pagefind_bin'] = None\n"
        + conf.read_text()
        + '\nFACTSHEETS_STATIC_DIR = ""\n'
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "yesterday"}
    result = build(site, check=False, env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    problems = [line for line in result.stderr.splitlines() if line.startswith("CRITICAL")]
    assert len(problems) == 3, result.stderr
    assert "SOURCE_DATE_EPOCH='yesterday'" in problems[0]
    assert "pelican-factsheets[search]" in problems[1]
    assert "FACTSHEETS_STATIC_DIR = ''" in problems[2]
    assert not (site / "output" / "systems").exists()
