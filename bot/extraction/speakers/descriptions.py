"""Descriptions ("the diplomat", "a Pentagon spokesman") matched to the person introduced with that role.

The role may be introduced before the description or after it, anywhere in the article; a definite description
of a role the article never spells out ("the New York businessman") goes to the article's main person when
nothing in that person's known roles, gender or modifiers contradicts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers.config import SpeakersConfig
from bot.extraction.speakers.pronouns import nearest
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.speakers.entities import Entity

MODIFIER_POS = frozenset({"PROPN", "NOUN", "ADJ"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any"})


def _wanted_roles(head: Token) -> set[str]:
    noun = head.lower_
    return set(people().role_synonyms.get(noun, frozenset())) | {noun, head.lemma_.lower()}


def _role_fits(e: Entity, wanted: set[str]) -> bool:
    role_text = (e.role or "").lower()
    return bool(e.role_words & wanted) or any(w in role_text for w in wanted if " " in w)


def _modifier_words(modifiers: list[Token]) -> set[str]:
    words = {m.lower_ for m in modifiers if m.pos_ in MODIFIER_POS}
    synonyms = rules().modifier_synonyms
    return words | {s for w in words for s in synonyms.get(w, frozenset())}


def _modifiers_clash(e: Entity, head: Token, modifiers: list[Token], mod_words: set[str]) -> bool:
    """ "a White House spokesman" must not become the Pentagon's spokesman."""
    if not mod_words or mod_words & e.role_words or head.head.dep_ == "prep":
        return False
    return any(t.text[:1].isupper() and not t.is_sent_start for t in modifiers if t.pos_ in {"PROPN", "ADJ"})


def _gender_clash(e: Entity, head: Token) -> bool:
    wanted = rules().role_gender.get(head.lower_)
    return wanted is not None and e.gender is not None and e.gender != wanted


def _nearest_fitting(fitting: list[Entity], pos: int, mod_words: set[str], cfg: SpeakersConfig) -> Entity | None:
    best: tuple[int, Entity] | None = None
    ahead: Entity | None = None
    for e in fitting:
        before = [p for p in e.positions if p < pos and pos - p < cfg.description_window_chars]
        if before:
            if best is None or max(before) > best[0]:
                best = (max(before), e)
        elif ahead is None and mod_words and mod_words <= e.role_words:
            # "A Superior Court judge ruled ... Judge Sean Dunphy said": a fully matching role named later.
            if any(pos < p < pos + cfg.cataphora_window_chars for p in e.positions):
                ahead = e
    return best[1] if best is not None else ahead


def _closest_anywhere(fitting: list[Entity], pos: int) -> Entity | None:
    """A role introduced anywhere in the article: the fitting person mentioned closest to the description."""
    scored = [(min(abs(p - pos) for p in e.positions), i, e) for i, e in enumerate(fitting) if e.positions]
    return min(scored)[2] if scored else None


def _main_person(entities: list[Entity], head: Token, cfg: SpeakersConfig) -> Entity | None:
    """The article's most mentioned person, when clearly ahead of the next and of a compatible gender."""
    ranked = sorted((e for e in entities if e.kind == "person"), key=lambda e: -len(e.positions))
    if not ranked or len(ranked[0].positions) < cfg.main_person_min_mentions:
        return None
    if len(ranked) > 1 and len(ranked[0].positions) < cfg.main_person_lead * len(ranked[1].positions):
        return None
    return None if _gender_clash(ranked[0], head) else ranked[0]


def _salient_subject(entities: list[Entity], head: Token, pos: int, cfg: SpeakersConfig) -> Entity | None:
    """The person last mentioned as a subject before the description, as for a pronoun."""
    def compatible(e: Entity, strict: bool) -> bool:
        return e.kind == "person" and not _gender_clash(e, head)
    return nearest(entities, pos, pos - cfg.salient_window_chars, compatible, subjects_only=True)


def _definite(head: Token) -> bool:
    """ "the senator", "Connecticut's tax commissioner", a bare headline "Judge"; not "a judge", "his lawyer",
    "Gary Johnson's doctor"."""
    dets = [c for c in head.children if c.dep_ in {"det", "poss"}]
    return all(d.lower_ not in INDEFINITE and not (d.dep_ == "poss" and (d.pos_ == "PRON" or d.ent_type_ == "PERSON"))
               for d in dets)


def resolve_description(entities: list[Entity], head: Token, modifiers: list[Token], pos: int,
                        cfg: SpeakersConfig, *, fallbacks: bool = True) -> Entity | None:
    """Resolve "the diplomat" / "a Pentagon spokesman" to the person introduced with that role.

    Without ``fallbacks`` only a person whose role matches, named before or just after, is an answer.
    """
    if head.tag_ in PLURAL_TAGS:
        return None  # "attorneys for the family": a group, not one of the people named
    wanted = _wanted_roles(head)
    mod_words = _modifier_words(modifiers)
    fitting = [e for e in entities if e.kind == "person" and e.role_words and _role_fits(e, wanted)
               and not _modifiers_clash(e, head, modifiers, mod_words) and not _gender_clash(e, head)]
    found = _nearest_fitting(fitting, pos, mod_words, cfg)
    if found is None and fallbacks and _definite(head):
        found = (_closest_anywhere(fitting, pos) or _salient_subject(entities, head, pos, cfg)
                 or _main_person(entities, head, cfg))
    return found
