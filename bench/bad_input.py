"""How long `factsheets check` takes to reject hostile fact sheets.

    .venv/bin/python bench/bad_input.py

Issue target: an alias bomb is rejected within a second. Timed here, not in a
unit test; the tests check that it is rejected and why.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BOMB = REPO / "tests" / "bad_yaml" / "20-billion-laughs" / "x.yaml"


def timed_check(facts: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(
        [str(Path(sys.executable).parent / "factsheets"), "check", "--content", str(facts.parent)],
        capture_output=True,
    )
    return time.perf_counter() - start, result.returncode


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        facts = Path(folder) / "facts"
        facts.mkdir()
        shutil.copy(BOMB, facts / "bomb.yaml")
        seconds, code = timed_check(facts)
        print(f"bad input: alias bomb rejected in {seconds:.2f} s (exit {code}; target < 1 s)")
        (facts / "bomb.yaml").unlink()
        entry = "  - {field: mention, value: x, quote: y, article: a.md}\n"
        (facts / "huge.yaml").write_text(
            "name: X\nevidence:\n" + entry * (20_000_000 // len(entry))
        )
        seconds, code = timed_check(facts)
        print(f"bad input: 20 MB sheet rejected in {seconds:.2f} s (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
