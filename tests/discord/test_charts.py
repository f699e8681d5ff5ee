"""Pictures on Discord through the fake gateway: ``!timeline … chart`` and /chart, ``!speaker`` and /speaker.

The chart arrives as a PNG attachment shown inside a short embed (``attachment://``); slash uses defer first,
since drawing may take longer than Discord's 3 s.
"""

from __future__ import annotations

import struct

from discord import app_commands
from discord_env import Env
from discord_fakes import Call

from bot.commands.replies import Attachment, Reply
from bot.discord.embeds import render_reply
from bot.service import Actor

ARTICLE = (
    "WASHINGTON - The evacuation from Kabul will go on, officials said on Tuesday.\n\n"
    '"We are not going to leave anyone behind," John Kirby, the Pentagon press secretary, told reporters. '
    "He said the mission was on schedule.\n"
)


def channel_posts(c: Call) -> bool:
    return c.method == "POST" and c.path == "/channels/{channel_id}/messages"


def responses(c: Call) -> bool:
    return c.path.endswith("/callback") or (c.path.startswith("/webhooks/") and c.method in ("POST", "PATCH"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def seed(env: Env) -> None:
    actor = Actor(guild_id=env.world.guild_id, user_id=env.world.alice,
                  message_url=f"https://discord.com/channels/{env.world.guild_id}/{env.world.channel_id}/42")
    result = await env.service.add_text(actor, "date 2021-09-02\n\n" + ARTICLE)
    assert result.statements


def picture_in_embed(call: Call, filename: str) -> bytes:
    assert call.files == [filename]
    assert call.embeds[0]["image"]["url"] == f"attachment://{filename}"
    return call.file_data[filename]


async def test_prefix_timeline_chart_posts_the_picture_in_a_short_embed(env: Env) -> None:
    await seed(env)
    env.send(env.world.message(env.world.bob, "!timeline Kirby chart"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert png_size(picture_in_embed(post, "timeline-john-kirby.png"))[0] == 1000
    assert post.embeds[0]["title"] == "Timeline: John Kirby · quotes"
    assert len(post.text) < 600  # a short embed: the picture says the rest


async def test_prefix_chart_of_an_empty_server_is_words_not_a_picture(env: Env) -> None:
    env.send(env.world.message(env.world.bob, "!timeline chart"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert not post.files and "image" not in post.embeds[0]
    assert "Nothing to draw" in post.text and "No quotes saved yet" in post.text


async def test_slash_chart_defers_then_sends_the_picture(env: Env) -> None:
    await seed(env)
    env.interact(env.world.slash(env.world.bob, "chart", {"speaker": "Kirby", "kind": "all"}))
    calls = await env.rec.wait_for(responses, count=2, timeout=30)
    assert calls[0].json["type"] == 5  # deferred before drawing
    assert calls[1].method == "POST" and calls[1].path == "/webhooks/{webhook_id}/{webhook_token}"
    png_size(picture_in_embed(calls[1], "timeline-john-kirby.png"))
    assert "every kind" in calls[1].text


def test_slash_chart_offers_the_timeline_filters_and_the_kind_choice(env: Env) -> None:
    command = env.bot.tree.get_command("chart")
    assert isinstance(command, app_commands.Command)
    assert [p.name for p in command.parameters] == ["speaker", "date_from", "date_to", "article", "kind"]
    kind = next(p for p in command.parameters if p.name == "kind")
    assert [c.value for c in kind.choices] == ["speech", "thought", "evidence", "all"]


async def test_prefix_speaker_profile_with_jump_links_and_the_weekly_picture(env: Env) -> None:
    await seed(env)
    env.send(env.world.message(env.world.bob, "!speaker Kirby"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert post.embeds[0]["title"] == "John Kirby"
    png_size(picture_in_embed(post, "speaker-john-kirby.png"))
    assert "Statements:" in post.text
    jump = f"https://discord.com/channels/{env.world.guild_id}/{env.world.channel_id}/42"
    assert f"<{jump}>" in post.text  # the article's row links to the message it came from


async def test_slash_speaker_defers_and_an_unknown_name_gets_close_matches(env: Env) -> None:
    await seed(env)
    env.interact(env.world.slash(env.world.bob, "speaker", {"name": "Kirbi"}))
    calls = await env.rec.wait_for(responses, count=2, timeout=30)
    assert calls[0].json["type"] == 5
    assert "No speaker called" in calls[1].text and "did you mean" in calls[1].text
    assert not calls[1].files


async def test_prefix_chart_with_every_filter_goes_through_the_command_layers_parser(env: Env) -> None:
    # Six words: discord.py's converters cannot read them as /timeline's options (page is a number); the
    # command layer parses the message as in the console.
    await seed(env)
    text = "!timeline Kirby from:2021-09-01 to:2021-09-30 article:A1 kind:all chart"
    env.send(env.world.message(env.world.bob, text))
    (post,) = await env.rec.wait_for(channel_posts)
    png_size(picture_in_embed(post, "timeline-john-kirby.png"))
    assert post.embeds[0]["title"] == "Timeline: John Kirby · 2021-09-01 to 2021-09-30 · article A1 · every kind"


def test_the_embed_shows_the_picture_only_when_it_is_attached() -> None:
    picture = Attachment("timeline.png", b"\x89PNG", "image/png")
    shown = render_reply(Reply(title="Timeline", attachments=(picture,), image="timeline.png")).embeds[0]
    assert shown.image.url == "attachment://timeline.png"
    # Zipped to fit an upload limit, the picture is no longer a file of that name: no broken image.
    zipped = Attachment("timeline.zip", b"PK", "application/zip")
    assert render_reply(Reply(title="Timeline", attachments=(zipped,), image="timeline.png")).embeds[0].image.url \
        is None
    assert render_reply(Reply(title="Quotes")).embeds[0].image.url is None
