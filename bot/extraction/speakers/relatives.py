"""Relative pronouns as sources: the noun phrase "who", "which" or "many of whom" stands for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.speakers.entities import np_span

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

RELATIVES = frozenset({"who", "which", "that", "whom"})
# Quantifiers of a partitive relative ("many of whom say").
PARTITIVES = frozenset({"many", "some", "most", "all", "several", "few", "both", "none", "each", "one", "half"})
# Relatives that stand for a person only: "who" after "a lawyer for the Sierra Club" is the lawyer, not the club.
PERSONAL = frozenset({"who", "whom"})


def _partitive_relative(span: Span) -> Token | None:
    """The first token of "many of whom", "some of which", "two of whom": where the antecedent search starts."""
    root = span.root
    if root.lower_ not in PARTITIVES and root.pos_ != "NUM":
        return None
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"):
        if any(g.dep_ == "pobj" and g.lower_ in {"whom", "which"} for g in prep.children):
            return span[0]
    return None


def _past_organisation(root: Token, head: Token) -> Token:
    """The appositive role over a non-person object: "Peter Morgan, a lawyer for the Sierra Club, who" -> lawyer."""
    if root.lower_ not in PERSONAL or head.dep_ != "pobj" or head.ent_type_ == "PERSON":
        return head
    role = head.head.head if head.head.dep_ == "prep" else None
    if role is not None and role.dep_ == "appos" and role.head.ent_type_ == "PERSON" and role.head.i < role.i:
        return role
    return head


def relative_antecedent(span: Span) -> Span | None:
    """Return the noun phrase a relative pronoun mention stands for ("who" in "some economists who argue")."""
    root = span.root
    partitive = _partitive_relative(span)
    if partitive is not None:
        root = partitive
    elif len(span) != 1 or root.lower_ not in RELATIVES:
        return None
    verb = root.head
    head = verb.head if verb.dep_ in {"relcl", "acl"} and partitive is None else None
    if head is None or head.pos_ not in {"NOUN", "PROPN"}:
        # A relative clause the parser attached elsewhere: the noun right before the pronoun.
        prev = root.doc[root.i - 1] if root.i > 0 else None
        if prev is not None and prev.is_punct and prev.i > 0:
            prev = root.doc[prev.i - 1]
        while prev is not None and prev.dep_ == "pobj" and prev.head.lower_ == "of" \
                and prev.head.head.pos_ in {"NOUN", "PROPN"}:
            prev = prev.head.head  # "family members of 9/11 victims, many of whom": the members
        while partitive is not None and prev is not None and prev.dep_ == "conj" and prev.head.i < prev.i:
            prev = prev.head  # "95 retired generals and admirals -- most of whom": all of them
        head = prev if prev is not None and prev.pos_ in {"NOUN", "PROPN"} else None
    if head is None:
        return None
    head = _past_organisation(root, head)
    if head.dep_ == "appos" and head.head.pos_ == "PROPN" and head.head.i < head.i:
        head = head.head  # "China and the United States, the world's two biggest polluters, which vowed"
        while head.dep_ == "conj" and head.head.pos_ == "PROPN" and head.head.i < head.i:
            head = head.head
    left, right = np_span(head)
    return root.doc[left:min(right, root.i)]
