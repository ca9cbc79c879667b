"""Shared fixtures: paths, and a tiny real site that tests build with Pelican."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from factsheets.model import Article
from factsheets.topics import DEFAULT_TOPICS

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFERENCE_ARTICLE = REPO.parent / "shared" / "reference" / "reference-article.txt"
BIN = Path(sys.executable).parent
# Debian's Chromium, headless, kept off the network except for the site under test.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Two small articles about one system, a pledge and then a delivery.
PLEDGE = Article(
    path="articles/one.md",
    title="US will provide ATACMS",
    body="The Army Tactical Missile System can hit targets up to about 180 miles away.",
    published=date(2023, 9, 22),
    outlet="Example News",
    url="https://example.org/one",
)
DELIVERY = Article(
    path="articles/two.md",
    title="ATACMS arrived in Ukraine",
    body="The missiles can strike targets up to 300 kilometers away.",
    published=date(2024, 4, 24),
    outlet="Example Wire",
    url="https://example.org/two",
)


def reference_article() -> Path:
    """The real re-published article; CI always has it beside the clone."""
    if not REFERENCE_ARTICLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{REFERENCE_ARTICLE} is missing; CI must have ../shared beside the clone")
        pytest.skip("../shared/reference/reference-article.txt is not beside this clone")
    return REFERENCE_ARTICLE


def run(
    *command: str | Path, cwd: Path, check: bool = True, env: dict | None = None
) -> subprocess.CompletedProcess:
    # A wide console keeps Pelican's log lines unwrapped, so tests can read them.
    env = {**os.environ, "COLUMNS": "2000", **(env or {})}
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"{command} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tiny real site: our settings, theme and plugin, with fixture articles."""
    return new_site(tmp_path / "site")


def new_site(root: Path) -> Path:
    root.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "plugins").symlink_to(REPO / "plugins")
    content = root / "content"
    shutil.copytree(FIXTURES / "site", content)
    # the site's own copy of the plugin's topics, for the tests that edit them
    shutil.copy(DEFAULT_TOPICS, content / "topics.yaml")
    return root


QUICKSTART_SETTINGS = """AUTHOR = "Desk"
SITENAME = "A newsroom"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = {plugins_list}
"""
QUICKSTART_ARTICLES = {
    "first.md": "Title: First\nDate: 2024-03-01\n\nThe United States has delivered ATACMS "
    "missiles to Ukraine, officials said.\n",
    "second.md": "Title: Second\nDate: 2024-03-02\nTags: aid\n\nGermany will send two more "
    "IRIS-T SLM systems to Ukraine.\n",
}


def quickstart_site(root: Path, plugins: list[str], extra: str = "") -> Path:
    """A site as pelican-quickstart makes one: its own settings, Pelican's default theme."""
    (root / "content").mkdir(parents=True)
    for name, text in QUICKSTART_ARTICLES.items():
        (root / "content" / name).write_text(text)
    conf = QUICKSTART_SETTINGS.format(plugins=str(REPO / "plugins"), plugins_list=plugins)
    (root / "pelicanconf.py").write_text(conf + extra)
    return root


# pelican-quickstart's questions, answered in order: here, title, author, language, no URL
# prefix, no pagination, time zone, a tasks.py and Makefile, and no upload of any kind
QUICKSTART_ANSWERS = ".\nA newsroom\nDesk\nen\nn\nn\nUTC\ny\n" + "n\n" * 6


def pelican_quickstart(root: Path, python: Path = BIN / "python") -> Path:
    """A site made by Pelican's own pelican-quickstart, with the two articles."""
    root.mkdir(parents=True)
    command = (python, "-m", "pelican.tools.pelican_quickstart")
    subprocess.run(
        command,
        cwd=root,
        input=QUICKSTART_ANSWERS,
        text=True,
        check=True,
        capture_output=True,
        timeout=60,
    )
    for name, text in QUICKSTART_ARTICLES.items():
        (root / "content" / name).write_text(text)
    return root


class ChildProcess:
    """A long-running command (a live preview, a watch loop) in a child process, its
    output collected line by line for the test to wait on."""

    wait_seconds: float = 90  # how long wait_for waits, unless told

    def __init__(self, command: list, cwd: Path, env: dict | None = None) -> None:
        env = {**os.environ, "COLUMNS": "2000", "PYTHONUNBUFFERED": "1", **(env or {})}
        self.process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        self.lines: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str, count: int = 1, timeout: float | None = None) -> re.Match:
        """The `count`th match of `pattern` in the output, once there is one."""
        deadline = time.monotonic() + (timeout or self.wait_seconds)
        while time.monotonic() < deadline:
            matches = list(re.finditer(pattern, self.output()))
            if len(matches) >= count:
                return matches[count - 1]
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"not {count} x {pattern!r} in the output:\n{self.output()}")


@contextlib.contextmanager
def serving(handler) -> Iterator[str]:
    """An HTTP server on loopback while the block runs; yields http://127.0.0.1:PORT."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build(root: Path, config: str = "pelicanconf.py", check: bool = True, env=None):
    """What `make html` (or `make publish` with publishconf.py) runs, in `root`."""
    command = (BIN / "pelican", "content", "-o", "output", "-s", config, "--fatal", "errors")
    return run(*command, cwd=root, check=check, env=env)


def evidence_of(content: Path, system_id: str) -> list[dict]:
    """Every piece of evidence the ledger holds for a system, as plain dicts."""
    from factsheets.ledger import parse_ledger

    folder = content / "evidence" / system_id
    return [e for path in sorted(folder.glob("*.yaml")) for e in parse_ledger(path.read_text())]


def site_pages(output: Path) -> list[Path]:
    """Every page of a built site but the embeddable cards (systems/<id>/card/): a card is
    a frame's content on another site, with no header, footer or link-preview tags."""
    pages = sorted(output.rglob("*.html"))
    parts = [path.relative_to(output).parts for path in pages]
    cards = {("systems", p[1], "card", "index.html") for p in parts if len(p) == 4}
    return [path for path, part in zip(pages, parts, strict=True) if part not in cards]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
