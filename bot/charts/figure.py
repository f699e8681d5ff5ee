"""What a chart shows, worked out without drawing: rows, marks, colours, ranges. Pure stdlib, tested on its own.

A timeline chart has one row per speaker (most marks first, at most :data:`MAX_ROWS`; the rest are folded into
one "others" row) and one mark per dated statement, coloured by kind. A mark is *from the text* when the text
dated the statement (basis explicit, relative or inherited) and *publication day* when nothing did (basis
``article``: the statement carries the article's date). A date known only to a week, month, year or decade is
stored as the first day of that period; its mark is the whole period (a span), never a made-up day.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date as Date, timedelta

from bot.charts.style import KIND_COLOURS, KIND_ORDER, UNKNOWN_KIND_COLOUR

MAX_ROWS = 12  # rows of speakers; past this, the least quoted share the last row
OTHERS = "others"
UNATTRIBUTED = "(unattributed)"
MAX_LABEL_CHARS = 22
ELLIPSIS = "…"
ARTICLE_BASIS = "article"  # the date is the publication day, not found in the text
# Dots of one row on one day are stacked over this much of the row (1.0), at most STACK_STEP apart, around
# DOT_CENTRE; spans (periods) lie in lanes below them, so a month's bar never runs through the day's dots.
STACK_SPREAD = 0.56
STACK_STEP = 0.14
DOT_CENTRE = -0.06
SPAN_LANES: tuple[float, ...] = (0.34, 0.27, 0.20)
# Precisions drawn at a point; the others are spans over their period.
POINT_PRECISIONS = frozenset({None, "day"})
FINE_PRECISIONS = frozenset({None, "day", "week"})  # precise enough to set the chart's range
EPOCH = Date(1970, 1, 1)  # the range of a chart with no marks (never drawn)


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One statement as a chart sees it: who, what kind, and its date as stored (ISO, first day of a period)."""

    speaker: str | None
    kind: str
    date: str | None
    basis: str | None = None
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One row of the chart: its label, its marks, and (for "others") how many speakers it holds."""

    label: str
    count: int
    speakers: int = 1


@dataclass(frozen=True, slots=True)
class Mark:
    """One statement on the chart: its row, the days it covers [start, end), kind, colour, how it is dated.

    ``offset`` moves it up or down within its row (marks of one row on one day are stacked, not drawn on top
    of each other).
    """

    row: int
    start: Date
    end: Date
    kind: str
    colour: str
    from_text: bool
    offset: float = 0.0

    @property
    def is_span(self) -> bool:
        """Return whether the mark covers a period (a week or more) rather than one day."""
        return (self.end - self.start).days > 1


@dataclass(frozen=True, slots=True)
class TimelineFigure:
    """Everything a timeline chart shows; ``start``/``end`` are the days covered, end exclusive."""

    title: str
    rows: tuple[ChartRow, ...]
    marks: tuple[Mark, ...]
    start: Date
    end: Date
    statements: int = 0
    undated: int = 0
    outside: int = 0

    @property
    def kinds(self) -> tuple[str, ...]:
        """Return the kinds that have marks, in the usual order."""
        present = {m.kind for m in self.marks}
        return tuple(k for k in KIND_ORDER if k in present) + tuple(sorted(present - set(KIND_ORDER)))

    @property
    def subtitle(self) -> str:
        """Say what the chart counts: statements, speakers, and what it could not place."""
        shown = len(self.marks)
        speakers = sum(r.speakers for r in self.rows)
        parts = [f"{shown:,} statement{'s' if shown != 1 else ''}",
                 f"{speakers:,} speaker{'s' if speakers != 1 else ''}"]
        if self.undated:
            parts.append(f"{self.undated:,} undated not shown")
        if self.outside:
            parts.append(f"{self.outside:,} dated only to a month or more, outside the range")
        return " · ".join(parts)


def kind_colour(kind: str) -> str:
    """Return the mark colour of a statement kind."""
    return KIND_COLOURS.get(kind, UNKNOWN_KIND_COLOUR)


def short_label(name: str, limit: int = MAX_LABEL_CHARS) -> str:
    """Return a row label of at most ``limit`` characters (a long name ends in an ellipsis)."""
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + ELLIPSIS


def period_end(start: Date, precision: str | None) -> Date:
    """Return the day after the period a stored date stands for (a day, week, month, year or decade)."""
    if precision == "week":
        return start + timedelta(days=7)
    if precision == "month":
        return start + timedelta(days=calendar.monthrange(start.year, start.month)[1] - start.day + 1)
    if precision == "year":
        return Date(start.year + 1, 1, 1)
    if precision == "decade":
        return Date(start.year - start.year % 10 + 10, 1, 1)
    return start + timedelta(days=1)


def _day(value: str | None) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def choose_rows(speakers: Iterable[str | None], max_rows: int = MAX_ROWS) -> tuple[list[ChartRow], dict[str, int]]:
    """Return the rows (most marks first, ties by name; the rest folded into "others") and each speaker's row.

    With more speakers than ``max_rows``, the first ``max_rows - 1`` get rows and the others share the last.
    """
    counts = Counter(name or UNATTRIBUTED for name in speakers)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))
    keep = ranked if len(ranked) <= max_rows else ranked[: max_rows - 1]
    rows = [ChartRow(label=short_label(name), count=n) for name, n in keep]
    index = {name: i for i, (name, _n) in enumerate(keep)}
    rest = ranked[len(keep):]
    if rest:
        rows.append(ChartRow(label=OTHERS, count=sum(n for _name, n in rest), speakers=len(rest)))
        index.update({name: len(keep) for name, _n in rest})
    return rows, index


def _range(dated: Sequence[tuple[ChartPoint, Date, Date]], start: Date | None,
           end: Date | None) -> tuple[Date, Date]:
    """Return the days the chart covers: the filter's dates, else the span of the precise enough marks."""
    fine = [(s, e) for p, s, e in dated if p.precision in FINE_PRECISIONS] or [(s, e) for _p, s, e in dated]
    lo = start or min(s for s, _e in fine)
    hi = end or max(e for _s, e in fine)
    return lo, max(hi, lo + timedelta(days=1))


