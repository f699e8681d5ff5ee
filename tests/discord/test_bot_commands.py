"""The bot end to end over discord.py's real objects: gateway events in, recorded REST/interaction calls out."""

from __future__ import annotations

import pytest
from discord_env import Env
from discord_fakes import Call, attachment_payload

from bot.discord.errors import GENERIC_FAILURE, reply_for
from bot.errors import Busy, PermissionDenied
from bot.service import Actor

ARTICLE = (
    "WASHINGTON - The evacuation from Kabul will go on, officials said on Tuesday.\n\n"
    '"We are not going to leave anyone behind," John Kirby, the Pentagon press secretary, told reporters. '
    "He said the mission was on schedule.\n"
)
NAMES = ["Ann Lee", "Bo Diaz", "Cy Park", "Di Moss", "Ed Nash", "Flo Reyes", "Gus Hart", "Hal Ortiz",
         "Ida Finch", "Jo Marsh", "Kai Stone", "Liv Grant"]


def many_quotes() -> str:
    return "\n\n".join(f'"The plan number {i} will work very well," {name}, a city official, said on Monday.'
                       for i, name in enumerate(NAMES, 1))


def channel_posts(c: Call) -> bool:
    return c.method == "POST" and c.path == "/channels/{channel_id}/messages"


def responses(c: Call) -> bool:
    return c.path.endswith("/callback") or (c.path.startswith("/webhooks/") and c.method in ("POST", "PATCH"))


async def seed(env: Env, text: str, user: int | None = None) -> None:
    actor = Actor(guild_id=env.world.guild_id, user_id=user or env.world.alice)
    await env.service.add_text(actor, text)


