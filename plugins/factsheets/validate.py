"""Check fact-sheet files before anything trusts them.

Every problem becomes one message that names the file, the line and column
where known, the field, what is wrong and what is allowed.  Checks never write.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

SCHEMA_PATH = Path(__file__).parent / "schema" / "factsheet.schema.json"
MAX_BYTES = 1_000_000  # a real fact sheet is a few kilobytes
SAFE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str
    line: int | None = None  # 1-based
    column: int | None = None

    def __str__(self) -> str:
        where = shown_path(self.path)
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{where}: {self.message}"


def shown_path(path: Path | str) -> str:
    """A path as the editor finds it from where the command runs: `content/facts/x.yaml`."""
    path = Path(path)
    if path.is_absolute() and Path.cwd() in path.parents:
        return path.relative_to(Path.cwd()).as_posix()
    return str(path)


class FactSheetError(Exception):
    """Fact sheets that cannot be used; holds every problem found."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(Path("."), problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# dates are checked as dates: "yesterday" or "2023-02-30" is no status_date
@cache
def _validator():
    """Built on first use: a build whose sheets are all parsed already never loads jsonschema."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def file_kind_problem(path: Path) -> Problem | None:
    """Why `path` may not be read as an editor's file: a symbolic link would publish whatever
    it points to, and a FIFO or a folder named like a file would hang or crash the build."""
    try:
        mode = path.lstat().st_mode
    except OSError as error:
        return Problem(path, f"cannot be read ({error.strerror}); check the file's permissions")
    if stat.S_ISLNK(mode):
        return Problem(path, "is a symbolic link; links are not followed: put the file itself here")
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        return Problem(path, f"is {kind}; only regular files can be read here: remove or rename it")
    return None


def read_bytes(path: Path, limit: int | None = MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or the problems that stop it being read (`limit`: most bytes)."""
    refused = file_kind_problem(path)
    if refused:
        return None, [refused]
    size = path.stat().st_size
    if limit is not None and size > limit:
        return None, [
            Problem(
                path,
                f"file is {size / 1_000_000:.1f} MB; a fact sheet may be at most "
                f"{MAX_BYTES // 1_000_000} MB (move long notes elsewhere)",
            )
        ]
    try:
        return path.read_bytes(), []
    except OSError as error:
        return None, [Problem(path, f"cannot be read ({error.strerror})")]


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that stop it being read."""
    data, problems = read_bytes(path)
    if data is None:
        return None, problems
    return decode_text(path, data)


def utf8_text(path: Path, data: bytes) -> tuple[str | None, Problem | None]:
    """The bytes as text, or the problem naming the line of the first byte that is not UTF-8
    (for every file an editor writes: sheets, topics, articles)."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"not UTF-8 text (byte {error.start}); save the file as UTF-8"
        return None, Problem(path, message, line)


def decode_text(path: Path, data: bytes) -> tuple[str | None, list[Problem]]:
    """A sheet's bytes as text with "\n" line ends (the writer restores the file's own)."""
    text, undecodable = utf8_text(path, data)
    if text is None:
        return None, [undecodable]
    text = text.replace("\r\n", "\n")
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [Problem(path, "file is empty; a fact sheet needs at least `name: ...`")]
    deep = _too_deep(path, text)
    if deep:
        return None, [deep]
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return None, [
                Problem(path, "a tab is used for indentation; indent with spaces", number, 1)
            ]
    return text, []


_ANCHORS = (
    "YAML anchors and aliases (&name, *name) are not allowed in this file; write the value out"
)
_TAGS = "YAML tags (!!python/object, !!str, !custom) are not allowed; write a plain value"
_COMPLEX_KEY = (
    "a key must be a plain name (a list or mapping as a key, `? [a, b]:`, is not allowed)"
)
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def _event_problem(event, expecting_key: bool) -> str | None:
    if isinstance(event, AliasEvent) or (
        isinstance(event, CollectionStartEvent | ScalarEvent) and event.anchor
    ):
        return _ANCHORS
    if isinstance(event, CollectionStartEvent | ScalarEvent) and event.tag:
        return _TAGS
    if expecting_key and isinstance(event, CollectionStartEvent):
        return _COMPLEX_KEY
    if isinstance(event, ScalarEvent) and not event.style and _DATE_LIKE.match(event.value):
        try:
            date.fromisoformat(_zero_padded(event.value))
        except ValueError:
            return f"{event.value!r} is not a real date; write YYYY-MM-DD (e.g. 2024-02-29)"
    return None


def _zero_padded(value: str) -> str:
    year, month, day = value.split("-")
    return f"{year}-{int(month):02}-{int(day):02}"


