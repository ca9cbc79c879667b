"""The project as a newsroom with its own Pelican site installs it: built as a wheel, installed
with pip into a fresh virtual environment, loaded by `PLUGINS = ["factsheets"]` in a site
pelican-quickstart made, with Pelican's notmyidea theme.

No network: the fresh environment gets the dependencies this one has installed (every
distribution but this project, linked from a folder its .pth names), and pip installs only
the wheel, from the file, after checking that those dependencies satisfy it."""

import http.server
import shutil
import subprocess
import sys
import sysconfig
from functools import partial
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BIN, REPO, pelican_quickstart, serving, snapshot

OURS = ("pelican_factsheets", "__editable__", "factsheets", "_pelican_factsheets")


def run(*command, cwd=None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def build_wheel(folder: Path) -> Path:
    """The wheel of a copy of the project's files, so the build leaves nothing in the
    working tree."""
    source = folder / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "plugins", source / "plugins", ignore=ignore)
    dist = folder / "dist"
    pip = (BIN / "python", "-m", "pip", "wheel", "--no-deps", "--no-build-isolation")
    run(*pip, "--no-index", "--wheel-dir", dist, source)
    (wheel,) = dist.glob("pelican_factsheets-*.whl")
    return wheel


def fresh_venv(folder: Path) -> Path:
    """A new virtual environment that sees this one's dependencies, not this project."""
    venv = folder / "venv"
    run(sys.executable, "-m", "venv", venv)
    deps = folder / "deps"
    deps.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if entry.name.startswith(OURS) or entry.suffix == ".pth" or entry.name == "__pycache__":
            continue
        (deps / entry.name).symlink_to(entry)
    (site_packages,) = (venv / "lib").glob("python3*/site-packages")
    (site_packages / "dependencies.pth").write_text(f"{deps}\n")
    return venv / "bin" / "python"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(folder)
    python = fresh_venv(folder)
    run(python, "-m", "pip", "install", "--no-index", wheel)
    return python


def test_the_wheel_is_what_the_fresh_venv_imports(installed):
    where = run(installed, "-c", "import factsheets; print(factsheets.__file__)").stdout
    assert Path(where.strip()).is_relative_to(installed.parent.parent)
    shipped = (
        "from factsheets import shipped, topics; print(shipped.TEMPLATES, topics.DEFAULT_TOPICS)"
    )
    for path in run(installed, "-c", shipped).stdout.split():
        assert Path(path).exists() and Path(path).is_relative_to(installed.parent.parent)
    run(installed, "-m", "pip", "check")


def quickstart_with(root: Path, python: Path, settings: str) -> Path:
    site = pelican_quickstart(root, python)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + settings)
    run(python, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", cwd=site)
    return site


def test_a_quickstart_site_with_notmyidea_gets_sheets_in_its_look(installed, tmp_path, browser):
    settings = 'THEME = "notmyidea"\nPLUGINS = ["factsheets"]\nFACTSHEETS_SEARCH = False\n'
    site = quickstart_with(tmp_path / "site", installed, settings)
    output = site / "output"
    page = BeautifulSoup((output / "systems/atacms/index.html").read_text(), "html.parser")
    assert page.select_one("header#banner") is not None  # notmyidea's
    sheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert any(href.endswith("theme/css/main.css") for href in sheets)
    assert page.select_one("dl.factbox") is not None
    footnotes = [a["href"] for a in page.select("sup.cite a")]
    assert footnotes and all(page.select_one(href).blockquote for href in footnotes)
    for name in ("topics", "donors", "sources", "changes"):
        assert (output / name / "index.html").is_file(), name
    assert (site / "content" / "facts" / "atacms.yaml").is_file()

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    handler.log_message = lambda *args: None
    with serving(handler) as url:
        tab = browser.new_page()
        tab.goto(f"{url}/systems/atacms/")
        # the plugin's stylesheet arrived and applies: the fact box is its grid
        assert tab.eval_on_selector(".factbox", "e => getComputedStyle(e).display") == "grid"
        font = tab.eval_on_selector("header#banner h1", "e => getComputedStyle(e).fontFamily")
        assert "Yanone Kaffeesatz" in font  # notmyidea's own stylesheet too
        tab.close()


def test_without_its_settings_the_site_builds_as_plain_pelican(installed, tmp_path):
    # PLUGINS left out would load every namespace plugin installed (pelican-sitemap here)
    plain = quickstart_with(tmp_path / "plain", installed, "PLUGINS = []\n")
    loaded = quickstart_with(tmp_path / "loaded", installed, 'PLUGINS = ["factsheets"]\n')
    assert snapshot(loaded / "output") == snapshot(plain / "output")
    assert snapshot(loaded / "content") == snapshot(plain / "content")
