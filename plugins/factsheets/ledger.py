"""The evidence ledger: what the machine found, kept apart from what editors write.

`<evidence_dir>/<system id>/<year>.yaml` (or `undated.yaml`) holds, for each article
that spoke about the system that year, the article's metadata once and then each piece
of evidence with its id and verbatim quote.  The build only ever appends to a file;
it never rewrites or drops what is there.  Editors do not edit it: they reject a piece
of evidence by its id in their own fact sheet.

The files are YAML, written by a small emitter of our own (every scalar a JSON string,
number or object, which YAML reads the same way), so writing is fast and two builds of
the same articles write the same bytes.  Reading takes a line-by-line path for files in
exactly that shape and libyaml for anything else.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from ruamel.yaml.error import YAMLError as RuamelError

from .evidence import ARTICLE_FIELDS, EVIDENCE_FIELDS, KINDS, fingerprint
from .parsed import ParsedFiles, content_digest
from .validate import (
    FactSheetError,
    Problem,
    file_kind_problem,
    read_bytes,
    reject_unsafe_yaml,
    utf8_text,
)

UNDATED = "undated"
_SHARD = re.compile(r"^(?:[0-9]{4}|undated)\.yaml$")
# Characters JSON leaves as they are but YAML must see escaped: controls, YAML 1.1's
# extra line breaks (NEL, LS, PS) and the byte-order mark.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WEB = ("http://", "https://")


def _scalar(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, allow_nan=False)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def shard_name(published: date | None) -> str:
    return f"{published.year}.yaml" if published else f"{UNDATED}.yaml"


def header(system_id: str, sheet: str) -> str:
    return (
        f"# Evidence for {system_id}, appended by each build from the articles. Do not edit:\n"
        f"# to keep a piece of evidence off the site, add its id to `rejected:` in {sheet}.\n"
    )


def emit_block(article: dict, items: Iterable[dict]) -> str:
    """One article's evidence for one system, as the ledger writes it."""
    lines = [f"- article: {_scalar(article['article'])}"]
    for name in ARTICLE_FIELDS[1:]:
        value = article.get(name)
        if value is not None:
            shown = value.isoformat() if isinstance(value, date) else value
            lines.append(f"  {name}: {_scalar(shown)}")
    lines.append("  evidence:")
    for item in items:
        lines.append(f"    - id: {_scalar(fingerprint(item))}")
        for name in EVIDENCE_FIELDS:
            if item.get(name) is not None or name in ("value", "quote"):
                lines.append(f"      {name}: {_scalar(item.get(name))}")
    return "\n".join(lines) + "\n"


def _blocks_in_order(entries: Iterable[dict]) -> list[tuple[dict, list[dict]]]:
    """(article fields, its evidence) per article, oldest first; evidence by kind."""
    blocks: dict[tuple, list[dict]] = {}
    for entry in entries:
        key = tuple(entry.get(name) for name in ARTICLE_FIELDS)
        blocks.setdefault(key, []).append(entry)
    published = ARTICLE_FIELDS.index("published")
    ordered = sorted(blocks, key=lambda key: (key[published] or date.min, key[0]))
    order = {kind: index for index, kind in enumerate(KINDS)}
    return [
        (
            dict(zip(ARTICLE_FIELDS, key, strict=True)),
            sorted(blocks[key], key=lambda item: order.get(item["field"], len(order))),
        )
        for key in ordered
    ]


def emit_entries(entries: Iterable[dict]) -> str:
    """Blocks for `entries` (plain evidence with article fields), oldest article first."""
    return "".join(emit_block(article, items) for article, items in _blocks_in_order(entries))


def as_read(entries: Iterable[dict]) -> list[dict]:
    """`entries` as parse_ledger returns them once emit_entries has written them."""
    read = []
    for article, items in _blocks_in_order(entries):
        for item in items:
            entry = {name: item.get(name) for name in EVIDENCE_FIELDS}
            entry.update(article)
            entry["id"] = fingerprint(entry)
            read.append(entry)
    return read


class LedgerError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _fast_blocks(text: str) -> list[dict]:
    """The blocks of a file in exactly the emitter's shape; LedgerError otherwise (the
    caller then reads it as YAML, which decides what anything else means)."""
    blocks: list[dict] = []
    item: dict | None = None
    listing = False  # past this block's `  evidence:` line
    for number, line in enumerate(text.split("\n"), 1):
        if not line or line[0] == "#":
            continue
        if _UNSAFE.search(line):
            raise LedgerError("not in the ledger's shape", number)  # the emitter escapes these
        if line.startswith("- "):
            if blocks and not listing:
                raise LedgerError("not in the ledger's shape: an article without `evidence:`")
            block, item, listing = {"evidence": []}, None, False
            blocks.append(block)
            target, rest = block, line[2:]
        elif line.startswith("    - ") and listing:
            item = {}
            blocks[-1]["evidence"].append(item)
            target, rest = item, line[6:]
        elif line.startswith("      ") and item is not None:
            target, rest = item, line[6:]
        elif line == "  evidence:" and blocks and not listing:
            listing = True
            continue
        elif line.startswith("  ") and blocks and not listing:
            target, rest = blocks[-1], line[2:]
        else:
            raise LedgerError("not in the ledger's shape", number)
        name, separator, raw = rest.partition(": ")
        if not separator or not name.isidentifier() or name == "evidence" or name in target:
            raise LedgerError("not in the ledger's shape", number)
        try:
            target[name] = json.loads(raw)
        except ValueError:
            raise LedgerError("not in the ledger's shape", number) from None
    if blocks and not listing:
        raise LedgerError("not in the ledger's shape: an article without `evidence:`")
    return blocks


