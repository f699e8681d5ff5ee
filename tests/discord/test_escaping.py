"""User text shown literally in Discord: a table of hostile strings, and a checker of what stays active."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings, strategies as st

from bot.discord.embeds import clip
from bot.discord.escaping import escape_text, link_target

PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
INLINE = set("*_~|`\\")
ZWSP = "\u200b"


def literal_and_raw(escaped: str) -> list[tuple[str, bool]]:
    """Read escaped text as Discord does: each character and whether it is raw (not backslash-escaped)."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(escaped):
        c = escaped[i]
        if c == "\\" and i + 1 < len(escaped) and escaped[i + 1] in PUNCTUATION:
            out.append((escaped[i + 1], False))
            i += 2
            continue
        out.append((c, True))
        i += 1
    return out


def shown(escaped: str) -> str:
    """Return what a reader sees (escapes removed, the zero-width space after an @ dropped)."""
    return "".join(c for c, _ in literal_and_raw(escaped)).replace("@" + ZWSP, "@")


def active_markdown(escaped: str) -> list[str]:
    """Return the markdown constructs still active in escaped text (empty: Discord shows it literally)."""
    chars = literal_and_raw(escaped)
    letters = "".join(c for c, _ in chars)
    found = [f"raw {c!r}" for c, raw in chars if raw and c in INLINE]
    for i, ((a, raw_a), (b, raw_b)) in enumerate(itertools.pairwise(chars)):
        if raw_a and raw_b and a == "]" and b == "(":
            found.append("masked link ](")
        if raw_a and a == "<" and (b in "@#/:" or letters[i + 1:i + 3] in ("a:", "t:")):
            found.append(f"entity <{b}")
    for m in re.finditer(r"@(everyone|here|[!&]?\d{17,20})", letters):
        found.append(f"mention {m.group(0)}")
    offset = 0
    for line in letters.split("\n"):
        cells = chars[offset:offset + len(line)]
        offset += len(line) + 1
        body = [(c, raw) for c, raw in cells]
        while body and body[0][0] == " ":
            body.pop(0)
        run = 0
        while run < len(body) and body[run][0] in ">#-":
            run += 1
        # "> ", ">>> ", "# ", "-# ", "- " open a quote, header, subtext or list item (a space must follow).
        if run and body[0][1] and run < len(body) and body[run][0] in " \t":
            found.append(f"line start {body[0][0]!r}")
        digits = 0
        while digits < len(body) and body[digits][0].isdigit():
            digits += 1
        if digits and digits + 1 < len(body) and body[digits] == (".", True) and body[digits + 1][0] in " \t":
            found.append("ordered list")
    return found


HOSTILE = [
    # (what, text) — one row per construct that renders in an embed today
    ("bold", "**the boss**"),
    ("italic", "*a* and _b_"),
    ("underline", "__under__"),
    ("strike", "~~gone~~"),
    ("spoiler", "||secret||"),
    ("inline code", "`code`"),
    ("code block", "```py\nprint(1)\n```"),
    ("block quote", "> quoted"),
    ("multi-line block quote", ">>> everything after"),
    ("quote after a newline", "first\n> second"),
    ("header", "# BIG"),
    ("subtext", "-# small print"),
    ("bullet", "- item"),
    ("ordered list", "1. item"),
    ("masked link", "[verify here](https://discord-login.example/verify)"),
    ("masked link with an angle target", "[verify](<https://evil.example>)"),
    ("masked link across lines", "[verify\nhere](https://evil.example)"),
    ("user mention", "<@123456789012345678>"),
    ("nickname mention", "<@!123456789012345678>"),
    ("role mention", "<@&123456789012345678>"),
    ("channel mention", "<#123456789012345678>"),
    ("slash-command mention", "</extract:123456789012345678>"),
    ("custom emoji", "<:pepe:123456789012345678>"),
    ("animated emoji", "<a:pepe:123456789012345678>"),
    ("timestamp", "<t:1700000000:R>"),
    ("everyone", "@everyone look"),
    ("here", "@here look"),
    ("backslash before markdown", "\\**still bold?**"),
    ("escaped backslash run", "\\\\\\*x*"),
]


@pytest.mark.parametrize(("what", "text"), HOSTILE, ids=[w for w, _ in HOSTILE])
def test_hostile_text_is_shown_literally(what: str, text: str) -> None:
    escaped = escape_text(text)
    assert active_markdown(escaped) == [], (what, escaped)
    assert shown(escaped) == text  # nothing is lost: the reader sees exactly what was written


def test_the_checker_sees_raw_markdown() -> None:
    """The checker itself catches each construct when it is not escaped (else the table proves nothing)."""
    for what, text in HOSTILE:
        if what in ("backslash before markdown", "escaped backslash run"):
            continue
        assert active_markdown(text), what


def test_plain_words_and_links_are_left_readable() -> None:
    assert escape_text("We are not going to leave anyone behind.") == "We are not going to leave anyone behind."
    assert escape_text("see https://example.com/a_b_c") == "see https://example.com/a_b_c"  # the URL still works
    assert escape_text("!article <article id>") == "!article <article id>"


_alphabet = st.sampled_from(list("*_~|`\\[]()<>@#-.:!1 a\n&"))


@settings(max_examples=300, deadline=None)
@given(st.text(_alphabet, max_size=60))
def test_any_text_is_escaped_losslessly_and_completely(text: str) -> None:
    escaped = escape_text(text)
    assert shown(escaped) == text
    assert active_markdown(escaped) == []


@settings(max_examples=100, deadline=None)
@given(st.text(_alphabet, max_size=300), st.integers(5, 200))
def test_clipping_escaped_text_leaves_no_lone_backslash(text: str, limit: int) -> None:
    clipped = clip(escape_text(text), limit)
    assert len(clipped) <= limit
    assert active_markdown(clipped.removesuffix("…")) == []


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/a", "https://example.com/a"),
    ("https://example.com/a)[click](https://evil.example", "https://example.com/a%29%5Bclick%5D%28https://evil.example"),
    ("https://example.com/a> <b", "https://example.com/a%3E%20%3Cb"),
    ("https://bücher.example/ä", "https://bücher.example/ä"),
    ("javascript:alert(1)", None),
    ("discord.gg/x", None),
])
def test_link_targets_cannot_break_out_of_a_link(url: str, expected: str | None) -> None:
    assert link_target(url) == expected
