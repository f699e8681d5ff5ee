"""Dates for statements: each one's own expression, else the date it inherits, else the article date.

- Deictic words ("yesterday", "last week") count from the article date; anaphoric ones ("the day before",
  "two days later") from the reference time in force: the most recent day given to a statement or to a
  main-clause event earlier in the article (``On September 2, the Front reported ...``), else the article date.
- A statement with no expression of its own inherits the date of the preceding statement when that one has a
  date from the text and is near enough (:class:`DatingConfig`: the same paragraph, or the previous paragraph
  with the same speaker), and its own cue is not in the present tense ("says"); else it gets the article
  date; with no article date it stays undated.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from bot.extraction.dating.attach import (
    Expression,
    cue_token,
    find_expressions,
    inside,
    own_expression,
    paragraph_of,
    paragraph_starts,
    quoted_regions,
)
from bot.extraction.dating.calendar import Resolved
from bot.extraction.dating.events import resolve_any
from bot.extraction.dating.config import DEFAULT_DATING_CONFIG, DatingConfig
from bot.extraction.dating.vocabulary import Vocabulary, vocabulary
from bot.extraction.dating.voices import same_voice
from bot.extraction.model import Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _present_tense(cue: Token | None) -> bool:
    """Return True for a present or present-perfect cue ("says", "has argued"): it speaks now, not back then."""
    if cue is None:
        return False
    return cue.tag_ in PRESENT_TAGS or (
        cue.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in PRESENT_TAGS for c in cue.children))


def _same_speaker(a: Statement, b: Statement) -> bool:
    return a.speaker is not None and b.speaker is not None and a.speaker.casefold() == b.speaker.casefold()


def inherits(st: Statement, paragraph: int, prev_paragraph: int, prev: Statement, config: DatingConfig) -> bool:
    """Return True when ``st`` (no date of its own) continues the dated discourse of ``prev``.

    The previous statement must carry a date from the text (its own or inherited, not the article's) and be
    close enough: a new voice in a new paragraph is, in news writing, back to the present.
    """
    if prev.date_basis in (None, "article"):
        return False
    gap = paragraph - prev_paragraph
    window = config.inherit_paragraphs_same_speaker if _same_speaker(st, prev) else config.inherit_paragraphs
    return 0 <= gap <= max(window, config.inherit_paragraphs)


def _resolve_in_order(expressions: Sequence[Expression], own: Sequence[Expression | None],
                      quoted: Sequence[tuple[int, int]], article: date | None, vocab: Vocabulary,
                      config: DatingConfig) -> dict[int, Resolved]:
    """Resolve the expressions that move the reference time, in text order; keyed by ``id`` of the expression.

    The reference time moves with every statement's own expression and every main-clause expression outside
    reported content; only day-precision values become the reference in force.
    """
    own_ids = {id(e) for e in own if e is not None}
    timeline = [e for e in expressions
                if id(e) in own_ids or (e.main_clause and not inside(e.match.start, e.match.end, quoted))]
    resolved: dict[int, Resolved] = {}
    in_force: date | None = None  # nothing in force yet: backward phrases count from the article date
    for e in timeline:
        value = resolve_any(e.match, article=article, reference=in_force, tense=e.tense, vocab=vocab, config=config)
        if value is None:
            log.debug("temporal expression without a value: %r", e.match.text)
            continue
        resolved[id(e)] = value
        if value.precision == "day":
            in_force = value.value
    return resolved


def _dated(st: Statement, expr: Expression | None, value: Resolved | None, heir: Statement | None,
           article: date | None) -> Statement:
    """Return ``st`` with its own date, else the date of ``heir`` it inherits, else the article date."""
    if value is not None and expr is not None:
        return replace(st, date=value.value.isoformat(), date_text=expr.match.text, date_basis=value.basis,
                       date_precision=value.precision)
    if heir is not None:
        return replace(st, date=heir.date, date_text=heir.date_text, date_basis="inherited",
                       date_precision=heir.date_precision)
    if article is not None:
        return replace(st, date=article.isoformat(), date_text=None, date_basis="article", date_precision="day")
    return replace(st, date=None, date_text=None, date_basis=None, date_precision=None)


def date_statements(doc: Doc, statements: list[Statement], reference: date | None,
                    config: DatingConfig | None = None, vocab: Vocabulary | None = None) -> list[Statement]:
    """Give every statement ``date``, ``date_text`` and ``date_basis`` (the article date is ``reference``)."""
    if not statements:
        return statements
    config = config or DEFAULT_DATING_CONFIG
    vocab = vocab or vocabulary()
    text = doc.text
    expressions = find_expressions(doc, vocab, config)
    quoted = [*((s.start, s.end) for s in statements), *quoted_regions(text)]
    cues = [cue_token(doc, s) for s in statements]
    paragraphs = paragraph_starts(text)
    own = [own_expression(s, c, expressions, paragraphs, quoted, vocab)
           for s, c in zip(statements, cues, strict=True)]
    resolved = _resolve_in_order(expressions, own, quoted, reference, vocab, config)
    dated: list[Statement] = []
    history: list[tuple[int, Statement]] = []  # the statements dated so far, with their paragraphs
    for st, cue, expr in zip(statements, cues, own, strict=True):
        paragraph = paragraph_of(cue.idx if cue is not None else st.start, paragraphs)
        present = _present_tense(cue)
        heir = None if present else _heir(st, paragraph, history, config)
        new = _dated(st, expr, resolved.get(id(expr)) if expr is not None else None, heir, reference)
        if new.date is not None and not present:
            history.append((paragraph, new))
        dated.append(new)
    return dated


def _heir(st: Statement, paragraph: int, history: Sequence[tuple[int, Statement]],
          config: DatingConfig) -> Statement | None:
    """Return the statement whose occasion ``st`` continues: the one just before, else its voice's last one.

    A voice keeps its occasion over ``config.voice_paragraphs`` paragraphs, other voices in between or not,
    until it speaks again with the article date (a new, undated occasion).
    """
    if not history:
        return None
    if inherits(st, paragraph, *history[-1], config):
        return history[-1][1]
    for prev_paragraph, prev in reversed(history):
        if paragraph - prev_paragraph > config.voice_paragraphs:
            return None
        if same_voice(st, prev):
            return prev if prev.date_basis not in (None, "article") else None
    return None
