"""Show user text in Discord as the text it is: no markdown, no masked links, no mention pills.

Everything a :class:`~bot.commands.replies.Reply` carries is plain text (the console prints it as it is), and
much of it comes from users: quotes, speaker names set by ``!fix``, article titles, echoed input. Before the
Discord adapter puts any of it in a message or an embed it goes through :func:`escape_text`, and only then is
it clipped to Discord's limits (:func:`bot.discord.embeds.clip` never leaves half an escape behind).

Discord's markdown (simple-markdown) removes a backslash before any ASCII punctuation, so an escaped
character always renders as itself.
"""

from __future__ import annotations

import re

import discord

# discord.utils.escape_markdown is not used: it escapes an indented "-" as "\\ -" (a backslash before a space
# shows, and the dash stays a list marker) and catches a masked link only on one line.
_URL = re.compile(r"""
    <[^:\s>]+:/[^\s>]+>                     # <https://...>: an autolink without preview
  | (?:https?|steam)://[^\s<]+[^<.,:;"')\]\s]  # a bare link, as Discord's autolink rule reads it
""", re.VERBOSE)
_INLINE = re.compile(r"[\\*_~|`\[]")  # emphasis, underline, strike, spoiler, code; "[" opens a masked link
_MASKED_LINK_JOIN = re.compile(r"\]\(")  # "](" joins a masked link's text and target (even inside a link)
_ENTITY = re.compile(r"""
    <                         # the start of a Discord entity
    (?= [@\#/:]               # <@user> <@!user> <@&role> <#channel> </command:id> <:emoji:id>
      | a:                    # <a:animated_emoji:id>
      | t:                    # <t:1700000000:R> (a timestamp that renders as a date)
      | id:                   # <id:customize> (a guild navigation link)
    )
""", re.VERBOSE)
_LINE_START = re.compile(r"""
    ^([ \t]*)                 # a line start, after any indentation
    (?: ([>#+-])              # "> " quote, "# " header, "-# " subtext, "- " / "+ " list item
      | (\d+)\.               # "1. " ordered list item
    )
""", re.VERBOSE | re.MULTILINE)
# What must not appear raw in a link target inside "[label](target)" or "<target>".
_LINK_UNSAFE = "()[]<> \t\r\n"
LINK_SCHEMES = ("https://", "http://")


def escape_text(text: str) -> str:
    """Return ``text`` escaped so Discord shows it literally: markdown, masked links and mentions.

    Bare links stay as they are, so they still work; nothing else is lost (removing the escapes gives the
    text back).
    """
    pieces: list[str] = []
    last = 0
    for m in _URL.finditer(text):
        pieces.append(_INLINE.sub(r"\\\g<0>", text[last:m.start()]))
        pieces.append(m.group(0))
        last = m.end()
    pieces.append(_INLINE.sub(r"\\\g<0>", text[last:]))
    text = _MASKED_LINK_JOIN.sub(r"]\\(", "".join(pieces))
    text = _ENTITY.sub(r"\\<", text)
    text = _LINE_START.sub(_escape_line_start, text)
    # @everyone, @here and raw user/role ids get a zero-width space after the @, so they read as text.
    return discord.utils.escape_mentions(text)


def _escape_line_start(m: re.Match[str]) -> str:
    indent, marker, number = m.group(1), m.group(2), m.group(3)
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\."


def link_target(url: str) -> str | None:
    """Return ``url`` safe inside ``[label](url)`` or ``<url>`` (None when it is not a web link)."""
    url = url.strip()
    if not url.lower().startswith(LINK_SCHEMES):
        return None
    return "".join(f"%{ord(c):02X}" if c in _LINK_UNSAFE else c for c in url)


def strip_dangling_escape(text: str) -> str:
    """Drop a backslash left alone at the end of cut text (it would escape whatever follows it)."""
    trailing = len(text) - len(text.rstrip("\\"))
    return text[:-1] if trailing % 2 else text