def _yaml_problem(error) -> LedgerError:
    """A YAML reader's error (PyYAML's or ruamel.yaml's) as one line with its line number."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "not valid YAML"
    return LedgerError(f"invalid YAML: {problem}", mark.line + 1 if mark else None)


def _yaml_blocks(text: str) -> list[dict]:
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        raise _yaml_problem(error) from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(block, dict) for block in data):
        raise LedgerError("should be a list of articles, each with its `evidence:`")
    return data


def _entries(blocks: list[dict]) -> list[dict]:
    """Flat evidence, each piece with its article's fields, checked against its id."""
    entries = []
    for block in blocks:
        article = {name: block.get(name) for name in ARTICLE_FIELDS}
        if not isinstance(article["article"], str) or not article["article"]:
            raise LedgerError("an article block has no `article:` path")
        published = article["published"]
        if isinstance(published, str):
            try:
                article["published"] = date.fromisoformat(published)
            except ValueError:
                raise LedgerError(f"`published: {published}` is not a date (YYYY-MM-DD)") from None
        elif published is not None and not isinstance(published, date):
            raise LedgerError(f"`published: {published}` is not a date (YYYY-MM-DD)")
        for name in ("outlet", "origin"):
            if article[name] is not None and not isinstance(article[name], str):
                raise LedgerError(f"{article['article']}: `{name}:` should be a name")
        url = article["url"]
        if url is not None and not (isinstance(url, str) and url.startswith(_WEB)):
            raise LedgerError(
                f"{article['article']}: `url:` must be an http:// or https:// address"
            )
        items = block.get("evidence")
        if not isinstance(items, list):
            raise LedgerError(f"{article['article']}: `evidence:` should be a list")
        for item in items:
            entries.append(_entry(item, article))
    return entries


def _entry(item, article: dict) -> dict:
    if not isinstance(item, dict) or item.get("field") not in KINDS:
        raise LedgerError(f"{article['article']}: a piece of evidence has no known `field:`")
    if not isinstance(item.get("quote"), str) or not item["quote"]:
        raise LedgerError(f"{article['article']}: a piece of evidence has no quote")
    entry = {name: item.get(name) for name in EVIDENCE_FIELDS}
    quantity = entry["quantity"]
    if quantity is not None and (type(quantity) is not int or quantity < 1):
        raise LedgerError(f"{article['article']}: `quantity: {quantity}` is not a count")
    for name in ("actor", "variant", "recipient"):
        if entry[name] is not None and not isinstance(entry[name], str):
            raise LedgerError(f"{article['article']}: `{name}:` should be a name")
    entry.update(article)
    entry["id"] = fingerprint(entry)
    if item.get("id") != entry["id"]:
        raise LedgerError(
            f"evidence {item.get('id')} was edited (its id no longer matches its text): "
            "restore the file (git checkout -- <file>); to correct evidence, add its id to "
            "`rejected:` in the fact sheet and set the value there"
        )
    return entry


def parse_ledger(text: str, path: Path | None = None) -> list[dict]:
    """Every piece of evidence in one ledger file; LedgerError says what is wrong."""
    try:
        blocks = _fast_blocks(text)
    except LedgerError:
        # not as the build writes it: read it as YAML, refusing anchors, tags and the like
        try:
            unsafe = reject_unsafe_yaml(path or Path("ledger"), text)
        except RuamelError as error:
            raise _yaml_problem(error) from None
        if unsafe:
            raise LedgerError(unsafe[0].message, unsafe[0].line) from None
        blocks = _yaml_blocks(text)
    return _entries(blocks)


@dataclass
class Append:
    """New bytes for one ledger file: what was read (None: no file) and what follows it."""

    path: Path
    read: bytes | None
    added: str
    entries: list[dict]  # the evidence added, as it will read back

    @property
    def data(self) -> bytes:
        before = self.read or b""
        if before and not before.endswith(b"\n"):
            before += b"\n"
        return before + self.added.encode("utf-8")


def _appendable(data: bytes) -> bool:
    try:
        _fast_blocks(data.decode("utf-8"))
    except (LedgerError, UnicodeDecodeError):
        return False
    return True


