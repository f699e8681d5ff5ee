"""How replies show a statement's date: at the precision it was found, and marked when it is only the article's.

A month-, year- or decade-only date is stored as its first day with a ``date_precision``; it is shown as
"June 2016", "2003" or "1990s", never as a made-up day. A date with basis ``article`` is the publication date
(nothing in the text dated the statement), so it is shown as such: "published 2021-09-02".
"""

from __future__ import annotations

from datetime import date as Date

UNDATED = "undated"
ARTICLE_BASIS = "article"
MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August",
                           "September", "October", "November", "December")


def date_label(date: str | None, precision: str | None = None, basis: str | None = None) -> str:
    """Return a stored date as replies show it: "2021-09-02", "June 2016", "2003", "1990s", "undated"."""
    if not date:
        return UNDATED
    shown = _at_precision(date, precision)
    return f"published {shown}" if basis == ARTICLE_BASIS else shown


def _at_precision(date: str, precision: str | None) -> str:
    # A stored date is ISO ("2016-06-01"); older rows or hand-made ones may be shorter ("2016-06", "2003").
    year, month = date[:4], date[5:7]
    if precision == "decade":
        return f"{date[:3]}0s"
    if precision == "year":
        return year
    if precision == "month" and month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year}"
    if precision == "week":
        try:
            return f"week of {Date.fromisoformat(date[:10]).isoformat()}"
        except ValueError:
            return date
    return date
