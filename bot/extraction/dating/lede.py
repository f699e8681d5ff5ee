"""Statements dated by the words that come after them: a summary, then the occasion or the words it sums up.

- The lede: a summary at the top ("Christie called Clinton a disgrace after she attacked police") is often
  dated only where the body tells the occasion ("On the Steve Harvey Show on Tuesday, Clinton criticized ...").
  A lede statement left on the article date takes the date of its voice's next statement when that one stands
  within ``lede_reach`` paragraphs and is dated by its own words, to the day.
- Anywhere: a summary ("Trump revised his plan, promising to ...") followed at once by its words ("'...,' he
  said last month") takes their date: the very next statement, same voice, a plain "said" dated by its words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.extraction.dating.config import DatingConfig
from bot.extraction.model import Statement

# Cues that only report words, so that the statement they close can be the words of the summary before it.
PLAIN_REPORTING = frozenset({"said", "wrote", "added"})


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


def _next_dating(here: Placed, later: Placed) -> Statement | None:
    """Return the very next statement when it gives the words of this summary: the same voice, in this or the
    next paragraph, a plain "said" dated by its own words ("promising to ..." then "'...,' he said last month").
    A direct quote is words of its own, not a summary; another verb ("encouraged", "pressed") is another act."""
    st = later.statement
    if (here.statement.type == "direct" or later.voice != here.voice or later.present
            or later.paragraph - here.paragraph not in (0, 1) or (st.cue or "").lower() not in PLAIN_REPORTING):
        return None
    return st if st.date_basis in ("explicit", "relative") else None


def date_lede_from_body(placed: Sequence[Placed], config: DatingConfig) -> list[Statement]:
    """Return the statements, each lede one on the article date given its voice's dated occasion below."""
    out: list[Statement] = []
    for i, p in enumerate(placed):
        st = p.statement
        source = None
        if p.paragraph < config.lede_paragraphs and st.date_basis == "article" and not p.present:
            source = _body_dating(i, placed, config)
        elif st.date_basis == "article" and not p.present and i + 1 < len(placed):
            source = _next_dating(p, placed[i + 1])
        if source is not None:
            st = replace(st, date=source.date, date_text=source.date_text, date_basis="inherited",
                         date_precision=source.date_precision)
        out.append(st)
    return out
