"""The fast reader gives exactly ruamel.yaml's data, or declines."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from factsheets.fastyaml import load_plain
from factsheets.store import _yaml
from factsheets.validate import plain_data

SHEETS = sorted((REPO / "content" / "facts").glob("*.yaml"))
BAD = sorted((REPO / "tests" / "bad_yaml").glob("*/*.yaml"))


def exact(text: str):
    return plain_data(_yaml().load(text))


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_every_sample_sheet_reads_the_same_fast(path: Path):
    text = path.read_text(encoding="utf-8")
    data = load_plain(text)
    assert data is not None, "a sheet the plugin wrote must take the fast path"
    assert data == exact(text)


@pytest.mark.parametrize("path", BAD, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_broken_sheet_is_never_read_differently(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return
    data = load_plain(text)
    if data is not None:
        assert data == exact(text)


@pytest.mark.parametrize(
    "scalar",
    [
        "no",
        "NO",
        "yes",
        "on",
        "Off",
        "y",
        "010",
        "0o10",
        "0x1F",
        "1_000",
        "1:30",
        "1e3",
        ".inf",
        ".nan",
        "2024-02-26T10:00:00",
        "2024-2-6",
        "<<",
        "=",
    ],
)
def test_scalars_that_yaml_1_1_and_1_2_read_differently_take_the_exact_path(scalar):
    assert load_plain(f"name: ATACMS\norigin: {scalar}\n") is None


@pytest.mark.parametrize("text", ["0bb3bd99e726", "0b1x", "0xyz", "0o9", "12ab34", "300 km"])
def test_strings_that_only_look_like_numbers_stay_fast_and_strings(text):
    assert load_plain(f"name: ATACMS\nseen: [{text}]\n") == {"name": "ATACMS", "seen": [text]}
    assert exact(f"name: ATACMS\nseen: [{text}]\n")["seen"] == [text]


@pytest.mark.parametrize(
    "text",
    [
        "name: A\nname: B\n",
        "name: &a A\naliases: [*a]\n",
        "name: !!str A\n",
        "name: A\n---\nname: B\n",
        "- a\n- b\n",
        "name: [unclosed\n",
        "1: A\n",
    ],
)
def test_anything_but_plain_data_takes_the_exact_path(text):
    assert load_plain(text) is None


_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
    st.sampled_from(
        ["no", "010", "1_0", "1:2", "1e3", "~", "null", "True", "2024-02-26", "0b1", "0bb3"]
    ),
)
_value = st.recursive(
    _scalar,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text("abcxyz_", min_size=1, max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text("abcdefgh", min_size=1, max_size=8), _value, max_size=6))
def test_whatever_the_exact_parser_reads_the_fast_one_reads_the_same_or_declines(document):
    import io

    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    text = buffer.getvalue()
    data = load_plain(text)
    if data is not None:
        assert data == exact(text)
