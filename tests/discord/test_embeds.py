"""Reply -> embeds: every reply fits Discord's limits, ids and links are shown, long lists cut honestly."""

from __future__ import annotations

import discord
from hypothesis import given, settings, strategies as st

from bot.commands.replies import Attachment, Link, Reply, Row
from bot.discord.embeds import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBEDS_PER_MESSAGE,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    MESSAGE_TOTAL_LIMIT,
    TITLE_LIMIT,
    clip,
    message_length,
    plain_text,
    render_reply,
    reply_files,
)


def assert_within_limits(embeds: tuple[discord.Embed, ...]) -> None:
    assert 1 <= len(embeds) <= EMBEDS_PER_MESSAGE
    assert message_length(embeds) <= MESSAGE_TOTAL_LIMIT
    for embed in embeds:
        assert len(embed.title or "") <= TITLE_LIMIT
        assert len(embed.description or "") <= DESCRIPTION_LIMIT
        assert len(embed.fields) <= FIELD_COUNT_LIMIT
        for field in embed.fields:
            assert 0 < len(field.name or "") <= FIELD_NAME_LIMIT
            assert 0 < len(field.value or "") <= FIELD_VALUE_LIMIT
        assert len(embed.footer.text or "") <= FOOTER_LIMIT
        embed.to_dict()  # serialisable


def test_statement_rows_show_ids_links_and_page() -> None:
    reply = Reply(
        title="Quotes by John Kirby",
        rows=(Row(title="John Kirby, 2021-08-24", body="“We are not going to leave anyone behind.”",
                  ref="s12", url="https://example.com/a"),),
        page=2, pages=3, page_command="!quotes Kirby {page}",
        links=(Link("Article", "https://example.com/a"),
               Link("Jump to message", "https://discord.com/channels/1/2/3")),
        footer="1 statement",
    )
    rendered = render_reply(reply)
    (embed,) = rendered.embeds
    assert embed.title == "Quotes by John Kirby"
    assert embed.fields[0].name == "[s12] John Kirby, 2021-08-24"
    assert "leave anyone behind" in (embed.fields[0].value or "")
    assert "<https://example.com/a>" in (embed.fields[0].value or "")
    assert "[Jump to message](https://discord.com/channels/1/2/3)" in (embed.description or "")
    assert embed.footer.text == "1 statement · page 2/3"
    assert rendered.omitted_rows == 0


def test_kind_sets_the_colour() -> None:
    assert render_reply(Reply(title="x", kind="error")).embeds[0].colour == discord.Colour(0xDC2626)
    assert render_reply(Reply(title="x", kind="success")).embeds[0].colour == discord.Colour(0x16A34A)


def test_many_rows_spill_into_more_embeds_and_then_are_counted_as_omitted() -> None:
    rows = tuple(Row(title=f"Speaker {i}", body="b" * 40, ref=f"s{i}") for i in range(60))
    rendered = render_reply(Reply(title="Lots", rows=rows))
    assert_within_limits(rendered.embeds)
    assert len(rendered.embeds) >= 2
    assert len(rendered.embeds[0].fields) == FIELD_COUNT_LIMIT
    shown = sum(len(e.fields) for e in rendered.embeds)
    assert shown + rendered.omitted_rows == 60


def test_long_rows_hit_the_6000_total_and_say_so() -> None:
    rows = tuple(Row(title="T" * 300, body="x" * 2000, ref=f"s{i}") for i in range(20))
    rendered = render_reply(Reply(title="Long", description="d" * 5000, rows=rows))
    assert_within_limits(rendered.embeds)
    assert rendered.omitted_rows > 0
    assert f"{rendered.omitted_rows} more not shown" in (rendered.embeds[-1].footer.text or "")
    assert (rendered.embeds[0].description or "").endswith("…")


def test_links_survive_a_long_description() -> None:
    reply = Reply(title="t", description="w" * 9000, links=(Link("Article", "https://example.com/x"),))
    (embed,) = render_reply(reply).embeds
    assert (embed.description or "").endswith("[Article](https://example.com/x)")
    assert len(embed.description or "") <= DESCRIPTION_LIMIT


def test_attachments_become_fresh_files() -> None:
    reply = Reply(title="Export", attachments=(Attachment("quotes.csv", b"id,quote\n1,hi\n", "text/csv"),))
    first, second = reply_files(reply)[0], reply_files(reply)[0]
    assert first.filename == "quotes.csv"
    assert first.fp.read() == b"id,quote\n1,hi\n"
    assert second.fp.read() == b"id,quote\n1,hi\n"  # a second render is not a spent stream


