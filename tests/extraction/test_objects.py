"""Objects as contents, and what the learned filter knows about them: one-word objects of learned frames ("endorsed
Clinton"), the coarse class of a content's and a source's head, and the cross-validated choice of the filter's
threshold (scripts/ranker_cv.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from spacy.tokens import Doc, Span

from bot.extraction.attribution import AttributionConfig, Context, features, find_statements, propose
from bot.extraction.attribution.features import entity_class
from scripts.ranker_cv import choose_threshold

if TYPE_CHECKING:
    from spacy.language import Language

# With ``object_min_words=1`` a one-word object of a cue frame learned from PolNeAR train is a content; the filter,
# which sees that it is a person or an organisation, keeps it. The shipped setting (2) leaves them out: a one-word
# "quote" says nothing on its own.
ONE_WORD_OBJECTS = [
    ("endorsement of a person", "The Dallas Morning News endorsed Clinton on Friday.", "Clinton",
     "The Dallas Morning News"),
    ("attack on a person", "Donald Trump attacked Machado in a series of tweets.", "Machado", "Donald Trump"),
    ("praise of a person", "Senator Ted Cruz praised Pence after the debate.", "Pence", "Ted Cruz"),
    ("criticism of a person", "Warren criticized Stumpf at the hearing.", "Stumpf", "Warren"),
    ("passive subject with its agent", "Sanders was endorsed by the union on Friday.", "Sanders", "the union"),
]


@pytest.mark.parametrize(("construction", "text", "content", "speaker"),
                         [pytest.param(*c, id=c[0]) for c in ONE_WORD_OBJECTS])
def test_one_word_object_is_a_statement(nlp: Language, construction: str, text: str, content: str,
                                        speaker: str) -> None:
    one_word = replace(AttributionConfig.default(), object_min_words=1)
    found = {(s.quote, s.speaker) for s in find_statements(nlp(text), text, one_word)}
    assert (content, speaker) in found


@pytest.mark.parametrize("text", [c[1] for c in ONE_WORD_OBJECTS])
def test_the_shipped_setting_shows_no_one_word_object(nlp: Language, text: str) -> None:
    assert not [s for s in find_statements(nlp(text), text) if len(s.quote.split()) == 1]


def test_a_bare_pronoun_object_is_never_a_content(nlp: Language) -> None:
    text = "Ted Cruz endorsed him on Friday."
    _ctx, cands = propose(nlp(text), text, AttributionConfig.default().rules_only(0.2))
    assert not [c for c in cands if text[c.start:c.end] == "him"]


def _token(nlp: Language, words: list[str], pos: str, ent: str | None) -> Doc:
    doc = Doc(nlp.vocab, words=words, pos=[pos] * len(words))
    if ent is not None:
        doc.ents = [Span(doc, 0, len(words), label=ent)]
    return doc


ENTITY_CLASSES = [
    ("a named person", ["Clinton"], "PROPN", "PERSON", "person"),
    ("a group of people", ["Republicans"], "PROPN", "NORP", "person"),
    ("a personal pronoun", ["she"], "PRON", None, "person"),
    ("an organisation", ["Reuters"], "PROPN", "ORG", "org"),
    ("a place", ["Ohio"], "PROPN", "GPE", "place"),
    ("another proper noun", ["Obamacare"], "PROPN", None, "name"),
    ("a thing pronoun", ["it"], "PRON", None, "pron"),
    ("a common noun", ["penalty"], "NOUN", None, "thing"),
]


@pytest.mark.parametrize(("construction", "words", "pos", "ent", "expected"),
                         [pytest.param(*c, id=c[0]) for c in ENTITY_CLASSES])
def test_entity_class(nlp: Language, construction: str, words: list[str], pos: str, ent: str | None,
                      expected: str) -> None:
    assert entity_class(_token(nlp, words, pos, ent)[0]) == expected


def test_features_describe_the_content_and_the_source(nlp: Language) -> None:
    text = "Donald Trump attacked Hillary Clinton in a series of tweets."
    cfg = AttributionConfig.default()
    ctx, cands = propose(nlp(text), text, cfg)
    cand = next(c for c in cands if text[c.start:c.end] == "Hillary Clinton")
    feats = features(ctx, cand, cfg)
    assert isinstance(ctx, Context)
    assert {"ccls=person", "rel_ccls=dobj|person", "chead=PROPN", "scls=person", "rel_len=dobj|2"} <= set(feats)


CV_TABLE = {0.3: {"f1": 0.720}, 0.4: {"f1": 0.716}, 0.45: {"f1": 0.713}, 0.5: {"f1": 0.710}}


@pytest.mark.parametrize(("tolerance", "expected"), [(0.0, 0.3), (0.005, 0.4), (0.1, 0.5)])
def test_threshold_is_the_most_precise_point_of_the_cv_plateau(tolerance: float, expected: float) -> None:
    assert choose_threshold(CV_TABLE, tolerance) == expected
