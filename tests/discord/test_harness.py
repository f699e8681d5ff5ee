"""The fake Discord layer holds the bot to what Discord would: READY is dispatched (so work done in on_ready
shows), and payloads Discord refuses (limits, empty messages, a second answer to an interaction) fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands
from discord_env import Env, make_env
from discord_fakes import command_problem, modal_problem, payload_problem

from bot.discord.bot import QuoteBot
from bot.discord.deferring import follow_up
from bot.workers import ProcessPoolExtractor


async def test_ready_is_dispatched_so_a_sync_in_on_ready_shows(tmp_path: Path, pool: ProcessPoolExtractor,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    async def syncing_on_ready(self: QuoteBot) -> None:
        await self.tree.sync()

    monkeypatch.setattr(QuoteBot, "on_ready", syncing_on_ready)
    async for env in make_env(tmp_path, pool):
        assert env.bot.is_ready()
        assert [c for c in env.rec.calls if c.method == "PUT"]  # test_login_does_not_sync would fail


def _embed(**parts: Any) -> dict[str, Any]:
    return {"type": "rich", **parts}


@pytest.mark.parametrize(("body", "files", "problem"), [
    ({"content": "hi"}, [], None),
    ({"embeds": [_embed(title="t", description="d")]}, [], None),
    ({"content": "", "embeds": []}, ["a.csv"], None),
    ({"components": []}, [], None),  # an edit of the view only
    ({"content": "", "embeds": []}, [], "Cannot send an empty message"),
    ({"content": None, "embeds": [_embed()]}, [], "Cannot send an empty message"),
    ({"content": "x" * 2001}, [], "content is 2001 characters"),
    ({"embeds": [_embed(title="t" * 257)]}, [], "embed title is 257 characters"),
    ({"embeds": [_embed(description="d" * 4097)]}, [], "embed description is 4097 characters"),
    ({"embeds": [_embed(footer={"text": "f" * 2049})]}, [], "embed footer is 2049 characters"),
    ({"embeds": [_embed(fields=[{"name": "n", "value": "v"}] * 26)]}, [], "26 embed fields"),
    ({"embeds": [_embed(fields=[{"name": "n", "value": ""}])]}, [], "an embed field with an empty name or value"),
    ({"embeds": [_embed(fields=[{"name": "n", "value": "v" * 1025}])]}, [], "an embed field over its limit"),
    ({"embeds": [_embed(description="d" * 4000)] * 2}, [], "embeds total 8000 characters"),
    ({"embeds": [_embed(title="t")] * 11}, [], "11 embeds"),
])
def test_payloads_discord_refuses(body: dict[str, Any], files: list[str], problem: str | None) -> None:
    assert payload_problem(body, files) == problem


async def test_an_invalid_channel_message_is_refused(env: Env) -> None:
    channel = env.bot.get_channel(env.world.channel_id)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException):
        await channel.send(embed=discord.Embed(title="t" * 300))
    (_call, problem), = env.rec.rejected
    assert problem == "embed title is 300 characters"
    env.rec.rejected.clear()  # looked at: the fixture fails a test that leaves a refused payload


async def test_a_second_answer_to_an_interaction_is_refused(env: Env) -> None:
    payload = env.world.slash(env.world.alice, "help")
    state = env.bot._connection
    first = discord.Interaction(data=payload, state=state)  # type: ignore[arg-type]
    second = discord.Interaction(data=payload, state=state)  # type: ignore[arg-type]
    await first.response.defer()
    with pytest.raises(discord.HTTPException):
        await second.response.send_message("again")
    (_call, problem), = env.rec.rejected
    assert problem == "Interaction has already been acknowledged"
    env.rec.rejected.clear()


class FakeClock:
    """A clock that moves only when told: the 3-second rule tested without waiting 3 seconds."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _interaction(env: Env, payload: dict[str, Any]) -> discord.Interaction[Any]:
    env.hooks.dispatch(str(payload["token"]))  # as Env.interact does: the 3 seconds start now
    return discord.Interaction(data=payload, state=env.bot._connection)  # type: ignore[arg-type]


async def test_a_first_response_after_3_seconds_is_refused_and_so_is_all_that_follows(env: Env) -> None:
    clock = env.hooks.clock = FakeClock()
    interaction = _interaction(env, env.world.slash(env.world.alice, "help"))
    clock.advance(2.9)
    on_time = _interaction(env, env.world.slash(env.world.alice, "help"))
    clock.advance(0.2)  # 3.1 s after the first, 0.2 s after the second
    await on_time.response.defer()
    with pytest.raises(discord.NotFound):
        await interaction.response.defer()
    with pytest.raises(discord.NotFound):
        await interaction.followup.send("late")
    assert [p for _c, p in env.rec.rejected] == ["Unknown interaction (no first response within 3 s)",
                                                 "Unknown webhook (the interaction expired)"]
    env.rec.rejected.clear()
    await on_time.followup.send("in time")  # deferred in time: 15 minutes for follow-ups


async def test_an_interaction_never_answered_is_found(env: Env) -> None:
    clock = env.hooks.clock = FakeClock()
    answered = _interaction(env, env.world.slash(env.world.alice, "help"))
    forgotten = _interaction(env, env.world.slash(env.world.alice, "help"))
    await answered.response.send_message("hi")
    clock.advance(3.5)
    assert await env.hooks.unanswered() == [forgotten.token]
    env.hooks.dispatched.pop(forgotten.token)  # looked at: the fixture fails a test that leaves one


