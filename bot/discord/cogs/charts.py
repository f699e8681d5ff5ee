"""Pictures: /chart (the timeline as a picture; as a prefix command it is ``!timeline … chart``) and /speaker."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands import KindChoice
from bot.discord.cogs.common import context_of_interaction, deliver, run_command
from bot.discord.cogs.completing import Completing
from bot.discord.deferring import defer
from bot.discord.deps import BotDeps

KIND_HELP = "quotes (speech, the default), beliefs (thought), findings (evidence), or all"
Ctx = commands.Context[Any]


class ChartsCog(Completing, name="Charts"):
    """The saved quotes as pictures; drawing runs in a thread (the command layer), off the event loop."""

    def __init__(self, bot: commands.Bot, deps: BotDeps) -> None:
        self.bot = bot
        self.runtime = deps.runtime

    @app_commands.command(name="chart", description="The timeline as a picture: who said what, when")
    @app_commands.describe(speaker="only this speaker", date_from="from this date (YYYY-MM-DD)",
                           date_to="up to this date (YYYY-MM-DD)", article="only this article (e.g. A3)",
                           kind=KIND_HELP)
    @app_commands.rename(date_from="from", date_to="to")  # as /timeline shows them
    @app_commands.autocomplete(speaker=Completing.complete_speaker)
    async def chart(self, interaction: discord.Interaction[Any], speaker: str | None = None,
                    date_from: str | None = None, date_to: str | None = None, article: str | None = None,
                    kind: KindChoice | None = None) -> None:
        """Draw the timeline as a picture, with the same filters as /timeline."""
        rt = self.runtime
        cctx = context_of_interaction(interaction)
        await defer(interaction)  # drawing may take longer than Discord's 3 s; a refusal still goes private
        reply = await rt.timeline_chart(cctx, speaker, date_from=date_from, date_to=date_to, article=article,
                                        kind=kind or "speech")
        await deliver(interaction, rt, cctx, reply)

    @commands.hybrid_command(name="speaker", description="One speaker: names, roles, statements, articles")  # type: ignore[arg-type]
    @app_commands.describe(name="a name, alias or unambiguous last name")
    @app_commands.autocomplete(name=Completing.complete_speaker)
    async def speaker(self, ctx: Ctx, *, name: str) -> None:
        """Show one speaker: names, roles, statements by kind, first and last, articles, statements per week."""
        rt = self.runtime
        if ctx.interaction is not None:
            await defer(ctx.interaction)
        await run_command(ctx, rt, lambda c: rt.speaker(c, name))
