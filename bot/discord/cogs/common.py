"""What every cog shares: the command context of a Discord invocation, and running a command to a reply."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import discord
from discord.ext import commands

from bot.commands.context import CommandContext
from bot.commands.core import Commands
from bot.commands.replies import Reply
from bot.discord.errors import send_error_to_interaction
from bot.discord.replying import Destination, send_reply

log = logging.getLogger(__name__)

TypedCall = Callable[[CommandContext], Awaitable[Reply]]


def scope_id(guild_id: int | None, user_id: int) -> int:
    """Return where data lives: the guild, or (in DMs) the user's private space, a negative id."""
    return guild_id if guild_id else -user_id


def make_context(*, guild_id: int | None, user_id: int, manage_messages: bool, channel_id: int | None,
                 message: discord.Message | None = None, posted: datetime | None = None) -> CommandContext:
    """Build the command layer's context: scope, moderator flag (Manage Messages; owner of a DM space)."""
    when = message.created_at if message is not None else posted
    return CommandContext(
        guild_id=scope_id(guild_id, user_id),
        user_id=user_id,
        is_moderator=True if not guild_id else manage_messages,
        channel_id=channel_id,
        message_url=message.jump_url if message is not None else None,
        posted_at=when.isoformat() if when is not None else None,
    )


def is_server_moderator(user: discord.abc.User) -> bool:
    """Return whether ``user`` has Manage Messages in the whole server: from their roles, never from one
    channel's overwrites (the quote database is the server's, not a channel's)."""
    if not isinstance(user, discord.Member):
        return False
    # A member of a guild the bot does not have cached has no known roles: no moderator rights.
    return user.guild_permissions.manage_messages


def context_of(ctx: commands.Context[Any]) -> CommandContext:
    """Return the command context of a prefix or hybrid invocation."""
    if ctx.interaction is not None:
        return context_of_interaction(ctx.interaction)
    return make_context(guild_id=ctx.guild.id if ctx.guild else None, user_id=ctx.author.id,
                        manage_messages=is_server_moderator(ctx.author), channel_id=ctx.channel.id,
                        message=ctx.message)


def context_of_interaction(interaction: discord.Interaction[Any],
                           message: discord.Message | None = None) -> CommandContext:
    """Return the command context of a slash command or context-menu use (``message``: its target)."""
    # Not interaction.permissions: Discord computes those for the channel, overwrites included.
    return make_context(guild_id=interaction.guild_id, user_id=interaction.user.id,
                        manage_messages=is_server_moderator(interaction.user),
                        channel_id=interaction.channel_id, message=message, posted=interaction.created_at)


def raw_text(ctx: commands.Context[Any], runtime: Commands) -> str:
    """Return a prefix invocation as the command layer reads it (a mention prefix becomes the prefix)."""
    content = ctx.message.content
    used = ctx.prefix or ""
    return runtime.prefix + content[len(used):] if content.startswith(used) else content


def page_loader(runtime: Commands, cctx: CommandContext,
                reply: Reply) -> Callable[[int], Awaitable[Reply]] | None:
    """Return a function that loads another page of ``reply`` (None when it has one page)."""
    if reply.pages <= 1 or not reply.page_command:
        return None
    template = reply.page_command

    async def load(page: int) -> Reply:
        return await runtime.dispatch(cctx, template.format(page=page))

    return load


async def deliver(dest: Destination, runtime: Commands, cctx: CommandContext, reply: Reply, *,
                  reference: discord.Message | None = None) -> None:
    """Send a command's reply, with page buttons that re-run it for other pages."""
    await send_reply(dest, reply, owner_id=cctx.user_id, load_page=page_loader(runtime, cctx, reply),
                     on_error_reply=send_error_to_interaction, reference=reference)


async def run_command(ctx: commands.Context[Any], runtime: Commands, typed: TypedCall) -> None:
    """Run a hybrid command: the command layer parses a prefix message; a slash use calls ``typed``."""
    cctx = context_of(ctx)
    if ctx.interaction is None:
        reply = await runtime.dispatch(cctx, raw_text(ctx, runtime))
    else:
        reply = await typed(cctx)
    await deliver(ctx, runtime, cctx, reply)


async def run_text_command(ctx: commands.Context[Any], runtime: Commands, text: str) -> None:
    """Run a prefix message through the command layer's own parser (unknown commands get a suggestion)."""
    cctx = context_of(ctx)
    reply = await runtime.dispatch(cctx, raw_text(ctx, runtime) if text == ctx.message.content else text)
    await deliver(ctx, runtime, cctx, reply)
