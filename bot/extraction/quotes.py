"""Quotation-mark regions: which character spans of a text are inside quotation marks.

Handles curly and straight double quotes, « » and » «, „ “ (German), `` '' (PTB), single quotes (with apostrophe
heuristics), and news-style multi-paragraph quotes: a paragraph that opens a quote and does not close it continues
in the next paragraph when that one starts with an opening mark (AP style); otherwise the quote is closed at the
paragraph end and marked ``closed=False`` so only its own paragraph is affected. Feeds mistype marks: an opening
mark glued to the word before it closes, a closing mark glued to the word after it opens, and a quotation inside a
quotation written with the same marks ("... what he calls “hell” than ...") stays part of the outer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extraction.text import quote_lines

# Opening mark -> the closing marks that end it.
_DOUBLE_PAIRS: dict[str, str] = {
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201c\u201d",  # „ “ (German) and „ ” (Polish)
    "\u00ab": "\u00bb",  # « »
    "\u00bb": "\u00ab",  # » « (Danish, German alternative)
    "\u300c": "\u300d",  # 「 」
}
_STRAIGHT = '"'
# What may follow a closing mark (used to tell a misprinted “ that closes a quotation).
_AFTER_CLOSER = ",.;:!?)"
_SINGLE_OPEN = "\u2018'\u201a\u2039"
_SINGLE_CLOSE = "\u2019'\u2018\u203a"
_SINGLE_OPEN_PREV = set("([{\u2014\u2013-:/\u201c\"")
# The characters the double-mark scan acts on (every other one it steps over), and the single-mark openers.
_DOUBLE_SCAN = re.compile("[`'\"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d]")
_SINGLE_SCAN = re.compile("[\u2018'\u201a\u2039]")
ALL_QUOTE_CHARS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a\u300c\u300d`"


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """A quoted span: ``start:end`` includes the marks, ``inner_start:inner_end`` excludes them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    double: bool = True


def _misprinted_closer(text: str, i: int, pe: int) -> bool:
    """An opening mark typed for a closing one ("... is 51 percent.“"): glued to the word before it and followed
    by a space, punctuation or the paragraph end, so it cannot open anything."""
    return text[i] == "\u201c" and i > 0 and not text[i - 1].isspace() and text[i - 1] not in "([\u201c" and (
        i + 1 >= pe or text[i + 1].isspace() or text[i + 1] in _AFTER_CLOSER)


def _misprinted_opener(text: str, i: int, ps: int, pe: int) -> bool:
    """A closing mark typed for an opening one ("\u201dMr. Trump embodies ...\u201d \u2015 Sonya Herridge"): at the
    start of its line or after a space, and glued to the word after it, so it cannot close anything."""
    return text[i] == "\u201d" and (i == ps or text[i - 1].isspace()) and i + 1 < pe and text[i + 1].isalnum()


def _nested_close(text: str, i: int, pe: int, closers: str) -> int | None:
    """'\u201cI\u2019d rather live in what he calls \u201chell\u201d than live in ...\u201d': an opener inside an
    open quotation, of the same kind, with two closers after it before any other opener, is a quotation inside the
    quotation; return the offset of its closer (None when the open one was never closed)."""
    if text[i] != "\u201c" or closers != "\u201d":
        return None
    first = None
    for j in range(i + 1, pe):
        if text[j] == "\u201c" and not _misprinted_closer(text, j, pe):
            return None
        if text[j] in closers or _misprinted_closer(text, j, pe):
            if first is not None:
                return first
            first = j
    return None


def _double_regions(text: str, ps: int, pe: int) -> tuple[list[tuple[int, int, bool]], int | None]:
    """Return the closed double-quote regions of one paragraph and the start of an unclosed one (or None)."""
    regions: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    closers = ""
    i = ps
    while i < pe:
        mark = _DOUBLE_SCAN.search(text, i, pe)
        if mark is None:
            break
        i = mark.start()
        c = text[i]
        two = text[i:i + 2]
        if two == "``":
            open_at, closers = i, "''"
            i += 2
            continue
        if two == "''" and (open_at is None or closers == "''"):
            # '' closes a ``...'' pair, and some feeds (NYT) write '' for both marks.
            if open_at is None:
                open_at, closers = i, "''"
            else:
                regions.append((open_at, i + 2, True))
                open_at = None
            i += 2
            continue
        if open_at is not None and ((c in closers and closers != "''") or _misprinted_closer(text, i, pe)):
            regions.append((open_at, i + 1, True))
            open_at = None
        elif c in _DOUBLE_PAIRS and (open_at is None or c not in closers):
            nested = _nested_close(text, i, pe, closers) if open_at is not None else None
            if nested is not None:
                i = nested  # (a quotation inside the open one, with the same marks: part of it)
            elif open_at is None or c != "\u00bb":
                # A new opener while one is open: the earlier one was never closed; restart here.
                open_at, closers = i, _DOUBLE_PAIRS[c]
        elif c == _STRAIGHT or (c == "\u201d" and open_at is None):
            open_at, closers = _unpaired_mark(text, ps, i, pe, regions, open_at, closers)
        i += 1
    return regions, open_at


