"""Only changed articles are extracted again; the cache lives outside content/."""

import json
import shutil

import pytest

from conftest import BIN, REPO, build, run, snapshot

FACTSHEETS = BIN / "factsheets"
# the sample content's articles
N = len([p for p in (REPO / "content" / "articles").iterdir() if p.suffix in (".md", ".txt")])


def facts(root):
    return run(FACTSHEETS, "facts", "--content", "content", cwd=root).stdout.splitlines()[-1]


def test_unchanged_articles_come_from_the_cache(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    assert facts(tmp_path).startswith(f"{N} articles: {N} extracted, 0 from cache")
    assert facts(tmp_path).startswith(f"{N} articles: 0 extracted, {N} from cache")
    article = (
        tmp_path / "content" / "articles" / "2023-05-27-ukraine-requests-taurus-from-germany.md"
    )
    article.write_text(article.read_text() + "\nGermany has now decided to send Taurus missiles.\n")
    assert facts(tmp_path).startswith(
        f"{N} articles: 1 extracted, {N - 1} from cache; 1 evidence files appended to; 0 fact"
    )
    assert not [p for p in (tmp_path / "content").rglob("*") if "cache" in p.name]
    assert any((tmp_path / "cache" / "factsheets").rglob("*.json"))


def test_an_editor_alias_invalidates_the_cache(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    sheet = tmp_path / "content" / "facts" / "taurus.yaml"
    sheet.write_text(sheet.read_text().replace("aliases: [", "aliases: [KEPD-350X, "))
    assert facts(tmp_path).startswith(f"{N} articles: {N} extracted, 0 from cache")


def test_a_damaged_cache_entry_is_extracted_again(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    before = snapshot(tmp_path / "content")
    for entry in (tmp_path / "cache" / "factsheets").glob("??/*.json"):
        entry.write_text("{not json")
    # the build merges only when articles or files changed since its last merge
    assert facts(tmp_path).startswith(f"{N} articles: 0 extracted, {N} from cache")
    (tmp_path / "cache" / "factsheets" / "merged.json").unlink()
    assert facts(tmp_path).startswith(f"{N} articles: {N} extracted, 0 from cache")
    assert snapshot(tmp_path / "content") == before


def damage_cache_entries(root):
    """Every cached extraction unreadable: an article the next merge reads is extracted
    again, so the report's "N extracted" counts the articles the merge read."""
    for entry in (root / "cache" / "factsheets").glob("??/*.json"):
        entry.write_text("{not json")


NEW_ARTICLE = (
    "Title: Berlin weighs Taurus again\nDate: 2025-03-01\n\n"
    "Germany has pledged Taurus missiles to Ukraine, a government spokesman said.\n"
)


def test_a_new_article_is_merged_without_reading_the_others(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    damage_cache_entries(tmp_path)
    (tmp_path / "content" / "articles" / "2025-03-01-taurus-again.md").write_text(NEW_ARTICLE)
    assert facts(tmp_path).startswith(f"{N + 1} articles: 1 extracted, {N} from cache")
    assert any(e["article"].endswith("taurus-again.md") for e in evidence_of_taurus(tmp_path))


def evidence_of_taurus(root):
    from conftest import evidence_of

    return evidence_of(root / "content", "taurus")


def test_a_saved_sheet_merges_only_the_articles_that_name_its_system(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    damage_cache_entries(tmp_path)
    sheet = tmp_path / "content" / "facts" / "taurus.yaml"
    text = sheet.read_text()
    origin = next(line for line in text.splitlines() if line.startswith("origin: "))
    sheet.write_text(text.replace(origin, "origin:"))
    naming = {e["article"] for e in evidence_of_taurus(tmp_path)}
    assert 0 < len(naming) < N
    # the articles that name Taurus are read again, and the emptied field filled
    assert facts(tmp_path).startswith(f"{N} articles: {len(naming)} extracted, ")
    assert origin in sheet.read_text().splitlines()


def test_merging_only_what_changed_writes_what_merging_everything_writes(tmp_path):
    """The same edits, one copy merging only what changed and one merging everything at
    every step (its merge record deleted): the same bytes after each step."""
    copies = [tmp_path / "only-changed", tmp_path / "everything"]
    for root in copies:
        shutil.copytree(REPO / "content", root / "content")
        facts(root)
    steps = ["new article", "emptied field", "older article", "summary", "ledger deleted"]
    for step in steps:
        reports = []
        for root in copies:
            content = root / "content"
            if step == "new article":
                (content / "articles" / "2025-03-01-taurus-again.md").write_text(NEW_ARTICLE)
            elif step == "emptied field":
                sheet = content / "facts" / "atacms.yaml"
                sheet.write_text(sheet.read_text().replace("origin: United States", "origin:"))
            elif step == "older article":
                (content / "articles" / "2022-04-01-early.md").write_text(
                    "Title: An early report\nDate: 2022-04-01\n\nThe United States has "
                    "delivered ATACMS and Storm Shadow to Ukraine, officials said.\n"
                )
            elif step == "summary":
                sheet = content / "facts" / "storm-shadow.yaml"
                sheet.write_text(sheet.read_text().replace("summary:", "summary: Edited.", 1))
            else:
                shutil.rmtree(content / "evidence" / "taurus")
            if root == copies[1]:
                (root / "cache" / "factsheets" / "merged.json").unlink()
            reports.append(facts(root).split(": ", 1)[1])
        assert snapshot(copies[0] / "content") == snapshot(copies[1] / "content"), step
        assert reports[0].split(";", 1)[1] == reports[1].split(";", 1)[1], step


def test_a_deleted_ledger_file_is_written_again_with_the_same_ids(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    before = snapshot(tmp_path / "content")
    # HIMARS: ledger files from no article with a wire `origin:`, which blocks written
    # before articles carried one lack (Taurus's were migrated so)
    shutil.rmtree(tmp_path / "content" / "evidence" / "himars")
    assert "2 evidence files appended to" in facts(tmp_path)  # 2022.yaml and 2023.yaml
    assert snapshot(tmp_path / "content") == before


def test_the_build_caches_under_pelicans_cache_path(site):
    build(site)
    assert any((site / "cache" / "factsheets").rglob("*.json"))
    before = snapshot(site / "content")
    build(site)
    assert snapshot(site / "content") == before


def test_parsed_sheets_are_cached_by_content_and_an_edit_is_read_again(tmp_path):
    from factsheets.parsed import MEMORY
    from factsheets.store import FactSheetError, FactSheetStore

    shutil.copytree(REPO / "content" / "facts", tmp_path / "facts")
    shutil.copytree(REPO / "content" / "evidence", tmp_path / "evidence")
    store = FactSheetStore(tmp_path / "facts", tmp_path / "cache")
    first = {sheet.id: sheet.summary for sheet in store.load_all()}
    assert len(list((tmp_path / "cache" / "sheets").glob("*.pickle"))) == len(first)
    ledger_files = list((tmp_path / "evidence").rglob("*.yaml"))
    assert len(list((tmp_path / "cache" / "ledger").glob("*.pickle"))) == len(ledger_files)
    sheet = tmp_path / "facts" / "taurus.yaml"
    sheet.write_text(sheet.read_text().replace("summary:", "summary: Edited by hand.", 1))
    MEMORY.clear()  # a new process: only the cache on disk is left
    reread = FactSheetStore(tmp_path / "facts", tmp_path / "cache").load_all()
    again = {sheet.id: sheet.summary for sheet in reread}
    assert again["taurus"] == "Edited by hand."
    assert {k: v for k, v in again.items() if k != "taurus"} == {
        k: v for k, v in first.items() if k != "taurus"
    }
    sheet.write_text(sheet.read_text().replace("status:", "status: sent #", 1))
    with pytest.raises(FactSheetError, match="taurus.yaml.*'sent' is not allowed"):
        FactSheetStore(tmp_path / "facts", tmp_path / "cache").load_all()


def test_a_sheet_with_nothing_new_is_not_rewritten_even_if_formatted_by_hand(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    sheet = tmp_path / "content" / "facts" / "himars.yaml"
    # Spacing that a ruamel.yaml round trip would normalise.
    hand_made = sheet.read_text().replace("\norigin: ", "\norigin:     ", 1)
    assert hand_made != sheet.read_text()
    sheet.write_text(hand_made)
    assert facts(tmp_path).endswith("0 fact sheets updated")
    assert sheet.read_text() == hand_made


def test_parallel_extraction_gives_the_same_claims_in_the_same_order():
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import corpus

    from factsheets.catalog import load_catalog
    from factsheets.model import Article
    from factsheets.sync import PARALLEL_FROM, extract_all

    catalog = load_catalog()
    articles = [
        Article(path=f"a{i}.md", title=title, body=body)
        for i, (title, body) in enumerate(corpus(PARALLEL_FROM + 50))
    ]
    serial = extract_all(articles, catalog, workers=1)
    parallel = extract_all(articles, catalog, workers=2)
    assert [claims.article.path for claims in parallel] == [a.path for a in articles]
    assert parallel == serial


def entries(site):
    return sorted((site / "output").glob("pagefind*/pagefind-entry.json"))


def test_the_search_index_is_rebuilt_only_when_a_page_changed(site):
    conf = site / "pelicanconf.py"  # bundles even for a site this small
    conf.write_text(conf.read_text() + "\nFACTSHEETS_SEARCH_BUNDLE_PAGES = 2\n")
    entry = site / "output" / "pagefind" / "pagefind-entry.json"
    build(site)
    first = entry.stat().st_mtime_ns
    build(site)
    assert entry.stat().st_mtime_ns == first  # nothing changed: pagefind did not run
    bundles = {p.parent.name: p.stat().st_mtime_ns for p in entries(site)}
    assert len(bundles) > 2  # pagefind/, and the articles and systems in bundles by letter
    manifest = json.loads((site / "output" / "pagefind-bundles.json").read_text())
    assert sorted(manifest["bundles"]) == sorted(name for name in bundles if name != "pagefind")
    # an edited fact sheet changes its own page only: one bundle is indexed again
    sheet = site / "content" / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text().replace("summary:", "summary: Edited.", 1))
    build(site)
    again = {p.parent.name: p.stat().st_mtime_ns for p in entries(site)}
    assert again.keys() == bundles.keys()
    changed = [name for name in bundles if again[name] != bundles[name]]
    assert changed == ["pagefind-systems-0-9a-c"]  # the bundle with atacms's page, alone
    # an edited article: its own page changes (the body is not indexed, but the page is)
    article = next((site / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text() + "\nA new closing paragraph.\n")
    build(site)
    third = {p.parent.name: p.stat().st_mtime_ns for p in entries(site)}
    changed = [name for name in again if third[name] != again[name]]
    assert changed and all(name.startswith("pagefind-articles-") for name in changed)
    shutil.rmtree(site / "output" / "pagefind")
    build(site)
    assert entry.is_file()  # an index deleted by hand comes back


@pytest.mark.parametrize(
    "record", ['{"code": 1}', "[]", "not json", '{"articles": {"k": null}, "files": {}}']
)
def test_a_damaged_merge_record_merges_everything(tmp_path, record):
    shutil.copytree(REPO / "content", tmp_path / "content")
    facts(tmp_path)
    before = snapshot(tmp_path / "content")
    path = tmp_path / "cache" / "factsheets" / "merged.json"
    data = json.loads(path.read_text())
    if record.startswith('{"articles"'):  # the right code, the wrong shape
        record = json.dumps({**json.loads(record), "code": data["code"]})
    path.write_text(record)
    damage_cache_entries(tmp_path)
    assert facts(tmp_path).startswith(f"{N} articles: {N} extracted, 0 from cache")
    assert snapshot(tmp_path / "content") == before
