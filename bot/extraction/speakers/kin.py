"""Kin terms: "his wife", "Trump's son" -> the other person of the owner's family name the article names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers.entities import surname_key
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.speakers.entities import Entity


def kin_noun(head: Token) -> bool:
    """Return whether ``head`` is a kin noun ("wife", "son", "ex")."""
    return head.lower_ in rules().kin_nouns


def other_gender(possessive: Token, head: Token) -> bool:
    """ "his wife", "her son": the kin noun has a gender and the possessive pronoun the other."""
    kin = rules().kin_nouns.get(head.lower_)
    owner = people().pronoun_gender.get(possessive.lower_)
    return kin is not None and owner in {"male", "female"} and owner != kin


def relative_of(entities: list[Entity], owner: Entity | None, head: Token, pos: int, *,
                sure_owner: bool) -> Entity | None:
    """Return the person introduced with the kin noun, else, for a ``sure_owner`` (named, or a pronoun of the
    kin noun's other gender), the person of ``owner``'s family name, not the owner, of the kin noun's gender,
    named nearest ``pos``; None when the article names no such person."""
    # "his brother Alastair Osman": someone introduced with that kin noun comes first, even when an unsure "his"
    # went to them.
    named = [e for e in entities if e.kind == "person" and head.lower_ in e.role_words
             and (e is not owner or not sure_owner)]
    if named:
        return _nearest(named, pos)
    if owner is None or owner.kind != "person" or not sure_owner:
        return None
    gender = rules().kin_nouns.get(head.lower_)
    key = surname_key(owner.name)
    family = [e for e in entities if e.kind == "person" and e is not owner and len(e.name.split()) > 1
              and surname_key(e.name) == key and e.positions and (gender is None or e.gender in (None, gender))]
    return _nearest(family, pos) if family else None


def _nearest(people: list[Entity], pos: int) -> Entity:
    """The person mentioned closest to ``pos``, a mention before it counting ten times closer."""
    return min(people, key=lambda e: min((pos - p if p < pos else 10 * (p - pos)) for p in e.positions or [pos]))
