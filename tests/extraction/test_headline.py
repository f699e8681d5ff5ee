"""Title Case headlines: read in sentence case (one row per casing rule), parsed back onto their own characters,
and the headline labels that are more than a name (one row per shape)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction import headline, parsing
from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

BODY = ("\n\nThe Congressional Black Caucus said on Monday that Donald Trump had no plan. Members of the caucus met "
        "Sen. Bernie Sanders and Wells Fargo officials. Some blamed Russian hackers. Hillary Clinton spoke.\n")


def form(title: str, body: str = BODY) -> str:
    """The headline as the parser reads it (the line itself when it is not in Title Case)."""
    found = headline.reading(title + body)
    return title if found is None else found[2]


@pytest.mark.parametrize(("rule", "title", "want"), [
    ("common words lose their capital", "Black Lawmakers Rip Donald Trump As A Fraud.",
     "Black lawmakers rip Donald Trump as a fraud."),
    ("a word the body capitalises inside a sentence is a name", "Caucus Members Slam Wells Fargo Officials.",
     "Caucus members slam Wells Fargo officials."),
    ("a capital after an abbreviation's period is inside a sentence", "Voters Still Like Bernie Sanders Plans.",
     "Voters still like Bernie Sanders plans."),
    ("a plural counts with its singular", "Clinton Says Russians Hacked The Party.",
     "Clinton says Russians hacked the party."),
    ("a first name the body never writes in lower case stays", "Voters Want Hillary Back In Charge.",
     "Voters want Hillary back in charge."),
    ("capitals past the first letter stay", "Warren Hammers CEO Over McCain Remarks.",
     "Warren hammers CEO over McCain remarks."),
    ("initials stay", "Trump Says U.S. Troops Will Come Home.", "Trump says U.S. troops will come home."),
    ("the first word after a colon stays", "Pence: Trump Was Mocking The Campaign.",
     "Pence: Trump was mocking the campaign."),
    ("a quoted phrase in a headline is lower-cased too", "Clinton Speaks ‘Directly To White People’ Today.",
     "Clinton speaks ‘directly to white people’ today."),
    ("a headline in sentence case is read as it is", "Flight attendants' union endorses Clinton.",
     "Flight attendants' union endorses Clinton."),
    ("a short headline is not judged", "Trump Wins.", "Trump Wins."),
])
def test_a_title_case_headline_is_read_in_sentence_case(rule: str, title: str, want: str) -> None:
    assert form(title) == want, rule


def test_the_form_differs_only_in_case_and_keeps_the_length() -> None:
    title = "Elizabeth Warren Hammers Wells Fargo CEO: ‘You Should Be Criminally Investigated.’"
    got = form(title)
    assert len(got) == len(title) and got.lower() == title.lower() and got != title


def test_only_the_headline_line_is_read_differently() -> None:
    text = "Black Lawmakers Rip Donald Trump.\n\nThe Black Caucus Said So, Against Trump.\n"
    pieces = parsing.paragraphs(text)
    forms = parsing.reading_forms(text, pieces)
    assert forms[0] == "Black lawmakers rip Donald Trump.\n\n"
    assert forms[1:] == pieces[1:]


def test_the_parse_of_the_sentence_case_form_is_put_back_on_the_original_characters(nlp: Language) -> None:
    text = "Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’" + BODY
    (doc,) = parsing.parse(nlp, [text])
    assert doc.text == text
    rip = next(t for t in doc if t.text == "Rip")
    assert rip.pos_ == "VERB" and rip.lemma_ == "rip"
    assert any(e.text == "Donald Trump" and e.label_ == "PERSON" for e in doc.ents if e.start < rip.i + 3)
    # The pieces the workers parse on their own give the same Doc.
    pieces = parsing.paragraphs(text)
    split = parsing.join(list(parsing.parse_pieces(nlp, pieces, forms=parsing.reading_forms(text, pieces))))
    assert [(t.text, t.tag_, t.dep_, t.head.i) for t in split] == [(t.text, t.tag_, t.dep_, t.head.i) for t in doc]


@pytest.mark.parametrize(("shape", "title", "content", "speaker"), [
    ("a name and its topic", "Obama on Climate Change: The Trends Are ‘Terrifying.’",
     "The Trends Are ‘Terrifying.’", "Obama"),
    ("a name and its audience", "Clinton to Planned Parenthood: Trump will reverse Roe v. Wade.",
     "Trump will reverse Roe v. Wade", "Clinton"),
    ("a message noun and the name it is from", "A lesson from Loretta Lynch: 'Be the voice that people hear.'",
     "'Be the voice that people hear.'", "Lynch"),
    ("a message noun and its owner", "Democrats' new warning: Leaks could include Russian lies.",
     "Leaks could include Russian lies", "Democrats"),
    ("a name and a verb before a quotation", "Elizabeth Warren Hammers Wells Fargo CEO: ‘You Should Be "
     "Criminally Investigated.’", "‘You Should Be Criminally Investigated.’", "Warren"),
    pytest.param("a name the tagger reads as a verb", "Gillibrand on Hillary Releasing Her Goldman Sachs Speech "
                 "Transcripts: ‘I Think She Will.’", "‘I Think She Will.’", "Gillibrand",
                 marks=pytest.mark.xfail(strict=True, reason="en_core_web_sm tags the headline's first word "
                                         "'Gillibrand' as a verb, so no name leads the label")),
])
def test_a_headline_label_names_its_source(nlp: Language, shape: str, title: str, content: str,
                                           speaker: str) -> None:
    body = (f"\n\n{speaker} spoke on Tuesday in Washington, where Barack Obama, Hillary Clinton, Loretta Lynch, "
            "Democrats and Elizabeth Warren met Wells Fargo officials and Planned Parenthood.\n")
    statements = extract(title + body, nlp=nlp).statements
    hits = [s for s in statements if s.start < len(title) and s.quote == content]
    assert hits, (shape, [(s.quote, s.speaker) for s in statements])
    assert speaker in (hits[0].speaker or "") and hits[0].kind == "speech", shape


@pytest.mark.parametrize(("shape", "title"), [
    ("two names are no label", "Netanyahu and Obama: A tortured relationship."),
    ("a sentence before the colon is no label", "On Trade, Angry Voters Have Point: It Hasn't Been Good."),
    ("a section marker is no label", "Update: Trump leads the polls in Ohio, the survey said nothing."),
])
def test_a_headline_colon_without_a_source_is_no_label(nlp: Language, shape: str, title: str) -> None:
    body = "\n\nNetanyahu and Obama met in Washington. Trump spoke in Ohio.\n"
    statements = extract(title + body, nlp=nlp).statements
    assert not [s for s in statements if s.start < len(title) and s.cue == ":"], shape
