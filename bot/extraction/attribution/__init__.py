"""Find attributed statements in a parsed doc: direct, mixed and indirect quotes with their cue and speaker.

The rules follow the attribution-relation structure of PARC/PolNeAR (Pareti 2016; Newell et al. 2018): a CUE
(reporting verb, "according to"), a SOURCE (its subject, a passive agent, the noun an "according to" governs) and a
CONTENT (the cue's clausal complement, a reported object, or the quoted text). Quotation-mark regions come from
:mod:`bot.extraction.quotes`; quotes with no cue of their own take the speaker of the adjacent statement when the
paragraph structure says so (the "floating quote" rule of the GenderGapTracker extractor, made stricter).

The passes, in order (each a function of the article's :class:`Context` and the :class:`AttributionConfig`):
:mod:`.parenthetical` (returns the cues it handled), :mod:`.nouns`, :mod:`.verbs` (skips the handled cues),
:mod:`.according`, :mod:`.labels`, :mod:`.headlines`, :mod:`.questions`, then :mod:`.quotations` (returns its edits
of the earlier candidates); :mod:`.merge` applies the edits and removes duplicates, :mod:`.stray` drops contents
that report nothing (a time clause, a clause fronted before a cue with its own complement), the learned filter
(:mod:`.features`) judges the rest, :mod:`.splits` ends a content before a second report's clause, :mod:`.merge` keeps
the outermost spans and links floating quotes, and :mod:`.assemble` resolves speakers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution import (
    according,
    headlines,
    labels,
    nouns,
    parenthetical,
    questions,
    quotations,
    verbs,
)
from bot.extraction.attribution.assemble import statements
from bot.extraction.attribution.candidate import Candidate, Origin
from bot.extraction.attribution.config import AttributionConfig
from bot.extraction.attribution.context import Context
from bot.extraction.attribution.features import features, passes_filter
from bot.extraction.attribution.merge import apply_quotations, dedupe, join_pieces, link_floating, outermost
from bot.extraction.attribution.splits import split_reported_clauses
from bot.extraction.attribution.stray import is_stray

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from bot.extraction.model import Statement
    from bot.extraction.speakers import SpeakersConfig

# Origins the learned filter judges (labels and quotations are kept as the rules found them).
RANKED_ORIGINS: frozenset[Origin] = frozenset({"verb", "paren", "according"})


def propose(doc: Doc, text: str, config: AttributionConfig | None = None) -> tuple[Context, list[Candidate]]:
    """Run the rules and return the context and every candidate, before the learned filter (also used to
    train it)."""
    cfg = config or AttributionConfig.default()
    ctx = Context.build(doc, text)
    paren = parenthetical.find(ctx, cfg)
    # (The noun pass before the verb pass: where both find a noun's "that" clause, dedupe keeps the first.)
    earlier = [*paren.candidates, *nouns.find(ctx, cfg), *verbs.find(ctx, cfg, paren.handled_cues),
               *according.find(ctx, cfg), *labels.find(ctx, cfg), *headlines.find(ctx, cfg),
               *questions.find(ctx, cfg)]
    merged = apply_quotations(earlier, quotations.find(ctx, cfg, earlier))
    return ctx, join_pieces(text, dedupe(merged))


def find_statements(doc: Doc, text: str, config: AttributionConfig | None = None,
                    speakers: SpeakersConfig | None = None) -> list[Statement]:
    """Return the statements of ``doc`` (whose text has the same character offsets as ``text``)."""
    cfg = config or AttributionConfig.default()
    ctx, cands = propose(doc, text, cfg)
    kept = [c for c in cands if not is_stray(ctx, c) and (
        c.origin not in RANKED_ORIGINS or passes_filter(ctx, c, cfg))]
    if cfg.split_reported_clauses:
        kept = split_reported_clauses(ctx, kept)
    return statements(ctx, link_floating(ctx, cfg, outermost(kept)), speakers, cfg.keep_unnamed_continuations)


__all__ = ["RANKED_ORIGINS", "AttributionConfig", "Candidate", "Context", "Origin", "features", "find_statements",
           "propose"]
