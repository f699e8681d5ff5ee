"""Statement dating: when was each statement made, resolved from the article's own words.

The rules follow news writing and the TimeML/HeidelTime treatment of news (Strötgen & Gertz 2013):

- Only a temporal expression that modifies the *reporting clause* dates a statement: one attached to the
  cue verb in the dependency parse (``said on Tuesday``, ``Thursday`` as npadvmod, ``in a statement on
  Monday``), or a sentence-initial framing adverbial followed by a comma (``On August 31, ...``, ``The day
  before, ...``). A date inside the reported content (the statement's span, or anything in quotation marks)
  is the content's.
- Absolute dates ("August 31", "Aug. 31", "31 August 2021") get their year from the article date: the year
  that puts them on or before it (past tense), on or after it (future tense), else the nearest; so an article
  of 2 January that mentions "December 30" means the previous year. Months without a day ("last September",
  "in August 2021") have month precision: they are dated by the first day of the month, weeks ("last week")
  by their Monday (see :func:`date_precision`).
- Weekdays are the most recent such day on or before the article date, unless the verb is future
  ("will speak on Friday": on or after).
- Deictic words ("yesterday", "last week", "earlier this month") count from the article date; anaphoric ones
  ("the day before", "two days later") from the reference time in force: the most recent date given to a
  statement or to a main-clause event earlier in the article (``On September 2, the Front reported ...``),
  else the article date.
- A statement with no expression of its own inherits the date of the preceding statement when that one has a
  date from the text and is in the same paragraph, or in the previous paragraph with the same speaker, and its
  own cue is not in the present tense ("says"); else it gets the article date; with no article date it stays
  undated.

Impossible dates in the text ("February 30") are ignored (the statement falls back); they never raise.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from bot.errors import DateError
from bot.extraction.model import DateBasis, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

Precision = Literal["day", "week", "month"]
Tense = Literal["past", "future", "neutral"]
Anchor = Literal["article", "reference"]

DATA_FILE = "dating_words.json"
# The date line: ``date 2021-09-02`` (or ``date: ...``) at the very start of the text. The value must look
# like a date (digits with a separator, or eight digits) so that "Date palms grow..." is not taken for one.
_DATE_LINE = re.compile(r"\A\s*date:?[ \t]+(\d[\d./-]*\d)(?=\s|\Z)", re.IGNORECASE)
_DATE_LIKE = re.compile(r"\d+[./-]\d+|\d{8}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# spaCy entity labels that may overlap a temporal expression; any other entity (ORG "the Sunday Times",
# PERSON "April Ryan", EVENT "Black Friday") means the words are a name, not a date.
TEMPORAL_ENTITY_LABELS = frozenset({"DATE", "TIME"})
# Dependency labels by which a temporal expression (or its preposition) modifies a verb.
CLAUSE_MODIFIER_DEPS = frozenset({"npadvmod", "tmod", "advmod", "prep", "obl", "nmod", "dep", "advcl"})
VERB_POS = frozenset({"VERB", "AUX"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# The last word of a relative phrase that may instead take an object: "the day before (the vote)".
RELATIONAL_WORDS = frozenset({"before", "after", "prior"})
# A framing adverbial ends with a comma ("On Aug. 31, ...").
_FRAMING_COMMA = re.compile(r"\A\s*,")
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


# ---------------------------------------------------------------------------------------------- date line


def parse_iso_date(value: str, what: str = "date") -> date:
    """Parse a strict ``YYYY-MM-DD`` date or raise :class:`DateError` naming ``what``."""
    if not _ISO_DATE.fullmatch(value):
        raise DateError(f"{what} {value!r} is not in the YYYY-MM-DD format (for example 2021-09-02)")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DateError(f"{what} {value!r} is not a valid date ({exc}); use YYYY-MM-DD") from None


def find_date_line(text: str) -> tuple[date | None, tuple[int, int] | None]:
    """Return the date of a leading ``date YYYY-MM-DD`` line and its span, or (None, None).

    A leading ``date`` followed by something date-like in another format (``date 02/09/2021``) or an
    impossible date (``date 2021-13-45``) raises :class:`DateError`: the user meant a date line.
    """
    m = _DATE_LINE.match(text)
    if not m or not _DATE_LIKE.search(m.group(1)):
        return None, None
    return parse_iso_date(m.group(1), "the date line"), (m.start(), m.end())


# ---------------------------------------------------------------------------------------------- rules as data


@dataclass(frozen=True, slots=True)
class RelativeRule:
    """One relative phrase of the data file, compiled."""

    pattern: re.Pattern[str]
    anchor: Anchor
    unit: Precision
    offset: int
    counted: bool
    # Words every match contains (casefolded): a text without one of them is not scanned for this phrase.
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """The temporal vocabulary of ``data/dating_words.json`` with its regexes compiled."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    absolute: tuple[tuple[str, re.Pattern[str]], ...]
    relative: tuple[RelativeRule, ...]
    month_prepositions: frozenset[str]
    non_point_prepositions: frozenset[str]
    communication_nouns: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    framing_prefix: re.Pattern[str]


