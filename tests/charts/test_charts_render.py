"""The drawn pictures: valid PNGs of the expected size, the background and the kind colours where expected."""

from __future__ import annotations

import io
import struct
import threading
from datetime import date as Date, timedelta

import pytest
from PIL import Image

from bot.charts import ChartPoint, build_timeline, build_weekly
from bot.charts.render import drawable, render_timeline, render_weekly, timeline_size
from bot.charts.style import (
    BACKGROUND,
    KIND_COLOURS,
    SPARK_HEIGHT_PX,
    SPARK_WIDTH_PX,
    TIMELINE_MIN_HEIGHT_PX,
    TIMELINE_ROW_PX,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Return (width, height) from a PNG's IHDR chunk, checking the signature and the chunk's place."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def colours_in(data: bytes) -> set[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return {c for _n, c in image.getcolors(maxcolors=1 << 20) or []}


def month_of_points(speakers: int, per_speaker: int, kinds: tuple[str, ...] = ("speech",)) -> list[ChartPoint]:
    first = Date(2021, 8, 1)
    return [ChartPoint(speaker=f"Speaker {s}", kind=kinds[(s + i) % len(kinds)],
                       date=(first + timedelta(days=(s * 7 + i * 3) % 31)).isoformat(),
                       basis="article" if i % 4 == 0 else "explicit", precision="day")
            for s in range(speakers) for i in range(per_speaker)]


@pytest.mark.parametrize("speakers", [1, 3, 12, 20])
def test_the_timeline_is_a_png_of_the_expected_size(speakers: int) -> None:
    figure = build_timeline(month_of_points(speakers, 5), "Timeline")
    data = render_timeline(figure)
    width, height = png_size(data)
    assert (width, height) == timeline_size(len(figure.rows))
    assert width == 1000 and height >= TIMELINE_MIN_HEIGHT_PX
    assert Image.open(io.BytesIO(data)).size == (width, height)


def test_the_height_grows_with_the_rows_up_to_twelve() -> None:
    assert timeline_size(12)[1] - timeline_size(11)[1] == TIMELINE_ROW_PX
    assert timeline_size(1) == timeline_size(0)


def test_the_background_is_the_dark_card_and_the_kinds_have_their_colours() -> None:
    data = render_timeline(build_timeline(month_of_points(3, 6, ("speech", "thought")), "Timeline"))
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.getpixel((2, 2)) == rgb(BACKGROUND)
    present = colours_in(data)
    assert rgb(KIND_COLOURS["speech"]) in present and rgb(KIND_COLOURS["thought"]) in present
    assert rgb(KIND_COLOURS["evidence"]) not in present  # no finding, no finding's colour (nor its legend)


def test_ten_thousand_statements_draw() -> None:
    data = render_timeline(build_timeline(month_of_points(30, 334, ("speech", "thought", "evidence")), "Big"))
    assert png_size(data) == timeline_size(12)


def test_names_the_font_cannot_draw_or_that_look_like_math_are_drawn_as_text() -> None:
    # filterwarnings = error: a missing glyph or a mathtext parse would fail this test.
    points = [ChartPoint("习近平", "speech", "2021-09-02", "explicit", "day"),
              ChartPoint("Price $5 $x^{2", "speech", "2021-09-03", "explicit", "day"),
              ChartPoint("محمد", "thought", "2021-09-03", "article", "day")]
    data = render_timeline(build_timeline(points, "Timeline: 习近平 $"))
    assert png_size(data) == timeline_size(3)
    assert drawable("习近平 Kirby") == "□□□ Kirby"


def test_the_weekly_sparkline_is_a_png_of_its_fixed_size() -> None:
    series = build_weekly(month_of_points(1, 20, ("speech", "evidence")), "Speaker 0: statements per week")
    data = render_weekly(series)
    assert png_size(data) == (SPARK_WIDTH_PX, SPARK_HEIGHT_PX)
    present = colours_in(data)
    assert rgb(KIND_COLOURS["speech"]) in present and rgb(KIND_COLOURS["evidence"]) in present


def test_one_week_and_a_long_span_of_weeks_both_draw() -> None:
    one = build_weekly([ChartPoint("K", "speech", "2021-09-02")], "w")
    years = build_weekly([ChartPoint("K", "speech", f"{y}-03-0{d}") for y in range(2015, 2022) for d in (1, 2)], "w")
    assert len(years.weeks) > 300
    for series in (one, years):
        assert png_size(render_weekly(series)) == (SPARK_WIDTH_PX, SPARK_HEIGHT_PX)


def test_drawing_from_several_threads_at_once_gives_the_same_pictures() -> None:
    figure = build_timeline(month_of_points(4, 5), "Timeline")
    expected = render_timeline(figure)
    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(render_timeline(figure))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
