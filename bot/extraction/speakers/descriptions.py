"""Descriptions ("the diplomat", "a Pentagon spokesman") matched to the person introduced with that role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers.config import SpeakersConfig

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.speakers.entities import Entity

MODIFIER_POS = frozenset({"PROPN", "NOUN", "ADJ"})


def _wanted_roles(head: Token) -> set[str]:
    noun = head.lower_
    return set(people().role_synonyms.get(noun, frozenset())) | {noun, head.lemma_.lower()}


def _role_fits(e: Entity, wanted: set[str]) -> bool:
    role_text = (e.role or "").lower()
    return bool(e.role_words & wanted) or any(w in role_text for w in wanted if " " in w)


def _modifiers_clash(e: Entity, head: Token, modifiers: list[Token], mod_words: set[str]) -> bool:
    """ "a White House spokesman" must not become the Pentagon's spokesman."""
    if not mod_words or mod_words & e.role_words or head.head.dep_ == "prep":
        return False
    return any(t.text[:1].isupper() for t in modifiers if t.pos_ == "PROPN")


def resolve_description(entities: list[Entity], head: Token, modifiers: list[Token], pos: int,
                        cfg: SpeakersConfig) -> Entity | None:
    """Resolve "the diplomat" / "a Pentagon spokesman" to the person introduced with that role."""
    wanted = _wanted_roles(head)
    mod_words = {m.lower_ for m in modifiers if m.pos_ in MODIFIER_POS}
    best: tuple[int, Entity] | None = None
    ahead: Entity | None = None
    for e in entities:
        if e.kind != "person" or not e.role_words or not _role_fits(e, wanted):
            continue
        if _modifiers_clash(e, head, modifiers, mod_words):
            continue
        before = [p for p in e.positions if p < pos and pos - p < cfg.description_window_chars]
        if before:
            if best is None or max(before) > best[0]:
                best = (max(before), e)
        elif ahead is None and mod_words and mod_words <= e.role_words:
            # "A Superior Court judge ruled ... Judge Sean Dunphy said": a fully matching role named later.
            if any(pos < p < pos + cfg.cataphora_window_chars for p in e.positions):
                ahead = e
    return best[1] if best is not None else ahead
