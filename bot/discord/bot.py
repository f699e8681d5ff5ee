"""The discord.py bot: intents, the command tree with its error handler, and clean shutdown.

The bot knows no cog: the runner (:mod:`bot.discord.runner`) hands it a factory that builds them, so no cog
module imports this one back.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Sequence
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.cogs.common import raw_text, run_text_command
from bot.discord.deps import BotDeps, Closer
from bot.discord.errors import reply_for, send_error_to_interaction
from bot.discord.replying import send_reply

log = logging.getLogger(__name__)

# Builds the cogs of a bot from the bot and its dependencies (see bot.discord.runner.make_cogs).
CogFactory = Callable[[commands.Bot, BotDeps], Sequence[commands.Cog]]


def make_intents() -> discord.Intents:
    """Return the gateway intents: defaults plus message content (prefix commands and auto-extract)."""
    intents = discord.Intents.default()
    intents.message_content = True  # privileged: prefix commands and auto-extract read message text
    intents.members = False  # not needed: permissions come with each message/interaction
    intents.presences = False
    return intents


SLASH_ONLY = ("the Message Content intent is off for this bot (Developer Portal -> Bot -> Privileged Gateway "
              "Intents): running slash-only; prefix commands and auto-extract are off")


def has_message_content(flags: discord.ApplicationFlags) -> bool:
    """Return whether the application may receive message text (the intent, or its limited form)."""
    return bool(flags.gateway_message_content or flags.gateway_message_content_limited)


class QuoteTree(app_commands.CommandTree[Any]):
    """The slash-command tree; its errors go to the one error handler."""

    async def on_error(self, interaction: discord.Interaction[Any],
                       error: app_commands.AppCommandError) -> None:
        """Answer the user privately with what went wrong (unexpected errors are logged)."""
        await send_error_to_interaction(interaction, error)


class QuoteBot(commands.Bot):
    """The bot: prefix + slash commands over the command layer. Closing it closes the pool and the DB."""

    def __init__(self, deps: BotDeps, cogs: CogFactory, **options: Any) -> None:
        # case_insensitive: phone keyboards type "!Extract"; it must reach the same command (and cooldown).
        super().__init__(command_prefix=commands.when_mentioned_or(deps.settings.command_prefix),
                         case_insensitive=True, intents=make_intents(), help_command=None, tree_cls=QuoteTree,
                         allowed_mentions=discord.AllowedMentions.none(), **options)
        self.deps = deps
        self._make_cogs = cogs
        self._shutdown_task: asyncio.Task[None] | None = None
        self._closing: asyncio.Future[None] | None = None
        self._background: set[asyncio.Task[None]] = set()

    async def setup_hook(self) -> None:
        """Add the cogs. Slash commands are NOT synced here: use `python -m bot sync` or the owner command."""
        await self._choose_intents()
        for cog in self._make_cogs(self, self.deps):
            await self.add_cog(cog)
        log.info("cogs loaded: %s", ", ".join(sorted(self.cogs)))
        for job in self.deps.on_start:
            task: asyncio.Task[None] = asyncio.get_running_loop().create_task(self._background_job(job))
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def _choose_intents(self) -> None:
        """Drop the Message Content intent before connecting when the application lacks it.

        Asking for it then makes Discord close the gateway (4014) and the bot exit; without it slash
        commands and the message menu still work.
        """
        try:
            flags = (await self.application_info()).flags
        except discord.HTTPException as exc:  # keep asking for it: the connection then says what is wrong
            log.warning("could not read the application's flags (%s); asking for Message Content", exc)
            return
        if not has_message_content(flags):
            # Intents are read from the connection state when identifying; Client.intents returns a copy.
            self._connection._intents.message_content = False
            log.warning(SLASH_ONLY)

    async def on_message(self, message: discord.Message, /) -> None:
        """Run prefix commands, unless slash-only (without Message Content only mentions and DMs have text)."""
        if self.intents.message_content:
            await self.process_commands(message)

    @staticmethod
    async def _background_job(job: Closer) -> None:
        try:
            await job()
        except Exception:
            log.exception("start-up job %s failed", getattr(job, "__qualname__", job))

    async def on_ready(self) -> None:
        """Log the connection (no command sync here: syncing on every start gets rate-limited)."""
        log.info("connected as %s (id %s) to %d guild(s)", self.user, self.user.id if self.user else "?",
                 len(self.guilds))

    async def on_command_error(self, context: commands.Context[Any], exception: commands.CommandError,
                               /) -> None:
        """Answer a failed prefix or hybrid command with a short reply; log unexpected errors."""
        if isinstance(exception, commands.CommandNotFound):
            await self.on_unknown_command(context)
            return
        if context.interaction is None and isinstance(exception, commands.UserInputError):
            # A typed prefix command the converters cannot read: the command layer's parser explains it in
            # the same words as in the console.
            await run_text_command(context, self.deps.runtime, context.message.content)
            return
        where = f"{context.clean_prefix}{context.command.qualified_name}" if context.command else "command"
        reply = reply_for(exception, context, where=where)
        try:
            await send_reply(context, reply, owner_id=context.author.id)
        except discord.HTTPException:
            log.exception("could not send the error reply for %s", where)

    async def on_unknown_command(self, context: commands.Context[Any]) -> None:
        """Answer an unknown ``!word`` only when it is close to one of ours; other bots' commands get silence."""
        runtime = self.deps.runtime
        reply = runtime.unknown_command(raw_text(context, runtime))
        if reply is None:
            return
        try:
            await send_reply(context, reply, owner_id=context.author.id)
        except discord.HTTPException:
            log.exception("could not send the unknown-command reply")

    def request_shutdown(self, signame: str = "signal") -> None:
        """Start closing the bot (from a signal handler); the running ``start()`` then returns."""
        if self._shutdown_task is None:
            log.info("%s received: shutting down", signame)
            self._shutdown_task = asyncio.get_running_loop().create_task(self.close())

    async def close(self) -> None:
        """Close the gateway and HTTP session, then the extraction pool and the database (once; all callers
        wait for the same shutdown)."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close_all())
        await asyncio.shield(self._closing)

    async def _close_all(self) -> None:
        await super().close()
        for name, closer in reversed(self.deps.closers):
            try:
                await closer()
                log.info("closed %s", name)
            except Exception:
                log.exception("error while closing %s", name)


class ShardedQuoteBot(QuoteBot, commands.AutoShardedBot):
    """The same bot over several gateway shards (SHARD_COUNT set)."""


def install_signal_handlers(bot: QuoteBot) -> Callable[[], None]:
    """Make SIGTERM and SIGINT close ``bot``; return a function that removes the handlers."""
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, bot.request_shutdown, sig.name)
        except (NotImplementedError, RuntimeError):  # not the main thread, or Windows
            continue
        installed.append(sig)

    def remove() -> None:
        for sig in installed:
            loop.remove_signal_handler(sig)

    return remove
