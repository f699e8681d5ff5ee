"""Dates in replies and exports: a month-, year- or decade-only date is shown at that precision, and a date
that is only the article's (basis ``article``) is shown as the publication date; re-extraction updates it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from command_helpers import ADDER, MODERATOR, LineExtractor

from bot.commands import Commands
from bot.commands.dates import date_label
from bot.extraction.model import Extraction, Statement
from bot.service import Service
from bot.settings import Settings
from bot.storage import Storage

# quote -> (date, date_text, basis, precision) the double gives it
DATES: dict[str, tuple[str, str | None, str, str | None]] = {
    "In June.": ("2016-06-01", "in June 2016", "explicit", "month"),
    "In 2003.": ("2003-01-01", "In her 2003 book", "explicit", "year"),
    "In the nineties.": ("1990-01-01", "in the 1990s", "explicit", "decade"),
    "On Thursday.": ("2021-09-02", "Thursday", "explicit", "day"),
    "Always.": ("2021-09-03", None, "article", "day"),
}


class DatedExtractor(LineExtractor):
    """The line double, with each quote dated as in ``DATES`` (or as ``override`` says)."""

    def __init__(self, override: dict[str, tuple[str, str | None, str, str | None]] | None = None,
                 **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.dates = {**DATES, **(override or {})}

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        found = await super().extract(text, article_date=article_date, page_date=page_date, posted_date=posted_date)
        return replace(found, statements=tuple(self._dated(st) for st in found.statements))

    def _dated(self, st: Statement) -> Statement:
        date, text, basis, precision = self.dates[st.quote]
        return replace(st, date=date, date_text=text, date_basis=basis,  # type: ignore[arg-type]
                       date_precision=precision)  # type: ignore[arg-type]


ARTICLE = "".join(f"Kirby|{quote}\n" for quote in DATES)


@pytest.fixture
async def storage(database: str | Path) -> AsyncIterator[Storage]:
    store = await Storage.open(database)
    yield store
    await store.close()


def commands_with(storage: Storage, extractor: LineExtractor) -> Commands:
    return Commands(Service(storage, extractor, Settings.from_env({})))


@pytest.mark.parametrize(("date", "precision", "basis", "shown"), [
    ("2021-09-02", "day", "explicit", "2021-09-02"),
    ("2016-06-01", "month", "explicit", "June 2016"),
    ("2016-06", "month", "inherited", "June 2016"),
    ("2003-01-01", "year", "explicit", "2003"),
    ("1990-01-01", "decade", "explicit", "1990s"),
    ("2021-08-23", "week", "relative", "week of 2021-08-23"),
    ("2021-09-02", None, "explicit", "2021-09-02"),  # stored before precision existed
    ("2021-09-02", "day", "article", "published 2021-09-02"),
    (None, None, None, "undated"),
])
def test_date_label(date: str | None, precision: str | None, basis: str | None, shown: str) -> None:
    assert date_label(date, precision, basis) == shown


async def test_replies_show_dates_at_their_precision_and_exports_carry_it(storage: Storage) -> None:
    commands = commands_with(storage, DatedExtractor())
    assert (await commands.dispatch(ADDER, "!extract " + ARTICLE)).kind == "success"
    reply = await commands.dispatch(ADDER, "!timeline")
    assert [r.title for r in reply.rows] == [
        "Kirby · 1990s", "Kirby · 2003", "Kirby · June 2016", "Kirby · 2021-09-02", "Kirby · published 2021-09-03"]
    export = await commands.dispatch(ADDER, "!export json")
    quotes = json.loads(export.attachments[0].data)["quotes"]
    assert {q["quote"]: q["date_precision"] for q in quotes} == {q: d[3] for q, d in DATES.items()}
    csv_export = (await commands.dispatch(ADDER, "!export csv")).attachments[0].data.decode()
    rows = list(csv.DictReader(io.StringIO(csv_export)))
    assert {r["quote"]: r["date_precision"] for r in rows} == {q: d[3] for q, d in DATES.items()}


async def test_reextraction_updates_the_precision(storage: Storage) -> None:
    old = commands_with(storage, DatedExtractor(version="0-old"))
    assert (await old.dispatch(ADDER, "!extract " + ARTICLE)).kind == "success"
    new = commands_with(storage, DatedExtractor(override={"In June.": ("2016-01-01", "in 2016", "explicit", "year")}))
    assert (await new.dispatch(MODERATOR, "!reextract")).kind in ("success", "info")
    titles = [r.title for r in (await new.dispatch(ADDER, "!quotes Kirby")).rows]
    assert "Kirby · 2016" in titles and "Kirby · June 2016" not in titles


def test_an_unresolved_speaker_is_shown_as_its_mention_not_a_name() -> None:
    from bot.commands.core import speaker_label

    assert speaker_label("John Kirby", "he") == "John Kirby"
    assert speaker_label(None, "she") == "“she” (unresolved)"
    assert speaker_label(None, None) == "Unattributed"
