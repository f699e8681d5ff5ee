"""Parse a chat message into a command name and typed arguments; suggest a command for a typo."""

from __future__ import annotations

import difflib
import re
import shlex
import unicodedata
from dataclasses import dataclass

from bot.errors import UsageError
from bot.service import DEFAULT_KIND, KIND_CHOICES, MAX_PAGE, KindChoice

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
_PAGE_WORD = re.compile(r"^page:(.*)$", re.IGNORECASE)
_PAGE_IN_TEXT = re.compile(r"""
    (?:^|(?<=\s))      # at the start or after a space, so "homepage:" is not an option
    page:(\S*)         # the option and its value, up to the next space
    \s*                # the spaces after it go with it
""", re.IGNORECASE | re.VERBOSE)
# How close an unknown "!word" must be to a command before the bot answers it at all: other bots' commands
# ("!play", "!hello", "!rank") get silence, typos ("!qoutes", "!serch", "!quote") a suggestion.
SUGGEST_CUTOFF = 0.6
UNSOLICITED_CUTOFF = 0.75


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


def suggest(name: str, names: list[str], cutoff: float = SUGGEST_CUTOFF) -> str | None:
    """Return the known command closest to a mistyped ``name``, if any is close."""
    close = difflib.get_close_matches(name.lower(), names, n=1, cutoff=cutoff)
    return close[0] if close else None


def _is_number(word: str) -> bool:
    """Return whether a word is a plain number (ASCII digits: "²" and "٣" are not page numbers)."""
    return word.isascii() and word.isdecimal()


def parse_page(value: str) -> int:
    """Parse a page number (the value of ``page:``), from 1 to :data:`MAX_PAGE`."""
    word = value.strip()
    if not word:
        raise UsageError("page: needs a number, e.g. page:2")
    if not _is_number(word):
        raise UsageError(f"page:{value} is not a page number; type e.g. page:2")
    if len(word) > len(str(MAX_PAGE)) or int(word) > MAX_PAGE:
        raise UsageError(f"there is no page {word}: pages go up to {MAX_PAGE:,}")
    page = int(word)
    if page < 1:
        raise UsageError("page numbers start at 1")
    return page


def split_page(words: list[str], *, trailing: bool = True) -> tuple[list[str], int]:
    """Take the page off the words: a ``page:N`` option anywhere, else (``trailing``) a last word that is a
    number: ["Kirby", "2"] -> (["Kirby"], 2). Commands whose words are text to find pass ``trailing=False``."""
    rest = [w for w in words if not _PAGE_WORD.match(w)]
    given = [m.group(1) for w in words if (m := _PAGE_WORD.match(w))]
    if len(given) > 1:
        raise UsageError("give page: once, e.g. page:2")
    if given:
        return rest, parse_page(given[0])
    if trailing and rest and _is_number(rest[-1]):
        return rest[:-1], parse_page(rest[-1])
    return rest, 1


def take_page_text(rest: str) -> tuple[str, int]:
    """Take a ``page:N`` option out of raw argument text (a bare number stays a word: "covid 19")."""
    given = _PAGE_IN_TEXT.findall(rest)
    if len(given) > 1:
        raise UsageError("give page: once, e.g. page:2")
    if not given:
        return rest, 1
    return _PAGE_IN_TEXT.sub(" ", rest).strip(), parse_page(given[0])


# The longest speaker name or alias a user may set (the longest real one in the seeds is under 60).
MAX_NAME_CHARS = 100


def parse_speaker_name(text: str, what: str = "speaker's name") -> str:
    """Return a speaker name typed by a user, spaces normalised; refuse one that names nobody.

    A name needs a letter or a digit (names are looked up by their letters, so "***" or a NUL would clash
    with every other such name), no control characters, and at most :data:`MAX_NAME_CHARS` characters.
    """
    name = " ".join(text.split())
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise UsageError(f"the {what} contains control characters")
    if not any(c.isalnum() for c in name):
        raise UsageError(f"the {what} needs letters, e.g. John Kirby")
    if len(name) > MAX_NAME_CHARS:
        raise UsageError(f"the {what} is {len(name):,} characters long; the limit is {MAX_NAME_CHARS}")
    return name


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
    chart: bool = False


CHART_WORD = "chart"  # "!timeline Kirby chart": the timeline as a picture
_OPTION_GROUPS = {"since": "from", "until": "to"}  # two spellings of one option
TIMELINE_USAGE = ("type !timeline [speaker] [from:YYYY-MM-DD] [to:YYYY-MM-DD] [article:A3] [kind:all] [page:N] "
                  "[chart]")


def parse_timeline(rest: str) -> TimelineArgs:
    """Parse the timeline's speaker words, filters, kind, page and the word ``chart`` (a picture, no pages)."""
    given, kind = take_kind(tokens(rest))
    chart = any(word.lower() == CHART_WORD for word in given)
    given = [word for word in given if word.lower() != CHART_WORD]
    words: list[str] = []
    date_from = date_to = None
    article = None
    seen: set[str] = set()
    for word in given:
        m = _FILTER.match(word)
        if not m:
            words.append(word)
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if not value:
            raise UsageError(f"{key}: needs a value; {TIMELINE_USAGE}")
        option = _OPTION_GROUPS.get(key, key)
        if option in seen:
            raise UsageError(f"give {option}: once; {TIMELINE_USAGE}")
        seen.add(option)
        if key in ("from", "since"):
            date_from = value
        elif key in ("to", "until"):
            date_to = value
        else:
            article = parse_ref(value, "A", TIMELINE_USAGE)[1]
    words, page = split_page(words)
    if chart and page != 1:
        raise UsageError("a chart is one picture, with no pages: leave page: out")
    return TimelineArgs(speaker=" ".join(words) or None, date_from=date_from, date_to=date_to,
                        article=article, page=page, kind=kind, chart=chart)


_DATE_OPTION = re.compile(r"^date:(\S*)\s*", re.IGNORECASE)


def take_date_option(rest: str) -> tuple[str | None, str]:
    """Take a leading ``date:YYYY-MM-DD`` off an ``!extract`` argument."""
    m = _DATE_OPTION.match(rest)
    if not m:
        return None, rest
    if not m.group(1):
        raise UsageError("date: needs a value like date:2021-09-02")
    return m.group(1), rest[m.end():]
