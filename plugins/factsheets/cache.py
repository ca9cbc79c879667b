"""A cache of extraction results, keyed by a hash of what they depend on.

An article is extracted again only when its text or metadata, the catalog
(editors' aliases included) or the extraction code change.  The cache lives
outside `content/` (Pelican's CACHE_PATH), is safe to delete at any time, and a
damaged entry is simply extracted again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from datetime import date
from functools import cache
from pathlib import Path

from .catalog import Catalog
from .model import Article, CatalogRange, System

# The code and data whose every change must invalidate cached results: the extraction
# package and every vocabulary file, plus the steps around them.
_EXTRACTION_FILES = (
    "catalog.py",
    "datafiles.py",
    "discover.py",
    "clean.py",
    "model.py",
    "evidence.py",
)
_EXTRACTION_GLOBS = ("extract/*.py", "data/*.yaml")


def _extraction_paths() -> list[Path]:
    here = Path(__file__).parent
    paths = [here / name for name in _EXTRACTION_FILES]
    for pattern in _EXTRACTION_GLOBS:
        paths.extend(sorted(here.glob(pattern)))
    return paths


@cache
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in _extraction_paths():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def catalog_fingerprint(catalog: Catalog) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for system_id in sorted(catalog.systems):
        digest.update("\x1f".join((system_id, *catalog[system_id].surface_forms)).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def article_key(article: Article, salt: str) -> str:
    parts = (
        salt,
        article.path,
        article.title,
        article.body,
        str(article.published),
        str(article.outlet),
        str(article.url),
        str(article.origin),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _encode(contribution: list[tuple[System, list[dict]]]) -> str:
    return json.dumps(
        [{"system": asdict(system), "entries": entries} for system, entries in contribution],
        default=lambda value: value.isoformat() if isinstance(value, date) else str(value),
        ensure_ascii=False,
    )


def _system(data: dict) -> System:
    data = dict(data)
    data["ranges"] = tuple(CatalogRange(**r) for r in data.get("ranges") or ())
    for field in ("aliases", "designations"):
        data[field] = tuple(data.get(field) or ())
    return System(**data)


def _decode(text: str) -> list[tuple[System, list[dict]]]:
    contribution = []
    for item in json.loads(text):
        entries = item["entries"]
        for entry in entries:
            if entry.get("published"):
                entry["published"] = date.fromisoformat(entry["published"])
        contribution.append((_system(item["system"]), entries))
    return contribution


class ExtractionCache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[tuple[System, list[dict]]] | None:
        try:
            return _decode(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: extract again

    def put(self, key: str, contribution: list[tuple[System, list[dict]]]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(_encode(contribution))
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs time


def stamp_holds(stamp: Path, digest: str) -> bool:
    """Whether a stamp file records `digest`: what the last build worked from."""
    try:
        return stamp.read_text() == digest
    except OSError:
        return False


def write_stamp(stamp: Path, digest: str) -> None:
    # Without the stamp the next build only does again what this one did.
    with contextlib.suppress(OSError):
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest)
