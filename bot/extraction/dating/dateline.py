"""The article's date line: ``date 2021-09-02`` (or ``date: 2021-09-02``) at the very start of the text.

This is the one definition of a date line; the pipeline reads the article date from it and the service
skips it when it takes the first line as a title.
"""

from __future__ import annotations

import re
from datetime import date

from bot.errors import DateError

_DATE_LINE = re.compile(r"""
    \A\s*                   # only at the very start of the text, after blank space
    date:?[ \t]+            # the word "date", an optional colon, then blanks on the same line
    (\d[\d./-]*\d)          # the value: digits and separators, checked by _DATE_LIKE and parse_iso_date
    (?=\s|\Z)               # a whole word: "date 2021-09-02x" is not a date line
""", re.IGNORECASE | re.VERBOSE)
# The value must look like a date (digits with a separator, or eight digits) so that "Date palms grow..." and
# "date 12 of the tour" are not taken for one.
_DATE_LIKE = re.compile(r"\d+[./-]\d+|\d{8}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: str, what: str = "date") -> date:
    """Parse a strict ``YYYY-MM-DD`` date or raise :class:`DateError` naming ``what``."""
    if not _ISO_DATE.fullmatch(value):
        raise DateError(f"{what} {value!r} is not in the YYYY-MM-DD format (for example 2021-09-02)")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DateError(f"{what} {value!r} is not a valid date ({exc}); use YYYY-MM-DD") from None


def _match(text: str) -> re.Match[str] | None:
    m = _DATE_LINE.match(text)
    return m if m and _DATE_LIKE.search(m.group(1)) else None


def date_line_span(text: str) -> tuple[int, int] | None:
    """Return the span of a leading date line, well-formed or not, or None; never raise."""
    m = _match(text)
    return (m.start(), m.end()) if m else None


def strip_date_line(text: str) -> str:
    """Return ``text`` without its leading date line (unchanged when it has none)."""
    span = date_line_span(text)
    return text[span[1]:] if span else text


def find_date_line(text: str) -> tuple[date | None, tuple[int, int] | None]:
    """Return the date of a leading ``date YYYY-MM-DD`` line and its span, or (None, None).

    A leading ``date`` followed by something date-like in another format (``date 02/09/2021``) or an
    impossible date (``date 2021-13-45``) raises :class:`DateError`: the user meant a date line.
    """
    m = _match(text)
    if m is None:
        return None, None
    return parse_iso_date(m.group(1), "the date line"), (m.start(), m.end())
