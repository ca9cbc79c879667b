"""Extraction throughput on one core: synthetic ~4 KB articles per second.

.venv/bin/python bench/extract_throughput.py [--articles N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import corpus  # noqa: E402

from factsheets.catalog import load_catalog  # noqa: E402
from factsheets.extract import extract  # noqa: E402
from factsheets.model import Article  # noqa: E402


def measure(articles: list[Article], catalog) -> float:
    start = time.perf_counter()
    for article in articles:
        extract(article, catalog)
    return len(articles) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    catalog = load_catalog()
    articles = [
        Article(path=f"a{i}.md", title=title, body=body)
        for i, (title, body) in enumerate(corpus(args.articles))
    ]
    size = statistics.mean(len(a.text) for a in articles)
    extract(articles[0], catalog)  # compile the catalog's patterns outside the timing
    rates = [measure(articles, catalog) for _ in range(args.repeat)]
    print(f"extraction: {len(articles)} synthetic articles, mean {size:,.0f} characters")
    best, median = max(rates), statistics.median(rates)
    print(f"  articles/s on one core: best {best:,.0f}, median {median:,.0f}")
    print("  target: >= 1,000 articles/s", "(met)" if max(rates) >= 1000 else "(NOT met)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
