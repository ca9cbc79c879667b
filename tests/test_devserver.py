"""`factsheets devserver` (make devserver): rebuild on change and reload the open page,
in headless Chromium, on a tiny real site."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import BIN, REPO, ChildProcess, new_site

QUIET_SECONDS = 2.5


class Devserver(ChildProcess):
    """The real command in a child process, its output collected line by line."""

    wait_seconds = 60

    def __init__(self, root: Path) -> None:
        super().__init__([BIN / "factsheets", "devserver", "--port", "0"], root)
        self.url = self.wait_for(r"at (http://127\.0\.0\.1:\d+/)").group(1)

    def builds(self) -> int:
        return self.output().count("devserver: built in")

    def settle(self) -> None:
        """Wait until no build has started for a while."""
        count = -1
        while count != self.output().count("changed:"):
            count = self.output().count("changed:")
            time.sleep(QUIET_SECONDS)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


@pytest.fixture
def devserver(tmp_path):
    root = new_site(tmp_path / "site")
    server = Devserver(root)
    yield root, server
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait()


def open_marked(browser, url: str):
    """A page with a marker that only survives until the page reloads."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(url)
    page.evaluate("window.notReloaded = true")
    return page, errors


def wait_for_reload(page, timeout: float = 30) -> None:
    # Polled from here: wait_for_function evaluates a string, which the site's CSP forbids.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate("window.notReloaded") is None:
                page.wait_for_load_state()
                return
        except Exception:  # noqa: BLE001 - the page is navigating; ask again
            pass
        time.sleep(0.2)
    raise AssertionError(f"{page.url} was not reloaded within {timeout} s")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_fact_sheet_edit_rebuilds_once_and_reloads_the_page(devserver, browser):
    root, server = devserver
    server.settle()
    page, console = open_marked(browser, server.url + "systems/atacms/")
    builds = server.builds()
    sheet = root / "content" / "facts" / "atacms.yaml"
    edit(sheet, "summary:\n", "summary: Edited live by an editor.\n")
    wait_for_reload(page)
    assert "Edited live by an editor." in page.inner_text("main")
    server.settle()
    assert server.builds() == builds + 1, server.output()
    assert "changed: content/facts/atacms.yaml" in server.output()
    assert not [text for text in console if "Content Security Policy" in text]


def test_a_new_article_rebuilds_once_despite_the_fact_sheets_it_rewrites(devserver, browser):
    root, server = devserver
    server.settle()
    page, _ = open_marked(browser, server.url + "systems/atacms/")
    builds = server.builds()
    ledger = root / "content" / "evidence" / "atacms" / "2024.yaml"
    before = ledger.read_text(encoding="utf-8")
    (root / "content" / "articles" / "2024-10-01-atacms-more.md").write_text(
        "Title: More ATACMS for Ukraine\nDate: 2024-10-01\nOutlet: Example Daily\n\n"
        "The United States has delivered more ATACMS missiles to Ukraine, officials said.\n",
        encoding="utf-8",
    )
    wait_for_reload(page)
    assert "Example Daily" in page.inner_text("main")
    server.settle()
    # The build appended to the ledger itself; that echo must not start a second build.
    assert ledger.read_text(encoding="utf-8") != before
    assert server.builds() == builds + 1


def test_template_and_topic_changes_reload_the_page(devserver, browser):
    root, server = devserver
    server.settle()
    page, _ = open_marked(browser, server.url)
    edit(root / "theme" / "templates" / "base.html", "</footer>", "<p>live footer</p></footer>")
    wait_for_reload(page)
    assert "live footer" in page.inner_text("footer")
    page.evaluate("window.notReloaded = true")
    topics = root / "content" / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    wait_for_reload(page)


def test_a_broken_fact_sheet_keeps_the_last_good_site_until_it_is_fixed(devserver, browser):
    root, server = devserver
    server.settle()
    page, _ = open_marked(browser, server.url + "systems/atacms/")
    sheet = root / "content" / "facts" / "atacms.yaml"
    good = sheet.read_text(encoding="utf-8")
    sheet.write_text(good.replace("status:", "status: [unclosed", 1), encoding="utf-8")
    server.wait_for(r"build failed")
    assert "atacms.yaml" in server.output()
    assert "Traceback" not in server.output()
    # The open page stays, and says why, naming the file and line.
    banner = page.locator("#factsheets-build-failed")
    banner.wait_for(timeout=10_000)
    assert "The last build failed" in banner.inner_text()
    assert "content/facts/atacms.yaml:" in banner.inner_text()
    assert page.evaluate("window.notReloaded") is True
    # So does a page opened after the failure.
    later = browser.new_page()
    later.goto(server.url + "systems/")
    later.locator("#factsheets-build-failed").wait_for(timeout=10_000)
    assert later.locator("main").inner_text()  # the last good site is still served
    sheet.write_text(good, encoding="utf-8")
    wait_for_reload(page)
    assert page.locator("#factsheets-build-failed").count() == 0
    assert server.process.poll() is None


