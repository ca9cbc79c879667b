"""The fact-sheet store: the editors' sheets and the machine's evidence ledger.

`<facts_dir>/<id>.yaml` is the editor's: names, topics, values that override the
evidence, notes, the ids of evidence they reject.  It stays small; the build writes
it only to create it or to fill a field left empty, round-trips it with ruamel.yaml
so comments and order survive, and never replaces bytes it did not read.

`<evidence_dir>/<id>/` is the machine's (see ledger.py): every piece of evidence
with its quote, appended to and never rewritten.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .evidence import article_evidence, fingerprint, legacy_fingerprint, unvaried_fingerprint
from .fastyaml import load_plain
from .ledger import Append, Ledger
from .model import ArticleClaims, Evidence, FactSheet, System, range_km
from .parsed import ParsedFiles
from .progress import progress
from .settings import cache_path, content_path
from .validate import (
    SAFE_ID,
    SCHEMA_PATH,
    FactSheetError,
    Problem,
    _position,
    check_collisions,
    check_identity,
    check_schema,
    decode_text,
    file_kind_problem,
    parse,
    plain_data,
    read_bytes,
    shown_path,
)

__all__ = ["FactSheetError", "FactSheetStore", "Problem", "fingerprint"]

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
    "status_reason",
    "donors",
    "supply",
    "notes",
    "review",
    "rejected",
    "corrections",
)
# Fields of the layout before the ledger: `factsheets migrate` moves them out.
OLD_LAYOUT = ("evidence", "seen")


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: keeps comments, order and quoting
    yaml.width = 4096  # a long value stays on one line, so diffs stay readable
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.representer.ignore_aliases = lambda *_: True  # anchors (&id001) confuse editors
    # An unset field reads `status:`, not `status: null`, whoever wrote it last.
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


def _represent_none(representer, _value):
    return representer.represent_scalar("tag:yaml.org,2002:null", "")


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _flow(items: Iterable[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def old_layout_problem(path: Path, data) -> Problem | None:
    """A sheet that still holds its evidence: one line saying how to move it."""
    held = [name for name in OLD_LAYOUT if name in data]
    if not held:
        return None
    line, column = _position(data, [held[0]])
    return Problem(
        path,
        f"holds `{held[0]}:`, which now lives in the evidence ledger: run `make migrate` "
        "(factsheets migrate) once to move it there; nothing else in the sheet changes",
        line,
        column,
    )


class FactSheetStore:
    """Reads and writes `<facts_dir>/<id>.yaml` and the ledger beside it."""

    def __init__(
        self,
        facts_dir: str | Path,
        cache_dir: str | Path | None = None,
        evidence_dir: str | Path | None = None,
    ):
        self.facts_dir = Path(facts_dir)
        self.evidence_dir = (
            Path(evidence_dir) if evidence_dir else self.facts_dir.parent / "evidence"
        )
        # Parsed sheets by content hash: ruamel.yaml's parser is too slow to run on every
        # sheet at every build.
        self.parsed = ParsedFiles(cache_dir, "sheets")
        self.ledger = Ledger(self.evidence_dir, cache_dir)

    @classmethod
    def for_site(cls, settings) -> FactSheetStore:
        """The store a Pelican build uses: FACTSHEETS_FACTS_DIR, FACTSHEETS_EVIDENCE_DIR."""
        return cls(
            content_path(settings, "FACTSHEETS_FACTS_DIR"),
            cache_path(settings),
            content_path(settings, "FACTSHEETS_EVIDENCE_DIR"),
        )

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

    # --- reading the editors' sheets -------------------------------------------

    def _check_text(self, path: Path, text: str) -> tuple[CommentedMap | None, list[Problem]]:
        data, problems = parse(path, text, _yaml())
        if data is None:
            return None, problems
        if moved := old_layout_problem(path, data):
            return data, [moved]
        return data, check_identity(path, data) + check_schema(path, data)

    def _check_bytes(self, path: Path, raw: bytes) -> tuple[CommentedMap | None, list[Problem]]:
        text, problems = decode_text(path, raw)
        return self._check_text(path, text) if text is not None else (None, problems)

    def _check_file(self, path: Path) -> tuple[CommentedMap | None, list[Problem]]:
        raw, problems = read_bytes(path)
        return self._check_bytes(path, raw) if raw is not None else (None, problems)

    def _check_quickly(self, path: Path) -> tuple[dict | None, list[Problem]]:
        """Like _check_file, as plain data, from memory or the cache when unchanged."""
        raw, problems = read_bytes(path)
        if raw is None:
            return None, problems
        data = self.parsed.get(path, raw)
        if data is not None:
            return data, []
        data = self._read_plain(path, raw)
        if data is None:
            document, problems = self._check_bytes(path, raw)
            if document is None or problems:
                return document, problems
            data = plain_data(document)
        self.parsed.put(path, raw, data)
        return data, []

    def _read_plain(self, path: Path, raw: bytes) -> dict | None:
        """A valid sheet's data by the fast parser, or None to take the exact path."""
        text, problems = decode_text(path, raw)
        data = load_plain(text) if text is not None else None
        if data is None or any(name in data for name in OLD_LAYOUT):
            return None
        if check_identity(path, data) + check_schema(path, data):
            return None
        return data

    def _parse_bytes(self, path: Path, raw: bytes) -> CommentedMap:
        """The round-trip document of bytes already read (so the writer knows what it read)."""
        data, problems = self._check_bytes(path, raw)
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

    def editor_data(self) -> dict[Path, dict]:
        """Every editor's sheet as plain data, or a FactSheetError listing every problem."""
        problems, parsed = self._checked()
        if problems:
            raise FactSheetError(problems)
        return parsed

    def editor_sheets(self) -> list[FactSheet]:
        """The sheets as their editors wrote them, without evidence (nothing else is read)."""
        return [sheet_from_mapping(data, path) for path, data in self.editor_data().items()]

    def editor_aliases(self) -> dict[str, list[str]]:
        """Each sheet's name, aliases and designations (name first), to extend the catalog."""
        aliases = {}
        for path, data in self.editor_data().items():
            names = [data["name"], *_as_list(data.get("aliases"))]
            aliases[path.stem] = [str(n) for n in names + _as_list(data.get("designations"))]
        return aliases

    # --- reading the ledger ---------------------------------------------------------

    def orphan_problems(self, sheets: Iterable[Path], moving: Iterable[str] = ()) -> list[Problem]:
        """Ledger folders no sheet owns: evidence the site would silently drop."""
        owned = {path.stem for path in sheets} | set(moving)
        problems = []
        for system_id in self.ledger.system_ids():
            if system_id not in owned:
                problems.append(
                    Problem(
                        self.ledger.folder(system_id),
                        f"holds evidence for `{system_id}`, which has no fact sheet: restore "
                        f"{shown_path(self.path_for(system_id))}, or rename this folder to the "
                        "id of the sheet that now holds the system",
                    )
                )
        return problems

    def problems(self) -> list[Problem]:
        """Every problem in every fact sheet and ledger file, clashes and orphans included."""
        problems, parsed = self._checked()
        return problems + self.ledger.problems() + self.orphan_problems(parsed)

    def _evidence(self, system_id: str) -> list[dict]:
        entries, problems = self.ledger.read(system_id)
        if problems:
            raise FactSheetError(problems)
        return entries

    def load(self, path: Path) -> FactSheet:
        data, problems = self._check_file(path)
        if problems:
            raise FactSheetError(problems)
        return sheet_from_mapping(plain_data(data), path, self._evidence(path.stem))

    def load_all(self) -> list[FactSheet]:
        """Every fact sheet with its evidence, or a FactSheetError listing every problem."""
        parsed = self.editor_data()
        problems = self.ledger.problems() + self.orphan_problems(parsed)
        if problems:
            raise FactSheetError(problems)
        return [
            sheet_from_mapping(data, path, self._evidence(path.stem))
            for path, data in parsed.items()
        ]

    # --- writing ---------------------------------------------------------------

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
        sheet["rejected"] = _flow([])
        return sheet

    def _fillable(self, sheet, system: System, fresh: list[dict]) -> dict:
        """The values for fields an editor has left empty: the catalog's names, and
        `review: needed` when an article was not sure of a status."""
        new = self._new_sheet(system)
        fill = {
            name: new[name]
            for name in ("name", "aliases", "designations", "topics", "origin")
            if _empty(sheet.get(name)) and not _empty(new[name])
        }
        rejected = set(_as_list(sheet.get("rejected")))
        unsure = any(e["field"] == "candidate" and not _is_rejected(e, rejected) for e in fresh)
        if unsure and _empty(sheet.get("review")):
            fill["review"] = "needed"  # the article is "not sure": ask an editor
        return fill

    def _dump(self, sheet: CommentedMap, header: str) -> str:
        buffer = io.StringIO()
        _yaml().dump(sheet, buffer)
        body = buffer.getvalue()
        return body if body.startswith("# yaml-language-server:") else header + body

    def write_atomic(self, path: Path, data: bytes, read: bytes | None) -> None:
        """Write `data` to `path` by rename.

        `read` is the bytes the new data was made from (None: the file did not exist).
        Just before the rename the file is checked again: if an editor saved it in the
        meantime, nothing is replaced and the build stops.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                if read is not None or path.parent == self.facts_dir:
                    # Old bytes, and an editor's sheet, must survive a crash: the new ones
                    # reach the disk before the rename.  A new ledger file has nothing to
                    # lose: a build that finds it empty after a crash appends it again.
                    os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            _check_unchanged(path, read)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _remove_stale_temporary_files(self) -> None:
        """Temporary files a killed run left behind (never a sheet itself)."""
        folders = [self.facts_dir, *(self.ledger.folder(i) for i in self.ledger.system_ids())]
        for folder in folders:
            if folder.is_dir():
                for leftover in folder.glob(".*.yaml.*.tmp"):
                    leftover.unlink(missing_ok=True)

    def update(self, results: Iterable[ArticleClaims]) -> list[Path]:
        """Merge the claims of `results` into the fact sheets; return files written."""
        return self.merge(article_evidence(result) for result in results)

    def merge(
        self,
        contributions: Iterable[list[tuple[System, list[dict]]]],
        planned: dict[Path, tuple[str, str]] | None = None,
        renamed: dict[str, str] | None = None,
    ) -> list[Path]:
        """Record each article's evidence; return the files written (sheets first).

        `renamed` maps a catalog id to the id of the sheet an editor renamed it to: its
        ledger folder moves along.  Given `planned`, nothing is written: it receives
        (old text, new text) for every file that would change.
        """
        systems, new_evidence = _gather(contributions)
        if planned is None:
            self._remove_stale_temporary_files()
        current = self.editor_data()
        moves = self._ledger_moves(renamed or {}, current)
        # a folder whose sheet this build creates, or whose sheet was renamed, is no orphan
        problems = self.orphan_problems(current, [old for old, _ in moves] + list(new_evidence))
        problems += [p for i in new_evidence for p in self.ledger.read(i)[1]]
        if problems:
            raise FactSheetError(problems)
        if planned is None and moves:
            # The machine's own folders, renamed before anything is planned, so the appends
            # are planned against the files as they will be (a dry run plans from the old).
            for old, new in moves:
                os.replace(self.ledger.folder(old), self.ledger.folder(new))
            moves = []
        sheets: list[tuple[Path, bytes | None, bytes, CommentedMap]] = []
        appends: list[Append] = []
        for system_id in sorted(new_evidence):
            path, system = self.path_for(system_id), systems[system_id]
            known = {e["id"] for e in self.ledger.read(_source(system_id, moves))[0]}
            # a statement the ledger holds without the variant now read is not added again
            fresh = [
                e
                for mark, e in new_evidence[system_id].items()
                if mark not in known and unvaried_fingerprint(e) not in known
            ]
            sheet = self._changed_sheet(path, current.get(path), system, fresh)
            if sheet is not None:
                sheets.append(sheet)
            if fresh:
                appends += self.ledger.appends(system_id, fresh, f"{path.parent.name}/{path.name}")
        if planned is not None:
            _plan(planned, sheets, appends)
            return []
        if not sheets and not appends:
            return []
        return self._write_all(current, sheets, appends)

    def _ledger_moves(self, renamed: dict[str, str], current: dict) -> list[tuple[str, str]]:
        """(old, new) ledger folders of sheets an editor renamed, where the new one is free."""
        owned = {path.stem for path in current}
        moves = []
        for old, new in sorted(renamed.items()):
            if old in owned or not self.ledger.folder(old).is_dir():
                continue
            if self.ledger.folder(new).exists():
                raise FactSheetError(
                    [
                        Problem(
                            self.ledger.folder(old),
                            f"holds the evidence of {shown_path(self.path_for(new))} (renamed "
                            f"from {old}), but {shown_path(self.ledger.folder(new))} exists "
                            "too: move this folder's files into it, then build again",
                        )
                    ]
                )
            moves.append((old, new))
        return moves

    def _changed_sheet(self, path: Path, data: dict | None, system: System, fresh: list[dict]):
        """(path, bytes read, new bytes, document) when the editor's sheet must be written."""
        if data is not None and not self._fillable(data, system, fresh):
            return None
        raw = path.read_bytes() if path.exists() else None
        sheet = self._parse_bytes(path, raw) if raw is not None else self._new_sheet(system)
        for name, value in self._fillable(sheet, system, fresh).items():
            sheet[name] = value
        if raw is None:  # the schema line is ours to add to a new sheet
            text = self._header() + (_emit_new_sheet(sheet) or self._dump(sheet, ""))
        else:  # an editor may have removed it
            text = _with_line_ends(self._dump(sheet, ""), raw)
        if raw is not None and text.encode("utf-8") == raw:
            return None
        return path, raw, text.encode("utf-8"), sheet

    def _write_all(self, current: dict[Path, dict], sheets: list, appends: list) -> list:
        """Write every changed file, or none: a clash between the sheets as they would be, or
        a file saved since it was read, stops the build before the first write.  Sheets go
        first: a build stopped after them has only created or filled sheets, and the next
        build appends the evidence again."""
        after = dict(current)
        after.update((path, sheet) for path, _, _, sheet in sheets)
        clashes = check_collisions(list(after.items()))
        if clashes:
            new = {path: sheet for path, read, _, sheet in sheets if read is None}
            raise FactSheetError(_explained(clashes, new))
        for path, read, _, _ in sheets:
            _check_unchanged(path, read)
        for append in appends:
            _check_unchanged(append.path, append.read)
        written: list[Path] = []
        for path, read, data, sheet in sheets:
            self._write(path, data, read, written)
            if not check_identity(path, sheet) + check_schema(path, sheet):
                self.parsed.put(path, data, plain_data(sheet))
        with progress("writing evidence files", len(appends)) as advance:
            for append in appends:
                self._write(append.path, append.data, append.read, written)
                self.ledger.remember(append)
                advance(1)
        return written

    def append_corrections(self, entries: dict[str, list[dict]]) -> list[Path]:
        """Each sheet's new `corrections:` entries added at the end of its list, the rest of
        the editor's file as it was; every file is checked before the first write, and one
        saved since it was read stops the build with nothing written."""
        planned = []
        for system_id, new in sorted(entries.items()):
            path = self.path_for(system_id)
            raw = path.read_bytes()
            sheet = self._parse_bytes(path, raw)
            log = sheet.get("corrections")
            if not isinstance(log, list):
                log = sheet["corrections"] = CommentedSeq()
            log.extend(CommentedMap(entry) for entry in new)
            planned.append((path, raw, _with_line_ends(self._dump(sheet, ""), raw), sheet))
        for path, raw, _, _ in planned:
            _check_unchanged(path, raw)
        written: list[Path] = []
        for path, raw, text, sheet in planned:
            data = text.encode("utf-8")
            self._write(path, data, raw, written)
            if not check_identity(path, sheet) + check_schema(path, sheet):
                self.parsed.put(path, data, plain_data(sheet))
        return written

    def _write(self, path: Path, data: bytes, read: bytes | None, written: list[Path]) -> None:
        try:
            self.write_atomic(path, data, read)
        except OSError as error:
            raise FactSheetError([_not_writable(path, error, written)]) from None
        written.append(path)


