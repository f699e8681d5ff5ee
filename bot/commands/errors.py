"""The one place that turns domain errors into the user's words (a :class:`Reply` of kind "error")."""

from __future__ import annotations

import logging

from bot.commands.replies import Reply
from bot.errors import (
    Busy,
    DateError,
    FetchError,
    InputError,
    NotFound,
    PermissionDenied,
    QuoteBotError,
    UsageError,
)

log = logging.getLogger(__name__)

GENERIC_ERROR = "Something went wrong on our side; the error was logged. Please try again later."


class PageNotFound(NotFound):
    """A page past the last one of a listing was asked for; the message names the last page."""



def error_reply(exc: BaseException) -> Reply:
    """Map an exception to an error reply; log unexpected ones with their traceback."""
    if isinstance(exc, PermissionDenied):
        return Reply(title="Not allowed", description=f"Sorry, {exc}.", kind="error", ephemeral=True)
    if isinstance(exc, PageNotFound):
        return Reply(title="No such page", description=_sentence(exc), kind="error", ephemeral=True)
    if isinstance(exc, NotFound):
        return Reply(title="Not found", description=_sentence(exc), kind="error", ephemeral=True)
    if isinstance(exc, UsageError):
        return Reply(title="How to use it", description=_sentence(exc), kind="error", ephemeral=True)
    if isinstance(exc, Busy):
        return Reply(title="Busy", description=_sentence(exc), kind="warning", ephemeral=True,
                     extra={"retry_after": f"{exc.retry_after:.0f}"})
    if isinstance(exc, DateError):
        return Reply(title="Bad date", description=_sentence(exc), kind="error", ephemeral=True)
    if isinstance(exc, FetchError):
        return Reply(title="Cannot read that link", description=_sentence(exc), kind="error", ephemeral=True)
    if isinstance(exc, InputError):
        return Reply(title="Cannot read that article", description=_sentence(exc), kind="error",
                     ephemeral=True)
    if isinstance(exc, QuoteBotError):
        return Reply(title="Error", description=_sentence(exc), kind="error", ephemeral=True)
    log.error("unexpected error in a command", exc_info=exc)
    return Reply(title="Error", description=GENERIC_ERROR, kind="error", ephemeral=True)


def _sentence(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
