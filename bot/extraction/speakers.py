"""Speaker resolution without a coreference model.

A small discourse model in the spirit of Hobbs (1978) and the salience rules of Lappin & Leass (1994):
named entities are clustered by surname ("Kirby" -> "John Kirby"), each person gets a gender (honorific, first-name
lists, pronouns already resolved to them) and a role ("Pentagon spokesman", from pre-name modifiers or an
appositive); a pronoun resolves to the most salient compatible entity before it (the previous speaker first, then
subjects of the nearest sentences, then any mention); a description ("the diplomat", "a Pentagon spokesman")
resolves to the person introduced with a matching role.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, people

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
_POSSESSIVE = re.compile(r"(?:['’]s?|['’])$")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another", "one"})
PRONOUN_WINDOW_SENTENCES = 4
DESCRIPTION_WINDOW_CHARS = 6000
CATAPHORA_WINDOW_CHARS = 1500


@dataclass(slots=True)
class Entity:
    """A discourse entity: one person or organisation with all its mentions."""

    name: str
    kind: str  # "person" | "group"
    gender: str | None = None
    role: str | None = None
    role_words: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)  # char offsets of mentions
    subject_positions: list[int] = field(default_factory=list)


def _clean_name_tokens(span: Span) -> list[Token]:
    lex = people()
    toks = [t for t in span if not t.is_punct or t.text in {"-", "."}]
    while toks and (toks[0].lower_ in _DETERMINERS or toks[0].lower_ in lex.titles_male
                    or toks[0].lower_ in lex.titles_female or toks[0].lower_ in lex.titles_neutral):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in {"'s", "’s"}):
        toks = toks[:-1]
    return toks


def _name_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    # Slice the tokens, not doc.text: Doc.text rebuilds the whole article's text on every access.
    text = tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text
    return _POSSESSIVE.sub("", text).strip()


@lru_cache(maxsize=4096)
def _surname_key(name: str) -> str:
    parts = [p for p in re.split(r"\s+", name.lower()) if p not in {"jr.", "jr", "sr.", "sr", "ii", "iii"}]
    return parts[-1] if parts else name.lower()


def _title_gender(tokens: list[Token]) -> str | None:
    lex = people()
    for t in tokens:
        low = t.lower_
        if low in lex.titles_male:
            return "male"
        if low in lex.titles_female:
            return "female"
    return None


def _first_name_gender(name: str) -> str | None:
    lex = people()
    first = name.split()[0].lower() if name.split() else ""
    if first in lex.male_names:
        return "male"
    if first in lex.female_names:
        return "female"
    return None


def _np_span(root: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``root``, without relative clauses and trailing punctuation."""
    left = root.left_edge.i
    right = root.i
    for child in root.rights:
        if child.dep_ in {"relcl", "acl", "advcl", "punct", "cc", "conj"}:
            break
        right = child.right_edge.i
    doc = root.doc
    while right > left and doc[right].is_punct:
        right -= 1
    return left, right + 1


def _role_words(text: str) -> set[str]:
    """Lower-case words of a role, without possessive endings and punctuation ("Pentagon's" -> "pentagon")."""
    words = set()
    for w in re.split(r"\s+", text):
        w = _POSSESSIVE.sub("", w.strip(".,;:()")).lower()
        if w and w not in _DETERMINERS and w not in {"of", "to", "for", "in", "at", "and"}:
            words.add(w)
    return words