@pytest.mark.slow
async def test_prefix_command_through_process_commands(env: Env) -> None:
    await seed(env, ARTICLE)
    env.send(env.world.message(env.world.bob, "!quotes Kirby"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "Quotes by John Kirby" in post.text
    assert "leave anyone behind" in post.text
    assert "[S" in post.text  # statement ids are shown
    assert post.json["message_reference"]["fail_if_not_exists"] is False
    assert not env.rec.unexpected


async def test_unknown_prefix_command_gets_a_suggestion(env: Env) -> None:
    env.send(env.world.message(env.world.bob, "!qoutes Kirby"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "did you mean !quotes?" in post.text


async def test_hybrid_command_invoked_as_slash(env: Env) -> None:
    await seed(env, ARTICLE)
    env.interact(env.world.slash(env.world.bob, "quotes", {"speaker": "Kirby"}))
    calls = await env.rec.wait_for(responses)
    assert calls[0].json["type"] == 4  # CHANNEL_MESSAGE_WITH_SOURCE
    assert "Quotes by John Kirby" in calls[0].text
    assert not calls[0].ephemeral


async def test_slash_extract_with_attachment_defers_then_follows_up(env: Env) -> None:
    data = ARTICLE.encode()
    att = attachment_payload("story.txt", data, "https://cdn.example/story.txt")
    env.http.cdn[att["url"]] = data
    env.interact(env.world.slash(env.world.alice, "extract", attachments={"file": att}))
    calls = await env.rec.wait_for(responses, count=2, timeout=60)
    assert calls[0].json["type"] == 5  # deferred: Discord's 3 s deadline is met before extracting
    assert calls[1].method == "POST" and calls[1].path == "/webhooks/{webhook_id}/{webhook_token}"
    assert "Saved A1" in calls[1].text
    assert "John Kirby" in calls[1].text
    articles = await env.service.article(env.world.guild_id, 1)
    assert articles[0].filename == "story.txt"


async def test_slash_extract_refuses_other_file_types(env: Env) -> None:
    att = attachment_payload("report.pdf", b"%PDF-1.7", "https://cdn.example/report.pdf")
    env.interact(env.world.slash(env.world.alice, "extract", attachments={"file": att}))
    calls = await env.rec.wait_for(responses)
    assert calls[0].json["type"] == 4 and calls[0].ephemeral  # refused at once, privately (no defer)
    assert "eport.pdf is not a file I read" in calls[0].text
    assert not any(c.path == att["url"] for c in env.rec.calls)  # never downloaded


async def test_context_menu_extracts_the_target_message(env: Env) -> None:
    target = env.world.message(env.world.bob, ARTICLE)
    env.interact(env.world.message_menu(env.world.alice, "Extract quotes", target))
    calls = await env.rec.wait_for(responses, count=2, timeout=60)
    assert calls[0].json["type"] == 5
    assert "Saved A1" in calls[1].text
    article, _ = await env.service.article(env.world.guild_id, 1)
    assert article.message_url and article.message_url.endswith(f"/{target['id']}")
    assert "/channels/" in calls[1].text  # jump link to the source message


async def test_paging_buttons_and_a_strangers_click(env: Env) -> None:
    await seed(env, many_quotes())
    env.interact(env.world.slash(env.world.alice, "quotes"))
    (first,) = await env.rec.wait_for(responses)
    assert "page 1/2" in first.text
    buttons = first.components[0]["components"]
    next_id = next(b["custom_id"] for b in buttons if "Next" in b["label"])
    message = first.response | {"channel_id": str(env.world.channel_id)}
    env.interact(env.world.button(env.world.bob, next_id, message))
    refused = (await env.rec.wait_for(responses, count=2))[1]
    assert refused.json["type"] == 4 and refused.ephemeral
    assert "Only the person who ran this command" in refused.text
    env.interact(env.world.button(env.world.alice, next_id, message))
    turned = (await env.rec.wait_for(responses, count=3))[2]
    assert turned.json["type"] == 7  # UPDATE_MESSAGE
    assert "page 2/2" in turned.text


async def test_permission_refusal_and_moderator(env: Env) -> None:
    await seed(env, ARTICLE, user=env.world.alice)
    env.send(env.world.message(env.world.bob, "!forget S1"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "Not allowed" in post.text
    env.send(env.world.message(env.world.mod, "!forget S1"))
    await env.rec.wait_for(channel_posts, count=2)
    assert "Forgot S1" in [c for c in env.rec.calls if channel_posts(c)][1].text


async def test_guild_isolation_and_private_dm_space(env: Env) -> None:
    await seed(env, ARTICLE)
    env.interact(env.world.slash(env.world.alice, "quotes", {"speaker": "Kirby"}, dm=True))
    (reply,) = await env.rec.wait_for(responses)
    assert "leave anyone behind" not in reply.text
    assert "No speaker called" in reply.text or "no speaker called" in reply.text


async def test_error_is_mapped_to_a_short_private_reply(env: Env) -> None:
    env.interact(env.world.slash(env.world.alice, "article", {"ref": "A99"}))
    (reply,) = await env.rec.wait_for(responses)
    assert reply.ephemeral
    assert "Not found" in reply.text
    assert "Traceback" not in reply.text


async def test_stale_slash_signature_gets_a_sync_hint(env: Env) -> None:
    env.interact(env.world.slash(env.world.alice, "export", {"fmt": "csv"}))  # old option name
    (reply,) = await env.rec.wait_for(responses)
    assert reply.ephemeral and "python -m bot sync" in reply.text


def test_unexpected_error_is_logged_with_traceback_and_answered_generically(
        caplog: pytest.LogCaptureFixture) -> None:
    try:
        raise RuntimeError("database on fire")
    except RuntimeError as exc:
        reply = reply_for(exc, where="/quotes")
    assert reply.description == GENERIC_FAILURE and reply.ephemeral
    assert "database on fire" not in reply.description
    record = next(r for r in caplog.records if r.levelname == "ERROR")
    assert record.exc_info is not None and "unexpected error in /quotes" in record.getMessage()


def test_domain_errors_use_the_command_layers_words() -> None:
    reply = reply_for(Busy("busy: 4 extractions are running; try again in 7 s", retry_after=7))
    assert reply.kind == "warning" and "try again in 7 s" in reply.description
    assert reply_for(PermissionDenied("only the person who added it")).title == "Not allowed"


async def test_page_buttons_stop_after_the_timeout(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.discord.views.PAGE_TIMEOUT_SECONDS", 0.3)
    await seed(env, many_quotes())
    env.send(env.world.message(env.world.alice, "!quotes"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert any(not b.get("disabled") for b in post.components[0]["components"])
    (edit,) = await env.rec.wait_for(lambda c: c.method == "PATCH" and "/messages/" in c.path)
    assert all(b.get("disabled") for b in edit.components[0]["components"])


async def test_prefix_usage_mistake_is_explained_by_the_command_layer(env: Env) -> None:
    env.send(env.world.message(env.world.bob, "!article"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "!article <article id" in post.text


async def test_dm_is_a_private_space(env: Env) -> None:
    dm = env.world.channel_id + 7
    env.send(env.world.message(env.world.alice, "!extract " + ARTICLE, channel_id=dm, dm=True))
    (saved,) = await env.rec.wait_for(channel_posts, timeout=60)
    assert "Saved A1" in saved.text
    env.interact(env.world.slash(env.world.alice, "quotes", {"speaker": "Kirby"}))  # in the guild
    (guild_reply,) = await env.rec.wait_for(responses)
    assert "leave anyone behind" not in guild_reply.text
    env.send(env.world.message(env.world.bob, "!quotes Kirby", channel_id=dm + 1, dm=True))  # bob's DMs
    posts = await env.rec.wait_for(channel_posts, count=2)
    assert "leave anyone behind" not in posts[1].text
    env.send(env.world.message(env.world.alice, "!forget S1", channel_id=dm, dm=True))  # her own space
    posts = await env.rec.wait_for(channel_posts, count=3)
    assert "Forgot S1" in posts[2].text
