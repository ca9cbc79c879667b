"""What an editor saves is never lost, and what the build reads is only what it should read.

Each test uses the real command (`factsheets`, `pelican`) on a copy of the sample content.
"""

import os
import shutil
import subprocess
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import BIN, REPO, build, new_site, run, snapshot
from factsheets.ledger import emit_entries

NEW_ARTICLE = (
    "Title: More ATACMS and Abrams for Ukraine\nDate: 2024-03-01\n\n"
    "The United States has delivered more ATACMS missiles and M1 Abrams tanks to Ukraine, "
    "officials said on Friday.\n"
)
EDITOR_NOTE = b"# editor: checked against the Pentagon's list on Friday\n"


def content_copy(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    (content / "articles" / "2024-03-01-more-atacms-and-abrams.md").write_text(NEW_ARTICLE)
    return content


def grow_sheet(sheet: Path, lines: int) -> None:
    """Give a sheet long notes and an empty `origin:` the build will fill from the catalog,
    so the build writes the sheet, and takes long enough at it that an editor's save can
    land between its read and its write."""
    notes = "".join(f"  Note {number}: checked against the archive.\n" for number in range(lines))
    text = sheet.read_text(encoding="utf-8")
    text = text.replace("\nnotes:\n", f"\nnotes: |\n{notes}", 1)
    text = text.replace("\norigin: United States\n", "\norigin:\n", 1)
    sheet.write_text(text, encoding="utf-8")


def facts(root: Path, check: bool = True) -> subprocess.CompletedProcess:
    return run(BIN / "factsheets", "facts", "--content", "content", cwd=root, check=check)


def save_when_written(
    folder: Path, sheet: Path, done: threading.Event, watched: Path | None = None
) -> threading.Event:
    """An editor who appends a line to `sheet` the moment the build starts writing it (or
    `watched`): its temporary file appears after the build read it, before it replaces it."""
    saved = threading.Event()
    name = (watched or sheet).name

    def watch() -> None:
        while not done.is_set():
            if any(folder.glob(f".{name}.*.tmp")):
                with sheet.open("ab") as handle:
                    handle.write(EDITOR_NOTE)
                saved.set()
                return
            time.sleep(0.0005)

    threading.Thread(target=watch, daemon=True).start()
    return saved


BUILDS = {
    "factsheets facts": [str(BIN / "factsheets"), "facts", "--content", "content"],
    "pelican build": [str(BIN / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py"],
}


def run_with_editor(
    command, cwd: Path, sheet: Path, watched: Path | None = None
) -> tuple[subprocess.CompletedProcess, bool]:
    """Run `command` while an editor saves `sheet` the moment `watched` (default: the
    sheet itself) starts being written."""
    done = threading.Event()
    saved = save_when_written((watched or sheet).parent, sheet, done, watched=watched)
    env = {**os.environ, "COLUMNS": "2000"}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    done.set()
    return result, saved.is_set()


@pytest.mark.parametrize("how", ["factsheets facts", "pelican build"])
def test_a_save_during_the_build_is_never_overwritten(tmp_path, how):
    landed = 0
    for attempt in range(4):
        root = new_site(tmp_path / f"try-{attempt}")
        shutil.rmtree(root / "content")
        content = content_copy(root)
        sheet = content / "facts" / "atacms.yaml"
        grow_sheet(sheet, 1500)
        result, saved = run_with_editor(BUILDS[how], root, sheet)
        text = sheet.read_bytes()
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        if not saved:
            continue  # the build finished before the editor saved: nothing to prove here
        assert EDITOR_NOTE in text, f"the editor's line was lost ({how})\n{output}"
        assert b"\norigin:\n" in text or b"origin: United States" in text
        if result.returncode != 0:
            # the save came after the build read the sheet: the build stopped, wrote nothing
            assert "atacms.yaml: changed while building; run the build again" in output
            assert text.endswith(EDITOR_NOTE)
            landed += 1
            # the next build takes the editor's line in and keeps it
            again = facts(root) if how == "factsheets facts" else build(root)
            assert again.returncode == 0
            assert EDITOR_NOTE in sheet.read_bytes()
    assert landed, "no save landed between the build's read and its write in four tries"


def grow_ledger(ledger: Path, entries: int) -> None:
    """Give a ledger file the evidence of a large archive, so writing it takes a while."""
    archive = [
        {
            "field": "mention",
            "value": "ATACMS",
            "quote": f"ATACMS was named in archived report number {number}.",
            "article": f"articles/archive-{number:05}.md",
            "outlet": "Archive",
            "url": f"https://example.org/archive/{number}",
            "published": date(2023, 1, 1),
        }
        for number in range(entries)
    ]
    ledger.write_text(ledger.read_text() + emit_entries(archive))


@pytest.mark.parametrize("how", ["factsheets facts", "pelican build"])
def test_a_save_while_the_build_appends_evidence_needs_no_second_build(tmp_path, how):
    """The usual build only appends to the ledger and never writes the editor's sheet, so a
    save at any moment of it is simply kept: no stop, no second build."""
    saw = 0
    for attempt in range(4):
        root = new_site(tmp_path / f"try-{attempt}")
        shutil.rmtree(root / "content")
        content = content_copy(root)
        article = content / "articles" / "2024-03-01-more-atacms-and-abrams.md"
        article.with_name("2023-12-01-more-atacms-and-abrams.md").write_text(
            article.read_text().replace("Date: 2024-03-01", "Date: 2023-12-01")
        )
        article.unlink()
        ledger = content / "evidence" / "atacms" / "2023.yaml"
        grow_ledger(ledger, 20_000)
        sheet = content / "facts" / "atacms.yaml"
        before = sheet.read_bytes()
        result, saved = run_with_editor(BUILDS[how], root, sheet, watched=ledger)
        assert result.returncode == 0, result.stderr
        assert "more-atacms-and-abrams" in ledger.read_text()
        if not saved:
            continue  # the write was over before the editor looked
        saw += 1
        assert sheet.read_bytes() == before + EDITOR_NOTE
    assert saw, "the editor never saw the ledger being written in four tries"


def test_links_and_special_files_are_refused_not_followed(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("name: TOP SECRET PAYROLL\n")
    cases = {
        "facts/secret.yaml": lambda p: p.symlink_to(secret),
        "facts/gone.yaml": lambda p: p.symlink_to(tmp_path / "missing.yaml"),
        "facts/pipe.yaml": lambda p: os.mkfifo(p),
        "facts/folder.yaml": lambda p: p.mkdir(),
        "articles/linked.md": lambda p: p.symlink_to(secret),
        "articles/pipe.md": lambda p: os.mkfifo(p),
        "topics.yaml": lambda p: (p.unlink(missing_ok=True), p.symlink_to(secret)),
    }
    for relative, make in cases.items():
        root = new_site(tmp_path / relative.replace("/", "-"))
        shutil.rmtree(root / "content")
        content = content_copy(root)
        before = snapshot(content / "facts")
        make(content / relative)
        for command in (
            [BIN / "factsheets", "check", "--content", "content"],
            [BIN / "factsheets", "facts", "--content", "content"],
        ):
            result = run(*command, cwd=root, check=False)
            assert result.returncode != 0, (relative, command)
            assert f"{relative}: " in result.stderr, (relative, result.stderr)
            assert "Traceback" not in result.stderr
        result = build(root, check=False)
        output = result.stdout + result.stderr
        assert result.returncode != 0, relative
        assert relative in output and "Traceback" not in output, output
        assert not (root / "output").exists() or "PAYROLL" not in "".join(
            p.read_text(errors="replace") for p in (root / "output").rglob("*.html")
        )
        after = snapshot(content / "facts")
        assert {k: v for k, v in after.items() if k in before} == before, relative


def test_an_editors_lock_file_beside_a_sheet_is_left_alone(tmp_path):
    """Emacs marks a sheet with unsaved changes by a link `.#x.yaml` that points nowhere."""
    content = content_copy(tmp_path)
    lock = content / "facts" / ".#atacms.yaml"
    lock.symlink_to("editor@host.1234:1700000000")
    result = facts(tmp_path)
    assert "Traceback" not in result.stderr and result.returncode == 0
    assert (
        lock.is_symlink()
        and "2024-03-01-more-atacms" in (content / "evidence" / "atacms" / "2024.yaml").read_text()
    )
    assert facts(tmp_path).stdout.strip().endswith("0 fact sheets updated")


def test_a_yml_sheet_is_refused_by_name(tmp_path):
    content = content_copy(tmp_path)
    (content / "facts" / "atacms.yaml").rename(content / "facts" / "atacms.yml")
    result = facts(tmp_path, check=False)
    assert result.returncode != 0
    assert "atacms.yml: fact sheets end in .yaml: rename it to atacms.yaml" in result.stderr
    assert not (content / "facts" / "atacms.yaml").exists()


@pytest.mark.parametrize("year", ["2024", "2023"])  # a new ledger file, or one moved along
def test_a_renamed_sheet_keeps_its_evidence(tmp_path, year):
    content = content_copy(tmp_path)
    if year == "2023":  # the new article's evidence goes into the file the rename moves
        article = content / "articles" / "2024-03-01-more-atacms-and-abrams.md"
        article.write_text(article.read_text().replace("Date: 2024-03-01", "Date: 2023-12-01"))
    folder = content / "facts"
    old = (folder / "m1-abrams.yaml").read_text()
    assert "id: m1-abrams\n" in old
    before = {p.name: p.read_bytes() for p in (content / "evidence" / "m1-abrams").iterdir()}
    (folder / "m1-abrams.yaml").unlink()
    (folder / "abrams.yaml").write_text(old.replace("id: m1-abrams\n", "id: abrams\n"))
    result = facts(tmp_path)
    assert not (folder / "m1-abrams.yaml").exists(), result.stdout
    assert (folder / "abrams.yaml").read_text() == old.replace("id: m1-abrams\n", "id: abrams\n")
    # the ledger moved with the sheet: what it held is still there, and the new article added
    assert not (content / "evidence" / "m1-abrams").exists()
    moved = content / "evidence" / "abrams"
    for name, data in before.items():
        assert (moved / name).read_bytes().startswith(data)
    assert "2024-03-01-more-atacms" in "".join(p.read_text() for p in moved.iterdir())
    # a second run changes nothing
    assert (
        facts(tmp_path)
        .stdout.strip()
        .endswith("0 evidence files appended to; 0 fact sheets updated")
    )


def test_a_build_that_fails_writes_no_sheet(tmp_path):
    """A renamed sheet whose name changed too cannot be matched to the catalog: the new sheet
    the build would create clashes with it, so it stops, and no file is written at all."""
    content = content_copy(tmp_path)
    folder = content / "facts"
    old = (folder / "m1-abrams.yaml").read_text()
    (folder / "m1-abrams.yaml").unlink()
    renamed = old.replace("id: m1-abrams\n", "id: abrams\n").replace(
        "name: M1 Abrams", "name: Abrams"
    )
    renamed = renamed.replace("aliases: [", "aliases: [M1 Abrams, ", 1)
    (folder / "abrams.yaml").write_text(renamed)
    before = snapshot(content)
    result = facts(tmp_path, check=False)
    assert result.returncode != 0
    told = [line for line in result.stderr.splitlines() if "would be created" in line]
    assert len(told) == 1, result.stderr  # one line for the clash, not one per name
    assert "m1-abrams.yaml: would be created for 'M1 Abrams'" in told[0]
    assert "facts/abrams.yaml already claims its names" in told[0]
    assert "set its `name:` to 'M1 Abrams'" in told[0] and "no fact sheet was written" in told[0]
    assert snapshot(content) == before


def test_a_crlf_sheet_keeps_its_line_endings(tmp_path):
    """A sheet the build must write (an empty field to fill) keeps the editor's CRLF."""
    plain = content_copy(tmp_path / "plain")
    sheet = plain / "facts" / "atacms.yaml"
    sheet.write_text(sheet.read_text().replace("\norigin: United States\n", "\norigin:\n"))
    facts(tmp_path / "plain")
    expected = sheet.read_bytes()
    assert b"origin: United States" in expected

    content = content_copy(tmp_path / "crlf")
    sheet = content / "facts" / "atacms.yaml"
    text = sheet.read_text().replace("\norigin: United States\n", "\norigin:\n")
    sheet.write_bytes(text.encode().replace(b"\n", b"\r\n"))
    facts(tmp_path / "crlf")
    written = sheet.read_bytes()
    assert written.count(b"\r\n") == written.count(b"\n"), "mixed line endings"
    assert written == expected.replace(b"\n", b"\r\n")


def test_a_full_disk_is_one_line_and_leaves_the_sheet_as_it_was(tmp_path):
    """The file-size limit stands in for a full disk: the write fails with an OSError."""
    import resource

    content = content_copy(tmp_path)
    before = snapshot(content)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))

    result = subprocess.run(
        [str(BIN / "factsheets"), "facts", "--content", "content"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "cannot be written" in line]
    assert len(lines) == 1 and "File too large" in lines[0], result.stderr
    assert "content/evidence/" in lines[0] and "this file is unchanged" in lines[0]
    assert snapshot(content) == before
    assert not list(content.rglob(".*.tmp"))


EDITED_HEAD = (
    b"# Checked by the desk on 2024-03-02: ranges from the Army's own fact file.\r\n"
    b"id: atacms   # keep this id: the page's address\r\n"
    b"name: ATACMS\r\n"
    b"aliases: [Army Tactical Missile System, 'Attack-Ems', \"MGM-140: ATACMS\"]\r\n"
    b"designations: [MGM-140, MGM-164, MGM-168, M39, M39A1, M48, M57]\r\n"
    b"topics: [long-range-strike]\r\n"
    b"summary: \"The Army's 'long' missile: 300 km # not a comment\"\r\n"
    b"origin: United States\r\n"
    b"# ranges: set by hand, see notes\r\n"
    b"ranges:\r\n"
    b"  - value: 300   # the export version reaches 165\r\n"
    b"    unit: km\r\n"
    b"status:\r\n"
    b"status_date:\r\n"
    b"donors: []\r\n"
    b"notes: |\r\n"
    b"  Two versions were sent: key: value lines and # marks stay text here.\r\n"
    b"    An indented line, kept as typed.\r\n"
    b"review:\r\n"
)


def test_an_editors_typed_bytes_survive_a_real_build(tmp_path):
    """Edits typed as an editor types them (quotes, colons, # in text and as comments, CRLF),
    not made through a YAML library: a build that adds evidence leaves each byte in place."""
    root = new_site(tmp_path / "site")
    shutil.rmtree(root / "content")
    content = content_copy(root)
    sheet = content / "facts" / "atacms.yaml"
    sheet.write_bytes(EDITED_HEAD)
    build(root)
    assert sheet.read_bytes() == EDITED_HEAD
    ledger = (content / "evidence" / "atacms" / "2024.yaml").read_text()
    assert "2024-03-01-more-atacms" in ledger  # the new article's evidence was added
    page = (root / "output" / "systems" / "atacms" / "index.html").read_text()
    assert "The Army&#39;s &#39;long&#39; missile: 300 km # not a comment" in page or (
        "The Army's 'long' missile: 300 km # not a comment" in page
    )


def test_a_save_during_a_live_preview_build_is_never_overwritten(tmp_path):
    from test_devserver import Devserver

    landed = 0
    for attempt in range(4):
        root = new_site(tmp_path / f"preview-{attempt}")
        shutil.rmtree(root / "content")
        content = content_copy(root)
        sheet = content / "facts" / "atacms.yaml"
        grow_sheet(sheet, 1500)
        done = threading.Event()
        saved = save_when_written(sheet.parent, sheet, done)
        server = Devserver(root)
        try:
            server.settle()
            output = server.output()
        finally:
            done.set()
            server.stop()
        assert "Traceback" not in output
        if not saved.is_set():
            continue
        assert EDITOR_NOTE in sheet.read_bytes(), output
        if "atacms.yaml: changed while building; run the build again" in output:
            landed += 1
            # the editor's save is itself a change: the preview builds again and keeps it
            assert "devserver: built in" in output, output
    assert landed, "no save landed between the preview build's read and its write"
