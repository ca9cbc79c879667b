"""The fact-sheet store: every byte of the facts directory goes through here.

One YAML file per system.  Editors own the editorial fields; the plugin only
fills fields that are empty and appends evidence.  Files are round-tripped with
ruamel.yaml so an editor's comments, order and formatting survive, written
atomically, and only written when their content changes.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .fastyaml import load_plain
from .model import DEFAULT_RECIPIENT, ArticleClaims, Evidence, FactSheet, System, range_km
from .settings import cache_path, content_path
from .validate import (
    MAX_BYTES,
    SAFE_ID,
    SCHEMA_PATH,
    FactSheetError,
    Problem,
    check_collisions,
    check_identity,
    check_schema,
    decode_text,
    file_kind_problem,
    parse,
    plain_data,
    read_text,
)

__all__ = ["FactSheetError", "FactSheetStore", "Problem"]

EDITOR_FIELDS = (
    "name",
    "aliases",
    "designations",
    "topics",
    "summary",
    "origin",
    "ranges",
    "status",
    "status_date",
    "donors",
    "notes",
    "review",
)


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: keeps comments, order and quoting
    yaml.width = 4096  # a quote stays on one line, so diffs stay readable
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    # Evidence entries share date objects; anchors (&id001) would confuse editors.
    yaml.representer.ignore_aliases = lambda *_: True
    # An unset field reads `status:`, not `status: null`, whoever wrote it last.
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


def _represent_none(representer, _value):
    return representer.represent_scalar("tag:yaml.org,2002:null", "")


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _evidence_key(entry, with_actor: bool = True) -> tuple:
    value = entry.get("value")
    if isinstance(value, dict):
        value = tuple(sorted((k, str(v)) for k, v in value.items()))
    key = (str(entry.get("field")), str(value), str(entry.get("quote")), str(entry.get("article")))
    # One sentence can report two donors ("Britain and France have delivered"): the donor is
    # part of what the evidence says.  Evidence without one keeps its earlier name.
    return (*key, str(entry["actor"])) if with_actor and entry.get("actor") else key


def _digest(key: tuple) -> str:
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:12]


def fingerprint(entry) -> str:
    """A short, stable name for one piece of evidence."""
    return _digest(_evidence_key(entry))


def _legacy_fingerprint(entry) -> str:
    """The name evidence had before the donor was part of it."""
    return _digest(_evidence_key(entry, with_actor=False))


def _seen_list(sheet: CommentedMap) -> CommentedSeq:
    """The sheet's record of evidence ever added, created (after evidence) if missing.

    The schema's description of `seen` tells editors to leave it alone; a YAML
    comment would not stay put as evidence is appended above it.
    """
    seen = sheet.get("seen")
    if not isinstance(seen, CommentedSeq):
        seen = _flow([fingerprint(entry) for entry in sheet["evidence"]])
        sheet["seen"] = seen
    return seen


@cache
def _parse_fingerprint() -> str:
    """The code whose change must invalidate parsed sheets kept on disk."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("store.py", "validate.py", "model.py"):
        digest.update((here / name).read_bytes())
    digest.update(SCHEMA_PATH.read_bytes())
    return digest.hexdigest()


def _content_digest(content: bytes) -> str:
    return hashlib.sha256(_parse_fingerprint().encode() + content).hexdigest()


# The last valid parse of each sheet in this process: path -> (digest, plain data).
_parsed_sheets: dict[Path, tuple[str, dict]] = {}


def _known_fingerprints(seen: Iterable[str], evidence: Iterable) -> set[str]:
    """Evidence ever added (`seen`) and evidence present: neither is added again.

    A mark in `seen` that names no present evidence under either name is evidence an editor
    deleted; it is kept as "deleted:<mark>" so that the same claim, under the name it had
    before donors were part of it, stays deleted too.
    """
    evidence = list(evidence)
    present = {fingerprint(e) for e in evidence} | {_legacy_fingerprint(e) for e in evidence}
    seen = set(seen)
    return seen | {fingerprint(e) for e in evidence} | {f"deleted:{m}" for m in seen - present}


