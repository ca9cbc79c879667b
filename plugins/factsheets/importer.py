"""Import a report into `content/articles/`: a saved page, a .txt file or a URL.

The page is reduced to what an article file needs: headline, date, outlet,
URL, authors and the reporting itself.  trafilatura finds the main text, which
is then cleaned line by line like every other article (clean.py).  Metadata
comes from the page's JSON-LD, Open Graph and <meta> tags first, and from
trafilatura where those say nothing.  docs/import.md has the measurement
behind this choice.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlparse

import trafilatura
from bs4 import BeautifulSoup
from trafilatura.settings import set_date_params

from .clean import clean_body, clean_lines
from .discover import slug
from .extract.sources import outlet_in_text
from .read import meta_content, parse_date, split_text_article
from .settings import IMPORT_DEADLINE

MAX_BYTES = 10_000_000
_WRITTEN_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}\b"
)
# "READ MORE: <a>Another story</a>": a label and a link to another article, nothing else.
_PROMO = re.compile(
    r"(?:(?:read|see|watch|listen)(?: (?:more|also|next))?|also read|more|related|recommended)"
    r"\s*:\s*(?P<link>.+)",
    re.IGNORECASE,
)


class ImportError_(Exception):
    """A source that cannot be imported; the message says which and why."""


@dataclass
class Page:
    title: str
    body: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)


# --- fetching -----------------------------------------------------------------


DEADLINE = IMPORT_DEADLINE  # seconds for one source, whatever the server does
_READ_TIMEOUT = 10.0  # seconds of silence before one read gives up


def _read_by(reply, deadline: float, source: str) -> bytes:
    """The reply's body, stopping at MAX_BYTES, or an error once `deadline` has passed: a
    server that drips a byte every few seconds never times a single read out."""
    chunks, size = [], 0
    while size <= MAX_BYTES:
        if time.monotonic() > deadline:
            raise ImportError_(
                f"{source}: the server sent {size:,} bytes and was still sending when the "
                "deadline passed; try again later or save the page and import the file"
            )
        chunk = reply.read1(65536)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def fetch(source: str, seconds: float = DEADLINE) -> tuple[bytes, str | None, str | None]:
    """(bytes, content type, URL) of a URL or a local file; a URL gets `seconds` in all."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "factsheets-import"})
        deadline = time.monotonic() + seconds
        try:
            with urllib.request.urlopen(request, timeout=min(_READ_TIMEOUT, seconds)) as reply:
                data = _read_by(reply, deadline, source)
                kind = reply.headers.get_content_type()
                final_url = reply.geturl()
        except urllib.error.HTTPError as error:
            raise ImportError_(f"{source}: HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ImportError_(f"{source}: cannot be fetched ({reason})") from None
        return _checked(source, data), kind, final_url
    path = Path(source)
    if not path.is_file():
        raise ImportError_(f"{source}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise ImportError_(
            f"{source}: larger than {MAX_BYTES // 1_000_000} MB; not an article page"
        )
    return _checked(source, path.read_bytes()), None, None


def _checked(source: str, data: bytes) -> bytes:
    if len(data) > MAX_BYTES:
        raise ImportError_(
            f"{source}: larger than {MAX_BYTES // 1_000_000} MB; not an article page"
        )
    if not data.strip():
        raise ImportError_(f"{source}: empty")
    if b"\x00" in data[:4096]:
        raise ImportError_(f"{source}: binary data, not a web page or text")
    return data


# --- reading a page -------------------------------------------------------------


def _json_ld(soup: BeautifulSoup) -> dict:
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}


def _authors(ld: dict, soup: BeautifulSoup) -> list[str]:
    authors = ld.get("author") or []
    authors = authors if isinstance(authors, list) else [authors]
    names = [a.get("name") if isinstance(a, dict) else str(a) for a in authors]
    names = [n for n in names if n] or [n for n in [meta_content(soup, "author")] if n]
    return names


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _canonical(soup: BeautifulSoup, url: str | None) -> str | None:
    link = soup.find("link", rel="canonical", href=True)
    address = urljoin(url or "", str(link["href"]).strip()) if link else None
    return address if address and address.startswith(("http://", "https://")) else None


