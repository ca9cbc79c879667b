"""Clean an article body: keep the reporting verbatim, drop what is not reporting.

Re-published news carries photo captions and credits, navigation ("Related
Articles", "Back to top") and aggregator disclaimers.  Claims must be quoted
from the reporting only, so those lines go before extraction sees the text.
Kept lines are never rewritten: a quote taken from the cleaned text is a
verbatim quote from the article.
"""

from __future__ import annotations

import re
from html import unescape

import nh3

_NAVIGATION = re.compile(
    r"^(related( articles| stories| posts| coverage)?|read (more|next|also)|more (stories|news)"
    r"|back to top( button)?|share( this( article)?)?|advertisement|skip to (main )?content"
    r"|sign up for .{0,40}newsletter.*|subscribe( now)?|recommended( for you)?"
    r"|(previous|next) (article|post|story)|comments?|tags?:.*|follow us.*|print|email)[\s.:]*$",
    re.IGNORECASE,
)

_DISCLAIMER = re.compile(
    r"automatic aggregator|will be deleted within \d+ hours|trademarks belong to their"
    r"|hyperlink to the primary source|do not want us to publish your materials"
    r"|all rights reserved|this article (was|has been) (automatically )?(translated|generated)",
    re.IGNORECASE,
)

_AGENCIES = (
    r"Getty Images|AFP|AP|Associated Press|Reuters|EPA|Anadolu|Sipa|Shutterstock|Alamy|"
    r"Bloomberg|DVIDS|U\.S\. Army|U\.S\. Air Force|Ministry of Defen[cs]e|public domain|"
    r"Wikimedia Commons|handout|file|pool"
)

# "Jane Doe / Agency", "Photo: ...", "(Photo by ...)" or a caption that runs
# straight into a credit ("...Missile Range.John Hamilton / White Sands ...").
_CREDIT = re.compile(
    r"(^\(?(photo|image|picture|video|credit|source|caption)s?( by)?\s*[:|]"
    r"|^\(?photo(graph)? by\b"
    r"|[A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3} ?/ ?[A-Z][\w.'-]+( [\w.'-]+){0,6}\)?\s*$"
    r"|\b(" + _AGENCIES + r")\s*(photo|via|/)"
    r"|[a-z]\.[A-Z][a-z]+ [A-Z][a-z]+ ?/ ?)",
)

# A caption sits directly above its credit and is short; reporting that
# attributes or quotes is never mistaken for one.
_CAPTION_MAX_WORDS = 40
_REPORTING_CUES = re.compile(r"\b(said|says|told|according to|reported)\b|[\"“”]")


# "By Dana Example · November 7, 2022": who wrote it, not what happened.
_BYLINE = re.compile(r"^By [A-Z][\w.'’-]+(?: (?:and )?[A-Z][\w.'’-]+){0,5}(?:\s*[,·|–-].{0,60})?$")


def is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line.strip())) and len(line.split()) <= 16


def is_navigation(line: str) -> bool:
    return bool(_NAVIGATION.match(line.strip()))


def is_disclaimer(line: str) -> bool:
    return bool(_DISCLAIMER.search(line))


def is_credit(line: str) -> bool:
    stripped = line.strip()
    return len(stripped.split()) <= _CAPTION_MAX_WORDS and bool(_CREDIT.search(stripped))


def _is_caption_like(line: str) -> bool:
    stripped = line.strip()
    return (
        bool(stripped)
        and len(stripped.split()) <= _CAPTION_MAX_WORDS
        and not _REPORTING_CUES.search(stripped)
    )


def _drop_photo_blocks(lines: list[str]) -> list[str]:
    """Blank out each credit line and the caption lines directly above it."""
    kept = list(lines)
    for index, line in enumerate(lines):
        if not line.strip() or not is_credit(line):
            continue
        kept[index] = ""
        above = index - 1
        while above >= 0 and index - above <= 2 and _is_caption_like(lines[above]):
            kept[above] = ""
            above -= 1
    return kept


_RELATED_HEADING = re.compile(
    r"^(related|related (articles|stories|posts|coverage|news)|read (more|also|next)"
    r"|more (stories|news)"
    r"|recommended( for you)?|you may also like|most read|latest news)[\s.:]*$",
    re.IGNORECASE,
)
_HEADLINE_MAX_WORDS = 20


def _is_headline_like(line: str) -> bool:
    stripped = line.strip()
    return len(stripped.split()) <= _HEADLINE_MAX_WORDS and not stripped.endswith((".", "”", '"'))


def _drop_related_lists(lines: list[str]) -> list[str]:
    """Blank out the list of headlines under "Related Articles" and the like."""
    kept, in_list = [], False
    for line in lines:
        if _RELATED_HEADING.match(line.strip()):
            in_list = True
            kept.append("")
        elif in_list and (not line.strip() or _is_headline_like(line)):
            kept.append("")
        else:
            in_list = False
            kept.append(line)
    return kept


def clean_lines(lines: list[str]) -> list[str]:
    """The paragraphs of reporting among raw body lines, verbatim."""
    lines = _drop_related_lists([line.rstrip() for line in lines])
    lines = [
        "" if is_navigation(line) or is_disclaimer(line) or is_byline(line) else line
        for line in lines
    ]
    lines = _drop_photo_blocks(lines)
    return [line.strip() for line in lines if line.strip()]


