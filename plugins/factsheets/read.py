"""Read article files (.txt, .md, .html) into Articles, and Pelican's reader for .txt.

A plain-text article is what an editor saves from a browser or an aggregator:
the first non-empty line is the headline, optional `Key: value` lines follow
it, the rest is the body.  A file may instead open with a Pelican-style
metadata block (`Title: ...` first).
"""

from __future__ import annotations

import html
import os
import re
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

import markdown
from pelican.readers import BaseReader

from .clean import clean_body, html_to_text
from .model import Article
from .validate import utf8_text, walk_folder

# Only these keys count as metadata, so a body line such as
# "WASHINGTON: The Pentagon said ..." is never mistaken for one.
METADATA_KEYS = (
    "title",
    "date",
    "modified",
    "outlet",
    "origin",
    "archive",
    "url",
    "authors",
    "author",
    "summary",
    "slug",
    "tags",
    "category",
    "lang",
    "status",
)
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_METADATA_LINE = re.compile(r"^(?P<key>[A-Za-z]+)\s*:\s*(?P<value>.*?)\s*$")


class ArticleReadError(Exception):
    """An article file that cannot be read; the message names the file."""


def _metadata_line(line: str) -> tuple[str, str] | None:
    match = _METADATA_LINE.match(line)
    if match and match["key"].lower() in METADATA_KEYS:
        return match["key"].lower(), match["value"]
    return None