def _is_promo(line: str, link_texts: set[str]) -> bool:
    """A promo label and the text of one link on the page, and nothing else."""
    match = _PROMO.fullmatch(line)
    return bool(match) and match["link"] in link_texts


def _trafilatura(html: str) -> dict:
    """trafilatura's text and metadata of a page; {} when it finds no text.

    Its date is taken from the markup only (<meta>, <time datetime>, the URL): htmldate's
    extensive search also turns any year on the page, a copyright line's, into January 1.
    """
    document = trafilatura.bare_extraction(
        html, with_metadata=True, date_extraction_params=set_date_params(False)
    )
    return document.as_dict() if document else {}


def _main_text(text: str | None, titles: set[str], link_texts: set[str]) -> list[str]:
    """trafilatura's text of the page, without the headline, cleaned line by line."""
    lines = [_norm(line) for line in (text or "").split("\n")]
    if lines and lines[0] in titles:
        lines = lines[1:]  # the headline is the article's Title, not its text
    return [line for line in clean_lines(lines) if not _is_promo(line, link_texts)]


def read_page(html: str, url: str | None = None) -> Page:
    soup = BeautifulSoup(html, "html.parser")
    theirs = _trafilatura(html)
    ld = _json_ld(soup)
    heading = soup.find("h1")
    title = (
        ld.get("headline")
        or meta_content(soup, "og:title")
        or (heading.get_text(" ", strip=True) if heading else None)
        or (soup.title.get_text(" ", strip=True) if soup.title else None)
        or theirs.get("title")
        or ""
    )
    links = {_norm(a.get_text(" ")) for a in soup.find_all("a")} - {""}
    body = _main_text(theirs.get("text"), {_norm(title), _norm(theirs.get("title"))}, links)
    published = (
        parse_date(
            ld.get("datePublished")
            or meta_content(soup, "article:published_time", "date", "pubdate")
        )
        or parse_date(theirs.get("date"))
        or parse_date(_first_written_date(theirs.get("text")))
    )
    page_url = ld.get("url") or meta_content(soup, "og:url") or _canonical(soup, url) or url
    publisher = ld.get("publisher")
    sitename = theirs.get("sitename")
    if sitename and (urlparse(page_url or "").hostname or "").endswith(sitename.lower()):
        sitename = None  # trafilatura's stand-in for a page that names no site: its host name
    outlet = (
        (publisher.get("name") if isinstance(publisher, dict) else None)
        or meta_content(soup, "og:site_name")
        or sitename
        or _title_site(soup, title)
    )
    authors = _authors(ld, soup) or [
        name.strip() for name in (theirs.get("author") or "").split(";") if name.strip()
    ]
    return Page(title, "\n\n".join(body), published, outlet, page_url, authors)


_TITLE_SEPARATOR = re.compile(r"^\s*[|\-\u2013\u2014\u00b7\u2022]\s*(?P<site>\S.{0,79}?)\s*$")


def _title_site(soup: BeautifulSoup, headline: str) -> str | None:
    """The site name in `<title>`, when it reads "<headline> | Site" (or - – — ·)."""
    if not soup.title or not headline:
        return None
    text, headline = _norm(soup.title.get_text(" ")), _norm(headline)
    if not text.startswith(headline):
        return None
    match = _TITLE_SEPARATOR.match(text[len(headline) :])
    return match["site"] if match else None


def _first_written_date(text: str | None) -> str | None:
    match = _WRITTEN_DATE.search(text or "")
    return match.group(0) if match else None


