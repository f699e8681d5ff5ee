"""Interactions answer refusals privately: /extract and the context menu check before they defer (a public
defer makes its follow-up public, whatever the follow-up's own flags say)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from discord_env import Env, make_env
from discord_fakes import attachment_payload
from test_bot_commands import ARTICLE, responses

from bot.workers import ProcessPoolExtractor


@pytest.fixture
async def slow_env(tmp_path: Path, pool: ProcessPoolExtractor) -> AsyncIterator[Env]:
    async for e in make_env(tmp_path, pool, cooldown=30):
        yield e


def pdf(env: Env) -> dict[str, Any]:
    return attachment_payload("report.pdf", b"%PDF-1.7", "https://cdn.example/report.pdf")


EARLY_REFUSALS = {  # slash options refused before any work: "Refused link", "Bad date"... never "thinking"
    "not a link": {"link": "see the article on the site"},
    "file link": {"link": "file:///etc/passwd"},
    "loopback link": {"link": "http://127.0.0.1/admin"},
    "port not allowed": {"link": "http://example.com:6379/"},
    "link with a password": {"link": "https://user:secret@example.com/a"},
    "impossible date": {"text": ARTICLE, "date": "2021-02-30"},
    "date in words": {"text": ARTICLE, "date": "yesterday"},
    "blank text": {"text": "   "},
}


@pytest.mark.parametrize("case", ["wrong file type", "two sources", "menu on an empty message",
                                  "menu on a pdf", "menu on an ftp link", *EARLY_REFUSALS])
async def test_a_refusal_is_private_and_nothing_is_deferred(env: Env, case: str) -> None:
    world = env.world
    if case in EARLY_REFUSALS:
        env.interact(world.slash(world.alice, "extract", EARLY_REFUSALS[case]))
    elif case == "menu on an ftp link":
        env.interact(world.message_menu(world.alice, "Extract quotes",
                                        world.message(world.bob, "ftp://example.com/story.txt")))
    elif case == "wrong file type":
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


def _binary_file(env: Env) -> dict[str, Any]:
    data = b"not an article at all, just bytes \x00\x01"
    att = attachment_payload("story.txt", data, "https://cdn.example/story.txt")
    env.http.cdn[att["url"]] = data
    return att


@pytest.mark.parametrize("case", ["binary file", "no statements", "menu on a binary file",
                                  "menu on chit-chat", "bad date in the text's date line"])
async def test_a_refusal_found_after_the_defer_is_private(env: Env, case: str) -> None:
    """What a public defer made public: a refusal only found once the work started (the bytes of a file, an
    article without statements) replaces the public "thinking..." message with a private one."""
    world = env.world
    if case == "binary file":
        env.interact(world.slash(world.alice, "extract", attachments={"file": _binary_file(env)}))
    elif case == "no statements":
        env.interact(world.slash(world.alice, "extract", {"text": "hello world"}))
    elif case == "menu on a binary file":
        target = world.message(world.bob, "", attachments=[_binary_file(env)])
        env.interact(world.message_menu(world.alice, "Extract quotes", target))
    elif case == "menu on chit-chat":
        env.interact(world.message_menu(world.alice, "Extract quotes", world.message(world.bob, "lol same")))
    else:
        env.interact(world.slash(world.alice, "extract", {"text": "date 2021-13-45\n" + ARTICLE}))
    calls = await env.rec.wait_for(lambda c: responses(c) or c.method == "DELETE", count=3, timeout=60)
    deferred, deleted, refused = calls[:3]
    assert deferred.json["type"] == 5 and not deferred.seen_ephemeral  # what is in it is found later
    assert deleted.method == "DELETE" and deleted.path.endswith("/messages/@original")
    assert refused.seen_ephemeral and refused.json["embeds"][0]["title"] != "Error", refused.text
    assert await env.service.storage.articles.count(world.guild_id) == 0


async def test_a_success_after_the_defer_stays_public_and_nothing_is_deleted(env: Env) -> None:
    env.interact(env.world.slash(env.world.alice, "extract", {"text": ARTICLE}))
    calls = await env.rec.wait_for(responses, count=2, timeout=60)
    assert calls[0].json["type"] == 5 and not calls[1].seen_ephemeral and "Saved A1" in calls[1].text
    assert not [c for c in env.rec.calls if c.method == "DELETE"]


def _modal(call: Any) -> tuple[str, dict[str, str]]:
    """Return a modal response's custom id and its text inputs' custom ids by label."""
    data = call.json["data"]
    inputs = [c for row in data["components"] for c in row["components"]]
    return data["custom_id"], {c["label"]: c["custom_id"] for c in inputs}


async def test_extract_with_nothing_opens_a_form_that_keeps_paragraphs(env: Env) -> None:
    world = env.world
    env.interact(world.slash(world.alice, "extract", {"date": "2021-08-24"}))
    (opened,) = await env.rec.wait_for(responses)
    assert opened.json["type"] == 9  # MODAL
    custom_id, inputs = _modal(opened)
    fields = {c["label"]: c for row in opened.json["data"]["components"] for c in row["components"]}
    assert fields["Article text"]["style"] == 2 and fields["Article text"]["max_length"] == 4000  # paragraph
    assert fields["Article date (optional)"]["value"] == "2021-08-24"  # the date option carried over
    env.interact(world.modal_submit(world.alice, custom_id, {inputs["Article text"]: ARTICLE,
                                                              inputs["Article date (optional)"]: "2021-08-24"}))
    calls = await env.rec.wait_for(responses, count=3, timeout=60)
    assert calls[1].json["type"] == 5 and not calls[2].seen_ephemeral and "Saved A1" in calls[2].text
    article, _statements = await env.service.article(world.guild_id, 1)
    text = await env.service.storage.articles.text(world.guild_id, article.id)
    assert "on Tuesday.\n\n\"We are not" in text and article.article_date == "2021-08-24"


@pytest.mark.parametrize(("typed", "date", "title"), [  # hostile and odd form input: one row per case
    ("hello world", "", "Cannot read that article"),  # no statements: found after the defer
    (ARTICLE, "2021-02-30", "Bad date"),  # refused before it
    (ARTICLE, "24/08/2021", "Bad date"),
    (ARTICLE, "0000-00-00", "Bad date"),
    ("\x00\x01\x02 binary", "", "Cannot read that article"),
    ('"' * 4000, "", "Cannot read that article"),  # a pathological run: capped, no statements
    ("\u202e" * 2000 + "\u200b" * 2000, "", "Cannot read that article"),  # only format characters
    ("   \n\n   ", "", "Cannot read that article"),  # only blank space
])
async def test_a_form_refusal_is_private(env: Env, typed: str, date: str, title: str) -> None:
    world = env.world
    env.interact(world.slash(world.alice, "extract"))
    (opened,) = await env.rec.wait_for(responses)
    custom_id, inputs = _modal(opened)
    env.interact(world.modal_submit(world.alice, custom_id, {inputs["Article text"]: typed,
                                                              inputs["Article date (optional)"]: date}))
    refused = await env.rec.wait_for(lambda c: responses(c) and title in c.text, timeout=60)
    assert refused[0].seen_ephemeral
    assert await env.service.storage.articles.count(world.guild_id) == 0


async def test_a_user_on_cooldown_gets_no_form(slow_env: Env) -> None:
    env, world = slow_env, slow_env.world
    env.interact(world.slash(world.alice, "extract", {"text": ARTICLE}))
    await env.rec.wait_for(responses, count=2, timeout=60)
    env.interact(world.slash(world.alice, "extract"))
    refused = (await env.rec.wait_for(responses, count=3))[2]
    assert refused.json["type"] == 4 and refused.seen_ephemeral and "Busy" in refused.text


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _SlowExtractor:
    """The real extractor, on a clock that jumps 10 s per article: work before the first answer shows."""

    def __init__(self, inner: Any, clock: _Clock) -> None:
        self.inner, self.clock = inner, clock

    async def extract(self, text: str, **kwargs: Any) -> Any:
        self.clock.now += 10.0
        return await self.inner.extract(text, **kwargs)


@pytest.mark.parametrize("route", ["slash text", "slash file", "menu", "form"])
async def test_every_extraction_route_answers_before_the_work(env: Env, route: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    clock = env.hooks.clock = _Clock()
    monkeypatch.setattr(env.service, "extractor", _SlowExtractor(env.service.extractor, clock))
    world = env.world
    if route == "slash text":
        env.interact(world.slash(world.alice, "extract", {"text": ARTICLE}))
    elif route == "slash file":
        att = attachment_payload("story.txt", ARTICLE.encode(), "https://cdn.example/story.txt")
        env.http.cdn[att["url"]] = ARTICLE.encode()
        env.interact(world.slash(world.alice, "extract", attachments={"file": att}))
    elif route == "menu":
        env.interact(world.message_menu(world.alice, "Extract quotes", world.message(world.bob, ARTICLE)))
    else:
        env.interact(world.slash(world.alice, "extract"))
        custom_id, inputs = _modal((await env.rec.wait_for(responses))[0])
        env.interact(world.modal_submit(world.alice, custom_id, {inputs["Article text"]: ARTICLE}))
    saved = await env.rec.wait_for(lambda c: responses(c) and "Saved A1" in c.text, timeout=60)
    assert clock.now == 10.0 and not env.rec.rejected and saved
