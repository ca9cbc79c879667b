import pytest

from factsheets.extract.sentences import split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The U.S. will send more. Officials said so.",
            ["The U.S. will send more.", "Officials said so."],
        ),
        (
            "Gen. Mark Milley spoke. Sen. Jane Roe agreed.",
            ["Gen. Mark Milley spoke.", "Sen. Jane Roe agreed."],
        ),
        ("It is No. 2 on the list. Next one.", ["It is No. 2 on the list.", "Next one."]),
        ("The shells fly 5.5 km. Then they burst.", ["The shells fly 5.5 km.", "Then they burst."]),
        (
            "Aid came from the U.S. The Pentagon confirmed it.",
            ["Aid came from the U.S.", "The Pentagon confirmed it."],
        ),
        (
            "John F. Kennedy said it. “We go,” he said. Done!",
            ["John F. Kennedy said it.", "“We go,” he said.", "Done!"],
        ),
    ],
)
def test_sentence_boundaries_survive_abbreviations(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_index_the_text_and_paragraphs_split():
    text = "One here. Two here.\n\nThree here."
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == ["One here.", "Two here.", "Three here."]
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_a_paragraph_without_line_breaks_splits_like_one_with_them():
    """Boundaries are searched in place: a 2,000-sentence paragraph is no special case."""
    sentence = "Gen. Smith said the U.S. sent 3.5 km of cable to Kyiv."
    one_paragraph = split_sentences(" ".join([sentence] * 2000))
    assert [s.text for s in one_paragraph] == [sentence] * 2000
    lines = split_sentences("\n".join([sentence] * 2000))
    assert [s.text for s in lines] == [sentence] * 2000
    assert one_paragraph[1].start == len(sentence) + 1