class SpeakerResolver:
    """Resolve speaker mentions of one document to the fullest name of a person or organisation."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities: list[Entity] = []
        self._sent_index: dict[int, int] = {}
        for i, sent in enumerate(doc.sents):
            for tok in sent:
                self._sent_index[tok.i] = i
        self._build()

    # ------------------------------------------------------------------ registry
    def _entity_for_name(self, name: str, kind: str) -> Entity:
        key = _surname_key(name)
        # Prefer an existing entity with this surname whose name contains this one ("Kirby" in "John Kirby").
        candidates = [e for e in self.entities if e.kind == kind and _surname_key(e.name) == key]
        low = name.lower()
        # A longer form of a known short name upgrades it ("Kirby" then "John Kirby").
        for e in candidates:
            if len(name) > len(e.name) and low.endswith(e.name.lower()) and len(e.name.split()) == 1:
                e.name = name
                return e
        # A short form goes to the most-mentioned full name containing it ("Clinton" -> Hillary, not Chelsea).
        containing = [e for e in candidates if low in e.name.lower() or e.name.lower() in low]
        if containing:
            return max(containing, key=lambda e: (len(e.positions), -candidates.index(e)))
        ent = Entity(name=name, kind=kind)
        self.entities.append(ent)
        return ent

    def _build(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ in PERSON_LABELS:
                kind = "person"
            elif ent.label_ in GROUP_LABELS:
                kind = "group"
            else:
                continue
            toks = _clean_name_tokens(ent)
            name = _name_text(toks)
            if not name or not any(ch.isalpha() for ch in name):
                continue
            if kind == "person" and len(name.split()) == 1 and name.isupper() and len(name) > 3:
                continue  # an acronym tagged PERSON is more likely an organisation
            entity = self._entity_for_name(name, kind)
            entity.positions.append(ent.start_char)
            if ent.root.dep_ in SUBJECT_DEPS or (ent.root.dep_ == "pobj" and ent.root.head.head.dep_ in SUBJECT_DEPS):
                entity.subject_positions.append(ent.start_char)
            if kind == "person":
                before = [self.doc[i] for i in range(max(0, ent.start - 2), ent.start)]
                gender = _title_gender(before + list(ent)) or _first_name_gender(name)
                if gender and entity.gender is None:
                    entity.gender = gender
                self._attach_role(entity, ent)
                titles = [t for t in ent if t.i < toks[0].i and t.lower_ in people().titles_neutral] if toks else []
                if titles:  # "Judge Sean Dunphy": a title inside the name is a role too
                    entity.role_words.update(_role_words(" ".join(t.text for t in titles)))
                    if entity.role is None:
                        entity.role = " ".join(t.text for t in titles)

        self._add_bare_surnames()

    def _add_bare_surnames(self) -> None:
        """Count capitalised surname tokens the NER missed ("Sanders spoke first") as mentions of that person."""
        covered = {t.i for ent in self.doc.ents for t in ent}
        by_surname: dict[str, list[Entity]] = {}
        for e in self.entities:
            if e.kind == "person":
                by_surname.setdefault(_surname_key(e.name), []).append(e)
        for tok in self.doc:
            if tok.i in covered or not tok.text[:1].isupper():
                continue
            owners = by_surname.get(tok.lower_)
            if not owners or len(owners) != 1:
                continue
            owners[0].positions.append(tok.idx)
            if tok.dep_ in SUBJECT_DEPS:
                owners[0].subject_positions.append(tok.idx)
        for e in self.entities:
            e.positions.sort()
            e.subject_positions.sort()

    def _attach_role(self, entity: Entity, ent: Span) -> None:
        """Record a role from the NP around the name ("Pentagon spokesman John Kirby", "Kirby, the spokesman")."""
        lex = people()
        doc = self.doc
        root = ent.root
        # Climb to the NP head when the name hangs inside it ("Ambassador to Tajikistan Muhammad Zohir Agbar").
        head = root
        while head.dep_ in {"pobj", "compound", "appos"} and head.head.pos_ in {"NOUN", "PROPN", "ADP"} \
                and head.head.i < head.i and head.head.i >= ent.start - 8:
            head = head.head
        if head.pos_ == "ADP":
            head = head.head
        left = _np_span(head)[0]
        pieces: list[str] = []
        if left < ent.start:
            pre = [t for t in doc[left:ent.start] if t.lower_ not in _DETERMINERS and not t.is_punct]
            if any(t.lower_ in lex.person_roles or t.pos_ == "NOUN" or t.lower_ in lex.titles_neutral for t in pre):
                pieces.append(doc[pre[0].i:pre[-1].i + 1].text if pre else "")
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i:
                a_left, a_right = _np_span(child)
                toks = [t for t in doc[a_left:a_right] if not t.is_punct]
                if toks and toks[0].lower_ in _DETERMINERS:
                    toks = toks[1:]
                if toks and any(t.lower_ in lex.person_roles or t.pos_ == "NOUN" for t in toks):
                    pieces.append(doc[toks[0].i:toks[-1].i + 1].text)
        if root.dep_ == "appos" and root.head.i < root.i and root.head.pos_ == "NOUN":
            a_left = _np_span(root.head)[0]
            toks = [t for t in doc[a_left:root.head.i + 1] if t.lower_ not in _DETERMINERS and not t.is_punct]
            if toks:
                pieces.append(doc[toks[0].i:toks[-1].i + 1].text)
        for piece in pieces:
            piece = piece.strip(" ,")
            if not piece or len(piece) > 80:
                continue
            if entity.role is None:
                entity.role = piece
            entity.role_words.update(_role_words(piece))

    # ------------------------------------------------------------------ resolution
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
        """Resolve he/she/they/it to the most salient compatible entity before the pronoun.

        ``recent`` lists (char offset, entity) of statement speakers already resolved, in text order.
        """
        lex = people()
        kind = lex.pronoun_gender.get(pronoun.lower_)
        if kind not in {"male", "female", "plural", "neuter"}:
            return None
        pos = pronoun.idx
        sent = self.sentence_of(pronoun)
        sents = list(self.doc.sents)
        window_start = sents[max(0, sent - PRONOUN_WINDOW_SENTENCES)].start_char

        def compatible(e: Entity, strict: bool) -> bool:
            if kind in {"male", "female"}:
                if e.kind != "person":
                    return False
                return e.gender == kind if strict else e.gender in (None, kind)
            if kind == "plural":
                return e.kind == "group"
            return e.kind == "group"

        # 1. The previous statement's speaker, when it is close and compatible (news discourse continuity).
        for offset, e in reversed(recent):
            if offset >= pos:
                continue
            if offset < window_start:
                break
            if compatible(e, strict=False):
                # ...unless a closer subject that fits better intervenes.
                closer = self._nearest(pos, offset, compatible, subjects_only=True)
                return closer or e
            break
        # 2. Subjects of the nearest sentences, then any mention, known gender first.
        for strict in (True, False):
            found = self._nearest(pos, window_start, compatible, subjects_only=True, strict=strict)
            if found:
                return found
        for strict in (True, False):
            found = self._nearest(pos, window_start, compatible, subjects_only=False, strict=strict)
            if found:
                return found
        return None

    def _nearest(self, pos: int, floor: int, compatible: Callable[[Entity, bool], bool], *, subjects_only: bool,
                 strict: bool = True) -> Entity | None:
        best: tuple[int, Entity] | None = None
        for e in self.entities:
            positions = e.subject_positions if subjects_only else e.positions
            for p in positions:
                if floor <= p < pos and (best is None or p > best[0]) and compatible(e, strict):
                    best = (p, e)
        return best[1] if best else None

    def resolve_description(self, head: Token, modifiers: list[Token], pos: int) -> Entity | None:
        """Resolve "the diplomat" / "a Pentagon spokesman" to the person introduced with that role."""
        lex = people()
        noun = head.lower_
        wanted = set(lex.role_synonyms.get(noun, frozenset())) | {noun, head.lemma_.lower()}
        mod_words = {m.lower_ for m in modifiers if m.pos_ in {"PROPN", "NOUN", "ADJ"}}
        best: tuple[int, Entity] | None = None
        ahead: Entity | None = None
        for e in self.entities:
            if e.kind != "person" or not e.role_words:
                continue
            role_text = (e.role or "").lower()
            if not (e.role_words & wanted or any(w in role_text for w in wanted if " " in w)):
                continue
            if mod_words and not (mod_words & e.role_words) and head.head.dep_ != "prep":
                # "a White House spokesman" must not become the Pentagon's spokesman.
                if any(m[:1].isupper() for m in (t.text for t in modifiers if t.pos_ == "PROPN")):
                    continue
            before = [p for p in e.positions if p < pos and pos - p < DESCRIPTION_WINDOW_CHARS]
            if before:
                if best is None or max(before) > best[0]:
                    best = (max(before), e)
            elif ahead is None and mod_words and mod_words <= e.role_words:
                # "A Superior Court judge ruled ... Judge Sean Dunphy said": a fully matching role named later.
                after = [p for p in e.positions if pos < p < pos + CATAPHORA_WINDOW_CHARS]
                if after:
                    ahead = e
        if best is not None:
            return best[1]
        return ahead


def plain_speaker(span: Span) -> str:
    """Return a mention as written, for a source that resolves to no entity."""
    text = span.text.strip(" ,")
    return text


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
    if low in {"we", "us", "i", "me", "you"}:
        return None  # first and second person: the mention is the best answer without a discourse model
    if root.pos_ == "PRON" or low in lex.pronoun_gender:
        kind = lex.pronoun_gender.get(low)
        if kind == "relative":
            head = root.head.head if root.head.dep_ == "relcl" else None
            if head is not None and head.pos_ in {"NOUN", "PROPN"}:
                left, right = _np_span(head)
                return resolve_mention(resolver, head.doc[left:right], recent)
            return None
        found = resolver.resolve_pronoun(root, recent)
        if found is not None:
            resolver.note_gender(found, low)
        return found
    if root.pos_ == "NOUN" and (low in lex.person_roles or root.lemma_.lower() in lex.person_roles):
        modifiers = [t for t in span if t.i < root.i and t.dep_ in {"compound", "amod", "nmod", "poss"}]
        found = resolver.resolve_description(root, modifiers, span.start_char)
        if found is not None:
            return found
    if entity is not None:
        return entity
    return None
