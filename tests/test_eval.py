"""The extractor against the gold corpus in tests/corpus: the targets of `make eval`."""

from conftest import REFERENCE_ARTICLE, REPO
from factsheets.catalog import load_catalog
from factsheets.evaluate import corpus_pairs, evaluate, format_report

CORPUS = REPO / "tests" / "corpus"


def test_corpus_has_forty_articles_with_gold():
    articles = [a for a, _ in corpus_pairs(CORPUS) if a != REFERENCE_ARTICLE.resolve()]
    assert len(articles) >= 40
    assert {a.suffix for a in articles} == {".txt", ".md", ".html"}


def test_extraction_meets_its_targets_on_the_corpus():
    report = evaluate(CORPUS, load_catalog())
    summary = format_report(report, verbose=True)
    assert report.systems.f1 >= 0.95, summary
    assert report.ranges.f1 >= 0.90, summary
    assert report.status_accuracy >= 0.85, summary
    assert report.ungrounded_quotes == 0, summary
    assert report.quotes > 300, summary
