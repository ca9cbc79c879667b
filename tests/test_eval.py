"""The extractor against the gold corpus in tests/corpus: the targets of `make eval`."""

import pytest

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


REAL_CORPUS = REPO.parent / "shared" / "corpus"
RATCHET = REPO / "tests" / "ratchet.yaml"


def test_own_corpus_holds_the_ratchet():
    from factsheets import ratchet
    from factsheets.evaluate import own_figures

    report = evaluate(CORPUS, load_catalog())
    stored = ratchet.load(RATCHET)
    assert stored["tests_corpus"], "tests/ratchet.yaml has no figures for tests/corpus"
    assert ratchet.drops(stored, "tests_corpus", own_figures(report)) == [], format_report(
        report, verbose=True
    )


@pytest.mark.skipif(
    not REAL_CORPUS.is_dir(),
    reason=f"{REAL_CORPUS} not found: the real-report corpus lives outside the repository",
)
def test_real_reports_hold_the_ratchet():
    from factsheets import ratchet
    from factsheets.realcorpus import evaluate_real, format_real

    report = evaluate_real(REAL_CORPUS, load_catalog())
    assert report.articles >= 40
    assert report.ungrounded == 0
    problems = ratchet.drops(ratchet.load(RATCHET), "real_corpus", report.figures())
    assert problems == [], "\n".join(problems) + "\n" + format_real(report, verbose=True)


def test_ratchet_fails_below_the_best_and_only_rises(tmp_path):
    from factsheets import ratchet

    stored = {"c": {"f1": 0.9}}
    assert ratchet.drops(stored, "c", {"f1": 0.9}) == []
    assert ratchet.drops(stored, "c", {"f1": 0.85}) == [
        "c: f1 0.850 is below the 0.900 reached before"
    ]
    assert ratchet.raised(stored, "c", {"f1": 0.8})["c"]["f1"] == 0.9
    assert ratchet.raised(stored, "c", {"f1": 0.95})["c"]["f1"] == 0.95
    path = tmp_path / "ratchet.yaml"
    ratchet.save(path, ratchet.raised(stored, "c", {"f1": 0.95}))
    assert ratchet.load(path) == {"c": {"f1": 0.95}}


def test_make_eval_says_when_the_real_corpus_is_absent(tmp_path):
    import subprocess

    result = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "factsheets"),
            "eval",
            str(CORPUS),
            "--real",
            str(tmp_path / "missing"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"== {tmp_path / 'missing'}: not found; the real-report corpus was not scored" in (
        result.stdout
    )


@pytest.mark.parametrize("text", ["real_corpus: [unclosed\n", "just text\n", "c: {f1: high}\n"])
def test_a_broken_ratchet_file_is_one_line_and_is_left_alone(tmp_path, text):
    import subprocess

    path = tmp_path / "ratchet.yaml"
    path.write_text(text)
    result = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "factsheets"),
            "eval",
            str(CORPUS),
            "--ratchet",
            str(path),
            "--update-ratchet",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"factsheets: error: {path}") and "git checkout" in line
    assert path.read_text() == text
