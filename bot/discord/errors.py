"""The one error handler of the Discord adapter: domain errors become short replies, the rest is logged."""

from __future__ import annotations

import logging
import math
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands.errors import error_reply as domain_error_reply
from bot.commands.replies import Reply
from bot.discord.deferring import follow_up
from bot.discord.embeds import render_reply
from bot.errors import QuoteBotError

log = logging.getLogger(__name__)

GENERIC_FAILURE = "Something went wrong on our side. It has been logged; please try again later."


def unwrap(error: BaseException) -> BaseException:
    """Return the exception a command raised, out of discord.py's invoke/hybrid wrappers."""
    seen = 0
    while seen < 5:
        seen += 1
        if isinstance(error, commands.HybridCommandError | commands.CommandInvokeError
                      | app_commands.CommandInvokeError):
            error = error.original
        elif isinstance(error, commands.ConversionError | app_commands.TransformerError) \
                and isinstance(error.__cause__, QuoteBotError):
            error = error.__cause__
        else:
            break
    return error


def _usage(ctx: commands.Context[Any] | None) -> str:
    if ctx is None or ctx.command is None:
        return ""
    usage = f"{ctx.clean_prefix}{ctx.command.qualified_name} {ctx.command.signature}".strip()
    return f"\nUsage: {usage}"


def error_reply(error: BaseException, ctx: commands.Context[Any] | None = None) -> Reply | None:
    """Map an expected error to a short, private reply; return None for an unexpected one.

    Plain text, like every reply (the renderer escapes it): converter errors echo what the user typed.
    """
    error = unwrap(error)
    if isinstance(error, QuoteBotError):
        return domain_error_reply(error)  # the command layer's one mapping of domain errors to words
    if isinstance(error, commands.CommandOnCooldown | app_commands.CommandOnCooldown):
        return Reply(title="Busy", description=f"Slow down: try again in {math.ceil(error.retry_after)} s.",
                     kind="warning", ephemeral=True, extra={"retry_after": str(math.ceil(error.retry_after))})
    if isinstance(error, commands.NotOwner):
        return Reply(title="Not allowed", description="Only the bot's owner can use that command.",
                     kind="error", ephemeral=True)
    if isinstance(error, commands.MissingRequiredArgument | commands.MissingRequiredAttachment):
        return Reply(title="Missing argument", description=f"{error.param.name} is missing.{_usage(ctx)}",
                     kind="error", ephemeral=True)
    if isinstance(error, commands.UserInputError):
        return Reply(title="Cannot read that", description=f"{error}{_usage(ctx)}", kind="error",
                     ephemeral=True)
    if isinstance(error, commands.CheckFailure | app_commands.CheckFailure):
        return Reply(title="Not allowed", description=str(error) or "You cannot use this command here.",
                     kind="error", ephemeral=True)
    if isinstance(error, app_commands.CommandSignatureMismatch | app_commands.CommandNotFound):
        return Reply(title="Out of date", kind="error", ephemeral=True,
                     description="This slash command changed since it was last synced with Discord; ask the "
                                 "bot's owner to run: python -m bot sync")
    if isinstance(error, app_commands.TransformerError):
        return Reply(title="Cannot read that", description=str(error), kind="error", ephemeral=True)
    return None


def reply_for(error: BaseException, ctx: commands.Context[Any] | None = None, *, where: str = "") -> Reply:
    """Return the reply for any error; log unexpected ones with their traceback."""
    reply = error_reply(error, ctx)
    if reply is not None:
        log.info("refused %s: %s: %s", where or "command", unwrap(error).__class__.__name__, unwrap(error))
        return reply
    original = unwrap(error)
    log.error("unexpected error in %s", where or "command", exc_info=(type(original), original,
                                                                       original.__traceback__))
    return Reply(title="Error", description=GENERIC_FAILURE, kind="error", ephemeral=True)


async def send_error_to_interaction(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Answer an interaction with the error reply: ephemeral, as a response or a follow-up."""
    name = interaction.command.qualified_name if interaction.command else "component"
    reply = reply_for(error, where=f"/{name}")
    embeds = list(render_reply(reply).embeds)
    try:
        if interaction.response.is_done():
            await follow_up(interaction, ephemeral=True, embeds=embeds)
        else:
            await interaction.response.send_message(embeds=embeds, ephemeral=True)
    except discord.HTTPException:
        log.exception("could not send the error reply for /%s", name)
