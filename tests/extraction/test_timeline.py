"""Timeline ordering, labels, JSON shape, and the cross-article sort."""

from __future__ import annotations

import pytest

from bot.extraction.model import Statement
from bot.extraction.timeline import (
    TimelineEntry,
    chronological_key,
    format_timeline,
    sort_chronologically,
    timeline_entries,
)


def _st(quote: str, start: int, date: str | None, basis: str | None = None, date_text: str | None = None,
        speaker: str | None = "Kirby") -> Statement:
    return Statement("direct", quote, start, start + len(quote), speaker, speaker, None, "said",
                     date=date, date_text=date_text, date_basis=basis)  # type: ignore[arg-type]


def test_oldest_first_undated_last_then_text_order() -> None:
    statements = [
        _st("a", 0, "2021-09-02", "article"),
        _st("b", 10, None),
        _st("c", 20, "2021-08-31", "explicit", "August 31"),
        _st("d", 30, "2021-09-02", "article"),
        _st("e", 40, "2021-08-30", "relative", "The day before"),
    ]
    entries = timeline_entries(statements)
    assert [e.quote for e in entries] == ["e", "c", "a", "d", "b"]


def test_format_lines() -> None:
    statements = [
        _st("Over.", 0, "2021-09-02", "article"),
        _st("Hard.", 10, "2021-08-31", "explicit", "August 31", speaker="Antony Blinken"),
        _st("Who?", 20, None, speaker=None),
    ]
    assert format_timeline(timeline_entries(statements)) == [
        "2021-08-31  Antony Blinken: “Hard.”",
        "2021-09-02  Kirby: “Over.”",
        "undated     Unattributed: “Who?”",
    ]


@pytest.mark.parametrize(("date", "basis", "date_text", "label", "precision"), [
    ("2021-08-31", "explicit", "August 31", "2021-08-31", "day"),
    ("2020-09-01", "explicit", "last September", "2020-09", "month"),
    ("2021-09-01", "relative", "earlier this month", "2021-09", "month"),
    ("2021-08-23", "relative", "last week", "2021-W34", "week"),
    ("2021-09-02", "article", None, "2021-09-02", "day"),
    ("2003-01-01", "explicit", "2003", "2003", "year"),
    ("1990-01-01", "explicit", "the 1990s", "1990s", "decade"),
    (None, None, None, "undated", None),
])
def test_labels_say_the_precision(date: str | None, basis: str | None, date_text: str | None, label: str,
                                  precision: str | None) -> None:
    (entry,) = timeline_entries([_st("q", 0, date, basis, date_text)])
    assert (entry.label, entry.precision) == (label, precision)
    assert entry.to_json()["date_precision"] == precision


def test_inherited_date_keeps_the_precision_it_came_from() -> None:
    statements = [
        _st("a", 0, "2020-09-01", "explicit", "Last September"),
        _st("b", 10, "2020-09-01", "inherited"),
        _st("c", 20, "2021-08-31", "explicit", "August 31"),
        _st("d", 30, "2021-08-31", "inherited"),
    ]
    labels = {e.quote: e.label for e in timeline_entries(statements)}
    assert labels == {"a": "2020-09", "b": "2020-09", "c": "2021-08-31", "d": "2021-08-31"}


def test_to_json() -> None:
    (entry,) = timeline_entries([_st("Hard.", 5, "2021-08-31", "explicit", "August 31")], article="a1")
    assert entry.to_json() == {
        "date": "2021-08-31", "date_precision": "day", "date_text": "August 31", "date_basis": "explicit",
        "speaker": "Kirby", "quote": "Hard.", "type": "direct", "start": 5, "article": "a1",
    }
    assert "article" not in timeline_entries([_st("x", 0, None)])[0].to_json()
    assert isinstance(entry, TimelineEntry)


def test_sort_across_articles() -> None:
    pairs = [
        (2, _st("b2-late", 50, "2021-09-02")),
        (1, _st("a1-undated", 0, None)),
        (2, _st("b2-early", 10, "2021-09-02")),
        (1, _st("a1", 90, "2021-09-02")),
        (3, _st("c3-old", 0, "2021-08-15")),
    ]
    ordered = [st.quote for _, st in sort_chronologically(pairs)]
    assert ordered == ["c3-old", "a1", "b2-early", "b2-late", "a1-undated"]


def test_sort_key_mixes_article_id_types() -> None:
    keys = sorted([chronological_key("2021-09-02", "x", 0), chronological_key("2021-09-02", 7, 0),
                   chronological_key("2021-09-02", None, 3), chronological_key(None, 1, 0)])
    assert [k[2] for k in keys] == [(0, 0, ""), (1, 7, ""), (2, 0, "x"), (1, 1, "")]


@pytest.mark.parametrize(("precision", "label"), [
    ("year", "2014"), ("decade", "2010s"), ("month", "2014-06"), ("day", "2014-06-01"),
])
def test_a_statement_says_its_own_precision(precision: str, label: str) -> None:
    """``date_precision`` from the dating rules wins over working it out from the words (even inherited)."""
    st = Statement("direct", "q", 0, 1, "Kirby", "Kirby", None, "said", date="2014-06-01",
                   date_text="a 2014 study", date_basis="inherited",
                   date_precision=precision)  # type: ignore[arg-type]
    (entry,) = timeline_entries([st])
    assert (entry.label, entry.precision) == (label, precision)
