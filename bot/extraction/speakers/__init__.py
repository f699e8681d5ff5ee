"""Speaker resolution without a coreference model: the name a reader would write down for each source.

A small discourse model in the spirit of Hobbs (1978) and the salience rules of Lappin & Leass (1994):

* ``registry``: named people and organisations, clustered by surname ("Kirby" -> "John Kirby", "Loretta Lynch" =
  "Loretta E. Lynch"), names the NER misread as places or organisations folded into the person, each person with
  a gender (honorific, role noun, first-name lists; ``gender`` adds unambiguous pronoun votes) and a role
  ("Pentagon spokesman", from pre-name modifiers or an appositive);
* ``roles``: a person's roles from the modifiers before the name, an appositive or a predicate ("Trump is the
  Republican nominee", "Smith, who is the mayor");
* ``orgs`` and ``fuller``: repairs of the NER — an organisation it missed ("the Central and East European
  Coalition"), the full name of a person it named by surname only ("Mehmet Oz");
* ``names``: the mention's head name wins over names that only modify it ("Clinton spokesman Nick Merrill",
  "Ohio Senator Rob Portman"), appositive names, acronyms spelled out in the article ("IMF"), organisations built
  on a name ("the Clinton campaign", "Trump's team" -> "Trump campaign");
* ``pronouns`` and ``salience``: the most salient compatible entity before the pronoun (the previous speaker
  unless the narration just before puts another person of that gender on stage, a possessor whose phrase holds
  the pronoun's clause, then main-clause subjects, then any mention; outside quotations first);
* ``kin``: "her husband", "his brother" -> the person introduced so, else the family member of that surname;
* ``author``: the "I" of an op-ed -> the author its byline or closing biography names;
* ``descriptions``: "the diplomat" to the person introduced with that role, before or after; a definite role
  the article never spells out to the salient subject or the article's main person;
* ``documents``: "the report" to its issuer (named, described, or through another noun for the same document),
  "the bank" / "the Times" to the organisation;
* ``plural``: "Mr. Grassley and Mr. Leahy", "critics like A and B", "they", "each", "the two senators" -> "A and B";
* ``relatives``: "who", "which", "many of whom" -> the noun phrase they stand for;
* ``owners``: "his wife", "his campaign", "his lawyer" -> through the possessor ("Bryan Pagliano's lawyer");
* ``assign``: one statement's speaker: its mention resolved (relative pronouns through their antecedent,
  datelines and times refused), else the subject its cue hangs from. A generic source keeps its words; an
  unresolved pronoun gives a null speaker.
"""

from __future__ import annotations

from bot.extraction.speakers.assign import SpeakerChoice, choose_speaker, source_of_cue
from bot.extraction.speakers.config import SpeakersConfig
from bot.extraction.speakers.entities import Entity, np_span
from bot.extraction.speakers.resolve import SpeakerResolver, resolve_mention
from bot.extraction.speakers.unresolved import plain_speaker

__all__ = ["Entity", "SpeakerChoice", "SpeakerResolver", "SpeakersConfig", "choose_speaker", "np_span",
           "plain_speaker", "resolve_mention", "source_of_cue"]
