"""Temporal expressions in the parse: what each one modifies, whether it frames its sentence or a main clause.

Which of them dates a statement is for :mod:`.clause` to say. Only a temporal expression that modifies the
*reporting clause* dates a statement (the TimeML/HeidelTime treatment of news, Strötgen & Gertz 2013): one
attached to the cue verb in the dependency parse (``said on Tuesday``, ``Thursday`` as npadvmod, ``in a
statement on Monday``), or a sentence-initial framing adverbial followed by a comma (``On August 31, ...``,
``The day before, ...``). A date inside the reported content (the statement's span, or anything in
quotation marks) is the content's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.cached import text as doc_text
from bot.extraction.dating.calendar import Tense
from bot.extraction.dating.config import DatingConfig
from bot.extraction.dating.events import match_named
from bot.extraction.dating.expressions import TemporalMatch, longest_first, match_temporal
from bot.extraction.dating.regions import Sentences, paragraph_starts, unit_start
from bot.extraction.dating.vocabulary import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# spaCy entity labels that may overlap a temporal expression; any other entity (ORG "the Sunday Times",
# PERSON "April Ryan", EVENT "Black Friday") means the words are a name, not a date.
TEMPORAL_ENTITY_LABELS = frozenset({"DATE", "TIME"})
# Dependency labels by which a temporal expression (or its preposition) modifies a verb.
CLAUSE_MODIFIER_DEPS = frozenset({"npadvmod", "tmod", "advmod", "prep", "obl", "nmod", "dep", "advcl"})
# ... and by which it modifies a noun: "a 2014 study", "Tuesday's debate", "her June report".
NOUN_MODIFIER_DEPS = CLAUSE_MODIFIER_DEPS | {"compound", "nummod", "amod", "poss", "appos"}
AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
VERB_POS = frozenset({"VERB", "AUX"})
PAST_TAGS = frozenset({"VBD", "VBN"})
# The last word of a relative phrase that may instead take an object: "the day before (the vote)".
RELATIONAL_WORDS = frozenset({"before", "after", "prior"})
# A framing adverbial ends with a comma ("On Aug. 31, ...").
_FRAMING_COMMA = re.compile(r"\A\s*,")


@dataclass(frozen=True, slots=True)
class Expression:
    """A temporal expression located in the parsed doc: what governs it and whether it frames its sentence."""

    match: TemporalMatch
    unit: int  # where its sentence starts, clipped to its paragraph (the parser may join paragraphs)
    anchor: int | None
    framing: bool
    main_clause: bool
    tense: Tense
    # The word it directly modifies (through its preposition): a verb, or a noun ("study" of "a 2014 study").
    holder: int | None = None
    # The occasion noun a relative phrase counts from ("the day before *the debate*"), not a date in force.
    relative_to: int | None = None


# ---------------------------------------------------------------------------------------------- the parse


def _future_aux(tok: Token, vocab: Vocabulary) -> bool:
    return any(c.dep_ in AUXILIARY_DEPS and c.lower_ in vocab.future_auxiliaries for c in tok.children)


def verb_tense(verb: Token | None, vocab: Vocabulary) -> Tense:
    """Return the tense of ``verb`` for dating: future (will, going to, plans to), past, or neutral."""
    if verb is None:
        return "neutral"
    if _future_aux(verb, vocab):
        return "future"
    if verb.dep_ == "xcomp" and (verb.head.lemma_.lower() in vocab.future_governors or _future_aux(verb.head, vocab)):
        return "future"
    if verb.tag_ in PAST_TAGS or any(c.dep_ in AUXILIARY_DEPS and c.tag_ == "VBD" for c in verb.children):
        return "past"
    return "neutral"


def _anchor_verb(span: Span, vocab: Vocabulary, config: DatingConfig) -> Token | None:
    """Return the verb the expression modifies, through its preposition or a communication noun, if any."""
    tok = span.root
    for _ in range(config.max_attachment_hops):
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ == "pobj":
            if head.lower_ in vocab.non_point_prepositions:
                return None
            tok = head
            continue
        if tok.dep_ not in CLAUSE_MODIFIER_DEPS:
            return None
        if head.pos_ in VERB_POS:
            return head
        if head.lemma_.lower() in vocab.communication_nouns or head.lower_ in vocab.communication_nouns:
            tok = head  # "said in a statement on Monday": the date of the statement is the saying's
            continue
        return None
    return None


def _holder(span: Span, vocab: Vocabulary, config: DatingConfig) -> Token | None:
    """Return the word the expression modifies (a verb or a noun), through its preposition, if any."""
    tok = span.root
    for _ in range(config.max_attachment_hops):
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ not in ("pobj", "pcomp"):
            if tok.dep_ not in NOUN_MODIFIER_DEPS:
                return None
            if head.pos_ == "ADP" and head.dep_ == "prep" and head.head.i != head.i:
                return head.head  # "In a column the day before ...": the parser hangs it on the preposition
            return head
        if head.lower_ in vocab.non_point_prepositions:
            return None
        tok = head
    return None


def _main_clause(verb: Token) -> bool:
    while verb.dep_ == "conj" or (verb.dep_ == "dep" and verb.head.pos_ in VERB_POS):
        verb = verb.head
    return verb.dep_ == "ROOT"


def _dangling_preposition(match: TemporalMatch, span: Span, text: str) -> bool:
    """Return True for "the day before the vote": the phrase is relative to something named, not to a date."""
    last = span[-1]
    if match.relative is None or last.lower_ not in RELATIONAL_WORDS:
        return False
    if last.dep_ == "mark" or any(c.dep_ in ("pobj", "pcomp") and c.idx >= match.end for c in last.children):
        return True
    # "two days after the Council condemned..." even when the parse misses it; "the day before that he..." is fine.
    rest = text[match.end:].lstrip()
    return bool(rest) and rest[0].isalnum() and not re.match(r"that\b", rest)


def _looks_like_a_name(match: TemporalMatch, sentence_initial: bool) -> bool:
    """Return True for a capitalised relative phrase inside a sentence: "CBS This Morning" is a show."""
    words = match.text.split()
    return match.relative is not None and not sentence_initial and all(w[:1].isupper() for w in words)


def _plausible(match: TemporalMatch, text: str, entities: Sequence[tuple[int, int, str]], vocab: Vocabulary,
               config: DatingConfig) -> bool:
    """Return False for words that are part of a name, or a bare month name that spaCy does not call a date."""
    if match.rule == "named":
        return True  # a named occasion is a name: "Face the Nation" is a WORK_OF_ART, "Labor Day" an EVENT
    overlapping = [lab for a, b, lab in entities if a < match.end and match.start < b]
    if any(lab not in TEMPORAL_ENTITY_LABELS for lab in overlapping):
        return False  # part of a name: "the Sunday Times", "April Ryan"
    if match.rule in ("month", "year") and not match.part("mmod") and not overlapping:
        before = text[max(0, match.start - config.month_preposition_lookback):match.start].lower().split()
        after = text[match.end:match.end + 2].lstrip()
        return bool(before) and (before[-1] in vocab.month_prepositions or (
            before[-1] in vocab.month_determiners and after[:1].islower()))
    return True


def _locate(doc: Doc, text: str, sentences: Sentences, match: TemporalMatch, paragraphs: Sequence[int],
            vocab: Vocabulary, config: DatingConfig) -> Expression | None:
    """Return ``match`` located in the parse (of ``text``), or None when it does not date a clause."""
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    relative_to = None
    if _dangling_preposition(match, span, text):
        event = _relational_object(span, vocab)
        if event is None:
            return None  # "the day before the Council condemned ...": relative to something undated
        relative_to = event.i
    sent = sentences.of(span.start)
    unit = unit_start(sent.start_char, match.start, paragraphs)
    prefix = text[unit:match.start].strip().rstrip("\"“")
    sentence_initial = bool(vocab.framing_prefix.match(f"{prefix} " if prefix else ""))
    if _looks_like_a_name(match, sentence_initial):
        return None
    preceding = doc[span.start - 1] if span.start > sent.start and span.start > 0 else None
    non_point = preceding is not None and preceding.lower_ in vocab.non_point_prepositions
    framing = not non_point and sentence_initial and bool(_FRAMING_COMMA.match(text[match.end:]))
    verb = _anchor_verb(span, vocab, config)
    if non_point and verb is None:
        return None
    holder = _holder(span, vocab, config)
    occasion_verb = _occasion_verb(holder, vocab) if verb is None else None
    tense_verb = verb or occasion_verb or (sent.root if framing else None)
    main_verb = verb or occasion_verb
    return Expression(match=match, unit=unit, anchor=verb.i if verb is not None else None, framing=framing,
                      main_clause=framing or (main_verb is not None and _main_clause(main_verb)),
                      tense=verb_tense(tense_verb, vocab), holder=holder.i if holder is not None else None,
                      relative_to=relative_to)


def _relational_object(span: Span, vocab: Vocabulary) -> Token | None:
    """Return the occasion noun "the day before *the debate*" counts from, if it names one."""
    objects = [c for c in span[-1].children if c.dep_ == "pobj"]
    if not objects or objects[0].pos_ not in ("NOUN", "PROPN"):
        return None
    noun = objects[0]
    return noun if noun.lemma_.lower() in vocab.communication_nouns or noun.lower_ in vocab.communication_nouns \
        else None


def _occasion_verb(holder: Token | None, vocab: Vocabulary) -> Token | None:
    """Return the verb of a dated occasion noun: "threw open his yard *for a Labor Day cookout*"."""
    if holder is None or holder.pos_ not in ("NOUN", "PROPN") or not (
            holder.lemma_.lower() in vocab.communication_nouns or holder.lower_ in vocab.communication_nouns):
        return None
    tok = holder
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head
    elif tok.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return None
    return tok.head if tok.head.pos_ in VERB_POS else None


def find_expressions(doc: Doc, vocab: Vocabulary, config: DatingConfig,
                     sentences: Sentences | None = None) -> list[Expression]:
    """Return the usable temporal expressions of ``doc`` in text order, each with its attachment."""
    text = doc_text(doc)  # (Doc.text joins every token on each access)
    sentences = sentences or Sentences(doc)
    paragraphs = paragraph_starts(text)
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    found: list[Expression] = []
    for match in longest_first([*match_temporal(text, vocab), *match_named(text)]):
        if _plausible(match, text, entities, vocab, config):
            expression = _locate(doc, text, sentences, match, paragraphs, vocab, config)
            if expression is not None:
                found.append(expression)
    return found
