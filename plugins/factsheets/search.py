"""The search index in bundles, so a build re-indexes only the pages that changed.

pagefind indexes a set of pages at a time. One bundle for the whole site would re-index
10,000 article pages after one fact-sheet edit, so the index is split: a folder with many
pages in folders of their own (`articles/<slug>/`, `systems/<id>/`) gets bundles by the
first letter of those folders (`pagefind-articles-a-c/`, ...); everything else is in
`pagefind/`. A build runs pagefind only for the bundles whose pages changed, and writes
the list of bundles to `pagefind-bundles.json`, which the search page merges (pagefind's
`mergeIndex`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

MAIN = "pagefind"
MANIFEST = "pagefind-bundles.json"
# The first characters of a page's folder, per bundle; the last takes everything else.
GROUPS = ("0-9a-c", "d-f", "g-i", "j-l", "m-o", "p-r", "s-u", "v-z")
OTHER = "other"
# A folder name that is safe inside a pagefind glob.
_PLAIN = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass
class Bundle:
    name: str  # its folder in the output
    glob: str  # the pages pagefind reads into it
    pages: list[str] = field(default_factory=list)

    def digest(self, page_digests: dict[str, str]) -> str:
        digest = hashlib.sha256(self.glob.encode())
        for page in self.pages:
            digest.update(f"{page}\0{page_digests[page]}\0".encode())
        return digest.hexdigest()


def is_searched(html: bytes) -> bool:
    """Whether pagefind indexes a page of ours: our templates mark what it may index."""
    return b"data-pagefind-body" in html


_BUNDLE = re.compile(
    rf"^{MAIN}(?:-[A-Za-z0-9_-]+-(?:{'|'.join(re.escape(g) for g in (*GROUPS, OTHER))}))?$"
)


def is_bundle(folder) -> bool:
    """Whether an output folder is one of our search bundles (never a page of the site's,
    even one whose name starts with "pagefind")."""
    return bool(_BUNDLE.match(folder.name)) and (folder / "pagefind-entry.json").is_file()


def _group_of(char: str) -> str:
    for group in GROUPS:
        ranges = [group[i : i + 3] for i in range(0, len(group), 3)]
        if any(low <= char <= high for low, _, high in ranges):
            return group
    return OTHER


def _glob(folder: str, group: str | None, page: str) -> str:
    """The pages at `page`'s depth in `folder` (and, given `group`, in its subfolders whose
    names start with one of the group's characters).  One glob per depth that holds
    searched pages: pagefind never reads a folder of pages it would not index, such as a
    system's evidence by year."""
    depth = page.count("/")
    if group is None:
        return f"{folder}/" + "*/" * (depth - 1) + "*.html"
    first = "[!0-9a-z]*" if group == OTHER else f"[{group}]*"
    return f"{folder}/{first}/" + "*/" * (depth - 2) + "*.html"


def bundles(pages: Iterable[str], split_from: int) -> list[Bundle]:
    """The bundles for a site's searched HTML `pages` (relative, POSIX paths): a top folder
    with at least `split_from` pages in folders of their own is split by their first
    letter."""
    by_folder: dict[str, list[str]] = {}
    main = Bundle(MAIN, "", [])
    globs: dict[str, set[str]] = {MAIN: {"*.html"}}
    for page in sorted(pages):
        if "/" in page:
            by_folder.setdefault(PurePosixPath(page).parts[0], []).append(page)
        else:
            main.pages.append(page)
    split: dict[str, Bundle] = {}
    for folder, inside in sorted(by_folder.items()):
        deep = [page for page in inside if page.count("/") >= 2]
        if len(deep) < split_from or not _PLAIN.match(folder):
            main.pages.extend(inside)
            globs[MAIN].update(_glob(folder, None, page) for page in inside)
            continue
        shallow = [page for page in inside if page.count("/") == 1]
        main.pages.extend(shallow)
        globs[MAIN].update(_glob(folder, None, page) for page in shallow)
        for page in deep:
            group = _group_of(PurePosixPath(page).parts[1][:1])
            name = f"{MAIN}-{folder}-{group}"
            split.setdefault(name, Bundle(name, "")).pages.append(page)
            globs.setdefault(name, set()).add(_glob(folder, group, page))
    found = [main, *(split[name] for name in sorted(split))]
    for bundle in found:
        bundle.glob = "{" + ",".join(sorted(globs[bundle.name])) + "}"
    return found
