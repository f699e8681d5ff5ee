"""``!timeline … chart`` and ``!speaker`` in the command layer, on a real database with the line extractor."""

from __future__ import annotations

import struct
import threading
from dataclasses import replace

import pytest
from command_helpers import ADDER, OTHER_GUILD

import bot.commands.charts as chart_helpers
import bot.commands.core as core
from bot.charts.render import timeline_size
from bot.charts.style import SPARK_HEIGHT_PX, SPARK_WIDTH_PX
from bot.commands import Commands, Reply
from bot.commands.charts import chart_title, image_name
from bot.commands.parsing import parse_timeline
from bot.errors import UsageError

JUMP = "https://discord.com/channels/1/2/"
FIRST = "John Kirby|We will leave no one behind.\nTaliban|The war is over.|thought\n"
SECOND = "Kirby|The mission is over.\nAnthony Blinken|It was hard.|evidence\nJohn Kirby|We are done.\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def seed(commands: Commands) -> None:
    for n, (day, body) in enumerate((("2021-08-15", FIRST), ("2021-09-02", SECOND)), 1):
        reply = await commands.dispatch(replace(ADDER, message_url=f"{JUMP}{n}"), f"!extract date:{day} {body}")
        assert reply.kind == "success", reply.description
    async with commands.service.storage.transaction():  # as the extractor would say: a role, a date in the text
        await commands.service.storage.conn.execute(
            "UPDATE statements SET speaker_role = 'Pentagon spokesman', date_basis = 'explicit' WHERE number = 1")
        await commands.service.storage.conn.execute(
            "UPDATE statements SET speaker_role = 'press secretary' WHERE number = 5")


def only_picture(reply: Reply) -> bytes:
    (attachment,) = reply.attachments
    assert attachment.content_type == "image/png" and reply.image == attachment.filename
    return attachment.data


async def test_a_server_with_no_statements_gets_words_not_an_empty_picture(commands: Commands) -> None:
    reply = await commands.dispatch(ADDER, "!timeline chart")
    assert reply.title == "Nothing to draw" and not reply.attachments and reply.image is None
    assert "No quotes saved yet" in reply.description and "!extract" in reply.description


async def test_the_chart_is_a_png_with_a_title_saying_what_was_filtered(commands: Commands) -> None:
    await seed(commands)
    reply = await commands.dispatch(ADDER, "!timeline chart")
    assert reply.kind == "info" and reply.title == "Timeline · quotes"
    assert png_size(only_picture(reply)) == timeline_size(1)  # speech: John Kirby only
    assert reply.attachments[0].filename == "timeline.png"
    assert "3 statements · 1 speaker." in reply.description
    assert "From 2021-08-15 to 2021-09-02." in reply.description
    assert "+ 2 beliefs and findings: kind:all" in reply.description
    reply = await commands.dispatch(ADDER, "!timeline kirby from:2021-08-01 to:2021-09-30 kind:all chart")
    assert reply.title == "Timeline: John Kirby · 2021-08-01 to 2021-09-30 · every kind"
    assert reply.attachments[0].filename == "timeline-john-kirby.png"
    assert "From 2021-08-01 to 2021-09-30." in reply.description
    reply = await commands.dispatch(ADDER, "!timeline article:A2 kind:all chart")
    assert reply.title == "Timeline · article A2 · every kind"
    assert png_size(only_picture(reply)) == timeline_size(2)  # Kirby and Blinken


async def test_a_filter_that_finds_nothing_says_so(commands: Commands) -> None:
    await seed(commands)
    reply = await commands.dispatch(ADDER, "!timeline chart from:2022-01-01")
    assert reply.title == "Nothing to draw" and reply.description == "No quotes in that range."
    reply = await commands.dispatch(ADDER, "!timeline Taliban chart")
    assert reply.title == "Nothing to draw" and "+ 1 belief: kind:all" in reply.description


async def test_statements_without_a_date_are_not_drawn(commands: Commands) -> None:
    reply = await commands.dispatch(ADDER, "!extract John Kirby|No date on this one.")
    assert reply.kind == "success"
    reply = await commands.dispatch(ADDER, "!timeline chart")
    assert reply.title == "Nothing to draw" and not reply.attachments
    assert "1 quote there, none with a date" in reply.description


async def test_the_chart_takes_the_timeline_checks(commands: Commands) -> None:
    await seed(commands)
    for text, words in (("!timeline chart page:2", "no pages"), ("!timeline chart from:2021-09-30 to:2021-08-01",
                                                                  "is after"),
                        ("!timeline chart article:A9", "A9"), ("!timeline Nobody chart", "No speaker called")):
        reply = await commands.dispatch(ADDER, text)
        assert reply.kind == "error" and words in reply.description, (text, reply.description)


