"""Which mention is a statement's source: one model-parsed row per construction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

# (construction, text, quote fragment, speaker, speaker mention); None: no source.
SOURCES = [
    ("dateline before the subject", "MACAU (Reuters) \u2013 Top Republican Party donor Sheldon Adelson said on Friday "
     "he met presidential candidate Donald Trump.", "he met presidential candidate", "Sheldon Adelson",
     "Top Republican Party donor Sheldon Adelson"),
    ("dateline parsed as the subject, the subject its apposition", "New York (AFP) \u2013 Vice President Joe Biden on "
     "Monday hit the campaign trail, accusing him of endangering the lives of US troops.", "endangering the lives",
     "Joe Biden", "Vice President Joe Biden"),
    ("dateline with a date before an em dash", "AG Mukasey at RNC: Clinton email scandal disqualifies her.\n\n"
     "CLEVELAND, July 19 (UPI) \u2014 Former Attorney General Michael Mukasey told delegates at the Republican "
     "National Convention that Hillary Clinton's use of a private email server should disqualify her.",
     "private email server", "Michael Mukasey", "Former Attorney General Michael Mukasey"),
    ("apposition between dashes is no dateline", "Kall -- co-editor of Debating The Donald, a book analyzing Trump's "
     "performances at GOP primary debates -- said the candidate tended to make announcements at those encounters.",
     "the candidate tended", "Kall", "Kall"),
    ("passive cue without an agent names no source", "Trump fans insist delegates must heed the will of the "
     "grassroots. The real estate magnate was expected to cruise past the 1,237 delegates needed on the first "
     "ballot.", "to cruise past", None, None),
    ("passive cue with its agent", "The new rules were announced by Governor Andrew Cuomo on Monday: the state "
     "will close every school for two weeks.", "close every school", "Andrew Cuomo", "Governor Andrew Cuomo"),
    ("passive subject of a participle cue's head is its source", "Senator Marco Rubio was quoted as saying that "
     "the deal would not survive the next administration.", "the deal would not survive", "Marco Rubio",
     "Senator Marco Rubio"),
    ("conjoined clauses with two cues: the first keeps its subject", "Obama emphasized that Burma's reforms were not "
     "complete, and human rights groups warned that the administration was relinquishing critical leverage.",
     "reforms were not complete", "Obama", "Obama"),
    ("conjoined clauses with two cues: the second keeps its own subject", "Obama emphasized that Burma's reforms "
     "were not complete, and human rights groups warned that the administration was relinquishing critical "
     "leverage.", "relinquishing critical leverage", "human rights groups", "human rights groups"),
    ("participle modifying a named person (the cue's subject climbs to it too)", "The new ad features Florida "
     "Senator Marco Rubio saying that the tax plan would hurt working families.", "the tax plan would hurt",
     "Marco Rubio", "Florida Senator Marco Rubio"),
    ("the 'it' of a linking verb with an adjective is a placeholder, not a source", "The front reported heavy "
     "losses on Monday. It also became known that the militia had joined the fight against the rebels.",
     "the militia had joined", None, None),
]
# The first content of two conjoined cues ends before the second clause.
NOT_IN_CONTENT = [
    ("conjoined clause with its own subject and cue", "Obama emphasized that Burma's reforms were not complete, and "
     "human rights groups warned that the administration was relinquishing critical leverage.",
     "reforms were not complete", "human rights groups"),
]


@pytest.mark.parametrize(("construction", "text", "fragment", "absent"),
                         [pytest.param(*c, id=c[0]) for c in NOT_IN_CONTENT])
def test_content_stops_before_a_second_source(nlp: Language, construction: str, text: str, fragment: str,
                                              absent: str) -> None:
    hits = [s for s in extract(text, nlp=nlp).statements if fragment in s.quote]
    assert hits, construction
    assert absent not in hits[0].quote, construction


@pytest.mark.parametrize(("construction", "text", "fragment", "speaker", "mention"),
                         [pytest.param(*c, id=c[0]) for c in SOURCES])
def test_source_mention(nlp: Language, construction: str, text: str, fragment: str, speaker: str | None,
                        mention: str | None) -> None:
    statements = extract(text, nlp=nlp).statements
    hits = [s for s in statements if fragment in s.quote]
    assert hits, (construction, [s.quote for s in statements])
    assert (hits[0].speaker, hits[0].speaker_mention) == (speaker, mention), construction


def test_participle_modifying_a_named_body_is_its_source(nlp: Language) -> None:
    text = "The Mayor is Ready Fund, a super PAC backing Mayor Bill de Blasio, raised $2 million."
    hits = [s for s in extract(text, nlp=nlp).statements if "Bill de Blasio" in s.quote]
    assert hits and hits[0].speaker_mention == "a super PAC"
