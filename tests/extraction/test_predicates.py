"""Token predicates of the attribution rules on hand-built parses (spaCy's own test style: no model).

Each Doc is written as one row per token: (word, head index, dependency, POS, tag, lemma); the text is given
so that spacing (and therefore character offsets) is exact. The vocabulary carries English lexical attributes
(``lower_``, ``is_punct``), like spaCy's ``en_vocab`` test fixture, and nothing else.
"""

from __future__ import annotations

import pytest
from handparse import parsed

from bot.extraction.attribution.boundaries import cut_trailing_aside
from bot.extraction.attribution.config import AttributionConfig
from bot.extraction.attribution.context import Context
from bot.extraction.attribution.parenthetical import clause_end
from bot.extraction.attribution.predicates import (
    asks_aloud,
    in_question_clause,
    is_addressee,
    is_impersonal_passive,
    is_question_complement,
    passive_agent,
    right_after_quote,
    subject_of,
)

CFG = AttributionConfig()


INVERTED = parsed('"We see no link," said the mayor.', [
    ('"', 7, "punct", "PUNCT", "``", '"'),
    ("We", 2, "nsubj", "PRON", "PRP", "we"),
    ("see", 7, "ccomp", "VERB", "VBP", "see"),
    ("no", 4, "det", "DET", "DT", "no"),
    ("link", 2, "dobj", "NOUN", "NN", "link"),
    (",", 2, "punct", "PUNCT", ",", ","),
    ('"', 7, "punct", "PUNCT", "''", '"'),
    ("said", 7, "ROOT", "VERB", "VBD", "say"),
    ("the", 9, "det", "DET", "DT", "the"),
    ("mayor", 7, "dobj", "NOUN", "NN", "mayor"),  # the inverted subject, parsed as an object
    (".", 7, "punct", "PUNCT", ".", "."),
])

QUOTE_SUBJECT = parsed('"We win," Trump said.', [
    ('"', 6, "punct", "PUNCT", "``", '"'),
    ("We", 6, "nsubj", "PRON", "PRP", "we"),  # mis-attached: the quotation's subject, not the source
    ("win", 6, "ccomp", "VERB", "VBP", "win"),
    (",", 2, "punct", "PUNCT", ",", ","),
    ('"', 6, "punct", "PUNCT", "''", '"'),
    ("Trump", 6, "nsubj", "PROPN", "NNP", "Trump"),
    ("said", 6, "ROOT", "VERB", "VBD", "say"),
    (".", 6, "punct", "PUNCT", ".", "."),
])

PASSIVE = parsed("The decision was announced by the governor.", [
    ("The", 1, "det", "DET", "DT", "the"),
    ("decision", 3, "nsubjpass", "NOUN", "NN", "decision"),
    ("was", 3, "auxpass", "AUX", "VBD", "be"),
    ("announced", 3, "ROOT", "VERB", "VBN", "announce"),
    ("by", 3, "agent", "ADP", "IN", "by"),
    ("the", 6, "det", "DET", "DT", "the"),
    ("governor", 4, "pobj", "NOUN", "NN", "governor"),
    (".", 3, "punct", "PUNCT", ".", "."),
])

IMPERSONAL = parsed("It was reported that troops left.", [
    ("It", 2, "nsubjpass", "PRON", "PRP", "it"),
    ("was", 2, "auxpass", "AUX", "VBD", "be"),
    ("reported", 2, "ROOT", "VERB", "VBN", "report"),
    ("that", 5, "mark", "SCONJ", "IN", "that"),
    ("troops", 5, "nsubj", "NOUN", "NNS", "troop"),
    ("left", 2, "ccomp", "VERB", "VBD", "leave"),
    (".", 2, "punct", "PUNCT", ".", "."),
])

PARENTHETICAL = parsed("The plan, Mr. Obama said, will fail.", [
    ("The", 1, "det", "DET", "DT", "the"),
    ("plan", 8, "nsubj", "NOUN", "NN", "plan"),
    (",", 1, "punct", "PUNCT", ",", ","),
    ("Mr.", 4, "compound", "PROPN", "NNP", "Mr."),
    ("Obama", 5, "nsubj", "PROPN", "NNP", "Obama"),
    ("said", 8, "parataxis", "VERB", "VBD", "say"),
    (",", 5, "punct", "PUNCT", ",", ","),
    ("will", 8, "aux", "AUX", "MD", "will"),
    ("fail", 8, "ROOT", "VERB", "VB", "fail"),
    (".", 8, "punct", "PUNCT", ".", "."),
])

FINAL_CUE = parsed("The plan will fail, the source said.", [
    ("The", 1, "det", "DET", "DT", "the"),
    ("plan", 3, "nsubj", "NOUN", "NN", "plan"),
    ("will", 3, "aux", "AUX", "MD", "will"),
    ("fail", 7, "ccomp", "VERB", "VB", "fail"),
    (",", 7, "punct", "PUNCT", ",", ","),
    ("the", 6, "det", "DET", "DT", "the"),
    ("source", 7, "nsubj", "NOUN", "NN", "source"),
    ("said", 7, "ROOT", "VERB", "VBD", "say"),
    (".", 7, "punct", "PUNCT", ".", "."),
])