def required_words(phrase: str) -> tuple[str, ...]:
    """Return the words every match of a relative ``phrase`` of the data file contains.

    Optional and alternative parts (``(?:…)``, ``s?``) and the counted number ``{n}`` are left out.
    """
    fixed = re.sub(r"\(\?:[^()]*\)\??", " ", phrase).replace("{n}", " ")
    fixed = re.sub(r".\?", "", fixed)
    return tuple(dict.fromkeys(re.findall(r"[a-z]+", fixed.lower())))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Load and compile the temporal vocabulary (once)."""
    raw: dict[str, Any] = json.loads(
        resources.files("bot.extraction").joinpath("data", DATA_FILE).read_text(encoding="utf-8"))
    months: dict[str, int] = raw["months"]
    weekdays: dict[str, int] = raw["weekdays"]
    numbers: dict[str, int] = raw["numbers"]
    month = rf"(?P<month>{_alternation(months)})(?![\w])"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w])"
    year = r"(?P<year>(?:1[89]|20)\d\d)(?!\w)"
    weekday = rf"(?P<weekday>{_alternation(weekdays)})(?!\w)"
    wmod = rf"(?:(?P<wmod>(?i:{_alternation(m for m in raw['weekday_modifiers'] if m != 'on')}))\s+)?"
    tod = rf"(?:\s+(?i:{_alternation(raw['times_of_day'])}))?"
    mmod = rf"(?:(?P<mmod>(?i:{_alternation(raw['month_modifiers'])}))\s*)?"
    absolute = (
        ("iso", re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?![\w-])")),
        ("weekday_date", re.compile(rf"(?<!\w){weekday}{tod},?\s+{month}\s+{day}(?:,?\s+{year})?")),
        ("month_day", re.compile(rf"(?<!\w){month}\s+{day}(?:,?\s+{year})?")),
        ("day_month", re.compile(rf"(?<![\w.]){day}\s+(?:of\s+)?{month}(?:,?\s+{year})?")),
        ("month_year", re.compile(rf"(?<!\w){mmod}{month}\s+{year}")),
        ("month", re.compile(rf"(?<!\w){mmod}{month}")),
        ("weekday", re.compile(rf"(?<!\w){wmod}{weekday}{tod}")),
    )
    number = rf"(?P<n>{_alternation(numbers)}|\d{{1,3}})"
    relative = tuple(
        RelativeRule(
            pattern=re.compile(r"(?<!\w)(?i:" + item["phrase"].replace("{n}", number) + r")(?!\w)"),
            anchor=item["anchor"], unit=item["unit"], offset=int(item["offset"]),
            counted="{n}" in item["phrase"], keywords=required_words(item["phrase"]),
        )
        for item in raw["relative"]
    )
    # What may precede a framing adverbial in its sentence: "And then, on" + "Thursday,".
    framing = (rf"(?i:(?:(?:{_alternation(raw['framing_connectors'])})\W+)*"
               rf"(?:(?:{_alternation(raw['framing_prepositions'])})\s+)?)")
    return Rules(
        months=months, weekdays=weekdays, numbers=numbers, absolute=absolute, relative=relative,
        month_prepositions=frozenset(raw["month_prepositions"]),
        non_point_prepositions=frozenset(raw["non_point_prepositions"]),
        communication_nouns=frozenset(raw["communication_nouns"]),
        future_auxiliaries=frozenset(raw["future_auxiliaries"]),
        future_governors=frozenset(raw["future_governors"]),
        framing_prefix=re.compile(framing + r"\Z"),
    )


# ---------------------------------------------------------------------------------------------- expressions


@dataclass(frozen=True, slots=True)
class TemporalMatch:
    """A temporal expression found in the text by the rules: where, which rule, and its parts."""

    start: int
    end: int
    text: str
    rule: str
    parts: tuple[tuple[str, str], ...]
    relative: RelativeRule | None = None

    def part(self, name: str) -> str | None:
        """Return a named part of the match ("month", "day", "year", "weekday", "wmod", "mmod", "n")."""
        return dict(self.parts).get(name)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A calendar value: its date (the first day of the week or month when coarser) and precision."""

    value: date
    precision: Precision
    basis: DateBasis


