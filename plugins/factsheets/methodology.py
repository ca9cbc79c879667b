"""The site's /methodology/ page: what each status means, how values are chosen, how
corrections are made and what the site does not claim.

Its text is the marked parts of docs/statuses.md and docs/extraction.md, so the page and
the documentation say the same.  The docs are not in an installed package: `make
methodology` copies the marked parts into data/methodology.md, which ships, and a test
fails when that copy is older than the docs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SHIPPED = Path(__file__).parent / "data" / "methodology.md"
SOURCES = ("statuses.md", "extraction.md")
START = re.compile(r"^<!-- methodology (\d+) -->$")
END = "<!-- /methodology -->"
# a link to another document of docs/: the page keeps its words, not the link
DOC_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\.md(?:#[^)\s]*)?\)")
HEADER = (
    "<!-- Made by `make methodology` from the marked parts of docs/statuses.md and "
    "docs/extraction.md: edit those, not this. -->\n"
)


class MethodologyError(ValueError):
    """A doc's marks do not pair up, or two blocks claim one place."""


def marked_blocks(name: str, text: str) -> list[tuple[int, str]]:
    """Each block of `text` between its marks, with its place on the page."""
    blocks, place, lines = [], None, []
    for number, line in enumerate(text.splitlines(), start=1):
        start = START.match(line.strip())
        if start and place is not None:
            raise MethodologyError(f"{name}:{number}: a methodology block opens inside another")
        if start:
            place, lines = int(start.group(1)), []
        elif line.strip() == END:
            if place is None:
                raise MethodologyError(f"{name}:{number}: {END} closes no block")
            blocks.append((place, "\n".join(lines).strip("\n")))
            place = None
        elif place is not None:
            lines.append(line)
    if place is not None:
        raise MethodologyError(f"{name}: the methodology block {place} is never closed by {END}")
    return blocks


def methodology_markdown(docs: dict[str, str]) -> str:
    """The page's Markdown from each doc's text, by name, its blocks in their order."""
    placed: dict[int, str] = {}
    for name, text in docs.items():
        for place, block in marked_blocks(name, text):
            if place in placed:
                raise MethodologyError(f"{name}: two methodology blocks are number {place}")
            placed[place] = DOC_LINK.sub(r"\1", block)
    return HEADER + "\n\n".join(placed[place] for place in sorted(placed)) + "\n"


def methodology_html(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The page's body (its sections are h2: the page has its own h1) and its contents:
    each section's anchor and title."""
    import markdown

    converter = markdown.Markdown(extensions=["tables", "toc"])
    html = converter.convert(text)
    # wide tables scroll inside the page at a phone's width, as the plugin's other tables do
    html = html.replace("<table>", '<div class="table-wrap"><table>')
    html = html.replace("</table>", "</table></div>")
    contents = [(token["id"], token["name"]) for token in converter.toc_tokens]
    return html, contents


def main(argv: list[str]) -> int:
    """`python -m factsheets.methodology DOCS_FOLDER [--check]`: write data/methodology.md
    from the docs, or with --check say whether it is current."""
    folder = Path(argv[0]) if argv else Path("docs")
    try:
        docs = {name: (folder / name).read_text(encoding="utf-8") for name in SOURCES}
        made = methodology_markdown(docs)
    except (OSError, MethodologyError) as error:
        print(f"methodology: {error}", file=sys.stderr)
        return 1
    current = SHIPPED.read_text(encoding="utf-8") if SHIPPED.is_file() else None
    if "--check" in argv:
        if current != made:
            print(f"methodology: {SHIPPED} is older than {folder}/; run `make methodology`")
            return 1
        return 0
    if current != made:
        SHIPPED.write_text(made, encoding="utf-8")
        print(f"methodology: wrote {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
