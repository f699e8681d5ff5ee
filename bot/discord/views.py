"""Pagination buttons: previous/next re-run the command for another page; only the requester may."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.commands.replies import Reply
from bot.discord.embeds import plain_text, render_reply

log = logging.getLogger(__name__)

PAGE_TIMEOUT_SECONDS = 180.0
PageLoader = Callable[[int], Awaitable[Reply]]
Button = discord.ui.Button[Any]
ErrorReporter = Callable[[discord.Interaction[Any], BaseException], Awaitable[None]]


class PageView(discord.ui.View):
    """Previous/next buttons under a paged reply. Stops (buttons greyed out) after ``timeout`` seconds."""

    def __init__(self, *, owner_id: int, reply: Reply, load_page: PageLoader,
                 on_error_reply: ErrorReporter | None = None, timeout: float | None = None) -> None:
        super().__init__(timeout=PAGE_TIMEOUT_SECONDS if timeout is None else timeout)
        self.owner_id = owner_id
        self.page = reply.page
        self.pages = reply.pages
        self.load_page = load_page
        self.message: discord.Message | discord.InteractionMessage | None = None
        self._on_error_reply = on_error_reply
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous_page.disabled = self.page <= 1
        self.next_page.disabled = self.page >= self.pages
        self.position.label = f"{self.page}/{self.pages}"

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        """Let only the user who ran the command turn the pages; tell anyone else privately."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the person who ran this command can turn its pages. Run the command yourself to browse.",
            ephemeral=True,
        )
        return False

    async def _show(self, interaction: discord.Interaction[Any], page: int) -> None:
        reply = await self.load_page(page)
        self.page, self.pages = reply.page, max(reply.pages, 1)
        self._sync_buttons()
        rendered = render_reply(reply)
        if self.message is not None and self.message.content:  # sent as plain text: no Embed Links there
            await interaction.response.edit_message(content=plain_text(rendered), embeds=[], view=self)
            return
        await interaction.response.edit_message(embeds=list(rendered.embeds), view=self)

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary)
    async def previous_page(self, interaction: discord.Interaction[Any], button: Button) -> None:
        """Show the previous page."""
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def position(self, interaction: discord.Interaction[Any], button: Button) -> None:
        """Show the page number (a disabled label, never clicked)."""
        await interaction.response.defer()

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.secondary)
    async def next_page(self, interaction: discord.Interaction[Any], button: Button) -> None:
        """Show the next page."""
        await self._show(interaction, self.page + 1)

    async def on_timeout(self) -> None:
        """Grey out the buttons once nobody can use them any more."""
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException as exc:  # the message may be gone; nothing to grey out then
                log.debug("could not disable page buttons: %s", exc)

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception,
                       item: discord.ui.Item[Any]) -> None:
        """Send a page-loading failure through the bot's one error handler."""
        if self._on_error_reply is not None:
            await self._on_error_reply(interaction, error)
        else:
            await super().on_error(interaction, error, item)
