"""Move evidence out of fact sheets written before the ledger, losing nothing.

A sheet of the old layout holds `evidence:` (and `seen:`) after the editor's fields.
Migration keeps every other line of the file byte for byte, appends the evidence to
the ledger, turns evidence marked `rejected: true` and evidence an editor deleted
(named in `seen:` but gone) into `rejected:` ids, and moves every comment that stood in
the evidence section to the end of the sheet, labelled with the id of its evidence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .evidence import ARTICLE_FIELDS, EVIDENCE_FIELDS, fingerprint, legacy_fingerprint
from .ledger import Append
from .store import OLD_LAYOUT, FactSheetStore, _yaml
from .validate import (
    FactSheetError,
    Problem,
    decode_text,
    parse,
    plain_data,
    read_bytes,
)


@dataclass
class Migration:
    path: Path
    read: bytes
    sheet: bytes
    appends: list[Append] = field(default_factory=list)
    evidence: int = 0
    rejected: list[str] = field(default_factory=list)
    comments: int = 0


def _scalar_spans(text: str) -> dict[int, list[tuple[int, int]]]:
    """Per line, the columns scalars cover: a `#` there is text, not a comment."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if not isinstance(token, yaml.ScalarToken):
            continue
        start, end = token.start_mark, token.end_mark
        for line in range(start.line, end.line + 1):
            first = start.column if line == start.line else 0
            last = end.column if line == end.line else 1 << 30
            spans.setdefault(line, []).append((first, last))
    return spans


def _comment(line: str, number: int, spans: dict) -> str | None:
    covered = spans.get(number, [])
    for column, char in enumerate(line):
        if char != "#" or (column and not line[column - 1].isspace()):
            continue
        if not any(first <= column < last for first, last in covered):
            return line[column:].rstrip("\r\n")
    return None


def _blocks(document, lines: list[str]) -> list[tuple[str, int, int]]:
    """(key, first line, end line) of each old-layout section, 0-based, end exclusive."""
    starts = sorted((document.lc.key(key)[0], key) for key in document)
    found = []
    for index, (start, key) in enumerate(starts):
        if key in OLD_LAYOUT:
            end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
            # comment lines at the margin just above the next field belong to that field
            while index + 1 < len(starts) and end > start + 1 and lines[end - 1][:1] == "#":
                end -= 1
            found.append((key, start, end))
    return found


def _entries(document) -> list[dict]:
    entries = []
    for item in plain_data(document.get("evidence") or []):
        entry = {name: item.get(name) for name in (*EVIDENCE_FIELDS, *ARTICLE_FIELDS)}
        entry["rejected"] = bool(item.get("rejected"))
        entries.append(entry)
    return entries


def _rejected(entries: list[dict], seen: list) -> list[str]:
    """Ids an editor rejected: marked so, or deleted (a `seen` mark naming no evidence)."""
    ids = [fingerprint(e) for e in entries if e["rejected"]]
    present = {fingerprint(e) for e in entries} | {legacy_fingerprint(e) for e in entries}
    ids += [str(mark) for mark in seen if str(mark) not in present]
    return list(dict.fromkeys(ids))


def _moved_comments(document, lines, blocks, spans) -> list[str]:
    evidence = document.get("evidence") or []
    item_lines = [evidence.lc.item(i)[0] for i in range(len(evidence))] if evidence else []
    entries = _entries(document)
    moved = []
    for key, start, end in blocks:
        for number in range(start, end):
            text = _comment(lines[number], number, spans)
            if text is None:
                continue
            owner = _owner(number, item_lines, lines)
            label = fingerprint(entries[owner]) if key == "evidence" and owner is not None else key
            moved.append(f"# {label}: {text}")
    return moved