# What may stand unquoted: in a flow list, no comma; the text read back decides the rest.
_PLAIN_SAFE = re.compile(r"^[^\W_][\w .()/'&+-]*(?<! )$")
_PLAIN_SAFE_BLOCK = re.compile(r"^[^\W_][\w .,()/'&+-]*(?<! )$")


def _emit_scalar(value, quote_all: bool, in_list: bool = True) -> str:
    if value is None:
        return ""
    text = str(value)
    plain = _PLAIN_SAFE if in_list else _PLAIN_SAFE_BLOCK
    if not quote_all and plain.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _emit_new_sheet(sheet: CommentedMap) -> str | None:
    """A new sheet's text without ruamel.yaml's emitter (a first build creates hundreds):
    one line per field, lists in flow style, as ruamel.yaml would lay them out.  The text
    is read back and returned only if it reads as the sheet; else None (use ruamel)."""
    expected = plain_data(sheet)
    for quote_all in (False, True):
        lines = []
        for name, value in sheet.items():
            if isinstance(value, list):
                items = ", ".join(_emit_scalar(item, quote_all) for item in value)
                lines.append(f"{name}: [{items}]")
            else:
                lines.append(f"{name}: {_emit_scalar(value, quote_all, False)}".rstrip())
        text = "\n".join(lines) + "\n"
        if load_plain(text) == expected:
            return text
    return None


