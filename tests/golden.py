"""The golden site: three articles in, its whole output committed under tests/golden/expected/.

`make golden` (python tests/golden.py) builds tests/golden/site/ from nothing and writes
everything the build produces there: the site in output/, and the fact sheets and evidence
ledger the build wrote in content/.  tests/test_golden.py builds the same site and compares
every file byte for byte, so a change's effect on the output is reviewed as a diff of
expected/.  The build is made reproducible by SOURCE_DATE_EPOCH ("site last updated") and
leaves out search and the social cards (see SETTINGS).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
EXPECTED = GOLDEN / "expected"
EPOCH = "1767225600"  # 2026-01-01: every page's "site last updated"
# no search index and no social cards: pagefind's index and the PNG bytes a renderer writes
# are not ours to review (the cards are tested in test_social_cards.py)
SETTINGS = "\n# the golden site\nFACTSHEETS_SEARCH = False\nFACTSHEETS_SOCIAL_CARDS = False\n"
WRITTEN = ("output", "content/facts", "content/evidence")


def build(root: Path) -> Path:
    """The golden site, built in `root` (which must not exist) as `make html` would."""
    root.mkdir(parents=True)
    (root / "pelicanconf.py").write_text((REPO / "pelicanconf.py").read_text() + SETTINGS)
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "plugins").symlink_to(REPO / "plugins")
    shutil.copytree(GOLDEN / "site" / "content", root / "content")
    pelican = Path(sys.executable).parent / "pelican"
    command = [str(pelican), "content", "-o", "output", "-s", "pelicanconf.py", "--fatal", "errors"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "2000"}
    subprocess.run(command, cwd=root, env=env, check=True, capture_output=True, text=True)
    return root


def files(root: Path) -> dict[str, bytes]:
    """Every file the build wrote, by its path under `root`."""
    found = {}
    for folder in WRITTEN:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def write_expected() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        built = files(build(Path(temporary) / "site"))
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for name, data in built.items():
        target = EXPECTED / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {len(built)} files to {EXPECTED.relative_to(REPO)}; review them with git diff")
    return 0


if __name__ == "__main__":
    sys.exit(write_expected())
