"""The entity registry of one document: named people and organisations, clustered by surname, with roles."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, cues, people
from bot.extraction.speakers import roles
from bot.extraction.speakers.entities import (
    GROUP_LABELS,
    PERSON_LABELS,
    Entity,
    clean_name_tokens,
    drop_glued_word,
    first_name_gender,
    is_listed_first_name,
    name_text,
    role_words,
    surname_key,
    title_gender,
)
from bot.extraction.speakers.scan import tokens_with
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NAME_PUNCT = ".,\"'“”‘’()"
# An untagged name of more words is more often an organisation's ("Right Wing Watch first reported").
MAX_UNTAGGED_WORDS = 2


def entity_for_name(entities: list[Entity], name: str, kind: str, gender: str | None = None) -> Entity:
    """Return the entity ``name`` belongs to, adding a new one when none fits (never one of another known
    gender: "Mr. Obama" is not "Michelle Obama")."""
    key = surname_key(name)
    candidates = [e for e in entities if e.kind == kind and surname_key(e.name) == key
                  and (gender is None or e.gender in (None, gender))]
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
        if kind == "person" and ent.text.lower() in rules().platforms:
            kind = "group"  # "wrote on Twitter", the NER's person: a platform, which no "he" refers to
        toks = clean_name_tokens(ent)
        if kind == "group" and (_misread_person(toks) or _honorific_name(ent, toks)):
            kind = "person"  # "Carly Fiorina", "Ms Sturgeon" tagged ORG
        elif kind == "group" and len(toks) < len(ent):
            untitled = clean_name_tokens(ent, titles_too=False)
            toks = untitled if len(untitled) == 2 else toks  # "General Motors", "Justice Department"
        toks = drop_glued_word(toks) if kind == "person" else toks
        name = name_text(toks)
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if kind == "person" and len(name.split()) == 1 and name.isupper() and len(name) > 3:
            continue  # an acronym tagged PERSON is more likely an organisation
        titled = _title_of(doc, ent) if kind == "person" else None
        # "Mr. Obama", "Michelle Obama" (a lone "Madison" is a surname, not a first name): never the other gender.
        hint = titled or (first_name_gender(name) if kind == "person" and " " in name else None)
        entity = entity_for_name(entities, name, kind, hint)
        if entity.label is None:
            entity.label = ent.label_
        entity.positions.append(ent.start_char)
        for t in toks:
            by_token[t.i] = entity
        if _is_subject(ent.root):
            entity.subject_positions.append(ent.start_char)
        if kind == "person":
            _note_person(entity, ent, toks, name, titled)
    _add_bare_surnames(doc, entities, by_token)
    _add_untagged_speakers(doc, entities, by_token)
    _merge_misread_people(entities, by_token)
    return entities, by_token


def _add_untagged_speakers(doc: Doc, entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Register a name the NER missed that is the subject of a saying verb in a main clause ("Okafor explained
    the plan. “It will work,” he said."): a person of unknown gender, so a later pronoun can find them. Never a
    part of a tagged name ("Islamic State"), a word of a known name ("Peabody" of "Peabody Energy"), a name with
    a determiner ("The Blaze") or a role ("Supervisor")."""
    speech, lex = cues().speech, people()
    known = {w for e in entities for w in e.name.lower().split()}
    for tok in tokens_with(doc, "dep", ("nsubj",)):
        if (tok.pos_ != "PROPN" or tok.ent_type_ or tok.i in by_token or tok.head.lemma_.lower() not in speech
                or not _main_clause(tok.head)):
            continue
        lefts = list(tok.lefts)
        toks = [c for c in lefts if c.dep_ == "compound"] + [tok]
        if (len(toks) != len(lefts) + 1 or len(toks) > MAX_UNTAGGED_WORDS or toks[0].i != tok.i - len(toks) + 1
                or not all(_untagged_name_word(t, known, lex.person_roles) for t in toks)):
            continue
        entity = entity_for_name(entities, name_text(toks), "person")
        entity.label = entity.label or "PERSON"
        entity.positions.append(toks[0].idx)
        entity.subject_positions.append(toks[0].idx)
        for t in toks:
            by_token[t.i] = entity


