"""Slash options as users see them: from/to on /timeline, and autocomplete of speaker names and statement
ids from this server's data (25 choices at most, within Discord's limits, whatever is typed)."""

from __future__ import annotations

from typing import Any

import pytest
from discord_env import Env
from discord_fakes import snowflake
from test_bot_commands import ARTICLE, many_quotes, responses

from bot.discord.sync import sync_tree
from bot.service import Actor

FIRST = ["Ann", "Bo", "Cy", "Di", "Ed", "Flo"]
LAST = ["Lee", "Diaz", "Park", "Moss", "Nash"]


async def seed(env: Env, text: str, guild_id: int | None = None) -> None:
    await env.service.add_text(Actor(guild_id=guild_id or env.world.guild_id, user_id=env.world.alice), text)


async def suggest(env: Env, command: str, option: str, typed: str, others: dict[str, Any] | None = None,
                  *, dm: bool = False) -> list[dict[str, Any]]:
    """Type ``typed`` into ``/command option:``; return the choices the bot answers with."""
    before = len([c for c in env.rec.calls if responses(c)])
    env.interact(env.world.autocomplete(env.world.alice, command, {**(others or {}), option: typed}, option,
                                        dm=dm))
    answer = (await env.rec.wait_for(responses, count=before + 1))[-1]
    assert answer.json["type"] == 8, answer.json  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    return list(answer.json["data"]["choices"])


async def test_synced_options_show_from_to_and_autocomplete(env: Env) -> None:
    await sync_tree(env.bot, "global")
    (put,) = [c for c in env.rec.calls if c.method == "PUT"]
    options = {c["name"]: {o["name"]: o for o in c.get("options", [])} for c in put.json}
    for shown_as_from_to in ("timeline", "chart"):
        assert {"from", "to"} <= set(options[shown_as_from_to]) and "date_from" not in options[shown_as_from_to]
    for command, option in [("quotes", "speaker"), ("timeline", "speaker"), ("export", "speaker"),
                            ("chart", "speaker"), ("speaker", "name"),
                            ("alias", "canonical"), ("alias", "name"), ("fix", "speaker"), ("fix", "statement"),
                            ("forget", "ref")]:
        assert options[command][option].get("autocomplete") is True, (command, option)


async def test_timeline_from_and_to_as_slash_options(env: Env) -> None:
    await seed(env, "date 2021-08-24\n" + ARTICLE)
    env.interact(env.world.slash(env.world.bob, "timeline", {"from": "2021-08-01", "to": "2021-08-31"}))
    (inside,) = await env.rec.wait_for(responses)
    assert "leave anyone behind" in inside.text
    env.interact(env.world.slash(env.world.bob, "timeline", {"from": "2021-09-01"}))
    later = (await env.rec.wait_for(responses, count=2))[1]
    assert "leave anyone behind" not in later.text


async def test_speaker_names_for_what_is_typed(env: Env) -> None:
    await seed(env, ARTICLE)
    await seed(env, many_quotes())
    assert [c["value"] for c in await suggest(env, "quotes", "speaker", "kir")] == ["John Kirby"]
    assert [c["value"] for c in await suggest(env, "timeline", "speaker", "LEE")] == ["Ann Lee"]
    typed_o = [c["value"] for c in await suggest(env, "fix", "speaker", "o", {"statement": "S1"})]
    starts = [n for n in typed_o if any(w.lower().startswith("o") for w in n.split())]
    assert "Hal Ortiz" in starts and typed_o[:len(starts)] == starts  # a word starting so comes first
    assert "Jo Marsh" in typed_o[len(starts):]  # then names that only contain it
    assert [c["value"] for c in await suggest(env, "quotes", "speaker", "zzz")] == []


async def test_at_most_25_names_most_quoted_first_when_nothing_is_typed(env: Env) -> None:
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    lines = [f'"The plan number {i} will work very well," {name}, a city official, said on Monday.'
             for i, name in enumerate(names, 1)]
    await seed(env, "\n\n".join(lines))
    await seed(env, ARTICLE.replace("on Tuesday", "on Monday") + "\n\n" +
               '"The mission is over," John Kirby, the spokesman, said.')
    empty = await suggest(env, "quotes", "speaker", "")
    assert len(empty) == 25 and empty[0]["value"] == "John Kirby"
    typed_a = await suggest(env, "quotes", "speaker", "a")
    assert 0 < len(typed_a) <= 25 and all("a" in c["value"].lower() for c in typed_a)


