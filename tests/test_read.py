from conftest import FIXTURES, reference_article
from factsheets.clean import clean_body, html_to_text
from factsheets.read import TextArticleReader, read_article, split_text_article


def test_text_article_title_metadata_and_body():
    title, metadata, body = split_text_article(
        "\n\nHeadline here\nDate: 2023-01-02\nOutlet: Example\n\nFirst paragraph.\n"
    )
    assert title == "Headline here"
    assert metadata == {"date": "2023-01-02", "outlet": "Example"}
    assert body.strip() == "First paragraph."


def test_pelican_style_header_is_metadata_too():
    title, metadata, body = split_text_article("Title: A headline\nURL: https://x.org/a\n\nBody.")
    assert (title, metadata, body.strip()) == ("A headline", {"url": "https://x.org/a"}, "Body.")


def test_body_line_that_looks_like_metadata_stays_body():
    title, metadata, body = split_text_article("Headline\n\nWASHINGTON: The Pentagon said so.")
    assert metadata == {}
    assert body.strip() == "WASHINGTON: The Pentagon said so."


def test_fixture_keeps_reporting_and_drops_boilerplate():
    article = read_article(FIXTURES / "aggregator-copy.txt")
    assert (
        article.title == "Germany weighs sending Taurus missiles as Kyiv presses for longer reach"
    )
    assert article.outlet == "Example Wire"
    assert article.published.isoformat() == "2023-08-10"
    assert article.url == "https://example.org/wire/taurus-debate"
    paragraphs = article.body.split("\n\n")
    assert paragraphs == [
        "Germany's government is still debating whether to send Taurus cruise missiles to "
        "Ukraine, two officials in Berlin said on Thursday.",
        "Ukraine has asked for the Taurus for months. The missile can strike targets up to "
        "500 kilometers (310 miles) away, which would put much of occupied Crimea within reach.",
        "Gen. Example Person, a retired officer, said the U.S. decision on similar weapons "
        "would weigh on Berlin.",
    ]


REFERENCE_REPORTING_STARTS = [
    "President Joe Biden has told his Ukrainian counterpart",
    "The officials, who were not authorized",
    "For months, Ukraine has been demanding",
    "Defense officials said the U.S. does not have",
    "The congressional official said there was still debate",
    "Since Russia invaded Ukraine in February 2022",
    "The White House initially denied approval",
    "The latest move comes just over two months",
    "Improved dual-use conventional munitions (DPICMs)",
    "Some human rights groups oppose their use",
    "Their use by both sides was documented",
    "In May, America and its allies",
    "While Ukrainian troops have broken through",
    "This has raised concerns about continued Allied support",
    "At the same time, Ukraine has intensified",
]


def test_reference_article_keeps_every_reporting_paragraph_and_no_boilerplate():
    article = read_article(reference_article())
    assert article.title == "Biden tells Zelensky that the US is sending ATACMS to Ukraine"
    paragraphs = article.body.split("\n\n")
    assert [p[: len(s)] for p, s in zip(paragraphs, REFERENCE_REPORTING_STARTS, strict=False)] == (
        REFERENCE_REPORTING_STARTS
    )
    assert len(paragraphs) == len(REFERENCE_REPORTING_STARTS)
    for boilerplate in (
        "live fire test",
        "John Hamilton",
        "automatic aggregator",
        "deleted within 24 hours",
        "Related Articles",
        "Back to top",
    ):
        assert boilerplate not in article.body


def test_reference_article_paragraphs_are_verbatim():
    raw = reference_article().read_text(encoding="utf-8")
    for paragraph in read_article(reference_article()).body.split("\n\n"):
        assert paragraph in raw


def test_clean_body_drops_credit_lines_and_navigation():
    text = (
        "Reporting.\n\nPhoto: Jane Doe/Getty Images\nRead more\nShare this article\nMore reporting."
    )
    assert clean_body(text) == "Reporting.\n\nMore reporting."


def test_html_to_text_takes_blocks_and_drops_figures():
    html = (
        "<article><p>First <em>one</em>.</p><figure><img alt=''><figcaption>A caption"
        "</figcaption></figure><ul><li>Item</li></ul></article>"
    )
    assert html_to_text(html) == "First one.\n\nItem"


def test_pelican_reader_renders_escaped_paragraphs(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Head <b>line</b>\n\nDate: 2023-01-02\n\nBody with <script>x</script>.\n")
    reader = TextArticleReader({"DEFAULT_DATE": None, "TIMEZONE": "UTC", "FORMATTED_FIELDS": []})
    content, metadata = reader.read(str(path))
    assert content == "<p>Body with &lt;script&gt;x&lt;/script&gt;.</p>"
    assert metadata["title"] == "Head <b>line</b>"
    assert metadata["date"].year == 2023
