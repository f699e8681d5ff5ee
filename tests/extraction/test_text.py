"""The shared text rules: each definition of a paragraph or line, by the reader that uses it."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from bot.extraction.text import (
    PARAGRAPH_SEPARATOR,
    PARSE_UNIT_BREAK,
    dating_paragraph_starts,
    line_bounds,
    quote_lines,
)


@pytest.mark.parametrize(("text", "want"), [
    ("", []),
    ("One line.", [(0, 9)]),
    ("One.\nTwo.", [(0, 4), (5, 9)]),
    ("One.\n\n\nTwo.\n", [(0, 4), (7, 11)]),  # blank lines hold no quote line
    ("\n  \n", [(1, 3)]),  # a line of spaces is a line (the scanner finds no mark in it)
])
def test_quote_lines(text: str, want: list[tuple[int, int]]) -> None:
    assert quote_lines(text) == want


@pytest.mark.parametrize(("text", "char", "want"), [
    ("One.\nTwo.\nThree.", 0, (0, 4)),
    ("One.\nTwo.\nThree.", 6, (5, 9)),
    ("One.\nTwo.\nThree.", 4, (0, 4)),  # the line break ends the line it follows
    ("One.\nTwo.\nThree.", 12, (10, 16)),  # the last line runs to the end of the text
    ("One.\nTwo.", 9, (5, 9)),  # one past the end: the last line
    ("One.\n\nTwo.", 5, (5, 5)),  # on a blank line: that empty line
])
def test_line_bounds(text: str, char: int, want: tuple[int, int]) -> None:
    assert line_bounds(text, char) == want


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n"]), min_size=1, max_size=60), st.data())
def test_line_bounds_hold_the_character_and_no_line_break(text: str, data: st.DataObject) -> None:
    char = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    start, end = line_bounds(text, char)
    assert start <= char <= end
    assert "\n" not in text[start:end]
    assert start == 0 or text[start - 1] == "\n"
    assert end == len(text) or text[end] == "\n"


@pytest.mark.parametrize(("text", "want"), [
    ("One.\n\nTwo.\n \t\nThree.", [0, 6, 14]),
    ("One.\nTwo.\nThree.", [0, 5, 10]),  # no blank line: every line is a paragraph
    ("One.\nstill one.\n\nTwo.", [0, 17]),  # blank lines exist: single line breaks do not count
    ("Only one.", [0]),
])
def test_dating_paragraph_starts(text: str, want: list[int]) -> None:
    assert dating_paragraph_starts(text) == want


def test_what_sources_write_as_a_paragraph_break_is_one_for_every_reader() -> None:
    text = PARAGRAPH_SEPARATOR.join(["Ann Lee said no", "Tom said yes"])
    assert PARSE_UNIT_BREAK.search(text)  # even without sentence-final punctuation
    assert dating_paragraph_starts(text) == [0, len("Ann Lee said no") + len(PARAGRAPH_SEPARATOR)]
    assert len(quote_lines(text)) == 2
