"""Dates for statements: each one's own expression, else its occasion's, else what it inherits, else the article's.

- Deictic words ("yesterday", "last week") count from the article date; anaphoric ones ("the day before",
  "two days later") from the reference time in force: the most recent day given to a statement or to a
  main-clause event earlier in the article (``On September 2, the Front reported ...``), else the article date.
- A statement's own expression is one in its reporting clause (:mod:`.clause`); else a definite mention of a
  dated occasion there ("after the debate", :mod:`.occasions`) dates it; else it continues the occasion before
  it (:mod:`.inherit`); else it gets the article date (basis ``article``, also for standing positions in the
  present tense: "says", "has long argued"); with no article date it stays undated. A summary left on the
  article date may then take the date of the words after it that it sums up (:mod:`.lede`).
- ``date_text`` holds the words that dated the statement, even when they stand in another paragraph, and
  ``date_precision`` how much of the date they give (day, week, month, year, decade).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from bot.extraction.cached import text as doc_text
from bot.extraction.dating.attach import Expression, find_expressions
from bot.extraction.dating.calendar import Resolved
from bot.extraction.dating.clause import cue_token, own_expression, reporting_clause
from bot.extraction.dating.config import DEFAULT_DATING_CONFIG, DatingConfig
from bot.extraction.dating.events import resolve_any
from bot.extraction.dating.inherit import Dating, Remembered, heir, of_value
from bot.extraction.dating.lede import Placed, date_lede_from_body
from bot.extraction.dating.occasions import (
    Occasion,
    anchored_occasion,
    current_period,
    find_occasions,
    from_occasion,
    new_occasion,
    news_peg,
)
from bot.extraction.dating.regions import Sentences, inside, paragraph_of, paragraph_starts, quoted_regions
from bot.extraction.dating.vocabulary import Vocabulary, vocabulary
from bot.extraction.dating.voices import voice_ids
from bot.extraction.model import Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# How precise a time in a main clause must be to set a scene (a framing adverbial sets one at any precision).
SCENE_PRECISIONS = frozenset({"day"})
# How many words after a framing time may name the subject it frames ("Saturday, Sen. Bernie Sanders said").
SUBJECT_WORDS = 4


def _present_tense(cue: Token | None) -> bool:
    """Return True for a present, present-progressive or present-perfect cue ("says", "is saying", "has argued").

    A conjoined participle shares its head's auxiliary: "has criticized ... and called for".
    """
    if cue is None:
        return False
    if cue.tag_ in PRESENT_TAGS:
        return True
    if cue.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in PRESENT_TAGS for c in cue.children):
        return True  # "officials are expecting", "Trump is questioning"
    verb = cue
    while verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "aux" for c in verb.children):
        verb = verb.head
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in PRESENT_TAGS for c in verb.children)


def _habitual(cue: Token | None, vocab: Vocabulary) -> bool:
    """Return True for a cue of many occasions: "frequently mocked", "often said", and its participles
    ("frequently mocked Romney ..., claiming that")."""
    if cue is None:
        return False
    verbs = [cue, cue.head] if cue.dep_ == "advcl" and cue.tag_ == "VBG" else [cue]
    return any(c.dep_ == "advmod" and c.lower_ in vocab.habitual_adverbs for v in verbs for c in v.children)


def _resolve_in_order(expressions: Sequence[Expression], own: Sequence[Expression | None],
                      quoted: Sequence[tuple[int, int]], article: date | None, vocab: Vocabulary,
                      config: DatingConfig) -> tuple[dict[int, Resolved], list[Expression]]:
    """Resolve every expression in text order (keyed by ``id``); return the values and the timeline.

    The reference time moves with the timeline: every statement's own expression and every main-clause
    expression outside reported content; only day-precision values become the reference in force.
    """
    own_ids = {id(e) for e in own if e is not None}
    timeline = [e for e in expressions
                if id(e) in own_ids or (e.main_clause and not inside(e.match.start, e.match.end, quoted))]
    timeline_ids = {id(e) for e in timeline}
    resolved: dict[int, Resolved] = {}
    in_force: date | None = None  # nothing in force yet: backward phrases count from the article date
    for e in expressions:
        if e.relative_to is not None:
            continue  # counted from an occasion, once the occasions are known (:func:`.occasions.from_occasion`)
        value = resolve_any(e.match, article=article, reference=in_force, tense=e.tense, vocab=vocab, config=config)
        if value is None:
            log.debug("temporal expression without a value: %r", e.match.text)
            continue
        resolved[id(e)] = value
        if value.precision == "day" and id(e) in timeline_ids:
            in_force = value.value
    return resolved, timeline


def _dated(st: Statement, dating: Dating | None, article: date | None) -> Statement:
    """Return ``st`` with ``dating``, else the article date, else undated."""
    if dating is not None:
        return replace(st, date=dating.date, date_text=dating.text, date_basis=dating.basis,
                       date_precision=dating.precision)
    if article is not None:
        return replace(st, date=article.isoformat(), date_text=None, date_basis="article", date_precision="day")
    return replace(st, date=None, date_text=None, date_basis=None, date_precision=None)


@dataclass(frozen=True, slots=True)
class _Article:
    """What dating reads once per article: the expressions and their values, occasions, paragraphs."""

    values: dict[int, Resolved]
    timeline: list[Expression]
    occasions: list[Occasion]
    peg: Occasion | None
    paragraphs: list[int]
    quoted: list[tuple[int, int]]
    own_ids: frozenset[int]  # the expressions that are statements' own
    article_day: date  # the article date (date.max when there is none): a scene is never after it
    text: str = ""


def _scene(art: _Article, paragraph: int, cue_at: int, config: DatingConfig) -> Dating | None:
    """Return the latest scene before ``cue_at`` in its paragraph or the ``scene_paragraphs`` before, if any.

    A scene is a framing adverbial ("On Sunday, ..."; "In 1998, ...") or a main-clause day ("protesters marched
    Sunday"), not in the future (by tense, or by date: "the states hold primaries on March 1"). A year or month
    inside a clause ("steady at 3.1 percent this year") is a measure, and the current year or month ("But this
    year, ...") a contrast, not a scene. The date of a statement's own words ("McConnell said Tuesday")
    passes on by the statement rules instead, beyond its paragraph.
    """
    own_paragraph = art.paragraphs[paragraph]
    first = art.paragraphs[max(0, paragraph - config.scene_paragraphs)]
    scene: Dating | None = None
    for e in art.timeline:
        if e.match.start >= cue_at:
            break
        value = art.values.get(id(e))
        if (e.match.start < first or value is None or e.tense == "future" or value.value > art.article_day
                or inside(e.match.start, e.match.end, art.quoted)
                or not (e.framing or (e.main_clause and value.precision in SCENE_PRECISIONS))
                or (e.match.start < own_paragraph and id(e) in art.own_ids)):
            continue
        # "But this year, ...": the present again, which ends an earlier scene without dating one
        scene = None if current_period(e, value) else of_value(value, e.match.text, e.match.start, "inherited")
    return scene


def _scene_of_the_speaker(st: Statement, scene: Dating, art: _Article) -> bool:
    """Return True when the speaker is the subject the scene frames: "In his statement Saturday, Sanders went
    further." sets the scene of Sanders' next words, whatever he was last heard saying."""
    name = (st.speaker or "").split()
    end = next((p for p in art.paragraphs if p > scene.start), len(art.text))
    time, comma, clause = art.text[scene.start:end].partition(",")
    if not (name and comma and time.strip() == scene.text):
        return False  # not a framing time ("Saturday, ..."): no subject of its own
    subject = " ".join(clause.split()[:SUBJECT_WORDS])
    return re.search(rf"\b{re.escape(name[-1])}\b", subject) is not None


def _occasion_dating(occasion: Occasion | None) -> Dating | None:
    return of_value(occasion.value, occasion.text, occasion.start, "inherited") if occasion is not None else None


def _on_the_article_date(voice: int, history: Sequence[Remembered]) -> bool:
    """Return True when the voice's last statement so far has the article date (an undated, present occasion)."""
    last = next((st for _, v, st in reversed(history) if v == voice), None)
    return last is not None and last.date_basis == "article"


def _statement_dating(st: Statement, voice: int, cue: Token | None, expr: Expression | None,
                      clause: dict[int, Token], art: _Article, history: Sequence[Remembered],
                      vocab: Vocabulary, config: DatingConfig) -> tuple[int, bool, Dating | None]:
    """Return the statement's paragraph, whether it speaks in the present, and what dates it."""
    at = cue.idx if cue is not None else st.start
    paragraph = paragraph_of(at, art.paragraphs)
    present = _present_tense(cue)
    value = art.values.get(id(expr)) if expr is not None else None
    if value is not None and expr is not None:
        return paragraph, present, of_value(value, expr.match.text, expr.match.start)
    if present:
        return paragraph, present, None
    occasion = _occasion_dating(anchored_occasion(clause.values(), art.occasions, vocab, art.peg))
    # "said in an interview": an occasion of its own, which only the voice's own last occasion may continue
    fresh = occasion is None and new_occasion(clause.values(), vocab)
    scene = None if fresh else _scene(art, paragraph, at, config)
    if (scene is not None and scene.start < art.paragraphs[paragraph] and _on_the_article_date(voice, history)
            and not _scene_of_the_speaker(st, scene, art)):
        scene = None  # a voice last heard on the article's own occasion stays there; other paragraphs' scenes aside
    found = occasion or heir(st, voice, paragraph, history, scene, config, own_voice_only=fresh)
    if found is not None and found.precision == "day" and _habitual(cue, vocab):
        # "frequently mocked": a standing position, not one day's words; like "says", it leaves the thread alone
        return paragraph, True, None
    return paragraph, present, found


def date_statements(doc: Doc, statements: list[Statement], reference: date | None,
                    config: DatingConfig | None = None, vocab: Vocabulary | None = None) -> list[Statement]:
    """Give every statement its ``date``, ``date_text``, ``date_basis`` and ``date_precision``.

    ``reference`` is the article date.
    """
    if not statements:
        return statements
    config = config or DEFAULT_DATING_CONFIG
    vocab = vocab or vocabulary()
    text = doc_text(doc)  # (Doc.text joins every token on each access)
    sentences = Sentences(doc)
    expressions = find_expressions(doc, vocab, config, sentences)
    titles = quoted_regions(text)
    quoted = [*((s.start, s.end) for s in statements), *titles]
    cues = [cue_token(doc, s) for s in statements]
    clauses = [reporting_clause(c, [(s.start, s.end), *titles], vocab) if c is not None else {}
               for s, c in zip(statements, cues, strict=True)]
    paragraphs = paragraph_starts(text)
    own = [own_expression(s, c, expressions, paragraphs, quoted, cl, sentences)
           for s, c, cl in zip(statements, cues, clauses, strict=True)]
    values, timeline = _resolve_in_order(expressions, own, quoted, reference, vocab, config)
    lede_end = paragraphs[config.lede_paragraphs] if config.lede_paragraphs < len(paragraphs) else len(text)
    occasions = find_occasions(doc, expressions, values, vocab)
    peg = news_peg(timeline, values, lede_end)
    for e in expressions:
        if e.relative_to is not None and (value := from_occasion(doc, e, occasions, vocab, peg)) is not None:
            values[id(e)] = value
    art = _Article(values, timeline, occasions, peg, paragraphs, quoted, frozenset(id(e) for e in own if e is not None),
                   reference or date.max, text)
    placed: list[Placed] = []
    history: list[Remembered] = []  # the statements dated so far (not in the present)
    for st, voice, cue, expr, clause in zip(statements, voice_ids(statements), cues, own, clauses, strict=True):
        paragraph, present, dating = _statement_dating(st, voice, cue, expr, clause, art, history, vocab, config)
        new = _dated(st, dating, reference)
        if new.date is not None and not present:
            history.append((paragraph, voice, new))
        placed.append(Placed(new, paragraph, voice, present))
    return date_lede_from_body(placed, config) if config.lede_reach else [p.statement for p in placed]
