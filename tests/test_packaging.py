"""The distribution as the Pelican ecosystem expects it: named pelican-factsheets, classified
as a Pelican plugin, with the importer and the deploy helper as extras, and a command that
names the missing extra in one line instead of failing on an import."""

import subprocess
import sys
import tomllib

from conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def names(requirements: list[str]) -> set[str]:
    return {r.split(";")[0].split("[")[0].split(">")[0].split("=")[0].strip() for r in requirements}


def test_the_distribution_is_a_pelican_plugin_with_its_extras():
    assert PROJECT["name"] == "pelican-factsheets"
    assert "Framework :: Pelican :: Plugins" in PROJECT["classifiers"]
    core = names(PROJECT["dependencies"])
    assert {"pelican", "pyyaml", "jinja2", "beautifulsoup4"} <= core
    extras = {name: names(items) for name, items in PROJECT["optional-dependencies"].items()}
    assert "trafilatura" in extras["import"] and "ghp-import" in extras["deploy"]
    assert not core & (extras["import"] | extras["deploy"])  # neither is pulled in by core


BLOCKED = """
import sys
class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "trafilatura":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Blocked())
from factsheets.cli import main
sys.exit(main(["import", "--content", "content", "page.html"]))
"""


def test_import_without_its_extra_says_which_to_install(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "pip install 'pelican-factsheets[import]'" in line
    assert "Traceback" not in result.stderr