def _untagged_name_word(tok: Token, known: set[str], roles: frozenset[str]) -> bool:
    return (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_alpha and tok.text[:1].isupper()
            and not tok.text.isupper() and tok.lower_ not in known and tok.lower_ not in roles)


def as_full_name(name: str) -> str | None:
    """The person's name in two or three capitalised words, less a leading role ("Actress Amandla Stenberg"),
    when none of them names a kind of organisation ("Nicola Sturgeon", not "Ford Motor" or "Johnson & Johnson")."""
    words = name.split()
    lex = people()
    while words and (words[0].lower() in lex.person_roles or words[0].lower().rstrip(".") in lex.titles_neutral):
        words = words[1:]
    kind_words = _kind_words()
    ok = 2 <= len(words) <= 3 and all(w.isalpha() and w[:1].isupper() and not w.isupper()
                                      and w.lower() not in kind_words for w in words)
    return " ".join(words) if ok else None


def _honorific_name(ent: Span, toks: list[Token]) -> bool:
    """ "Ms Sturgeon", "Mr Johnson" tagged as an organisation: a personal honorific and one or two name words."""
    lex = people()
    kind_words = _kind_words()
    return ent[0].lower_ in lex.titles_male | lex.titles_female and 1 <= len(toks) <= 2 and all(
        t.is_alpha and t.text[:1].isupper() and t.lower_ not in kind_words for t in toks)


def _misread_person(toks: list[Token]) -> bool:
    """A name the NER tagged as an organisation that reads as a person's: a listed first name and one or two
    more capitalised words, none of which names a kind of organisation ("Carly Fiorina", not "Hillary for
    America" or "Ford Motor Company")."""
    if not 2 <= len(toks) <= 3 or not is_listed_first_name(toks[0].lower_):
        return False
    kind_words = _kind_words()
    return all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() and t.lower_ not in kind_words
               for t in toks)


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    """Lower-case words that mark a name as an organisation's ("bank", "coalition", "ltd.")."""
    table = rules()
    return frozenset(w.lower() for ws in table.org_descriptions.values() for w in ws) | frozenset(
        w.lower() for w in table.org_head_words)


def _title_of(doc: Doc, ent: Span) -> str | None:
    """The gender an honorific in or just before a mention gives ("Mr. Obama", "Sen. Elizabeth Warren")."""
    return title_gender([doc[i] for i in range(max(0, ent.start - 2), ent.start)] + list(ent))


def _note_person(entity: Entity, ent: Span, toks: list[Token], name: str, titled: str | None) -> None:
    roles.attach_role(entity, ent)
    role_gender = rules().role_gender
    by_role = next((role_gender[w] for w in entity.role_words if w in role_gender), None)
    gender = titled or by_role or first_name_gender(name)
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
        fuller = as_full_name(e.name) if not owners and e.kind == "group" else None
        if fuller:  # "Nicola Sturgeon" tagged ORG, then "Ms Sturgeon": one person, named in full
            owners = [o for o in people_by_key.get(surname_key(fuller), []) if len(o.name.split()) == 1]
        if not owners:
            continue
        # "Trump" beside Donald and Ivanka Trump: the one the article names most, as for a bare surname.
        person = max(owners, key=lambda o: len(o.positions))
        if fuller and len(set(map(id, owners))) == 1:
            person.name = fuller
        elif fuller:
            continue
        person.positions = sorted(person.positions + e.positions)
        person.subject_positions = sorted(person.subject_positions + e.subject_positions)
        merged[id(e)] = person
    if merged:
        entities[:] = [e for e in entities if id(e) not in merged]
        for i, e in list(by_token.items()):
            if id(e) in merged:
                by_token[i] = merged[id(e)]