def clean_body(text: str) -> str:
    """Clean a plain-text body; paragraphs come back separated by blank lines."""
    return "\n\n".join(clean_lines(text.splitlines()))


_BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "pre", "td"]


_SIMPLE_BLOCK = re.compile(
    r"<(p|h[1-6]|li)(?:\s[^<>]*)?>((?:(?!</?(?:p|h[1-6]|li|ul|ol)\b).)*?)</\1>", re.S
)
_LIST_TAG = re.compile(r"</?(?:ul|ol)>")
_TAG_TOKEN = re.compile(r"<[^<>]*>")


def _simple_blocks(html: str) -> list[str] | None:
    """The blocks' text when the HTML is only paragraphs, headings and flat lists of
    plain markup (most Markdown articles); None when the full parse is needed."""
    if not _is_plain_markup(html):
        return None
    rest = _LIST_TAG.sub("", html)
    blocks = _SIMPLE_BLOCK.findall(rest)
    if _SIMPLE_BLOCK.sub("", rest).strip():
        return None  # text or markup outside the blocks
    texts = (" ".join(unescape(_TAG_TOKEN.sub("", inner)).split()) for _, inner in blocks)
    return [text for text in texts if text]


def html_to_text(html: str) -> str:
    """The visible text of an article's HTML body, one paragraph per block.

    Figures and their captions are dropped: they are not reporting.
    """
    simple = _simple_blocks(html or "")
    if simple:
        return "\n\n".join(clean_lines(simple))
    return parsed_html_to_text(html)


def parsed_html_to_text(html: str) -> str:
    """html_to_text by a full HTML parse: for any markup."""
    from bs4 import BeautifulSoup  # only unusual markup gets here: loaded when needed

    soup = BeautifulSoup(html or "", "html.parser")
    for element in soup.find_all(["script", "style", "figure", "figcaption", "nav", "aside"]):
        element.decompose()
    paragraphs = []
    for block in soup.find_all(_BLOCKS):
        if block.find(_BLOCKS):
            continue  # the inner blocks are taken on their own
        text = " ".join(block.get_text().split())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        paragraphs = [line for line in soup.get_text("\n").splitlines() if line.strip()]
    return "\n\n".join(clean_lines(paragraphs))


_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")


def _is_safe_url(value: str) -> bool:
    """http(s), mailto, site-relative and fragment links only."""
    stripped = "".join(value.split()).lower()
    if ":" not in stripped.split("/")[0].split("?")[0].split("#")[0]:
        return True  # relative: no scheme before the first / ? or #
    return stripped.startswith(("http://", "https://", "mailto:"))


# Markup that Markdown produces for prose, with attributes that cannot run code.
_PLAIN_TAG_NAMES = frozenset(
    "p a em strong b i u s ul ol li h1 h2 h3 h4 h5 h6 blockquote code pre br hr sup sub "
    "table thead tbody tr th td span div abbr cite q small dl dt dd figure figcaption img".split()
)
_PLAIN_ATTRIBUTES = frozenset({"href", "title", "id", "class", "alt", "src", "colspan", "rowspan"})
_PLAIN_TAG = re.compile(r'</?([a-z][a-z0-9]*)((?:\s+[a-z]+="[^"<>]*")*)\s*/?>')
_ATTRIBUTE = re.compile(r'([a-z]+)="([^"<>]*)"')


def _is_plain_markup(html: str) -> bool:
    """True when every tag is plain prose markup with harmless attributes.

    Most articles are; they skip the full parse below. Anything unusual (a
    comment, an unknown tag, an unquoted attribute, a stray "<") is not.
    """
    tags = _TAG_TOKEN.findall(html)
    if len(tags) != html.count("<"):
        return False
    for tag in tags:
        match = _PLAIN_TAG.fullmatch(tag)
        if not match or match[1] not in _PLAIN_TAG_NAMES:
            return False
        for name, value in _ATTRIBUTE.findall(match[2]):
            if name not in _PLAIN_ATTRIBUTES:
                return False
            if name in _URL_ATTRIBUTES and not _is_safe_url(unescape(value)):
                return False
    return True


# What an article's body may keep: prose markup, links and tables. Images are left out (a
# saved page's <img> points at a server we do not host: a broken image at best).
_SAFE_TAGS = frozenset(
    "p a em strong b i u s ul ol li h2 h3 h4 h5 h6 blockquote code pre br hr sup sub "
    "table thead tbody tr th td span div abbr cite q small dl dt dd figure figcaption".split()
)
_SAFE_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    **{f"h{level}": {"id"} for level in range(2, 7)},  # Markdown's heading anchors
}


def sanitize_html(html: str) -> str:
    """Article HTML with nothing executable and nothing fetched: no scripts, embeds, event
    handlers, styles or images; links only to http(s) and mailto.

    nh3 (the Ammonia sanitizer) parses as browsers do, so markup written to confuse a
    simpler parser ("<!--><script>") is taken apart the way a browser would read it.
    """
    return nh3.clean(
        html or "",
        tags=set(_SAFE_TAGS),
        attributes={tag: set(names) for tag, names in _SAFE_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
