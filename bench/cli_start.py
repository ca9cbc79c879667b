"""How long the `factsheets` command takes to start, and to extract one article.

.venv/bin/python bench/cli_start.py

Target: `factsheets --help` under 0.2 s. Each command imports only what it needs, so the
command line does not wait for Pelican, the HTML cleaner or the schema checker to load.
Best of five runs each.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FACTSHEETS = Path(sys.executable).parent / "factsheets"
ARTICLE = REPO / "content" / "articles" / "2023-10-18-ukraine-uses-atacms-first-time.md"


def best(command: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    help_time = best([str(FACTSHEETS), "--help"])
    extract_time = best([str(FACTSHEETS), "extract", "--json", str(ARTICLE)])
    verdict = "met" if help_time < 0.2 else "NOT met"
    print(f"cli start: factsheets --help {help_time:.3f} s (target < 0.2 s: {verdict})")
    print(f"cli start: factsheets extract, one article {extract_time:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
