"""The speaker resolver of one document and the resolution of one source mention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers import descriptions, pronouns
from bot.extraction.speakers.config import DEFAULT_CONFIG, SpeakersConfig
from bot.extraction.speakers.entities import Entity, np_span
from bot.extraction.speakers.registry import build_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FIRST_SECOND_PERSON = frozenset({"we", "us", "i", "me", "you"})
DESCRIPTION_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


class SpeakerResolver:
    """Resolve speaker mentions of one document to the fullest name of a person or organisation."""

    def __init__(self, doc: Doc, cfg: SpeakersConfig = DEFAULT_CONFIG) -> None:
        self.doc = doc
        self.cfg = cfg
        self._sent_index: dict[int, int] = {}
        self._sent_starts: list[int] = []
        for i, sent in enumerate(doc.sents):
            self._sent_starts.append(sent.start_char)
            for tok in sent:
                self._sent_index[tok.i] = i
        self.entities: list[Entity] = build_entities(doc)

    def sentence_of(self, token: Token) -> int:
        """Return the index of the sentence holding ``token``."""
        return self._sent_index.get(token.i, 0)

    def entity_at(self, start_char: int, end_char: int) -> Entity | None:
        """Return the entity with a mention inside the character range, preferring persons."""
        best: Entity | None = None
        for e in self.entities:
            if any(start_char <= p < end_char for p in e.positions) and (best is None or e.kind == "person"):
                best = e
                if e.kind == "person":
                    break
        return best

    def note_gender(self, entity: Entity, pronoun: str) -> None:
        """Learn an entity's gender from a pronoun resolved to it."""
        kind = people().pronoun_gender.get(pronoun.lower())
        if entity.kind == "person" and entity.gender is None and kind in {"male", "female"}:
            entity.gender = kind

    def resolve_pronoun(self, pronoun: Token, recent: list[tuple[int, Entity]]) -> Entity | None:
        """Resolve he/she/they/it to the most salient compatible entity before the pronoun."""
        sent = self.sentence_of(pronoun)
        window_start = self._sent_starts[max(0, sent - self.cfg.pronoun_window_sentences)]
        return pronouns.resolve_pronoun(self.entities, pronoun, window_start, recent)

    def resolve_description(self, head: Token, modifiers: list[Token], pos: int) -> Entity | None:
        """Resolve "the diplomat" / "a Pentagon spokesman" to the person introduced with that role."""
        return descriptions.resolve_description(self.entities, head, modifiers, pos, self.cfg)


def plain_speaker(span: Span) -> str | None:
    """Return a mention as written, for a source that resolves to no entity."""
    return span.text.strip(" ,")


def _resolve_relative(resolver: SpeakerResolver, root: Token, recent: list[tuple[int, Entity]]) -> Entity | None:
    head = root.head.head if root.head.dep_ == "relcl" else None
    if head is not None and head.pos_ in {"NOUN", "PROPN"}:
        left, right = np_span(head)
        return resolve_mention(resolver, head.doc[left:right], recent)
    return None


def resolve_mention(resolver: SpeakerResolver, span: Span, recent: list[tuple[int, Entity]]) -> Entity | None:
    """Return the entity a source mention refers to, or None when no referent can be chosen."""
    lex = people()
    root = span.root
    entity = resolver.entity_at(span.start_char, span.end_char)
    if entity is not None and entity.kind == "person":
        return entity
    if entity is not None and not any(p <= root.idx < p + len(entity.name) for p in entity.positions):
        entity = None  # "The Democratic senator": an organisation modifying a description is not the source
    low = root.lower_
    if low in FIRST_SECOND_PERSON:
        return None  # first and second person: the mention is the best answer without a discourse model
    if root.pos_ == "PRON" or low in lex.pronoun_gender:
        if lex.pronoun_gender.get(low) == "relative":
            return _resolve_relative(resolver, root, recent)
        found = resolver.resolve_pronoun(root, recent)
        if found is not None:
            resolver.note_gender(found, low)
        return found
    if root.pos_ == "NOUN" and (low in lex.person_roles or root.lemma_.lower() in lex.person_roles):
        modifiers = [t for t in span if t.i < root.i and t.dep_ in DESCRIPTION_MODIFIER_DEPS]
        found = resolver.resolve_description(root, modifiers, span.start_char)
        if found is not None:
            return found
    return entity
