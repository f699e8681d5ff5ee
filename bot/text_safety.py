"""Invisible characters that must not reach stored names: bidi overrides, zero-width and other format
characters, and control characters.

A speaker name like "John\u202eyrbiK" shows reversed in every listing, and "Jo\u200bhn Kirby" looks like
"John Kirby" but is another speaker; names are cleaned where they are stored (the storage layer), so every
input path (extraction, ``!fix``, ``!alias``) gets the same rule. Article text is left as it is.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode categories removed from names: Cf (format: bidi embeddings/overrides/isolates U+202A-202E and
# U+2066-2069, marks U+200E/U+200F/U+061C, zero-width U+200B-U+200D, U+2060, U+FEFF, soft hyphen, tags) and
# Cc (controls). Cs (lone surrogates), Co/Cn (private use, unassigned) have no business in a person's name either.
NAME_STRIPPED_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn"})
# Whitespace inside a name: any run of spaces (including tabs, newlines, NBSP) becomes one space.
_SPACES = re.compile(r"\s+")


def clean_name(name: str) -> str:
    """Return a name without invisible or control characters, its spaces collapsed."""
    visible = "".join(" " if ch.isspace() else ch for ch in name
                      if ch.isspace() or unicodedata.category(ch) not in NAME_STRIPPED_CATEGORIES)
    return _SPACES.sub(" ", visible).strip()
