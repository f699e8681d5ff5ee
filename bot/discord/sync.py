"""Pushing the slash commands to Discord: on demand only (``python -m bot sync`` or the owner's ``!sync``).

The scopes follow the umbrella sync command discord.py users know (``!sync``, ``~``, ``*``, ``^``):

* ``global``: the commands, everywhere. Copies made earlier in this server are removed, or every command
  would show twice here (Discord lists a guild's own commands beside the global ones).
* ``guild``: this server's own set, as the bot holds it (none of its own: copies only after ``copy``).
* ``copy``: the global commands copied to this server (instant there). Refused while they are registered
  globally, since members would then see each command twice.
* ``clear``: this server's own set removed (the global commands stay).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.connect import CONNECT_ERRORS, connect_error

log = logging.getLogger(__name__)

SyncScope = Literal["global", "guild", "copy", "clear"]
# What the owner may type after !sync: our words, and the umbrella command's symbols.
SCOPE_WORDS: dict[str, SyncScope] = {"global": "global", "guild": "guild", "~": "guild", "copy": "copy",
                                     "*": "copy", "clear": "clear", "^": "clear"}
CommandKey = tuple[str, int]  # (name, type): what Discord keeps unique within one scope


class DuplicateCommands(Exception):
    """A guild set would repeat commands registered globally: members would see each one twice."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        super().__init__(", ".join(self.names))


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What a sync did: how many commands the scope now has, and how many duplicate copies it removed."""

    scope: SyncScope
    count: int
    removed_copies: int = 0


def _keys(cmds: Iterable[app_commands.AppCommand]) -> set[CommandKey]:
    return {(c.name, c.type.value) for c in cmds}


def _local_keys(cmds: Iterable[Any]) -> set[CommandKey]:
    """Return the keys of commands the tree holds (slash commands and groups are type 1, menus their own)."""
    return {(c.name, c.type.value if isinstance(c, app_commands.ContextMenu) else 1) for c in cmds}


async def _refuse_duplicates(tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake) -> None:
    """Raise :class:`DuplicateCommands` when the guild's set repeats a command registered globally."""
    local = tree.get_commands(guild=guild)
    if not local:
        return
    registered = _keys(await tree.fetch_commands())
    repeated = [name for name, kind in _local_keys(local) if (name, kind) in registered]
    if repeated:
        raise DuplicateCommands(repeated)


async def _remove_copies(tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake,
                         global_keys: set[CommandKey]) -> int:
    """Remove from ``guild`` the commands that repeat global ones; return how many it had registered."""
    registered = await tree.fetch_commands(guild=guild)
    copies = [c for c in registered if (c.name, c.type.value) in global_keys]
    if not copies:
        return 0
    for cmd in tree.get_commands(guild=guild):
        key = next(iter(_local_keys([cmd])))
        if key in global_keys:
            tree.remove_command(cmd.name, guild=guild, type=discord.AppCommandType(key[1]))
    await tree.sync(guild=guild)
    return len(copies)


async def sync_tree(bot: commands.Bot, scope: SyncScope, guild: discord.abc.Snowflake | None = None) -> SyncResult:
    """Sync the slash commands in ``scope`` (``guild``: the server asked from, needed but for global)."""
    tree = bot.tree
    if scope == "global":
        synced = await tree.sync()
        removed = await _remove_copies(tree, guild, _keys(synced)) if guild is not None else 0
        log.info("synced %d application command(s) globally; removed %d guild copies", len(synced), removed)
        return SyncResult(scope, len(synced), removed)
    if guild is None:
        raise ValueError(f"a {scope} sync needs a guild")
    if scope == "clear":
        tree.clear_commands(guild=guild)
    elif scope == "copy":
        copied = tree.get_commands()
        registered = _keys(await tree.fetch_commands())
        repeated = [name for name, kind in _local_keys(copied) if (name, kind) in registered]
        if repeated:
            raise DuplicateCommands(repeated)
        tree.copy_global_to(guild=guild)
    else:
        await _refuse_duplicates(tree, guild)
    synced = await tree.sync(guild=guild)
    log.info("%s sync: %d application command(s) in guild %d", scope, len(synced), guild.id)
    return SyncResult(scope, len(synced))


def duplicate_advice(exc: DuplicateCommands, *, update: str = "!sync", clear: str = "!sync clear") -> str:
    """Return what to tell the owner when a guild sync would show commands twice."""
    one = len(exc.names) == 1
    shown = ", ".join(exc.names[:8]) + ("…" if len(exc.names) > 8 else "")
    return (f"Not synced: {shown} {'is' if one else 'are'} registered globally, so members of the server would "
            f"see {'it' if one else 'each'} twice. {update} updates the global commands (and removes the "
            f"server's copies); {clear} removes the server's own set.")


async def sync_with(bot: commands.Bot, token: str, guild_id: int | None) -> int:
    """Log ``bot`` in over HTTP only (no gateway), sync its commands, close it; return the exit code.

    With ``guild_id`` the global commands are copied to that guild (instant there), as ``!sync copy`` does.
    """
    try:
        async with bot:
            await bot.login(token)
            guild = discord.Object(id=guild_id) if guild_id else None
            result = await sync_tree(bot, "copy" if guild else "global", guild)
    except CONNECT_ERRORS as exc:
        print(f"error: {connect_error(exc)}", file=sys.stderr)
        return 1
    except DuplicateCommands as exc:
        advice = duplicate_advice(exc, update="python -m bot sync", clear="the owner's !sync clear there")
        print(f"error: {advice}", file=sys.stderr)
        return 1
    except discord.HTTPException as exc:
        print(f"error: Discord refused the command sync ({exc.status}: {exc.text or exc})", file=sys.stderr)
        return 1
    where = f"guild {guild_id} (available now)" if guild_id else "every guild"
    print(f"synced {result.count} command(s) to {where}")
    return 0
