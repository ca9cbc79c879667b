"""The quick path of html_to_text gives exactly what the full HTML parse gives."""

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from factsheets.clean import _simple_blocks, html_to_text, parsed_html_to_text

ARTICLES = sorted((REPO / "content" / "articles").glob("*.md")) + sorted(
    (REPO / "tests" / "corpus").rglob("*.md")
)


def rendered(path: Path) -> str:
    return markdown.markdown(path.read_text(encoding="utf-8").split("\n\n", 1)[1])


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_article_reads_the_same_by_either_path(path):
    html = rendered(path)
    assert _simple_blocks(html) is not None, "plain Markdown should take the quick path"
    assert html_to_text(html) == parsed_html_to_text(html)


@pytest.mark.parametrize(
    "html",
    [
        "<figure><img src='a.png'><figcaption>Photo: AP</figcaption></figure><p>Text.</p>",
        "<p>One</p>stray text<p>Two</p>",
        "<div><p>Nested</p></div>",
        "<blockquote><p>Quoted</p></blockquote>",
        "<p>a <!-- c --> b</p>",
        "<ul><li><p>loose</p></li></ul>",
    ],
)
def test_unusual_markup_takes_the_full_parse(html):
    assert _simple_blocks(html) is None
    assert html_to_text(html) == parsed_html_to_text(html)


_words = st.text("abcxyz &<>'\"123.,", min_size=1, max_size=30)
_line = st.builds(
    lambda kind, a, b: {
        "p": f"{a} *{b}* and [{b}](https://example.org/{len(a)}) `{a}`",
        "h": f"## {a} {b}",
        "li": f"- {a}\n- **{b}**",
    }[kind],
    st.sampled_from(["p", "h", "li"]),
    _words,
    _words,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, min_size=1, max_size=6))
def test_random_markdown_reads_the_same_by_either_path(lines):
    html = markdown.markdown("\n\n".join(lines))
    assert html_to_text(html) == parsed_html_to_text(html)