def _gather(contributions) -> tuple[dict[str, System], dict[str, dict[str, dict]]]:
    """Each system, and its evidence from every article by id (the first of equal ones)."""
    systems: dict[str, System] = {}
    new_evidence: dict[str, dict[str, dict]] = {}
    for contribution in contributions:
        for system, entries in contribution:
            systems.setdefault(system.id, system)
            unique = new_evidence.setdefault(system.id, {})
            for entry in entries:
                unique.setdefault(fingerprint(entry), entry)
    return systems, new_evidence


def _source(system_id: str, moves: list[tuple[str, str]]) -> str:
    """The ledger folder the system's evidence is in now (before a planned move)."""
    return next((old for old, new in moves if new == system_id), system_id)


def _plan(planned: dict, sheets: list, appends: list[Append]) -> None:
    for path, read, data, _ in sheets:
        planned[path] = ((read or b"").decode("utf-8"), data.decode("utf-8"))
    for append in appends:
        planned[append.path] = ((append.read or b"").decode("utf-8"), append.data.decode())


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
    before = f"; {len(written)} other file(s) were written in full first" if written else ""
    return Problem(
        path,
        f"cannot be written ({error.strerror or error}): free disk space or make the folder "
        f"writable, then build again (this file is unchanged{before})",
    )


