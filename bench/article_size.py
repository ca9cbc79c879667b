"""Extraction time against article size: linear, or a huge article hangs the build.

.venv/bin/python bench/article_size.py [--sizes 1 4 16]

Articles over 2 MB are refused before extraction (read.MAX_ARTICLE_BYTES); this measures the
extractor itself on one long paragraph and on many short ones, where a scan that restarts at
every boundary would show as seconds per MB growing with the size.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import corpus  # noqa: E402

from factsheets.catalog import load_catalog  # noqa: E402
from factsheets.extract import extract  # noqa: E402
from factsheets.model import Article  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16], help="MB")
    args = parser.parse_args()
    catalog = load_catalog()
    prose = " ".join(body.replace("\n\n", " ") for _, body in corpus(400))
    extract(Article(path="warm.md", title="Warm", body=prose[:5000]), catalog)
    for size in args.sizes:
        length = int(size * 1_000_000)
        text = (prose * (length // len(prose) + 1))[:length]
        shapes = (("one paragraph", text), ("short paragraphs", text.replace(". ", ".\n\n")))
        for shape, body in shapes:
            start = time.perf_counter()
            extract(Article(path="big.md", title="Big", body=body), catalog)
            seconds = time.perf_counter() - start
            print(
                f"article size: {size:g} MB, {shape}: {seconds:.1f} s ({seconds / size:.2f} s/MB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
