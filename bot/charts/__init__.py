"""Pictures of saved statements: the figure's data worked out by pure functions, drawn by matplotlib (Agg).

:mod:`bot.charts.figure` decides what a chart shows (rows, marks, colours by kind, folding into "others");
:mod:`bot.charts.render` draws it as PNG bytes (it imports matplotlib, so it is imported only to draw).
Nothing here knows storage, the service or a chat: callers pass :class:`ChartPoint` values.
"""

from bot.charts.figure import (
    MAX_ROWS,
    OTHERS,
    ChartPoint,
    ChartRow,
    Mark,
    TimelineFigure,
    WeeklySeries,
    build_timeline,
    build_weekly,
)

__all__ = ["MAX_ROWS", "OTHERS", "ChartPoint", "ChartRow", "Mark", "TimelineFigure", "WeeklySeries",
           "build_timeline", "build_weekly"]
