"""Plural sources: conjoined names ("Mr. Grassley and Mr. Leahy") as one source, and "they"/"the two senators"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, people
from bot.extraction.speakers.entities import Entity, np_span
from bot.extraction.speakers.scan import tokens_with

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLURAL_LABEL = "PLURAL"
OWNER_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod"})
MAX_GENERIC_TOKENS = 8
# Suffixes of nouns for people ("critics", "economists", "voters", "residents", "republicans").
AGENT_SUFFIXES = ("ist", "er", "or", "ant", "ent", "ian", "ic", "an", "ee")
# ... and plural sources without one.
SPEAKING_PLURALS = frozenset({"experts", "groups", "families", "companies", "firms", "agencies", "organizations",
                              "organisations", "unions", "victims", "police", "authorities", "sources", "witnesses",
                              "states", "banks", "colleges", "universities", "schools", "churches", "allies", "friends",
                              "fans", "relatives", "kids", "children"})
# Plural heads that stand for people named before ("both men", "the two leaders").
PEOPLE_NOUNS = frozenset({"men", "women", "people", "leaders", "candidates", "lawmakers", "officials", "countries",
                          "nations", "governments", "sides", "campaigns"})
# Determiners and numbers that make a plural description point back ("the senators", "both men", "the two").
DEFINITE_PLURAL = frozenset({"the", "both", "these", "those", "two", "three", "four", "all"})
# Pronouns that stand for the members of a plural source ("each said", "both said").
DISTRIBUTIVE = frozenset({"each", "both"})
# Prepositions that name members of a plural source ("critics like Grassley and Leahy", "groups including ...").
EXAMPLE_PREPS = frozenset({"like", "including"})


def joined_name(members: list[Entity]) -> str:
    """Return the names of a plural source as a reader writes them: "A and B", "A, B and C"."""
    names = [m.name for m in members]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def conjoined(root: Token, by_token: dict[int, Entity]) -> list[Entity]:
    """Return the people a coordinated name phrase names, in text order (one or none when not coordinated)."""
    first = by_token.get(root.i)
    if first is None or first.label == PLURAL_LABEL:
        return []
    members = [first]
    for tok in root.subtree:
        found = by_token.get(tok.i)
        if tok.dep_ == "conj" and found is not None and found.kind == first.kind and found not in members:
            members.append(found)
    return members


def plural_entity(entities: list[Entity], members: list[Entity], pos: int, subject: bool) -> Entity:
    """Return the plural entity of these members, registering a mention at ``pos``."""
    name = joined_name(members)
    found = next((e for e in entities if e.label == PLURAL_LABEL and e.name == name), None)
    if found is None:
        found = Entity(name=name, kind="group", label=PLURAL_LABEL)
        entities.append(found)
    if pos not in found.positions:
        found.positions.append(pos)
        found.positions.sort()
        if subject:
            found.subject_positions.append(pos)
            found.subject_positions.sort()
    return found


def named_examples(head: Token, by_token: dict[int, Entity]) -> list[Entity]:
    """The people a plural noun is shown by ("critics, like Senators Grassley and Leahy, say"): two or more."""
    if head.tag_ not in {"NNS", "NNPS"}:
        return []
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in EXAMPLE_PREPS):
        for name in (g for g in prep.children if g.dep_ == "pobj"):
            named = name if name.i in by_token else next(
                (c for c in name.children if c.dep_ in {"appos", "compound"} and c.i in by_token), name)
            members = conjoined(named, by_token)
            if len(members) > 1:
                return members
    return []


def add_plural_entities(doc: Doc, entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Register coordinated subjects ("Obama and Clinton call ...", "critics like Grassley and Leahy say") so that
    a later "they" can find them."""
    for tok in tokens_with(doc, "dep", SUBJECT_DEPS):
        # "Senators Chuck Grassley and Patrick Leahy wrote": the names may hang from the subject in apposition.
        heads = [tok] if tok.i in by_token else [c for c in tok.children if c.dep_ == "appos" and c.i in by_token]
        for head in heads[:1]:
            members = conjoined(head, by_token)
            if len(members) > 1:
                plural_entity(entities, members, tok.left_edge.idx, subject=True)
        examples = named_examples(tok, by_token) if not heads else []
        if examples:
            plural_entity(entities, examples, tok.left_edge.idx, subject=True)


def is_plural_people(head: Token) -> bool:
    """Return whether a plural noun stands for people ("the senators", "both men")."""
    lex = people()
    if head.tag_ not in {"NNS", "NNPS"} or not (head.lemma_.lower() in lex.person_roles or head.lower_ in PEOPLE_NOUNS):
        return False
    return any(c.lower_ in DEFINITE_PLURAL for c in head.children if c.dep_ in {"det", "nummod", "predet"})


def nearest_plural(entities: list[Entity], pos: int, window: int) -> Entity | None:
    """Return the plural source mentioned last before ``pos``."""
    best: tuple[int, Entity] | None = None
    for e in entities:
        if e.label != PLURAL_LABEL:
            continue
        before = [p for p in e.positions if pos - window < p < pos]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), e)
    return best[1] if best else None


def _may_speak(head: Token) -> bool:
    """A plural subject that can be a source: people by role or by an agent suffix ("environmentalists")."""
    if head.dep_ == "nsubjpass":
        return False
    lemma = head.lemma_.lower()
    if lemma in people().person_roles or head.lower_ in PEOPLE_NOUNS | SPEAKING_PLURALS:
        return True
    return lemma.endswith(AGENT_SUFFIXES)


def _named_in(child: Token, by_token: dict[int, Entity]) -> bool:
    """A name in apposition or conjoined ("critics, like Senators Grassley and Leahy"), not an owner that only
    modifies the group ("McConnell aides", "Trump's advisers": a group of its own)."""
    return child.i in by_token and child.dep_ not in OWNER_MODIFIER_DEPS


def add_plural_subjects(doc: Doc, entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Register plural noun subjects the article never names ("environmentalists say") for a later "they"."""
    for tok in tokens_with(doc, "dep", SUBJECT_DEPS):
        if tok.tag_ not in {"NNS", "NNPS"} or tok.i in by_token or any(_named_in(c, by_token) for c in tok.children):
            continue
        if named_examples(tok, by_token):
            continue  # registered by its named members
        if not _may_speak(tok):
            continue  # "other changes are needed", "thousands of victims": no one a later "they said" means
        left, right = np_span(tok)
        words = doc[left:right]
        if len(words) > MAX_GENERIC_TOKENS:
            continue
        name = words.text[4:] if words[0].lower_ == "the" else words.text
        entity = Entity(name=name, kind="group", label="GENERIC", positions=[words.start_char],
                        subject_positions=[words.start_char])
        entities.append(entity)
