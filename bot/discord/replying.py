"""Send a :class:`Reply` to where a command came from: a prefix/hybrid context, an interaction, a channel."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.commands.replies import Reply
from bot.discord.embeds import render_reply, reply_files
from bot.discord.views import ErrorReporter, PageLoader, PageView

log = logging.getLogger(__name__)

Destination = commands.Context[Any] | discord.Interaction[Any] | discord.abc.Messageable


async def send_reply(dest: Destination, reply: Reply, *, owner_id: int, load_page: PageLoader | None = None,
                     on_error_reply: ErrorReporter | None = None,
                     reference: discord.Message | None = None) -> discord.Message | None:
    """Render ``reply`` and send it; attach page buttons when it has more pages and a way to load them."""
    rendered = render_reply(reply)
    view: PageView | None = None
    if reply.pages > 1 and load_page is not None:
        view = PageView(owner_id=owner_id, reply=reply, load_page=load_page, on_error_reply=on_error_reply)
    kwargs: dict[str, Any] = {"embeds": list(rendered.embeds)}
    files = reply_files(reply)
    if files:
        kwargs["files"] = files
    if view is not None:
        kwargs["view"] = view
    message: discord.Message | None
    if isinstance(dest, discord.Interaction):
        if dest.response.is_done():
            message = await dest.followup.send(**kwargs, ephemeral=reply.ephemeral, wait=True)
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
