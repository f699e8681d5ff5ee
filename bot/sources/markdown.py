"""Markdown to plain prose: the markup a reporter's notes carry is removed, the words and paragraphs stay."""

from __future__ import annotations

import re

from bot.extraction.text import PARAGRAPH_SEPARATOR

# (pattern, replacement) applied in order; each keeps the visible words of the construct.
MARKDOWN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*?^```[ \t]*$", re.MULTILINE | re.DOTALL), ""),  # fenced code blocks
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> their text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE), r"\1"),  # ATX headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # block quote markers
    (re.compile(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),  # horizontal rules
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)"), r"\1"),  # italics with *
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # italics with _
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
)
_BLANK_RUNS = re.compile(r"\n{3,}")


def markdown_to_text(markdown: str) -> str:
    """Return the prose of a Markdown document, markup removed, paragraphs kept."""
    text = markdown
    for pattern, replacement in MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return _BLANK_RUNS.sub(PARAGRAPH_SEPARATOR, text).strip()