def _check_unchanged(path: Path, read: bytes | None) -> None:
    """Stop before replacing bytes this run did not read."""
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        now = None
    if now != read:
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


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _is_rejected(entry: dict, rejected: set[str]) -> bool:
    """Rejected by id, or by the id it had before donors (sheets migrated from then) or
    variants were part of ids."""
    if not rejected:
        return False
    ids = (fingerprint(entry), legacy_fingerprint(entry), unvaried_fingerprint(entry))
    return any(name in rejected for name in ids)


def evidence_from_mapping(entry, rejected: set[str] = frozenset(), number: int = 0) -> Evidence:
    value = entry.get("value")
    if isinstance(value, dict):
        value = dict(value)
    return Evidence(
        field=str(entry.get("field")),
        value=value,
        quote=str(entry.get("quote") or ""),
        article=str(entry.get("article") or ""),
        outlet=entry.get("outlet"),
        origin=entry.get("origin"),
        url=entry.get("url"),
        published=entry.get("published"),
        actor=entry.get("actor"),
        rejected=_is_rejected(entry, rejected),
        quantity=entry.get("quantity"),
        recipient=entry.get("recipient"),
        variant=entry.get("variant"),
        id=entry.get("id") or fingerprint(entry),
        number=number,
    )


def _editor_range(item) -> dict:
    """An editor's range with its kilometres filled in when only value and unit are given."""
    item = dict(item)
    if item.get("km") is None and (km := range_km(item)) is not None:
        item["km"] = round(km)
    return item


def sheet_from_mapping(data, path: Path, evidence: Iterable[dict] = ()) -> FactSheet:
    system_id = str(data.get("id") or path.stem)
    rejected = {str(r) for r in _as_list(data.get("rejected"))}
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
        status_reason=data.get("status_reason"),
        corrections=[dict(entry) for entry in _as_list(data.get("corrections"))],
        donors=[str(d) for d in _as_list(data.get("donors"))],
        supply={str(donor): dict(values) for donor, values in (data.get("supply") or {}).items()},
        notes=data.get("notes"),
        review=data.get("review"),
        rejected=sorted(rejected),
        evidence=[
            evidence_from_mapping(e, rejected, number) for number, e in enumerate(evidence, start=1)
        ],
        path=str(path),
    )
