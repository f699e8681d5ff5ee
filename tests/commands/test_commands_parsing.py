"""Parsing chat messages: command names, shell-like words, pages, short ids, timeline filters."""

from __future__ import annotations

import pytest

from bot.commands.parsing import (
    TimelineArgs,
    parse_ref,
    parse_timeline,
    split_command,
    split_page,
    suggest,
    take_date_option,
    take_page_text,
    tokens,
)
from bot.errors import UsageError


@pytest.mark.parametrize(("text", "expected"), [
    ("!quotes Kirby 2", ("quotes", "Kirby 2")),
    ("  !QUOTES  ", ("quotes", "")),
    ("!extract\nline one\nline two", ("extract", "line one\nline two")),
    ("! quotes", None),
    ("quotes", None),
    ("!", None),
    ("", None),
])
def test_split_command(text: str, expected: tuple[str, str] | None) -> None:
    assert split_command(text, "!") == expected


def test_tokens_keep_quoted_names_and_survive_unbalanced_quotes() -> None:
    assert tokens('"J. Kirby" John Kirby') == ["J. Kirby", "John", "Kirby"]
    assert tokens("O'Brien said") == ["O'Brien", "said"]


def test_split_page() -> None:
    assert split_page(["Kirby", "2"]) == (["Kirby"], 2)
    assert split_page(["John", "Kirby"]) == (["John", "Kirby"], 1)
    with pytest.raises(UsageError):
        split_page(["Kirby", "0"])
    assert split_page(["Kirby", "page:3"]) == (["Kirby"], 3)
    assert split_page(["page:3", "Kirby"]) == (["Kirby"], 3)
    assert split_page(["Costa", "²"]) == (["Costa", "²"], 1)  # "²".isdigit() is True; it is no page
    assert split_page(["covid", "19"], trailing=False) == (["covid", "19"], 1)
    for bad in (["99999999999999999999"], ["page:x"], ["page:1", "page:2"], ["page:١"]):
        with pytest.raises(UsageError):
            split_page(bad)


def test_search_pages_only_by_option() -> None:
    assert take_page_text("covid 19") == ("covid 19", 1)
    assert take_page_text("covid page:2") == ("covid", 2)
    assert take_page_text("homepage:2 covid") == ("homepage:2 covid", 1)


@pytest.mark.parametrize(("text", "kinds", "expected"), [
    ("S12", "S", ("S", 12)), ("s12", "SA", ("S", 12)), ("A3", "SA", ("A", 3)), ("12", "S", ("S", 12)),
    ("#7", "A", ("A", 7)),
])
def test_parse_ref(text: str, kinds: str, expected: tuple[str, int]) -> None:
    assert parse_ref(text, kinds, "usage") == expected


@pytest.mark.parametrize("text", ["S", "X12", "A3", "S-1", "S1.5", ""])
def test_parse_ref_refuses(text: str) -> None:
    with pytest.raises(UsageError):
        parse_ref(text, "S", "usage")


def test_parse_timeline_filters() -> None:
    assert parse_timeline("Kirby from:2021-08-01 to:2021-09-30 article:A3 2") == TimelineArgs(
        speaker="Kirby", date_from="2021-08-01", date_to="2021-09-30", article=3, page=2)
    assert parse_timeline("") == TimelineArgs()
    with pytest.raises(UsageError):
        parse_timeline("from:")


def test_date_option_and_suggestions() -> None:
    assert take_date_option("date:2021-09-02 some text") == ("2021-09-02", "some text")
    assert take_date_option("some text") == (None, "some text")
    assert suggest("quote", ["quotes", "search"]) == "quotes"
    assert suggest("serch", ["quotes", "search"]) == "search"
    assert suggest("zzzzzz", ["quotes", "search"]) is None