def stack_offsets(n: int, spread: float = STACK_SPREAD, step: float = STACK_STEP) -> list[float]:
    """Return ``n`` offsets centred on 0, at most ``step`` apart and within ±``spread``/2."""
    if n <= 1:
        return [0.0] * n
    gap = min(step, spread / (n - 1))
    return [(i - (n - 1) / 2) * gap for i in range(n)]


def build_timeline(points: Iterable[ChartPoint], title: str, *, start: str | None = None, end: str | None = None,
                   max_rows: int = MAX_ROWS) -> TimelineFigure:
    """Return the timeline chart of these statements (a figure with no marks when none has a date).

    ``start``/``end`` (ISO days, inclusive) fix the range, as the ``from:``/``to:`` filters do; otherwise it is
    the span of the marks dated to a day or a week, and a mark dated only to a month or coarser that lies
    outside it is left out (counted in ``outside``) rather than stretching a month's chart over decades.
    """
    items = list(points)
    dated: list[tuple[ChartPoint, Date, Date]] = []
    for p in items:
        day = _day(p.date)
        if day is not None:
            dated.append((p, day, period_end(day, p.precision)))
    undated = len(items) - len(dated)
    if not dated:
        return TimelineFigure(title=title, rows=(), marks=(), start=EPOCH, end=EPOCH + timedelta(days=1),
                              statements=len(items), undated=undated)
    lo, hi = _range(dated, _day(start), (d + timedelta(days=1)) if (d := _day(end)) else None)
    shown = [(p, s, e) for p, s, e in dated if s < hi and e > lo]
    rows, row_of = choose_rows(p.speaker for p, _s, _e in shown)
    marks = _marks(shown, row_of)
    return TimelineFigure(title=title, rows=tuple(rows), marks=tuple(marks), start=lo, end=hi,
                          statements=len(items), undated=undated, outside=len(dated) - len(shown))


