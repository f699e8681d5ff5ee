"""Parse a chat message into a command name and typed arguments; suggest a command for a typo."""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass

from bot.errors import UsageError
from bot.service import DEFAULT_KIND, KIND_CHOICES, KindChoice

_REF = re.compile(r"^\s*([SsAa])?\s*#?(\d{1,12})\s*$")
_COMMAND = re.compile(r"(\S+)(.*)", re.DOTALL)
_FILTER = re.compile(r"^(from|to|since|until|article):(.*)$", re.IGNORECASE)
_KIND_WORD = re.compile(r"^kind:(.*)$", re.IGNORECASE)
_KIND_IN_TEXT = re.compile(r"""
    (?:^|(?<=\s))      # at the start or after a space, so "mankind:" is not an option
    kind:(\S*)         # the option and its value, up to the next space
    \s*                # the spaces after it go with it
""", re.IGNORECASE | re.VERBOSE)
KIND_USAGE = "kind:speech (the default), kind:thought, kind:evidence or kind:all"


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


def parse_kind(value: str) -> KindChoice:
    """Parse the value of a ``kind:`` option ("thought", "ALL"); a typo gets a "did you mean"."""
    word = value.strip().lower()
    for choice in KIND_CHOICES:
        if word == choice:
            return choice
    if not word:
        raise UsageError(f"the kind: option needs a value: {KIND_USAGE}")
    close = difflib.get_close_matches(word, list(KIND_CHOICES), n=1, cutoff=0.6)
    hint = f"did you mean kind:{close[0]}? " if close else ""
    raise UsageError(f"kind:{value} is not a kind of statement; {hint}Use {KIND_USAGE}")


def take_kind(words: list[str]) -> tuple[list[str], KindChoice]:
    """Take a ``kind:`` option out of the words (anywhere): (the other words, the kind; speech if none)."""
    rest = [w for w in words if not _KIND_WORD.match(w)]
    given = [m.group(1) for w in words if (m := _KIND_WORD.match(w))]
    if len(given) > 1:
        raise UsageError(f"give kind: once: {KIND_USAGE}")
    return rest, parse_kind(given[0]) if given else DEFAULT_KIND


def take_kind_text(rest: str) -> tuple[str, KindChoice]:
    """Take a ``kind:`` option out of raw argument text (for commands that keep "quoted phrases")."""
    given = _KIND_IN_TEXT.findall(rest)
    if len(given) > 1:
        raise UsageError(f"give kind: once: {KIND_USAGE}")
    if not given:
        return rest, DEFAULT_KIND
    return _KIND_IN_TEXT.sub(" ", rest).strip(), parse_kind(given[0])


@dataclass(frozen=True, slots=True)
class TimelineArgs:
    """``!timeline [speaker] [from:DATE] [to:DATE] [article:A3] [page]`` once parsed."""

    speaker: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article: int | None = None
    page: int = 1
    kind: KindChoice = DEFAULT_KIND


TIMELINE_USAGE = "type !timeline [speaker] [from:YYYY-MM-DD] [to:YYYY-MM-DD] [article:A3] [kind:all] [page]"


def parse_timeline(rest: str) -> TimelineArgs:
    """Parse the timeline's speaker words, filters, kind and page."""
    given, kind = take_kind(tokens(rest))
    words: list[str] = []
    date_from = date_to = None
    article = None
    for word in given:
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
                        article=article, page=page, kind=kind)


_DATE_OPTION = re.compile(r"^date:(\S*)\s*", re.IGNORECASE)


def take_date_option(rest: str) -> tuple[str | None, str]:
    """Take a leading ``date:YYYY-MM-DD`` off an ``!extract`` argument."""
    m = _DATE_OPTION.match(rest)
    if not m:
        return None, rest
    if not m.group(1):
        raise UsageError("date: needs a value like date:2021-09-02")
    return m.group(1), rest[m.end():]
