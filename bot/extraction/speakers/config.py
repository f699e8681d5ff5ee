"""Tunables of speaker resolution, declared once with their defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SpeakersConfig:
    """Window sizes and thresholds of the speaker resolver."""

    # A pronoun looks back this many sentences for its antecedent.
    pronoun_window_sentences: int = 4
    # ... and, finding none there, this many for a mention of a known matching gender.
    pronoun_wide_window_sentences: int = 12
    # A description ("the diplomat") looks back this far for a person introduced with that role.
    description_window_chars: int = 6000
    # ... and forward this far for one named after it ("A Superior Court judge ... Judge Sean Dunphy").
    cataphora_window_chars: int = 1500
    # A description opening its paragraph may be named as a new subject within this many sentences after.
    cataphora_sentences: int = 3
    # Pronouns of one gender near a person, needed before the person takes that gender.
    gender_min_votes: int = 2
    # A gender vote also needs this share of all the votes for that person.
    gender_min_share: float = 0.75
    # A role the article never spells out goes to the person last mentioned as a subject this close before...
    salient_window_chars: int = 2000
    # ... else to its main person: one with this many mentions...
    main_person_min_mentions: int = 3
    # ... and this many times the mentions of the next person.
    main_person_lead: float = 1.5
    # A possessor named at most this often ("Obama's former strategist") leaves the role to the main person.
    peripheral_max_mentions: int = 2


DEFAULT_CONFIG = SpeakersConfig()