def match_temporal(text: str) -> list[TemporalMatch]:
    """Return the temporal expressions the rules recognise in ``text``, longest first where they overlap."""
    r = rules()
    found: list[TemporalMatch] = []
    for name, pattern in r.absolute:
        for m in pattern.finditer(text):
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(TemporalMatch(m.start(), m.end(), m.group(0), name, parts))
    folded = text.casefold()
    for rule in r.relative:
        if not all(word in folded for word in rule.keywords):
            continue  # cheap: most phrases cannot occur in a given article
        for m in rule.pattern.finditer(text):
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(TemporalMatch(m.start(), m.end(), m.group(0), "relative", parts, rule))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[TemporalMatch] = []
    for t in found:
        if kept and t.start < kept[-1].end:
            continue
        kept.append(t)
    return kept


def date_precision(date_text: str | None) -> Precision | None:
    """Return the precision ("day", "week", "month") of the date an expression gives, or None."""
    if not date_text:
        return None
    found = match_temporal(date_text)
    if not found:
        return None
    t = found[0]
    if t.relative is not None:
        return t.relative.unit
    return "month" if t.rule in ("month", "month_year") else "day"


def _nth_weekday(article: date, weekday: int, direction: int, strict: bool) -> date:
    delta = (article.weekday() - weekday) % 7 if direction < 0 else (weekday - article.weekday()) % 7
    if strict and delta == 0:
        delta = 7
    return article + timedelta(days=direction * delta)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _choose_year(month: int, day: int, anchor: date, tense: Tense) -> date | None:
    candidates: list[date] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # February 29 in a common year, or an impossible date
    if tense == "past":
        candidates = [c for c in candidates if c <= anchor] or candidates
    elif tense == "future":
        candidates = [c for c in candidates if c >= anchor] or candidates
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - anchor).days), c))


