"""Invariants of every shipped data file: the keys the loaders read are there, with values of the right shape.

A data file that drifts from its loader fails here, not in production; learned artefacts must say what made them.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

DATA = resources.files("bot.extraction").joinpath("data")

# The keys each loader reads, and the type of each value.
REQUIRED: dict[str, dict[str, type]] = {
    "cues.json": {"speech": list, "belief": list, "report_object": list, "content_nouns": list,
                  "clause_nouns": list, "question_cues": list},
    "people.json": {"titles_male": list, "titles_female": list, "titles_neutral": list, "male_first_names": list,
                    "female_first_names": list, "pronouns": dict, "role_synonyms": dict, "person_role_nouns": list},
    "dating_words.json": {"months": dict, "weekdays": dict, "numbers": dict, "relative": list},
    "kinds.json": {key: list for key in ("thought", "evidence", "perception_frames", "source_dependent",
                                         "evidence_sources", "documents", "thought_nouns", "evidence_nouns",
                                         "thought_adjectives", "junk_labels", "impersonal_speech", "intention_frames",
                                         "kicker_labels")},
    "dating_events.json": {"weekly": list, "holidays": list, "events": list},
    "speaker_rules.json": {"group_heads": dict, "document_nouns": list, "issue_verbs": list,
                           "document_agent_preps": list, "org_descriptions": dict, "acronym_skip": list,
                           "modifier_synonyms": dict, "female_roles": list, "male_roles": list, "document_verbs": dict,
                           "document_families": dict, "rank_words": list,
                           "kin_nouns": dict, "platforms": list},
    "frames.json": {"frames": dict, "_meta": dict},
    "ranker.json": {"weights": dict, "bias": float, "threshold": float, "generation_threshold": float,
                    "_meta": dict},
}
LEARNED = ("frames.json", "ranker.json")


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.joinpath(name).read_text("utf-8"))
    return data


def test_every_data_file_is_checked() -> None:
    shipped = {entry.name for entry in DATA.iterdir() if entry.name.endswith(".json")}
    assert shipped <= set(REQUIRED), f"add the keys of {sorted(shipped - set(REQUIRED))} to REQUIRED"


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_required_keys(name: str) -> None:
    data = load(name)
    for key, kind in REQUIRED[name].items():
        assert key in data, f"{name} lacks {key!r}"
        assert isinstance(data[key], kind), f"{name}[{key!r}] is {type(data[key]).__name__}, not {kind.__name__}"


@pytest.mark.parametrize("name", ["cues.json", "kinds.json", "people.json"])
def test_word_lists_are_lowercase_strings_without_duplicates(name: str) -> None:
    for key, value in load(name).items():
        if isinstance(value, list) and key not in {"male_first_names", "female_first_names"}:
            assert all(isinstance(w, str) and w == w.strip() for w in value), key
            assert len(value) == len(set(value)), f"{name}[{key!r}] repeats a word"


def test_frames_positives_never_exceed_occurrences() -> None:
    frames = load("frames.json")["frames"]
    bad = {k: v for k, v in frames.items() if not (len(v) == 2 and 0 < v[0] <= v[1])}
    assert not bad, f"frames whose positives exceed their occurrences: {sorted(bad)[:10]}"
    assert all(len(k.split("\t")) == 2 for k in frames)


def test_ranker_thresholds_are_probabilities() -> None:
    ranker = load("ranker.json")
    assert 0.0 < ranker["threshold"] < 1.0
    assert 0.0 < ranker["generation_threshold"] < 1.0
    assert all(isinstance(w, float | int) for w in ranker["weights"].values())


@pytest.mark.parametrize("name", LEARNED)
def test_learned_artefacts_say_what_made_them(name: str) -> None:
    meta = load(name)["_meta"]
    assert set(meta) >= {"script", "training_data", "model", "arguments", "commit"}
    assert len(meta["training_data"]["sha256"]) == 64
    assert meta["model"]["name"] and meta["model"]["version"]
