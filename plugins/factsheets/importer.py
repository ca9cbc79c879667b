"""Import a report into `content/articles/`: a saved page, a .txt file or a URL.

The page is reduced to what an article file needs: headline, date, outlet,
URL, authors and the reporting itself.  Main text is found readability-style
(the container with the most paragraph text and the fewest links), then
cleaned line by line like every other article.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup

from .clean import clean_body, clean_lines
from .discover import slug
from .read import meta_content, parse_date, split_text_article

MAX_BYTES = 10_000_000
_CONTAINERS = ["article", "main", "section", "div", "td"]
_NOISE = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figure",
    "figcaption",
    "iframe",
    "button",
    "svg",
]
_NOISE_HINTS = re.compile(
    r"cookie|consent|banner|share|social|related|newsletter|subscribe|sidebar|trending|promo|"
    r"advert|\bad\b|comment|footer|nav|menu|breadcrumb|more|byline",
    re.IGNORECASE,
)
_WRITTEN_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}\b"
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


def fetch(source: str) -> tuple[bytes, str | None, str | None]:
    """(bytes, content type, URL) of a URL or a local file."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "factsheets-import"})
        try:
            with urllib.request.urlopen(request, timeout=20) as reply:
                data = reply.read(MAX_BYTES + 1)
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


def _score(container) -> float:
    """Paragraph text, less the share that is links: readability's core idea."""
    paragraphs = container.find_all("p")
    text = sum(len(p.get_text(" ", strip=True)) for p in paragraphs)
    links = sum(len(a.get_text(" ", strip=True)) for a in container.find_all("a"))
    return text * (1 - min(links / text, 1)) if text else 0.0


def _main_container(soup: BeautifulSoup):
    for element in soup.find_all(_NOISE):
        element.decompose()
    for element in soup.find_all(True, attrs={"class": True}):
        if element.attrs is not None and _NOISE_HINTS.search(" ".join(element.get("class", []))):
            element.decompose()
    candidates = soup.find_all(_CONTAINERS) or [soup]
    return max(candidates, key=_score)


def _paragraphs(container) -> list[str]:
    for br in container.find_all("br"):
        br.replace_with("\n")
    lines = []
    for block in container.find_all(["p", "h2", "h3", "li", "blockquote"]) or [container]:
        lines.extend(line.strip() for line in block.get_text().split("\n"))
    return clean_lines([" ".join(line.split()) for line in lines])


def read_page(html: str, url: str | None = None) -> Page:
    soup = BeautifulSoup(html, "html.parser")
    ld = _json_ld(soup)
    heading = soup.find("h1")
    title = (
        ld.get("headline")
        or meta_content(soup, "og:title")
        or (heading.get_text(" ", strip=True) if heading else None)
        or (soup.title.get_text(" ", strip=True) if soup.title else "")
    )
    published = parse_date(
        ld.get("datePublished") or meta_content(soup, "article:published_time", "date", "pubdate")
    )
    publisher = ld.get("publisher")
    outlet = (publisher.get("name") if isinstance(publisher, dict) else None) or meta_content(
        soup, "og:site_name"
    )
    page_url = ld.get("url") or meta_content(soup, "og:url") or url
    authors = _authors(ld, soup)
    if heading:
        heading.decompose()
    body = "\n\n".join(_paragraphs(_main_container(soup)))
    if published is None and (match := _WRITTEN_DATE.search(soup.get_text(" "))):
        published = parse_date(match.group(0))
    return Page(title or "", body, published, outlet, page_url, authors)


def read_text(text: str) -> Page:
    title, metadata, raw = split_text_article(text)
    return Page(
        title,
        clean_body(raw),
        parse_date(metadata.get("date")),
        metadata.get("outlet"),
        metadata.get("url"),
        [a.strip() for a in (metadata.get("authors") or "").split(",") if a.strip()],
    )


def read_source(source: str) -> Page:
    data, kind, url = fetch(source)
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


def _escape(paragraph: str) -> str:
    """Reporting is text: nothing in it may become Markdown or HTML."""
    paragraph = paragraph.replace("&", "&amp;").replace("<", "&lt;")
    if re.match(r"(#|>|[-*+] |\d+[.)] )", paragraph):
        paragraph = "\\" + paragraph
    return paragraph


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
        text = path.read_text(encoding="utf-8", errors="replace")
        for line in text.splitlines():
            if not line.strip():
                break
            key, _, value = line.partition(":")
            if key.strip().lower() == "url":
                urls[value.strip()] = path
        body = text.split("\n\n", 1)[-1]
        texts[" ".join(body.replace("&lt;", "<").replace("&amp;", "&").split())] = path
    return urls, texts


def import_source(
    source: str, folder: Path, force: bool = False, when: date | None = None
) -> tuple[str, Path]:
    """Import one source; return ("wrote" | "skipped", path)."""
    page = read_source(source)
    page.published = page.published or when
    if page.published is None:
        raise ImportError_(f"{source}: no date found on the page; pass --date YYYY-MM-DD")
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