def _take_metadata_block(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """Metadata lines from `start` up to the first blank line, if all of them are."""
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    parsed = [_metadata_line(line) for line in lines[start:end]]
    if start == end or not all(parsed):
        return {}, start
    return dict(item for item in parsed if item), end


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def split_text_article(text: str) -> tuple[str, dict[str, str], str]:
    """Split a plain-text article into headline, metadata and raw body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = _skip_blank(lines, 0)
    metadata, index = _take_metadata_block(lines, index)
    title = metadata.pop("title", "")
    if not title and index < len(lines):
        title = lines[index].strip()
        index = _skip_blank(lines, index + 1)
        more, index = _take_metadata_block(lines, index)
        metadata.update(more)
    return title, metadata, "\n".join(lines[index:])


def split_markdown_article(text: str) -> tuple[str, dict[str, str], str]:
    """Split a Pelican Markdown article into title, metadata and body HTML."""
    lines = text.replace("\r\n", "\n").split("\n")
    metadata, index = _take_metadata_block(lines, _skip_blank(lines, 0))
    body_html = markdown.markdown("\n".join(lines[index:]), extensions=["extra"])
    return metadata.pop("title", ""), metadata, body_html


def meta_content(soup, *names: str) -> str | None:
    """The first non-empty <meta property|name=...> content among `names`."""
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            return str(tag["content"]).strip()
    return None


def split_html_article(text: str) -> tuple[str, dict[str, str], str]:
    """Headline, metadata (from <meta> tags) and body HTML of a saved page."""
    from bs4 import BeautifulSoup  # .html articles only: a Markdown archive never loads it

    soup = BeautifulSoup(text, "html.parser")
    meta = partial(meta_content, soup)
    heading = soup.find("h1")
    title = meta("og:title") or (heading.get_text(" ", strip=True) if heading else None)
    if not title and soup.title:
        title = soup.title.get_text(" ", strip=True)
    metadata = {
        key: value
        for key, value in {
            "date": meta("article:published_time", "date", "pubdate"),
            "outlet": meta("og:site_name"),
            "url": meta("og:url"),
            "authors": meta("author"),
        }.items()
        if value
    }
    if heading:
        heading.decompose()
    body = soup.find("article") or soup.body or soup
    return title or "", metadata, str(body)


def parse_date(value: str | None) -> date | None:
    """A date from the usual metadata spellings, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for pattern in ("%Y-%m-%d %H:%M", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _http_only(url: str | None) -> str | None:
    """Only http(s) addresses become links; anything else is dropped."""
    return url if url and url.startswith(("http://", "https://")) else None


def article_from_parts(path: str, title: str, metadata: dict[str, str], body: str) -> Article:
    return Article(
        path=path,
        title=title,
        body=body,
        published=parse_date(metadata.get("date")),
        outlet=metadata.get("outlet") or None,
        url=_http_only(metadata.get("url")),
        origin=metadata.get("origin") or None,
    )


def read_article(path: str | Path, display_path: str | None = None) -> Article:
    """Read one article file; raise ArticleReadError naming the file if it cannot be."""
    path = Path(path)
    name = display_path or str(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleReadError(f"{name}: unsupported file type {suffix!r} (use .txt, .md or .html)")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ArticleReadError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ArticleReadError(f"{name}: is a directory, not an article file") from None
    except UnicodeDecodeError as error:
        raise ArticleReadError(
            f"{name}: not UTF-8 text (byte {error.start}); save the file as UTF-8"
        ) from None
    except OSError as error:
        raise ArticleReadError(f"{name}: cannot be read ({error.strerror})") from None
    if suffix == ".txt":
        title, metadata, raw_body = split_text_article(text)
        body = clean_body(raw_body)
    else:
        splitter = split_html_article if suffix in (".html", ".htm") else split_markdown_article
        title, metadata, body_html = splitter(text)
        body = html_to_text(body_html)
    return article_from_parts(name, title, metadata, body)


MAX_ARTICLE_BYTES = 2_000_000  # a long report is 50 KB; a bigger file is not one report


def article_problem(path: Path, name: str | None = None, today: date | None = None) -> str | None:
    """What stops `path` being published as an article, as one line naming it; None if it
    can be.  The same test runs before the build reads articles and in `make check`."""
    name = name or str(path)
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        return (
            f"{name}: article is {size / 1_000_000:.1f} MB; an article may be at most "
            f"{MAX_ARTICLE_BYTES // 1_000_000} MB (keep the report's text only)"
        )
    data = path.read_bytes()
    if b"\0" in data:
        return f"{name}: a binary file, not an article; save the report's text as .txt or .md"
    text, undecodable = utf8_text(Path(name), data)
    if text is None:
        return str(undecodable)
    if not text.strip():
        return f"{name}: empty file; an article needs a title and the report's text"
    return _metadata_problem(path, name, text, today or date.today())


def _metadata_problem(path: Path, name: str, text: str, today: date) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        title, metadata, _ = split_text_article(text)
    elif suffix in (".html", ".htm"):
        title, metadata, _ = split_html_article(text)
    else:
        lines = text.replace("\r\n", "\n").split("\n")
        metadata, _ = _take_metadata_block(lines, _skip_blank(lines, 0))
        title = metadata.pop("title", "")
    if not title.strip():
        return f"{name}: no title; start the file with `Title: ...`"
    written = metadata.get("date")
    if written is None:
        if suffix == ".txt":
            return None  # a saved page may carry no date: it is published as undated
        return f"{name}: no Date; add `Date: YYYY-MM-DD` (the day the report was published)"
    published = parse_date(written)
    if published is None:
        return f"{name}: Date {written!r} is not a date; write YYYY-MM-DD"
    if published > today + timedelta(days=1):
        return f"{name}: Date {written!r} is in the future; give the day it was published"
    return None


def folder_article_problems(folder: Path, passed: set[str] | None = None) -> list[str]:
    """Every article under `folder` that cannot be published, named as the editor would
    find it from here; links and special files first (they are never opened).

    `passed` holds the files (by `file_state`) that passed before; they are not read
    again, and every file that passes now is added.  A file that passed stays publishable
    until it changes: only its date could age, and a date in the past stays there."""
    files, refused = walk_folder(folder)
    if refused or not folder.is_dir():
        return [str(problem) for problem in refused]
    problems = []
    for path in files:
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        state = file_state(path) if passed is not None else ""
        if state and state in passed:
            continue
        found = article_problem(path, os.path.relpath(path))
        if found:
            problems.append(found)
        elif state:
            passed.add(state)
    return problems


def file_state(path: Path) -> str:
    """The file's path, size, inode and change times: any write to it changes one."""
    try:
        info = path.stat()
    except OSError:
        return ""
    return f"{path}:{info.st_size}:{info.st_ino}:{info.st_mtime_ns}:{info.st_ctime_ns}"


class TextArticleReader(BaseReader):
    """Pelican reader for plain-text articles: cleaned body, one <p> per paragraph."""

    enabled = True
    file_extensions = ["txt"]

    def read(self, source_path: str):
        with open(source_path, encoding="utf-8") as handle:
            title, raw_metadata, raw_body = split_text_article(handle.read())
        paragraphs = clean_body(raw_body).split("\n\n")
        content = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
        raw_metadata["title"] = title or Path(source_path).stem
        if "date" not in raw_metadata:
            # Pelican falls back to the file's mtime for display; evidence must
            # not carry a date that changes with every clone.
            raw_metadata["undated"] = "true"
        metadata = {key: self.process_metadata(key, value) for key, value in raw_metadata.items()}
        return content, metadata
