"""The commands end to end on a real database: intake, queries, exports, corrections, permissions, errors."""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path

import pytest
from command_helpers import ADDER, MODERATOR, OTHER, OTHER_GUILD, LineExtractor

from bot.commands import CommandContext, Commands, Reply

ARTICLE = "date 2021-09-02\nJohn Kirby|The mission is over.\nJen Psaki|We are evacuating U.S. citizens.\n"
WIRE = "Kirby|The mission is over\nKirby|Another thing entirely.\n"


async def run(commands: Commands, ctx: CommandContext, text: str) -> tuple[str, str, list[str]]:
    reply = await commands.dispatch(ctx, text)
    return reply.kind, reply.title + " | " + reply.description, [f"{r.ref} {r.title} {r.body}" for r in reply.rows]


async def seed(commands: Commands) -> None:
    kind, _, _ = await run(commands, ADDER, "!extract date:2021-09-02 " + ARTICLE)
    assert kind == "success"
    kind, _, _ = await run(commands, ADDER, "!extract " + WIRE)
    assert kind == "success"


async def test_extract_then_quotes_speakers_search(commands: Commands) -> None:
    await seed(commands)
    _, _, rows = await run(commands, ADDER, "!quotes Kirby")
    assert [r.split(" ")[0] for r in rows] == ["S3", "S1"]
    assert "A1 · 2 sources: A1, A2" in rows[1]
    _, _, rows = await run(commands, ADDER, "!speakers")
    assert rows[0].startswith("None John Kirby 2 quotes")
    _, _, rows = await run(commands, ADDER, "!search evacuation")
    assert len(rows) == 1 and "Jen Psaki" in rows[0]
    kind, _text, rows = await run(commands, ADDER, '!search U.S. "evacuating')
    assert kind == "info" and len(rows) == 1


async def test_same_article_twice_says_already_saved(commands: Commands) -> None:
    await seed(commands)
    kind, text, rows = await run(commands, OTHER, "!extract date:2021-09-02 " + ARTICLE)
    assert kind == "info" and text.startswith("Already saved as A1")
    assert len(rows) == 2
    _, _, all_rows = await run(commands, ADDER, "!quotes")
    assert len(all_rows) == 3


async def test_article_date_precedence_is_passed_to_the_extractor(commands: Commands,
                                                                   extractor: LineExtractor) -> None:
    ctx = CommandContext(guild_id=1, user_id=1, posted_at="2021-10-01")
    await commands.dispatch(ctx, "!extract date:2021-09-02 A|x")
    await commands.dispatch(ctx, "!extract B|y")
    assert extractor.calls == [
        {"article_date": "2021-09-02", "page_date": None, "posted_date": "2021-10-01"},
        {"article_date": None, "page_date": None, "posted_date": "2021-10-01"},
    ]


async def test_typos_and_help(commands: Commands) -> None:
    kind, text, _ = await run(commands, ADDER, "!quote Kirby")
    assert kind == "error" and "did you mean !quotes?" in text
    kind, text, _ = await run(commands, ADDER, "!xyzzy")
    assert kind == "error" and "!help" in text
    _, _, rows = await run(commands, ADDER, "!help")
    assert len(rows) == 13 and any(r.startswith("None !timeline") for r in rows)
    kind, text, _ = await run(commands, ADDER, "!help fix")
    assert kind == "info" and "Correct who said a statement" in text
    kind, text, _ = await run(commands, ADDER, "!help serch")
    assert kind == "error" and "did you mean !search?" in text


@pytest.mark.parametrize("message", [
    "!quotes Nobody", "!article A9", "!article X", "!fix S99 speaker Anyone", "!forget S99", "!forget Q1",
    "!export pdf", "!export", "!search", "!search ()*", "!timeline from:2021-02-30", "!timeline to:yesterday",
    "!timeline from:2021-09-02 to:2021-09-01", "!alias Kirby", "!fix S1 date 2021", "!extract", "!quotes 0",
    "!article", "!alias Nobody Someone Else",
])
async def test_bad_input_gets_a_clear_error_reply(commands: Commands, message: str) -> None:
    await seed(commands)
    reply = await commands.dispatch(ADDER, message)
    assert reply.kind == "error", message
    assert reply.description and "Traceback" not in reply.description


async def test_unknown_speaker_suggests_a_close_name(commands: Commands) -> None:
    await seed(commands)
    _, text, _ = await run(commands, ADDER, "!quotes Jen Psak")
    assert "did you mean Jen Psaki?" in text


async def test_timeline_orders_oldest_first_undated_last_with_filters(commands: Commands) -> None:
    await run(commands, ADDER, "!extract date:2021-09-02 Kirby|Second.")
    await run(commands, ADDER, "!extract date:2021-08-15 Kirby|First.")
    await run(commands, ADDER, "!extract Kirby|Undated.")
    _, _, rows = await run(commands, ADDER, "!timeline Kirby")
    assert [r.split("“")[1].split("”")[0] for r in rows] == ["First.", "Second.", "Undated."]
    _, _, rows = await run(commands, ADDER, "!timeline Kirby from:2021-08-01 to:2021-08-31")
    assert len(rows) == 1 and "First." in rows[0]
    _, _, rows = await run(commands, ADDER, "!timeline article:A1")
    assert len(rows) == 1 and "Second." in rows[0]


