"""The speaker resolver of one document and the resolution of one source mention."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from bot.extraction import cached
from bot.extraction.cached import sentences
from bot.extraction.lexicon import SUBJECT_DEPS, people
from bot.extraction.speakers import (
    author,
    descriptions,
    documents,
    fuller,
    kin,
    names,
    orgs,
    owners,
    plural,
    pronouns,
    salience,
    scan,
)
from bot.extraction.speakers.config import DEFAULT_CONFIG, SpeakersConfig
from bot.extraction.speakers.entities import FIRST_SECOND_PERSON, Entity, clean_name_tokens, name_text, np_span
from bot.extraction.speakers.gender import infer_genders
from bot.extraction.speakers.registry import build_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

DESCRIPTION_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
ROLE_PREPS = frozenset({"for", "of", "at", "to"})
# An issuer phrase longer than this is a clause the parser misread, not a name to show.
MAX_ISSUER_TOKENS = 14
ORGANISATION_PRONOUNS = frozenset({"neuter"})


class SpeakerResolver:
    """Resolve speaker mentions of one document to the fullest name of a person or organisation."""

    def __init__(self, doc: Doc, cfg: SpeakersConfig = DEFAULT_CONFIG) -> None:
        self.doc = doc
        self.cfg = cfg
        self._sent_starts: list[int] = [sent.start_char for sent in sentences(doc)]
        self.entities, self.by_token = build_entities(doc)
        orgs.add_missed_organisations(doc, self.entities, self.by_token)
        fuller.add_full_names(doc, self.entities)
        names.merge_acronyms(self.entities, self.by_token)
        names.merge_spelling_variants(self.entities, self.by_token)
        names.add_group_entities(doc, self.entities, self.by_token)
        plural.add_plural_entities(doc, self.entities, self.by_token)
        plural.add_plural_subjects(doc, self.entities, self.by_token)
        self.text = cached.text(doc)
        self.quoted = pronouns.quoted_mask(self.text)
        infer_genders(doc, self.entities, self._sent_starts, cfg, self.quoted)
        self.author = author.find_author(doc, self.text, self.by_token)
        self._link_descriptions()

    def _link_descriptions(self) -> None:
        """Count "the president appeared cowed" as a subject mention of the president, for later pronouns."""
        roles = people().person_roles
        for tok in scan.tokens_with(self.doc, "dep", SUBJECT_DEPS):
            if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lower_ not in roles or tok.i in self.by_token:
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            modifiers = [t for t in tok.lefts if t.dep_ in DESCRIPTION_MODIFIER_DEPS]
            found = descriptions.resolve_description(self.entities, tok, modifiers, tok.idx, self.cfg,
                                                     fallbacks=False)
            if found is not None:
                pos = tok.left_edge.idx
                found.positions = sorted([*found.positions, pos])
                found.subject_positions = sorted([*found.subject_positions, pos])

    def sentence_of(self, token: Token) -> int:
        """Return the index of the sentence holding ``token``."""
        return max(0, bisect_right(self._sent_starts, token.idx) - 1)

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
        fresh = salience.fresh_mentions(self.doc, self.text, self.by_token, self._sent_starts, sent, pronoun,
                                        self.quoted)
        wide_start = self._sent_starts[max(0, sent - self.cfg.pronoun_wide_window_sentences)]
        found = None
        if people().pronoun_gender.get(pronoun.lower_) in ORGANISATION_PRONOUNS:
            # A speaking "it" is an organisation named a paragraph back before a place the last lines mention.
            found = (pronouns.resolve_pronoun(self.entities, pronoun, window_start, recent, self.quoted,
                                              fresh=fresh, strict_only=True, subjects_only=True)
                     or pronouns.resolve_pronoun(self.entities, pronoun, wide_start, [], self.quoted,
                                                 strict_only=True, subjects_only=True))
        found = found or pronouns.resolve_pronoun(self.entities, pronoun, window_start, recent, self.quoted,
                                                  fresh=fresh)
        if found is None:  # a pronoun carried across paragraphs of quotation: the last person of its gender
            found = pronouns.resolve_pronoun(self.entities, pronoun, wide_start, [], self.quoted, strict_only=True)
        if found is not None:
            self.note_gender(found, pronoun.lower_)
        return found

    def resolve_description(self, head: Token, modifiers: list[Token], pos: int) -> Entity | None:
        """Resolve "the diplomat" / "a Pentagon spokesman" to the person introduced with that role."""
        return descriptions.resolve_description(self.entities, head, modifiers, pos, self.cfg)

    def group_of(self, owner: Entity, head: Token) -> Entity | None:
        """Return the organisation a group noun makes of its owner ("his campaign" -> "Trump campaign")."""
        name = names.group_name(owner, head)
        if name is None:
            return None
        found = next((e for e in self.entities if e.kind == "group" and e.name == name), None)
        if found is None:
            found = Entity(name=name, kind="group", label="ORG", positions=[head.idx])
            self.entities.append(found)
        return found


def _resolve_relative(resolver: SpeakerResolver, root: Token, recent: list[tuple[int, Entity]]) -> Entity | None:
    head = root.head.head if root.head.dep_ == "relcl" else None
    if head is not None and head.pos_ in {"NOUN", "PROPN"}:
        left, right = np_span(head)
        return resolve_mention(resolver, head.doc[left:right], recent)
    return None


PERSONAL_GENDERS = frozenset({"male", "female"})


def _resolve_pronominal(resolver: SpeakerResolver, root: Token, recent: list[tuple[int, Entity]]) -> Entity | None:
    gender = people().pronoun_gender.get(root.lower_)
    if gender == "relative":
        return _resolve_relative(resolver, root, recent)
    found = resolver.resolve_pronoun(root, recent)
    if found is None and gender in PERSONAL_GENDERS:
        found = pronouns.speaker_read_as_body(root, recent, resolver.cfg.salient_window_chars)
    return found


def _after_honorific(tok: Token) -> bool:
    lex = people()
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and tok.pos_ == "PROPN" and prev.lower_ in lex.titles_male | lex.titles_female


def _resolve_noun(resolver: SpeakerResolver, span: Span, recent: list[tuple[int, Entity]]) -> Entity | None:
    lex = people()
    root = span.root
    window = resolver.cfg.description_window_chars
    if plural.is_plural_people(root):
        return (owners.owned_role(resolver, span, recent, None)
                or plural.nearest_plural(resolver.entities, span.start_char, window // 4))
    if descriptions.age_description(root):  # "the 34-year-old mother of three replied"
        return descriptions.age_referent(resolver.entities, root, span.start_char, recent, resolver.cfg)
    if _after_honorific(root):
        return names.by_surname(resolver.entities, root.text)  # "Mr. King": a name the NER missed, not a king
    if kin.kin_noun(root):
        owner = owners.possessor(resolver, root, recent)
        # "his wife", "her son": another gender than the possessive's, so a wrong antecedent of "his" cannot
        # turn "his brother" into the brother himself.
        named = any(c.dep_ == "poss" and (c.pos_ != "PRON" or kin.other_gender(c, root) or owners.authors(resolver, c))
                    for c in root.children)
        found = kin.relative_of(resolver.entities, owner, root, span.start_char, sure_owner=named)
        if found is not None:
            return found
    if root.lower_ in lex.person_roles or root.lemma_.lower() in lex.person_roles:
        modifiers = [t for t in span if t.i < root.i and t.dep_ in DESCRIPTION_MODIFIER_DEPS]
        # "a spokeswoman for Hillary Clinton": the name the role is for counts as a modifier.
        modifiers += [g for c in root.rights if c.dep_ == "prep" and c.lower_ in ROLE_PREPS
                      for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        return owners.owned_role(resolver, span, recent, resolver.resolve_description(root, modifiers, span.start_char))
    if documents.is_document(root):
        return owners.owner_by_pronoun(resolver, root, recent) or _document_source(resolver, root, recent)
    return (owners.owned_group(resolver, root, recent)
            or names.named_group(resolver.entities, root, span.start_char, window // 4)
            or documents.org_description(root, resolver.entities, span.start_char, window))


def _document_source(resolver: SpeakerResolver, root: Token, recent: list[tuple[int, Entity]]) -> Entity | None:
    """ "the report" -> its issuer; an issuer the registry does not know is resolved as a mention of its own
    ("a group of black parents ... sent a letter"), else kept in its words; a website or paper with no issuer is
    the organisation ("the website" -> "Zero Hedge")."""
    window = resolver.cfg.description_window_chars
    found = documents.document_issuer(root, resolver.by_token, window, resolver.quoted)
    if found is None:
        return documents.org_description(root, resolver.entities, root.idx, window)
    if isinstance(found, Entity):
        return found
    if documents.is_document(found):
        return None
    left, right = np_span(found)
    issuer = resolver.doc[left:right]
    entity = None if documents.indefinite(found) else resolve_mention(resolver, issuer, recent)
    named = documents.unnamed_group(found) or found.pos_ == "PROPN"  # ("an email from Neera Tanden")
    if entity is None and named and right - left <= MAX_ISSUER_TOKENS:
        entity = Entity(name=issuer.text.strip().strip(" ,"), kind="group", label="GENERIC",
                        positions=[issuer.start_char])
    return entity


def resolve_mention(resolver: SpeakerResolver, span: Span, recent: list[tuple[int, Entity]]) -> Entity | None:
    """Return the entity a source mention refers to, or None when no referent can be chosen."""
    root = span.root
    members = plural.conjoined(root, resolver.by_token) or plural.named_examples(root, resolver.by_token)
    if len(members) > 1:  # "Mr. King and Mr. Schultz say", "critics like Grassley and Leahy say"
        return plural.plural_entity(resolver.entities, members, span.start_char, subject=False)
    # The mention's head is a name: "Ohio Senator Rob Portman", "Clinton spokesman Nick Merrill", "The IMF".
    entity = resolver.by_token.get(root.i) or names.appositive_entity(root, resolver.by_token)
    if entity is not None:
        return entity
    if owners.authors(resolver, root) and root.lower_ != "my":
        return resolver.author  # the "I" of an op-ed's narration is its author
    if root.lower_ in FIRST_SECOND_PERSON:
        return None  # first and second person: the mention is the best answer without a discourse model
    if root.lower_ in plural.DISTRIBUTIVE:
        return plural.nearest_plural(resolver.entities, span.start_char, resolver.cfg.description_window_chars // 4)
    if root.pos_ == "PRON" or root.lower_ in people().pronoun_gender:
        return _resolve_pronominal(resolver, root, recent)
    if root.pos_ == "PROPN":
        written = names.by_written_name(resolver.entities, name_text(clean_name_tokens(span)))
        if written is not None:
            return written
    found = _resolve_noun(resolver, span, recent)
    if found is not None or root.pos_ != "PROPN" or root.lower_ in people().person_roles:
        return found  # "Former White House Doctor": the organisation only modifies the role
    # A name the NER split or missed ("Sen. Bernie Sanders (I-Vt.)"): a name inside the mention, but not in its
    # possessor ("Fox News' Megyn Kelly" is Megyn Kelly, whom the NER may have missed).
    possessives = [c for c in root.children if c.dep_ == "poss"]
    start = root.doc[possessives[0].right_edge.i + 1].idx if possessives else span.start_char
    return resolver.entity_at(start, span.end_char)
