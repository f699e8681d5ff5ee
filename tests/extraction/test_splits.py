"""Split contents: a content that holds a second source's report in a trailing subordinate clause ends before that
clause, and the report is a statement of its own (:mod:`bot.extraction.attribution.splits`); one row per
construction, model-parsed."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from bot.extraction.config import ExtractionConfig
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

# (construction, text, the statements as (content, speaker, cue), in text order)
SPLITS = [
    ("a concession with 'though'", "The senator said the bill would pass easily, though aides conceded that several "
     "votes were still missing.", [("the bill would pass easily", "The senator", "said"),
                                   ("several votes were still missing", "aides", "conceded")]),
    ("a reason with 'because'", "Trump said he would win the state because his pollster told him that the numbers "
     "were moving.", [("he would win the state", "Trump", "said"),
                      ("the numbers were moving", "his pollster", "told")]),
    ("a time with 'before'", "The mayor insisted the city was safe before the police chief admitted that crime had "
     "risen sharply.", [("the city was safe", "The mayor", "insisted"),
                        ("crime had risen sharply", "the police chief", "admitted")]),
    ("a contrast with 'while', the report in a 'by saying' phrase", "Clinton argues that the system is rigged against "
     "women, while her rival has soared in the polls by saying that the system is rigged for the rich.",
     [("the system is rigged against women", "Clinton", "argues"),
      ("the system is rigged for the rich", "her rival", "saying")]),
]

# (construction, text, the one content that stays whole)
WHOLE = [
    ("a 'when' clause is as often part of what was said", "The senator said the bill would pass when the leaders "
     "announced that the vote was scheduled.", "the bill would pass when the leaders announced that the vote was "
     "scheduled"),
    ("the second verb does not say: 'decided'", "The senator said the bill would pass after the leaders decided that "
     "the vote should wait.", "the bill would pass after the leaders decided that the vote should wait"),
    ("the second verb does not say: 'believe'", "The governor said he would sign the bill because voters believe that "
     "taxes are too high.", "he would sign the bill because voters believe that taxes are too high"),
]


def _statements(nlp: Language, text: str, *, split: bool = True) -> list[tuple[str, str | None, str | None]]:
    base = ExtractionConfig.default()
    cfg = dataclasses.replace(base, attribution=dataclasses.replace(base.attribution, split_reported_clauses=split))
    return [(s.quote, s.speaker, s.cue) for s in extract(text, nlp=nlp, config=cfg).statements]


@pytest.mark.parametrize(("construction", "text", "expected"), [pytest.param(*c, id=c[0]) for c in SPLITS])
def test_split(nlp: Language, construction: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _statements(nlp, text) == expected, construction


@pytest.mark.parametrize(("construction", "text", "expected"), [pytest.param(*c, id=c[0]) for c in SPLITS])
def test_without_the_rule_the_report_is_lost(nlp: Language, construction: str, text: str,
                                             expected: list[tuple[str, str, str]]) -> None:
    # (what the rule changes: the nested report is dropped as part of the outer content)
    assert _statements(nlp, text, split=False) != expected, construction


@pytest.mark.parametrize(("construction", "text", "content"), [pytest.param(*c, id=c[0]) for c in WHOLE])
def test_whole(nlp: Language, construction: str, text: str, content: str) -> None:
    assert [q for q, _speaker, _cue in _statements(nlp, text)] == [content], construction
