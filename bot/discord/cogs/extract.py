"""Extraction: /extract (text, link or file), and the "Extract quotes" message context menu."""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands.context import CommandContext
from bot.commands.errors import error_reply
from bot.commands.parsing import take_date_option
from bot.commands.replies import Reply
from bot.discord.cogs.common import context_of, context_of_interaction, deliver, raw_text
from bot.discord.deps import BotDeps
from bot.errors import EmptyInput, InputTooLarge, QuoteBotError, UsageError
from bot.sources import ACCEPTED_EXTENSIONS, is_url

log = logging.getLogger(__name__)


def accepted_attachment(attachment: discord.Attachment) -> bool:
    """Return True when the attachment is a file the bot reads (one of ``ACCEPTED_EXTENSIONS``)."""
    return PurePath(attachment.filename).suffix.lower() in ACCEPTED_EXTENSIONS


def check_attachment(attachment: discord.Attachment, max_bytes: int) -> None:
    """Refuse an attachment of a type the bot does not read or over the size cap (nothing is downloaded)."""
    if not accepted_attachment(attachment):
        accepted = ", ".join(ACCEPTED_EXTENSIONS)
        raise UsageError(f"{attachment.filename} is not a file I read; attach a {accepted} file")
    if attachment.size > max_bytes:
        raise InputTooLarge(f"{attachment.filename} is {attachment.size:,} bytes; the limit "
                            f"(MAX_UPLOAD_BYTES) is {max_bytes:,}")


async def read_attachment(attachment: discord.Attachment, max_bytes: int) -> tuple[str, bytes]:
    """Download an attachment after checking its type and its size (before downloading it)."""
    check_attachment(attachment, max_bytes)
    return attachment.filename, await attachment.read()


def refusal(deps: BotDeps, cctx: CommandContext, *, text: str | None = None, url: str | None = None,
            attachment: discord.Attachment | None = None) -> Reply | None:
    """Return the reply refusing an extraction before it starts (cooldown, file type or size, nothing to
    read), or None. Interactions check this before deferring, so a refusal stays private."""
    try:
        deps.cooldown.peek(cctx.user_id)
        if attachment is not None:
            check_attachment(attachment, deps.settings.max_upload_bytes)
        elif url is None and not (text or "").strip():
            raise EmptyInput("give some text, a link or a .txt/.md/.html file to extract from")
    except QuoteBotError as exc:
        return error_reply(exc)
    return None


async def extract_reply(deps: BotDeps, cctx: CommandContext, *, text: str | None = None,
                        url: str | None = None, attachment: discord.Attachment | None = None,
                        date: str | None = None) -> Reply:
    """Run one extraction for a user through the command layer (which applies the cooldown first, so a user
    on cooldown costs no download)."""
    if attachment is not None:
        file = attachment

        async def download() -> tuple[str, bytes]:
            try:
                return await read_attachment(file, deps.settings.max_upload_bytes)
            except discord.HTTPException as exc:
                raise EmptyInput(f"could not download the attachment ({exc.status})") from exc

        return await deps.runtime.extract(cctx, upload=download, date=date)
    if url is not None:
        return await deps.runtime.extract(cctx, url=url, date=date)
    if not (text or "").strip():
        return error_reply(EmptyInput("give some text, a link or a .txt/.md/.html file to extract from"))
    return await deps.runtime.extract(cctx, text=text, date=date)


def message_source(message: discord.Message) -> dict[str, Any]:
    """Return what to extract from a message: its first readable attachment, a link, or its text."""
    files = [a for a in message.attachments if accepted_attachment(a)]
    if files:
        return {"attachment": files[0]}
    content = message.content.strip()
    if is_url(content):
        return {"url": content}
    if not content and message.attachments:
        return {"attachment": message.attachments[0]}  # refused with a clear message
    return {"text": content}


# mypy cannot infer discord.py's hybrid_command overloads (a union of Concatenate callables), hence the
# ignores on the decorators; pyright accepts them.


class ExtractCog(commands.Cog, name="Extract"):
    """Extract who said what from text, links and files."""

    def __init__(self, bot: commands.Bot, deps: BotDeps) -> None:
        self.bot = bot
        self.deps = deps
        self.menu = app_commands.ContextMenu(name="Extract quotes", callback=self.extract_from_message)

    async def cog_load(self) -> None:
        """Register the context menu (context menus cannot live inside a cog class body)."""
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        """Remove the context menu."""
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @commands.hybrid_command(name="extract", description="Extract who said what from text, a link or a file")  # type: ignore[arg-type]
    @app_commands.describe(text="the article text", link="a link to the article",
                           file="a .txt, .md or .html file", date="the article date, YYYY-MM-DD")
    async def extract(self, ctx: commands.Context[Any], link: str | None = None,
                      file: discord.Attachment | None = None, date: str | None = None, *,
                      text: str | None = None) -> None:
        """Extract who said what from pasted text, a link or an attached file, and save it."""
        runtime = self.deps.runtime
        cctx = context_of(ctx)
        if ctx.interaction is not None:
            given = [x for x in (text, link, file) if x]
            refused = (error_reply(UsageError("give exactly one of text, link or file")) if len(given) != 1
                       else refusal(self.deps, cctx, text=text, url=link, attachment=file))
            if refused is not None:  # answered at once, privately: deferring first would make it public
                await deliver(ctx, runtime, cctx, refused)
                return
            await ctx.defer()  # extraction can take longer than Discord's 3 s
            reply = await extract_reply(self.deps, cctx, text=text, url=link, attachment=file, date=date)
            await deliver(ctx, runtime, cctx, reply)
            return
        async with ctx.typing():
            attachments = ctx.message.attachments
            if attachments:
                rest = raw_text(ctx, runtime).partition(" ")[2]
                try:
                    given_date, _ = take_date_option(rest.strip())
                except UsageError as exc:
                    reply = error_reply(exc)
                else:
                    reply = await extract_reply(self.deps, cctx, attachment=attachments[0], date=given_date)
            else:
                # The command layer parses the message itself: date:YYYY-MM-DD, a link, or the text.
                reply = await runtime.dispatch(cctx, raw_text(ctx, runtime))
        await deliver(ctx, runtime, cctx, reply)

    async def extract_from_message(self, interaction: discord.Interaction[Any],
                                   message: discord.Message) -> None:
        """Extract quotes from the message the menu was used on (its text, link or attached file)."""
        runtime = self.deps.runtime
        cctx = context_of_interaction(interaction, message)
        source = message_source(message)
        refused = refusal(self.deps, cctx, **source)
        if refused is not None:  # private, before any defer
            await deliver(interaction, runtime, cctx, refused)
            return
        await interaction.response.defer(thinking=True)
        reply = await extract_reply(self.deps, cctx, **source)
        await deliver(interaction, runtime, cctx, reply)
