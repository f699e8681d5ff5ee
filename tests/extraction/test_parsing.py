"""Parsing: parse units that join back to the text, batches that parse a unit as it parses alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, strategies as st

from bot.extraction import parsing
from bot.extraction.batch import extract_prepared
from bot.extraction.pipeline import extract, prepare

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def article(i: int) -> str:
    return (f"The council met on Tuesday to discuss plan {i}.\n\n"
            f'"Plan {i} will be ready before the winter," Ann Lee, a city official, told reporters. '
            f"She said the vote on plan {i} would come next week.\n")


@pytest.mark.parametrize("text", ["", "short", "a\n\nb" * 50, "x" * 95, ("word " * 7 + "\n\n") * 9,
                                  "\n\n\n" * 40, "unbroken" * 30 + " tail"])
def test_segments_join_back_and_respect_the_size(text: str) -> None:
    pieces = parsing.segments(text, size=40)
    assert "".join(pieces) == text
    assert all(len(p) <= 40 for p in pieces)
    assert all(p for p in pieces[:-1])


def test_a_long_text_is_parsed_paragraph_by_paragraph_into_one_doc(nlp: Language) -> None:
    text = "\n\n".join(article(i) for i in range(12))
    assert len(parsing.paragraphs(text)) == 24
    (doc,) = parsing.parse(nlp, [text])
    assert doc.text == text
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Ann Lee"] * 12
    result = extract_prepared(nlp, [prepare(text)])[0]
    assert result == extract(text, nlp=nlp)
    assert len(result.statements) >= 12


def test_a_paragraph_longer_than_the_segment_size_is_cut() -> None:
    text = "word " * 100 + "\n\n" + "short paragraph."
    pieces = parsing.paragraphs(text, size=120)
    assert "".join(pieces) == text
    assert all(len(p) <= 120 for p in pieces)
    assert pieces[-1] == "short paragraph."


@pytest.mark.parametrize(("text", "want"), [
    ("One.\n\nTwo.", ["One.\n\n", "Two."]),
    ("One.\n \n\n  Two.", ["One.\n \n\n  ", "Two."]),
    ("He said.\nShe said.", ["He said.\n", "She said."]),
    ('"Yes," she said.\n\u201cNo.\u201d\nEnd', ['"Yes," she said.\n', "\u201cNo.\u201d\n", "End"]),
    # A hard-wrapped sentence is one paragraph: a line break without sentence-final punctuation is not a break.
    ("The minister said the plan\nwould be ready by June.", ["The minister said the plan\nwould be ready by June."]),
    ("Title line\n\nBody.", ["Title line\n\n", "Body."]),
    ("\n\nLeading blank lines.", ["\n\nLeading blank lines."]),
    ("Trailing.\n\n", ["Trailing.\n\n"]),
])
def test_paragraph_breaks(text: str, want: list[str]) -> None:
    assert parsing.paragraphs(text) == want


@given(st.text(alphabet=st.sampled_from(["a", " ", ".", "\n", "\u201d", "\u00a0", "\r"]), max_size=300),
       st.integers(min_value=5, max_value=60))
def test_paragraphs_join_back_and_respect_the_size(text: str, size: int) -> None:
    pieces = parsing.paragraphs(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)
    assert all(pieces) or text == ""


def test_a_paragraph_parses_the_same_alone_or_in_any_batch(nlp: Language) -> None:
    """What lets one article be parsed by several workers at once and give the console's statements."""
    pieces = [p for i in range(6) for p in parsing.paragraphs(article(i))]

    def signature(doc: Doc) -> list[tuple[str, str, int, str, str, bool | None]]:
        return [(t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_, t.is_sent_start) for t in doc]

    alone = [signature(nlp(p)) for p in pieces]
    assert [signature(d) for d in parsing.parse_pieces(nlp, pieces)] == alone
    assert [signature(d) for d in parsing.parse_pieces(nlp, pieces, batch_size=4, batch_chars=150)] == alone


def test_a_long_paragraph_is_cut_after_a_sentence_rather_than_mid_sentence() -> None:
    text = "One sentence here. " + "Second sentence goes on and on"
    assert parsing.segments(text, size=30) == ["One sentence here. ", "Second sentence goes on and on"]
    assert parsing.segments("word " * 10, size=12) == ["word word ", "word word ", "word word ", "word word ",
                                                     "word word "]
