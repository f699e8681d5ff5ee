"""Names inside and around a mention: its head name, appositive names, organisations built on a name, acronyms."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extraction.speakers.entities import Entity, surname_key
from bot.extraction.speakers.scan import tokens_with
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Dependents of a group noun that name its owner ("the Clinton campaign", "Trump's team").
OWNER_DEPS = frozenset({"compound", "poss", "nmod"})
# Left modifiers of an appositive's head that may be the name it gives ("Del. Marcia Price (D-Newport News)").
NAME_MODIFIER_DEPS = frozenset({"compound", "nmod"})
# A surname this short differs from others by one letter too often ("Bush", "Rush") to be a misspelling.
MIN_VARIANT_CHARS = 6
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,7}$")


def _display_surname(name: str) -> str:
    """Return the last word of a name as written ("Donald Trump" -> "Trump")."""
    key = surname_key(name)
    for word in reversed(name.split()):
        if word.lower() == key:
            return word
    return name.split()[-1] if name.split() else name


def group_name(owner: Entity, head: Token) -> str | None:
    """Return the organisation a group noun makes of a person ("Trump's team" -> "Trump campaign")."""
    noun = rules().group_heads.get(head.lower_) or rules().group_heads.get(head.lemma_.lower())
    if noun is None or owner.kind != "person":
        return None
    return f"{_display_surname(owner.name)} {noun}"


def owner_of(head: Token, by_token: dict[int, Entity]) -> Entity | None:
    """Return the named owner of a group noun ("the Clinton campaign" -> Hillary Clinton), if any."""
    for child in head.children:
        if child.dep_ in OWNER_DEPS and child.i < head.i:
            found = by_token.get(child.i)
            if found is None:
                found = next((by_token[t.i] for t in child.subtree if t.i in by_token), None)
            if found is not None:
                return found
    return None


def add_group_entities(doc: Doc, entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Register organisations built on a person's name ("the Clinton campaign") as entities of their own."""
    heads = rules().group_heads
    for tok in tokens_with(doc, "lower", heads):
        if tok.pos_ != "NOUN":
            continue
        owner = owner_of(tok, by_token)
        name = group_name(owner, tok) if owner is not None else None
        if name is None:
            continue
        entity = next((e for e in entities if e.kind == "group" and e.name == name), None)
        if entity is None:
            entity = Entity(name=name, kind="group", label="ORG")
            entities.append(entity)
        entity.positions.append(tok.idx)
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            entity.subject_positions.append(tok.idx)
        by_token[tok.i] = entity
    for e in entities:
        e.positions.sort()
        e.subject_positions.sort()


def _initials(name: str) -> str:
    skip = rules().acronym_skip
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in skip]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def merge_acronyms(entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Give an acronym the organisation's full name when the article spells it out ("IMF")."""
    full_by_initials: dict[str, Entity] = {}
    for e in entities:
        if e.kind == "group" and len(e.name.split()) >= 2:
            full_by_initials.setdefault(_initials(e.name), e)
    merged: dict[int, Entity] = {}
    for e in entities:
        if e.kind != "group" or not _ACRONYM.match(e.name):
            continue
        full = full_by_initials.get(e.name.replace(".", ""))
        if full is None or full is e:
            continue
        full.positions = sorted(full.positions + e.positions)
        full.subject_positions = sorted(full.subject_positions + e.subject_positions)
        merged[id(e)] = full
    if not merged:
        return
    entities[:] = [e for e in entities if id(e) not in merged]
    for i, e in list(by_token.items()):
        if id(e) in merged:
            by_token[i] = merged[id(e)]


def appositive_entity(root: Token, by_token: dict[int, Entity]) -> Entity | None:
    """Return the person named in apposition to a description ("Another RT host, Abby Martin, said")."""
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            # "Scott's niece, state Del. Marcia "Cia" Price (D-Newport News)": the parser may head the appositive
            # with a word after the name; the name is then one of its left modifiers.
            for tok in (child, *(c for c in child.lefts if c.dep_ in NAME_MODIFIER_DEPS)):
                found = by_token.get(tok.i)
                if found is not None and found.kind == "person":
                    return found
    return None


def by_surname(entities: list[Entity], surname: str) -> Entity | None:
    """Return the one person with this surname, if exactly one."""
    key = surname.lower()
    found = [e for e in entities if e.kind == "person" and surname_key(e.name) == key]
    return found[0] if len(found) == 1 else None


def by_written_name(entities: list[Entity], text: str) -> Entity | None:
    """Return the person whose name is written ``text`` ("Ivanka Trump" where the NER saw a product)."""
    low = text.lower()
    return next((e for e in entities if e.kind == "person" and e.name.lower() == low), None)


def _one_edit_apart(a: str, b: str) -> bool:
    """Return whether one letter inserted, dropped or changed turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def merge_spelling_variants(entities: list[Entity], by_token: dict[int, Entity]) -> None:
    """Fold a lone surname one letter off a full name's into that person ("McLenney" -> Tyresha McClenney),
    also when the NER read it as an organisation ("O'Neill" beside "James O’Neill")."""
    full = [e for e in entities if e.kind == "person" and len(e.name.split()) > 1]
    merged: dict[int, Entity] = {}
    for e in entities:
        misread = e.kind == "group" and e.label == "ORG"
        if not (e.kind == "person" or misread) or len(e.name.split()) != 1 or len(e.name) < MIN_VARIANT_CHARS:
            continue
        low = e.name.lower()
        owners = [f for f in full if surname_key(f.name)[:1] == low[:1] and _one_edit_apart(surname_key(f.name), low)]
        if len(owners) != 1 or any(surname_key(x.name) == low for x in full):
            continue
        owner = owners[0]
        owner.positions = sorted(owner.positions + e.positions)
        owner.subject_positions = sorted(owner.subject_positions + e.subject_positions)
        owner.gender = owner.gender or e.gender
        merged[id(e)] = owner
    if merged:
        entities[:] = [e for e in entities if id(e) not in merged]
        for i, e in list(by_token.items()):
            if id(e) in merged:
                by_token[i] = merged[id(e)]


def named_group(entities: list[Entity], head: Token, pos: int, window: int) -> Entity | None:
    """ "the campaign", "the administration": the organisation last named with that noun ("the Sanders campaign")."""
    noun = rules().group_heads.get(head.lower_)
    children = list(head.children)
    if noun is None or head.tag_ != "NN" or len(children) != 1 or children[0].lower_ != "the":
        return None
    best: tuple[int, Entity] | None = None
    for e in entities:
        if e.kind != "group" or not e.name.lower().endswith(" " + noun):
            continue
        before = [p for p in e.positions if pos - window <= p < pos]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), e)
    return best[1] if best else None
