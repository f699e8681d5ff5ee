"""Interactions answer refusals privately: /extract and the context menu check before they defer (a public
defer makes its follow-up public, whatever the follow-up's own flags say)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Env, make_env
from discord_fakes import attachment_payload
from test_bot_commands import ARTICLE, responses

from bot.workers import ProcessPoolExtractor


@pytest.fixture
async def slow_env(tmp_path: Path, pool: ProcessPoolExtractor) -> AsyncIterator[Env]:
    async for e in make_env(tmp_path, pool, cooldown=30):
        yield e


def pdf(env: Env) -> dict[str, Any]:
    return attachment_payload("report.pdf", b"%PDF-1.7", "https://cdn.example/report.pdf")


@pytest.mark.parametrize("case", ["wrong file type", "two sources", "menu on an empty message",
                                  "menu on a pdf"])
async def test_a_refusal_is_private_and_nothing_is_deferred(env: Env, case: str) -> None:
    world = env.world
    if case == "wrong file type":
        env.interact(world.slash(world.alice, "extract", attachments={"file": pdf(env)}))
    elif case == "two sources":
        env.interact(world.slash(world.alice, "extract", {"text": ARTICLE, "link": "https://example.com/a"}))
    elif case == "menu on an empty message":
        env.interact(world.message_menu(world.alice, "Extract quotes", world.message(world.bob, "")))
    else:
        target = world.message(world.bob, "", attachments=[pdf(env)])
        env.interact(world.message_menu(world.alice, "Extract quotes", target))
    (reply,) = await env.rec.wait_for(responses)
    assert reply.json["type"] == 4, "a refusal answers at once, never after a public defer"
    assert reply.seen_ephemeral and "Traceback" not in reply.text


@pytest.mark.parametrize("route", ["slash", "menu"])
async def test_a_user_on_cooldown_is_told_privately(slow_env: Env, route: str) -> None:
    env, world = slow_env, slow_env.world
    env.interact(world.slash(world.alice, "extract", {"text": ARTICLE}))
    first = await env.rec.wait_for(responses, count=2, timeout=60)
    assert first[0].json["type"] == 5 and not first[1].seen_ephemeral and "Saved A1" in first[1].text
    other = ARTICLE.replace("Tuesday", "Monday")
    if route == "slash":
        env.interact(world.slash(world.alice, "extract", {"text": other}))
    else:
        env.interact(world.message_menu(world.alice, "Extract quotes", world.message(world.bob, other)))
    refused = (await env.rec.wait_for(responses, count=3))[2]
    assert refused.json["type"] == 4 and refused.seen_ephemeral
    assert "Busy" in refused.text and "try again in" in refused.text


async def test_the_harness_shows_a_follow_up_with_its_defers_visibility(env: Env) -> None:
    """What made the old refusals public: after a public defer, an "ephemeral" follow-up is seen by all."""
    data = b"not an article at all, just bytes \x00\x01"
    att = attachment_payload("story.txt", data, "https://cdn.example/story.txt")
    env.http.cdn[att["url"]] = data
    env.interact(env.world.slash(env.world.alice, "extract", attachments={"file": att}))
    calls = await env.rec.wait_for(responses, count=2, timeout=60)
    assert calls[0].json["type"] == 5  # a readable-looking file is deferred; what is in it is found later
    assert calls[1].ephemeral and not calls[1].seen_ephemeral
