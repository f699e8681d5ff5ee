"""Transport-neutral chat commands: parse "!quotes Kirby", call the service, return reply models."""

from bot.commands.context import CommandContext
from bot.commands.core import COMMANDS, Commands, CommandSpec, statement_row
from bot.commands.errors import error_reply
from bot.commands.replies import Attachment, Link, Reply, Row
from bot.service import KIND_CHOICES, KindChoice

__all__ = ["COMMANDS", "KIND_CHOICES", "Attachment", "CommandContext", "CommandSpec", "Commands", "KindChoice",
           "Link", "Reply", "Row", "error_reply", "statement_row"]
