"""Deferring an interaction, and answering it afterwards with the visibility each reply asks for.

Discord shows what fills a deferred response (the first follow-up, or an edit of the original) with the
defer's visibility, whatever its own flags say: a private refusal after a public defer would be public. So a
reply whose visibility differs from its pending defer's first deletes the "thinking..." message; the
follow-up is then a new message with its own flags.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)

# Interaction.extras keys: whether the pending "thinking..." message of this interaction is ephemeral (set by
# defer below), and that it was filled (so a defer made elsewhere is looked up once at most).
PENDING_DEFER = "quotebot.pending_defer_ephemeral"
FILLED = "quotebot.defer_filled"


async def defer(interaction: discord.Interaction[Any], *, ephemeral: bool = False) -> None:
    """Acknowledge ``interaction`` with a "thinking..." message (work to do past Discord's 3 seconds)."""
    # thinking=True: a modal submit otherwise gets a silent "update the message" defer, invalid after a
    # modal opened from a slash command. Slash commands and menus always show the thinking message.
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    interaction.extras[PENDING_DEFER] = ephemeral


async def follow_up(interaction: discord.Interaction[Any], *, ephemeral: bool,
                    **kwargs: Any) -> discord.WebhookMessage:
    """Send a follow-up seen as ``ephemeral`` says, even when it is the first one after a defer."""
    pending = interaction.extras.pop(PENDING_DEFER, None)
    if pending is None:
        pending = await _untracked_defer(interaction)
    interaction.extras[FILLED] = True
    if pending is not None and pending != ephemeral:
        try:
            await interaction.delete_original_response()
        except discord.HTTPException as exc:  # gone already (a user may dismiss it): follow up anyway
            log.debug("could not delete the thinking message: %s", exc)
    return await interaction.followup.send(**kwargs, ephemeral=ephemeral, wait=True)


async def _untracked_defer(interaction: discord.Interaction[Any]) -> bool | None:
    """Return whether a "thinking..." message deferred without :func:`defer` (``ctx.defer()``) and not yet
    filled is ephemeral, by asking Discord for it; None when there is none."""
    if interaction.extras.get(FILLED) or \
            interaction.response.type is not discord.InteractionResponseType.deferred_channel_message:
        return None
    try:
        original = await interaction.original_response()
    except discord.HTTPException as exc:
        log.debug("could not read the thinking message: %s", exc)
        return None
    return original.flags.ephemeral