NOT_PARENTHETICAL = parsed("He said yesterday; the plan failed.", [
    ("He", 1, "nsubj", "PRON", "PRP", "he"),
    ("said", 1, "ROOT", "VERB", "VBD", "say"),
    ("yesterday", 1, "npadvmod", "NOUN", "NN", "yesterday"),
    (";", 1, "punct", "PUNCT", ":", ";"),
    ("the", 5, "det", "DET", "DT", "the"),
    ("plan", 6, "nsubj", "NOUN", "NN", "plan"),
    ("failed", 1, "parataxis", "VERB", "VBD", "fail"),
    (".", 1, "punct", "PUNCT", ".", "."),
])

ASIDE = parsed("Fowler said he expects Clinton to recover, which forced her to leave.", [
    ("Fowler", 1, "nsubj", "PROPN", "NNP", "Fowler"),
    ("said", 1, "ROOT", "VERB", "VBD", "say"),
    ("he", 3, "nsubj", "PRON", "PRP", "he"),
    ("expects", 1, "ccomp", "VERB", "VBZ", "expect"),
    ("Clinton", 6, "nsubj", "PROPN", "NNP", "Clinton"),
    ("to", 6, "aux", "PART", "TO", "to"),
    ("recover", 3, "ccomp", "VERB", "VB", "recover"),
    (",", 6, "punct", "PUNCT", ",", ","),
    ("which", 9, "nsubj", "PRON", "WDT", "which"),
    ("forced", 6, "relcl", "VERB", "VBD", "force"),
    ("her", 9, "dobj", "PRON", "PRP", "she"),
    ("to", 12, "aux", "PART", "TO", "to"),
    ("leave", 9, "xcomp", "VERB", "VB", "leave"),
    (".", 1, "punct", "PUNCT", ".", "."),
])

WHEN_ASKED = parsed("When asked whether troops would return, Kirby replied that the mission was over.", [
    ("When", 1, "advmod", "SCONJ", "WRB", "when"),
    ("asked", 8, "advcl", "VERB", "VBN", "ask"),
    ("whether", 5, "mark", "SCONJ", "IN", "whether"),
    ("troops", 5, "nsubj", "NOUN", "NNS", "troop"),
    ("would", 5, "aux", "AUX", "MD", "would"),
    ("return", 1, "ccomp", "VERB", "VB", "return"),
    (",", 8, "punct", "PUNCT", ",", ","),
    ("Kirby", 8, "nsubj", "PROPN", "NNP", "Kirby"),
    ("replied", 8, "ROOT", "VERB", "VBD", "reply"),
    ("that", 12, "mark", "SCONJ", "IN", "that"),
    ("the", 11, "det", "DET", "DT", "the"),
    ("mission", 12, "nsubj", "NOUN", "NN", "mission"),
    ("was", 8, "ccomp", "AUX", "VBD", "be"),
    ("over", 12, "acomp", "ADV", "RB", "over"),
    (".", 8, "punct", "PUNCT", ".", "."),
])

ASKING_ALOUD = parsed("Clinton asked reporters.", [
    ("Clinton", 1, "nsubj", "PROPN", "NNP", "Clinton"),
    ("asked", 1, "ROOT", "VERB", "VBD", "ask"),
    ("reporters", 1, "dobj", "NOUN", "NNS", "reporter"),
    (".", 1, "punct", "PUNCT", ".", "."),
])


def tok(ctx: Context, word: str, nth: int = 0) -> int:
    """Index of the ``nth`` token spelled ``word``."""
    return [t.i for t in ctx.doc if t.text == word][nth]


def test_inverted_subject_after_the_quotation_is_the_source() -> None:
    said = INVERTED.doc[tok(INVERTED, "said")]
    assert right_after_quote(INVERTED, said)
    source = subject_of(INVERTED, said)
    assert source is not None and source.text == "mayor"


def test_subject_inside_the_quotation_is_not_the_source() -> None:
    said = QUOTE_SUBJECT.doc[tok(QUOTE_SUBJECT, "said")]
    assert QUOTE_SUBJECT.inside_quote(QUOTE_SUBJECT.doc[tok(QUOTE_SUBJECT, "We")])
    source = subject_of(QUOTE_SUBJECT, said)
    assert source is not None and source.text == "Trump"


def test_no_inverted_subject_without_a_quotation_or_preceding_complement() -> None:
    ctx = ASKING_ALOUD
    asked = ctx.doc[tok(ctx, "asked")]
    assert not right_after_quote(ctx, asked)
    source = subject_of(ctx, asked)
    assert source is not None and source.text == "Clinton"  # the real subject, never the object


def test_passive_agent_is_the_source() -> None:
    announced = PASSIVE.doc[tok(PASSIVE, "announced")]
    agent = passive_agent(announced)
    assert agent is not None and agent.text == "governor"
    source = subject_of(PASSIVE, announced)
    assert source is not None and source.text == "governor"
    assert not is_impersonal_passive(announced)


