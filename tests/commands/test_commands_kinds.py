"""Statement kinds in the chat commands: speech by default, kind:thought/evidence/all, and the left-out note."""

from __future__ import annotations

import csv
import io
import json

import pytest
from command_helpers import ADDER

from bot.commands import Commands
from bot.commands.core import left_out_note
from bot.commands.parsing import parse_kind, parse_timeline, take_kind, take_kind_text
from bot.errors import UsageError
from bot.service import LeftOut

ARTICLE = (
    "John Kirby|The mission is over.\n"
    "John Kirby|It will work.|thought\n"
    "A poll|Most voters support it.|evidence\n"
    "Jen Psaki|We are evacuating.\n"
    "John Kirby|They want peace.|thought\n"
)


@pytest.fixture
async def seeded(commands: Commands) -> Commands:
    reply = await commands.dispatch(ADDER, "!extract " + ARTICLE)
    assert reply.kind == "success", reply.description
    return commands


def refs(reply_rows: tuple[object, ...]) -> list[str | None]:
    return [getattr(r, "ref", None) for r in reply_rows]


async def test_quotes_show_speech_and_say_what_was_left_out(seeded: Commands) -> None:
    reply = await seeded.dispatch(ADDER, "!quotes")
    assert refs(reply.rows) == ["S4", "S1"]
    assert "+ 3 beliefs and findings: kind:all" in reply.description
    assert reply.extra["left_out"] == "3"
    kirby = await seeded.dispatch(ADDER, "!quotes Kirby")
    assert refs(kirby.rows) == ["S1"] and "+ 2 beliefs: kind:all" in kirby.description


async def test_kind_options_choose_what_is_shown(seeded: Commands) -> None:
    thought = await seeded.dispatch(ADDER, "!quotes kind:thought")
    assert refs(thought.rows) == ["S5", "S2"] and thought.title == "Latest quotes (beliefs)"
    assert "+ 3 quotes and findings: kind:all" in thought.description
    everything = await seeded.dispatch(ADDER, "!quotes Kirby kind:ALL")
    assert refs(everything.rows) == ["S5", "S2", "S1"] and "kind:all" not in everything.description
    assert [r.title.endswith("· belief") for r in everything.rows] == [True, True, False]
    speech = await seeded.dispatch(ADDER, "!quotes kind:speech")
    assert refs(speech.rows) == ["S4", "S1"]
    evidence = await seeded.dispatch(ADDER, "!quotes kind:evidence")
    assert refs(evidence.rows) == ["S3"] and "+ 4 quotes and beliefs: kind:all" in evidence.description


async def test_a_mistyped_kind_gets_a_suggestion(seeded: Commands) -> None:
    reply = await seeded.dispatch(ADDER, "!quotes kind:thougt")
    assert reply.kind == "error" and "did you mean kind:thought?" in reply.description
    reply = await seeded.dispatch(ADDER, "!timeline kind:")
    assert reply.kind == "error" and "kind: option needs a value" in reply.description
    reply = await seeded.dispatch(ADDER, "!article A1 kind:opinions")
    assert reply.kind == "error" and "kind:speech (the default)" in reply.description


async def test_search_timeline_and_article_take_kinds(seeded: Commands) -> None:
    search = await seeded.dispatch(ADDER, "!search kirby")
    assert refs(search.rows) == ["S1"] and "+ 2 beliefs: kind:all" in search.description
    search = await seeded.dispatch(ADDER, '!search "will work" kind:thought')
    assert refs(search.rows) == ["S2"] and "kind:all" not in search.description
    timeline = await seeded.dispatch(ADDER, "!timeline Kirby kind:all")
    assert refs(timeline.rows) == ["S1", "S2", "S5"]
    timeline = await seeded.dispatch(ADDER, "!timeline article:A1")
    assert refs(timeline.rows) == ["S1", "S4"] and "+ 3 beliefs and findings: kind:all" in timeline.description
    article = await seeded.dispatch(ADDER, "!article A1")
    assert refs(article.rows) == ["S1", "S4"]
    assert "2 quotes." in article.description and "+ 3 beliefs and findings: kind:all" in article.description
    article = await seeded.dispatch(ADDER, "!article A1 kind:all")
    assert refs(article.rows) == ["S1", "S2", "S3", "S4", "S5"] and "5 statement(s)." in article.description


