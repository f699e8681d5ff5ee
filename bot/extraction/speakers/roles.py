"""Roles of a named person: from the modifiers before the name ("Pentagon spokesman John Kirby"), an appositive
("Kirby, the spokesman") or a predicate ("Kirby is the Pentagon's spokesman", "Smith, who is the mayor")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import people
from bot.extraction.speakers.entities import DETERMINERS, Entity, np_span, role_words

if TYPE_CHECKING:
    from spacy.tokens import Span

# A role longer than this is a clause, not a role.
MAX_ROLE_CHARS = 80
# How far left of a name the NP head may sit ("Ambassador to Tajikistan Muhammad Zohir Agbar").
ROLE_HEAD_REACH = 8
# Verbs that predicate a role of their subject ("is the nominee", "became mayor", "was named chief executive").
PREDICATING_VERBS = frozenset({"be", "become", "remain", "name", "appoint", "elect"})
PREDICATED_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _pre_name_role(ent: Span) -> str | None:
    """Return the modifiers before a name that make a role ("Pentagon spokesman John Kirby")."""
    lex = people()
    doc = ent.doc
    head = ent.root
    # Climb to the NP head when the name hangs inside it ("Ambassador to Tajikistan Muhammad Zohir Agbar").
    while head.dep_ in {"pobj", "compound", "appos"} and head.head.pos_ in {"NOUN", "PROPN", "ADP"} \
            and head.head.i < head.i and head.head.i >= ent.start - ROLE_HEAD_REACH:
        head = head.head
    if head.pos_ == "ADP":
        head = head.head
    if head.i != ent.root.i and head.pos_ not in {"NOUN", "PROPN"}:
        return None  # "The judge agreed with Ivana Trump": a clause, not a role
    left = np_span(head)[0]
    if left >= ent.start:
        return None
    pre = [t for t in doc[left:ent.start] if t.lower_ not in DETERMINERS and not t.is_punct]
    if any(t.lower_ in lex.person_roles or t.pos_ == "NOUN" or t.lower_ in lex.titles_neutral for t in pre):
        return doc[pre[0].i:pre[-1].i + 1].text if pre else ""
    return None


def _appositive_roles(ent: Span) -> list[str]:
    """Return roles in apposition to a name ("Kirby, the spokesman", "the spokesman, Kirby")."""
    lex = people()
    doc = ent.doc
    root = ent.root
    pieces: list[str] = []
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            a_left, a_right = np_span(child)
            toks = [t for t in doc[a_left:a_right] if not t.is_punct]
            if toks and toks[0].lower_ in DETERMINERS:
                toks = toks[1:]
            if toks and any(t.lower_ in lex.person_roles or t.pos_ == "NOUN" for t in toks):
                pieces.append(doc[toks[0].i:toks[-1].i + 1].text)
    if root.dep_ == "appos" and root.head.i < root.i and root.head.pos_ == "NOUN":
        a_left = np_span(root.head)[0]
        toks = [t for t in doc[a_left:root.head.i + 1] if t.lower_ not in DETERMINERS and not t.is_punct]
        if toks:
            pieces.append(doc[toks[0].i:toks[-1].i + 1].text)
    return pieces


def _predicated_roles(ent: Span) -> list[str]:
    """Return roles predicated of a name ("Trump is the Republican nominee", "Smith, who is the mayor of
    Calgary", "Lee was named chief executive"), so a later or earlier description finds the person."""
    root = ent.root
    verbs = [root.head] if root.dep_ in PREDICATED_SUBJECT_DEPS and root.head.i != root.i else []
    verbs += [c for c in root.children if c.dep_ == "relcl"
              and any(g.dep_ in PREDICATED_SUBJECT_DEPS and g.lower_ in {"who", "that"} for g in c.children)]
    pieces: list[str] = []
    roles = people().person_roles
    for verb in verbs:
        if verb.lemma_.lower() not in PREDICATING_VERBS or any(c.dep_ == "neg" for c in verb.children):
            continue
        for attr in (c for c in verb.children if c.dep_ in {"attr", "oprd"} and c.pos_ == "NOUN"):
            if attr.lower_ not in roles and attr.lemma_.lower() not in roles:
                continue
            left, right = np_span(attr)
            toks = [t for t in ent.doc[left:right] if not t.is_punct and t.lower_ not in DETERMINERS]
            if toks:
                pieces.append(ent.doc[toks[0].i:toks[-1].i + 1].text)
    return pieces


def attach_role(entity: Entity, ent: Span) -> None:
    """Record a role from the NP around the name ("Pentagon spokesman John Kirby", "Kirby, the spokesman") or
    predicated of it ("Kirby is the Pentagon's spokesman")."""
    pre = _pre_name_role(ent)
    pieces = ([pre] if pre is not None else []) + _appositive_roles(ent) + _predicated_roles(ent)
    for piece in pieces:
        piece = piece.strip(" ,")
        if not piece or len(piece) > MAX_ROLE_CHARS:
            continue
        if entity.role is None:
            entity.role = piece
        entity.role_words.update(role_words(piece))