async def test_suggestions_are_this_servers_only(env: Env) -> None:
    await seed(env, ARTICLE, guild_id=snowflake())  # another server quoted Kirby
    assert await suggest(env, "quotes", "speaker", "kir") == []
    assert await suggest(env, "forget", "ref", "") == []
    await seed(env, ARTICLE, guild_id=-env.world.alice)  # alice's own DM space
    assert [c["value"] for c in await suggest(env, "quotes", "speaker", "kir", dm=True)] == ["John Kirby"]


async def test_statement_ids_by_number_words_or_newest(env: Env) -> None:
    await seed(env, ARTICLE)
    await seed(env, many_quotes())
    (s2,) = await suggest(env, "fix", "statement", "S2")
    assert s2["value"] == "S2" and s2["name"].startswith("S2 · John Kirby: “We are not going")
    assert [c["value"] for c in await suggest(env, "forget", "ref", "2")] == ["S2"]
    assert [c["value"] for c in await suggest(env, "forget", "ref", "#2")] == ["S2"]
    assert [c["value"] for c in await suggest(env, "forget", "ref", "anyone behind")] == ["S2"]
    newest = await suggest(env, "forget", "ref", "")
    total = (await env.service.quotes(env.world.guild_id, None, kind="all"))[1].total
    assert len(newest) == total and newest[-1]["value"] in ("S1", "S2", "S3")  # newest first
    assert await suggest(env, "forget", "ref", "S999999") == []


HOSTILE_TYPING = [  # whatever is typed, the answer is a valid list of choices (the harness checks the limits)
    ("nul", "\x00"), ("long", "k" * 5000), ("fts operators", 'NEAR(kirby OR "x") AND -y*'),
    ("only a quote", '"'), ("markdown", "**Kirby** ||x|| `y`"), ("bidi override", "\u202eybriK"),
    ("sql wildcards", "%_%"), ("newlines", "kir\nby"), ("an id too long", "S" + "9" * 40),
    ("mention", "<@123> @everyone"), ("format string", "{0} {page}"),
]


@pytest.mark.parametrize(("what", "typed"), HOSTILE_TYPING, ids=[w for w, _ in HOSTILE_TYPING])
@pytest.mark.parametrize(("command", "option"), [("quotes", "speaker"), ("forget", "ref")])
async def test_hostile_typing_gets_valid_choices(env: Env, what: str, typed: str, command: str,
                                                 option: str) -> None:
    await seed(env, ARTICLE)
    for choice in await suggest(env, command, option, typed):
        assert 1 <= len(choice["name"]) <= 100 and 1 <= len(choice["value"]) <= 100
        assert "\n" not in choice["name"]


async def test_a_name_too_long_for_a_choice_is_not_offered(env: Env) -> None:
    await seed(env, ARTICLE)
    long_name = "Kirby " + "Q" * 120
    env.send(env.world.message(env.world.mod, f"!fix S1 speaker {long_name[:100]}"))
    await env.rec.wait_for(lambda c: c.method == "POST" and "/channels/" in c.path)
    for choice in await suggest(env, "quotes", "speaker", "kirby"):
        assert len(choice["value"]) <= 100


@pytest.mark.parametrize(("options", "says"), [  # hostile and odd from/to: a private, clear refusal
    ({"from": "2021-13-01"}, "not a valid date"),
    ({"from": "yesterday"}, "YYYY-MM-DD"),
    ({"to": "2021-02-30"}, "not a valid date"),
    ({"from": "\x00"}, "YYYY-MM-DD"),
    ({"from": "9" * 200}, "YYYY-MM-DD"),
])
async def test_timeline_from_to_refusals(env: Env, options: dict[str, Any], says: str) -> None:
    await seed(env, ARTICLE)
    env.interact(env.world.slash(env.world.bob, "timeline", options))
    (reply,) = await env.rec.wait_for(responses)
    assert reply.seen_ephemeral and says in reply.text and "Something went wrong" not in reply.text
    assert len(reply.text) < 600  # echoed input is clipped


async def test_a_speaker_unknown_to_chart_is_refused_privately(env: Env) -> None:
    await seed(env, ARTICLE)
    env.interact(env.world.slash(env.world.bob, "chart", {"speaker": "Nobody Atall", "from": "2021-01-01"}))
    calls = await env.rec.wait_for(responses, count=2, timeout=30)
    assert calls[0].json["type"] == 5 and "No speaker called" in calls[1].text and calls[1].seen_ephemeral
