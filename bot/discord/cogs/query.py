"""Finding saved quotes: /quotes, /speakers, /search, /timeline, /article, /export, /help."""

from __future__ import annotations

from typing import Any, Literal

from discord import app_commands
from discord.ext import commands

from bot.commands import KindChoice
from bot.discord.cogs.common import run_command
from bot.discord.cogs.completing import Completing
from bot.discord.deferring import defer
from bot.discord.deps import BotDeps

Page = app_commands.Range[int, 1, 100_000]
KIND_HELP = "quotes (speech, the default), beliefs (thought), findings (evidence), or all"
Ctx = commands.Context[Any]
# mypy cannot infer discord.py's hybrid_command overloads (a union of Concatenate callables), hence the
# ignores on the decorators; pyright accepts them.


class QueryCog(Completing, name="Quotes"):
    """Read-only commands over the quotes saved in this server (or in your DMs, your private space)."""

    def __init__(self, bot: commands.Bot, deps: BotDeps) -> None:
        self.bot = bot
        self.runtime = deps.runtime

    @commands.hybrid_command(name="quotes", description="Saved quotes, newest first, of all or one speaker")  # type: ignore[arg-type]
    @app_commands.describe(speaker="a name, alias or unambiguous last name", page="page number", kind=KIND_HELP)
    @app_commands.autocomplete(speaker=Completing.complete_speaker)
    async def quotes(self, ctx: Ctx, speaker: str | None = None, page: Page | None = None,
                     kind: KindChoice | None = None) -> None:
        """Show saved quotes, newest first: everybody's, or one speaker's (a last name is enough)."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.quotes(c, speaker, page or 1, kind=kind or "speech"))

    @commands.hybrid_command(name="speakers", description="People quoted here, most quoted first")  # type: ignore[arg-type]
    @app_commands.describe(page="page number")
    async def speakers(self, ctx: commands.Context[Any], page: Page | None = None) -> None:
        """List the people and organisations quoted in this server, most quoted first."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.speakers(c, page or 1))

    @commands.hybrid_command(name="search", description="Find quotes by words in the quote or speaker")  # type: ignore[arg-type]
    @app_commands.describe(words="words to find (evacuate also finds evacuation)", page="page number",
                           kind=KIND_HELP)
    async def search(self, ctx: commands.Context[Any], words: str, page: Page | None = None,
                     kind: KindChoice | None = None) -> None:
        """Find quotes by words in the quote or the speaker's name."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.search(c, words, page or 1, kind=kind or "speech"))

    @commands.hybrid_command(name="timeline", description="Quotes in date order, oldest first")  # type: ignore[arg-type]
    @app_commands.describe(speaker="only this speaker", date_from="from this date (YYYY-MM-DD)",
                           date_to="up to this date (YYYY-MM-DD)", article="only this article (e.g. A3)",
                           page="page number", kind=KIND_HELP)
    # Shown as from/to, as the prefix command's options are typed; "from" cannot name a Python parameter.
    @app_commands.rename(date_from="from", date_to="to")
    @app_commands.autocomplete(speaker=Completing.complete_speaker)
    async def timeline(self, ctx: Ctx, speaker: str | None = None, date_from: str | None = None,
                       date_to: str | None = None, article: str | None = None,
                       page: Page | None = None, kind: KindChoice | None = None) -> None:
        """Show quotes in date order, oldest first (undated last)."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.timeline(c, speaker, date_from=date_from, date_to=date_to,
                                                     article=article, page=page or 1, kind=kind or "speech"))

    @commands.hybrid_command(name="article", description="A saved article: source, date and its statements")  # type: ignore[arg-type]
    @app_commands.describe(ref="the article id, e.g. A3", kind=KIND_HELP)
    async def article(self, ctx: commands.Context[Any], ref: str, kind: KindChoice | None = None) -> None:
        """Show a saved article: where it came from, its date, and the statements it reports."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.article(c, ref, kind=kind or "speech"))

    @commands.hybrid_command(name="export", description="Export saved quotes as a CSV or JSON file")  # type: ignore[arg-type]
    @app_commands.describe(fmt="file format", speaker="only this speaker's quotes", kind=KIND_HELP)
    @app_commands.rename(fmt="format")
    @app_commands.autocomplete(speaker=Completing.complete_speaker)
    async def export(self, ctx: commands.Context[Any], fmt: Literal["csv", "json"],
                     speaker: str | None = None, kind: KindChoice | None = None) -> None:
        """Export the saved quotes (all, or one speaker's) as a CSV or JSON file."""
        rt = self.runtime
        if ctx.interaction is not None:
            await defer(ctx.interaction)  # a large export takes longer than 3 s; a refusal still goes private
        await run_command(ctx, rt, lambda c: rt.export(c, fmt, speaker, kind=kind or "speech"))

    @commands.hybrid_command(name="help", description="The commands, or how to use one")  # type: ignore[arg-type]
    @app_commands.describe(command="a command name, e.g. quotes")
    async def help(self, ctx: commands.Context[Any], command: str | None = None) -> None:
        """Show the commands, or how to use one."""
        rt = self.runtime
        await run_command(ctx, rt, lambda c: rt.help(c, command))
