"""A long build says what it is doing: a bar on a terminal, one summary line in a log."""

import os
import pty
import subprocess
import sys

from conftest import BIN, REPO

sys.path.insert(0, str(REPO / "bench"))

from synthetic import corpus  # noqa: E402

ARTICLES = 240  # above progress.SHOW_FROM, so the step is long enough to report


def archive(root):
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for number, (title, body) in enumerate(corpus(ARTICLES)):
        (content / "articles" / f"2024-01-01-{number:04d}.md").write_text(
            f"Title: {title} ({number})\nDate: 2024-01-01\n\n{body}\n", encoding="utf-8"
        )


def facts_on_a_terminal(root) -> str:
    """`factsheets facts` with its stderr on a pseudo-terminal, as an editor runs it."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    command = [str(BIN / "factsheets"), "facts", "--content", "content"]
    child = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=terminal, env=env)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert child.wait(timeout=600) == 0, seen.decode(errors="replace")[-2000:]
    return seen.decode(errors="replace")


def test_on_a_terminal_extraction_shows_a_bar_with_count_and_rate(tmp_path):
    archive(tmp_path)
    shown = facts_on_a_terminal(tmp_path)
    assert "factsheets: extracting articles" in shown
    assert f"{ARTICLES}/{ARTICLES}" in shown  # the count, as it reaches the end
    assert "/s" in shown


def test_in_a_log_it_is_one_summary_line(tmp_path):
    archive(tmp_path)
    result = subprocess.run(
        [str(BIN / "factsheets"), "facts", "--content", "content"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [line for line in result.stderr.splitlines() if "extracting articles" in line]
    assert len(lines) == 1, result.stderr
    assert f"extracting articles: {ARTICLES} in " in lines[0] and "/s)" in lines[0]
    assert "\r" not in result.stderr and "\x1b[" not in result.stderr  # no bar drawn in a log
