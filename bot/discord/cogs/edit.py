"""Corrections: /fix and /forget (the user who added the statement's first article, or the article; or a
moderator), and /alias and /reextract (moderators: Manage Messages in the server)."""

from __future__ import annotations

from typing import Any

from discord import app_commands
from discord.ext import commands

from bot.discord.cogs.common import context_of, run_command
from bot.discord.cogs.completing import Completing
from bot.discord.deferring import defer
from bot.discord.deps import BotDeps

Ctx = commands.Context[Any]
# mypy cannot infer discord.py's hybrid_command overloads (a union of Concatenate callables), hence the
# ignores on the decorators; pyright accepts them.


class EditCog(Completing, name="Corrections"):
    """Commands that change saved data. The command layer checks who may (is_moderator = Manage Messages)."""

    def __init__(self, bot: commands.Bot, deps: BotDeps) -> None:
        self.bot = bot
        self.runtime = deps.runtime

    @commands.hybrid_command(name="alias", description="Make a name another name of a speaker (merges them)")  # type: ignore[arg-type]
    @app_commands.describe(name="the other name, e.g. Kirby", canonical="the speaker's full name")
    @app_commands.autocomplete(name=Completing.complete_speaker, canonical=Completing.complete_speaker)
    async def alias(self, ctx: commands.Context[Any], name: str, canonical: str) -> None:
        """Make a name another name of a speaker, merging the two if both exist."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.alias(c, name, canonical))

    @commands.hybrid_command(name="fix", description="Correct who said a statement")  # type: ignore[arg-type]
    @app_commands.describe(statement="the statement id, e.g. S12", speaker="who really said it")
    @app_commands.autocomplete(statement=Completing.complete_statement, speaker=Completing.complete_speaker)
    async def fix(self, ctx: commands.Context[Any], statement: str, speaker: str) -> None:
        """Correct who said a statement."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.fix(c, statement, speaker))

    @commands.hybrid_command(name="forget", description="Delete a statement (S12) or an article (A3)")  # type: ignore[arg-type]
    @app_commands.describe(ref="a statement id (S12) or an article id (A3)")
    @app_commands.autocomplete(ref=Completing.complete_statement)
    async def forget(self, ctx: commands.Context[Any], ref: str) -> None:
        """Delete a statement, or an article with the statements only it reports."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.forget(c, ref))

    @commands.hybrid_command(name="reextract",  # type: ignore[arg-type]
                             description="Re-extract saved articles with the current extractor (moderators)")
    async def reextract(self, ctx: commands.Context[Any]) -> None:
        """Re-run the current extractor over this server's saved articles, keeping every correction."""
        rt = self.runtime
        if ctx.interaction is not None:
            # Re-extracting many articles takes longer than Discord's 3 s; a refusal stays private.
            await defer(ctx.interaction, ephemeral=not context_of(ctx).is_moderator)
            await run_command(ctx, rt, lambda c: rt.reextract(c))
            return
        async with ctx.typing():
            await run_command(ctx, rt, lambda c: rt.reextract(c))
