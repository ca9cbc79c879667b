"""Pelican's own watch loop (`pelican --autoreload --listen`) and the `livereload` task of the
tasks.py pelican-quickstart writes: what the plugin writes into content/ during a build (fact
sheets, the ledger) starts no further build, a change starts exactly one, and a broken fact
sheet is reported while the loop goes on watching and serving the last good site."""

import re
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import BIN, ChildProcess, pelican_quickstart

# longer than watchfiles' debounce (1.6 s) and livereload's polling, with room to spare
QUIET_SECONDS = 4
DONE = "Done: Processed"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Watching(ChildProcess):
    """A watch loop in a child process, its output collected line by line."""

    def builds(self) -> int:
        return self.output().count(DONE)

    def quiet_after(self, builds: int) -> None:
        """The loop made `builds` builds, and starts no other while nothing changes."""
        self.wait_for(DONE, builds)
        time.sleep(QUIET_SECONDS)
        assert self.builds() == builds, self.output()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def watching():
    started: list[Watching] = []

    def start(*args, **kwargs) -> Watching:
        started.append(Watching(*args, **kwargs))
        return started[-1]

    yield start
    for loop in started:
        loop.stop()


def served(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
        return response.read().decode("utf-8")


def test_pelicans_autoreload_builds_once_per_change_and_survives_a_broken_sheet(site, watching):
    port = free_port()
    command = [BIN / "pelican", "content", "-o", "output", "-s", "pelicanconf.py"]
    command += ["--autoreload", "--listen", "--bind", "127.0.0.1", "--port", str(port)]
    loop = watching(command, site)
    # the first build writes fact sheets and the ledger into content/: no build follows
    loop.quiet_after(1)
    assert "ATACMS" in served(port, "systems/atacms/")
    articles = site / "content" / "articles"
    (articles / "2024-11-20-atacms-again.md").write_text(
        "Title: More ATACMS for Kyiv\nDate: 2024-11-20\n\n"
        "The United States has delivered more ATACMS missiles to Ukraine, officials said.\n"
    )
    loop.quiet_after(2)
    assert "More ATACMS for Kyiv" in served(port, "systems/atacms/")

    sheet = site / "content" / "facts" / "atacms.yaml"
    good = sheet.read_text()
    sheet.write_text(good.replace("status:", "status: [unclosed", 1))
    problem = r"CRITICAL factsheets: content/facts/atacms\.yaml:\d+"
    loop.wait_for(problem)
    time.sleep(QUIET_SECONDS)
    assert loop.process.poll() is None, "the watch loop ended on a broken fact sheet"
    # Pelican's loop builds again at once after an error: the plugin waits for an edit
    assert len(re.findall(problem, loop.output())) == 1, loop.output()
    assert "Traceback" not in loop.output()
    assert "More ATACMS for Kyiv" in served(port, "systems/atacms/")  # the last good site
    sheet.write_text(good)
    loop.quiet_after(3)

    # what the first build refuses, every later build refuses too
    (articles / "2024-11-21-link.md").symlink_to(articles / "2024-11-20-atacms-again.md")
    loop.wait_for(r"CRITICAL factsheets: content/articles/2024-11-21-link\.md")
    assert loop.process.poll() is None


def test_the_quickstart_livereload_task_builds_once_per_change(tmp_path, watching):
    pytest.importorskip("livereload", reason="the test extra installs livereload")
    root = pelican_quickstart(tmp_path / "site")
    conf = root / "pelicanconf.py"
    conf.write_text(conf.read_text() + 'PLUGINS = ["factsheets"]\nFACTSHEETS_SEARCH = False\n')
    tasks = root / "tasks.py"
    port = free_port()
    tasks.write_text(tasks.read_text().replace('"port": 8000', f'"port": {port}', 1))
    # the task opens a browser; here `true` stands in for one
    loop = watching([BIN / "invoke", "livereload"], root, env={"BROWSER": "true"})
    loop.quiet_after(1)
    assert (root / "content" / "facts" / "atacms.yaml").is_file()
    assert "ATACMS" in served(port, "systems/atacms/")
    (root / "content" / "third.md").write_text(
        "Title: Third\nDate: 2024-03-03\n\nPoland has delivered Leopard 2 tanks to Ukraine.\n"
    )
    loop.quiet_after(2)
    assert "Leopard 2" in served(port, "systems/index.html")
