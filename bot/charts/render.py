"""Draw the charts as PNG bytes with matplotlib's Agg backend: no display, no pyplot, no global figure state.

Drawing takes a good part of a second of CPU: callers on an event loop run these functions in a thread
(``asyncio.to_thread``). One drawing runs at a time: matplotlib's font and text caches are shared.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Sequence
from datetime import date as Date, datetime

import numpy as np  # matplotlib's own dependency
from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bot.charts import style
from bot.charts.figure import ChartRow, Mark, TimelineFigure, WeeklySeries, date_tick_labels, kind_colour

_LOCK = threading.Lock()
# matplotlib's date numbers count days from its epoch (1970-01-01 unless configured otherwise).
_EPOCH_NUMBER = float(mdates.date2num(datetime(1970, 1, 1)))
_EPOCH = Date(1970, 1, 1)
TIMELINE_MIN_LEFT_PX = 120  # room for the row labels: as wide as the widest, within these bounds
TIMELINE_MAX_LEFT_PX = 330
TIMELINE_RIGHT_PX = 28
SHORT_RANGE_DAYS = 14  # up to this, ticks on whole days (never hours)
RIGHT_TICK_ROOM = 0.045  # no tick this close to the right end (as a share of the axis)
MISSING_GLYPH = "\u25a1"  # □, in DejaVu Sans
PNG_METADATA: dict[str, str | None] = {"Software": None}  # no version string: the same chart, the same bytes


@functools.cache
def _glyphs() -> frozenset[int]:
    """Return the characters the chart font can draw."""
    return frozenset(FT2Font(findfont(FontProperties())).get_charmap())


def drawable(text: str) -> str:
    """Return ``text`` with each character the font cannot draw as a box (matplotlib would warn and draw one)."""
    glyphs = _glyphs()
    return "".join(c if ord(c) in glyphs or c.isspace() else MISSING_GLYPH for c in text)


def _number(day: Date) -> float:
    return _EPOCH_NUMBER + (day - _EPOCH).days


def timeline_size(rows: int) -> tuple[int, int]:
    """Return the (width, height) in pixels of a timeline chart with this many rows."""
    height = style.TIMELINE_HEADER_PX + style.TIMELINE_ROW_PX * max(rows, 1) + style.TIMELINE_FOOTER_PX
    return style.TIMELINE_WIDTH_PX, max(style.TIMELINE_MIN_HEIGHT_PX, height)


def _new_figure(width: int, height: int) -> Figure:
    figure = Figure(figsize=(width / style.DPI, height / style.DPI), dpi=style.DPI, facecolor=style.BACKGROUND)
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=style.DPI, facecolor=style.BACKGROUND, metadata=PNG_METADATA)
    return buffer.getvalue()


def _style_axes(ax: Axes) -> None:
    ax.set_facecolor(style.PANEL)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(colors=style.MUTED, labelcolor=style.TEXT, labelsize=style.TICK_FONT_PT, length=0, pad=8)


def _date_axis(ax: Axes, days: int, max_ticks: int) -> None:
    """Put dates on the x axis (call after ``set_xlim``) without crowding: whole days on a short range (never
    hours), else matplotlib's steps; each label says only what changed since the one before."""
    locator: mdates.DateLocator
    if days <= SHORT_RANGE_DAYS:
        locator = mdates.DayLocator(interval=max(1, -(-(days + 2) // max_ticks)))
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=max_ticks)
    lo, hi = ax.get_xlim()
    right = hi - (hi - lo) * RIGHT_TICK_ROOM  # a label centred nearer the edge would be cut off
    ticks = [float(t) for t in locator.tick_values(mdates.num2date(lo), mdates.num2date(hi)) if lo <= t <= right]
    ax.set_xticks(ticks, labels=date_tick_labels([_day(t) for t in ticks]))


def _day(number: float) -> Date:
    return Date.fromordinal(_EPOCH.toordinal() + round(number - _EPOCH_NUMBER))


def _draw_marks(ax: Axes, marks: Sequence[Mark]) -> None:
    """Draw each statement: a filled dot when the text dated it, a ring when only the publication day did,
    a bar over the period when the date is a week, month, year or decade."""
    spans = [m for m in marks if m.is_span]
    if spans:
        # A day's dot sits on the day's tick, so a period runs from half a day before its first day.
        ax.hlines([m.row + m.offset for m in spans], [_number(m.start) - 0.5 for m in spans],
                  [_number(m.end) - 0.5 for m in spans], colors=_rgba([m.colour for m in spans]),
                  linewidth=style.SPAN_WIDTH_PT, alpha=0.85, capstyle="butt")
    for from_text in (True, False):
        dots = [m for m in marks if not m.is_span and m.from_text is from_text]
        if not dots:
            continue
        colours = _rgba([m.colour for m in dots])
        # Arrays, not lists: matplotlib checks a list element by element for masked values.
        ax.scatter(np.array([_number(m.start) for m in dots]), np.array([m.row + m.offset for m in dots]),
                   s=style.MARK_SIZE_PT2, c=colours if from_text else style.PANEL, edgecolors=colours,
                   linewidths=1.0 if from_text else 2.0, zorder=3)


def _rgba(colours: Sequence[str]) -> list[tuple[float, float, float, float]]:
    """Return the colours as RGBA tuples, converting each distinct colour once (10,000 strings are slow)."""
    known = {c: to_rgba(c) for c in set(colours)}
    return [known[c] for c in colours]


def _legend_handles(data: TimelineFigure) -> list[Artist]:
    handles: list[Artist] = [Patch(color=kind_colour(k), label=f"{k} ({style.KIND_LEGEND.get(k, k)})")
                             for k in data.kinds]
    grey = style.MUTED
    if any(m.from_text and not m.is_span for m in data.marks):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=9, color=grey,
                              label="dated in the text"))
    if any(not m.from_text for m in data.marks):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=9, markerfacecolor=style.BACKGROUND,
                              markeredgecolor=grey, markeredgewidth=2, label="publication day only"))
    if any(m.is_span for m in data.marks):
        handles.append(Line2D([], [], color=grey, linewidth=style.SPAN_WIDTH_PT, label="week, month or year"))
    return handles


