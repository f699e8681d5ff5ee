"""Rules as data: reporting cues, pronoun tables, names and roles, loaded once from ``bot/extraction/data``."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)

# Dependency labels (spaCy English / ClearNLP scheme), as named constants.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})
OBJECT_DEPS = frozenset({"dobj", "dative"})
PREP_OBJECT_DEPS = frozenset({"pobj", "pcomp"})
# Coarse part-of-speech sets (Universal POS tags).
VERB_POS = frozenset({"VERB", "AUX"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
# Fine tags of participles ("adding that ...", "asked about ...").
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
# Named-entity labels of a possible source, and of a time expression.
SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
TIME_ENTS = frozenset({"DATE", "TIME"})


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("bot.extraction").joinpath("data", name).read_text("utf-8"))
    return data


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Reporting-cue lemmas by kind."""

    speech: frozenset[str]
    belief: frozenset[str]
    report_object: frozenset[str]
    content_nouns: frozenset[str]
    question: frozenset[str]
    clause_nouns: frozenset[str] = frozenset()  # nouns whose "that" clause is their content
    reporting: frozenset[str] = frozenset()  # speech | report_object: a verb of saying or of a reported object
    light_verbs: frozenset[str] = frozenset()  # "made the case for ...": verbs that make a speech act of their object
    topic_nouns: frozenset[str] = frozenset()  # ... and the speech-act nouns whose prepositional object is content


@dataclass(frozen=True, slots=True)
class PeopleLexicon:
    """Honorifics, first names, pronouns and role nouns for speaker resolution."""

    titles_male: frozenset[str]
    titles_female: frozenset[str]
    titles_neutral: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]
    pronoun_gender: dict[str, str]
    role_synonyms: dict[str, frozenset[str]]
    person_roles: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> CueLexicon:
    """Return the reporting-cue lexicon."""
    d = _load("cues.json")
    speech, report_object = frozenset(d["speech"]), frozenset(d["report_object"])
    return CueLexicon(
        speech=speech,
        belief=frozenset(d["belief"]),
        report_object=report_object,
        content_nouns=frozenset(d["content_nouns"]),
        question=frozenset(d["question_cues"]),
        clause_nouns=frozenset(d["clause_nouns"]),
        reporting=speech | report_object,
        light_verbs=frozenset(d["light_verbs"]),
        topic_nouns=frozenset(d["topic_nouns"]),
    )


@lru_cache(maxsize=1)
def people() -> PeopleLexicon:
    """Return the people lexicon."""
    d = _load("people.json")
    pronoun_gender = {p: kind for kind, words in d["pronouns"].items() for p in words}
    male = frozenset(d["male_first_names"])
    female = frozenset(d["female_first_names"])
    return PeopleLexicon(
        titles_male=frozenset(d["titles_male"]),
        titles_female=frozenset(d["titles_female"]),
        titles_neutral=frozenset(d["titles_neutral"]),
        male_names=male - female,
        female_names=female - male,
        pronoun_gender=pronoun_gender,
        role_synonyms={k: frozenset(v) for k, v in d["role_synonyms"].items()},
        person_roles=frozenset(d["person_role_nouns"]),
    )


FRAME_MIN_SUPPORT = 3


@lru_cache(maxsize=4)
def frames(min_support: int = FRAME_MIN_SUPPORT) -> Mapping[tuple[str, str], float]:
    """Return learned frame precisions: (cue lemma, content relation) -> P(attribution) on PolNeAR train."""
    try:
        d = _load("frames.json")
    except FileNotFoundError:
        log.warning("frames.json is missing: no learned cue frames, the lexicon alone proposes cues")
        return {}
    out: dict[tuple[str, str], float] = {}
    for key, (pos, tot) in d["frames"].items():
        lemma, rel = key.split("\t")
        if pos >= min_support and tot:
            out[(lemma, rel)] = pos / tot
    return out


@lru_cache(maxsize=8)
def framed_lemmas(min_support: int, min_precision: float, rel: str | None = None) -> frozenset[str]:
    """Return the lemmas with a learned frame (of relation ``rel``, or any) at least ``min_precision`` precise."""
    return frozenset(lemma for (lemma, r), p in frames(min_support).items()
                     if p >= min_precision and (rel is None or r == rel))