def resolve(match: TemporalMatch, *, article: date | None, reference: date | None,
            tense: Tense = "neutral") -> Resolved | None:
    """Give ``match`` a calendar value, or None when it has none (impossible date, nothing to count from).

    ``reference`` is the date in force, None when there is none yet: backward phrases ("the day before") then
    count from the article date and forward ones ("the next day") have no value.
    """
    r = rules()
    year_anchor = article or reference
    if match.relative is not None:
        rule = match.relative
        if rule.anchor == "reference" and reference is None and rule.offset > 0:
            return None  # "the following morning" with no earlier date in force: following what?
        anchor = article if rule.anchor == "article" else (reference or article)
        if anchor is None:
            return None
        n_text = (match.part("n") or "1").lower()
        n = int(n_text) if n_text.isdigit() else r.numbers.get(n_text, 1)
        offset = rule.offset * (n if rule.counted else 1)
        if rule.unit == "day":
            return Resolved(anchor + timedelta(days=offset), "day", "relative")
        if rule.unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
            return Resolved(monday, "week", "relative")
        return Resolved(_add_months(anchor, offset), "month", "relative")
    month_name = match.part("month")
    month = r.months[month_name] if month_name else None
    year_text = match.part("year")
    try:
        if match.rule == "iso":
            value = date(int(year_text or 0), int(match.part("mnum") or 0), int(match.part("day") or 0))
            return Resolved(value, "day", "explicit")
        if match.rule in ("month_day", "day_month", "weekday_date") and month is not None:
            day = int(match.part("day") or 0)
            if year_text:
                return Resolved(date(int(year_text), month, day), "day", "explicit")
            if not 1 <= day <= calendar.monthrange(2000, month)[1]:
                return None  # "February 30": not a date in any year
            if year_anchor is None:
                return None
            chosen = _choose_year(month, day, year_anchor, tense)
            return Resolved(chosen, "day", "explicit") if chosen else None
    except ValueError:
        log.debug("impossible date ignored: %r", match.text)
        return None
    if match.rule in ("month", "month_year") and month is not None:
        if year_text:
            return Resolved(date(int(year_text), month, 1), "month", "explicit")
        if year_anchor is None:
            return None
        modifier = (match.part("mmod") or "").lower().strip()
        this_month = year_anchor.replace(day=1)
        if modifier == "last":
            value = date(year_anchor.year if month < year_anchor.month else year_anchor.year - 1, month, 1)
        elif modifier == "next":
            value = date(year_anchor.year if month > year_anchor.month else year_anchor.year + 1, month, 1)
        else:
            chosen = _choose_year(month, 1, this_month, tense)
            if chosen is None:
                return None
            value = chosen
        return Resolved(value, "month", "explicit")
    if match.rule == "weekday":
        if article is None:
            return None
        weekday = r.weekdays[match.part("weekday") or ""]
        modifier = (match.part("wmod") or "").lower()
        if modifier in ("last", "past"):
            return Resolved(_nth_weekday(article, weekday, -1, strict=True), "day", "explicit")
        if modifier == "next":
            return Resolved(_nth_weekday(article, weekday, 1, strict=True), "day", "explicit")
        direction = 1 if tense == "future" else -1
        return Resolved(_nth_weekday(article, weekday, direction, strict=False), "day", "explicit")
    return None


# ---------------------------------------------------------------------------------------------- the parse


@dataclass(frozen=True, slots=True)
class Expression:
    """A temporal expression located in the parsed doc: what governs it and whether it frames its sentence."""

    match: TemporalMatch
    unit: int  # where its sentence starts, clipped to its paragraph (the parser may join paragraphs)
    anchor: int | None
    framing: bool
    main_clause: bool
    tense: Tense


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    for opening, closing in _QUOTE_PAIRS:
        pos = 0
        while True:
            start = text.find(opening, pos)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            if end < 0:
                break
            regions.append((start, end + 1))
            pos = end + 1
    return regions


def _inside(start: int, end: int, regions: Iterable[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in regions)


def _tense(verb: Token | None) -> Tense:
    """Return the tense of ``verb`` for dating: future (will, going to, plans to), past, or neutral."""
    if verb is None:
        return "neutral"
    r = rules()

    def future_aux(tok: Token) -> bool:
        return any(c.dep_ in ("aux", "auxpass") and c.lower_ in r.future_auxiliaries for c in tok.children)

    if future_aux(verb):
        return "future"
    if verb.dep_ == "xcomp" and (verb.head.lemma_.lower() in r.future_governors or future_aux(verb.head)):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD"
                                          for c in verb.children):
        return "past"
    return "neutral"


def _anchor_verb(span: Span) -> Token | None:
    """Return the verb the expression modifies, through its preposition or a communication noun, if any."""
    r = rules()
    tok = span.root
    for _ in range(6):
        head = tok.head
        if head is tok:
            return None
        if tok.dep_ == "pobj":
            if head.lower_ in r.non_point_prepositions:
                return None
            tok = head
            continue
        if tok.dep_ not in CLAUSE_MODIFIER_DEPS:
            return None
        if head.pos_ in VERB_POS:
            return head
        if head.lemma_.lower() in r.communication_nouns or head.lower_ in r.communication_nouns:
            tok = head  # "said in a statement on Monday": the date of the statement is the saying's
            continue
        return None
    return None