def _owner(number: int, item_lines: list[int], lines: list[str]) -> int | None:
    """The evidence item a comment on line `number` stands by: the one it is in, or, for a
    comment line just above an item, that item."""
    following = number + 1
    while following < len(lines) and (
        not lines[following].strip() or lines[following].lstrip().startswith("#")
    ):
        following += 1
    if lines[number].lstrip().startswith("#") and following in item_lines:
        return item_lines.index(following)
    return max((i for i, line in enumerate(item_lines) if line <= number), default=None)


def plan_migration(store: FactSheetStore, path: Path) -> Migration | None:
    """What migrating one sheet would write, or None if it is already migrated."""
    raw, problems = read_bytes(path)
    text, problems = decode_text(path, raw) if raw is not None else (None, problems)
    document, problems = parse(path, text, _yaml()) if text is not None else (None, problems)
    if document is None:
        raise FactSheetError(problems)
    if not any(key in document for key in OLD_LAYOUT):
        return None
    if "rejected" in document:
        raise FactSheetError(
            [Problem(path, "holds both `evidence:` and `rejected:`: merge them by hand first")]
        )
    original = raw.decode("utf-8")
    lines = original.splitlines(keepends=True)
    newline = "\r\n" if original.count("\r\n") * 2 > original.count("\n") else "\n"
    blocks = _blocks(document, text.split("\n"))
    try:
        spans = _scalar_spans(text)
    except yaml.YAMLError:
        raise FactSheetError(
            [Problem(path, "cannot be migrated automatically: move its evidence by hand")]
        ) from None
    entries = _entries(document)
    rejected = _rejected(entries, plain_data(document.get("seen") or []))
    comments = _moved_comments(document, text.split("\n"), blocks, spans)
    dropped = {n for _, start, end in blocks for n in range(start, end)}
    kept = [line for number, line in enumerate(lines) if number not in dropped]
    if kept and not kept[-1].endswith("\n"):
        kept[-1] += newline
    if rejected:
        # quoted: an id of digits (or like 1e5) would read as a number
        kept.append(f"rejected: [{', '.join(json.dumps(i) for i in rejected)}]{newline}")
    if comments:
        kept.append(f"# Comments from the evidence section (moved by factsheets migrate):{newline}")
        kept.extend(f"{line}{newline}" for line in comments)
    sheet = "".join(kept).encode("utf-8")
    _check_lossless(path, document, sheet, rejected)
    known = {e["id"] for e in store.ledger.read(path.stem)[0]}
    fresh = [e for e in entries if fingerprint(e) not in known]
    for entry in fresh:
        entry.pop("rejected")
    sheet_name = f"{path.parent.name}/{path.name}"
    appends = store.ledger.appends(path.stem, fresh, sheet_name) if fresh else []
    return Migration(path, raw, sheet, appends, len(entries), rejected, len(comments))


def _check_lossless(path: Path, document, sheet: bytes, rejected: list[str]) -> None:
    """The migrated sheet must read as the old one's editor fields plus `rejected:`."""
    before = {k: v for k, v in plain_data(document).items() if k not in OLD_LAYOUT}
    if rejected:
        before["rejected"] = rejected
    text, _ = decode_text(path, sheet)
    after, problems = parse(path, text, _yaml()) if text is not None else (None, [])
    if after is None or plain_data(after) != before:
        raise FactSheetError(
            [Problem(path, "cannot be migrated without changing it: move its evidence by hand")]
        )


def migrate(store: FactSheetStore, dry_run: bool = False) -> list[Migration]:
    """Migrate every old-layout sheet; the ledger is appended to before each sheet is
    replaced, so a run stopped half-way loses nothing and can simply be run again."""
    plans = [plan for path in store.sheet_paths() if (plan := plan_migration(store, path))]
    if dry_run:
        return plans
    for plan in plans:
        written: list[Path] = []
        for append in plan.appends:
            store._write(append.path, append.data, append.read, written)
            store.ledger.remember(append)
        store._write(plan.path, plan.sheet, plan.read, written)
    return plans