def row_label(row: ChartRow) -> str:
    """Return a row's label with its count: "John Kirby (12)", "others (5: 13)" (5 speakers, 13 statements)."""
    return f"{row.label} ({row.count:,})" if row.speakers == 1 else f"{row.label} ({row.speakers:,}: {row.count:,})"


def _label_room(figure: Figure, labels: Sequence[str]) -> int:
    """Return the pixels left of the plot that the widest row label needs (within set bounds)."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    font = FontProperties(size=style.LABEL_FONT_PT)
    widest = max((renderer.get_text_width_height_descent(label, font, ismath=False)[0] for label in labels),
                 default=0.0)
    return int(min(TIMELINE_MAX_LEFT_PX, max(TIMELINE_MIN_LEFT_PX, widest + 30)))


def render_timeline(data: TimelineFigure) -> bytes:
    """Return the timeline chart as a PNG of :func:`timeline_size` pixels."""
    with _LOCK:
        return _draw_timeline(data)


def _draw_timeline(data: TimelineFigure) -> bytes:
    width, height = timeline_size(len(data.rows))
    figure = _new_figure(width, height)
    labels = [drawable(row_label(r)) for r in data.rows]
    left = _label_room(figure, labels)
    plot_height = height - style.TIMELINE_HEADER_PX - style.TIMELINE_FOOTER_PX
    ax = figure.add_axes((left / width, style.TIMELINE_FOOTER_PX / height,
                          1 - (left + TIMELINE_RIGHT_PX) / width, plot_height / height))
    _style_axes(ax)
    rows = len(data.rows) or 1
    ax.set_ylim(rows - 0.5, -0.5)  # the most quoted row on top
    ax.set_yticks(range(len(data.rows)))
    ax.set_yticklabels(labels, fontsize=style.LABEL_FONT_PT, parse_math=False)
    for boundary in range(1, rows):
        ax.axhline(boundary - 0.5, color=style.GRID, linewidth=0.8, zorder=1)
    days = (data.end - data.start).days
    pad = max(1.0, days * 0.02)  # a one-day chart still shows the days either side
    ax.set_xlim(_number(data.start) - 0.5 - pad, _number(data.end) - 0.5 + pad)
    _date_axis(ax, days, max_ticks=8)
    ax.grid(axis="x", color=style.GRID, linewidth=0.8, zorder=0)
    _draw_marks(ax, data.marks)
    figure.text(16 / width, 1 - 14 / height, drawable(data.title), color=style.TEXT, fontsize=style.TITLE_FONT_PT,
                fontweight="bold", va="top", ha="left", parse_math=False)
    figure.text(16 / width, 1 - 50 / height, drawable(data.subtitle), color=style.MUTED,
                fontsize=style.SUBTITLE_FONT_PT, va="top", ha="left", parse_math=False)
    handles = _legend_handles(data)
    if handles:
        figure.legend(handles=handles, loc="lower center", ncols=min(len(handles), 3), frameon=False,
                      fontsize=style.LEGEND_FONT_PT, labelcolor=style.TEXT, bbox_to_anchor=(0.5, 4 / height),
                      handlelength=1.4, columnspacing=1.6)
    return _png(figure)


def render_weekly(series: WeeklySeries) -> bytes:
    """Return the statements-per-week sparkline as a PNG of SPARK_WIDTH_PX × SPARK_HEIGHT_PX pixels."""
    with _LOCK:
        return _draw_weekly(series)


def _draw_weekly(series: WeeklySeries) -> bytes:
    width, height = style.SPARK_WIDTH_PX, style.SPARK_HEIGHT_PX
    figure = _new_figure(width, height)
    ax = figure.add_axes((56 / width, 44 / height, 1 - 76 / width, 1 - 92 / height))
    _style_axes(ax)
    xs = [_number(w) for w in series.weeks]
    bottom = [0] * len(xs)
    for kind in style.KIND_ORDER + tuple(sorted({k for c in series.counts for k in c} - set(style.KIND_ORDER))):
        heights = [c.get(kind, 0) for c in series.counts]
        if any(heights):
            ax.bar(xs, heights, width=6, bottom=bottom, align="edge", color=kind_colour(kind), linewidth=0)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    if xs:
        ax.set_xlim(xs[0] - 3, xs[-1] + 10)
    peak = max(series.peak, 1)
    ax.set_ylim(0, peak * 1.08)
    ax.set_yticks([0, peak])
    ax.grid(axis="y", color=style.GRID, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    _date_axis(ax, (len(xs) or 1) * 7, max_ticks=6)
    figure.text(16 / width, 1 - 12 / height, drawable(series.title), color=style.TEXT,
                fontsize=style.SUBTITLE_FONT_PT + 1, fontweight="bold", va="top", ha="left", parse_math=False)
    if series.weeks:
        # The axis shows days and months; the weeks' span with its years goes top right.
        first, last = series.weeks[0], series.weeks[-1]
        span = f"week of {first:%d %b %Y}" if first == last else f"weeks of {first:%d %b %Y} – {last:%d %b %Y}"
        figure.text(1 - 16 / width, 1 - 14 / height, span, color=style.MUTED, fontsize=style.SUBTITLE_FONT_PT - 1,
                    va="top", ha="right", parse_math=False)
    return _png(figure)
