"""Hostile and odd chat input, one row per case: every message gets a clear reply, never the generic error.

A new gap found by hand is one new row. Columns: an id, the message, who sends it, and what the reply must
be (its kind, its title, and words its text contains).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from command_helpers import ADDER, MODERATOR, OTHER

from bot.commands import CommandContext, Commands
from bot.commands.errors import GENERIC_ERROR
from bot.commands.limits import UserCooldown

ARTICLE = "".join(f"Ann Lee|Plan number {i} will work.\n" for i in range(1, 13)) + (
    "John Kirby|The covid 19 mission is over.\nJen Psaki|We are evacuating 19 citizens.\n")


@dataclass(frozen=True)
class Case:
    id: str
    message: str
    kind: str
    title: str
    says: str = ""
    who: CommandContext = ADDER


CASES = [
    # pages: only page:N for search (a number is a word to find); bounded; past the end says so
    Case("search-number-is-a-word", "!search covid 19", "info", "Search: covid 19", "The covid 19 mission"),
    Case("search-bare-number", "!search 19", "info", "Search: 19", "evacuating 19 citizens"),
    Case("search-page-option", "!search plan page:2", "info", "Search: plan", "Plan number"),
    Case("search-page-past-the-end", "!search covid page:19", "error", "No such page", "the last page is page:1"),
    Case("quotes-page-past-the-end", "!quotes Ann Lee page:3", "error", "No such page", "the last page is page:2"),
    Case("quotes-trailing-page-past-the-end", "!quotes 9", "error", "No such page", "the last page is page:2"),
    Case("speakers-page-past-the-end", "!speakers page:2", "error", "No such page", "page:1"),
    Case("timeline-page-past-the-end", "!timeline page:5", "error", "No such page", "page:2"),
    Case("page-beyond-sqlite", "!quotes 99999999999999999999", "error", "How to use it", "pages go up to 100,000"),
    Case("page-option-beyond-sqlite", "!search plan page:99999999999999999999", "error", "How to use it",
         "pages go up to 100,000"),
    Case("speakers-page-beyond-sqlite", "!speakers 99999999999999999999", "error", "How to use it", "100,000"),
    Case("timeline-page-beyond", "!timeline page:100001", "error", "How to use it", "100,000"),
    Case("superscript-is-not-a-page", "!quotes Costa ²", "error", "Not found", "No speaker called “Costa ²”"),
    Case("arabic-digit-is-not-a-page", "!quotes page:١", "error", "How to use it", "not a page number"),
    Case("page-zero", "!search plan page:0", "error", "How to use it", "start at 1"),
    Case("page-twice", "!quotes page:1 page:2", "error", "How to use it", "Give page: once"),
    Case("page-empty", "!quotes page:", "error", "How to use it", "needs a number"),
    Case("speakers-stray-word", "!speakers Kirby", "error", "How to use it", "!speakers [page:N]"),
    Case("timeline-from-twice", "!timeline from:2021-01-01 since:2021-02-01", "error", "How to use it",
         "Give from: once"),
    # ids: huge, negative, foreign digits
    Case("article-id-too-long", "!article A99999999999999", "error", "How to use it", "is not an id"),
    Case("article-id-unknown", "!article A999999999999", "error", "Not found", "no article A999999999999"),
    Case("statement-id-too-long", "!forget S99999999999999999999", "error", "How to use it", "is not an id"),
    Case("negative-id", "!forget S-1", "error", "How to use it", "is not an id"),
    # names a user sets: a NUL, no letters, far too long
    Case("fix-speaker-nul", "!fix S1 speaker \x00", "error", "How to use it", "control characters"),
    Case("fix-speaker-no-letters", "!fix S1 speaker ***", "error", "How to use it", "needs letters"),
    Case("fix-speaker-too-long", "!fix S1 speaker " + "x" * 5000, "error", "How to use it", "the limit is 100"),
    Case("alias-no-letters", "!alias *** John Kirby", "error", "How to use it", "needs letters", MODERATOR),
    # echoed input is clipped
    Case("unknown-command-echo", "!" + "x" * 3000, "error", "Unknown command", "command; type !help"),
    Case("help-echo", "!help " + "x" * 3000, "error", "How to use it", "…"),
    Case("only-punctuation", "!!!", "error", "Unknown command", "There is no !!! command"),
    # search syntax is never an FTS expression
    Case("search-fts-operators", "!search NEAR(covid mission) OR -x", "info", "Search:"),
    Case("search-only-quotes", '!search "', "error", "How to use it", "words to search for"),
    Case("search-nul", "!search \x00", "error", "How to use it", "words to search for"),
    Case("search-braces", "!search {0} {page}", "info", "Search:"),
    # pictures: the timeline's checks, names a user types
    Case("chart-with-a-page", "!timeline chart page:2", "error", "How to use it", "no pages"),
    Case("chart-bad-date", "!timeline chart from:2021-02-30", "error", "Bad date", "not a valid date"),
    Case("chart-far-future", "!timeline chart from:9999-01-01", "info", "Nothing to draw", "No quotes in that range"),
    Case("speaker-nul", "!speaker \x00", "error", "How to use it", "control characters"),
    Case("speaker-too-long", "!speaker " + "x" * 5000, "error", "How to use it", "the limit is 100"),
    Case("speaker-braces-and-math", "!speaker {0} $x$", "error", "Not found", "No speaker called"),
    # permissions
    Case("alias-by-adder", "!alias Kirby Someone Else", "error", "Not allowed", "moderator"),
    Case("fix-by-other", "!fix S1 speaker Someone Else", "error", "Not allowed", "first article (A1)", OTHER),
]


@pytest.fixture
async def seeded(commands: Commands) -> Commands:
    reply = await commands.dispatch(ADDER, "!extract " + ARTICLE)
    assert reply.kind == "success", reply.description
    return commands


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_hostile_message_gets_a_clear_reply(seeded: Commands, case: Case) -> None:
    reply = await seeded.dispatch(case.who, case.message)
    text = "\n".join([reply.title, reply.description, *(f"{r.title} {r.body}" for r in reply.rows)])
    assert reply.description != GENERIC_ERROR, case.id
    assert (reply.kind, reply.title[:len(case.title)]) == (case.kind, case.title), text[:300]
    assert case.says in text, text[:300]
    assert len(reply.title) <= 300 and len(reply.description) <= 1000, "echoed input must be clipped"


@pytest.mark.parametrize(("message", "answer"), [
    ("!qoutes Kirby", "did you mean !quotes?"),
    ("!quote Kirby", "did you mean !quotes?"),
    ("!serch covid", "did you mean !search?"),
    ("!play despacito", None),
    ("!hello", None),
    ("!rank", None),
    ("!!!", None),
    ("!", None),
    ("! quotes", None),
    ("!quotes", None),  # a command of ours is never "unknown"
])
def test_an_unknown_word_is_answered_only_when_close_to_a_command(commands: Commands, message: str,
                                                                  answer: str | None) -> None:
    reply = commands.unknown_command(message)
    assert (reply.description if reply else None) == (f"There is no {message.split()[0]} command; {answer}"
                                                      if answer else None)


async def test_the_cooldown_holds_on_every_route_and_refusals_do_not_start_it(commands: Commands) -> None:
    commands.cooldown = UserCooldown(60)
    assert (await commands.dispatch(ADDER, "!Extract Ann Lee|First.")).kind == "success"
    for again in (commands.dispatch(ADDER, "!EXTRACT Ann Lee|Second."),
                  commands.extract(ADDER, text="Ann Lee|Second."),
                  commands.extract(ADDER, upload=("story.txt", b"Ann Lee|Second."))):
        reply = await again
        assert reply.title == "Busy" and "retry_after" in reply.extra, reply.description
    # A refused input costs nothing: the user may fix it and send it again at once.
    assert (await commands.extract(OTHER, upload=("story.pdf", b"%PDF"))).kind == "error"

    async def broken_download() -> tuple[str, bytes]:
        raise AssertionError("a user on cooldown must cost no download")

    assert (await commands.extract(ADDER, upload=broken_download)).title == "Busy"
    assert (await commands.extract(OTHER, text="Ann Lee|Third.")).kind == "success"
