"""Re-extraction (!reextract and the service under it): saved articles follow an upgraded extractor, and
every human correction (fixed speakers, aliases, forgotten statements) and every statement id survives."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from command_helpers import ADDER, MODERATOR, OTHER, LineExtractor

from bot.commands import CommandContext, Commands, Reply
from bot.extraction.model import EXTRACTOR_VERSION, Extraction
from bot.service import Service
from bot.settings import Settings
from bot.storage import Storage

OLD = "0-old"
ARTICLE = (
    "he|We will leave on time.\n"
    "Kirby|The mission is over.\n"
    "Psaki|We are evacuating citizens.\n"
    "Junk|Related links\n"
    "Lloyd|We are not done.\n"
    "Austin>It is a new line.\n"
)
# The upgrade: "he" resolved, junk dropped, a kind decided, and a construction the old one missed.
UPGRADE = {"speakers": {"he": "John Kirby"}, "drop": frozenset({"Related links"}),
           "kinds": {"We are not done.": "thought"}, "extra": ">"}


@pytest.fixture
async def storage(database: str | Path) -> AsyncIterator[Storage]:
    store = await Storage.open(database)
    yield store
    await store.close()


def commands_with(storage: Storage, extractor: LineExtractor) -> Commands:
    return Commands(Service(storage, extractor, Settings.from_env({})))


def upgraded(**changes: object) -> LineExtractor:
    return LineExtractor(**{**UPGRADE, **changes})  # type: ignore[arg-type]


async def ok(commands: Commands, text: str, ctx: CommandContext = ADDER) -> Reply:
    reply = await commands.dispatch(ctx, text)
    assert reply.kind in ("success", "info"), reply.description
    return reply


async def statements(commands: Commands) -> dict[str, tuple[str | None, str]]:
    reply = await commands.dispatch(ADDER, "!export json kind:all")
    return {q["id"]: (q["speaker"], q["kind"]) for q in json.loads(reply.attachments[0].data)["quotes"]}


async def test_reextract_keeps_fixes_aliases_forgotten_statements_and_ids(storage: Storage) -> None:
    old = commands_with(storage, LineExtractor(version=OLD))
    await ok(old, "!extract " + ARTICLE)
    assert await statements(old) == {"S1": ("he", "speech"), "S2": ("Kirby", "speech"), "S3": ("Psaki", "speech"),
                                     "S4": ("Junk", "speech"), "S5": ("Lloyd", "speech")}
    await ok(old, "!fix S2 speaker Admiral John Kirby")
    await ok(old, "!forget S3")
    await ok(old, "!alias Lloyd Lloyd Austin", MODERATOR)

    new = commands_with(storage, upgraded())
    reply = await ok(new, "!reextract", MODERATOR)
    assert reply.title == "Re-extracted"
    assert "1 article(s) re-extracted." in reply.description
    assert "Statements: 3 kept (same ids), 1 added, 1 removed." in reply.description
    assert "1 kept statement(s) now have another speaker." in reply.description
    assert "Corrections kept: 1 fixed speaker(s), 1 forgotten statement(s) stayed forgotten." in reply.description

    assert await statements(new) == {
        "S1": ("John Kirby", "speech"),          # same id, the speaker the new extractor resolved
        "S2": ("Admiral John Kirby", "speech"),  # the !fix wins over the extractor's "Kirby"
        "S5": ("Lloyd Austin", "thought"),       # "Lloyd" resolves through the alias; the kind is new
        "S6": ("Lloyd Austin", "speech"),        # new ("Austin" joins the one "... Austin"); S3/S4 not reused
    }
    article = await new.dispatch(ADDER, "!article A1 kind:all")
    assert [r.ref for r in article.rows] == ["S1", "S2", "S5", "S6"]
    # The search index follows (speakers and quotes): the dropped junk is gone, the new line is found.
    assert [r.ref for r in (await new.dispatch(ADDER, "!search new line")).rows] == ["S6"]
    assert (await new.dispatch(ADDER, "!search related links kind:all")).rows == ()
    assert [r.ref for r in (await new.dispatch(ADDER, "!search admiral")).rows] == ["S2"]
    info, _ = await new.service.article(1, 1)
    assert info.extractor_version == EXTRACTOR_VERSION
    # Everything is current now: a second run changes nothing.
    again = await ok(new, "!reextract", MODERATOR)
    assert again.title == "Nothing to re-extract"


async def test_a_fixed_statement_the_new_extractor_misses_is_kept(storage: Storage) -> None:
    old = commands_with(storage, LineExtractor(version=OLD))
    await ok(old, "!extract Kirby|Related links\nKirby|The mission is over.\n")
    await ok(old, "!fix S1 speaker John Kirby")
    new = commands_with(storage, upgraded())
    reply = await ok(new, "!reextract", MODERATOR)
    assert "Statements: 1 kept (same ids), 0 added, 0 removed." in reply.description
    assert "1 fixed speaker(s)" in reply.description
    assert set(await statements(new)) == {"S1", "S2"}


async def test_wire_copies_stay_one_statement_with_their_sources(storage: Storage) -> None:
    old = commands_with(storage, LineExtractor(version=OLD))
    await ok(old, "!extract Psaki|We are evacuating citizens.\nPsaki|Only in the first.\n")
    await ok(old, "!extract Psaki|We are evacuating citizens\nPsaki|Only in the wire copy.\n")
    shared = await old.service.statement(1, 1)
    assert [s.ref for s in shared.sources] == ["A1", "A2"]
    # The upgrade no longer finds the shared quote in A1: A1 stops being a source, A2 keeps it (same id).
    new = commands_with(storage, upgraded(drop=frozenset({"We are evacuating citizens."})))
    reply = await ok(new, "!reextract", MODERATOR)
    assert "2 article(s) re-extracted." in reply.description
    assert "1 no longer found here but kept for their other articles" in reply.description
    shared = await new.service.statement(1, 1)
    assert [s.ref for s in shared.sources] == ["A2"] and shared.article_ref == "A2"
    assert set(await statements(new)) == {"S1", "S2", "S3"}


async def test_a_new_statement_found_in_a_wire_copy_joins_the_saved_one(storage: Storage) -> None:
    old = commands_with(storage, LineExtractor(version=OLD))
    await ok(old, "!extract Psaki|We are evacuating citizens.\n")
    await ok(old, "!extract Psaki>We are evacuating citizens\nPsaki|Something else.\n")
    assert [s.ref for s in (await old.service.statement(1, 1)).sources] == ["A1"]
    new = commands_with(storage, upgraded())
    reply = await ok(new, "!reextract", MODERATOR)
    assert "1 found here were already saved from another article" in reply.description
    assert [s.ref for s in (await new.service.statement(1, 1)).sources] == ["A1", "A2"]


class Interrupted(BaseException):
    """Stands for Ctrl-C or a killed process in the middle of a run."""


class FailingOnce(LineExtractor):
    """The upgraded extractor, interrupted on its second article."""

    def __init__(self) -> None:
        super().__init__(**UPGRADE)  # type: ignore[arg-type]
        self.seen: list[str] = []

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        self.seen.append(text)
        if len(self.seen) == 2:
            raise Interrupted
        return await super().extract(text, article_date=article_date, page_date=page_date,
                                     posted_date=posted_date)


async def test_an_interrupted_run_continues_where_it_stopped(storage: Storage) -> None:
    old = commands_with(storage, LineExtractor(version=OLD))
    for i in range(3):
        await ok(old, f"!extract he|Statement {i}.\n")
    failing = FailingOnce()
    with pytest.raises(Interrupted):
        await Service(storage, failing, Settings.from_env({})).reextract(None)
    assert await Service(storage, failing, Settings.from_env({})).stale_articles(None) == [(1, 2), (1, 3)]
    # The finished article is saved (its statement kept its id and took the new speaker).
    assert (await old.service.statement(1, 1)).speaker == "John Kirby"

    resumed = LineExtractor(**UPGRADE)  # type: ignore[arg-type]
    summary = await Service(storage, resumed, Settings.from_env({})).reextract(1)
    assert (summary.total, summary.reextracted, summary.kept) == (2, 2, 2)
    assert len(resumed.calls) == 2  # the article done before the interruption is not extracted again
    assert [(await old.service.statement(1, n)).speaker for n in (1, 2, 3)] == ["John Kirby"] * 3


async def test_reextract_is_for_moderators_only(storage: Storage) -> None:
    old = commands_with(storage, LineExtractor(version=OLD))
    await ok(old, "!extract he|We will leave.\n")
    new = commands_with(storage, upgraded())
    for who in (ADDER, OTHER):
        reply = await new.dispatch(who, "!reextract")
        assert reply.kind == "error" and reply.title == "Not allowed" and reply.ephemeral
        assert "moderator" in reply.description
    assert await new.service.stale_articles(1) == [(1, 1)]  # nothing was touched
    reply = await new.dispatch(MODERATOR, "!reextract now")
    assert reply.kind == "error" and "takes no arguments" in reply.description


async def test_reextract_stays_in_its_guild(storage: Storage) -> None:
    old = commands_with(storage, LineExtractor(version=OLD))
    await ok(old, "!extract he|We will leave.\n")
    new = commands_with(storage, upgraded())
    other_guild = CommandContext(guild_id=2, user_id=300, is_moderator=True)
    reply = await new.dispatch(other_guild, "!reextract")
    assert reply.title == "Nothing to re-extract"
    assert await new.service.stale_articles(None) == [(1, 1)]


async def test_a_speaker_change_that_meets_the_same_quote_merges_instead_of_losing_it(storage: Storage) -> None:
    # The old extractor read the quote twice (two statements: "he" and John Kirby); the new one reads it once,
    # as John Kirby's. The two become one statement, and the one found is not removed as "no longer found".
    old = commands_with(storage, LineExtractor(version=OLD, extra=">"))
    await ok(old, "!extract he|We will leave.\nJohn Kirby>We will leave.\n")
    assert set(await statements(old)) == {"S1", "S2"}
    new = commands_with(storage, LineExtractor(speakers={"he": "John Kirby"}))
    reply = await ok(new, "!reextract", MODERATOR)
    assert "Statements: 1 kept (same ids), 0 added, 0 removed." in reply.description
    assert await statements(new) == {"S2": ("John Kirby", "speech")}


async def test_the_intake_reply_lists_quotes_and_points_to_the_rest(storage: Storage) -> None:
    commands = commands_with(storage, LineExtractor())
    reply = await ok(commands, "!extract Ann Lee|Said it.\nAnn Lee|Believes it.|thought\n")
    assert [r.ref for r in reply.rows] == ["S1"]
    assert "2 statements found." in reply.description
    assert "+ 1 belief: kind:all (!article A1 kind:all)" in reply.description
