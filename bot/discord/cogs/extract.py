"""Extraction: /extract (text, link or file), and the "Extract quotes" message context menu."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
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
from bot.discord.deferring import defer
from bot.discord.deps import BotDeps
from bot.discord.errors import send_error_to_interaction
from bot.errors import EmptyInput, InputTooLarge, QuoteBotError, UsageError
from bot.extraction.dating import parse_iso_date
from bot.sources import ACCEPTED_EXTENSIONS, is_url
from bot.sources.links import check_url

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


def check_source(deps: BotDeps, *, text: str | None, url: str | None,
                 attachment: discord.Attachment | None) -> None:
    """Refuse what needs no work to refuse: a file's type or size, not a link, a refused link, no text."""
    if attachment is not None:
        check_attachment(attachment, deps.settings.max_upload_bytes)
    elif url is not None:
        if not is_url(url.strip()):
            raise UsageError("that is not a link; give an http(s) address, or paste the text as text")
        check_url(url.strip(), deps.settings)  # scheme, port, address literal: no DNS, no fetch yet
    elif not (text or "").strip():
        raise EmptyInput("give some text, a link or a .txt/.md/.html file to extract from")


def refusal(deps: BotDeps, cctx: CommandContext, *, text: str | None = None, url: str | None = None,
            attachment: discord.Attachment | None = None, date: str | None = None,
            form: bool = False) -> Reply | None:
    """Return the reply refusing an extraction before it starts (cooldown, file type or size, nothing to
    read, not a link, a malformed date), or None. Interactions check this before deferring, so a refusal
    stays private and costs no "thinking..." message. ``form``: the text is still to be typed in a form."""
    try:
        deps.cooldown.peek(cctx.user_id)
        if not form:
            check_source(deps, text=text, url=url, attachment=attachment)
        if date is not None:
            parse_iso_date(date.strip(), "date:")
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


# A pasted article in the modal: Discord's cap on a paragraph text input (longer articles: attach a file).
MODAL_TEXT_CHARS = 4000
MODAL_TIMEOUT_SECONDS = 900.0  # Discord keeps a modal open up to 15 minutes; forget it after that
# What a submitted form is handed to: the interaction, the pasted text, the date typed (if any).
SubmitHandler = Callable[[discord.Interaction[Any], str, "str | None"], Awaitable[None]]


class ExtractModal(discord.ui.Modal, title="Extract quotes"):
    """A form to paste an article into: a slash option cannot hold a newline, so paragraphs would be lost."""

    text: discord.ui.TextInput[ExtractModal] = discord.ui.TextInput(
        label="Article text", style=discord.TextStyle.paragraph, max_length=MODAL_TEXT_CHARS,
        placeholder="Paste the article, paragraphs and all (a longer one: attach it as a .txt file)")
    date: discord.ui.TextInput[ExtractModal] = discord.ui.TextInput(
        label="Article date (optional)", placeholder="YYYY-MM-DD", required=False, max_length=10)

    def __init__(self, submit: SubmitHandler, date: str | None = None) -> None:
        super().__init__(timeout=MODAL_TIMEOUT_SECONDS)
        self._submit = submit
        self.date.default = date

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        """Extract from the pasted text, as /extract text: would."""
        await self._submit(interaction, self.text.value, self.date.value.strip() or None)

    # Modal.on_error takes no item, unlike the BaseView method it overrides in discord.py's own types.
    async def on_error(  # type: ignore[override]
            self, interaction: discord.Interaction[Any], error: Exception, /) -> None:
        """Send a failure through the bot's one error handler."""
        await send_error_to_interaction(interaction, error)


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

    async def answer(self, interaction: discord.Interaction[Any], cctx: CommandContext, *,
                     date: str | None = None, **source: Any) -> None:
        """Run one extraction for an interaction: refuse at once and privately what can be refused before any
        work, else defer (Discord wants an answer within 3 s) and follow up with the result."""
        runtime = self.deps.runtime
        refused = refusal(self.deps, cctx, date=date, **source)
        if refused is not None:
            await deliver(interaction, runtime, cctx, refused)
            return
        await defer(interaction)  # public: most extractions succeed; a later refusal still goes privately
        reply = await extract_reply(self.deps, cctx, date=date.strip() if date else None, **source)
        await deliver(interaction, runtime, cctx, reply)

    async def submit_modal(self, interaction: discord.Interaction[Any], text: str, date: str | None) -> None:
        """Extract the article pasted into the /extract form."""
        await self.answer(interaction, context_of_interaction(interaction), text=text, date=date)

    @commands.hybrid_command(name="extract", description="Extract who said what from text, a link or a file")  # type: ignore[arg-type]
    @app_commands.describe(text="the article text (no paragraphs: leave it out to paste into a form)",
                           link="a link to the article", file="a .txt, .md or .html file",
                           date="the article date, YYYY-MM-DD")
    async def extract(self, ctx: commands.Context[Any], link: str | None = None,
                      file: discord.Attachment | None = None, date: str | None = None, *,
                      text: str | None = None) -> None:
        """Extract who said what from pasted text, a link or an attached file, and save it."""
        runtime = self.deps.runtime
        cctx = context_of(ctx)
        if ctx.interaction is not None:
            interaction = ctx.interaction
            given = [x for x in (text, link, file) if x]
            if len(given) > 1:
                await deliver(interaction, runtime, cctx,
                              error_reply(UsageError("give exactly one of text, link or file")))
            elif given:
                await self.answer(interaction, cctx, text=text, url=link, attachment=file, date=date)
            else:  # nothing given: a form with a paragraph input (a slash option loses the newlines)
                busy = refusal(self.deps, cctx, date=date, form=True)
                if busy is not None:  # on cooldown, or a bad date: say so before they paste anything
                    await deliver(interaction, runtime, cctx, busy)
                else:
                    await interaction.response.send_modal(ExtractModal(self.submit_modal, date))
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
        await self.answer(interaction, context_of_interaction(interaction, message), **message_source(message))
