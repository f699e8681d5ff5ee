"""Kept candidates to :class:`Statement` objects: the speaker of each source mention, resolved in text order.

Speaker resolution is :mod:`bot.extraction.speakers`' job; this module only calls it, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.attribution.questions import QUESTION_PUT
from bot.extraction.model import Statement, StatementType
from bot.extraction.quotes import classify
from bot.extraction.speakers import Entity, SpeakerResolver, SpeakersConfig, choose_speaker
from bot.extraction.speakers.config import DEFAULT_CONFIG as DEFAULT_SPEAKERS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bot.extraction.attribution.candidate import Candidate
    from bot.extraction.attribution.context import Context


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a candidate's source is: the resolved name, role, the mention as written and its offsets."""

    name: str | None = None
    role: str | None = None
    mention: str | None = None
    span: tuple[int, int] | None = None


NO_SPEAKER = Speaker()


def _statement(ctx: Context, cand: Candidate, who: Speaker) -> Statement:
    text = ctx.text
    stype: StatementType = classify(text, cand.start, cand.end, ctx.mask)  # type: ignore[assignment]
    has_cue = cand.cue_start is not None and cand.cue_end is not None
    return Statement(
        type=stype, quote=text[cand.start:cand.end], start=cand.start, end=cand.end,
        speaker=who.name, speaker_mention=who.mention, speaker_role=who.role,
        cue=text[cand.cue_start:cand.cue_end] if has_cue else None,
        speaker_start=who.span[0] if who.span else None, speaker_end=who.span[1] if who.span else None,
        cue_start=cand.cue_start, cue_end=cand.cue_end,
    )


def statements(ctx: Context, cands: Sequence[Candidate], speaker_config: SpeakersConfig | None = None,
               keep_unnamed_continuations: bool = False) -> list[Statement]:
    """Return the statements of the kept candidates; a floating quote without a source mention is dropped, unless
    it goes on a statement with a cue (``keep_unnamed_continuations``: then it shares that statement's null
    speaker)."""
    resolver = SpeakerResolver(ctx.doc, speaker_config or DEFAULT_SPEAKERS)
    recent: list[tuple[int, Entity]] = []
    speakers: list[Speaker] = []
    cued: list[bool] = []  # whether each candidate became a statement with a cue
    out: list[Statement] = []
    for cand in cands:
        continues = cand.inherit_from is not None and keep_unnamed_continuations and cued[cand.inherit_from]
        cued.append(False)
        if cand.inherit_from is not None:
            who = speakers[cand.inherit_from]
        else:
            # The only call into speaker resolution: from the source mention, else from the cue's subject.
            # (A question put to someone is the asker's: the sentence's subject is the one asked.)
            cue = None if cand.rel == QUESTION_PUT else cand.cue_start
            choice = choose_speaker(resolver, cand.mention, cue, recent)
            who = Speaker(choice.speaker, choice.role, choice.mention, choice.span)
        if cand.origin == "floating" and who.mention is None and not continues:
            speakers.append(NO_SPEAKER)
            continue
        speakers.append(who)
        out.append(_statement(ctx, cand, who))
        cued[-1] = out[-1].cue is not None
    return out
