"""Speaker labels of transcripts and headlines: ``PENCE: Well, look...`` / ``Pat Caddell: Voters worried...``.

The label is the source, the colon the cue and the rest of the line (or of the multi-paragraph quotation that
starts on it) the content; section markers ("UPDATE:", "Photo:") are no labels. In a question-and-answer
interview ("Q: ..." / "A: ..." lines) each answer is a statement of the person the article introduces before the
first question; the questions are not statements. A short labelled line of the body with no labelled line beside it
is a section heading of a run-down ("Rubio: Finish second."), not words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import Candidate, make, word_count
from bot.extraction.attribution.patterns import ANSWER_LINE, LABEL, NOT_LABELS, QUESTION_LINE
from bot.extraction.lexicon import SOURCE_ENTS
from bot.extraction.text import line_bounds

if TYPE_CHECKING:
    from spacy.tokens import Span

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

# A byline: its person wrote the interview and is no interviewee.
_BYLINE = re.compile(r"\s*(?:by|interview by|interviewed by)\s", re.IGNORECASE)
# A label in capitals of at least this many characters is a shouted transcript speaker ("PENCE:", not "A:").
_SHOUT_MIN_CHARS = 3
# A line of names after a label is a roster ("Iowa: Tim Albrecht, Brad Anderson, Rob Barron, ..."), not words: at
# least this many commas between nothing but names. On all 840 PolNeAR train articles: 3 removed, none matching.
_ROSTER_MIN_COMMAS = 2
# A labelled line of the body this short with no labelled line beside it is a section heading of a run-down ("Rubio:
# Finish second." / "Carson: A miracle.", each over a paragraph about the candidate), not a transcript's answer. On
# all 840 PolNeAR train articles: 7 removed, none matching (dev: none).
_HEADING_MAX_WORDS = 4


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """The non-blank lines of a text as (start, end, is the first one)."""
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for line in text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        if line.strip():
            out.append((ls, le, not out))
    return out


def _speaker(ctx: Context, cfg: AttributionConfig, m: re.Match[str], ls: int, headline: bool) -> Span | None:
    """The label's tokens when it names a speaker: shouted, a name, or a short label on the headline line."""
    label = m.group("label")
    words = label.split()
    if any(w.lower().strip(".") in NOT_LABELS for w in words) or any(ch.isdigit() for ch in label):
        return None
    span = ctx.doc.char_span(ls + m.start("label"), ls + m.end("label"), alignment_mode="expand")
    if span is None:
        return None
    shouting = label.isupper() and len(label) >= _SHOUT_MIN_CHARS
    named = any(e.label_ in SOURCE_ENTS for e in span.ents) or all(t.pos_ == "PROPN" for t in span)
    # A headline read in sentence case keeps a title before the name in lower case ("OK gov Fallin:").
    named = named or (headline and span[-1].pos_ == "PROPN")
    if shouting or (named and (headline or len(words) <= cfg.label_max_words)) or (
            headline and len(words) <= cfg.headline_label_max_words):
        return span
    return None


def is_roster(ctx: Context, start: int, end: int) -> bool:
    """Say whether the text after a label is a list of names and nothing else."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    commas = sum(1 for t in span if t.text == ",")
    return commas >= _ROSTER_MIN_COMMAS and all(t.pos_ == "PROPN" or t.is_punct or t.lower_ == "and" for t in span)


def is_section_heading(ctx: Context, lines: list[tuple[int, int, bool]], idx: int, start: int) -> bool:
    """Say whether the labelled line ``lines[idx]`` (its text from ``start``) heads a section of the body."""
    ls, le, headline = lines[idx]
    if headline or word_count(ctx.text[start:le]) > _HEADING_MAX_WORDS or any(ctx.mask[start:le]):
        return False  # (quoted words after a label are the speaker's, however few)
    return not any(LABEL.match(ctx.text[ns:ne]) for ns, ne, _ in lines[max(0, idx - 1):idx + 2] if ns != ls)


def _interviewee(ctx: Context, before: int) -> tuple[int, int] | None:
    """The token range of the person the article names before character ``before`` (its first question) and
    names most often in all (the first of those); never a byline's ("By Jane Smith")."""
    people = [e for e in ctx.doc.ents if e.label_ == "PERSON"]
    named = [e for e in people if e.end_char <= before
             and not _BYLINE.match(ctx.text, line_bounds(ctx.text, e.start_char)[0])]
    if not named:
        return None
    mentions = Counter(e[-1].lower_ for e in people)  # (by surname: "Olivia Chow", then "Chow")
    person = max(named, key=lambda e: (mentions[e[-1].lower_], -e.start))
    return person.start, person.end


def answers(ctx: Context, cfg: AttributionConfig, lines: list[tuple[int, int, bool]]) -> list[Candidate]:
    """The answers of a question-and-answer interview, each a statement of the interviewee."""
    questions = [ls for ls, le, _ in lines if QUESTION_LINE.match(ctx.text, ls, le)]
    marked = [(ls, le, m) for ls, le, _ in lines if (m := ANSWER_LINE.match(ctx.text, ls, le)) is not None]
    who = _interviewee(ctx, questions[0]) if questions and marked else None
    if who is None:
        return []
    out = []
    for _ls, le, m in marked:
        raw = ctx.text[m.start():m.end()]
        lead = len(raw) - len(raw.lstrip())
        cue = (m.start() + lead, m.start() + lead + len(raw.strip()))  # the "A:" label
        cand = make(ctx, cfg, m.end(), le, cue, None, "label")
        if cand is not None:
            # (the interviewee is named lines before: ``make`` would clip the mention to the answer's paragraph)
            out.append(replace(cand, mention=who))
    return out


def find(ctx: Context, cfg: AttributionConfig) -> list[Candidate]:
    """Return the label candidates of an article."""
    out: list[Candidate] = []
    lines = _lines(ctx.text)
    for idx, (ls, le, headline) in enumerate(lines):
        m = LABEL.match(ctx.text[ls:le])
        if m is None:
            continue
        span = _speaker(ctx, cfg, m, ls, headline)
        if span is None:
            continue
        start, end = ls + m.end(), le
        if is_roster(ctx, start, end) or is_section_heading(ctx, lines, idx, start):
            continue
        multi = False
        for chain in ctx.chains:
            if len(chain) > 1 and ls <= chain[0].start < start:
                end, multi = chain[-1].inner_end, True
                break
        colon = ctx.text.index(":", ls + m.end("label"))
        cand = make(ctx, cfg, start, end, (colon, colon + 1), (span.start, span.end), "label", multi=multi)
        if cand is not None:
            out.append(cand)
    return out + answers(ctx, cfg, lines)
