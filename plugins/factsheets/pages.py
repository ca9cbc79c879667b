"""Which of the plugin's pages a build need not render again: their inputs have not changed.

At 10,000 articles the plugin's pages take seconds to render, and one edited sheet changes
a few of them.  Every page shares the templates, the plugin's code and the site's settings;
a system page adds its sheet (every field and piece of evidence) and the articles it links
to; a page made from many sheets adds their digests, or only the part of each it shows
(/sources/ shows evidence, not summaries).  Each page's digest is kept in the cache; a page
whose digest holds and whose file is still in the output is left as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import fields, is_dataclass
from pathlib import Path

from .model import FactSheet


def code_in_settings(settings) -> bytes:
    """The functions a site's settings give the templates (JINJA_FILTERS, ...): the plain
    settings digest leaves them out, but a page changes when one of them does."""
    parts = []
    for name in sorted(settings):
        value = settings[name]
        functions = value.values() if isinstance(value, dict) else [value]
        for function in functions:
            code = getattr(function, "__code__", None)
            if code is not None:
                parts.append(f"{name}:{function.__module__}.{function.__qualname__}".encode())
                parts.append(_code_bytes(code))
    return b"\0".join(parts)


def _code_bytes(code) -> bytes:
    """A function's code, nested functions included (their repr holds a memory address)."""
    parts = [code.co_code]
    for constant in code.co_consts:
        is_code = hasattr(constant, "co_code")
        parts.append(_code_bytes(constant) if is_code else repr(constant).encode())
    return b"\1".join(parts)


def rendering_versions() -> list[str]:
    """The versions of the libraries that turn templates and data into pages."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in ("pelican", "jinja2", "markupsafe", "feedgenerator", "markdown"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} absent")
    return found


def shared_digest(template_dirs: list[Path], settings_digest: str, extra: object) -> str:
    """What every page depends on: templates, this package's code, settings, `extra`."""
    digest = hashlib.sha256(settings_digest.encode())
    code = Path(__file__).parent
    sources = sorted(code.rglob("*.py")) + sorted(code.glob("data/*"))
    for folder in template_dirs:
        sources += sorted(p for p in Path(folder).rglob("*") if p.is_file())
    for path in sources:
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    digest.update(_canonical(extra))
    return digest.hexdigest()


def _canonical(value) -> bytes:
    """The same bytes for equal values, however they were built (pickle would not promise
    that: it remembers which objects are shared)."""
    return json.dumps(value, sort_keys=True, default=_plain, ensure_ascii=False).encode()


def _plain(value):
    if is_dataclass(value):
        return [getattr(value, field.name) for field in fields(value)]
    return str(value)


def evidence_digest(sheet: FactSheet, source: str | None = None) -> str:
    """A sheet's name and evidence (numbers and rejections included): what the pages that
    list evidence from every sheet, such as /sources/, take from it.  `source`, the digest
    of the ledger files the evidence was read from, stands for the evidence: hashing those
    bytes once is much cheaper than encoding every item again."""
    evidence = source if source is not None else sheet.evidence
    return hashlib.sha256(_canonical([sheet.id, sheet.name, sheet.rejected, evidence])).hexdigest()


def sheet_digest(shared: str, sheet: FactSheet, cited: list, evidence: str) -> str:
    """A system page's inputs: the shared digest, the sheet as loaded (its evidence by
    `evidence`, its digest), the articles it cites (`cited_links`).  Fields only: a sheet's
    derived values, once computed, are not part of it."""
    values = [getattr(sheet, f.name) for f in fields(FactSheet) if f.name != "evidence"]
    return hashlib.sha256(shared.encode() + _canonical([values, evidence, cited])).hexdigest()


def cited_links(sheet: FactSheet, links: dict) -> list:
    """The articles a sheet's evidence comes from, each with its address and title."""
    articles = sorted({item.article for item in sheet.evidence})
    return [(path, links.get(path)) for path in articles]


def page_digest(shared: str, *inputs) -> str:
    """A page's digest from the shared one and whatever else it is rendered from."""
    return hashlib.sha256(shared.encode() + _canonical(inputs)).hexdigest()


class PageStamps:
    """The digest each page was last rendered from, kept in the cache folder."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.before = json.loads(path.read_text())
        except (OSError, ValueError):
            self.before = {}
        self.now: dict[str, str] = {}

    def current(self, name: str, digest: str, output: Path) -> bool:
        """Whether `name` in `output` was rendered from `digest` (and is still there)."""
        self.now[name] = digest
        return self.before.get(name) == digest and (output / name).is_file()

    def save(self, without: set[str] = frozenset(), unplanned_too: bool = False) -> None:
        """The stamps of this build's pages, but those `without`; with `unplanned_too`, also
        the earlier build's pages this one no longer plans, until they are removed."""
        kept = {name: digest for name, digest in self.now.items() if name not in without}
        if unplanned_too:
            kept.update({n: d for n, d in self.before.items() if n not in self.now})
        with contextlib.suppress(OSError):  # without stamps the next build renders all
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(kept, sort_keys=True))
            os.replace(temporary, self.path)
