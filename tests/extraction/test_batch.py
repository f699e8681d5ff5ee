"""Batch extraction: chunking, results in input order on every core, one bad document costs only itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import EmptyInput
from bot.extraction import batch, pipeline
from bot.extraction.batch import ENGINE_FAILURE, chunks, extract_parallel, extract_prepared
from bot.extraction.model import Extraction
from bot.extraction.pipeline import BatchItem, extract, extract_batch, prepare
from bot.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def article(i: int) -> str:
    return (f"The council met on Tuesday to discuss plan {i}.\n\n"
            f'"Plan {i} will be ready before the winter," Ann Lee, a city official, told reporters. '
            f"She said the vote on plan {i} would come next week.\n")


def test_chunks_keep_order_and_respect_the_size() -> None:
    preps = [prepare(article(i) + "x" * (i * 100)) for i in range(10)]
    groups = list(chunks(preps, chunk_chars=1000, max_docs=3))
    assert [p for g in groups for p in g] == preps
    assert all(len(g) <= 3 for g in groups)
    assert all(sum(len(p.parse_text) for p in g[:-1]) < 1000 for g in groups)


def test_parallel_results_equal_serial_results_in_input_order(nlp: Language) -> None:
    preps = [prepare(article(i), article_date="2024-05-0" + str(1 + i % 9)) for i in range(12)]
    want = [extract(article(i), nlp=nlp, article_date="2024-05-0" + str(1 + i % 9)) for i in range(12)]
    # Tiny chunks: several chunks per worker, so results come back from both workers out of order.
    got = list(extract_parallel(preps, "en_core_web_sm", workers=2, chunk_chars=500))
    assert got == want
    assert all(isinstance(r, Extraction) and r.statements for r in got)


def test_extract_batch_puts_errors_in_place(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    monkeypatch.setattr(batch, "MIN_PARALLEL_CHARS", 0)  # take the process-pool path even for a small batch
    items = [BatchItem(id=1, text=article(1), date=None), BatchItem(id=2, text="  ", date=None),
             BatchItem(id=3, text="", date=None, error="line 3: not valid JSON"),
             BatchItem(id=4, text=article(4), date="2024-02-30"), BatchItem(id=5, text=article(5), date=None)]
    results = dict((item.id, result) for item, result in extract_batch(items, Settings.from_env({}), workers=2))
    assert list(results) == [1, 2, 3, 4, 5]
    assert results[1] == extract(article(1), nlp=nlp)
    assert isinstance(results[2], EmptyInput)
    assert results[3] == "line 3: not valid JSON"
    assert "2024-02-30" in str(results[4])
    assert results[5] == extract(article(5), nlp=nlp)


def test_an_engine_bug_costs_one_document(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    real = pipeline.extract_from_doc

    def flaky(prepared: pipeline.Prepared, doc: Doc) -> Extraction:
        if "plan 2" in prepared.original:
            raise IndexError("an engine bug")
        return real(prepared, doc)

    monkeypatch.setattr(pipeline, "extract_from_doc", flaky)
    preps = [prepare(article(i)) for i in range(4)]
    results = extract_prepared(nlp, preps)
    assert results[2] == ENGINE_FAILURE
    assert [r.text for r in results if isinstance(r, Extraction)] == [article(0), article(1), article(3)]


@pytest.mark.parametrize("text", ["", "short", "a\n\nb" * 50, "x" * 95, ("word " * 7 + "\n\n") * 9,
                                  "\n\n\n" * 40, "unbroken" * 30 + " tail"])
def test_segments_join_back_and_respect_the_size(text: str) -> None:
    pieces = batch.segments(text, size=40)
    assert "".join(pieces) == text
    assert all(len(p) <= 40 for p in pieces)
    assert all(p for p in pieces[:-1])


def test_a_long_text_is_parsed_paragraph_by_paragraph_into_one_doc(nlp: Language) -> None:
    text = "\n\n".join(article(i) for i in range(12))
    assert len(batch.paragraphs(text)) == 24
    (doc,) = batch.parse(nlp, [text])
    assert doc.text == text
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Ann Lee"] * 12
    result = batch.extract_prepared_text(nlp, prepare(text))
    assert result == extract(text, nlp=nlp)
    assert len(result.statements) >= 12


def test_a_paragraph_longer_than_the_segment_size_is_cut() -> None:
    text = "word " * 100 + "\n\n" + "short paragraph."
    pieces = batch.paragraphs(text, size=120)
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
    assert batch.paragraphs(text) == want


@given(st.text(alphabet=st.sampled_from(["a", " ", ".", "\n", "\u201d", "\u00a0", "\r"]), max_size=300),
       st.integers(min_value=5, max_value=60))
def test_paragraphs_join_back_and_respect_the_size(text: str, size: int) -> None:
    pieces = batch.paragraphs(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)
    assert all(pieces) or text == ""


@given(st.lists(st.text(min_size=1, max_size=50), min_size=1, max_size=30), st.integers(min_value=1, max_value=4))
def test_balanced_groups_keep_order_and_share_the_length(pieces: list[str], groups: int) -> None:
    out = batch.balanced_groups(pieces, groups)
    assert [p for g in out for p in g] == pieces
    assert 1 <= len(out) <= groups
    assert all(out)
    total = sum(map(len, pieces))
    longest = max(map(len, pieces))
    assert all(sum(map(len, g)) <= total / groups + longest for g in out)


def test_two_equal_halves_split_in_the_middle() -> None:
    pieces = ["a" * 100] * 6
    assert batch.balanced_groups(pieces, 2) == [pieces[:3], pieces[3:]]


def test_a_paragraph_parses_the_same_alone_or_in_any_batch(nlp: Language) -> None:
    """What lets one article be parsed by several workers at once and give the console's statements."""
    pieces = [p for i in range(6) for p in batch.paragraphs(article(i))]

    def signature(doc: Doc) -> list[tuple[str, str, int, str, str, bool | None]]:
        return [(t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_, t.is_sent_start) for t in doc]

    alone = [signature(nlp(p)) for p in pieces]
    assert [signature(d) for d in batch.parse_pieces(nlp, pieces)] == alone
    assert [signature(d) for d in batch.parse_pieces(nlp, pieces, batch_size=4, batch_chars=150)] == alone


def test_a_long_paragraph_is_cut_after_a_sentence_rather_than_mid_sentence() -> None:
    text = "One sentence here. " + "Second sentence goes on and on"
    assert batch.segments(text, size=30) == ["One sentence here. ", "Second sentence goes on and on"]
    assert batch.segments("word " * 10, size=12) == ["word word ", "word word ", "word word ", "word word ",
                                                     "word word "]