async def test_the_chart_is_drawn_off_the_event_loop(commands: Commands, monkeypatch: pytest.MonkeyPatch) -> None:
    await seed(commands)
    threads: list[threading.Thread] = []

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return chart_helpers.draw_timeline(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(core, "draw_timeline", spy)
    reply = await commands.dispatch(ADDER, "!timeline chart")
    assert reply.attachments and threads and threads[0] is not threading.main_thread()


async def test_other_servers_see_nothing_to_draw(commands: Commands) -> None:
    await seed(commands)
    reply = await commands.dispatch(OTHER_GUILD, "!timeline chart")
    assert reply.title == "Nothing to draw"


async def test_the_speaker_profile(commands: Commands) -> None:
    await seed(commands)
    reply = await commands.dispatch(ADDER, "!speaker Kirby")
    assert reply.title == "John Kirby" and reply.kind == "info"
    lines = reply.description.splitlines()
    assert "Also called: Kirby" in lines
    assert "Roles: Pentagon spokesman; press secretary" in lines
    assert "Statements: 3 quotes" in lines and "In 2 articles." in lines
    titles = [r.title for r in reply.rows]
    assert titles[0] == "First: John Kirby · 2021-08-15" and reply.rows[0].ref == "S1"
    assert titles[1] == "Last: John Kirby · published 2021-09-02"
    assert [r.title.split(":")[0] for r in reply.rows[2:]] == ["A2", "A1"]  # newest article first
    assert [r.url for r in reply.rows[2:]] == [f"{JUMP}2", f"{JUMP}1"]  # jump links to the messages
    assert reply.rows[2].body == "2021-09-02 · 2 statements"
    assert png_size(only_picture(reply)) == (SPARK_WIDTH_PX, SPARK_HEIGHT_PX)
    assert reply.attachments[0].filename == "speaker-john-kirby.png"


async def test_the_profile_counts_every_kind(commands: Commands) -> None:
    await seed(commands)
    async with commands.service.storage.transaction():
        await commands.service.storage.conn.execute("UPDATE statements SET kind = 'thought' WHERE number = 5")
    reply = await commands.dispatch(ADDER, "!speaker John Kirby")
    assert "Statements: 2 quotes, 1 belief (3 in all)" in reply.description.splitlines()


async def test_an_unknown_speaker_gets_the_close_names(commands: Commands) -> None:
    await seed(commands)
    reply = await commands.dispatch(ADDER, "!speaker Jon Kirby")
    assert reply.kind == "error" and "did you mean John Kirby" in reply.description
    reply = await commands.dispatch(ADDER, "!speaker Zzyzx")
    assert reply.kind == "error" and "see !speakers" in reply.description
    reply = await commands.dispatch(ADDER, "!speaker")
    assert reply.kind == "error" and "!speaker <name>" in reply.description
    reply = await commands.dispatch(OTHER_GUILD, "!speaker Kirby")
    assert reply.kind == "error" and "No speaker called" in reply.description


async def test_a_speaker_with_undated_statements_only_has_no_picture(commands: Commands) -> None:
    assert (await commands.dispatch(ADDER, "!extract Jen Psaki|No date here.")).kind == "success"
    reply = await commands.dispatch(ADDER, "!speaker Psaki")
    assert reply.title == "Jen Psaki" and not reply.attachments and reply.image is None
    assert "Statements: 1 quote" in reply.description


@pytest.mark.parametrize(("text", "speaker", "chart"), [
    ("Kirby chart", "Kirby", True),
    ("chart John Kirby from:2021-08-01", "John Kirby", True),
    ("John Kirby CHART", "John Kirby", True),
    ("John Kirby", "John Kirby", False),
    ("charts", "charts", False),
])
def test_the_word_chart_asks_for_the_picture(text: str, speaker: str, chart: bool) -> None:
    args = parse_timeline(text)
    assert (args.speaker, args.chart) == (speaker, chart)


def test_a_chart_has_no_pages() -> None:
    with pytest.raises(UsageError, match="no pages"):
        parse_timeline("Kirby chart 2")


@pytest.mark.parametrize(("kwargs", "title"), [
    ({}, "Timeline · quotes"),
    ({"date_from": "2021-08-01"}, "Timeline · from 2021-08-01 · quotes"),
    ({"date_to": "2021-08-31"}, "Timeline · up to 2021-08-31 · quotes"),
    ({"article": 3, "kind": "thought"}, "Timeline · article A3 · beliefs"),
])
def test_chart_titles(kwargs: dict[str, object], title: str) -> None:
    assert chart_title(None, **kwargs) == title  # type: ignore[arg-type]


def test_chart_titles_are_cut_to_fit_the_picture() -> None:
    title = chart_title("A" * 100, kind="all")
    assert len(title) == 80 and title.endswith("…")


@pytest.mark.parametrize(("name", "filename"), [
    (None, "timeline.png"), ("John Kirby", "timeline-john-kirby.png"), ("Émile O'Brien", "timeline-mile-o-brien.png"),
    ("习近平", "timeline.png"), ("../../etc", "timeline-etc.png"),
])
def test_picture_names_are_plain_ascii(name: str | None, filename: str) -> None:
    assert image_name("timeline", name) == filename


async def test_a_speaker_without_statements_gets_words_and_no_picture(commands: Commands) -> None:
    storage = commands.service.storage
    async with storage.transaction():  # a speaker whose statements were all forgotten or moved
        await storage.speakers.create(1, "Jen Psaki", "White House press secretary", "2021-09-02")
    reply = await commands.dispatch(ADDER, "!speaker Jen Psaki")
    assert reply.title == "Jen Psaki" and not reply.attachments and not reply.rows
    assert reply.description.splitlines() == ["Roles: White House press secretary",
                                              "No statements of Jen Psaki are saved now."]
