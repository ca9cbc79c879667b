"""How long `factsheets check` takes to reject each hostile input.

    .venv/bin/python bench/bad_input.py

Every case of tests/bad_yaml/ and tests/bad_input/ on a copy of the sample content, then the
alias bomb and a 20 MB sheet alone. Target: each rejected within a second. Timed here, not in
a unit test; the tests check that each is rejected and why.
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


def time_each_case() -> None:
    sys.path.insert(0, str(REPO / "tests"))
    import test_bad_input  # noqa: PLC0415 - the tests' own way of laying a case out

    slowest = 0.0
    for case in test_bad_input.CASES:
        with tempfile.TemporaryDirectory() as folder:
            root = test_bad_input.site_with_case(Path(folder), case)
            seconds, code = timed_check(root / "content" / "facts")
        slowest = max(slowest, seconds)
        print(f"bad input: {case.name} rejected in {seconds:.2f} s (exit {code})")
    for case in sorted(p for p in (REPO / "tests" / "bad_yaml").iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as folder:
            facts = Path(folder) / "facts"
            facts.mkdir()
            for sheet in case.glob("*.yaml"):
                shutil.copy(sheet, facts / sheet.name)
            if (case / "GENERATE").exists():
                continue  # the 20 MB sheet is timed below
            seconds, code = timed_check(facts)
        slowest = max(slowest, seconds)
        print(f"bad input: bad_yaml/{case.name} rejected in {seconds:.2f} s (exit {code})")
    print(f"bad input: slowest rejection {slowest:.2f} s (target < 1 s)")


def main() -> int:
    time_each_case()
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
