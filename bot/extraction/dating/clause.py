"""The reporting clause of a statement (the words whose time modifiers date the saying, not the content), its
cue, and the expression of :mod:`.attach` that dates it.

A statement's occasion is told by its cue verb and by what hangs off it outside the reported content: its
auxiliaries; temporal and participial adverbial clauses ("said *as she marched through the city early Sunday
morning*", "said, *speaking Sunday*"); the vehicle nouns of its subject, object and prepositional phrases
("*a 2014 study* found", "said *in a June report*", "according to *a speech she delivered in July 2015*") with
their own modifiers and relative clauses; and the verb a participial cue depends on ("*implored* her ..., arguing
that"). The content (the statement's span, quoted words, ``ccomp``/``xcomp`` clauses) is never part of it.
This follows the TimeML view of reporting events (Pustejovsky et al. 2003): the time of the reporting event
is the time of its own modifiers and of the document it is conveyed by.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bot.extraction.dating.attach import AUXILIARY_DEPS, VERB_POS, Expression
from bot.extraction.dating.regions import Sentences, inside, unit_start
from bot.extraction.dating.vocabulary import Vocabulary
from bot.extraction.model import Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NOUN_POS = frozenset({"NOUN", "PROPN"})
# Arguments of a verb that may be the vehicle of the saying ("a report found", "released a statement").
VEHICLE_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "agent", "attr"})
# Clauses that modify a vehicle noun: "a speech she delivered in July", "an interview broadcast Sunday".
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# Subordinators of an adverbial clause that shares the saying's time ("said as she walked", "when he spoke").
SIMULTANEOUS_MARKS = frozenset({"as", "when", "while"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
# Subordinators of a clause whose subject is the occasion the saying follows: "said after *the meeting* broke up".
OCCASION_MARKS = frozenset({"after"})
# How many words the clause may gather: a bound on the walk, so a long sentence costs no more than this.
MAX_CLAUSE_WORDS = 24


def _inside(tok: Token, excluded: Sequence[tuple[int, int]]) -> bool:
    return any(a <= tok.idx < b for a, b in excluded)


def is_vehicle(tok: Token, vocab: Vocabulary) -> bool:
    """Return True for a noun that conveys a saying: statement, interview, report, book, show, tweet ..."""
    return tok.pos_ in NOUN_POS and (tok.lemma_.lower() in vocab.communication_nouns
                                     or tok.lower_ in vocab.communication_nouns)


def _simultaneous_clause(tok: Token) -> bool:
    """Return True for an adverbial clause that happens with its head: "as she spoke", "speaking Sunday"."""
    if tok.dep_ != "advcl" or tok.pos_ not in VERB_POS:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "having" for c in tok.children):
        return False  # "Having fought a primary eight years ago, he ...": before the saying, not with it
    marks = [c.lower_ for c in tok.children if c.dep_ == "mark"]
    return (not marks and tok.tag_ in PARTICIPLE_TAGS) or bool(marks and marks[0] in SIMULTANEOUS_MARKS)


def _noun_children(noun: Token, vocab: Vocabulary) -> list[Token]:
    """Return the words of a vehicle noun that belong to the occasion: its clauses and vehicle PPs."""
    out: list[Token] = []
    for c in noun.children:
        if c.dep_ in NOUN_CLAUSE_DEPS and c.pos_ in VERB_POS:
            out.append(c)
        elif c.dep_ == "prep":
            out.extend(p for p in c.children if p.dep_ == "pobj" and is_vehicle(p, vocab))
    return out


def _verb_children(verb: Token, vocab: Vocabulary) -> list[Token]:
    """Return the words of a verb that belong to the occasion: simultaneous clauses and vehicle nouns."""
    out: list[Token] = []
    for c in verb.children:
        vehicle = c.dep_ in VEHICLE_ARGUMENT_DEPS and is_vehicle(c, vocab)
        if c.dep_ in AUXILIARY_DEPS or _simultaneous_clause(c) or vehicle:
            out.append(c)
        elif c.dep_ == "prep":
            out.extend(p for p in c.children if p.dep_ == "pobj" and is_vehicle(p, vocab))
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in OCCASION_MARKS for m in c.children):
            out.extend(n for n in c.children if n.dep_ in ("nsubj", "nsubjpass") and is_vehicle(n, vocab))
    return out


def reporting_clause(cue: Token, excluded: Sequence[tuple[int, int]], vocab: Vocabulary) -> dict[int, Token]:
    """Return the words (by index) whose time modifiers date the saying of ``cue``; never the content."""
    start = [cue]
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head.pos_ in VERB_POS:
        start.append(cue.head)  # "implored her to ..., arguing that": the participle shares its head's time
    found: dict[int, Token] = {t.i: t for t in start}
    todo = list(start)
    while todo and len(found) < MAX_CLAUSE_WORDS:
        tok = todo.pop()
        children = _verb_children(tok, vocab) if tok.pos_ in VERB_POS else _noun_children(tok, vocab)
        for c in children:
            if c.i not in found and not _inside(c, excluded):
                found[c.i] = c
                todo.append(c)
    return found


def cue_token(doc: Doc, st: Statement) -> Token | None:
    """Return the statement's reporting verb (its cue's first verb, else the cue's root), or None."""
    if st.cue_start is None or st.cue_end is None or st.cue_end <= st.cue_start:
        return None
    span = doc.char_span(st.cue_start, st.cue_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verbs = [t for t in span if t.pos_ in VERB_POS]
    return verbs[0] if verbs else span.root


def own_expression(st: Statement, cue: Token | None, expressions: Sequence[Expression],
                   paragraphs: Sequence[int], quoted: Sequence[tuple[int, int]],
                   clause: Mapping[int, Token], sentences: Sentences) -> Expression | None:
    """Return the expression that modifies the statement's reporting clause (see :mod:`.clause`), if any."""
    if cue is None:
        return None
    unit = unit_start(sentences.of(cue.i).start_char, cue.idx, paragraphs)
    excluded = [(st.start, st.end), *quoted]
    usable = [e for e in expressions if e.unit == unit
              and not inside(e.match.start, e.match.end, excluded if e.match.rule != "named" else excluded[:1])]
    attached = [e for e in usable if (e.anchor is not None and e.anchor in clause)
                or (e.holder is not None and e.holder in clause)]
    if attached:
        return min(attached, key=lambda e: abs(e.match.start - cue.idx))
    framing = [e for e in usable if e.framing and e.match.end <= cue.idx]
    return framing[-1] if framing else None