@pytest.mark.parametrize(("defer_ephemeral", "first", "shown"), [
    (False, "followup ephemeral", False),  # the follow-up fills the public "thinking..." message
    (True, "followup public", True),  # ... or the private one: its own flags are ignored
    (True, "edit original", True),
    (False, "delete then followup ephemeral", True),  # a new message after the thinking one is gone
    (True, "delete then followup public", False),
])
async def test_a_defer_gives_its_visibility_to_what_fills_it(env: Env, defer_ephemeral: bool, first: str,
                                                             shown: bool) -> None:
    interaction = _interaction(env, env.world.slash(env.world.alice, "help"))
    await interaction.response.defer(ephemeral=defer_ephemeral)
    if first.startswith("delete"):
        await interaction.delete_original_response()
    if first == "edit original":
        await interaction.edit_original_response(content="done")
    else:
        await interaction.followup.send("done", ephemeral=first.endswith("ephemeral"))
    filled = [c for c in env.rec.calls if c.path.startswith("/webhooks/") and c.method in ("POST", "PATCH")]
    assert filled[-1].seen_ephemeral is shown
    await interaction.followup.send("second", ephemeral=not shown)  # a second follow-up has its own flags
    assert env.rec.calls[-1].seen_ephemeral is (not shown)


@pytest.mark.parametrize(("count", "name", "problem"), [
    (25, "n", None), (26, "n", "26 autocomplete choices"), (1, "", "a choice name of 0 characters"),
    (1, "n" * 101, "a choice name of 101 characters"),
])
async def test_autocomplete_answers_discord_refuses(env: Env, count: int, name: str, problem: str | None) -> None:
    payload = env.world.autocomplete(env.world.alice, "quotes", {"speaker": "k"}, "speaker")
    interaction = _interaction(env, payload)
    choices = [app_commands.Choice(name=name, value=f"v{i}") for i in range(count)]
    if problem is None:
        await interaction.response.autocomplete(choices)
        return
    with pytest.raises(discord.HTTPException):
        await interaction.response.autocomplete(choices)
    assert [p for _c, p in env.rec.rejected] == [problem]
    env.rec.rejected.clear()
    env.hooks.dispatched.pop(interaction.token)


def _text_input(**parts: Any) -> dict[str, Any]:
    return {"type": 1, "components": [{"type": 4, "custom_id": "t", "style": 2, "label": "Text", **parts}]}


@pytest.mark.parametrize(("modal", "problem"), [
    ({"title": "Extract quotes", "components": [_text_input()]}, None),
    ({"title": "t" * 46, "components": [_text_input()]}, "a modal title of 1 to 45 characters is needed"),
    ({"title": "t", "components": []}, "0 modal rows"),
    ({"title": "t", "components": [_text_input(label="l" * 46)]},
     "a text input label of 1 to 45 characters is needed"),
    ({"title": "t", "components": [_text_input(max_length=6000)]}, "a text input over its limits"),
    ({"title": "t", "components": [_text_input(max_length=10, value="x" * 11)]},
     "a text input's value is longer than its max_length"),
])
def test_modals_discord_refuses(modal: dict[str, Any], problem: str | None) -> None:
    assert modal_problem(modal) == problem


@pytest.mark.parametrize(("cmd", "problem"), [
    ({"name": "timeline", "description": "d", "options": [{"name": "from", "description": "d"}]}, None),
    ({"name": "Extract quotes", "type": 3}, None),
    ({"name": "timeline", "description": "d", "options": [{"name": "date from", "description": "d"}]},
     "/timeline: option name 'date from'"),
    ({"name": "Quotes", "description": "d"}, "command name 'Quotes'"),
    ({"name": "quotes", "description": "d" * 101}, "/quotes: a description of 1 to 100 characters is needed"),
    ({"name": "q", "description": "d", "options": [{"name": "a", "description": "d"},
                                                    {"name": "b", "description": "d", "required": True}]},
     "/q b: a required option after an optional one"),
])
def test_commands_discord_refuses_in_a_sync(cmd: dict[str, Any], problem: str | None) -> None:
    assert command_problem(cmd) == problem


async def test_the_bots_commands_pass_discords_rules(env: Env) -> None:
    await env.bot.tree.sync()  # a refused command would fail this test (the fixture checks rec.rejected)
    assert env.http.registered[None]


@pytest.mark.parametrize(("defer_ephemeral", "reply_ephemeral"), [(False, True), (True, False), (False, False),
                                                                  (True, True)])
async def test_follow_up_keeps_a_replys_visibility_after_any_defer(env: Env, defer_ephemeral: bool,
                                                                   reply_ephemeral: bool) -> None:
    """A defer made without bot.discord.deferring (ctx.defer(), another cog's response.defer()) too."""
    interaction = _interaction(env, env.world.slash(env.world.alice, "help"))
    await interaction.response.defer(ephemeral=defer_ephemeral)
    await follow_up(interaction, ephemeral=reply_ephemeral, content="reply")
    assert env.rec.calls[-1].seen_ephemeral is reply_ephemeral
    deleted = [c for c in env.rec.calls if c.method == "DELETE"]
    assert len(deleted) == (defer_ephemeral != reply_ephemeral)
    await follow_up(interaction, ephemeral=not reply_ephemeral, content="second")  # no second look-up
    assert env.rec.calls[-1].seen_ephemeral is (not reply_ephemeral)
    assert len([c for c in env.rec.calls if c.method == "GET" and "@original" in c.path]) == 1