def test_clip() -> None:
    assert clip("abc", 3) == "abc"
    assert clip("abcdef", 4) == "abc…"
    assert len(clip("a" * 100, 10)) == 10


_text = st.text(min_size=0, max_size=3000)
_rows = st.lists(st.builds(Row, title=st.text(max_size=400), body=st.text(max_size=1500),
                           ref=st.none() | st.text(min_size=1, max_size=8),
                           url=st.none() | st.just("https://example.com/a")), max_size=70)


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=400), description=st.text(max_size=6000), rows=_rows,
       footer=st.text(max_size=2500), pages=st.integers(1, 50))
def test_any_reply_fits_discords_limits(title: str, description: str, rows: list[Row], footer: str,
                                        pages: int) -> None:
    reply = Reply(title=title or "t", description=description, rows=tuple(rows), footer=footer, page=1,
                  pages=pages, links=(Link("Article", "https://example.com/a"),))
    rendered = render_reply(reply)
    assert_within_limits(rendered.embeds)
    assert sum(len(e.fields) for e in rendered.embeds) + rendered.omitted_rows == len(rows)


PHISH = "[verify here](https://discord-login.example/verify)"


def test_user_text_is_escaped_everywhere_before_clipping() -> None:
    """Quotes, speaker names, titles and echoed input render literally; the bot's own links still work."""
    reply = Reply(
        title="Quotes by **The Boss** " + PHISH,
        description="Speaker is now ||spoiler|| <@123456789012345678> @everyone\n> quoted",
        rows=(Row(title="`Kirby` · 2021-08-24", body="“" + PHISH + "”", ref="S1",
                  url="https://example.com/a)[x](https://evil.example"),),
        links=(Link("Article [x](https://evil.example)", "https://example.com/story"),),
    )
    (embed,) = render_reply(reply).embeds
    assert embed.title == "Quotes by \\*\\*The Boss\\*\\* \\[verify here]\\(https://discord-login.example/verify)"
    description = embed.description or ""
    assert description.startswith("Speaker is now \\|\\|spoiler\\|\\| \\<@\u200b123456789012345678> "
                                  "@\u200beveryone\n\\> quoted")
    assert description.endswith("[Article \\[x]\\(https://evil.example)](https://example.com/story)")
    field = embed.fields[0]
    assert field.name == "[S1] \\`Kirby\\` · 2021-08-24"
    assert (field.value or "").startswith("“\\[verify here]\\(https://discord-login.example/verify)”")
    assert (field.value or "").endswith("<https://example.com/a%29%5Bx%5D%28https://evil.example>")


def test_escaping_comes_before_clipping() -> None:
    """Escapes count towards the limits, and a cut never leaves half an escape."""
    reply = Reply(title="*" * 300, rows=(Row(title="_" * 300, body="|" * 2000),))
    (embed,) = render_reply(reply).embeds
    assert_within_limits((embed,))
    title, name, value = embed.title or "", embed.fields[0].name or "", embed.fields[0].value or ""
    for text, char in ((title, "*"), (name, "_"), (value, "|")):
        assert text.endswith(f"\\{char}…"), text[-6:]
        assert text.removesuffix("…").count("\\") == text.count(char)


def test_links_that_are_not_web_addresses_are_left_out() -> None:
    reply = Reply(title="t", links=(Link("Article", "javascript:alert(1)"), Link("Message", "https://x.example/m")))
    (embed,) = render_reply(reply).embeds
    assert embed.description == "[Message](https://x.example/m)"


def test_plain_text_fallback_fits_one_message_and_escapes_the_footer() -> None:
    rows = tuple(Row(title="T" * 300, body="x" * 2000, ref=f"s{i}") for i in range(20))
    text = plain_text(render_reply(Reply(title="Quotes", description="d" * 5000, rows=rows, footer="**bold**")))
    assert 0 < len(text) <= CONTENT_LIMIT and text.startswith("**Quotes**")
    small = plain_text(render_reply(Reply(title="Saved", description="1 quote", footer="by **x**", rows=(
        Row(title="Kirby", body="“Out,” he said.", ref="S1"),))))
    assert "**[S1] Kirby**\n“Out,” he said." in small and "\\*\\*x\\*\\*" in small
