"""The pictures behind ``!timeline … chart`` and ``!speaker``: the service's points as chart points, the chart's
title, and drawing (run in a thread by the commands: it takes a good part of a second of CPU)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.charts import ChartPoint, TimelineFigure, WeeklySeries, build_timeline, build_weekly
from bot.service import KindChoice, StatementPoint

# How a chart's title names the kind shown.
KIND_TITLES: dict[str, str] = {"speech": "quotes", "thought": "beliefs", "evidence": "findings", "all": "every kind"}
TITLE_CHARS = 80  # what fits across the picture in the title's font
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG_CHARS = 40


def chart_points(points: Iterable[StatementPoint]) -> list[ChartPoint]:
    """Return the service's statement points as the charts take them."""
    return [ChartPoint(speaker=p.speaker, kind=p.kind, date=p.date, basis=p.date_basis, precision=p.date_precision)
            for p in points]


def chart_title(subject: str | None, *, article: int | None = None, date_from: str | None = None,
                date_to: str | None = None, kind: KindChoice | str = "speech") -> str:
    """Return the title that says what a chart shows: "Timeline: John Kirby · from 2021-08-01 · A3 · quotes".

    ``subject`` is the speaker filtered on (or, for one article's chart, the article).
    """
    parts = [f"Timeline: {subject}" if subject else "Timeline"]
    if date_from and date_to:
        parts.append(f"{date_from} to {date_to}")
    elif date_from:
        parts.append(f"from {date_from}")
    elif date_to:
        parts.append(f"up to {date_to}")
    if article is not None:
        parts.append(f"article A{article}")
    parts.append(KIND_TITLES.get(kind, kind))
    title = " · ".join(parts)
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def image_name(stem: str, name: str | None = None) -> str:
    """Return a picture's file name in plain ASCII ("timeline-john-kirby.png"), as Discord links to it."""
    slug = _NOT_SLUG.sub("-", (name or "").casefold()).strip("-")[:MAX_SLUG_CHARS].strip("-")
    return f"{stem}-{slug}.png" if slug else f"{stem}.png"


def draw_timeline(points: Iterable[ChartPoint], title: str, *, start: str | None = None,
                  end: str | None = None) -> tuple[TimelineFigure, bytes | None]:
    """Return the chart's figure and its PNG (None when no statement has a date: nothing to draw)."""
    from bot.charts.render import render_timeline  # matplotlib loads on the first picture, not at start-up

    figure = build_timeline(points, title, start=start, end=end)
    return figure, render_timeline(figure) if figure.marks else None


def draw_weekly(points: Iterable[ChartPoint], title: str) -> tuple[WeeklySeries, bytes | None]:
    """Return the statements-per-week series and its PNG (None when no week has a statement)."""
    from bot.charts.render import render_weekly

    series = build_weekly(points, title)
    return series, render_weekly(series) if series.weeks else None
