"""Speaker-resolution rules as data, loaded once from ``bot/extraction/data/speaker_rules.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class SpeakerRules:
    """Group heads, document nouns, families and issuing verbs, organisation descriptions, acronym words."""

    group_heads: dict[str, str]
    document_nouns: frozenset[str]
    issue_verbs: frozenset[str]
    document_agent_preps: frozenset[str]
    org_descriptions: dict[str, frozenset[str]]
    acronym_skip: frozenset[str]
    modifier_synonyms: dict[str, frozenset[str]]
    role_gender: dict[str, str]
    document_verbs: dict[str, frozenset[str]]
    document_family: dict[str, str]
    rank_words: frozenset[str]
    kin_nouns: dict[str, str | None]
    org_named_before: frozenset[str]
    org_head_words: frozenset[str]
    platforms: frozenset[str]  # lower-case names of social networks and publishing platforms


@lru_cache(maxsize=1)
def rules() -> SpeakerRules:
    """Return the speaker-resolution rules."""
    text = resources.files("bot.extraction").joinpath("data", "speaker_rules.json").read_text("utf-8")
    d = json.loads(text)
    return SpeakerRules(
        group_heads=dict(d["group_heads"]),
        document_nouns=frozenset(d["document_nouns"]),
        issue_verbs=frozenset(d["issue_verbs"]),
        document_agent_preps=frozenset(d["document_agent_preps"]),
        org_descriptions={k: frozenset(v) for k, v in d["org_descriptions"].items()},
        acronym_skip=frozenset(d["acronym_skip"]),
        modifier_synonyms={k: frozenset(v) for k, v in d["modifier_synonyms"].items()},
        document_verbs={k: frozenset(v) for k, v in d["document_verbs"].items()},
        rank_words=frozenset(d["rank_words"]),
        kin_nouns=dict(d["kin_nouns"]),
        org_named_before=frozenset(d["org_named_before"]),
        org_head_words=frozenset(d["org_head_words"]),
        platforms=frozenset(w.lower() for w in d["platforms"]),
        document_family={noun: family for family, nouns in d["document_families"].items() for noun in nouns},
        role_gender={**{w: "female" for w in d["female_roles"]}, **{w: "male" for w in d["male_roles"]}},
    )
