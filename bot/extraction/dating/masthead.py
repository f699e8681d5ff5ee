"""The publication date a pasted article carries in its head: a wire dateline ("LONDON, 14 March 2024 (Reuters) -"),
a "Published / Updated / Posted ..." line, or a line that is a date ("Thu 14 Mar 2024 10.30 GMT").

Only a full date with its year counts, only in the first lines, and only where a masthead puts one: a date inside
the story's sentences is an event's, not the article's. A dateline without its year ("WASHINGTON, Dec 1 (Reuters)
-") gives the day when the time the article was posted gives the year (:func:`dateline_day`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from bot.extraction.dating.vocabulary import vocabulary

# The head of an article: its first non-blank lines, within this many characters.
HEAD_LINES = 6
HEAD_CHARS = 800
# A line of its own that is a date may carry a weekday, a time, a zone and a byline ("By Jane Smith"): at most this
# many other words.
DATE_LINE_OTHER_WORDS = 4
_TIME_WORDS = re.compile(r"^(?:\d{1,2}([:.]\d{2})?|a\.?m\.?|p\.?m\.?|at|on|gmt|utc|et|est|edt|ct|cst|cdt|pt|pst|pdt|"
                         r"bst|cet|cest|ist|aest|aedt)$", re.IGNORECASE)
# A dateline's day without its year is taken only this close before the posting time.
DATELINE_DAY_REACH = timedelta(days=31)
# A year outside these is a typo or a reference, not a publication date.
YEARS = range(1990, 2101)

_LABELS = re.compile(r"^\W*(?:first\s+)?(?:published|posted|updated|last\s+updated|date|dated|filed)\b", re.IGNORECASE)
# "LONDON, ", "NEW DELHI, ", "Washington, D.C., ": a place in capitals or title case, then a comma.
_PLACE_TEXT = r"^\s*[A-Z][A-Za-z.'\- ]{1,40},(?:\s*[A-Z][A-Za-z.]{1,12},)?\s*"
_PLACE = re.compile(_PLACE_TEXT + "$")


@lru_cache(maxsize=1)
def _months() -> tuple[str, dict[str, int]]:
    """The month names as a regex alternation (longest first, without their dots) and their numbers by lower case."""
    numbers = {k.lower().rstrip("."): v for k, v in vocabulary().months.items()}
    return "|".join(sorted((re.escape(m) for m in {k.rstrip(".") for k in vocabulary().months}), key=len,
                           reverse=True)), numbers


@lru_cache(maxsize=1)
def _weekdays() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().weekdays)


@lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern[str]:
    months = _months()[0]
    return re.compile(rf"""
        (?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)
        | \b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{months})(?![\w])\.?,?\s+(?P<y1>\d{{4}})\b
        | (?<![\w])(?P<m2>{months})(?![\w])\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})\b
        """, re.VERBOSE | re.IGNORECASE)


@lru_cache(maxsize=1)
def _dateline_day_pattern() -> re.Pattern[str]:
    return re.compile(_PLACE_TEXT + rf"(?P<m>{_months()[0]})\.?\s+(?P<d>\d{{1,2}})(?![\d,])(?!\s+\d{{4}})\s*"
                      rf"(?:\(|[\u2014\u2013-])")


def _head_lines(text: str) -> list[str]:
    """The article's first non-blank lines (see ``HEAD_LINES``, ``HEAD_CHARS``)."""
    return [ln for ln in text[:HEAD_CHARS].splitlines() if ln.strip()][:HEAD_LINES]


def _to_date(m: re.Match[str]) -> date | None:
    months = _months()[1]
    try:
        if m.group("iso"):
            found = date.fromisoformat(m.group("iso"))
        elif m.group("d1"):
            found = date(int(m.group("y1")), months[m.group("m1").lower().rstrip(".")], int(m.group("d1")))
        else:
            found = date(int(m.group("y2")), months[m.group("m2").lower().rstrip(".")], int(m.group("d2")))
    except (ValueError, KeyError):
        return None
    return found if found.year in YEARS else None


def _is_masthead(line: str, m: re.Match[str]) -> bool:
    """A date where a masthead puts one: after a label, as a line of its own, or after a dateline's place."""
    if _LABELS.match(line):
        return True
    rest = [w.strip(",.|-\u2013\u2014()") for w in (line[:m.start()] + " " + line[m.end():]).split()]
    other = [w for w in rest if w and w.lower() not in _weekdays() and not _TIME_WORDS.match(w) and w.isalpha()]
    if len(other) <= DATE_LINE_OTHER_WORDS and not re.search(r"[.!?]\s+\w", line[m.end():]):
        return True
    return bool(_PLACE.match(line[:m.start()]))


def head_date(text: str) -> date | None:
    """Return the publication date the article's head gives, or None."""
    for line in _head_lines(text):
        for m in _date_pattern().finditer(line):
            found = _to_date(m)
            if found is not None and _is_masthead(line, m):
                return found
    return None


def dateline_day(text: str, posted: date) -> date | None:
    """Return the day a year-less wire dateline names ("WASHINGTON, Dec 1 (Reuters) -"), in the year that puts it
    on or shortly before the posting date ``posted``; None without such a dateline."""
    months = _months()[1]
    for line in _head_lines(text):
        m = _dateline_day_pattern().match(line)
        if m is None:
            continue
        for year in (posted.year, posted.year - 1):
            try:
                day = date(year, months[m.group("m").lower()], int(m.group("d")))
            except (ValueError, KeyError):
                return None
            if day <= posted:
                return day if posted - day <= DATELINE_DAY_REACH else None
    return None
