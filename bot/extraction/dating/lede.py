"""The lede dated by the body: a summary at the top ("Christie called Clinton a disgrace after she attacked
police") is often dated only where the body tells the occasion ("On the Steve Harvey Show on Tuesday, Clinton
criticized ..."). A lede statement left on the article date takes the date of its voice's next statement when
that one stands within ``lede_reach`` paragraphs and is dated by the text, to the day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.extraction.dating.config import DatingConfig
from bot.extraction.model import Statement


@dataclass(frozen=True, slots=True)
class Placed:
    """A dated statement with what the lede rule reads: its paragraph, its voice, whether it is present."""

    statement: Statement
    paragraph: int
    voice: int
    present: bool


def _body_dating(i: int, placed: Sequence[Placed], config: DatingConfig) -> Statement | None:
    """Return the voice's next statement after ``placed[i]`` if its own words date it to the day, else None."""
    here = placed[i]
    for later in placed[i + 1:]:
        if later.paragraph - here.paragraph > config.lede_reach:
            return None
        if later.voice != here.voice:
            continue
        if later.paragraph == here.paragraph and later.statement.date_basis == "article":
            continue  # the same summary goes on ("attacked ... and blamed ..."): look further down
        st = later.statement
        # its own words date it ("On ... on Tuesday, Clinton criticized"): an inherited date may be a scene's
        dated = st.date_basis in ("explicit", "relative") and st.date_precision == "day"
        return st if dated and not later.present else None
    return None


def date_lede_from_body(placed: Sequence[Placed], config: DatingConfig) -> list[Statement]:
    """Return the statements, each lede one on the article date given its voice's dated occasion below."""
    out: list[Statement] = []
    for i, p in enumerate(placed):
        st = p.statement
        source = None
        if p.paragraph < config.lede_paragraphs and st.date_basis == "article" and not p.present:
            source = _body_dating(i, placed, config)
        if source is not None:
            st = replace(st, date=source.date, date_text=source.date_text, date_basis="inherited",
                         date_precision=source.date_precision)
        out.append(st)
    return out
