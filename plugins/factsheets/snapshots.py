"""Source snapshots: the text of each imported report as the build read it, kept beside
the articles so a quote can be checked after the article changes or its page goes.

`content/sources/<article file's stem>.snapshot` holds a few `Key: value` lines (the
article, its address, the day it was fetched, the sha256 of the text), a blank line, then
the text the extractor quotes from (headline, blank line, body).  Plain text, one file per
report: git shows an edit as a diff.  `stale_quotes` is what `factsheets check` reports.
Pure but for reading and writing those files.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import FactSheet
from .validate import shown_path

FOLDER = "sources"
SUFFIX = ".snapshot"  # not .txt: a site reading all of content/ for articles skips it
_KEYS = ("Article", "URL", "Fetched", "SHA256")
_SPACE = re.compile(r"\s+")


class SnapshotError(ValueError):
    """A snapshot file that cannot be read as one."""


@dataclass(frozen=True)
class Snapshot:
    path: Path
    article: str
    url: str | None
    fetched: date | None
    sha256: str
    text: str

    @property
    def intact(self) -> bool:
        return digest(self.text) == self.sha256


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot_path(content: Path, article: str) -> Path:
    return content / FOLDER / (Path(article).stem + SUFFIX)


def snapshot_text(article: str, url: str | None, fetched: date, text: str) -> str:
    lines = [f"Article: {article}"]
    if url:
        lines.append(f"URL: {url}")
    lines += [f"Fetched: {fetched.isoformat()}", f"SHA256: {digest(text)}"]
    return "\n".join(lines) + "\n\n" + text


def write_snapshot(path: Path, text: str) -> None:
    """Through a temporary file: a reader never finds half a snapshot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)


def read_snapshot(path: Path) -> Snapshot:
    try:
        with open(path, encoding="utf-8", newline="") as handle:  # its bytes, CRs too
            raw = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise SnapshotError(f"{path}: cannot be read ({error}); restore it from git") from None
    head, separator, text = raw.partition("\n\n")
    fields = {}
    for number, line in enumerate(head.split("\n"), start=1):
        key, colon, value = line.partition(": ")
        if not colon or key not in _KEYS:
            raise SnapshotError(
                f"{path}:{number}: not a snapshot line (Article:, URL:, Fetched:, SHA256:); "
                "restore the file from git"
            )
        fields[key] = value.strip()
    if not separator or "Article" not in fields or "SHA256" not in fields:
        raise SnapshotError(f"{path}: has no Article: and SHA256: lines; restore it from git")
    try:
        fetched = date.fromisoformat(fields["Fetched"]) if "Fetched" in fields else None
    except ValueError:
        raise SnapshotError(f"{path}: Fetched: is not a date (YYYY-MM-DD)") from None
    return Snapshot(path, fields["Article"], fields.get("URL"), fetched, fields["SHA256"], text)


def holds(text: str, quote: str) -> bool:
    """Whether `text` says `quote`, however its lines are wrapped."""
    return _SPACE.sub(" ", quote).strip() in _SPACE.sub(" ", text)


def stale_quotes(
    sheets: list[FactSheet],
    texts: Mapping[str, str],
    snapshots: Mapping[str, Snapshot],
    articles_folder: str = "content",
) -> list[str]:
    """One line per quote in a sheet that its article no longer says (edited, or gone), or
    that its snapshot does not hold; evidence an editor rejected is left out."""
    lines = []
    for sheet in sheets:
        for item in sheet.evidence:
            if item.rejected:
                continue
            snapshot = snapshots.get(item.article)
            where = f"{sheet.id} evidence {item.id}"
            said = f"“{_short(item.quote)}”"
            if snapshot is not None and not holds(snapshot.text, item.quote):
                lines.append(f"{where}: {said} is not in its snapshot {snapshot.path}")
            now = texts.get(item.article)
            if now is None or holds(now, item.quote):
                # an article no longer in the content (an archive moved out, sheets
                # migrated without their articles) is checked by its snapshot alone
                continue
            state = "no longer says it"
            kept = (
                f"; its snapshot {snapshot.path} still does"
                if snapshot and holds(snapshot.text, item.quote)
                else ""
            )
            lines.append(
                f"{where}: {said}: {articles_folder}/{item.article} {state}{kept}; restore the "
                f"article, or add {item.id} to `rejected:` in {_where(sheet)}"
            )
    return lines


def _where(sheet: FactSheet) -> str:
    return shown_path(sheet.path) if sheet.path else sheet.id


def _short(quote: str, limit: int = 90) -> str:
    quote = _SPACE.sub(" ", quote).strip()
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"
