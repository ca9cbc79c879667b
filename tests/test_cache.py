"""Only changed articles are extracted again; the cache lives outside content/."""

import shutil

from conftest import BIN, REPO, build, run, snapshot

FACTSHEETS = BIN / "factsheets"


def facts(root):
    return run(FACTSHEETS, "facts", "--content", "content", cwd=root).stdout.splitlines()[-1]


def test_unchanged_articles_come_from_the_cache(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    assert facts(tmp_path).startswith("13 articles: 13 extracted, 0 from cache")
    assert facts(tmp_path).startswith("13 articles: 0 extracted, 13 from cache")
    article = (
        tmp_path / "content" / "articles" / "2023-05-27-ukraine-requests-taurus-from-germany.md"
    )
    article.write_text(article.read_text() + "\nGermany has now decided to send Taurus missiles.\n")
    assert facts(tmp_path).startswith("13 articles: 1 extracted, 12 from cache; 1 fact sheets")
    assert not [p for p in (tmp_path / "content").rglob("*") if "cache" in p.name]
    assert any((tmp_path / "cache" / "factsheets").rglob("*.json"))


def test_an_editor_alias_invalidates_the_cache(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    sheet = tmp_path / "content" / "facts" / "taurus.yaml"
    sheet.write_text(sheet.read_text().replace("aliases: [", "aliases: [KEPD-350X, "))
    assert facts(tmp_path).startswith("13 articles: 13 extracted, 0 from cache")


def test_a_damaged_cache_entry_is_extracted_again(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    before = snapshot(tmp_path / "content")
    for entry in (tmp_path / "cache" / "factsheets").rglob("*.json"):
        entry.write_text("{not json")
    assert facts(tmp_path).startswith("13 articles: 13 extracted, 0 from cache")
    assert snapshot(tmp_path / "content") == before


def test_the_build_caches_under_pelicans_cache_path(site):
    build(site)
    assert any((site / "cache" / "factsheets").rglob("*.json"))
    before = snapshot(site / "content")
    build(site)
    assert snapshot(site / "content") == before
