"""Where one content holds another source's report: two contents, the first ending before the clause that reports.

"Trump said he's tough enough to be president after a woman in Worcester told him she worries he's “too nice”":
PolNeAR's annotators give the telling its own content ("she worries ...") and end the first one before the
subordinate clause that holds it. The verb pass finds both contents, and :func:`~.merge.outermost` would keep only
the outer one; :func:`split_reported_clauses` ends the outer content before that clause first, so both stay.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import trim, word_count
from bot.extraction.lexicon import SUBJECT_DEPS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token

    from bot.extraction.attribution.candidate import Candidate
    from bot.extraction.attribution.context import Context

# The subordinators of a finite clause that sets out a second report ("after the Associated Press reports ...",
# "though public records indicate ...", "while her rival has soared by saying that ..."): a time, a reason, a
# concession or a contrast the writer adds, not the source's words. "when", "as", "since" and "until" are not among
# them: on all 840 PolNeAR train articles each added as many false statements as true ones ("as" lost one on dev).
SPLIT_MARKS = frozenset({"after", "before", "because", "though", "although", "while"})
# How the cue of the inner report hangs in its clause ("to fend off", "by telling them"): climbed to the clause.
_CLIMB_DEPS = frozenset({"xcomp", "prep", "pcomp", "pobj", "dobj", "aux"})
# What opens the clause before its first word (", though", "and after").
_OPENER_DEPS = frozenset({"cc", "punct", "mark"})
_INNER_REL = "ccomp"


def _clause(cue: Token, start: int) -> Token:
    """Climb from a cue to the head of its clause, inside a content starting at ``start``."""
    tok = cue
    while tok.dep_ in _CLIMB_DEPS and tok.head.i != tok.i and tok.head.idx >= start \
            and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        tok = tok.head
    return tok


def _reports(ctx: Context, inner: Candidate) -> bool:
    """Tell whether a candidate is a verb of saying's reported clause."""
    return inner.rel == _INNER_REL and inner.cue_token is not None \
        and ctx.doc[inner.cue_token].lemma_.lower() in ctx.lex.speech


def _cut(ctx: Context, outer: Candidate, inner: Candidate) -> int | None:
    """Where ``outer`` ends when ``inner``'s cue heads a trailing subordinate clause of it (see ``SPLIT_MARKS``)."""
    assert inner.cue_token is not None  # (checked by _reports)
    doc = ctx.doc
    head = _clause(doc[inner.cue_token], outer.start)
    if head.idx < outer.start or head.i == head.head.i or head.dep_ != "advcl" \
            or not any(c.dep_ in SUBJECT_DEPS for c in head.children):
        return None
    mark = next((t.lower_ for t in head.children if t.dep_ in ("mark", "cc", "advmod") and t.i < head.i), "")
    last = head.right_edge
    if mark not in SPLIT_MARKS or last.idx + len(last.text) < outer.end - 2:
        return None
    left = head.left_edge.i
    while left > 0 and doc[left - 1].idx > outer.start and (
            doc[left - 1].dep_ in _OPENER_DEPS or doc[left - 1].lower_ in ("even", "as")):
        left -= 1
    cut = doc[left].idx
    if cut <= outer.start or cut > inner.start:
        return None
    end = trim(ctx.text, outer.start, cut)[1]
    return end if word_count(ctx.text[outer.start:end]) >= 2 else None


def split_reported_clauses(ctx: Context, cands: Sequence[Candidate]) -> list[Candidate]:
    """End each content before a trailing subordinate clause in which a second verb of saying reports a clause
    that is itself a candidate, so both contents are kept."""
    out = list(cands)
    for k, outer in enumerate(out):
        inners = [c for c in cands if c is not outer and outer.start <= c.start and c.end <= outer.end
                  and outer.end - outer.start > c.end - c.start and c.cue_start is not None
                  and c.cue_start > outer.start and _reports(ctx, c)]
        if not inners:
            continue
        end = _cut(ctx, outer, min(inners, key=lambda c: c.cue_start or 0))
        if end is not None:
            out[k] = replace(outer, end=end)
    return out
