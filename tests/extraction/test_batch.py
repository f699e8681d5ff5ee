"""Batch extraction in one process: one result per text, in order; one bad document costs only itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction import batch, pipeline
from bot.extraction.batch import ENGINE_FAILURE, extract_prepared
from bot.extraction.model import Extraction
from bot.extraction.pipeline import extract, prepare

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def article(i: int) -> str:
    return (f"The council met on Tuesday to discuss plan {i}.\n\n"
            f'"Plan {i} will be ready before the winter," Ann Lee, a city official, told reporters. '
            f"She said the vote on plan {i} would come next week.\n")


def test_an_engine_bug_costs_one_document(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    real = pipeline.extract_from_doc

    def flaky(prepared: pipeline.Prepared, doc: Doc) -> Extraction:
        if "plan 2" in prepared.original:
            raise IndexError("an engine bug")
        return real(prepared, doc)

    monkeypatch.setattr(batch, "extract_from_doc", flaky)
    preps = [prepare(article(i)) for i in range(4)]
    results = extract_prepared(nlp, preps)
    assert results[2] == ENGINE_FAILURE
    assert [r.text for r in results if isinstance(r, Extraction)] == [article(0), article(1), article(3)]


def test_a_batch_gives_what_one_extraction_at_a_time_gives(nlp: Language) -> None:
    texts = [article(i) for i in range(5)]
    results = extract_prepared(nlp, [prepare(t) for t in texts], batch_size=2)
    assert results == [extract(t, nlp=nlp) for t in texts]
    assert all(isinstance(r, Extraction) and r.statements for r in results)
