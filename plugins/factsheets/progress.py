"""What a long step is doing: a progress bar on a terminal, one summary line in a log.

A build of a newsroom's archive extracts thousands of articles and writes hundreds of
files; on a terminal the editor sees a bar with the count and the rate (rich, which
Pelican's own logging uses), and CI logs get a single line when the step is done.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Below this many items a step is over before a bar is worth drawing.
SHOW_FROM = 200


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """Yields `advance(n)`; logs "<label>: N in S s (R/s)" at the end when N is large."""
    started = time.perf_counter()
    if total >= SHOW_FROM and sys.stderr.isatty():
        with _bar(label, total) as advance:
            yield advance
    else:
        yield lambda count=1: None
    seconds = time.perf_counter() - started
    if total >= SHOW_FROM:
        # printed, not logged: Pelican shows only warnings unless asked, and a CI log
        # should say how long the step took
        rate = total / seconds if seconds > 0 else float(total)
        print(f"factsheets: {label}: {total} in {seconds:.1f} s ({rate:,.0f}/s)", file=sys.stderr)


@contextmanager
def _bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (
        TextColumn(f"factsheets: {label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
    )
    started = time.perf_counter()
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, rate="")
        done = 0

        def advance(count: int = 1) -> None:
            nonlocal done
            done += count
            seconds = time.perf_counter() - started
            rate = f"{done / seconds:,.0f}/s" if seconds > 0 else ""
            bar.update(task, advance=count, rate=rate)

        yield advance
