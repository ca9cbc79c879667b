"""`factsheets import` shows a progress bar only for 5 or more sources, on a terminal stderr.

The real console script runs with stdout and stderr each either a pipe or a pseudo-terminal.
Rich draws the bar when the Progress starts and again, at 100%, when it stops (a transient
bar is erased only after that), so what reaches the terminal does not depend on its timer.
"""

import os
import re
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BIN, FIXTURES

FACTSHEETS = BIN / "factsheets"
PAGE = FIXTURES / "pages" / "wire-story.html"
TITLE = "Pentagon confirms NASAMS batteries reached Ukraine"
URL = "https://wire.example.org/2022/11/07/nasams-ukraine"
# Settings that would make rich ignore what the streams really are.
RICH_OVERRIDES = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLORTERM")
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass
class Outcome:
    returncode: int
    stdout: str  # what went to a piped stdout ("" if stdout was the terminal)
    stderr: str  # what went to a piped stderr ("" if stderr was the terminal)
    terminal: str  # everything written to the pseudo-terminal, escape codes included
    wrote: list[str]  # the lines the import should print, in order: each article, its snapshot


def saved_pages(folder: Path, count: int) -> list[Path]:
    """`count` copies of one saved page, each a different story: headline, URL and text.

    The importer skips a page whose URL or text it already has, and refuses one that would
    overwrite an article file (named by date and headline), so all three must differ.
    """
    html = PAGE.read_text(encoding="utf-8")
    assert TITLE in html and URL in html and "</article>" in html, "wire-story.html changed"
    folder.mkdir()
    pages = []
    for number in range(count):
        page = folder / f"story-{number}.html"
        page.write_text(
            html.replace(TITLE, f"{TITLE}, report {number}")
            .replace(URL, f"{URL}-{number}")
            .replace("</article>", f"<p>This is report number {number}.</p></article>"),
            encoding="utf-8",
        )
        pages.append(page)
    return pages


def drain(fd: int, chunks: list[bytes]) -> None:
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:  # EIO: every copy of the terminal's other end is closed
            return
        if not data:
            return
        chunks.append(data)


def import_pages(tmp_path: Path, count: int, stdout_tty: bool, stderr_tty: bool) -> Outcome:
    pages = saved_pages(tmp_path / "saved", count)
    env = {key: value for key, value in os.environ.items() if key not in RICH_OVERRIDES}
    env.update(TERM="xterm-256color", COLUMNS="100", LINES="24", PYTHONIOENCODING="utf-8")
    controller, terminal = os.openpty()
    try:
        process = subprocess.Popen(
            [str(FACTSHEETS), "import", "--content", "content", *map(str, pages)],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=terminal if stdout_tty else subprocess.PIPE,
            stderr=terminal if stderr_tty else subprocess.PIPE,
        )
    finally:
        os.close(terminal)
    chunks: list[bytes] = []
    reader = threading.Thread(target=drain, args=(controller, chunks), daemon=True)
    reader.start()
    try:
        stdout, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    finally:
        reader.join(timeout=10)
        os.close(controller)
    written = sorted((tmp_path / "content" / "articles").glob("*.md"))
    assert [path.name for path in written] == [
        f"2022-11-07-pentagon-confirms-nasams-batteries-reached-ukraine-report-{n}.md"
        for n in range(count)
    ]
    return Outcome(
        process.returncode,
        (stdout or b"").decode(),
        (stderr or b"").decode(),
        b"".join(chunks).decode(errors="replace"),
        [
            line
            for path in written
            for line in (
                f"wrote content/articles/{path.name}",
                f"kept its text in content/sources/{path.stem}.snapshot",
            )
        ],
    )


def bar_drawn(terminal: str) -> bool:
    return "importing" in terminal and "━" in terminal and "100%" in terminal


@pytest.mark.parametrize("stdout_tty", [False, True], ids=["stdout-piped", "stdout-terminal"])
def test_five_sources_draw_a_bar_on_a_terminal_stderr(tmp_path, stdout_tty):
    outcome = import_pages(tmp_path, 5, stdout_tty=stdout_tty, stderr_tty=True)
    assert outcome.returncode == 0, outcome
    assert bar_drawn(outcome.terminal), outcome.terminal
    assert outcome.stderr == ""
    if stdout_tty:
        # The paths scroll above the bar, each on a line of its own, not overwritten by it.
        lines = re.split(r"[\r\n]+", ESCAPE.sub("", outcome.terminal))
        # (a snapshot's line, longer than the 100 columns, wraps: the articles' do not)
        for wrote in outcome.wrote:
            assert wrote in lines or wrote.startswith("kept"), outcome.terminal
    else:
        # Piped output gets the paths and nothing else: the bar stays on the terminal.
        assert outcome.stdout == "".join(f"{line}\n" for line in outcome.wrote)
        assert "wrote" not in outcome.terminal


@pytest.mark.parametrize(
    ("count", "stdout_tty", "stderr_tty"),
    [(4, True, True), (4, False, True), (5, True, False), (5, False, False)],
    ids=["4-terminal", "4-stdout-piped", "5-stderr-piped", "5-all-piped"],
)
def test_no_bar_for_fewer_sources_or_without_a_terminal(tmp_path, count, stdout_tty, stderr_tty):
    outcome = import_pages(tmp_path, count, stdout_tty=stdout_tty, stderr_tty=stderr_tty)
    assert outcome.returncode == 0, outcome
    paths = "".join(f"{line}\n" for line in outcome.wrote)
    # Nothing but the paths, wherever stdout goes: no bar, no escape codes, no stray lines.
    if stdout_tty:
        assert outcome.terminal == paths.replace("\n", "\r\n")  # the terminal's newlines
        assert outcome.stdout == ""
    else:
        assert outcome.stdout == paths
        assert outcome.terminal == ""
    assert outcome.stderr == ""