def _reject_unsafe_events(path: Path, text: str) -> list[Problem]:
    """What YAML allows and a fact sheet must not hold, found in one linear pass over the
    parser's events before anything is built from them: anchors and aliases (an alias bomb
    costs nothing here), tags (a `!!python/object` is refused by name, not as a wrong
    type), keys that are lists or mappings, and dates no calendar has."""
    keys: list[bool | None] = []  # per open mapping: is a key next? (None: a sequence)
    for event in YAML().parse(text):
        expecting_key = bool(keys) and keys[-1]
        found = _event_problem(event, expecting_key)
        if found:
            mark = event.start_mark
            return [Problem(path, found, mark.line + 1, mark.column + 1)]
        is_node = isinstance(event, ScalarEvent | AliasEvent | CollectionStartEvent)
        if is_node and keys and keys[-1] is not None:
            keys[-1] = not keys[-1]  # a mapping alternates key, value
        if isinstance(event, MappingStartEvent):
            keys.append(True)
        elif isinstance(event, SequenceStartEvent):
            keys.append(None)
        elif isinstance(event, CollectionEndEvent):
            keys.pop()
    return []


_MAX_DEPTH = 20


def _too_deep(path: Path, text: str) -> Problem | None:
    """Brackets nested deeper than any fact sheet needs: the YAML parser takes time in the
    square of the depth (20,000 levels would take minutes), so this is counted first.  Every
    bracket counts, quoted or not: no real sheet has twenty unclosed ones."""
    if text.count("[") + text.count("{") <= _MAX_DEPTH:
        return None  # the usual sheet: too few brackets to nest that deep
    depth = 0
    for bracket in _BRACKET.finditer(text):
        if bracket.group() in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                at = bracket.start()
                line = text.count("\n", 0, at) + 1
                column = at - text.rfind("\n", 0, at)
                return Problem(path, _TOO_DEEP, line, column)
        else:
            depth = max(0, depth - 1)
    return None


_BRACKET = re.compile(r"[\[\]{}]")
_TOO_DEEP = f"values are nested more than {_MAX_DEPTH} levels deep; a fact sheet needs only a few"


def reject_unsafe_yaml(path: Path, text: str) -> list[Problem]:
    """Everything refused before a YAML file is built into data (see above), for any file."""
    deep = _too_deep(path, text)
    return [deep] if deep else _reject_unsafe_events(path, text)


def parse(path: Path, text: str, loader: YAML) -> tuple[CommentedMap | None, list[Problem]]:
    """The round-trip document, or the syntax problems in it."""
    try:
        problems = _reject_unsafe_events(path, text)
        if problems:
            return None, problems
        data = loader.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or str(error)
        if "duplicate key" in str(error).lower() or "found duplicate key" in what:
            what = f"{what}; each field may appear once"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return None, [Problem(path, f"invalid YAML: {what}", line, column)]
    except YAMLError as error:
        return None, [Problem(path, f"invalid YAML: {error}")]
    if not isinstance(data, CommentedMap):
        return None, [
            Problem(path, "a fact sheet must be a mapping of fields (name: ..., evidence: ...)", 1)
        ]
    return data, []


def plain_data(value, dates_as_text: bool = False):
    """A round-trip document as plain dicts, lists and scalars; dates as ISO text
    with `dates_as_text` (what the JSON Schema expects)."""
    if isinstance(value, dict):
        return {str(key): plain_data(item, dates_as_text) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_data(item, dates_as_text) for item in value]
    if isinstance(value, date):
        return value.isoformat() if dates_as_text else value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def _position(data, path: Iterable) -> tuple[int | None, int | None]:
    """1-based line and column of the key or item at `path` in a round-trip document."""
    node, found = data, (None, None)
    for step in path:
        if isinstance(node, CommentedMap) and step in node:
            place = node.lc.key(step)
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
            place = node.lc.item(step)
        else:
            break
        if place is None:  # a document built here, not parsed: it has no lines yet
            break
        found, node = (place[0] + 1, place[1] + 1), node[step]
    return found


def _field_name(path: Iterable) -> str:
    return ".".join(
        str(step) if not isinstance(step, int) else f"[{step}]" for step in path
    ).replace(".[", "[")


_FRIENDLY_PATTERNS = {
    "^https?://": "must be an http:// or https:// address",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "must be a safe slug: lowercase letters, digits and hyphens",
}