def _marks(shown: Sequence[tuple[ChartPoint, Date, Date]], row_of: dict[str, int]) -> list[Mark]:
    """Return the marks in row and date order: dots of one row and day stacked, spans in the lanes below."""
    dots: dict[tuple[int, Date], list[tuple[ChartPoint, Date, Date]]] = defaultdict(list)
    spans: dict[int, list[tuple[ChartPoint, Date, Date]]] = defaultdict(list)
    for p, s, e in shown:
        row = row_of[p.speaker or UNATTRIBUTED]
        if p.precision in POINT_PRECISIONS:
            dots[(row, s)].append((p, s, e))
        else:
            spans[row].append((p, s, e))
    marks: list[Mark] = []
    for (row, _day), members in sorted(dots.items(), key=lambda kv: kv[0]):
        members.sort(key=lambda m: (_kind_rank(m[0].kind), m[0].basis == ARTICLE_BASIS))
        for (p, s, e), offset in zip(members, stack_offsets(len(members)), strict=True):
            marks.append(_mark(p, row, s, e, DOT_CENTRE + offset))
    for row, members in sorted(spans.items()):
        members.sort(key=lambda m: (m[1], m[2], _kind_rank(m[0].kind)))
        for i, (p, s, e) in enumerate(members):
            marks.append(_mark(p, row, s, e, SPAN_LANES[i % len(SPAN_LANES)]))
    return marks


def _mark(p: ChartPoint, row: int, start: Date, end: Date, offset: float) -> Mark:
    return Mark(row=row, start=start, end=end, kind=p.kind, colour=kind_colour(p.kind),
                from_text=p.basis != ARTICLE_BASIS, offset=offset)


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def date_tick_labels(days: Sequence[Date]) -> list[str]:
    """Return the x-axis labels of these tick days, each saying only what changed since the previous one.

    "15 Aug 2021", "22", "29", "05 Sep"; month starts as "Aug 2021", "Sep"; yearly ticks as "2020", "2021".
    """
    if days and all(d.month == 1 and d.day == 1 for d in days):
        return [f"{d.year}" for d in days]
    labels: list[str] = []
    previous: Date | None = None
    for d in days:
        if previous is None or d.year != previous.year:
            fmt = "%b %Y" if d.day == 1 else "%d %b %Y"
        elif d.month != previous.month:
            fmt = "%b" if d.day == 1 else "%d %b"
        else:
            fmt = "%d"
        labels.append(d.strftime(fmt))
        previous = d
    return labels


# ---------------------------------------------------------------------------------------- weekly series


@dataclass(frozen=True, slots=True)
class WeeklySeries:
    """Statements per week (weeks start on Monday), per kind: ``counts[i][kind]`` for the week ``weeks[i]``."""

    title: str
    weeks: tuple[Date, ...]
    counts: tuple[dict[str, int], ...]
    left_out: int = 0

    @property
    def total(self) -> int:
        """Return the statements counted."""
        return sum(sum(c.values()) for c in self.counts)

    @property
    def peak(self) -> int:
        """Return the most statements in one week."""
        return max((sum(c.values()) for c in self.counts), default=0)


def monday(day: Date) -> Date:
    """Return the Monday of the week of ``day``."""
    return day - timedelta(days=day.weekday())


def build_weekly(points: Iterable[ChartPoint], title: str) -> WeeklySeries:
    """Return statements per week from the first week to the last, empty weeks included.

    Statements dated to a day or a week count in their week; undated ones and those dated only to a month or
    coarser are left out (``left_out``): they belong to no one week.
    """
    per_week: dict[Date, Counter[str]] = defaultdict(Counter)
    left_out = 0
    for p in points:
        day = _day(p.date)
        if day is None or p.precision not in FINE_PRECISIONS:
            left_out += 1
            continue
        per_week[monday(day)][p.kind] += 1
    if not per_week:
        return WeeklySeries(title=title, weeks=(), counts=(), left_out=left_out)
    first, last = min(per_week), max(per_week)
    weeks = tuple(first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1))
    return WeeklySeries(title=title, weeks=weeks, counts=tuple(dict(per_week.get(w, {})) for w in weeks),
                        left_out=left_out)
