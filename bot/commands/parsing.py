"""Parse a chat message into a command name and typed arguments; suggest a command for a typo."""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass

from bot.errors import UsageError

_REF = re.compile(r"^\s*([SsAa])?\s*#?(\d{1,12})\s*$")
_COMMAND = re.compile(r"(\S+)(.*)", re.DOTALL)
_FILTER = re.compile(r"^(from|to|since|until|article):(.*)$", re.IGNORECASE)


def split_command(text: str, prefix: str) -> tuple[str, str] | None:
    """Return (command name in lower case, the rest) of ``!name rest``, or None if it is not a command."""
    text = text.strip()
    if not prefix or not text.startswith(prefix):
        return None
    body = text[len(prefix):]
    if not body or body[0].isspace():
        return None
    m = _COMMAND.match(body)
    if m is None:
        return None
    return m.group(1).lower(), m.group(2).strip()


def tokens(rest: str) -> list[str]:
    """Split arguments like a shell ("John Kirby" is one word); unbalanced quotes fall back to spaces."""
    try:
        return shlex.split(rest)
    except ValueError:
        return rest.split()


def suggest(name: str, names: list[str]) -> str | None:
    """Return the known command closest to a mistyped ``name``, if any is close."""
    close = difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.6)
    return close[0] if close else None


def split_page(words: list[str]) -> tuple[list[str], int]:
    """Take a trailing page number off the words: ["Kirby", "2"] -> (["Kirby"], 2)."""
    if words and words[-1].isdigit():
        page = int(words[-1])
        if page < 1:
            raise UsageError("page numbers start at 1")
        return words[:-1], page
    return words, 1


def parse_ref(text: str, kinds: str, usage: str) -> tuple[str, int]:
    """Parse a short id ("S12", "a3", "12") to (kind, number); a bare number is the first of ``kinds``."""
    m = _REF.match(text)
    if not m:
        raise UsageError(f"“{text}” is not an id like {' or '.join(k + '12' for k in kinds)}; {usage}")
    kind = (m.group(1) or kinds[0]).upper()
    if kind not in kinds:
        raise UsageError(f"{text} is not the right kind of id here; {usage}")
    return kind, int(m.group(2))


@dataclass(frozen=True, slots=True)
class TimelineArgs:
    """``!timeline [speaker] [from:DATE] [to:DATE] [article:A3] [page]`` once parsed."""

    speaker: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article: int | None = None
    page: int = 1


TIMELINE_USAGE = "type !timeline [speaker] [from:YYYY-MM-DD] [to:YYYY-MM-DD] [article:A3] [page]"


def parse_timeline(rest: str) -> TimelineArgs:
    """Parse the timeline's speaker words, filters and page."""
    words: list[str] = []
    date_from = date_to = None
    article = None
    for word in tokens(rest):
        m = _FILTER.match(word)
        if not m:
            words.append(word)
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if not value:
            raise UsageError(f"{key}: needs a value; {TIMELINE_USAGE}")
        if key in ("from", "since"):
            date_from = value
        elif key in ("to", "until"):
            date_to = value
        else:
            article = parse_ref(value, "A", TIMELINE_USAGE)[1]
    words, page = split_page(words)
    return TimelineArgs(speaker=" ".join(words) or None, date_from=date_from, date_to=date_to,
                        article=article, page=page)


_DATE_OPTION = re.compile(r"^date:(\S*)\s*", re.IGNORECASE)


def take_date_option(rest: str) -> tuple[str | None, str]:
    """Take a leading ``date:YYYY-MM-DD`` off an ``!extract`` argument."""
    m = _DATE_OPTION.match(rest)
    if not m:
        return None, rest
    if not m.group(1):
        raise UsageError("date: needs a value like date:2021-09-02")
    return m.group(1), rest[m.end():]