def _explain(error) -> str:
    value = error.instance
    if error.validator == "enum":
        allowed = ", ".join("(empty)" if v is None else str(v) for v in error.validator_value)
        return f"{value!r} is not allowed; allowed values: {allowed}"
    if error.validator == "oneOf":
        options = [o.get("$ref", "") for o in error.validator_value]
        if any("status" in o for o in options):
            allowed = ", ".join(_schema()["$defs"]["status"]["enum"])
            return f"{value!r} is not allowed; allowed values: {allowed} (or empty)"
        if any("httpUrl" in o for o in options):
            return f"{value!r} must be an http:// or https:// address (or empty)"
    if error.validator == "pattern":
        friendly = _FRIENDLY_PATTERNS.get(
            error.validator_value, f"must match {error.validator_value}"
        )
        return f"{value!r} {friendly}"
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{value!r} has the wrong type; expected {expected}"
    if error.validator == "format" and error.validator_value == "date":
        return f"{value!r} is not a date; write YYYY-MM-DD"
    if error.validator == "maximum":
        return (
            f"{value!r} is too large; it must be at most {error.validator_value} "
            "(the Earth's circumference in km)"
        )
    if error.validator == "exclusiveMinimum":
        return f"{value!r} is too small; it must be greater than {error.validator_value}"
    if error.validator == "minimum":
        return f"{value!r} is too small; it must be at least {error.validator_value}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"{error.message}; allowed fields: {allowed}"
    if error.validator == "minLength":
        return "is empty; give a value"
    return error.message


_REQUIRED = re.compile(r"'(?P<field>[^']+)' is a required property")


def _problem_for(path: Path, data: CommentedMap, error) -> Problem:
    steps = list(error.path)
    if error.validator == "required":
        missing = _REQUIRED.search(error.message)
        field = _field_name([*steps, missing["field"] if missing else "?"])
        line, column = _position(data, steps) if steps else (None, None)
        need = "every fact sheet needs the system's name" if field == "name" else "add it"
        return Problem(path, f"field '{field}' is missing; {need}", line, column)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in allowed]
        field = _field_name([*steps, unknown[0]])
        line, column = _position(data, [*steps, unknown[0]])
        return Problem(
            path,
            f"field '{field}' is not a fact-sheet field; allowed fields: {', '.join(allowed)}",
            line,
            column,
        )
    line, column = _position(data, steps)
    field = _field_name(steps) or "(top level)"
    return Problem(path, f"field '{field}': {_explain(error)}", line, column)


def check_schema(path: Path, data: CommentedMap) -> list[Problem]:
    errors = _validator().iter_errors(plain_data(data, dates_as_text=True))
    problems = [_problem_for(path, data, error) for error in errors]
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.message))


def check_identity(path: Path, data: CommentedMap) -> list[Problem]:
    """The id names the file: `atacms.yaml` holds `id: atacms` (or no id)."""
    problems = []
    if not SAFE_ID.match(path.stem):
        problems.append(
            Problem(path, "the file name must be a safe slug (lowercase letters, digits, hyphens)")
        )
    system_id = data.get("id")
    if system_id is not None and str(system_id) != path.stem:
        line, column = _position(data, ["id"])
        fix = (
            f"; rename the file to {system_id}.yaml or set id: {path.stem}"
            if SAFE_ID.match(str(system_id))
            else ""
        )
        problems.append(
            Problem(
                path,
                f"field 'id': {system_id!r} does not match the file name {path.name}{fix}",
                line,
                column,
            )
        )
    return problems


def check_collisions(sheets: list[tuple[Path, CommentedMap]]) -> list[Problem]:
    """Two sheets may not claim the same id, name or alias."""
    owners: dict[str, tuple[Path, int | None]] = {}
    problems = []
    for path, data in sheets:
        names = [("id", data.get("id") or path.stem), ("name", data.get("name"))]
        for field in ("aliases", "designations"):
            values = data.get(field) or []
            if isinstance(values, list):
                names.extend((f"{field}[{i}]", v) for i, v in enumerate(values))
        for field, value in names:
            if not isinstance(value, str) or not value.strip():
                continue
            key = value.strip().lower()
            steps = (
                [field.split("[")[0], int(field.split("[")[1][:-1])] if "[" in field else [field]
            )
            line, column = _position(data, steps)
            if key in owners and owners[key][0] != path:
                other, other_line = owners[key]
                where = f"{other}:{other_line}" if other_line else str(other)
                problems.append(
                    Problem(
                        path,
                        f"field '{field}': {value!r} is already claimed by {where}; "
                        "a name or alias may belong to one fact sheet only",
                        line,
                        column,
                    )
                )
            else:
                owners.setdefault(key, (path, line))
    return problems


def folder_problems(folder: Path) -> list[Problem]:
    """Links and special files anywhere under `folder` (an article folder): Pelican would
    follow a link out of the repository onto the site, and block forever on a FIFO."""
    return walk_folder(folder)[1]


def walk_folder(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The regular files under `folder`, in order, and a problem for each link or special
    file.  The directory entries' own types decide (no stat per file): a walk of 10,000
    articles costs a few milliseconds, and runs before every build."""
    files: list[Path] = []
    problems: list[Problem] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return files, problems  # no folder, nothing in it; a missing one is reported elsewhere
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            found, trouble = walk_folder(path)
            files += found
            problems += trouble
        elif entry.is_file(follow_symlinks=False):
            files.append(path)
        elif refused := file_kind_problem(path):
            problems.append(refused)
    return files, problems
