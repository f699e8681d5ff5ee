"""A pasted article's own publication date, read from its head (no model needed for the table)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from bot.extraction.dating import dateline_day, head_date
from bot.extraction.pipeline import extract, prepare

if TYPE_CHECKING:
    from spacy.language import Language

HEADS = [
    ("wire dateline with the year", "LONDON, 14 March 2024 (Reuters) - The minister said on Wednesday that taxes "
     "would fall.", date(2024, 3, 14)),
    ("a date line of its own under the headline, with weekday, time and zone", "Johnson vows to press on\nThu 14 "
     "Mar 2024 10.30 GMT\n\nBoris Johnson said he would stay.", date(2024, 3, 14)),
    ("a 'Published' label", "Published: March 14, 2024 at 3:04 p.m. EDT\n\nThe mayor spoke.", date(2024, 3, 14)),
    ("a byline with the date", "By Jane Smith | Sept. 5, 2023\n\nThe mayor spoke.", date(2023, 9, 5)),
    ("an ISO date after 'Updated'", "Updated 2024-03-14 10:00\n\nThe mayor spoke.", date(2024, 3, 14)),
    ("a dateline without a year names no date", "WASHINGTON, Dec 1 (Reuters) - The senator said ...", None),
    ("a date in a headline's sentence is an event's", "Trump wins the primary held on March 3, 2020 in a "
     "landslide\n\nThe count went on.", None),
    ("a date inside the story is an event's", "The mayor said on March 14, 2024 that the vote will happen. Then "
     "more.", None),
    ("an impossible date is none", "Published: February 30, 2024\n\nText.", None),
]


@pytest.mark.parametrize(("case", "text", "expected"), [pytest.param(*c, id=c[0]) for c in HEADS])
def test_head_date(case: str, text: str, expected: date | None) -> None:
    assert head_date(text) == expected, case


def test_the_head_date_is_the_reference_between_page_metadata_and_the_posting_time() -> None:
    text = "LONDON, 14 March 2024 (Reuters) - The minister said taxes would fall."
    assert prepare(text, posted_date="2024-03-20T10:00:00").date_source == "article head"
    assert prepare(text, page_date="2024-03-15").date_source == "page metadata"
    assert prepare("date 2024-03-01\n" + text).date_source == "date line"
    assert prepare("The minister said taxes would fall.", posted_date="2024-03-20").date_source == "posted"


def test_statements_are_dated_from_the_dateline(nlp: Language) -> None:
    text = ("LONDON, 14 March 2024 (Reuters) - Britain's finance minister said on Wednesday that taxes would "
            "fall.\n\n\"We have turned the corner,\" Jeremy Hunt told the BBC on 12 March. The day before, he had "
            "said inflation was falling.")
    ex = extract(text, nlp=nlp)
    assert (ex.article_date, ex.date_source, ex.warnings) == ("2024-03-14", "article head", ())
    assert [st.date for st in ex.statements] == ["2024-03-13", "2024-03-12", "2024-03-11"]


@pytest.mark.parametrize(("text", "posted", "expected"), [
    ("WASHINGTON, Dec 1 (Reuters) - The senator said ...", date(2026, 12, 3), date(2026, 12, 1)),
    ("OTTAWA, Dec. 30 — The minister said ...", date(2027, 1, 2), date(2026, 12, 30)),
    ("OTTAWA, Dec. 30 — The minister said ...", date(2026, 12, 3), None),  # (a year back is too far)
    ("NEW DELHI (AP) — The minister said ...", date(2026, 12, 3), None),
    ("Washington, Dec 1 is the day the talks begin.", date(2026, 12, 3), None),
])
def test_a_dateline_without_its_year_takes_the_year_of_the_posting(text: str, posted: date,
                                                                     expected: date | None) -> None:
    assert dateline_day(text, posted) == expected


def test_a_dateline_day_comes_before_the_posting_time() -> None:
    prepared = prepare("WASHINGTON, Dec 1 (Reuters) - The senator said the bill would pass.",
                       posted_date="2026-12-03T10:00:00")
    assert (prepared.reference, prepared.date_source) == (date(2026, 12, 1), "article head")
