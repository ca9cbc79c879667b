"""Parsed files kept by content hash, in this process and in the cache folder.

Parsing YAML is the slow part of reading the store; a file whose bytes have not
changed since a build last parsed it is read back from a pickle instead.  The key
includes the code that parses, so new code never reads an old parse.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

_PARSING_CODE = ("store.py", "ledger.py", "validate.py", "model.py", "evidence.py", "parsed.py")


@cache
def _code_digest() -> bytes:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _PARSING_CODE:
        digest.update((here / name).read_bytes())
    digest.update((here / "schema" / "factsheet.schema.json").read_bytes())
    return digest.digest()


def content_digest(data: bytes) -> str:
    return hashlib.sha256(_code_digest() + data).hexdigest()


# The last parse of each file in this process, shared by every store a build makes:
# (kind, path) -> (digest, value).
MEMORY: dict[tuple[str, Path], tuple[str, object]] = {}


class ParsedFiles:
    def __init__(self, cache_dir: str | Path | None, kind: str):
        self.folder = Path(cache_dir) / kind if cache_dir else None
        self.kind = kind

    def get(self, path: Path, data: bytes, digest: str | None = None):
        digest = digest or content_digest(data)
        known = MEMORY.get((self.kind, path))
        if known and known[0] == digest:
            return known[1]
        if self.folder is None:
            return None
        try:
            value = pickle.loads((self.folder / f"{digest}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        MEMORY[(self.kind, path)] = (digest, value)
        return value

    def put(self, path: Path, data: bytes, value, digest: str | None = None) -> None:
        digest = digest or content_digest(data)
        MEMORY[(self.kind, path)] = (digest, value)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{digest}.pickle"
            if not target.exists():
                temporary = target.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                os.replace(temporary, target)
        except OSError:
            pass  # a cache that cannot be written only costs time
