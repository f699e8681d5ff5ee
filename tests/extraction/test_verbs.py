"""Reporting-verb contents (bot/extraction/attribution/verbs.py): one row per construction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

# (construction, text, the statement's words, speaker mention, cue): a reported clause whose verb is a question
# word ("she was asked to", "nobody would question") is still what was said.
QUESTION_WORD_CLAUSES = [
    ("reported clause with 'question' as its verb",
     'Sanders told MSNBC\'s "Morning Joe" that nobody would question her intelligence or knowledge of the issues.',
     "nobody would question her intelligence", "Sanders", "told"),
    ("reported passive 'was asked to'",
     "Loretta E. Lynch said she was asked to give a presentation to a client about her research.",
     "she was asked to give a presentation", "Loretta E. Lynch", "said"),
    ("reported 'asked for'", "Kelly said she asked for the interview because she wanted a professional footing.",
     "she asked for the interview", "Kelly", "said"),
    ("reported 'asked whether'", "Reporters said they asked whether the troops would stay.",
     "they asked whether the troops would stay", "Reporters", "said"),
]


@pytest.mark.parametrize(("text", "words", "mention", "cue"), [c[1:] for c in QUESTION_WORD_CLAUSES],
                         ids=[c[0] for c in QUESTION_WORD_CLAUSES])
def test_reported_clause_with_a_question_verb(nlp: Language, text: str, words: str, mention: str, cue: str) -> None:
    hits = [s for s in extract(text, nlp=nlp).statements if s.quote.startswith(words)]
    assert hits, [s.quote for s in extract(text, nlp=nlp).statements]
    assert (hits[0].speaker_mention, hits[0].cue, hits[0].kind) == (mention, cue, "speech")



# (construction, text, the object's words, read as content?): "address" names its audience or reports its topic.
AUDIENCE_OBJECTS = [
    ("a named gathering", "Clinton addressed the Black Women's Agenda Symposium on Friday.", "the Black Women's",
     False),
    ("listeners", "Trump addressed the students of the Christian university on Monday.", "the students", False),
    ("a gathering noun", "Trump addressed big, boisterous rallies in California for weeks.", "big, boisterous",
     False),
    ("a topic", "Obama addressed voters' worries about security threats in his speech.", "voters' worries", True),
]


@pytest.mark.parametrize(("text", "words", "content"), [c[1:] for c in AUDIENCE_OBJECTS],
                         ids=[c[0] for c in AUDIENCE_OBJECTS])
def test_the_audience_addressed_is_not_content(nlp: Language, text: str, words: str, content: bool) -> None:
    statements = extract(text, nlp=nlp).statements
    assert any(s.quote.startswith(words) for s in statements) is content


# (construction, text, the exact content or None for no statement, speaker mention): an "as" cue clause after the
# clause it reports (trailing_as_clauses), never one whose "as" is a time.
TRAILING_AS_CLAUSES = [
    ("'as X have speculated' after its clause", "Mr. Trump's defeat won't necessarily derail his campaign, as some "
     "analysts have speculated.", "Mr. Trump's defeat won't necessarily derail his campaign", "some analysts"),
    ("'as X has acknowledged' after its clause", "The numbers changed over the summer, as Sanders has sometimes "
     "acknowledged.", "The numbers changed over the summer", "Sanders"),
    ("'as he replied' is a time, not a source", "Trump rode the will of the crowd as he replied.", None, None),
]


@pytest.mark.parametrize(("text", "content", "mention"), [c[1:] for c in TRAILING_AS_CLAUSES],
                         ids=[c[0] for c in TRAILING_AS_CLAUSES])
def test_a_trailing_as_clause_reports_the_clause_before_it(nlp: Language, text: str, content: str | None,
                                                           mention: str | None) -> None:
    found = [(s.quote, s.speaker_mention) for s in extract(text, nlp=nlp).statements]
    assert found == ([(content, mention)] if content is not None else [])
