"""A Title Case headline read in sentence case: the parser sees its verbs, the Doc keeps its characters.

en_core_web_sm reads every capitalised word of "Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’" as a
proper noun and finds no verb. Truecasing a headline before tagging is the usual remedy (Lita et al.,
"tRuEcasIng", ACL 2003; Mayhew et al., "ner and pos when nothing is capitalized", EMNLP 2019): here the article
itself is the casing model. A headline word stays capitalised when the body writes it capitalised inside a
sentence more often than in lower case (a name: "Trump", "Wells Fargo", "Black Caucus"; a plural counts with its
singular), when it is a first name the body never writes in lower case ("Hillary"), when it has capitals past its
first letter ("CEO", "McCain"), is an initial ("U.S.") or starts the headline, a clause after a colon or a
sentence; every other capitalised word is lower-cased (also one the body never uses). The line is parsed in that
form and the parse is put back on the original characters (:func:`restore`), so tokens, offsets and statements
are those of the text. Pure: spaCy + stdlib.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extraction import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A line is in Title Case when at least this share of its longer words (after the first) is capitalised ...
TITLE_SHARE = 0.75
# ... and it has at least this many such words ("Trump Wins" is too short to tell).
TITLE_MIN_WORDS = 2
# Words of at least this many letters decide whether a line is in Title Case (short ones are function words
# that some styles leave in lower case: "of", "to", "in", "and").
TITLE_WORD_LETTERS = 4
# A run of letters: the unit that is kept or lower-cased ("Won’t" is "Won" and "t", "Rubio-Style" two words).
_WORD = re.compile(r"[^\W\d_]+")
# After these characters (spaces and opening quotation marks skipped) a word starts a clause: it keeps its capital.
_CLAUSE_START = frozenset(".!?:;\n")
# A period that ends a short capitalised abbreviation ("Sen.", "Dr.", "St.", "U.S.") ends no sentence.
_ABBREVIATION = re.compile(r"(?<![^\W\d_])(?:[A-Z][a-z]{0,2}|(?:[A-Z]\.)+[A-Z])\.\Z")
_OPENERS = " \t\u00a0\"'\u201c\u2018([\u2014\u2013-"
_QUOTE_OPENERS = "\"\u201c\u2018"
# A capitalised word followed by another starts a name even at the start of a sentence ("Bernie Sanders said").
_NAME_GOES_ON = re.compile(r"[ \u00a0][A-Z][a-z]")
# The annotations a parse carries over to the original characters.
_PARSE_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")


def headline_span(text: str) -> tuple[int, int] | None:
    """Return the offsets of the first non-blank line of ``text`` (the headline of an article), or None."""
    start = len(text) - len(text.lstrip())
    if start == len(text):
        return None
    end = text.find("\n", start)
    return start, (len(text) if end < 0 else end)


def is_title_case(line: str) -> bool:
    """Tell whether ``line`` is written in Title Case (most of its longer words capitalised)."""
    words = [m.group() for m in _WORD.finditer(line)][1:]
    long_words = [w for w in words if len(w) >= TITLE_WORD_LETTERS and not w.isupper()]
    if len(long_words) < TITLE_MIN_WORDS:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised >= TITLE_SHARE * len(long_words)


def _starts_clause(text: str, start: int, quotes: bool = True) -> bool:
    """Whether the word at ``start`` opens the text, a sentence, a clause after a colon or (with ``quotes``) a
    quotation."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        if quotes and text[i] in _QUOTE_OPENERS:
            return True
        i -= 1
    if i < 0:
        return True
    if text[i] == ".":  # "Sen. Bernie Sanders", "U.S. Rep.": a period after an abbreviation ends nothing
        return _ABBREVIATION.search(text, max(0, i - 8), i + 1) is None
    return text[i] in _CLAUSE_START


def _stem(word: str) -> str:
    """The form a word is counted under: lower case, without a plural "s" ("Russians" and "Russian" are one)."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _names(body: str, stems: set[str]) -> set[str]:
    """The ``stems`` that ``body`` writes as names: capitalised inside a sentence more often than in lower
    case, or first names it never writes in lower case ("Hillary"; not "bill" or "will")."""
    if not stems:
        return set()
    inside: dict[str, int] = dict.fromkeys(stems, 0)
    lower = dict(inside)
    pattern = re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, sorted(stems))) + r")s?(?![^\W\d_])",
                         re.IGNORECASE)
    for m in pattern.finditer(body):
        word = m.group()
        stem = _stem(word) if _stem(word) in inside else word.lower()
        if stem not in inside:
            continue
        if word[0].islower():
            lower[stem] += 1
        elif not _starts_clause(body, m.start()) or _NAME_GOES_ON.match(body, m.end()):
            inside[stem] += 1
    people = lexicon.people()
    first_names = people.male_names | people.female_names
    return {w for w in stems if inside[w] > lower[w] or (lower[w] == 0 and w in first_names)}


def _fixed(line: str, m: re.Match[str]) -> bool:
    """Whether a word keeps its form whatever the body says: lower case already, "I", capitals past the first
    letter ("CEO", "McCain"), an initial ("U.S."), or the first word of a clause."""
    word = m.group()
    if not word[0].isupper() or word == "I" or any(ch.isupper() for ch in word[1:]):
        return True
    if len(word) == 1 and "." in line[max(0, m.start() - 1):m.end() + 1]:
        return True
    # A headline quotes phrases inside its sentence ("Speaks ‘Directly To White People’"): no clause starts there.
    return _starts_clause(line, m.start(), quotes=False)


def sentence_case(text: str, start: int, end: int) -> str:
    """Return ``text[start:end]`` with the capitalised words that are not names (see module doc) lower-cased.

    The result has the length of the line and differs from it in the case of some first letters only.
    """
    line = text[start:end]
    words = [(m, _fixed(line, m)) for m in _WORD.finditer(line)]
    names = _names(text[:start] + " " + text[end:], {_stem(m.group()) for m, fixed in words if not fixed})
    chars = list(line)
    for m, fixed in words:
        first = chars[m.start()].lower()
        if not fixed and _stem(m.group()) not in names and len(first) == 1:
            chars[m.start()] = first
    return "".join(chars)


def reading(text: str) -> tuple[int, int, str] | None:
    """Return ``(start, end, form)``: the headline of ``text`` as the parser should read it, or None if as is."""
    span = headline_span(text)
    if span is None or not is_title_case(text[span[0]:span[1]]):
        return None
    form = sentence_case(text, *span)
    return None if form == text[span[0]:span[1]] else (span[0], span[1], form)


def restore(doc: Doc, text: str) -> Doc:
    """Return ``doc`` (the parse of a recased ``text``) as a Doc of ``text``'s characters with the same parse."""
    from spacy.tokens import Doc

    words = [text[t.idx:t.idx + len(t)] for t in doc]
    out = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    # to_array gives uint64 rows; its stub says float ndarray, from_array's says Ints2d.
    out.from_array(list(_PARSE_ATTRS), doc.to_array(list(_PARSE_ATTRS)))  # type: ignore[arg-type]
    return out
