"""Occasions as discourse objects: an event mentioned with a date is remembered, and a later mention dates.

An occasion is a noun of the occasion vocabulary (debate, summit, interview, report, cookout ...) that a temporal
expression modifies ("Tuesday's debate", "a 2014 Senate hearing", "a Labor Day cookout", "the first debate")
or that is an argument of a dated verb ("ran *a feature* Saturday", "was on the scene Tuesday *for a protest*").
A later definite mention of it in a statement's reporting clause ("after *the debate*", "at *the summit*", "in
*that interview*", "at *his* cookout") gives the statement the occasion's date; nouns of one synonym group
(summit, meeting, talks) name one occasion. This is the event coreference of TimeML-style news timelines,
kept to what the article itself dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.dating.attach import Expression
from bot.extraction.dating.calendar import Resolved, count, shift
from bot.extraction.dating.clause import is_vehicle
from bot.extraction.dating.vocabulary import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Arguments of a dated verb that name its occasion ("held a rally Tuesday", "the debate took place Monday").
OCCASION_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
# Prepositions of a dated verb that name its occasion ("spoke Tuesday at a rally", "on the scene for a protest").
OCCASION_PREPOSITIONS = frozenset({"at", "for", "in", "during", "to"})
# Determiners of a mention that refers back to an occasion already told ("the debate", "that interview").
DEFINITE_DETERMINERS = frozenset({"the", "that", "this", "those", "these"})
# Determiners of a mention that brings in an occasion not told before ("in an interview", "in a statement").
INDEFINITE_DETERMINERS = frozenset({"a", "an"})


@dataclass(frozen=True, slots=True)
class Occasion:
    """A dated occasion of the article: its noun's synonym group, where it is mentioned, its date and words."""

    group: str
    start: int
    value: Resolved
    text: str


def _group(tok: Token, vocab: Vocabulary) -> str:
    lemma = tok.lemma_.lower()
    return vocab.occasion_synonyms.get(lemma, vocab.occasion_synonyms.get(tok.lower_, lemma))


def _occasion_nouns(doc: Doc, e: Expression, vocab: Vocabulary) -> Iterable[Token]:
    """Return the occasion nouns ``e`` dates: the noun it modifies, or the occasion arguments of its verb."""
    holder = doc[e.holder] if e.holder is not None else None
    if holder is not None and is_vehicle(holder, vocab):
        yield holder
        return
    verb = doc[e.anchor] if e.anchor is not None else holder
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return
    for c in verb.children:
        if c.dep_ in OCCASION_ARGUMENT_DEPS and is_vehicle(c, vocab):
            yield c
        elif c.dep_ == "prep" and c.lower_ in OCCASION_PREPOSITIONS:
            yield from (p for p in c.children if p.dep_ == "pobj" and is_vehicle(p, vocab))


def current_period(e: Expression, value: Resolved) -> bool:
    """Return True for "this year", "this month": the period a figure is for ("its forecast for this year")."""
    rule = e.match.relative
    return rule is not None and rule.offset == 0 and value.precision != "day"


def find_occasions(doc: Doc, expressions: Sequence[Expression], values: Mapping[int, Resolved],
                   vocab: Vocabulary) -> list[Occasion]:
    """Return the dated occasions of ``doc`` in text order (``values``: the value of each expression by id)."""
    found: list[Occasion] = []
    for e in expressions:
        value = values.get(id(e))
        if value is None or current_period(e, value):
            continue
        for noun in _occasion_nouns(doc, e, vocab):
            found.append(Occasion(_group(noun, vocab), noun.idx, value, e.match.text))
    found.sort(key=lambda o: o.start)
    return found


def _story_occasion(tok: Token, vocab: Vocabulary) -> bool:
    """Return True for a noun that can name the story's own event ("the meeting"), not a medium ("the show")."""
    return tok.lemma_.lower() in vocab.story_occasions or tok.lower_ in vocab.story_occasions


def _definite(tok: Token) -> bool:
    return any((c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) or c.dep_ == "poss" for c in tok.children)


def anchored_occasion(clause: Iterable[Token], occasions: Sequence[Occasion], vocab: Vocabulary,
                      peg: Occasion | None = None) -> Occasion | None:
    """Return the earlier occasion a definite occasion noun of the reporting ``clause`` refers back to, if any.

    A definite mention of no dated occasion of its kind ("after the meeting", with only "leaders gathered
    Friday" before) is the story's own occasion: the ``peg``, when the lede dates one.
    """
    best: Occasion | None = None
    for tok in clause:
        if not is_vehicle(tok, vocab) or not _definite(tok):
            continue
        group = _group(tok, vocab)
        earlier = [o for o in occasions if o.group == group and o.start < tok.idx]
        found = earlier[-1] if earlier else (
            peg if peg is not None and peg.start < tok.idx and _story_occasion(tok, vocab) else None)
        if found is not None and (best is None or found.start > best.start):
            best = found
    return best


def new_occasion(clause: Iterable[Token], vocab: Vocabulary) -> bool:
    """Return True when the reporting clause brings in an occasion of its own: "said *in an interview*".

    Only an occasion in a prepositional phrase counts: the object of the cue ("expressed *an opinion*") is
    what was said, not where.
    """
    return any(tok.dep_ == "pobj" and is_vehicle(tok, vocab) and any(
        c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in tok.children) for tok in clause)


def news_peg(timeline: Sequence[Expression], values: Mapping[int, Resolved], lede_end: int) -> Occasion | None:
    """Return the story's occasion: the first past day of a main clause in the lede (before ``lede_end``)."""
    for e in timeline:
        if e.match.start >= lede_end:
            return None
        value = values.get(id(e))
        if e.main_clause and e.tense != "future" and value is not None and value.precision == "day":
            return Occasion("", e.match.start, value, e.match.text)
    return None


def from_occasion(doc: Doc, e: Expression, occasions: Sequence[Occasion], vocab: Vocabulary,
                  peg: Occasion | None) -> Resolved | None:
    """Resolve "the day before the debate" from the debate's date: the latest occasion of that kind before it."""
    rule = e.match.relative
    if rule is None or e.relative_to is None:
        return None
    noun = doc[e.relative_to]
    group = _group(noun, vocab)
    earlier = [o for o in occasions if o.group == group and o.start < noun.idx]
    occasion = earlier[-1] if earlier else (
        peg if peg is not None and _definite(noun) and _story_occasion(noun, vocab) else None)
    if occasion is None or occasion.value.precision != "day":
        return None
    return shift(occasion.value.value, rule.unit, rule.offset * (count(e.match, vocab) if rule.counted else 1))
