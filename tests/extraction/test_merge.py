"""How the attribution passes hand work to each other, made explicit: the cues the parenthetical pass handled,
the quotation pass's edits of earlier candidates, and the merge step (duplicates, nesting, floating links)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution import AttributionConfig, Candidate, Context, Origin, parenthetical, quotations, verbs
from bot.extraction.attribution.merge import apply_quotations, dedupe, link_floating, outermost
from bot.extraction.attribution.quotations import QuotationResult

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
