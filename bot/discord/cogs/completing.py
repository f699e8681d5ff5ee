"""Autocomplete of slash options from this server's data: speaker names and statement ids."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands.completion import Suggestion, speaker_suggestions, statement_suggestions
from bot.commands.core import Commands
from bot.discord.cogs.common import context_of_interaction

Choices = list[app_commands.Choice[str]]


def choices(suggestions: tuple[Suggestion, ...]) -> Choices:
    """Return suggestions as Discord choices."""
    return [app_commands.Choice(name=s.label, value=s.value) for s in suggestions]


class Completing(commands.Cog):
    """A base cog with autocomplete callbacks, for a cog holding the command layer as ``runtime``.

    Used as ``@app_commands.autocomplete(speaker=Completing.complete_speaker)``: discord.py passes the cog as
    ``self``. Suggestions are scoped like every query: the server, or in DMs the user's private space.
    """

    runtime: Commands

    async def complete_speaker(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        """Suggest this server's speakers for what is typed."""
        cctx = context_of_interaction(interaction)
        return choices(await speaker_suggestions(self.runtime.service, cctx, current))

    async def complete_statement(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        """Suggest this server's statements (by id or by words) for what is typed."""
        cctx = context_of_interaction(interaction)
        return choices(await statement_suggestions(self.runtime.service, cctx, current))