async def test_exports_csv_and_json(commands: Commands) -> None:
    await seed(commands)
    reply = await commands.dispatch(ADDER, "!export csv")
    (att,) = reply.attachments
    assert att.filename == "quotes.csv"
    rows = list(csv.DictReader(io.StringIO(att.data.decode("utf-8"))))
    assert [r["id"] for r in rows] == ["S1", "S2", "S3"]
    assert rows[0]["sources"] == "A1 A2" and rows[0]["speaker"] == "John Kirby"
    reply = await commands.dispatch(ADDER, "!export json Kirby")
    (att,) = reply.attachments
    doc = json.loads(att.data)
    assert att.filename == "quotes-john-kirby.json" and doc["speaker"] == "John Kirby"
    first = doc["quotes"][0]
    assert {"id", "type", "quote", "start", "end", "speaker", "cue", "date", "date_basis", "sources"} <= set(first)
    assert [s["article"] for s in first["sources"]] == ["A1", "A2"]


async def test_csv_export_neutralises_formulas(commands: Commands) -> None:
    await run(commands, ADDER, "!extract Kirby|=HYPERLINK(\"http://x\")")
    reply = await commands.dispatch(ADDER, "!export csv")
    assert "'=HYPERLINK" in reply.attachments[0].data.decode()


@pytest.mark.parametrize("message", ["!fix S1 speaker Jen Psaki", "!alias Kirby Admiral Kirby", "!forget S1",
                                     "!forget A1"])
async def test_corrections_need_the_adder_or_a_moderator(commands: Commands, message: str) -> None:
    await seed(commands)
    refused = await commands.dispatch(OTHER, message)
    assert refused.kind == "error" and refused.title == "Not allowed"
    allowed = await commands.dispatch(MODERATOR, message)
    assert allowed.kind == "success", allowed.description


async def test_an_edited_copy_of_an_article_does_not_hand_over_its_statements(commands: Commands) -> None:
    """Corrections belong to the adder of a statement's FIRST article: a later source gives no rights."""
    await seed(commands)
    copy = ARTICLE.replace("date 2021-09-02", "date 2021-09-03") + "Someone|Else entirely.\n"
    kind, text, _ = await run(commands, OTHER, "!extract " + copy)
    assert kind == "success" and "already saved from another article" in text  # A3 now reports S1 and S2
    for message in ["!fix S1 speaker Nobody Real", "!forget S1", "!forget S2"]:
        refused = await commands.dispatch(OTHER, message)
        assert refused.title == "Not allowed" and "first article (A1)" in refused.description, message
    assert (await commands.service.statement(1, 1)).speaker == "John Kirby"
    # Their own statement and their own article stay theirs; forgetting A3 keeps what A1 reports.
    assert (await commands.dispatch(OTHER, "!fix S4 speaker Someone Else")).kind == "success"
    kind, text, _ = await run(commands, OTHER, "!forget A3")
    assert kind == "success" and "1 statement(s)" in text
    assert (await commands.service.statement(1, 1)).speaker == "John Kirby"
    assert (await commands.dispatch(ADDER, "!fix S1 speaker Admiral John Kirby")).kind == "success"


async def test_alias_is_for_moderators_only(commands: Commands) -> None:
    await seed(commands)  # every statement is ADDER's
    for who in (ADDER, OTHER):
        for message in ["!alias Kirby Someone Else", "!alias Mission Man John Kirby"]:
            refused = await commands.dispatch(who, message)
            assert refused.title == "Not allowed" and "moderator" in refused.description, message
    _, _, rows = await run(commands, ADDER, "!speakers")
    assert len(rows) == 2 and not any("Someone Else" in r or "Mission Man" in r for r in rows), rows
    assert (await commands.dispatch(MODERATOR, "!alias Kirby Admiral Kirby")).kind == "success"


async def test_adder_can_correct_and_audit_log_records_it(commands: Commands) -> None:
    await seed(commands)
    kind, text, _ = await run(commands, ADDER, "!fix S2 speaker Jennifer Psaki")
    assert kind == "success" and "Jennifer Psaki" in text
    kind, text, _ = await run(commands, ADDER, "!alias Psaki Jennifer Psaki")
    assert kind == "error" and "only a moderator" in text  # a speaker's name is the whole server's
    kind, text, _ = await run(commands, MODERATOR, "!alias Psaki Jennifer Psaki")
    assert kind == "success"
    _, _, rows = await run(commands, ADDER, "!quotes Psaki")
    assert len(rows) == 1
    kind, text, _ = await run(commands, ADDER, "!forget A2")
    assert kind == "success" and "1 statement(s)" in text
    audit = await commands.service.storage.audit.recent(1)
    assert [(a.action, a.target, a.user_id) for a in audit] == [
        ("forget", "A2", 100), ("alias", "Psaki", 300), ("fix speaker", "S2", 100)]
    assert json.loads(audit[2].detail) == {"before": "Jen Psaki", "after": "Jennifer Psaki"}