def _is_known(entry, known: set[str]) -> bool:
    return fingerprint(entry) in known or f"deleted:{_legacy_fingerprint(entry)}" in known


def _flow(items: Iterable[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


class FactSheetStore:
    """Reads and writes `<facts_dir>/<id>.yaml`."""

    def __init__(self, facts_dir: str | Path, cache_dir: str | Path | None = None):
        self.facts_dir = Path(facts_dir)
        # Valid sheets, parsed, by content hash: ruamel.yaml's round-trip parser
        # is pure Python, too slow to run on every sheet at every build.
        self.cache_dir = Path(cache_dir) if cache_dir else None

    @classmethod
    def for_site(cls, settings) -> FactSheetStore:
        """The store a Pelican build uses: FACTSHEETS_FACTS_DIR, parsed sheets in CACHE_PATH."""
        return cls(content_path(settings, "FACTSHEETS_FACTS_DIR"), cache_path(settings, "sheets"))

    def path_for(self, system_id: str) -> Path:
        if not SAFE_ID.match(system_id):
            raise FactSheetError(
                [Problem(self.facts_dir, f"{system_id!r} is not a safe id (lowercase a-z, 0-9, -)")]
            )
        return self.facts_dir / f"{system_id}.yaml"

    def sheet_paths(self) -> list[Path]:
        """The fact sheets: regular `*.yaml` files (links and the like are refused)."""
        if not self.facts_dir.is_dir():
            return []
        return sorted(p for p in self.facts_dir.glob("*.yaml") if file_kind_problem(p) is None)

    def _folder_problems(self) -> list[Problem]:
        """Entries of the facts folder that look like sheets but cannot be read as one."""
        if not self.facts_dir.is_dir():
            return []
        problems = []
        for path in sorted(self.facts_dir.iterdir()):
            if path.name.startswith("."):
                continue  # an editor's or our own temporary file
            if path.suffix == ".yml":
                problems.append(
                    Problem(path, f"fact sheets end in .yaml: rename it to {path.stem}.yaml")
                )
            elif path.suffix == ".yaml" and (refused := file_kind_problem(path)):
                problems.append(refused)
        return problems

    # --- reading -------------------------------------------------------------

    def _check_file(self, path: Path) -> tuple[CommentedMap | None, list[Problem]]:
        text, problems = read_text(path)
        return self._check_text(path, text) if text is not None else (None, problems)

    def _check_text(self, path: Path, text: str) -> tuple[CommentedMap | None, list[Problem]]:
        data, problems = parse(path, text, _yaml())
        if data is None:
            return None, problems
        return data, check_identity(path, data) + check_schema(path, data)

    def _digest(self, path: Path) -> str | None:
        try:
            if path.stat().st_size > MAX_BYTES:
                return None
            return _content_digest(path.read_bytes())
        except OSError:
            return None

    def _remembered(self, path: Path, digest: str) -> dict | None:
        known = _parsed_sheets.get(path)
        if known and known[0] == digest:
            return known[1]
        if self.cache_dir is None:
            return None
        try:
            data = pickle.loads((self.cache_dir / f"{digest}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        _parsed_sheets[path] = (digest, data)
        return data

    def _remember(self, path: Path, digest: str, data: dict) -> None:
        _parsed_sheets[path] = (digest, data)
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            target = self.cache_dir / f"{digest}.pickle"
            if not target.exists():
                temporary = target.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_bytes(pickle.dumps(data))
                os.replace(temporary, target)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _check_quickly(self, path: Path) -> tuple[dict | None, list[Problem]]:
        """Like _check_file, as plain data, from memory or the cache when unchanged."""
        digest = self._digest(path)
        if digest is not None:
            data = self._remembered(path, digest)
            if data is not None:
                return data, []
        data = self._read_plain(path)
        if data is None:
            document, problems = self._check_file(path)
            if document is None or problems:
                return document, problems
            data = plain_data(document)
        if digest is not None:
            self._remember(path, digest, data)
        return data, []

    def _read_plain(self, path: Path) -> dict | None:
        """A valid sheet's data by the fast parser, or None to take the exact path."""
        text, problems = read_text(path)
        data = load_plain(text) if text is not None else None
        if data is None or check_identity(path, data) + check_schema(path, data):
            return None
        return data

    def _load_raw(self, path: Path) -> CommentedMap:
        data, problems = self._check_file(path)
        if problems:
            raise FactSheetError(problems)
        return data

    def _parse_bytes(self, path: Path, raw: bytes) -> CommentedMap:
        """The round-trip document of bytes already read (so the writer knows what it read)."""
        text, problems = decode_text(path, raw)
        data, problems = self._check_text(path, text) if text is not None else (None, problems)
        if problems:
            raise FactSheetError(problems)
        return data

    def _checked(self) -> tuple[list[Problem], dict[Path, dict]]:
        problems, parsed = self._folder_problems(), {}
        for path in self.sheet_paths():
            data, found = self._check_quickly(path)
            problems.extend(found)
            if data is not None:
                parsed[path] = data
        clashes = check_collisions(list(parsed.items()))
        if clashes:
            # Parse again with positions, so each clash names its line.
            documents = [(path, self._check_file(path)[0]) for path in parsed]
            clashes = check_collisions([(path, doc) for path, doc in documents if doc])
        return problems + clashes, parsed

    def problems(self) -> list[Problem]:
        """Every problem in every fact sheet, including clashes between sheets."""
        return self._checked()[0]

    def load(self, path: Path) -> FactSheet:
        return sheet_from_mapping(self._load_raw(path), path)

    def _load_all_data(self) -> dict[Path, dict]:
        problems, parsed = self._checked()
        if problems:
            raise FactSheetError(problems)
        return parsed

    def load_all(self) -> list[FactSheet]:
        """Every fact sheet, or a FactSheetError listing every problem found."""
        return [sheet_from_mapping(data, path) for path, data in self._load_all_data().items()]

    def editor_aliases(self) -> dict[str, list[str]]:
        """Each sheet's name, aliases and designations (name first), to extend the catalog."""
        return {
            sheet.id: [sheet.name, *sheet.aliases, *sheet.designations] for sheet in self.load_all()
        }

    # --- writing -------------------------------------------------------------

    def _header(self) -> str:
        schema = os.path.relpath(SCHEMA_PATH, self.facts_dir.resolve())
        return f"# yaml-language-server: $schema={Path(schema).as_posix()}\n"

    def _new_sheet(self, system: System) -> CommentedMap:
        aliases = [system.full_name] if system.full_name else []
        aliases += [a for a in system.aliases if a not in aliases]
        sheet = CommentedMap()
        sheet["id"] = system.id
        sheet["name"] = system.name
        sheet["aliases"] = _flow(aliases)
        sheet["designations"] = _flow(system.designations)
        sheet["topics"] = _flow([system.topic] if system.topic else [])
        sheet["summary"] = None
        sheet["origin"] = system.origin
        sheet["ranges"] = CommentedSeq()
        for name in ("status", "status_date"):
            sheet[name] = None
        sheet["donors"] = _flow([])
        sheet["notes"] = None
        sheet["review"] = None if system.catalogued else "needed"
        sheet["evidence"] = CommentedSeq()
        return sheet

    def _fillable(self, sheet, system: System) -> dict:
        """The catalog's values for identity fields an editor has left empty."""
        fresh = self._new_sheet(system)
        return {
            name: fresh[name]
            for name in ("name", "aliases", "designations", "topics", "origin")
            if _empty(sheet.get(name)) and not _empty(fresh[name])
        }

    def _fill_empty(self, sheet: CommentedMap, system: System) -> None:
        """Fill editorial fields an editor has left empty; never touch a set one."""
        for name, value in self._fillable(sheet, system).items():
            sheet[name] = value
        if sheet.get("evidence") is None:
            sheet["evidence"] = CommentedSeq()

    def _would_change(self, data: dict, system: System, entries: list) -> bool:
        """Whether merging `entries` would change the sheet: else it is not even loaded."""
        if not isinstance(data.get("seen"), list) or data.get("evidence") is None:
            return True
        if self._fillable(data, system):
            return True
        known = _known_fingerprints(data["seen"], data["evidence"])
        return any(not _is_known(entry, known) for entry in entries)

    def _dump(self, sheet: CommentedMap, header: str) -> str:
        buffer = io.StringIO()
        _yaml().dump(sheet, buffer)
        body = buffer.getvalue()
        return body if body.startswith("# yaml-language-server:") else header + body

    def write_atomic(self, path: Path, text: str, read: str | None) -> None:
        """Write `text` to `path` by rename.

        `read` is the digest of the bytes the new text was made from (None: the file did not
        exist).  Just before the rename the file is checked again: if an editor saved it in
        the meantime, nothing is replaced and the build stops.
        """
        data = text.encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            _check_unchanged(path, read)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _remove_stale_temporary_files(self) -> None:
        """Temporary files a killed run left behind (never a sheet itself)."""
        if self.facts_dir.is_dir():
            for leftover in self.facts_dir.glob(".*.yaml.*.tmp"):
                leftover.unlink(missing_ok=True)

    def update(self, results: Iterable[ArticleClaims]) -> list[Path]:
        """Merge the claims of `results` into the fact sheets; return files written."""
        return self.merge(article_evidence(result) for result in results)

    def merge(
        self,
        contributions: Iterable[list[tuple[System, list[dict]]]],
        planned: dict[Path, tuple[str, str]] | None = None,
    ) -> list[Path]:
        """Merge each article's evidence into the fact sheets; return files written.

        Given `planned`, nothing is written: it receives (old text, new text) for
        every file that would change.
        """
        systems: dict[str, System] = {}
        new_evidence: dict[str, list[CommentedMap]] = {}
        for contribution in contributions:
            for system, entries in contribution:
                systems.setdefault(system.id, system)
                new_evidence.setdefault(system.id, []).extend(_commented(e) for e in entries)
        if planned is None:
            self._remove_stale_temporary_files()
        current = self._load_all_data()
        pending: list[tuple[Path, str | None, str, CommentedMap]] = []
        for system_id in sorted(new_evidence):
            path = self.path_for(system_id)
            system = systems[system_id]
            if path in current and not self._would_change(
                current[path], system, new_evidence[system_id]
            ):
                continue
            raw = path.read_bytes() if path.exists() else None
            sheet = self._parse_bytes(path, raw) if raw is not None else self._new_sheet(system)
            self._add_evidence(sheet, system, new_evidence[system_id])
            # the schema line is ours to add to a new sheet; an editor may have removed it
            header = self._header() if raw is None else ""
            text = _with_line_ends(self._dump(sheet, header), raw)
            if planned is not None:
                old = raw.decode("utf-8") if raw is not None else ""
                if old != text:
                    planned[path] = (old, text)
            elif raw is None or text.encode("utf-8") != raw:
                digest = _content_digest(raw) if raw is not None else None
                pending.append((path, digest, text, sheet))
        if planned is not None or not pending:
            return []
        return self._write_all(current, pending)

    def _add_evidence(self, sheet: CommentedMap, system: System, entries: list) -> None:
        self._fill_empty(sheet, system)
        seen = _seen_list(sheet)
        known = _known_fingerprints(seen, sheet["evidence"])
        for entry in sorted(entries, key=_entry_order):
            mark = fingerprint(entry)
            if not _is_known(entry, known):  # deleted or rejected evidence stays that way
                sheet["evidence"].append(entry)
                seen.append(mark)
                known.add(mark)
                if entry["field"] == "candidate" and _empty(sheet.get("review")):
                    sheet["review"] = "needed"  # the article is "not sure": ask an editor

    def _write_all(self, current: dict[Path, dict], pending: list) -> list[Path]:
        """Write every changed sheet, or none: a clash between the sheets as they would be, or
        a file an editor saved since it was read, stops the build before the first write."""
        after = dict(current)
        after.update((path, sheet) for path, _, _, sheet in pending)
        clashes = check_collisions(list(after.items()))
        if clashes:
            new = {path: sheet for path, read, _, sheet in pending if read is None}
            raise FactSheetError(_explained(clashes, new))
        for path, read, _, _ in pending:
            _check_unchanged(path, read)
        written = []
        for path, read, text, sheet in pending:
            try:
                self.write_atomic(path, text, read)  # only changed sheets are pending
            except OSError as error:
                raise FactSheetError([_not_writable(path, error, written)]) from None
            written.append(path)
            # What was just written need not be parsed again to be read.
            if not check_identity(path, sheet) + check_schema(path, sheet):
                digest = _content_digest(text.encode("utf-8"))
                self._remember(path, digest, plain_data(sheet))
        return written


def _explained(clashes: list[Problem], new: dict[Path, CommentedMap]) -> list[Problem]:
    """The clashes as the editor can act on them: one line per sheet the build would create,
    saying which sheet holds its names and what to do; the rest as found."""
    problems, told = [], set()
    for clash in clashes:
        if clash.path not in new:
            message = f"{clash.message} (no fact sheet was written)"
            problems.append(Problem(clash.path, message, clash.line, clash.column))
            continue
        if clash.path in told:
            continue
        told.add(clash.path)
        sheet = new[clash.path]
        holder = clash.message.split("is already claimed by ", 1)[-1].split(";")[0]
        problems.append(
            Problem(
                clash.path,
                f"would be created for {sheet['name']!r} (id {sheet['id']}), but {holder} "
                f"already claims its names. If {holder} is this system under a new id, set "
                f"its `name:` to {sheet['name']!r} and its evidence goes there; otherwise "
                "remove these names from it (no fact sheet was written)",
            )
        )
    return problems


def _not_writable(path: Path, error: OSError, written: list[Path]) -> Problem:
    before = f"; {len(written)} other sheet(s) were written in full first" if written else ""
    return Problem(
        path,
        f"cannot be written ({error.strerror or error}): free disk space or make the folder "
        f"writable, then build again (this file is unchanged{before})",
    )


def _file_digest(path: Path) -> str | None:
    """The digest of the file's bytes now; None when there is no file."""
    try:
        return _content_digest(path.read_bytes())
    except FileNotFoundError:
        return None


def _check_unchanged(path: Path, read: str | None) -> None:
    """Stop before replacing bytes this run did not read."""
    if _file_digest(path) != read:
        raise FactSheetError(
            [Problem(path, "changed while building; run the build again (nothing was written)")]
        )


def _with_line_ends(text: str, raw: bytes | None) -> str:
    """`text` with the line ends of the file it came from: an editor's CRLF file stays CRLF."""
    if raw is not None and raw.count(b"\r\n") * 2 > raw.count(b"\n"):
        return text.replace("\n", "\r\n")
    return text


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _entry_order(entry: CommentedMap) -> tuple:
    published = entry.get("published") or date.min
    return (published, entry["article"], entry["field"])


def _entry(result: ArticleClaims, field: str, value, quote) -> dict:
    article = result.article
    return {
        "field": field,
        "value": value,
        "quote": quote.text,
        "article": article.path,
        "outlet": result.outlet,
        "url": article.url,
        "published": article.published,
    }


def _status_entry(result: ArticleClaims, field: str, statement) -> dict:
    entry = {"field": field, "value": statement.status}
    if statement.donor:
        entry["actor"] = statement.donor
    if statement.quantity:
        entry["quantity"] = statement.quantity
    if statement.recipient and statement.recipient != DEFAULT_RECIPIENT:
        entry["recipient"] = statement.recipient
    return {**_entry(result, field, statement.status, statement.quote), **entry}


def status_entries(result: ArticleClaims, claims) -> list[dict]:
    """The article's status per donor, the system's own last (the one the site shows).

    When the article's statements disagree ("not sure"), every candidate is kept as a
    `candidate` for an editor, and none as the status.
    """
    decision = claims.decision
    if decision is None:
        return []
    chosen = decision.statement
    entries = []
    for donor, per_donor in claims.per_donor.items():
        statement = per_donor.statement
        if chosen is None or statement is None:
            for candidate in per_donor.candidates:
                entries.append(_status_entry(result, "candidate", candidate))
        elif donor is not None and statement is not chosen:
            entries.append(_status_entry(result, "status", statement))
    if chosen is not None:
        entries.append(_status_entry(result, "status", chosen))
    unique: dict[str, dict] = {}
    for entry in entries:
        unique.setdefault(fingerprint(entry), entry)
    return list(unique.values())


def evidence_entries(result: ArticleClaims, claims) -> list[dict]:
    """Evidence for one system from one article: a mention, its statuses, its ranges."""
    entries = [_entry(result, "mention", claims.mentions[0], claims.mention_quotes[0])]
    entries.extend(status_entries(result, claims))
    for claim in claims.ranges:
        value = {
            "value": int(claim.range.value)
            if claim.range.value.is_integer()
            else claim.range.value,
            "unit": claim.range.unit,
            "km": claim.range.km,
            "qualifier": claim.range.qualifier,
            "variant": claim.range.variant,
        }
        entries.append(_entry(result, "range", value, claim.quote))
    return entries


def article_evidence(result: ArticleClaims) -> list[tuple[System, list[dict]]]:
    """What one article contributes to each system's fact sheet."""
    return [(claims.system, evidence_entries(result, claims)) for claims in result.systems]


def _commented(value):
    """Plain data as round-trip YAML nodes, key order kept."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _commented(item)
        return node
    return value


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def evidence_from_mapping(entry) -> Evidence:
    value = entry.get("value")
    if isinstance(value, dict):
        value = dict(value)
    return Evidence(
        field=str(entry.get("field")),
        value=value,
        quote=str(entry.get("quote") or ""),
        article=str(entry.get("article") or ""),
        outlet=entry.get("outlet"),
        url=entry.get("url"),
        published=entry.get("published"),
        actor=entry.get("actor"),
        rejected=bool(entry.get("rejected", False)),
        quantity=entry.get("quantity"),
        recipient=entry.get("recipient"),
    )


def _editor_range(item) -> dict:
    """An editor's range with its kilometres filled in when only value and unit are given."""
    item = dict(item)
    if item.get("km") is None and (km := range_km(item)) is not None:
        item["km"] = round(km)
    return item


def sheet_from_mapping(data, path: Path) -> FactSheet:
    system_id = str(data.get("id") or path.stem)
    return FactSheet(
        id=system_id,
        name=str(data["name"]),
        aliases=[str(a) for a in _as_list(data.get("aliases"))],
        designations=[str(d) for d in _as_list(data.get("designations"))],
        topics=[str(t) for t in _as_list(data.get("topics"))],
        summary=data.get("summary"),
        origin=data.get("origin"),
        ranges=[_editor_range(r) for r in _as_list(data.get("ranges"))],
        status=data.get("status"),
        status_date=data.get("status_date"),
        donors=[str(d) for d in _as_list(data.get("donors"))],
        notes=data.get("notes"),
        review=data.get("review"),
        evidence=[evidence_from_mapping(e) for e in _as_list(data.get("evidence"))],
        path=str(path),
    )