def test_the_built_site_has_no_reload_script_and_ctrl_c_stops_cleanly(devserver):
    root, server = devserver
    with urllib.request.urlopen(server.url + "systems/atacms/") as response:
        served = response.read().decode()
    on_disk = (root / "output" / "systems" / "atacms" / "index.html").read_text()
    assert "/__factsheets/livereload.js" in served
    assert "__factsheets" not in on_disk
    with urllib.request.urlopen(server.url + "__factsheets/livereload.js") as response:
        script = response.read().decode()
    assert "EventSource" in script
    (root / "livereload.js").write_text(script, encoding="utf-8")
    subprocess.run(["node", "--check", root / "livereload.js"], check=True)  # valid JavaScript
    try:
        urllib.request.urlopen(server.url + "no/such/page/")
    except urllib.error.HTTPError as error:
        assert error.code == 404
        assert "/__factsheets/livereload.js" in error.read().decode()
    else:
        raise AssertionError("a missing page must answer 404")
    assert server.stop() == 0
    assert "devserver stopped" in server.output()
    assert "Traceback" not in server.output()


def test_a_port_in_use_is_a_one_line_error(tmp_path):
    root = new_site(tmp_path / "site")
    first = Devserver(root)
    port = first.url.rsplit(":", 1)[1].strip("/")
    try:
        result = subprocess.run(
            [BIN / "factsheets", "devserver", "--port", port],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        first.stop()
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "PORT=" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_devserver_runs_the_live_preview(tmp_path):
    root = new_site(tmp_path / "site")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    make = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "devserver",
            f"PORT={port}",
            f"INPUTDIR={root / 'content'}",
            f"OUTPUTDIR={root / 'output'}",
            f"CONFFILE={root / 'pelicanconf.py'}",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "2000", "PYTHONUNBUFFERED": "1"},
        start_new_session=True,
    )
    try:
        for line in make.stdout:
            if f"at http://127.0.0.1:{port}/" in line:
                break
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/systems/atacms/") as response:
            assert "/__factsheets/livereload.js" in response.read().decode()
    finally:
        os.killpg(make.pid, signal.SIGINT)
        make.wait(timeout=30)


def test_a_settings_change_reaches_articles_read_from_pelicans_cache(tmp_path, browser):
    root = new_site(tmp_path / "site")
    (root / "content" / "articles" / "2024-05-01-quote.md").write_text(
        'Title: A quote\nDate: 2024-05-01\n\nThe minister said "not yet" about ATACMS.\n',
        encoding="utf-8",
    )
    server = Devserver(root)
    try:
        server.settle()
        page, _ = open_marked(browser, server.url + "articles/a-quote/")
        assert '"not yet"' in page.inner_text("main")
        settings = root / "pelicanconf.py"
        settings.write_text(
            settings.read_text(encoding="utf-8")
            + '\nMARKDOWN = {"extension_configs": {"markdown.extensions.extra": {}, '
            '"markdown.extensions.meta": {}, "markdown.extensions.smarty": {}}, '
            '"output_format": "html5"}\n',
            encoding="utf-8",
        )
        wait_for_reload(page)
        assert "\u201cnot yet\u201d" in page.inner_text("main")
    finally:
        server.stop()


def test_a_missing_or_broken_settings_file_is_a_one_line_error(tmp_path):
    root = new_site(tmp_path / "site")
    missing = subprocess.run(
        [BIN / "factsheets", "devserver", "-s", "nope.py", "--port", "0"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2
    assert missing.stderr == "factsheets: error: nope.py: no such settings file\n"
    settings = root / "pelicanconf.py"
    before = settings.read_text(encoding="utf-8") + "THEME = (\n"
    settings.write_text(before, encoding="utf-8")
    broken = subprocess.run(
        [BIN / "factsheets", "devserver", "--port", "0"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert broken.returncode == 2
    lines = before.count("\n")
    assert broken.stderr.startswith(f"factsheets: error: pelicanconf.py:{lines}: ")
    assert "Traceback" not in broken.stderr + broken.stdout
    assert settings.read_text(encoding="utf-8") == before  # nothing touched
    assert not (root / "output").exists()
