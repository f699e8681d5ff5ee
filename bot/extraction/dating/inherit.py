"""Inheritance that follows the occasion: which earlier date a statement without one of its own continues.

In news writing a dated occasion carries on until the text moves away from it: the next statements of the same
paragraph, the same speaker in the next paragraph, and the same *voice* (:mod:`.voices`) over a few paragraphs,
until a new speaker intervenes or that voice speaks again on an undated occasion. A dated scene ("On Sunday,
Jimmy Tompkins tossed a football ...") dates the statements after it in its paragraph, unless a statement
with a date comes between. A present-tense cue ("says", "has long argued") speaks now and inherits nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.extraction.dating.calendar import Resolved
from bot.extraction.dating.config import DatingConfig
from bot.extraction.dating.voices import same_voice
from bot.extraction.model import DateBasis, DatePrecision, Statement

# Precisions too coarse to pass from one voice to another.
COARSE: frozenset[DatePrecision | None] = frozenset({"month", "year", "decade"})


@dataclass(frozen=True, slots=True)
class Dating:
    """What dates a statement: the date (ISO), the words that give it, their precision, and the basis."""

    date: str
    text: str | None
    precision: DatePrecision
    basis: DateBasis
    start: int  # where the words (or the statement they came with) stand, to choose the most recent


def of_value(value: Resolved, text: str, start: int, basis: DateBasis | None = None) -> Dating:
    """Return the dating a resolved expression gives (``basis`` overrides the expression's own)."""
    return Dating(value.value.isoformat(), text, value.precision, basis or value.basis, start)


def of_statement(st: Statement) -> Dating | None:
    """Return the dating a statement passes on: its own from the text, None for the article date."""
    if st.date is None or st.date_basis in (None, "article"):
        return None
    return Dating(st.date, st.date_text, st.date_precision or "day", "inherited", st.start)


def _same_speaker(a: Statement, b: Statement) -> bool:
    return a.speaker is not None and b.speaker is not None and a.speaker.casefold() == b.speaker.casefold()


def inherits(st: Statement, paragraph: int, prev_paragraph: int, prev: Statement, config: DatingConfig) -> bool:
    """Return True when ``st`` (no date of its own) continues the dated discourse of ``prev``, just before it.

    The previous statement must carry a date from the text (its own or inherited, not the article's) and be
    close enough: a new voice in a new paragraph is, in news writing, back to the present.
    """
    if prev.date_basis in (None, "article"):
        return False
    if prev.date_precision in COARSE and not same_voice(st, prev):
        return False  # "a 2014 study found ..." dates that study, not the next source's words
    gap = paragraph - prev_paragraph
    window = config.inherit_paragraphs_same_speaker if _same_speaker(st, prev) else config.inherit_paragraphs
    return 0 <= gap <= max(window, config.inherit_paragraphs)


# What inheritance remembers of a statement already dated: its paragraph, its voice, the statement.
Remembered = tuple[int, int, Statement]


def _voice_heir(voice: int, paragraph: int, history: Sequence[Remembered], config: DatingConfig) -> Statement | None:
    for prev_paragraph, prev_voice, prev in reversed(history):
        if paragraph - prev_paragraph > config.voice_paragraphs:
            return None
        if prev_voice != voice:
            if config.voice_across_speakers:
                continue
            return None  # a new speaker intervened: the text has moved on from that occasion
        coarse_and_far = prev.date_precision in COARSE and prev_paragraph != paragraph
        return prev if prev.date_basis not in (None, "article") and not coarse_and_far else None
    return None


def heir(st: Statement, voice: int, paragraph: int, history: Sequence[Remembered], scene: Dating | None,
         config: DatingConfig, own_voice_only: bool = False) -> Dating | None:
    """Return the dating ``st`` continues: the statement just before, its voice's last one, or its scene.

    ``voice`` is the statement's voice (:func:`.voices.voice_ids`); ``history`` holds the statements dated so
    far; ``scene`` is the latest scene of the paragraph before the statement. The most recent of these wins.
    ``own_voice_only``: only the voice's own last occasion may continue ("he wrote in a blog post" after "he
    warned Saturday"), not another speaker's.
    """
    found: Statement | None = None
    if history and (not own_voice_only or history[-1][1] == voice) and inherits(
            st, paragraph, history[-1][0], history[-1][2], config):
        found = history[-1][2]
    elif history:
        found = _voice_heir(voice, paragraph, history, config)
    passed = of_statement(found) if found is not None else None
    if scene is not None and history and history[-1][2].start > scene.start and passed is None:
        return None  # a statement on the article date came after the scene: the text has left it
    if scene is not None and (passed is None or scene.start > passed.start):
        return scene
    return passed
