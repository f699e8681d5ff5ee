"""Light-verb and noun-headed cues, and verbs of praise and blame, on small model-parsed examples: one row per
construction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.extraction.pipeline import extract

if TYPE_CHECKING:
    from spacy.language import Language

    from bot.extraction.model import Statement


def run(nlp: Language, text: str) -> list[Statement]:
    return list(extract(text, nlp=nlp).statements)


# (construction, text, the exact content, speaker, cue, kind)
CASES = [
    ("light verb + speech-act noun + 'for'", "Mr. Obama has previously made the case for Mrs. Clinton.",
     "Mrs. Clinton", "Obama", "made the case for", "speech"),
    ("light verb + speech-act noun + 'of'", "The Security Council on Friday made a strong condemnation of North "
     "Korea's latest nuclear test.", "North Korea's latest nuclear test", "Security Council",
     "made a strong condemnation of", "speech"),
    ("'raised questions about'", "The audit raised new questions about the senator's campaign finances.",
     "the senator's campaign finances", "The audit", "raised new questions about", "speech"),
    ("'delivered an indictment of'", "Sanders delivered a sweeping indictment of the country's political class.",
     "the country's political class", "Sanders", "delivered a sweeping indictment of", "speech"),
    ("light verb with an indirect object before the noun", "After the rally, Trump gave her a lengthy answer about "
     "Social Security reform.", "Social Security reform", "Trump", "gave her a lengthy answer about", "speech"),
    ("'launched an attack on'", "Republicans launched a fresh attack on Hillary Clinton's email server.",
     "Hillary Clinton's email server", "Republicans", "launched a fresh attack on", "speech"),
    ("the target of a hostile act, the preposition hung on the verb", "Clinton has taken a swipe at Donald Trump's "
     "stance on Brexit.", "Donald Trump's stance on Brexit", "Clinton", "taken a swipe at", "speech"),
    ("the target of a hostile act with 'at'", "The two men spent months lobbing pointed insults at one another.",
     "one another", "The two men", "lobbing pointed insults at", "speech"),
    ("a verb of praise reports its object", "Trump has complimented the moderator of Monday night's first debate.",
     "the moderator of Monday night's first debate", "Trump", "complimented", "speech"),
    ("a verb of blame reports its object with the reason", "The FBI director chastised Clinton for her use of a "
     "private server.", "Clinton for her use of a private server", "The FBI director", "chastised", "speech"),
    ("... past an adverb before the reason (objects_over_adjuncts)", "Trump blamed Clinton directly for the foreign "
     "policies of the past decade.", "Clinton directly for the foreign policies of the past decade", "Trump",
     "blamed", "speech"),
    ("... past a time before the reason (objects_over_adjuncts)", "Paul Ryan blasted the FBI on Tuesday for its "
     "decision not to indict Hillary Clinton.", "the FBI on Tuesday for its decision not to indict Hillary Clinton",
     "Paul Ryan", "blasted", "speech"),
    ("a verb of praise with a noun phrase object", "The senator also extols the virtues of Russian President Vladimir "
     "Putin.", "the virtues of Russian President Vladimir Putin", "The senator", "extols", "speech"),
    ("a verb of entreaty reports its appeal", "At the convention, Cruz exhorted Republicans to vote their "
     "conscience.", "Republicans to vote their conscience", "Cruz", "exhorted", "speech"),
    ("a verb of saying with no content of its own speaks about a topic", "The former Treasury secretary opined on the "
     "state of the world economy.", "the state of the world economy", "The former Treasury secretary", "opined",
     "speech"),
    ("a verb of a manner of speaking with its topic", "The leading candidates also sparred over financial "
     "regulations.", "financial regulations", "The leading candidates", "sparred", "speech"),
    ("... past the audience before its topic", "Comey will testify before the House Oversight Committee about the "
     "decision not to recommend charges.", "the decision not to recommend charges", "Comey", "testify", "speech"),
    ("light verb + speech-act noun + its 'that' clause (light_verb_clauses)", "Gorka also made the point that "
     "Clinton would be a third Obama term.", "Clinton would be a third Obama term", "Gorka", "made the point",
     "speech"),
    ("... the clause hung on the verb after a time (light_verb_clauses)", "Christie has been making the case for "
     "weeks that Rubio isn't ready for the White House.", "Rubio isn't ready for the White House", "Christie",
     "making the case", "speech"),
    ("a speech-act noun as the subject of 'be' (copular_clauses)", "Trump's message was that the party must unite "
     "behind its nominee.", "the party must unite behind its nominee", "Trump", "message was", "speech"),
    ("a speech-act noun's 'that' clause after its source (gapped_noun_clauses)", "Trump has faced criticism from "
     "rivals that the tenor of his campaign has created an unsafe environment at his rallies.",
     "the tenor of his campaign has created an unsafe environment at his rallies", "rivals", "criticism", "speech"),
    ("... after an appositive 'by' source (gapped_noun_clauses)", "One sticking point is a demand, by House Minority "
     "Leader Nancy Pelosi, that the legislation include better tax breaks for the working poor.",
     "the legislation include better tax breaks for the working poor", "Nancy Pelosi", "demand", "speech"),
    ("a passive verb of blame reports its reason (reason_cues)", "Trump has been criticized by some of his rivals "
     "for failing to spend enough time in the state.", "for failing to spend enough time in the state",
     "some of his rivals", "criticized", "speech"),
    ("a passive 'accused of' reports the charge (reason_cues)", "The movement has been accused by the Turkish "
     "government of attempting a coup.", "of attempting a coup", "the Turkish government", "accused", "speech"),
    ("... beside its subject (reason_cues)", "Mr. Sanders has been criticized for offering vague responses to "
     "questions about banks.", "for offering vague responses to questions about banks", None, "criticized",
     "speech"),
    ("an asking verb conjoined to its asker's verb (conjoined_askers)", "Sanders shook hands with union members and "
     "asked workers if they planned to attend the caucuses.", "if they planned to attend the caucuses", "Sanders",
     "asked", "speech"),
    ("... a request (conjoined_askers)", "Texas filed a motion and asked a federal judge to block the rules.",
     "a federal judge to block the rules", "Texas", "asked", "speech"),
    ("a named asker's question about a topic", "Lester Holt asks him about his tax returns.", "his tax returns",
     "Lester Holt", "asks", "speech"),
    ("a named asker's question about a topic, the one asked named", "A young woman asked Mrs. Clinton about her "
     "email scandal.", "her email scandal", "A young woman", "asked", "speech"),
]


@pytest.mark.parametrize(("construction", "text", "content", "speaker", "cue", "kind"),
                         [pytest.param(*c, id=c[0]) for c in CASES])
def test_construction(nlp: Language, construction: str, text: str, content: str, speaker: str | None, cue: str,
                      kind: str) -> None:
    hits = [s for s in run(nlp, text) if s.quote == content]
    assert hits, (construction, [s.quote for s in run(nlp, text)])
    st = hits[0]
    assert (st.speaker, st.cue, st.kind) == (speaker, cue, kind), (construction, st)


# (construction, text, words that are no statement's content)
NOT_STATEMENTS = [
    ("a one-word topic (object_min_words)", "Trump made the case for Machado.", "Machado"),
    ("a bare pronoun as topic", "She made the case for it.", "it"),
    ("a lawsuit names its target, not what was said", "The campaign filed a lawsuit against the State Department.",
     "the State Department"),
    ("a challenge names a rival, not what was said", "The divide poses challenges for Rubio and his allies.",
     "Rubio and his allies"),
    ("a passive verb's time is no topic", "Lewandowski was dismissed on Monday as campaign manager.", "Monday"),
    ("a time after the noun is when, not what", "Mr. Trump released a follow-up statement on Saturday night.",
     "Saturday night"),
    ("a place after the noun is where, not what", "Khan delivered a moving speech at the Democratic National "
     "Convention.", "the Democratic National Convention"),
    ("an idiom of a hostile act takes only its target", "She sent screen shots of their conversations to the Post.",
     "their conversations to the Post"),
    ("not a light verb: a reaction to someone else's words", "Voters dismissed his attacks on the press corps.",
     "the press corps"),
    ("a time after an object with no reason after it stays out", "The mayor praised the officers yesterday and "
     "thanked the volunteers.", "the officers yesterday"),
    ("a passive verb of praise's time is no reason", "He has been praised for years by his colleagues.", "for years"),
    ("a relative 'that' after a speech-act noun's phrase is no content", "The statement from the campaign that was "
     "released on Friday said little.", "was released on Friday"),
    ("a relative 'that' after a copula's noun is no content", "The message was that which he had sent before.",
     "which he had sent before"),
    ("a passive asking verb conjoined to an active one puts a question to its subject", "Trump spoke for an hour and "
     "was asked whether he would release his tax returns.", "whether he would release his tax returns"),
    ("a question put by nobody named (questions_put_unnamed is off)", "When asked about his tax returns, Trump said "
     "he would release them soon.", "his tax returns"),
]


@pytest.mark.parametrize(("construction", "text", "absent"), [pytest.param(*c, id=c[0]) for c in NOT_STATEMENTS])
def test_not_statements(nlp: Language, construction: str, text: str, absent: str) -> None:
    assert not [s for s in run(nlp, text) if s.quote == absent], construction


def test_a_reporting_verb_keeps_its_whole_object(nlp: Language) -> None:
    # "expressed concern about X": the verb of saying reports its object, which holds the noun's topic (PolNeAR
    # train is split between the two readings; the object is the one shipped).
    quotes = [s.quote for s in run(nlp, "The senator expressed concern about the new tax plan.")]
    assert quotes == ["concern about the new tax plan"]