async def test_alias_merges_two_speakers_and_their_duplicate_statements(commands: Commands) -> None:
    await run(commands, ADDER, "!extract John Kirby|One.\nJane Kirby|Two.")
    await run(commands, ADDER, "!extract Kirby|One.\nKirby|Three.")  # ambiguous: a separate "Kirby"
    _, _, rows = await run(commands, ADDER, "!speakers")
    assert len(rows) == 3
    kind, text, _ = await run(commands, MODERATOR, "!alias Kirby John Kirby")
    assert kind == "success" and "2 statement(s) moved" in text
    _, _, rows = await run(commands, ADDER, "!quotes John Kirby")
    assert len(rows) == 2  # "One." from both articles is one statement now
    assert "2 sources" in rows[1]


async def test_guilds_cannot_see_or_change_each_other(commands: Commands) -> None:
    await seed(commands)
    for message in ["!quotes", "!speakers", "!search mission", "!timeline"]:
        reply = await commands.dispatch(OTHER_GUILD, message)
        assert reply.rows == (), message
    for message in ["!article A1", "!forget S1", "!forget A1", "!fix S1 speaker X", "!alias Kirby John"]:
        reply = await commands.dispatch(OTHER_GUILD, message)
        assert reply.kind == "error", message
    _, _, rows = await run(commands, ADDER, "!quotes")
    assert len(rows) == 3


async def test_unexpected_errors_are_logged_and_answered_generically(
        commands: Commands, caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        async def extract(self, text: str, **_: str | None) -> None:
            raise ZeroDivisionError("boom")

    commands.service.extractor = Broken()  # type: ignore[assignment]
    with caplog.at_level(logging.ERROR):
        reply = await commands.dispatch(ADDER, "!extract some text")
    assert reply.kind == "error" and "boom" not in reply.description and "logged" in reply.description
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


async def test_links_go_through_the_fetcher(commands: Commands) -> None:
    from bot.sources import SourceArticle

    fetched: list[str] = []

    async def fetch(url: str) -> SourceArticle:
        fetched.append(url)
        return SourceArticle(text="Kirby|From the web.", url=url, title="Web page", date="2021-07-01")

    commands.service._fetch = fetch
    kind, text, rows = await run(commands, ADDER, "!extract https://example.com/a")
    assert kind == "success" and "Web page" in text and "2021-07-01" in rows[0]
    kind, text, _ = await run(commands, ADDER, "!extract https://example.com/a")
    assert text.startswith("Already saved as A1")
    assert fetched == ["https://example.com/a"]  # a saved link is not fetched again


async def test_pages(commands: Commands) -> None:
    await run(commands, ADDER, "!extract " + "\n".join(f"Kirby|Quote number {i}." for i in range(25)))
    first = await commands.dispatch(ADDER, "!quotes Kirby")
    assert (first.page, first.pages, len(first.rows)) == (1, 3, 10)
    assert first.page_command == "!quotes Kirby page:{page}"
    third = await commands.dispatch(ADDER, first.page_command.format(page=3))
    assert (third.page, len(third.rows)) == (3, 5)


async def test_local_files_only_in_the_console(commands: Commands, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Kirby|From a file.", encoding="utf-8")
    console = CommandContext(guild_id=0, user_id=0, local_files=True)
    kind, text, rows = await run(commands, console, f"!extract {article}")
    assert kind == "success" and "From a file." in rows[0]
    kind, text, _ = await run(commands, console, f"!extract {tmp_path / 'missing.txt'}")
    assert kind == "error" and "no such file" in text.lower()
    refused = await commands.extract(ADDER, path=str(article))
    assert refused.kind == "error" and "console" in refused.description


async def test_uploads(commands: Commands) -> None:
    kind, _, rows = await run_reply(await commands.extract(ADDER, upload=("a.txt", b"Kirby|Uploaded.")))
    assert kind == "success" and "Uploaded." in rows[0]
    kind, _, _ = await run_reply(await commands.extract(ADDER, upload=("a.exe", b"MZ\x00\x00")))
    assert kind == "error"


async def run_reply(reply: Reply) -> tuple[str, str, list[str]]:
    return reply.kind, reply.title + " | " + reply.description, [f"{r.ref} {r.title} {r.body}" for r in reply.rows]


async def test_page_command_survives_braces_in_search_words(commands: Commands) -> None:
    await run(commands, ADDER, "!extract " + "\n".join(f"Kirby|Quote {{x}} number {i}." for i in range(12)))
    first = await commands.dispatch(ADDER, "!search {x} quote")
    assert first.pages == 2 and first.page_command is not None
    second = await commands.dispatch(ADDER, first.page_command.format(page=2))
    assert (second.page, len(second.rows)) == (2, 2)
