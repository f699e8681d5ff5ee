"""Parenthetical cue clauses on hand-built parses (no model): the misparses the pass still reads as a cue clause.

Each Doc is one row per token: (word, head index, dependency, POS, tag, lemma), as the small model parsed the
construction in PolNeAR train articles; the text is given so that character offsets are exact.
"""

from __future__ import annotations

import pytest
from handparse import Row, parsed

from bot.extraction.attribution import parenthetical
from bot.extraction.attribution.config import AttributionConfig

CFG = AttributionConfig()


# The source the parser conjoined to the noun before it, the fronted words made the cue's subject.
CONJOINED_SOURCE = ("The cost of the plan, union leaders say, is too high.", [
    ("The", 1, "det", "DET", "DT", "the"),
    ("cost", 8, "nsubj", "NOUN", "NN", "cost"),
    ("of", 1, "prep", "ADP", "IN", "of"),
    ("the", 4, "det", "DET", "DT", "the"),
    ("plan", 2, "pobj", "NOUN", "NN", "plan"),
    (",", 4, "punct", "PUNCT", ",", ","),
    ("union", 7, "compound", "NOUN", "NN", "union"),
    ("leaders", 4, "conj", "NOUN", "NNS", "leader"),
    ("say", 10, "parataxis", "VERB", "VBP", "say"),
    (",", 8, "punct", "PUNCT", ",", ","),
    ("is", 10, "ROOT", "AUX", "VBZ", "be"),
    ("too", 12, "advmod", "ADV", "RB", "too"),
    ("high", 10, "acomp", "ADJ", "JJ", "high"),
    (".", 10, "punct", "PUNCT", ".", "."),
], ["The cost of the plan", "is too high"], "union leaders")

# The source the parser made an appositive of the noun before it, a noun of the fronted words the cue's subject.
APPOSITIVE_SOURCE = ("To read Lincoln, historian Eric Foner said, one should see his letters.", [
    ("To", 1, "aux", "PART", "TO", "to"),
    ("read", 11, "advcl", "VERB", "VB", "read"),
    ("Lincoln", 1, "dobj", "PROPN", "NNP", "Lincoln"),
    (",", 2, "punct", "PUNCT", ",", ","),
    ("historian", 6, "compound", "NOUN", "NN", "historian"),
    ("Eric", 6, "compound", "PROPN", "NNP", "Eric"),
    ("Foner", 2, "appos", "PROPN", "NNP", "Foner"),
    ("said", 11, "parataxis", "VERB", "VBD", "say"),
    (",", 7, "punct", "PUNCT", ",", ","),
    ("one", 11, "nsubj", "PRON", "PRP", "one"),
    ("should", 11, "aux", "AUX", "MD", "should"),
    ("see", 11, "ROOT", "VERB", "VB", "see"),
    ("his", 13, "poss", "PRON", "PRP$", "his"),
    ("letters", 11, "dobj", "NOUN", "NNS", "letter"),
    (".", 11, "punct", "PUNCT", ".", "."),
], ["To read Lincoln", "one should see his letters"], "historian Eric Foner")

# The words after the cue clause's closing comma the parser made the cue's own complement.
COMPLEMENT_AFTER_CLAUSE = ("Nor does she have plans, aides say, to change course.", [
    ("Nor", 3, "cc", "CCONJ", "CC", "nor"),
    ("does", 3, "aux", "AUX", "VBZ", "do"),
    ("she", 3, "nsubj", "PRON", "PRP", "she"),
    ("have", 3, "ROOT", "VERB", "VB", "have"),
    ("plans", 3, "dobj", "NOUN", "NNS", "plan"),
    (",", 7, "punct", "PUNCT", ",", ","),
    ("aides", 7, "nsubj", "NOUN", "NNS", "aide"),
    ("say", 3, "parataxis", "VERB", "VBP", "say"),
    (",", 7, "punct", "PUNCT", ",", ","),
    ("to", 10, "aux", "PART", "TO", "to"),
    ("change", 7, "xcomp", "VERB", "VB", "change"),
    ("course", 10, "dobj", "NOUN", "NN", "course"),
    (".", 3, "punct", "PUNCT", ".", "."),
], ["Nor does she have plans", "to change course"], "aides")

