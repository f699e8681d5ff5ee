"""Which candidates the learned filter and its bypasses keep (bot/extraction/attribution/features.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from bot.extraction.config import ExtractionConfig
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

# (name, text, words a statement would start with, kept as a statement?)
BROKEN_FROM_CUE_CASES = [
    ("a colon closes the clause before the cue",
     "It was not an abstract concern: soon the senator had declared that the border was closed.",
     "It was not an abstract concern", False),
    ("a semicolon closes the clause before the cue",
     "Clinton still faces a spoiler in Jill Stein; some miffed supporters threaten to vote for her.",
     "Clinton still faces a spoiler", False),
    ("the reported clause after the colon stays",
     "It was not an abstract concern: soon the senator had declared that the border was closed.",
     "the border was closed", True),
    ("a comma before the cue is the reporting clause", "The plan will fail, the senator said on Monday.",
     "The plan will fail", True),
]


@pytest.mark.parametrize(("text", "words", "kept"), [c[1:] for c in BROKEN_FROM_CUE_CASES],
                         ids=[c[0] for c in BROKEN_FROM_CUE_CASES])
def test_content_cut_off_from_its_cue_is_not_a_statement(nlp: Language, text: str, words: str, kept: bool) -> None:
    statements = extract(text, nlp=nlp).statements
    assert any(s.quote.startswith(words) for s in statements) is kept


def test_broken_from_cue_can_be_switched_off(nlp: Language) -> None:
    # (a semicolon before a cue with nothing after it: where the cue takes its own complement, object or infinitive
    # right after it, as in the table's two cases, the fronted clause is also dropped by
    # bot/extraction/attribution/stray.py)
    text = "Clinton still faces a spoiler in Jill Stein; some miffed supporters warn."
    assert not any(s.quote.startswith("Clinton still faces") for s in extract(text, nlp=nlp).statements)
    base = ExtractionConfig.default()
    loose = replace(base, attribution=replace(base.attribution, drop_broken_from_cue=False))
    assert any(s.quote.startswith("Clinton still faces") for s in extract(text, nlp=nlp, config=loose).statements)
