"""The entity registry of one document: named people and organisations, clustered by surname, with roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, people
from bot.extraction.speakers.entities import (
    DETERMINERS,
    GROUP_LABELS,
    PERSON_LABELS,
    Entity,
    clean_name_tokens,
    first_name_gender,
    name_text,
    np_span,
    role_words,
    surname_key,
    title_gender,
)
from bot.extraction.speakers.scan import tokens_with
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A role longer than this is a clause, not a role.
MAX_ROLE_CHARS = 80
# How far left of a name the NP head may sit ("Ambassador to Tajikistan Muhammad Zohir Agbar").
ROLE_HEAD_REACH = 8
_NAME_PUNCT = ".,\"'“”‘’()"
# Verbs that predicate a role of their subject ("is the nominee", "became mayor", "was named chief executive").
PREDICATING_VERBS = frozenset({"be", "become", "remain", "name", "appoint", "elect"})
PREDICATED_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def entity_for_name(entities: list[Entity], name: str, kind: str) -> Entity:
    """Return the entity ``name`` belongs to, adding a new one when none fits."""
    key = surname_key(name)
    candidates = [e for e in entities if e.kind == kind and surname_key(e.name) == key]
    low = name.lower()
    # A longer form of a known short name upgrades it ("Kirby" then "John Kirby").
    for e in candidates:
        if len(name) > len(e.name) and low.endswith(e.name.lower()) and len(e.name.split()) == 1:
            e.name = name
            return e
    # A short form goes to the most-mentioned full name containing it ("Clinton" -> Hillary, not Chelsea).
    containing = [e for e in candidates if low in e.name.lower() or e.name.lower() in low or _same_person(low, e.name)]
    if containing:
        return max(containing, key=lambda e: (len(e.positions), -candidates.index(e)))
    ent = Entity(name=name, kind=kind)
    entities.append(ent)
    return ent


def _same_person(a: str, b: str) -> bool:
    """ "Loretta Lynch" and "Loretta E. Lynch": the words of one, less initials, are all in the other."""
    wa = {w.strip(_NAME_PUNCT) for w in a.lower().split() if len(w.strip(_NAME_PUNCT)) > 1}
    wb = {w.strip(_NAME_PUNCT) for w in b.lower().split() if len(w.strip(_NAME_PUNCT)) > 1}
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _main_clause(verb: Token) -> bool:
    """Subjects of main clauses are salient; "Trump said praise from Putin would not ...": Putin is not."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _is_subject(tok: Token) -> bool:
    if tok.dep_ == "appos":  # "Senators Chuck Grassley and Patrick Leahy wrote"
        tok = tok.head
    elif tok.dep_ == "pobj" and tok.head.head.dep_ in SUBJECT_DEPS:  # "a spokesman for X said"
        tok = tok.head.head
    return tok.dep_ in SUBJECT_DEPS and _main_clause(tok.head)


def build_entities(doc: Doc) -> tuple[list[Entity], dict[int, Entity]]:
    """Return the people and organisations named in ``doc`` (mentions, gender, role) and the entity of each token."""
    entities: list[Entity] = []
    by_token: dict[int, Entity] = {}
    for ent in doc.ents:
        kind = "person" if ent.label_ in PERSON_LABELS else "group" if ent.label_ in GROUP_LABELS else None
        if kind is None:
            continue
        toks = clean_name_tokens(ent)
        name = name_text(toks)
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if kind == "person" and len(name.split()) == 1 and name.isupper() and len(name) > 3:
            continue  # an acronym tagged PERSON is more likely an organisation
        entity = entity_for_name(entities, name, kind)
        if entity.label is None:
            entity.label = ent.label_
        entity.positions.append(ent.start_char)
        for t in toks:
            by_token[t.i] = entity
        if _is_subject(ent.root):
            entity.subject_positions.append(ent.start_char)
        if kind == "person":
            _note_person(doc, entity, ent, toks, name)
    _add_bare_surnames(doc, entities, by_token)
    _merge_misread_people(entities, by_token)
    return entities, by_token


def _note_person(doc: Doc, entity: Entity, ent: Span, toks: list[Token], name: str) -> None:
    before = [doc[i] for i in range(max(0, ent.start - 2), ent.start)]
    attach_role(entity, ent)
    role_gender = rules().role_gender
    by_role = next((role_gender[w] for w in entity.role_words if w in role_gender), None)
    gender = title_gender(before + list(ent)) or by_role or first_name_gender(name)
    if gender and entity.gender is None:
        entity.gender = gender
    titles = [t for t in ent if t.i < toks[0].i and t.lower_ in people().titles_neutral] if toks else []
    if titles:  # "Judge Sean Dunphy": a title inside the name is a role too
        entity.role_words.update(role_words(" ".join(t.text for t in titles)))
        if entity.role is None:
            entity.role = " ".join(t.text for t in titles)


def _add_bare_surnames(doc: Doc, entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Count capitalised surname tokens the NER missed ("Sanders spoke first") as mentions of that person."""
    # A lone surname the NER gave another label ("Cole said", read as a PRODUCT) is still the person.
    covered = {t.i for ent in doc.ents if len(ent) > 1 or ent.label_ in PERSON_LABELS | GROUP_LABELS for t in ent}
    by_surname: dict[str, list[Entity]] = {}
    for e in entities:
        if e.kind == "person":
            by_surname.setdefault(surname_key(e.name), []).append(e)
    for tok in tokens_with(doc, "lower", by_surname):
        if tok.i in covered or not tok.text[:1].isupper():
            continue
        owners = by_surname.get(tok.lower_)
        if not owners or len(owners) != 1:
            continue
        owners[0].positions.append(tok.idx)
        by_token[tok.i] = owners[0]
        if _is_subject(tok):
            owners[0].subject_positions.append(tok.idx)
    for e in entities:
        e.positions.sort()
        e.subject_positions.sort()


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


def _merge_misread_people(entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Fold a name the NER read as an organisation or place into the person of that name ("DuVernay")."""
    people_by_key: dict[str, list[Entity]] = {}
    for e in entities:
        if e.kind == "person":
            people_by_key.setdefault(e.name.lower(), []).append(e)
            if len(e.name.split()) > 1:
                people_by_key.setdefault(surname_key(e.name), []).append(e)
    merged: dict[int, Entity] = {}
    for e in entities:
        owners = people_by_key.get(e.name.lower()) if e.kind == "group" else None
        if not owners:
            continue
        # "Trump" beside Donald and Ivanka Trump: the one the article names most, as for a bare surname.
        person = max(owners, key=lambda o: len(o.positions))
        person.positions = sorted(person.positions + e.positions)
        person.subject_positions = sorted(person.subject_positions + e.subject_positions)
        merged[id(e)] = person
    if merged:
        entities[:] = [e for e in entities if id(e) not in merged]
        for i, e in list(by_token.items()):
            if id(e) in merged:
                by_token[i] = merged[id(e)]
