"""Render :class:`bot.commands.replies.Reply` as Discord embeds and files, within Discord's limits.

Pure functions: no network, no state. Limits (Discord API docs, "Embed Limits"):
title 256, description 4096, 25 fields, field name 256, field value 1024, footer 2048, author name 256,
and 6000 characters over all the embeds of one message (at most 10 embeds).

A reply's text is plain text, much of it from users: titles, descriptions, rows and link labels are escaped
(:func:`bot.discord.escaping.escape_text`) before they are clipped, and only then does this module add its own
markdown (the links). Footers are not escaped: Discord shows them as plain text already.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import discord

from bot.commands.replies import Reply, ReplyKind, Row
from bot.discord.escaping import escape_text, link_target, strip_dangling_escape

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
MESSAGE_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10
CONTENT_LIMIT = 2000  # characters of a message's text (its content), where embeds cannot be sent
ELLIPSIS = "…"
EMPTY_FIELD = "\u200b"  # Discord refuses empty field values; a zero-width space renders as nothing.

KIND_COLOURS: dict[ReplyKind, int] = {
    "info": 0x3B82F6,
    "success": 0x16A34A,
    "warning": 0xD97706,
    "error": 0xDC2626,
}


@dataclass(frozen=True, slots=True)
class Rendered:
    """What one Discord message carries for a reply: embeds (and, separately, :func:`reply_files`)."""

    embeds: tuple[discord.Embed, ...]
    omitted_rows: int = 0


def clip(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut."""
    if len(text) <= limit:
        return text
    # A cut through "\\*" must not leave a lone backslash that would escape the ellipsis or what follows.
    return strip_dangling_escape(text[: max(0, limit - len(ELLIPSIS))].rstrip()) + ELLIPSIS


def row_field(row: Row) -> tuple[str, str]:
    """Return the (name, value) of the embed field showing one row: its id, title, body and link."""
    title = escape_text(row.title)
    name = f"[{escape_text(row.ref)}] {title}" if row.ref else title
    target = link_target(row.url) if row.url else None
    link = f"\n<{target}>" if target else ""
    body = clip(escape_text(row.body), FIELD_VALUE_LIMIT - len(link)) if row.body else ""
    value = (body + link).strip() or EMPTY_FIELD
    return clip(name or EMPTY_FIELD, FIELD_NAME_LIMIT), clip(value, FIELD_VALUE_LIMIT)


def footer_text(reply: Reply, omitted_rows: int = 0) -> str:
    """Return the footer: the reply's own footer, the page number and a note on rows left out."""
    parts = [reply.footer] if reply.footer else []
    if reply.pages > 1:
        parts.append(f"page {reply.page}/{reply.pages}")
    if omitted_rows:
        parts.append(f"{omitted_rows} more not shown (too long for one message)")
    return clip(" · ".join(parts), FOOTER_LIMIT)


def links_text(reply: Reply) -> str:
    """Return the reply's links as one line of markdown links (a link that is not a web address is left out)."""
    shown = ((clip(escape_text(link.label), 80), link_target(link.url)) for link in reply.links)
    return " · ".join(f"[{label}]({target})" for label, target in shown if target)


def embed_length(embed: discord.Embed) -> int:
    """Return the characters Discord counts towards the 6000-per-message limit for one embed."""
    return len(embed)


def render_reply(reply: Reply) -> Rendered:
    """Render a reply as at most 10 embeds whose total length stays within 6000 characters."""
    colour = KIND_COLOURS.get(reply.kind, KIND_COLOURS["info"])
    links = links_text(reply)
    description = escape_text(reply.description)
    if links:
        # The links go last in the description, and must survive clipping of a long description.
        room = DESCRIPTION_LIMIT - len(links) - 2
        description = (clip(description, room) + "\n\n" + links).strip() if description else links
    first = discord.Embed(title=clip(escape_text(reply.title), TITLE_LIMIT) or None,
                          description=clip(description, DESCRIPTION_LIMIT) or None, colour=colour)
    embeds = [first]
    # Budget the footer at its worst (with an "omitted" note) so adding it at the end never overflows.
    reserve = len(footer_text(reply, omitted_rows=len(reply.rows))) + 1
    used = embed_length(first)
    if used + reserve > MESSAGE_TOTAL_LIMIT:
        room = max(0, MESSAGE_TOTAL_LIMIT - reserve - len(first.title or ""))
        first.description = clip(first.description or "", room)
        used = embed_length(first)
    current = first
    shown = 0
    for row in reply.rows:
        name, value = row_field(row)
        cost = len(name) + len(value)
        if used + cost + reserve > MESSAGE_TOTAL_LIMIT:
            break
        if len(current.fields) >= FIELD_COUNT_LIMIT:
            if len(embeds) >= EMBEDS_PER_MESSAGE:
                break
            current = discord.Embed(colour=colour)
            embeds.append(current)
        current.add_field(name=name, value=value, inline=False)
        used += cost
        shown += 1
    omitted = len(reply.rows) - shown
    footer = footer_text(reply, omitted)
    if footer:
        embeds[-1].set_footer(text=footer)
    if reply.image and any(a.filename == reply.image for a in reply.attachments):
        first.set_image(url=f"attachment://{reply.image}")  # the picture inside the embed, not under it
    return Rendered(embeds=tuple(embeds), omitted_rows=omitted)


def plain_text(rendered: Rendered) -> str:
    """Return the rendered embeds as one message text (for a channel where the bot lacks Embed Links).

    Titles, descriptions and fields are escaped already; footers are escaped here, since message text
    renders markdown where a footer does not.
    """
    parts: list[str] = []
    for embed in rendered.embeds:
        if embed.title:
            parts.append(f"**{embed.title}**")
        if embed.description:
            parts.append(embed.description)
        parts.extend(f"**{field.name}**\n{field.value}" for field in embed.fields
                     if field.value != EMPTY_FIELD or field.name != EMPTY_FIELD)
        if embed.footer.text:
            parts.append(f"*{escape_text(embed.footer.text)}*")
    return clip("\n".join(parts), CONTENT_LIMIT) or EMPTY_FIELD


def reply_files(reply: Reply) -> list[discord.File]:
    """Return fresh :class:`discord.File` objects for the reply's attachments (each is sent once)."""
    return [discord.File(io.BytesIO(a.data), filename=a.filename) for a in reply.attachments]


def message_length(embeds: tuple[discord.Embed, ...] | list[discord.Embed]) -> int:
    """Return the total embed characters of one message (what the 6000 limit applies to)."""
    return sum(embed_length(e) for e in embeds)
