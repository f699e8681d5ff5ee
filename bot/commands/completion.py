"""Suggestions while a user types a command option: this server's speaker names and statement ids.

Transport-neutral: a Discord autocomplete callback (or any other front end) turns them into its choices.
What the user typed is untrusted; it is clipped, and a failure gives no suggestions rather than an error.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass

from bot.commands.context import CommandContext
from bot.commands.core import speaker_label
from bot.service import SUGGESTIONS, Service, StatementRecord

log = logging.getLogger(__name__)

LABEL_CHARS = 100  # Discord's limit on a choice's name and value
TYPED_CHARS = 100  # what is looked up of the typed text (an option can hold 6,000 characters)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggestion: what the user reads, and what the option is set to when they pick it."""

    label: str
    value: str


def one_line(text: str, limit: int = LABEL_CHARS) -> str:
    """Return ``text`` on one line without control or format characters, clipped to ``limit``."""
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    flat = " ".join(kept.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def statement_label(st: StatementRecord) -> str:
    """Return a statement as one choice line: "S12 · John Kirby: “We are not going…”"."""
    who = speaker_label(st.speaker, st.speaker_mention)
    return one_line(f"{st.ref} · {who}: “{one_line(st.quote, LABEL_CHARS)}”")


async def speaker_suggestions(service: Service, ctx: CommandContext, typed: str) -> tuple[Suggestion, ...]:
    """Return the speakers of the sender's server for what they typed (at most 25)."""
    try:
        names = await service.speakers_like(ctx.guild_id, one_line(typed, TYPED_CHARS), SUGGESTIONS)
    except Exception:  # a suggestion list must never turn into an error shown while typing
        log.exception("speaker suggestions failed (guild %d, %d chars typed)", ctx.guild_id, len(typed))
        return ()
    fitting = (n for n in names if 0 < len(n) <= LABEL_CHARS)  # a longer name cannot be a choice's value
    return tuple(Suggestion(one_line(n), n) for n in fitting)


async def statement_suggestions(service: Service, ctx: CommandContext, typed: str) -> tuple[Suggestion, ...]:
    """Return statements of the sender's server for what they typed: an id, or words (at most 25)."""
    try:
        found = await service.statements_like(ctx.guild_id, one_line(typed, TYPED_CHARS), SUGGESTIONS)
    except Exception:  # a suggestion list must never turn into an error shown while typing
        log.exception("statement suggestions failed (guild %d, %d chars typed)", ctx.guild_id, len(typed))
        return ()
    return tuple(Suggestion(statement_label(st), st.ref) for st in found)