async def test_exports_carry_the_kind_and_follow_the_filter(seeded: Commands) -> None:
    reply = await seeded.dispatch(ADDER, "!export csv")
    rows = list(csv.DictReader(io.StringIO(reply.attachments[0].data.decode())))
    assert [(r["id"], r["kind"]) for r in rows] == [("S1", "speech"), ("S4", "speech")]
    assert "+ 3 beliefs and findings: kind:all" in reply.description
    reply = await seeded.dispatch(ADDER, "!export json kind:all")
    doc = json.loads(reply.attachments[0].data)
    assert [(q["id"], q["kind"]) for q in doc["quotes"]] == [
        ("S1", "speech"), ("S2", "thought"), ("S3", "evidence"), ("S4", "speech"), ("S5", "thought")]
    assert "kind:all" not in reply.description
    reply = await seeded.dispatch(ADDER, "!export csv Kirby kind:thought")
    rows = list(csv.DictReader(io.StringIO(reply.attachments[0].data.decode())))
    assert [r["id"] for r in rows] == ["S2", "S5"] and "+ 1 quote: kind:all" in reply.description


async def test_pages_keep_the_kind(commands: Commands) -> None:
    text = "".join(f"Ann Lee|Belief number {i}.|thought\n" for i in range(12)) + "Ann Lee|Said once.\n"
    await commands.dispatch(ADDER, "!extract " + text)
    first = await commands.dispatch(ADDER, "!quotes Lee kind:thought")
    assert first.pages == 2 and first.page_command == "!quotes Ann Lee kind:thought page:{page}"
    second = await commands.dispatch(ADDER, first.page_command.format(page=2))
    assert second.page == 2 and len(second.rows) == 2
    assert all("belief" in r.title for r in second.rows)
    search = await commands.dispatch(ADDER, "!search belief kind:thought")
    assert search.page_command == "!search belief kind:thought page:{page}"
    assert (await commands.dispatch(ADDER, search.page_command.format(page=2))).page == 2
    timeline = await commands.dispatch(ADDER, "!timeline kind:thought")
    assert timeline.page_command == "!timeline kind:thought page:{page}"


async def test_help_names_the_kind_option(commands: Commands) -> None:
    for name in ("quotes", "search", "timeline", "article", "export"):
        reply = await commands.dispatch(ADDER, f"!help {name}")
        assert "kind:all" in reply.title + reply.description, name


@pytest.mark.parametrize(("value", "expected"), [
    ("speech", "speech"), ("THOUGHT", "thought"), ("evidence", "evidence"), ("all", "all"),
])
def test_parse_kind(value: str, expected: str) -> None:
    assert parse_kind(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("thougt", "did you mean kind:thought?"),
    ("evidense", "did you mean kind:evidence?"),
    ("al", "did you mean kind:all?"),
    ("opinion", "Use kind:speech (the default)"),
    ("", "needs a value"),
])
def test_parse_kind_refuses_with_a_hint(value: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("?", r"\?").replace("(", r"\(").replace(")", r"\)")):
        parse_kind(value)


def test_take_kind_from_words_and_text() -> None:
    assert take_kind(["John", "Kirby", "kind:all", "2"]) == (["John", "Kirby", "2"], "all")
    assert take_kind(["Kirby"]) == (["Kirby"], "speech")
    with pytest.raises(UsageError, match="once"):
        take_kind(["kind:all", "kind:thought"])
    assert take_kind_text('"will work" kind:thought 2') == ('"will work"  2', "thought")
    assert take_kind_text("kind:evidence polls") == ("polls", "evidence")
    assert take_kind_text("mankind:all") == ("mankind:all", "speech")
    assert parse_timeline("Kirby from:2021-09-01 kind:all 2").kind == "all"
    assert parse_timeline("Kirby").kind == "speech"


@pytest.mark.parametrize(("counts", "capped", "note"), [
    ((), False, ""),
    ((("thought", 1),), False, "+ 1 belief: kind:all"),
    ((("thought", 3),), False, "+ 3 beliefs: kind:all"),
    ((("evidence", 1), ("thought", 3)), False, "+ 4 beliefs and findings: kind:all"),
    ((("evidence", 2), ("speech", 1), ("thought", 1)), False, "+ 4 quotes, beliefs and findings: kind:all"),
    ((("speech", 10_000),), True, "+ 10,000 or more quotes: kind:all"),
])
def test_left_out_note(counts: tuple[tuple[str, int], ...], capped: bool, note: str) -> None:
    assert left_out_note(LeftOut(counts=counts, capped=capped)) == note
