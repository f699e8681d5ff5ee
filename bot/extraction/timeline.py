"""Statements in date order: the timeline of one article, and the ordering used across saved articles.

Order: dated statements oldest first, undated last; the same date sorts by article, then by position in the
article. Month- and week-precision dates (``last September``, ``last week``) are stored as the first day of
the month or the Monday of the week and shown as ``2020-09`` or ``2021-W34``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import Any, TypeVar

from bot.extraction.dating import Precision, date_precision
from bot.extraction.model import DateBasis, Statement, StatementType

ArticleKey = int | str | None
A = TypeVar("A", bound=int | str | None)

UNATTRIBUTED = "Unattributed"
UNDATED = "undated"
LABEL_WIDTH = 10  # len("YYYY-MM-DD")


def _article_order(article: ArticleKey) -> tuple[int, int, str]:
    if article is None:
        return (0, 0, "")
    if isinstance(article, int):
        return (1, article, "")
    return (2, 0, article)


SortKey = tuple[int, str, tuple[int, int, str], int]


def chronological_key(date: str | None, article: ArticleKey, start: int) -> SortKey:
    """Return the sort key of a statement across articles: date (undated last), then article, then offset."""
    return (0 if date else 1, date or "", _article_order(article), start)


def sort_chronologically(items: Iterable[tuple[A, Statement]]) -> list[tuple[A, Statement]]:
    """Sort (article id, statement) pairs by date, then article, then offset in the article."""
    return sorted(items, key=lambda pair: chronological_key(pair[1].date, pair[0], pair[1].start))


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a timeline: when, who, what, and how the date was found."""

    date: str | None
    precision: Precision | None
    speaker: str | None
    quote: str
    type: StatementType
    date_text: str | None
    date_basis: DateBasis | None
    start: int
    article: ArticleKey = None

    @property
    def label(self) -> str:
        """Return the date as shown: ``2021-09-02``, ``2020-09`` (month), ``2021-W34`` (week), ``undated``."""
        if self.date is None:
            return UNDATED
        if self.precision == "month":
            return self.date[:7]
        if self.precision == "year":
            return self.date[:4]
        if self.precision == "decade":
            return f"{self.date[:3]}0s"
        if self.precision == "week":
            year, week, _ = Date.fromisoformat(self.date).isocalendar()
            return f"{year}-W{week:02d}"
        return self.date

    def to_json(self) -> dict[str, Any]:
        """Return the JSON shape of ``python -m bot timeline --json``."""
        data: dict[str, Any] = {
            "date": self.date,
            "date_precision": self.precision,
            "date_text": self.date_text,
            "date_basis": self.date_basis,
            "speaker": self.speaker,
            "quote": self.quote,
            "type": self.type,
            "start": self.start,
        }
        if self.article is not None:
            data["article"] = self.article
        return data


def _precisions(statements: Sequence[Statement]) -> list[Precision | None]:
    """Return each statement's date precision: its own ``date_precision``, else worked out from its date words.

    Statements stored before ``date_precision`` existed have none: an inherited date then has the precision
    of the one it came from.
    """
    out: list[Precision | None] = []
    last: Precision | None = None
    for st in statements:
        if st.date is None:
            out.append(None)
            continue
        if st.date_precision is not None:
            precision = st.date_precision
        elif st.date_basis == "inherited":
            precision = last or "day"
        elif st.date_basis in ("explicit", "relative"):
            precision = date_precision(st.date_text) or "day"
        else:
            precision = "day"
        out.append(precision)
        last = precision
    return out


def timeline_entries(statements: Iterable[Statement], article: ArticleKey = None) -> list[TimelineEntry]:
    """Return the timeline of one article's statements (given in text order): oldest first, undated last."""
    ordered = sorted(statements, key=lambda s: s.start)
    entries = [
        TimelineEntry(date=st.date, precision=precision, speaker=st.speaker, quote=st.quote, type=st.type,
                      date_text=st.date_text, date_basis=st.date_basis, start=st.start, article=article)
        for st, precision in zip(ordered, _precisions(ordered), strict=True)
    ]
    return sorted(entries, key=lambda e: chronological_key(e.date, e.article, e.start))


def format_timeline(entries: Iterable[TimelineEntry]) -> list[str]:
    """Return one line per entry, ``YYYY-MM-DD  Speaker: “quote”``, in the order given."""
    return [f"{e.label:<{LABEL_WIDTH}}  {e.speaker or UNATTRIBUTED}: “{e.quote}”" for e in entries]
