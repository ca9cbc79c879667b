"""The search index in bundles, so a build re-indexes only the pages that changed.

pagefind indexes a whole folder at a time. One bundle for every page of the site would
re-index 10,000 article pages after one fact-sheet edit, so the index is split: one bundle
(`pagefind/`) for every page outside the articles' folder (systems, topics, home, ...), and
article pages in bundles by the first letter of their folder (`pagefind-articles-a-c/`, ...).
A build runs pagefind only for the bundles whose pages changed; the search page merges them
all (pagefind's `mergeIndex`).  When the articles share no folder, the site is one bundle.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

MAIN = "pagefind"
# The first characters of an article's folder, per bundle; the last takes everything else.
GROUPS = ("0-9a-c", "d-f", "g-i", "j-l", "m-o", "p-r", "s-u", "v-z")
OTHER = "other"


@dataclass
class Bundle:
    name: str  # its folder in the output
    glob: str  # the pages pagefind indexes into it
    pages: list[str] = field(default_factory=list)

    def digest(self, read) -> str:
        digest = hashlib.sha256(self.glob.encode())
        for page in self.pages:
            digest.update(page.encode() + b"\0" + read(page))
        return digest.hexdigest()


_SAVE_AS = re.compile(r"^([A-Za-z0-9_-]+)/\{slug\}/index\.html$")


def articles_folder(settings) -> str | None:
    """ "articles" when article pages are saved as articles/<slug>/index.html, else None."""
    match = _SAVE_AS.match(str(settings.get("ARTICLE_SAVE_AS", "")))
    return match.group(1) if match else None


def _outside(folder: str) -> str:
    """A glob for every HTML page not under `folder/` (pagefind globs have no "not")."""
    alternatives = ["*.html"]
    for index, char in enumerate(folder):
        alternatives.append(f"{folder[:index]}[!{char}]*/**/*.html")
    alternatives.append(f"{folder}?*/**/*.html")
    return "{" + ",".join(alternatives) + "}"


def _group_of(char: str) -> str:
    for group in GROUPS:
        ranges = [group[i : i + 3] for i in range(0, len(group), 3)]
        if any(low <= char <= high for low, _, high in ranges):
            return group
    return OTHER


def _group_glob(folder: str, group: str) -> str:
    if group == OTHER:
        return f"{folder}/[!0-9a-z]*/**/*.html"
    return f"{folder}/[{group}]*/**/*.html"


def bundle_name(folder: str, slug: str) -> str:
    return f"{MAIN}-{folder}-{_group_of(slug[:1])}"


def bundles(pages: Iterable[str], folder: str | None) -> list[Bundle]:
    """The bundles for a site's HTML `pages` (relative, POSIX) when its articles are under
    `folder`; only bundles with pages are returned.  A page directly in `folder/` (an index
    of articles, say) is in none: it lists what the article bundles hold."""
    pages = sorted(pages)
    if folder is None:
        return [Bundle(MAIN, "**/*.html", pages)]
    main = Bundle(MAIN, _outside(folder))
    groups: dict[str, Bundle] = {}
    for page in pages:
        parts = PurePosixPath(page).parts
        if parts[0] != folder:
            main.pages.append(page)
        elif len(parts) >= 3:
            name = bundle_name(folder, parts[1])
            group = name[len(f"{MAIN}-{folder}-") :]
            bundle = groups.setdefault(name, Bundle(name, _group_glob(folder, group)))
            bundle.pages.append(page)
    return [main, *(groups[name] for name in sorted(groups))]