def _misplaced(path: Path, entries: list[dict]) -> Problem | None:
    """Evidence in a file its date does not name: the numbering of every later year, and
    the pages built from each year's file, rely on each file holding its own year only."""
    for entry in entries:
        belongs = shard_name(entry.get("published"))
        if belongs != path.name:
            return Problem(
                path,
                f"holds evidence {entry.get('id')} published {entry.get('published') or 'undated'}"
                f", which belongs in {belongs}: the ledger is not edited by hand; restore the "
                "file (git checkout -- <file>) or delete it to have it written again",
            )
    return None


class Ledger:
    """Reads `<root>/<id>/*.yaml` and plans appends to it."""

    def __init__(self, root: str | Path, cache_dir: str | Path | None = None):
        self.root = Path(root)
        self.parsed = ParsedFiles(cache_dir, "ledger")
        # what each system's evidence, and each of its files, was last read from (`read`)
        self.read_digests: dict[str, str] = {}
        self.shard_digests: dict[tuple[str, str], str] = {}

    def folder(self, system_id: str) -> Path:
        return self.root / system_id

    def system_ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and p.name[0] != ".")

    def shard_paths(self, system_id: str) -> list[Path]:
        folder = self.folder(system_id)
        if not folder.is_dir():
            return []
        shards = [p for p in folder.iterdir() if _SHARD.match(p.name)]
        # undated first, then the years in order: the order the evidence is numbered in
        return sorted(shards, key=lambda p: (p.stem != UNDATED, p.name))

    def problems(self) -> list[Problem]:
        problems = []
        for system_id in self.system_ids():
            problems.extend(self._folder_problems(system_id))
            for path in self.shard_paths(system_id):
                problems.extend(self._read(path)[1])
        return problems

    def _folder_problems(self, system_id: str) -> list[Problem]:
        problems = []
        for path in sorted(self.folder(system_id).iterdir()):
            if path.name.startswith("."):
                continue
            if not _SHARD.match(path.name):
                problems.append(
                    Problem(path, "is not a ledger file (<year>.yaml or undated.yaml): move it")
                )
            elif refused := file_kind_problem(path):
                problems.append(refused)
        return problems

    def _read(self, path: Path) -> tuple[list[dict], list[Problem], str]:
        """The file's entries, its problems, and the digest of the bytes they came from."""
        # no size limit: the machine's files grow with the archive, and are read linearly
        data, problems = read_bytes(path, limit=None)
        if data is None:
            return [], problems, ""
        digest = content_digest(data)
        remembered = self.parsed.get(path, data, digest)
        if remembered is not None:
            return remembered, [], digest
        text, problem = utf8_text(path, data)
        if problem:
            return [], [problem], digest
        try:
            entries = parse_ledger(text, path)
        except LedgerError as error:
            return [], [Problem(path, str(error), error.line)], digest
        misplaced = _misplaced(path, entries)
        if misplaced:
            return [], [misplaced], digest
        self.parsed.put(path, data, entries, digest)
        return entries, [], digest

    def read(self, system_id: str) -> tuple[list[dict], list[Problem]]:
        """Every piece of evidence for the system, oldest file first, in file order.

        Records in `read_digests[system_id]` a digest of the files' names and bytes as
        read: the evidence is a function of them (and of this code), so a page built from
        it need not hash the evidence itself."""
        entries, problems = [], []
        digest = hashlib.sha256()
        for path in self.shard_paths(system_id):
            found, trouble, read = self._read(path)
            entries.extend(found)
            problems.extend(trouble)
            digest.update(f"{path.name}\0{read}\0".encode())
            self.shard_digests[(system_id, path.stem)] = read
        self.read_digests[system_id] = digest.hexdigest()
        return entries, problems

    def appends(self, system_id: str, entries: list[dict], sheet: str) -> list[Append]:
        """The appends that record `entries` (all new) in the system's files."""
        by_shard: dict[str, list[dict]] = {}
        for entry in entries:
            by_shard.setdefault(shard_name(entry.get("published")), []).append(entry)
        plans = []
        for name in sorted(by_shard):
            path = self.folder(system_id) / name
            read = path.read_bytes() if path.exists() else None
            if read is not None and not _appendable(read):
                message = (
                    "is not as the build writes it, so evidence cannot be appended to it: "
                    "restore it (git checkout -- <file>) or delete it to have it written "
                    "again from the articles"
                )
                raise FactSheetError([Problem(path, message)])
            added = emit_entries(by_shard[name])
            text = added if read else header(system_id, sheet) + added
            plans.append(Append(path, read, text, as_read(by_shard[name])))
        return plans

    def remember(self, append: Append) -> None:
        """What was just written need not be parsed to be read again."""
        data = append.data
        entries = self.parsed.get(append.path, append.read) if append.read else []
        if entries is None:
            return
        self.parsed.put(append.path, data, entries + append.entries)
