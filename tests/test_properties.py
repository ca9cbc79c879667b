"""Properties that hold for any text: extraction never raises, quotes are verbatim."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheets.catalog import load_catalog
from factsheets.clean import clean_body
from factsheets.extract import extract
from factsheets.model import Article

CATALOG = load_catalog()
FRAGMENTS = [
    "ATACMS",
    "HIMARS",
    "Storm Shadow",
    "Patriot",
    "Iskander",
    "F-16",
    "the U.S.",
    "Gen.",
    " will provide ",
    " arrived ",
    " refused to send ",
    " is considering ",
    " stop sending ",
    " up to about ",
    "300 kilometers (190 miles) away",
    "between 70 and 150 km",
    "80km",
    " can hit targets ",
    " known as the Falcon-X drone",
    " (SL-9) missile",
    ", or ",
    ". ",
    "\n\n",
    "“",
    "”",
    "’s",
    " 1,000 miles ",
    " range of ",
    "No. 2",
    "5.5 km",
    " told NBC News",
    " said.",
    "\n",
]
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=40).map("".join)


def all_quotes(result):
    for entry in result.systems:
        yield from entry.mention_quotes
        yield from (claim.quote for claim in entry.ranges)
        yield from (claim.quote for claim in entry.statuses)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.sampled_from(["", "US to send ATACMS", "Patriot arrives"]), body=texts)
def test_extraction_never_raises_and_quotes_are_verbatim(title, body):
    article = Article(path="a.txt", title=title, body=body)
    result = extract(article, CATALOG)
    for quote in all_quotes(result):
        assert article.text[quote.start : quote.end] == quote.text
        assert quote.text.strip()
    for entry in result.systems:
        if entry.system.adversary:
            assert entry.statuses == []
        for claim in entry.ranges:
            assert claim.range.value > 0


@settings(max_examples=200, deadline=None)
@given(body=texts)
def test_cleaning_only_removes_whole_lines(body):
    for paragraph in clean_body(body).split("\n\n"):
        assert paragraph == "" or paragraph in body
