"""Exports fit the destination's upload limit: sent as they are, zipped, or refused with the sizes."""

from __future__ import annotations

import io
import os
import zipfile

from discord_env import Env
from test_bot_commands import many_quotes, responses

from bot.commands.replies import Attachment
from bot.discord.files import UPLOAD_OVERHEAD, fit_files
from bot.service import Actor

CSV = b"id,speaker,quote\n" + b"".join(b"S%d,Ann Lee,The plan will work very well.\n" % i for i in range(400))


def test_files_that_fit_are_sent_as_they_are() -> None:
    files = (Attachment("quotes.csv", CSV, "text/csv"),)
    assert fit_files(files, UPLOAD_OVERHEAD + len(CSV)).attachments is files


def test_files_over_the_limit_are_zipped_when_that_fits() -> None:
    fitted = fit_files((Attachment("quotes.csv", CSV, "text/csv"),), UPLOAD_OVERHEAD + len(CSV) // 4)
    (zipped,) = fitted.attachments
    assert zipped.filename == "quotes.zip" and not fitted.too_large
    assert zipfile.ZipFile(io.BytesIO(zipped.data)).read("quotes.csv") == CSV


def test_files_too_large_even_zipped_are_refused_with_the_sizes() -> None:
    noise = os.urandom(200_000)
    fitted = fit_files((Attachment("quotes.csv", noise, "text/csv"),), UPLOAD_OVERHEAD + 100_000)
    assert fitted.attachments == () and "0.2 MB" in fitted.too_large and "at most 0.2 MB" in fitted.too_large


async def test_slash_export_defers_and_zips_to_the_channels_limit(env: Env) -> None:
    await env.service.add_text(Actor(guild_id=env.world.guild_id, user_id=env.world.alice), many_quotes())
    payload = env.world.slash(env.world.bob, "export", {"format": "csv"})
    payload["attachment_size_limit"] = UPLOAD_OVERHEAD + 1200  # the CSV of 12 quotes is 2.6 kB, zipped 0.6
    env.interact(payload)
    calls = await env.rec.wait_for(responses, count=2)
    assert calls[0].json["type"] == 5  # deferred: building a large export takes longer than 3 s
    assert calls[1].files == ["quotes.zip"] and "Zipped to fit" in calls[1].text
    csv = zipfile.ZipFile(io.BytesIO(calls[1].file_data["quotes.zip"])).read("quotes.csv").decode()
    assert csv.count("\n") == 13 and "Liv Grant" in csv


async def test_an_export_too_large_for_the_channel_says_so(env: Env) -> None:
    await env.service.add_text(Actor(guild_id=env.world.guild_id, user_id=env.world.alice), many_quotes())
    payload = env.world.slash(env.world.bob, "export", {"format": "json"})
    payload["attachment_size_limit"] = UPLOAD_OVERHEAD + 50
    env.interact(payload)
    calls = await env.rec.wait_for(responses, count=2)
    assert not calls[1].files and "Export too large" in calls[1].text and "at most" in calls[1].text
    assert calls[1].seen_ephemeral  # found after the public defer, still told privately


async def test_an_export_of_nobody_is_refused_privately(env: Env) -> None:
    await env.service.add_text(Actor(guild_id=env.world.guild_id, user_id=env.world.alice), many_quotes())
    env.interact(env.world.slash(env.world.bob, "export", {"format": "csv", "speaker": "Nobody Atall"}))
    calls = await env.rec.wait_for(responses, count=2)
    assert calls[0].json["type"] == 5 and "Not found" in calls[1].text and calls[1].seen_ephemeral

