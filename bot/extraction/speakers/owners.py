"""Possessors of a mention: whose account, whose campaign, whose wife ("her account", "his campaign", "my father")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from bot.extraction.lexicon import people
from bot.extraction.speakers import author
from bot.extraction.speakers.entities import FIRST_SECOND_PERSON, Entity, surname_key

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class SpeakerResolver(Protocol):
    """What these rules need of the document's resolver (``resolve.SpeakerResolver``, which imports this module)."""

    author: Entity | None
    by_token: dict[int, Entity]
    quoted: bytearray

    def resolve_pronoun(self, pronoun: Token, recent: list[tuple[int, Entity]]) -> Entity | None: ...

    def group_of(self, owner: Entity, head: Token) -> Entity | None: ...


def owner_by_pronoun(resolver: SpeakerResolver, root: Token, recent: list[tuple[int, Entity]]) -> Entity | None:
    """ "her account", "his best response": the document's author is the possessor."""
    for child in root.children:
        if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ not in FIRST_SECOND_PERSON:
            return resolver.resolve_pronoun(child, recent)
    return None


def possessor(resolver: SpeakerResolver, root: Token, recent: list[tuple[int, Entity]]) -> Entity | None:
    """The person a possessive names or stands for ("his wife", "Trump's son")."""
    for child in root.children:
        if child.dep_ == "poss":
            if authors(resolver, child):
                return resolver.author  # "my father" in an op-ed's narration
            if child.pos_ == "PRON":
                return None if child.lower_ in FIRST_SECOND_PERSON else resolver.resolve_pronoun(child, recent)
            return resolver.by_token.get(child.i)
    return None


def authors(resolver: SpeakerResolver, tok: Token) -> bool:
    """ "I", "me", "my" in the narration of a piece whose author is named."""
    return (tok.lower_ in author.AUTHOR_PRONOUNS and resolver.author is not None
            and not resolver.quoted[tok.idx])


def owned_group(resolver: SpeakerResolver, root: Token, recent: list[tuple[int, Entity]]) -> Entity | None:
    """ "his campaign" -> the campaign of the man "his" refers to."""
    for child in root.children:
        if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ not in FIRST_SECOND_PERSON:
            owner = resolver.resolve_pronoun(child, recent)
            return resolver.group_of(owner, root) if owner is not None else None
    return None


def owned_role(resolver: SpeakerResolver, span: Span, recent: list[tuple[int, Entity]],
               found: Entity | None) -> Entity | None:
    """ "his lawyer", "her aides": the person introduced as that owner's lawyer, else "Pagliano's lawyer" — never
    someone introduced as the lawyer of another."""
    root = span.root
    poss = next((c for c in root.children if c.dep_ == "poss" and c.pos_ == "PRON"
                 and c.lower_ not in FIRST_SECOND_PERSON and c.i == span.start), None)
    roles = people().person_roles
    if poss is None or (root.lower_ not in roles and root.lemma_.lower() not in roles):
        return found
    owner = resolver.resolve_pronoun(poss, recent)
    if owner is None or found is owner:
        return found if owner is None else None
    if found is not None and (surname_key(owner.name) in found.role_words or owner.name.lower() in found.role_words):
        return found
    if owner.kind != "person":
        return None  # "its senior vice president": keep the words
    rest = span.doc[poss.i + 1:span.end].text.strip(" ,")
    mark = "'" if owner.name.endswith("s") else "'s"
    return Entity(name=f"{owner.name}{mark} {rest}", kind="group", label="GENERIC", positions=[span.start_char])