def test_impersonal_passive_has_no_source() -> None:
    reported = IMPERSONAL.doc[tok(IMPERSONAL, "reported")]
    assert passive_agent(reported) is None
    assert subject_of(IMPERSONAL, reported) is None
    assert is_impersonal_passive(reported)


@pytest.mark.parametrize(("ctx", "expected"), [
    (PARENTHETICAL, ","),  # "The plan, Mr. Obama said, will fail": the comma after the cue closes it
    (FINAL_CUE, "."),  # "..., the source said.": the final full stop closes it
    (NOT_PARENTHETICAL, None),  # "He said yesterday; the plan failed": the sentence goes on after ";"
], ids=["inside the sentence", "at the end", "not parenthetical"])
def test_parenthetical_clause_end(ctx: Context, expected: str | None) -> None:
    said = ctx.doc[tok(ctx, "said")]
    end = clause_end(ctx, said, ctx.sentence_of(said), CFG)
    if expected is None:
        assert end is None
    else:
        assert end is not None and end > said.i and ctx.doc[end].text == expected


def test_clause_end_gives_up_outside_its_window() -> None:
    said = PARENTHETICAL.doc[tok(PARENTHETICAL, "said")]
    narrow = AttributionConfig(clause_end_window=1)
    assert clause_end(PARENTHETICAL, said, PARENTHETICAL.sentence_of(said), narrow) is None


def test_trailing_relative_clause_is_cut() -> None:
    ctx = ASIDE
    start = ctx.doc[tok(ctx, "he")].idx
    end = ctx.doc[tok(ctx, "leave")].idx + len("leave")
    assert ctx.text[start:cut_trailing_aside(ctx, start, end, CFG)] == "he expects Clinton to recover"


def test_content_without_an_aside_is_kept_whole() -> None:
    ctx = ASIDE
    start = ctx.doc[tok(ctx, "he")].idx
    end = ctx.doc[tok(ctx, "recover")].idx + len("recover")
    assert cut_trailing_aside(ctx, start, end, CFG) == end
    # Too short to have an aside worth cutting under a stricter setting.
    assert cut_trailing_aside(ctx, start, len(ctx.text) - 1, AttributionConfig(aside_min_tokens=50)) == \
        len(ctx.text) - 1


def test_question_put_to_someone_is_not_their_statement() -> None:
    ctx = WHEN_ASKED
    returned = ctx.doc[tok(ctx, "return")]
    assert in_question_clause(ctx, returned, CFG)
    assert is_question_complement(returned)
    assert not in_question_clause(ctx, ctx.doc[tok(ctx, "replied")], CFG)
    assert not in_question_clause(ctx, returned, AttributionConfig(question_clause_depth=1))
    assert not asks_aloud(ctx, ctx.doc[tok(ctx, "asked")])  # "when asked": a passive participle


def test_asking_aloud_and_addressees() -> None:
    ctx = ASKING_ALOUD
    assert asks_aloud(ctx, ctx.doc[tok(ctx, "asked")])
    assert is_addressee(ctx.doc[tok(ctx, "reporters")])
    assert not is_addressee(ctx.doc[tok(ctx, "Clinton")])


# A sentence that the parser starts right after a comma: the climb to the phrase after the comma reaches the
# sentence's root, whose head is itself. (Token objects are new on every access, so "head is tok" never holds:
# the climb once looped for ever here.)
COMMA_SENTENCE = parsed("Fowler said he expects Clinton to recover, voters cheered loudly.", [
    ("Fowler", 1, "nsubj", "PROPN", "NNP", "Fowler"),
    ("said", 1, "ROOT", "VERB", "VBD", "say"),
    ("he", 3, "nsubj", "PRON", "PRP", "he"),
    ("expects", 1, "ccomp", "VERB", "VBZ", "expect"),
    ("Clinton", 6, "nsubj", "PROPN", "NNP", "Clinton"),
    ("to", 6, "aux", "PART", "TO", "to"),
    ("recover", 3, "ccomp", "VERB", "VB", "recover"),
    (",", 6, "punct", "PUNCT", ",", ","),
    ("voters", 9, "nsubj", "NOUN", "NNS", "voter"),
    ("cheered", 9, "ROOT", "VERB", "VBD", "cheer"),
    ("loudly", 9, "advmod", "ADV", "RB", "loudly"),
    (".", 9, "punct", "PUNCT", ".", "."),
])


def test_the_aside_climb_stops_at_a_sentence_root() -> None:
    import threading

    ctx = COMMA_SENTENCE
    start = ctx.doc[tok(ctx, "he")].idx
    end = ctx.doc[tok(ctx, "loudly")].idx + len("loudly")
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(cut_trailing_aside(ctx, start, end, CFG)), daemon=True)
    worker.start()
    worker.join(timeout=60)  # (generous: a loaded machine must not fail it; a loop never returns)
    assert not worker.is_alive(), "cut_trailing_aside did not return"
    assert result == [end]
