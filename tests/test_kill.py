"""Kill the real site build while it writes a fact sheet: every sheet is as it was, or fully
written, and the next build reaches the same result as one never interrupted.

The kill is not timed by a guess: a watcher sends SIGKILL the moment a sheet's temporary file
appears (the store has read the sheet and is writing its new text), and the temporary file
left behind proves the build died mid-write.
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

from conftest import BIN, REPO, build, new_site, snapshot

sys.path.insert(0, str(REPO / "bench"))
from synthetic import corpus  # noqa: E402

BUILD = [str(BIN / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py"]


def site_with_many_articles(root):
    site = new_site(root)
    shutil.rmtree(site / "content")
    content = site / "content"
    shutil.copytree(REPO / "content", content)
    for number, (title, body) in enumerate(corpus(150, seed=7)):
        (content / "articles" / f"2024-01-01-synthetic-{number:03}.md").write_text(
            f"Title: {title}\nSlug: synthetic-{number:03}\nDate: 2024-01-01\n\n{body}\n"
        )
    return site


def kill_at_first_write(site, skip: int) -> bool:
    """Run the build; SIGKILL it when the (skip+1)-th temporary sheet file appears.
    Return whether the kill landed while a sheet was being written."""
    facts = site / "content" / "facts"
    process = subprocess.Popen(
        BUILD, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ
    )
    seen: set[str] = set()
    landed = threading.Event()

    def watch() -> None:
        while process.poll() is None:
            for temporary in facts.glob(".*.yaml.*.tmp"):
                seen.add(temporary.name)
                if len(seen) > skip:
                    process.send_signal(signal.SIGKILL)
                    landed.set()
                    return
            time.sleep(0.0002)

    watcher = threading.Thread(target=watch)
    watcher.start()
    process.wait(timeout=600)
    watcher.join()
    return landed.is_set() and bool(list(facts.glob(".*.yaml.*.tmp")))


def test_killing_the_build_mid_write_never_leaves_a_half_written_sheet(tmp_path):
    pristine = site_with_many_articles(tmp_path / "pristine")
    before = snapshot(pristine / "content" / "facts")
    finished = site_with_many_articles(tmp_path / "finished")
    build(finished)
    after = snapshot(finished / "content" / "facts")
    assert after != before

    landed = 0
    for attempt in range(6):
        work = site_with_many_articles(tmp_path / f"attempt-{attempt}")
        if not kill_at_first_write(work, skip=attempt):
            continue
        landed += 1
        facts = work / "content" / "facts"
        for name, data in snapshot(facts).items():
            if name.endswith(".yaml") and not name.startswith("."):
                assert data in (before.get(name), after.get(name)), (attempt, name)
        # the next complete build tidies up and reaches the same result
        build(work)
        assert snapshot(facts) == after
    assert landed >= 2, f"only {landed} of 6 kills landed while a sheet was being written"
