"""Every case in tests/bad_input/ (articles, topics, references between them): one clear
line naming the file, a non-zero exit, no traceback, nothing on disk changed, and the same
verdict from `factsheets check` as from the build (they share one validation)."""

import os
import shutil

import pytest

from conftest import BIN, REPO, build, new_site, run, snapshot

CASES = sorted(path for path in (REPO / "tests" / "bad_input").iterdir() if path.is_dir())


def site_with_case(tmp_path, case):
    root = new_site(tmp_path / "site")
    shutil.rmtree(root / "content")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    for path in case.rglob("*"):
        if path.is_file() and path.name not in ("expect", "GENERATE"):
            target = content / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    if (case / "GENERATE").exists():
        line = "The United States sent HIMARS launchers to Ukraine, officials said.\n"
        body = line * (3_000_000 // len(line) + 1)
        (content / "articles" / "huge.md").write_text(f"Title: Huge\nDate: 2024-01-01\n\n{body}")
    return root


def expected(case):
    return [line for line in (case / "expect").read_text().splitlines() if line.strip()]


def test_the_corpus_covers_articles_and_topics():
    names = [case.name for case in CASES]
    assert len(names) >= 15
    assert any("article" in n for n in names) and any("topics" in n for n in names)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_and_build_name_the_problem_and_change_nothing(tmp_path, case):
    root = site_with_case(tmp_path, case)
    before = snapshot(root / "content")
    checked = run(BIN / "factsheets", "check", "--content", "content", cwd=root, check=False)
    built = build(root, check=False)
    for result in (checked, built):
        output = result.stdout + result.stderr
        assert result.returncode != 0, output
        for message in expected(case):
            lines = [line for line in output.splitlines() if message in line]
            assert lines, f"{message!r} not on one line of:\n{output}"
        assert "Traceback" not in output
    assert "build stopped; no file was changed" in built.stdout + built.stderr
    assert snapshot(root / "content") == before


def test_a_problem_is_one_line_on_a_narrow_terminal(tmp_path):
    """Pelican's console wraps its log at the terminal's width; a problem line must not
    break (an editor's tools find file:line by reading whole lines)."""
    case = REPO / "tests" / "bad_input" / "13-unknown-topic"
    root = site_with_case(tmp_path, case)
    built = build(root, check=False, env={"COLUMNS": "80"})
    output = built.stdout + built.stderr
    [message] = expected(case)
    assert built.returncode != 0
    assert any(message in line for line in output.splitlines()), output


def test_an_article_that_passed_is_checked_again_once_written(tmp_path):
    """Articles that passed are not read again before the next build; one written since
    (here: same size, its modification time put back) is read again and refused."""
    root = site_with_case(tmp_path, tmp_path / "no-case")
    build(root)
    passed = (root / "cache" / "factsheets" / "articles-passed.json").read_text()
    article = sorted((root / "content" / "articles").glob("*.md"))[0]
    assert article.name in passed
    data, times = article.read_bytes(), article.stat()
    article.write_bytes(data[:-2] + b"\0\n")
    os.utime(article, ns=(times.st_atime_ns, times.st_mtime_ns))
    built = build(root, check=False)
    assert built.returncode != 0
    assert f"{article.name}: a binary file, not an article" in built.stderr