def _unpaired_mark(text: str, ps: int, i: int, pe: int, regions: list[tuple[int, int, bool]], open_at: int | None,
                   closers: str) -> tuple[int | None, str]:
    """Read a straight mark, or a closing mark with nothing open, at ``i``; return what is open after it.

    Either may close a quotation a single mark opened; a straight mark otherwise opens, or closes whatever is open
    (feeds mix “...," freely); a stray closing mark may be a misprinted opener, and is otherwise ignored."""
    opener = _mismatched_opener(text, ps, i, pe, regions) if open_at is None else None
    if opener is not None:
        regions.append((opener, i + 1, True))
        return None, closers
    if text[i] == _STRAIGHT:
        if open_at is None:
            return i, _STRAIGHT
        regions.append((open_at, i + 1, True))
        return None, closers
    return (i, "\u201d") if _misprinted_opener(text, i, ps, pe) else (open_at, closers)


def _mismatched_opener(text: str, ps: int, i: int, pe: int, regions: list[tuple[int, int, bool]]) -> int | None:
    """'AMANDA, you stabbed me," a stunned Anna Ramirez told ...': a double closing mark (glued to the word before
    it, then a space or the paragraph's end) with nothing open closes a quotation opened by a single mark at the
    start of a word earlier in the paragraph (the feed mistyped one of the pair); return that mark's offset."""
    if i == ps or text[i - 1].isspace() or not (i + 1 >= pe or text[i + 1].isspace()):
        return None
    floor = regions[-1][1] if regions else ps
    for j in range(i - 1, floor - 1, -1):
        if text[j] in _SINGLE_OPEN and (j == ps or text[j - 1].isspace()) and j + 1 < i and text[j + 1].isalnum():
            return j
    return None


def _single_regions(text: str, ps: int, pe: int, inside: bytearray) -> list[tuple[int, int, bool]]:
    regions: list[tuple[int, int, bool]] = []
    i = ps
    while i < pe:
        mark = _SINGLE_SCAN.search(text, i, pe)
        if mark is None:
            break
        i = mark.start()
        c = text[i]
        if c in _SINGLE_OPEN and not inside[i - ps]:
            prev_ok = i == ps or text[i - 1].isspace() or text[i - 1] in _SINGLE_OPEN_PREV
            next_ok = i + 1 < pe and (text[i + 1].isalnum() or text[i + 1] in "\u2026.")
            if prev_ok and next_ok:
                j = i + 1
                close = None
                while j < pe and not inside[j - ps]:
                    if (text[j] in _SINGLE_CLOSE and not text[j - 1].isspace()
                            and (j + 1 == pe or not text[j + 1].isalnum())):
                        close = j
                        break
                    j += 1
                if close is not None:
                    regions.append((i, close + 1, True))
                    i = close + 1
                    continue
        i += 1
    return regions


def quoted_regions(text: str) -> list[QuoteRegion]:
    """Return the quoted regions of ``text`` in order (see the module docstring for the conventions)."""
    out: list[QuoteRegion] = []
    for ps, pe in quote_lines(text):  # a quotation is paired within one line (see bot.extraction.text)
        dbl, open_at = _double_regions(text, ps, pe)
        if open_at is not None:
            dbl.append((open_at, pe, False))
        inside = bytearray(pe - ps)
        for a, b, _ in dbl:
            inside[a - ps:b - ps] = b"\x01" * (b - a)
        regions = [(a, b, closed, True) for a, b, closed in dbl]
        regions += [(a, b, closed, False) for a, b, closed in _single_regions(text, ps, pe, inside)]
        for a, b, closed, double in sorted(regions):
            inner_a = a + (2 if text.startswith("``", a) or text.startswith("''", a) else 1)
            inner_b = b - (1 if closed else 0)
            if closed and text.startswith("''", b - 2) and inner_a == a + 2:
                inner_b = b - 2
            while inner_a < inner_b and text[inner_a].isspace():
                inner_a += 1
            while inner_b > inner_a and text[inner_b - 1].isspace():
                inner_b -= 1
            if inner_b > inner_a:
                out.append(QuoteRegion(a, b, inner_a, inner_b, closed, double))
    return out


def continues_next_paragraph(text: str, region: QuoteRegion) -> bool:
    """Tell whether an unclosed region is continued by the next paragraph opening a quote (AP style)."""
    if region.closed:
        return False
    rest = text[region.end:]
    stripped = rest.lstrip()
    return bool(stripped) and "\n" in rest[: len(rest) - len(stripped) + 1] and (
        stripped[0] in "\u201c\"\u00ab\u201e" or stripped.startswith("''") or stripped.startswith("``"))


def quote_mask(text: str, regions: list[QuoteRegion]) -> bytearray:
    """Return a byte per character: 1 inside a quoted region (marks included)."""
    mask = bytearray(len(text))
    for r in regions:
        mask[r.start:r.end] = b"\x01" * (r.end - r.start)
    return mask


def classify(text: str, start: int, end: int, mask: bytearray) -> str:
    """Return direct / mixed / indirect: how many of the span's alphanumerics are inside quotation marks."""
    total = inside = 0
    for i in range(start, end):
        if text[i].isalnum():
            total += 1
            inside += mask[i]
    if total == 0 or inside == 0:
        return "indirect"
    return "direct" if inside == total else "mixed"
