"""Source snapshots: `factsheets import` keeps each report's text with its sha256 and fetch
date in content/sources/, and `factsheets check` flags a quote its article no longer says."""

import os
import re
from datetime import UTC, datetime

from bs4 import BeautifulSoup

from conftest import BIN, FIXTURES, build, evidence_of, run
from factsheets.snapshots import digest, read_snapshot

ENV = {
    **os.environ,
    # a reproducible build's day, which is not the day a report was fetched
    "SOURCE_DATE_EPOCH": str(int(datetime(2020, 1, 1, 12, tzinfo=UTC).timestamp())),
}
ARTICLE = "2022-11-07-pentagon-confirms-nasams-batteries-reached-ukraine"


def factsheets(site, *command, check=True):
    return run(BIN / "factsheets", *command, "--content", "content", cwd=site, check=check, env=ENV)


def imported(site):
    factsheets(site, "import", str(FIXTURES / "pages" / "wire-story.html"))
    build(site, env=ENV)
    return site / "content" / "articles" / f"{ARTICLE}.md"


def test_import_keeps_the_text_the_build_quotes_from(site):
    article = imported(site)
    snapshot = read_snapshot(site / "content" / "sources" / f"{ARTICLE}.snapshot")
    assert snapshot.article == f"articles/{ARTICLE}.md"
    assert snapshot.fetched == datetime.now(UTC).date() and snapshot.url.startswith("http")
    assert snapshot.intact and snapshot.sha256 == digest(snapshot.text)
    quotes = [e["quote"] for e in evidence_of(site / "content", "nasams")]
    assert quotes and all(" ".join(q.split()) in " ".join(snapshot.text.split()) for q in quotes)
    assert article.is_file()
    assert factsheets(site, "check").returncode == 0


def test_an_article_edited_after_its_quotes_were_taken_is_flagged(site):
    article = imported(site)
    (quoted, *_) = [e for e in evidence_of(site / "content", "nasams") if e["field"] == "status"]
    sentence = quoted["quote"]
    text = article.read_text()
    first_words = " ".join(sentence.split()[:6])
    edited = re.sub(re.escape(first_words) + r"[^\n]*", "The report was withdrawn.", text, count=1)
    assert edited != text
    article.write_text(edited)
    result = factsheets(site, "check", check=False)
    assert result.returncode == 1
    (line,) = [x for x in result.stdout.splitlines() if quoted["id"] in x]
    assert line.startswith(f"stale quote: nasams evidence {quoted['id']}:")
    assert f"content/articles/{ARTICLE}.md no longer says it" in line
    assert f"its snapshot content/sources/{ARTICLE}.snapshot still does" in line
    assert "add " + quoted["id"] + " to `rejected:` in content/facts/nasams.yaml" in line
    article.write_text(text)
    assert factsheets(site, "check").returncode == 0


def test_a_quote_without_a_snapshot_is_checked_against_its_article(site):
    build(site, env=ENV)
    article = next((site / "content" / "articles").glob("2024-04-24-*"))
    article.write_text(article.read_text().replace("arrived in Ukraine", "were discussed"))
    result = factsheets(site, "check", check=False)
    assert result.returncode == 1
    assert "no longer says it; restore the article, or add" in result.stdout
    assert "snapshot" not in result.stdout


def test_a_snapshot_edited_by_hand_is_named_in_one_line(site):
    imported(site)
    path = site / "content" / "sources" / f"{ARTICLE}.snapshot"
    path.write_text(path.read_text().replace("NASAMS", "NASAMS-X", 1))
    result = factsheets(site, "check", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if x.strip()]
    assert f"{ARTICLE}.snapshot: its text no longer matches its SHA256 line" in line


def test_an_archived_copy_is_linked_beside_the_original(site):
    article = next((site / "content" / "articles").glob("2024-04-24-*"))
    archive = "https://web.archive.org/web/2024/https://example.org/wire/atacms-arrived"
    article.write_text(article.read_text().replace("URL: ", f"Archive: {archive}\nURL: ", 1))
    build(site, env=ENV)
    page = (site / "output" / "systems" / "atacms" / "index.html").read_text()
    links = BeautifulSoup(page, "html.parser").select("li.evidence-item a")
    assert archive in [a["href"] for a in links if a.get_text() == "archived copy"]
