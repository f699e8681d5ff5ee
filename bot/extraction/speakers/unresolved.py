"""How a source that resolves to no entity is written down: an unnamed role with the organisation it speaks for
("a spokesperson for Shoppers Drug Mart"), a role's possessive named ("Danielle Smith's office"), and which such
sources a later pronoun can take (an unnamed plural group for "they", an unnamed body for "it")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers.documents import PLURAL_TAGS
from bot.extraction.speakers.entities import FIRST_SECOND_PERSON, np_span
from bot.extraction.speakers.pronouns import BODY_LABEL, GENERIC_LABEL
from bot.extraction.speakers.resolve import resolve_mention
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from spacy.tokens import Span

    from bot.extraction.speakers.entities import Entity
    from bot.extraction.speakers.resolve import SpeakerResolver


# Prepositions of the organisation a role speaks for ("a spokesperson for the company").
SPOKEN_FOR_PREPS = frozenset({"for", "at", "with"})


# Nouns of an organisation's kind besides the descriptions and group heads of speaker_rules.json.
BODY_NOUNS = frozenset({"office", "secretariat", "regulator", "watchdog", "prosecutor's office"})


def owned_by_role(resolver: SpeakerResolver, span: Span, recent: list[tuple[int, Entity]]) -> str | None:
    """ "the premier's office" -> "Danielle Smith's office": a description's possessive of a role the article
    gives a person, named."""
    root = span.root
    poss = next((c for c in root.children if c.dep_ == "poss" and c.pos_ == "NOUN"
                 and c.right_edge.i == c.i + 1), None)  # (a plain "the premier's", not "of last week's")
    if poss is None or (poss.lower_ not in people().person_roles and poss.lemma_ not in people().person_roles):
        return None
    owner = resolve_mention(resolver, span.doc[poss.left_edge.i:poss.i + 1], recent)
    if owner is None or owner.kind != "person" or not {poss.lower_, poss.lemma_.lower()} & owner.role_words:
        return None  # (only a person the article gives that role: "the senator's spokesman" may be anyone's)
    return f"{owner.name}'s {span.doc[poss.right_edge.i + 1:span.end].text.strip()}"


def unnamed_body(span: Span) -> bool:
    """ "the premier's office", "the ministry", "a federal court": a singular noun of an organisation's kind."""
    root = span.root
    table = rules()
    return root.pos_ == "NOUN" and root.tag_ not in PLURAL_TAGS and (
        root.lemma_.lower() in table.org_descriptions or root.lemma_.lower() in table.group_heads
        or root.lemma_.lower() in BODY_NOUNS)


def spoken_for(resolver: SpeakerResolver, span: Span, recent: list[tuple[int, Entity]]) -> str | None:
    """ "a spokesperson for the company" -> "a spokesperson for Shoppers Drug Mart": an unnamed role keeps its
    words, with the organisation or person it speaks for named."""
    root = span.root
    if root.pos_ != "NOUN" or (root.lower_ not in people().person_roles and root.lemma_ not in people().person_roles):
        return None
    for prep in (c for c in root.rights if c.dep_ == "prep" and c.lower_ in SPOKEN_FOR_PREPS):
        owner = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        if owner is None or owner.i >= span.end or not any(c.lower_ == "the" for c in owner.children):
            continue  # "a spokesman for a local school": someone the article does not name either
        left, right = np_span(owner)
        entity = resolve_mention(resolver, span.doc[left:right], recent)
        if entity is not None and entity.kind == "group" and entity.label not in {"GENERIC", "PLURAL"}:
            return f"{span.doc[span.start:left].text.strip()} {entity.name}"
    return None


def plural_noun_phrase(span: Span) -> bool:
    """ "critics", "members of Congress", "show insiders" (whose "show" the parser may read as a verb)."""
    heads = [span.root] if span.root.pos_ in {"NOUN", "PROPN"} else [span[-1]]
    return all(h.pos_ == "NOUN" and h.tag_ in PLURAL_TAGS for h in heads)


def plain_speaker(span: Span) -> str | None:
    """Return a mention as written for a source that resolves to no entity; None for a bare pronoun."""
    root = span.root
    if root.pos_ == "PRON" and root.lower_ in people().pronoun_gender and root.lower_ not in FIRST_SECOND_PERSON:
        return None
    possessives = [c for c in root.children if c.dep_ == "poss" and c.i < root.i]
    if root.pos_ == "PROPN" and possessives and possessives[0].right_edge.i + 1 <= root.i:
        span = span.doc[possessives[0].right_edge.i + 1:span.end]  # "Fox News' Megyn Kelly": the name, not its outlet
    text = span.text.strip(" ,")
    return text or None


def pronoun_label(span: Span) -> str | None:
    """The label under which an unresolved source is one a later pronoun takes: an unnamed plural group is the next
    "they" ("according to show insiders. They said ..."), an unnamed body the next "it" ("The premier's office
    released a statement ... It said ..."); None for any other."""
    if plural_noun_phrase(span):
        return GENERIC_LABEL
    return BODY_LABEL if unnamed_body(span) else None