def _main_clause(verb: Token) -> bool:
    while verb.dep_ == "conj" or (verb.dep_ == "dep" and verb.head.pos_ in VERB_POS):
        verb = verb.head
    return verb.dep_ == "ROOT"


def _dangling_preposition(match: TemporalMatch, span: Span, text: str) -> bool:
    """Return True for "the day before the vote": the phrase is relative to something named, not to a date."""
    last = span[-1]
    if match.relative is None or last.lower_ not in RELATIONAL_WORDS:
        return False
    if last.dep_ == "mark" or any(c.dep_ in ("pobj", "pcomp") and c.idx >= match.end for c in last.children):
        return True
    # "two days after the Council condemned..." even when the parse misses it; "the day before that he..." is fine.
    rest = text[match.end:].lstrip()
    return bool(rest) and rest[0].isalnum() and not re.match(r"that\b", rest)


def _looks_like_a_name(match: TemporalMatch, sentence_initial: bool) -> bool:
    """Return True for a capitalised relative phrase inside a sentence: "CBS This Morning" is a show."""
    words = match.text.split()
    return match.relative is not None and not sentence_initial and all(w[:1].isupper() for w in words)


def find_expressions(doc: Doc) -> list[Expression]:
    """Return the usable temporal expressions of ``doc`` in text order, each with its attachment."""
    text = doc.text
    r = rules()
    paragraphs = paragraph_starts(text)
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    found: list[Expression] = []
    for match in match_temporal(text):
        overlapping = [lab for a, b, lab in entities if a < match.end and match.start < b]
        if any(lab not in TEMPORAL_ENTITY_LABELS for lab in overlapping):
            continue  # part of a name: "the Sunday Times", "April Ryan"
        if match.rule == "month" and not match.part("mmod"):
            before = text[max(0, match.start - 12):match.start].lower().split()
            if not overlapping and not (before and before[-1] in r.month_prepositions):
                continue  # a bare capitalised month name that spaCy does not call a date
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if _dangling_preposition(match, span, text):
            continue
        sent = span.sent
        unit = _unit_start(sent.start_char, match.start, paragraphs)
        prefix = text[unit:match.start].strip()
        sentence_initial = bool(r.framing_prefix.match(f"{prefix} " if prefix else ""))
        if _looks_like_a_name(match, sentence_initial):
            continue
        preceding = doc[span.start - 1] if span.start > sent.start and span.start > 0 else None
        non_point = preceding is not None and preceding.lower_ in r.non_point_prepositions
        framing = not non_point and sentence_initial and bool(_FRAMING_COMMA.match(text[match.end:]))
        verb = _anchor_verb(span)
        if non_point and verb is None:
            continue
        tense_verb = verb if verb is not None else (sent.root if framing else None)
        found.append(Expression(
            match=match, unit=unit, anchor=verb.i if verb is not None else None, framing=framing,
            main_clause=framing or (verb is not None and _main_clause(verb)), tense=_tense(tense_verb),
        ))
    return found


# ---------------------------------------------------------------------------------------------- statements


def paragraph_starts(text: str) -> list[int]:
    """Return the start offsets of paragraphs: split at blank lines, or at line breaks if there are none."""
    breaks = list(_PARAGRAPH_BREAK.finditer(text)) or list(re.finditer(r"\n", text))
    return [0, *(m.end() for m in breaks)]


def _paragraph_of(offset: int, starts: Sequence[int]) -> int:
    return bisect_right(starts, offset) - 1


def _unit_start(sentence_start: int, offset: int, paragraphs: Sequence[int]) -> int:
    """Return where the sentence around ``offset`` starts, never before the paragraph's start."""
    return max(sentence_start, paragraphs[_paragraph_of(offset, paragraphs)])


