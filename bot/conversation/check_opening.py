"""A question is answered; only a visitor asking to be checked opens the eligibility check.

`bot/eligibility/dialogue.py` asks_about_eligibility reads "can I ... apply",
"could I ... become", "should I ... join" as the visitor asking whether they
could get in. Many questions say those words without asking that; this module
names the kinds, so the check stays shut and the question gets its answer:

- a condition or a time ahead of the real question: "If I qualify as a
  probation officer and later want to join the police, does the PQiP count?",
  "can I do the Level 5 on its own before I apply?", "do I declare my
  convictions when applying?";
- becoming or joining something else: "could I use my PQiP to become a
  teacher?", "should I join Napo or Unison?";
- what the job or the process asks of them, not whether they get in: "would I
  have to resign from the bench?", "do I have to declare ...?", "can I become a
  PSO without qualifications?";
- the asking clause is a how / when / where / who / why question ("so I've been
  a support worker ... how long would the training be for someone like me?");
- becoming a PSO: the pages answer it outright (no qualification is needed),
  there is nothing for the check to weigh.

Plain Python over the text; `answered_not_checked` is the one decision.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.conversation.answering import Question
from bot.conversation.reading import read, split_asking
from bot.knowledge import Knowledge, load_knowledge
from bot.language import QUESTION_START, looks_like_question
from bot.rasa_names import Intents

# Conditions and times: "if I qualify as ...", "once I start,", "before I apply", "when applying".
_CONDITION_OR_TIME = re.compile(
    r"\b(?:if|once|when|after|whenever)\s+i(?:'m| am)?\s+(?:qualify|qualified|become|became|join|joined|"
    r"start|started|starting|pass|passed|finish|finished|get in|got in)\b"
    r"(?:\s+(?:as|a|an|the|my|in|on)\b[^,.?!]*|(?=\s*(?:[,.?!]|$|and\b)))"
    r"|\b(?:before|after|until|till|by the time|ahead of)\s+(?:i\s+)?(?:apply|applying|applied|start|starting)\b"
    r"|\bwhen\s+(?:applying|i apply)\b",
    re.IGNORECASE,
)
# Becoming or joining something that is not probation.
_PROBATION_ROLE = r"(?:probation|pso|psos|trainee|po|pqip|qualified|an? officer\b)"
_SOMETHING_ELSE = re.compile(
    rf"\bbecom(?:e|ing)\s+(?:a|an)\s+(?!{_PROBATION_ROLE})\w+"
    r"|\bjoin(?:ing)?\s+(?:a\s+|an\s+|the\s+)?(?:union|unions|napo|unison|gmb|police|army|navy|raf|forces|"
    r"military|register|pension|gym|club|council|bench|prison service)\b"
    # "is there a union? can I join one?": joining what the message named before, not probation
    r"|\bjoin(?:ing)?\s+one\b(?![^.?!]*\b(?:probation|pqip|pso|service)\b)"
    # what the visitor would do with the PQiP once they have it: "could I use my PQiP to ...?"
    r"|\b(?:use|using|with|after)\s+(?:my|the|a)\s+(?:pqip|probation qualification)\b[^.?!]*",
    re.IGNORECASE,
)
# What the job or the process asks of the visitor: "would I have to ...", "do I need to ...",
# "without qualifications": answered by the topic, whoever asks.
_WHAT_IT_ASKS = re.compile(
    r"\b(?:do|would|will|should|shall|did)\s+i\s+(?:have|need|got)\s+to\b|\bmust i\b|\bam i (?:allowed|expected|required)\b"
    r"|\bwithout\s+(?:a|an|any|my|the)?\s*\w+",
    re.IGNORECASE,
)
_PSO_ENTRY = re.compile(
    r"\b(?:become|be|start as|start out as|work as|get a job as|apply as|apply to be)\s+(?:a\s+|an\s+)?"
    r"(?:pso|psos|probation services? officers?)\b",
    re.IGNORECASE,
)
# The asking clause opens with a question word that never asks "could I get in?".
# ... but "where does that leave me?" asks about the visitor's own standing, as "what are my chances?" does.
_OPEN_QUESTION = re.compile(
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:how|when|where(?!\s+(?:does|would|will)\s+(?:that|this|it)\s+leave\s+me)|who|whom|why)\b",
    re.IGNORECASE,
)


def without_other_clauses(text: str) -> str:
    """The text without its conditions and times, and without becoming or joining something else."""
    return _SOMETHING_ELSE.sub(" ", _CONDITION_OR_TIME.sub(" ", text or ""))


def answered_not_checked(text: str) -> bool:
    """The message is a question the topic answers, not the visitor asking to be checked,
    whatever words of getting in it uses."""
    text = text or ""
    asking, _ = split_asking(text)
    return bool(_WHAT_IT_ASKS.search(asking) or _PSO_ENTRY.search(asking) or _OPEN_QUESTION.search(asking))


def is_a_question(text: str) -> bool:
    """Shaped like a question, or its asking clause is ("my husband is on licence, would
    they even let me apply")."""
    text = text or ""
    return looks_like_question(text) or bool(QUESTION_START.search(split_asking(text)[0]))


def asks_beside_facts(text: str) -> bool:
    """Facts about the visitor with a question beside them ("I'm a nurse on nights, is the
    PQiP paid?"): the question is answered (the facts are kept), never swallowed by "noted"."""
    return is_a_question(text)


def someone_elses(text: str) -> bool:
    """The question asks about someone else's circumstances (a relative's record,
    knowledge/coverage.yml): the check, which asks about the visitor's own, adds nothing."""
    return read(load_knowledge(), text or "").person is not None


def as_a_question(kb: Knowledge, question: Question) -> Question:
    """A question the classifier read as facts ("inform"): read as one no topic was sure of,
    so a listed gap, the likeliest topic that answers it, or a plain admission answers."""
    if kb.topic_for_intent(question.intent or "") is not None:
        return question
    return replace(question, intent=Intents.NOT_COVERED, reading=None)