# A subject of the reported clause the parser also made the cue's: the source is the one next to the cue.
TWO_SUBJECTS = ("The plan makes it possible for cities to grow, she said.", [
    ("The", 1, "det", "DET", "DT", "the"),
    ("plan", 2, "nsubj", "NOUN", "NN", "plan"),
    ("makes", 2, "ROOT", "VERB", "VBZ", "make"),
    ("it", 4, "nsubj", "PRON", "PRP", "it"),
    ("possible", 2, "ccomp", "ADJ", "JJ", "possible"),
    ("for", 11, "mark", "SCONJ", "IN", "for"),
    ("cities", 11, "nsubj", "NOUN", "NNS", "city"),
    ("to", 8, "aux", "PART", "TO", "to"),
    ("grow", 4, "xcomp", "VERB", "VB", "grow"),
    (",", 11, "punct", "PUNCT", ",", ","),
    ("she", 11, "nsubj", "PRON", "PRP", "she"),
    ("said", 2, "advcl", "VERB", "VBD", "say"),
    (".", 2, "punct", "PUNCT", ".", "."),
], ["The plan makes it possible for cities to grow"], "she")

# The words before an inverted cue also parsed as its subject: the source is the subject right after the cue.
TWO_SUBJECTS_INVERTED = ("The rejection signals the end, said Geert Wilders.", [
    ("The", 1, "det", "DET", "DT", "the"),
    ("rejection", 6, "nsubj", "NOUN", "NN", "rejection"),
    ("signals", 1, "acl", "VERB", "VBZ", "signal"),
    ("the", 4, "det", "DET", "DT", "the"),
    ("end", 2, "dobj", "NOUN", "NN", "end"),
    (",", 6, "punct", "PUNCT", ",", ","),
    ("said", 6, "ROOT", "VERB", "VBD", "say"),
    ("Geert", 8, "compound", "PROPN", "NNP", "Geert"),
    ("Wilders", 6, "nsubj", "PROPN", "NNP", "Wilders"),
    (".", 6, "punct", "PUNCT", ".", "."),
], ["The rejection signals the end"], "Geert Wilders")

# The source the parser made an appositive of the words before it, those words the cue's subject.
SUBJECT_APPOSITIVE = ("Or maybe Jeb Bush, consultant Phil Musser says.", [
    ("Or", 3, "cc", "CCONJ", "CC", "or"),
    ("maybe", 3, "advmod", "ADV", "RB", "maybe"),
    ("Jeb", 3, "compound", "PROPN", "NNP", "Jeb"),
    ("Bush", 8, "nsubj", "PROPN", "NNP", "Bush"),
    (",", 3, "punct", "PUNCT", ",", ","),
    ("consultant", 7, "compound", "NOUN", "NN", "consultant"),
    ("Phil", 7, "compound", "PROPN", "NNP", "Phil"),
    ("Musser", 3, "appos", "PROPN", "NNP", "Musser"),
    ("says", 8, "ROOT", "VERB", "VBZ", "say"),
    (".", 8, "punct", "PUNCT", ".", "."),
], ["Or maybe Jeb Bush"], "consultant Phil Musser")


@pytest.mark.parametrize(("text", "rows", "contents", "source"),
                         [CONJOINED_SOURCE, APPOSITIVE_SOURCE, COMPLEMENT_AFTER_CLAUSE, TWO_SUBJECTS,
                          TWO_SUBJECTS_INVERTED, SUBJECT_APPOSITIVE],
                         ids=["source conjoined to the words before", "source an appositive of the words before",
                              "the words after the clause parsed as the cue's complement",
                              "a subject of the reported clause also made the cue's",
                              "the words before an inverted cue also made its subject",
                              "source an appositive of the cue's subject"])
def test_misparsed_cue_clause_reports_the_words_around_it(
        text: str, rows: list[Row], contents: list[str], source: str) -> None:
    ctx = parsed(text, rows)
    found = parenthetical.find(ctx, CFG)
    assert [text[c.start:c.end] for c in found.candidates] == contents
    for cand in found.candidates:
        assert cand.mention is not None
        assert ctx.doc[cand.mention[0]:cand.mention[1]].text == source