def _cue_token(doc: Doc, st: Statement) -> Token | None:
    if st.cue_start is None or st.cue_end is None or st.cue_end <= st.cue_start:
        return None
    span = doc.char_span(st.cue_start, st.cue_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verbs = [t for t in span if t.pos_ in VERB_POS]
    return verbs[0] if verbs else span.root


def _own_expression(st: Statement, cue: Token | None, expressions: Sequence[Expression],
                    paragraphs: Sequence[int], quoted: Sequence[tuple[int, int]]) -> Expression | None:
    """Return the expression that modifies the statement's reporting clause, if any."""
    if cue is None:
        return None
    unit = _unit_start(cue.sent.start_char, cue.idx, paragraphs)
    own = [(st.start, st.end)]
    usable = [e for e in expressions if e.unit == unit
              and not _inside(e.match.start, e.match.end, [*own, *quoted])]
    group = {cue.i, *(c.i for c in cue.children if c.dep_ in ("aux", "auxpass"))}
    attached = [e for e in usable if e.anchor is not None and e.anchor in group]
    if attached:
        return min(attached, key=lambda e: abs(e.match.start - cue.idx))
    framing = [e for e in usable if e.framing and e.match.end <= cue.idx]
    return framing[-1] if framing else None


def _present_tense(cue: Token | None) -> bool:
    """Return True for a present or present-perfect cue ("says", "has argued"): it speaks now, not back then."""
    if cue is None:
        return False
    return cue.tag_ in PRESENT_TAGS or (
        cue.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in PRESENT_TAGS for c in cue.children))


def _same_speaker(a: Statement, b: Statement) -> bool:
    return a.speaker is not None and b.speaker is not None and a.speaker.casefold() == b.speaker.casefold()


def _inherits(st: Statement, paragraph: int, prev_paragraph: int, prev: Statement) -> bool:
    """Return True when ``st`` (no date of its own) continues the dated discourse of ``prev``.

    The previous statement must carry a date from the text (its own or inherited, not the article's) and be
    in the same paragraph, or in the previous paragraph with the same speaker: a new voice in a new paragraph
    is, in news writing, back to the present (measured on PolNeAR dev, where chains across speakers spread
    a dated aside over whole articles).
    """
    if prev.date_basis in (None, "article"):
        return False
    return paragraph == prev_paragraph or (paragraph == prev_paragraph + 1 and _same_speaker(st, prev))


def date_statements(doc: Doc, statements: list[Statement], reference: date | None) -> list[Statement]:
    """Give every statement ``date``, ``date_text`` and ``date_basis`` (the article date is ``reference``)."""
    if not statements:
        return statements
    article = reference
    text = doc.text
    expressions = find_expressions(doc)
    content = [(s.start, s.end) for s in statements]
    quoted = [*content, *_quoted_regions(text)]
    cues = [_cue_token(doc, s) for s in statements]
    paragraphs = paragraph_starts(text)
    own = [_own_expression(s, c, expressions, paragraphs, quoted) for s, c in zip(statements, cues, strict=True)]
    own_ids = {id(e) for e in own if e is not None}
    # The reference time moves with every main-clause expression outside reported content, in text order.
    timeline = [e for e in expressions
                if id(e) in own_ids or (e.main_clause and not _inside(e.match.start, e.match.end, quoted))]
    resolved: dict[int, Resolved] = {}
    in_force: date | None = None  # nothing in force yet: backward phrases count from the article date
    for e in timeline:
        value = resolve(e.match, article=article, reference=in_force, tense=e.tense)
        if value is None:
            log.debug("temporal expression without a value: %r", e.match.text)
            continue
        resolved[id(e)] = value
        if value.precision == "day":
            in_force = value.value
    dated: list[Statement] = []
    previous: tuple[int, Statement] | None = None
    for st, cue, expr in zip(statements, cues, own, strict=True):
        where = cue.idx if cue is not None else st.start
        paragraph = _paragraph_of(where, paragraphs)
        value = resolved.get(id(expr)) if expr is not None else None
        if value is not None and expr is not None:
            new = replace(st, date=value.value.isoformat(), date_text=expr.match.text, date_basis=value.basis)
        elif previous is not None and not _present_tense(cue) and _inherits(st, paragraph, *previous):
            new = replace(st, date=previous[1].date, date_text=None, date_basis="inherited")
        elif article is not None:
            new = replace(st, date=article.isoformat(), date_text=None, date_basis="article")
        else:
            new = replace(st, date=None, date_text=None, date_basis=None)
        if new.date is not None:
            previous = (paragraph, new)
        dated.append(new)
    return dated
