"""How the pictures look: colours, sizes and limits, declared once.

The background is Discord's dark embed grey with light text: a picture carries its own background, so it
reads the same in dark mode and, as a dark card, in light mode. The kind colours are from the Okabe–Ito
palette (distinguishable with the common colour-vision deficiencies) and bright enough on the dark grey.
"""

from __future__ import annotations

from typing import Final

BACKGROUND: Final = "#2B2D31"
PANEL: Final = "#313338"  # the plotting area, a shade lighter than the card around it
TEXT: Final = "#E3E5E8"
MUTED: Final = "#B5BAC1"  # axis labels, the subtitle
GRID: Final = "#4E5058"

# Mark colour per statement kind (bot.storage.records.STATEMENT_KINDS, kept here so charts import no layer).
KIND_COLOURS: Final[dict[str, str]] = {
    "speech": "#56B4E9",    # sky blue
    "thought": "#E69F00",   # orange
    "evidence": "#CC79A7",  # reddish purple
}
UNKNOWN_KIND_COLOUR: Final = "#B5BAC1"
KIND_ORDER: Final[tuple[str, ...]] = ("speech", "thought", "evidence")
KIND_LEGEND: Final[dict[str, str]] = {"speech": "said, wrote", "thought": "believes, plans",
                                      "evidence": "finding, poll"}

# Timeline chart, in pixels at DPI: fixed width (Discord scales a picture down to about 550 px in the chat, so
# text is set large enough to survive halving), height grows with the rows.
DPI: Final = 100
TIMELINE_WIDTH_PX: Final = 1000
TIMELINE_HEADER_PX: Final = 96
TIMELINE_ROW_PX: Final = 46
TIMELINE_FOOTER_PX: Final = 104
TIMELINE_MIN_HEIGHT_PX: Final = 320
LABEL_FONT_PT: Final = 13
TITLE_FONT_PT: Final = 17
SUBTITLE_FONT_PT: Final = 12
TICK_FONT_PT: Final = 12
LEGEND_FONT_PT: Final = 11.5
MARK_SIZE_PT2: Final = 70  # scatter marker area
SPAN_WIDTH_PT: Final = 4.5  # line width of a mark dated only to a week, month, year or decade

# Speaker profile sparkline: statements per week.
SPARK_WIDTH_PX: Final = 800
SPARK_HEIGHT_PX: Final = 200
