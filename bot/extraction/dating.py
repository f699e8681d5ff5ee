"""Statement dating (placeholder interface; the full rules land with the timeline issue)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from bot.errors import DateError
from bot.extraction.model import Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc

_DATE_LINE = re.compile(r"\A\s*date\s+(\S+)\s", re.IGNORECASE)


def parse_iso_date(value: str, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD`` or raise :class:`DateError` naming ``what``."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DateError(f"{what} {value!r} is not a valid date (use YYYY-MM-DD)") from None


def find_date_line(text: str) -> tuple[date | None, tuple[int, int] | None]:
    """Return the date of a leading ``date YYYY-MM-DD`` line and its span, or (None, None)."""
    m = _DATE_LINE.match(text)
    if not m:
        return None, None
    return parse_iso_date(m.group(1), "the date line"), (m.start(), m.end())


def date_statements(doc: Doc, statements: list[Statement], reference: date | None) -> list[Statement]:
    """Give every statement a date (placeholder: the article date)."""
    if reference is None:
        return statements
    return [replace(s, date=reference.isoformat(), date_basis="article") for s in statements]
