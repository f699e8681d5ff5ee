"""Send a :class:`Reply` to where a command came from: a prefix/hybrid context, an interaction, a channel."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import Any

import discord
from discord.ext import commands

from bot.commands.replies import Reply
from bot.discord.deferring import follow_up
from bot.discord.embeds import plain_text, render_reply, reply_files
from bot.discord.files import DEFAULT_UPLOAD_LIMIT, fit_files
from bot.discord.views import ErrorReporter, PageLoader, PageView

log = logging.getLogger(__name__)

Destination = commands.Context[Any] | discord.Interaction[Any] | discord.abc.Messageable


def upload_limit(dest: Destination) -> int:
    """Return how many bytes of files a message to ``dest`` may carry."""
    interaction = dest if isinstance(dest, discord.Interaction) else (
        dest.interaction if isinstance(dest, commands.Context) else None)
    if interaction is not None:
        return int(interaction.filesize_limit)
    guild = getattr(dest, "guild", None)
    return int(guild.filesize_limit) if isinstance(guild, discord.Guild) else DEFAULT_UPLOAD_LIMIT


def embeds_allowed(dest: Destination) -> bool:
    """Return whether a message sent to ``dest`` shows embeds (a channel may deny the bot Embed Links).

    Interaction responses are not checked: they are webhook messages. DMs always allow embeds.
    """
    if isinstance(dest, discord.Interaction) or (isinstance(dest, commands.Context) and dest.interaction):
        return True
    channel = dest.channel if isinstance(dest, commands.Context) else dest
    guild = getattr(channel, "guild", None)
    if not isinstance(guild, discord.Guild) or guild.me is None or not hasattr(channel, "permissions_for"):
        return True
    return bool(channel.permissions_for(guild.me).embed_links)


async def _fit(dest: Destination, reply: Reply) -> Reply:
    """Return ``reply`` with files that ``dest`` accepts (zipped if need be), or a refusal saying why not."""
    if not reply.attachments:
        return reply
    fitted = await asyncio.to_thread(fit_files, reply.attachments, upload_limit(dest))
    if fitted.too_large:
        return Reply(title="Export too large", kind="error", ephemeral=True,
                     description=f"Sorry, {fitted.too_large}. Export one speaker's quotes, or one kind.")
    if fitted.attachments is not reply.attachments:
        note = "Zipped to fit Discord's upload limit."
        return replace(reply, attachments=fitted.attachments,
                       description=f"{reply.description}\n{note}" if reply.description else note)
    return reply


async def send_reply(dest: Destination, reply: Reply, *, owner_id: int, load_page: PageLoader | None = None,
                     on_error_reply: ErrorReporter | None = None,
                     reference: discord.Message | None = None) -> discord.Message | None:
    """Render ``reply`` and send it; attach page buttons when it has more pages and a way to load them.

    Files are fitted to the destination's upload limit first (zipped, or refused with a reason).
    """
    reply = await _fit(dest, reply)
    rendered = render_reply(reply)
    view: PageView | None = None
    if reply.pages > 1 and load_page is not None:
        view = PageView(owner_id=owner_id, reply=reply, load_page=load_page, on_error_reply=on_error_reply)
    kwargs: dict[str, Any] = {"embeds": list(rendered.embeds)}
    if not embeds_allowed(dest):  # Discord would drop the embeds and the user would see nothing
        kwargs = {"content": plain_text(rendered)}
    files = reply_files(reply)
    if files:
        kwargs["files"] = files
    if view is not None:
        kwargs["view"] = view
    message: discord.Message | None
    if isinstance(dest, commands.Context) and dest.interaction is not None and dest.interaction.response.is_done():
        dest = dest.interaction  # a deferred hybrid command: its follow-up must keep the reply's visibility
    if isinstance(dest, discord.Interaction):
        if dest.response.is_done():
            message = await follow_up(dest, ephemeral=reply.ephemeral, **kwargs)
        else:
            sent = await dest.response.send_message(**kwargs, ephemeral=reply.ephemeral)
            resource = sent.resource if sent is not None else None
            message = resource if isinstance(resource, discord.InteractionMessage) \
                else await dest.original_response()
    elif isinstance(dest, commands.Context):
        if dest.interaction is None and reference is None:
            reference = dest.message
        if dest.interaction is None and reference is not None:
            kwargs["reference"] = reference.to_reference(fail_if_not_exists=False)
            kwargs["mention_author"] = False
        message = await dest.send(**kwargs, ephemeral=reply.ephemeral)
    else:
        if reference is not None:
            kwargs["reference"] = reference.to_reference(fail_if_not_exists=False)
            kwargs["mention_author"] = False
        message = await dest.send(**kwargs)
    if view is not None:
        view.message = message
    return message
