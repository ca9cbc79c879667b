"""Every generated page passes the current Nu HTML Checker (vnu.jar from the npm package)."""

import json
import shutil
import subprocess

import pytest

from conftest import REPO, build, new_site

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("HTML validation needs Java and `npm install` (run .ci/run)")
    root = new_site(tmp_path / "site")
    shutil.rmtree(root / "content")
    shutil.copytree(REPO / "content", root / "content")
    conf = root / "pelicanconf.py"  # two systems with their evidence on pages per year
    conf.write_text(conf.read_text() + "\nFACTSHEETS_YEAR_PAGES_FROM = 6\n")
    build(root)
    assert (root / "output" / "systems" / "taurus" / "evidence" / "2024" / "index.html").is_file()
    pages = sorted(str(p) for p in (root / "output").rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 40
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr)  # vnu writes its JSON report to stderr
    assert report["version"]
    messages = report["messages"]
    errors = [
        f"{m.get('url', '').split('/output/')[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
    ]
    assert errors == []
