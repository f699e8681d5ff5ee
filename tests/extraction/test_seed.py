"""The seed article, read the way the user expects it (golden test)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.extraction.model import Statement
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_92e1eb94dd366c5a.txt"

# (fragment of the reported content, speaker)
EXPECTED = [
    ("mission in this country is over", "John Kirby"),
    ("The US military mission in Afghanistan is over", "John Kirby"),
    ("We’re definitely going to do that", "John Kirby"),
    ("would resist to the end", "Muhammad Zohir Agbar"),
    ("protection does not mean waging war", "Muhammad Zohir Agbar"),
    ("the resistance in Panjshir is fighting", "Muhammad Zohir Agbar"),
    ("resistance to the Taliban could spread", "Muhammad Zohir Agbar"),
    ("25 years ago the Taliban captured", "Muhammad Zohir Agbar"),
    ("the operation to evacuate people from Afghanistan", "Anthony Blinken"),
    ("the departure of the last US Air Force plane", "Pentagon"),
    ("end of the war", "Taliban"),
]


@pytest.fixture(scope="module")
def statements(nlp: Language) -> list[Statement]:
    text = SEED.read_text(encoding="utf-8")
    result = extract(text, nlp=nlp)
    for st in result.statements:
        assert text[st.start:st.end] == st.quote
    return list(result.statements)


@pytest.mark.parametrize(("fragment", "speaker"), EXPECTED, ids=[e[0][:30] for e in EXPECTED])
def test_expected_statement(statements: list[Statement], fragment: str, speaker: str) -> None:
    hits = [s for s in statements if fragment in s.quote]
    assert hits, f"missing: {fragment}"
    assert hits[0].speaker == speaker


def test_the_question_kirby_was_asked_is_not_a_statement(statements: list[Statement]) -> None:
    for st in statements:
        assert "provide support" not in st.quote
        assert "supporting the opponents" not in st.quote


def test_dashti_is_not_a_speaker(statements: list[Statement]) -> None:
    assert all(st.speaker != "Dashti" for st in statements)


def test_roles_and_types(statements: list[Statement]) -> None:
    kirby = next(s for s in statements if "We’re definitely going to do that" in s.quote)
    assert kirby.type == "direct"
    assert kirby.speaker_mention == "a Pentagon spokesman"
    assert kirby.speaker_role == "Pentagon spokesman"
    agbar = next(s for s in statements if "protection does not mean" in s.quote)
    assert agbar.speaker_mention == "the diplomat"
    assert agbar.cue == "According to"
    assert agbar.speaker_role == "Afghan Ambassador to Tajikistan"
    taliban = next(s for s in statements if "end of the war" in s.quote)
    assert taliban.type == "mixed"


def test_unattributed_report_has_no_speaker(statements: list[Statement]) -> None:
    # "it was reported that ...": a statement with its cue, but nobody to attribute it to.
    (reported,) = [s for s in statements if "decided to launch a military operation" in s.quote]
    assert reported.cue == "reported"
    assert (reported.speaker, reported.speaker_mention) == (None, None)


def test_what_became_known_has_no_speaker(statements: list[Statement]) -> None:
    # "It also became known that ...": the "it" announces the clause; the article names nobody who said it.
    (known,) = [s for s in statements if "Al-Qaeda" in s.quote]
    assert (known.speaker, known.speaker_mention) == (None, None)