def read_text(text: str) -> Page:
    title, metadata, raw = split_text_article(text)
    body = clean_body(raw)
    return Page(
        title,
        body,
        parse_date(metadata.get("date")),
        # a saved text rarely has an Outlet: line, but often says "..., Reuters reported"
        metadata.get("outlet") or outlet_in_text(body),
        metadata.get("url"),
        [a.strip() for a in (metadata.get("authors") or "").split(",") if a.strip()],
    )


def read_source(source: str, seconds: float = DEADLINE) -> Page:
    data, kind, url = fetch(source, seconds)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if kind and kind not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise ImportError_(f"{source}: not a web page ({kind})")
    looks_html = kind in ("text/html", "application/xhtml+xml") or bool(
        re.search(r"<(html|body|p|article)\b", text[:5000], re.IGNORECASE)
    )
    page = read_page(text, url) if looks_html else read_text(text)
    if page.url is None and source.startswith(("http://", "https://")):
        page.url = url or source
    if not page.body.strip():
        raise ImportError_(f"{source}: no article text found")
    return page


# --- writing an article -----------------------------------------------------------


_MARKDOWN_START = r"(#|>|[-*+] |\d+[.)] )"


def _escape(paragraph: str) -> str:
    """Reporting is text: nothing in it may become Markdown or HTML."""
    paragraph = paragraph.replace("&", "&amp;").replace("<", "&lt;")
    if re.match(_MARKDOWN_START, paragraph):
        paragraph = "\\" + paragraph
    return paragraph


def _unescape(body: str) -> str:
    """The text `_escape` was given, for the paragraphs of an article this command wrote."""
    body = re.sub(rf"(?m)^\\(?={_MARKDOWN_START})", "", body)
    return body.replace("&lt;", "<").replace("&amp;", "&")


def article_markdown(page: Page) -> str:
    lines = [f"Title: {page.title}", f"Date: {page.published.isoformat()}"]
    if page.outlet:
        lines.append(f"Outlet: {page.outlet}")
    if page.url:
        lines.append(f"URL: {page.url}")
    if page.authors:
        lines.append(f"Authors: {', '.join(page.authors)}")
    body = "\n\n".join(_escape(p) for p in page.body.split("\n\n"))
    return "\n".join(lines) + "\n\n" + body + "\n"


def _existing(folder: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """URLs and normalised texts of the articles already in `folder`."""
    urls, texts = {}, {}
    for path in sorted(folder.glob("*.md")) + sorted(folder.glob("*.txt")):
        # A .txt article may put its headline on the first line, before its `Key: value` lines.
        _, metadata, body = split_text_article(path.read_text(encoding="utf-8", errors="replace"))
        if metadata.get("url"):
            urls[metadata["url"]] = path
        body = clean_body(body) if path.suffix == ".txt" else _unescape(body)
        texts[" ".join(body.split())] = path
    return urls, texts


def import_source(
    source: str,
    folder: Path,
    force: bool = False,
    when: date | None = None,
    seconds: float = DEADLINE,
) -> tuple[str, Path]:
    """Import one source; return ("wrote" | "skipped", path)."""
    page = read_source(source, seconds)
    page.published = page.published or when
    if page.published is None:
        raise ImportError_(
            f"{source}: no date found on the page; give the day it was published with "
            "--date YYYY-MM-DD (make import SRC=... DATE=YYYY-MM-DD)"
        )
    urls, texts = _existing(folder)
    body_key = " ".join(page.body.split())
    if not force and page.url and page.url in urls:
        return "skipped", urls[page.url]
    if not force and body_key in texts:
        return "skipped", texts[body_key]
    path = folder / f"{page.published.isoformat()}-{slug(page.title)[:80] or 'article'}.md"
    if path.exists() and not force:
        raise ImportError_(f"{source}: {path} already exists; pass --force to replace it")
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(article_markdown(page), encoding="utf-8")
    temporary.replace(path)  # a reader never sees half an article
    return "wrote", path
