"""Kill `factsheets facts` at random moments: every sheet is as it was, or fully written."""

import random
import shutil
import signal
import subprocess
import sys
import time

from conftest import BIN, REPO, run, snapshot

sys.path.insert(0, str(REPO / "bench"))
from synthetic import corpus  # noqa: E402


def content_with_many_articles(root):
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    for number, (title, body) in enumerate(corpus(150, seed=7)):
        (content / "articles" / f"2024-01-01-synthetic-{number:03}.md").write_text(
            f"Title: {title}\nDate: 2024-01-01\n\n{body}\n"
        )
    return content


def test_killing_the_update_never_leaves_a_half_written_sheet(tmp_path):
    pristine = content_with_many_articles(tmp_path / "pristine")
    before = snapshot(pristine / "facts")
    finished = tmp_path / "finished"
    shutil.copytree(pristine, finished / "content")
    run(BIN / "factsheets", "facts", "--content", "content", cwd=finished)
    after = snapshot(finished / "content" / "facts")
    assert after != before

    rng = random.Random(4)
    for attempt in range(4):
        work = tmp_path / f"attempt-{attempt}"
        shutil.copytree(pristine, work / "content")
        process = subprocess.Popen(
            [str(BIN / "factsheets"), "facts", "--content", "content"],
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        facts = work / "content" / "facts"
        for name, data in snapshot(facts).items():
            if name.endswith(".yaml"):
                assert data in (before.get(name), after.get(name)), (attempt, name)
        # the next complete run tidies up and reaches the same result
        run(BIN / "factsheets", "facts", "--content", "content", cwd=work)
        assert snapshot(facts) == after
