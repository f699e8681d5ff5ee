"""How the attribution passes hand work to each other, made explicit: the cues the parenthetical pass handled,
the quotation pass's edits of earlier candidates, and the merge step (duplicates, nesting, floating links)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.attribution import AttributionConfig, Candidate, Context, Origin, parenthetical, quotations, verbs
from bot.extraction.attribution.merge import apply_quotations, dedupe, join_pieces, link_floating, outermost
from bot.extraction.attribution.quotations import QuotationResult
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

CFG = AttributionConfig.default()


def cand(start: int, end: int, origin: Origin = "verb", mention: tuple[int, int] | None = (0, 1),
         cue: int | None = None) -> Candidate:
    return Candidate(start, end, cue, None if cue is None else cue + 4, mention, origin=origin)


def test_verb_pass_skips_the_cues_the_parenthetical_pass_handled(nlp: Language) -> None:
    text = "The plan will fail, the source said."
    ctx = Context.build(nlp(text), text)
    paren = parenthetical.find(ctx, CFG)
    assert [text[c.start:c.end] for c in paren.candidates] == ["The plan will fail"]
    said = next(t.i for t in ctx.doc if t.text == "said")
    assert paren.handled_cues == {said}
    assert verbs.find(ctx, CFG, paren.handled_cues) == []
    assert [c.cue_token for c in verbs.find(ctx, CFG, frozenset())] == [said]  # what the handover prevents


def test_quotation_pass_reports_its_edits_instead_of_making_them(nlp: Language) -> None:
    text = "Story one.\n“We tried everything,” she said. She recommended “The Steve Harvey Show”."
    ctx = Context.build(nlp(text), text)
    earlier = verbs.find(ctx, CFG, frozenset())
    before = list(earlier)
    assert [text[c.start:c.end] for c in earlier] == ["“We tried everything,”", "The Steve Harvey Show"]
    result = quotations.find(ctx, CFG, earlier)
    assert earlier == before  # nothing is changed in place
    assert result.candidates == ()  # both quotations are covered by the verb candidates
    assert dict(result.snapped) == {0: (text.index("We"), text.index(",”"))}  # the quotation, marks trimmed
    assert result.dropped == {1}  # a quoted title is never a statement
    merged = apply_quotations(earlier, result)
    assert [text[c.start:c.end] for c in merged] == ["We tried everything"]


def test_apply_quotations_keeps_order_and_appends_the_quotations() -> None:
    earlier = [cand(0, 5), cand(10, 20), cand(30, 40)]
    result = QuotationResult((cand(50, 60, "direct"),), frozenset({1}), {2: (28, 42)})
    assert [(c.start, c.end) for c in apply_quotations(earlier, result)] == [(0, 5), (28, 42), (50, 60)]


def test_dedupe_prefers_a_verb_then_a_source_and_drops_floating_inside_statements() -> None:
    direct_no_source = cand(0, 10, "direct", mention=None)
    verb = cand(0, 10, "verb", mention=None)
    label = cand(20, 30, "label", mention=None)
    sourced = cand(20, 30, "direct", mention=(3, 4))
    floating = cand(22, 28, "floating", mention=None)
    kept = dedupe([direct_no_source, label, floating, sourced, verb])
    assert kept == [verb, sourced]


def test_outermost_keeps_the_containing_statement() -> None:
    outer, inner, other = cand(0, 40), cand(10, 20), cand(50, 60)
    assert outermost([outer, inner, other]) == [outer, other]
    assert outermost([cand(0, 10), cand(0, 10)]) == [cand(0, 10), cand(0, 10)]  # same span: not nested


def test_floating_quote_takes_the_adjacent_speaker_and_its_cue_in_the_same_paragraph(nlp: Language) -> None:
    text = "“We inherited a system on its knees,” he said. “It will take time.”\n\n\n\n“Far away.”"
    ctx = Context.build(nlp(text), text)
    said = text.index("said")
    cands = [cand(1, 36, "direct", cue=said), cand(48, 65, "floating", mention=None),
             cand(text.index("Far"), len(text) - 2, "floating", mention=None)]
    linked = link_floating(ctx, CFG, cands)
    assert linked[1].inherit_from == 0 and (linked[1].cue_start, linked[1].cue_end) == (said, said + 4)
    assert linked[2].inherit_from is None  # three blank lines away: more than one paragraph break


# (name, sentence, the one content the cue's split pieces make)
SPLIT_CONTENTS = [
    ("an object and its predicate", "Despite criticism, Obama deems certain releases a reasonable trade-off.",
     "certain releases a reasonable trade-off"),
    ("an object and its apposition", "Obama hailed the record streak 71 months of private-sector job growth, "
     "challenging Republicans.", "the record streak 71 months of private-sector job growth"),
    ("a noun and the clause the parser split from it", "Clinton pointed to the nine different times Sanders has "
     "laid out a health care plan before Congress.", "the nine different times Sanders has laid out a health care "
     "plan before Congress"),
]


@pytest.mark.parametrize(("text", "content"), [c[1:] for c in SPLIT_CONTENTS], ids=[c[0] for c in SPLIT_CONTENTS])
def test_split_pieces_of_one_content_are_one_statement(nlp: Language, text: str, content: str) -> None:
    assert [s.quote for s in extract(text, nlp=nlp).statements] == [content]


def piece(start: int, end: int, rel: str = "dobj", cue: int = 0) -> Candidate:
    return Candidate(start, end, cue, cue + 4, (0, 1), rel=rel, origin="verb")


# (name, text, the two pieces as (start, end, rel), joined?)
PIECE_CASES = [
    ("pieces that touch", "said aaa bbb.", (5, 8, "dobj"), (9, 12, "oprd"), True),
    ("a colon between", "said aaa: bbb.", (5, 8, "dobj"), (10, 13, "dobj"), True),
    ("a clause closed by its comma", "said aaa, bbb.", (5, 9, "ccomp"), (10, 13, "ccomp"), False),
    ("an aside in parentheses", "said aaa (bbb).", (5, 8, "ccomp"), (9, 14, "ccomp"), False),
    ("an audience and a topic", "said to aaa for bbb.", (5, 11, "prep"), (12, 19, "prep"), False),
    ("words between", "said aaa and bbb.", (5, 8, "dobj"), (13, 16, "dobj"), False),
]


@pytest.mark.parametrize(("text", "first", "second", "joined"), [c[1:] for c in PIECE_CASES],
                         ids=[c[0] for c in PIECE_CASES])
def test_join_pieces_joins_only_continuing_pieces(text: str, first: tuple[int, int, str],
                                                   second: tuple[int, int, str], joined: bool) -> None:
    out = join_pieces(text, [piece(*first), piece(*second)])
    assert (len(out) == 1) is joined
    if joined:
        assert (out[0].start, out[0].end) == (first[0], second[1])


def test_join_pieces_keeps_two_cues_apart() -> None:
    assert len(join_pieces("said aaa bbb.", [piece(5, 8), piece(9, 12, cue=20)])) == 2
