"""Relevant experience (work with people who offend, or in crisis, or with
challenging behaviour), and a probation role the visitor already holds."""

from __future__ import annotations

import re
from typing import Any

from bot.eligibility.parsing.tables import tables
from bot.eligibility.parsing.text import (
    Parsed,
    Updates,
    clause_before,
    fail,
    first_phrase,
    is_aspiration,
    is_negated,
    never_raises,
    normalise,
)
from bot.eligibility.parsing.yes_no import STRONG_YES_NO, UNSURE, is_unsure

# Settings where work is with offenders or people in crisis or with challenging
# behaviour (the FAQ's test); matched as whole words or word starts.
_RELEVANT_SETTINGS = (
    "offender",
    "ex-offender",
    "prison",
    "probation",
    "homeless",
    "hostel",
    "youth work",
    "youth worker",
    "youth club",
    "youth offending",
    "youth justice",
    "young offender",
    "mental health",
    "drug",
    "alcohol",
    "substance misuse",
    "addiction",
    "recovery",
    "social care",
    "social work",
    "care worker",
    "carer",
    "care home",
    "support worker",
    "key worker",
    "keyworker",
    "victim",
    "care leaver",
    "refugee",
    "asylum",
    "domestic abuse",
    "domestic violence",
    "refuge",
    "safeguarding",
    "police",
    "pupil referral",
    "challenging behaviour",
    "challenging behavior",
    "crisis",
    "vulnerable",
    "samaritans",
    "foster",
    "looked after children",
    "children's home",
    "learning disabilit",
    "special needs",
    "send school",
    "advocacy",
    "rehabilitation",
    "criminal justice",
    "community payback",
    "approved premises",
    "custody",
    "gang",
    "outreach",
    "food bank",
    "soup kitchen",
    "sex work",
    "exploitation",
    "behaviour support",
    "residential care",
    "secure unit",
    "helpline",
    "mentor",
    "befriend",
)
_JOB = re.compile(r"\b(i work|i worked|i'm a|im a|i am a|i was a|my job|employed|i do)\b")
# "I do" / "I have" answer the question only on their own ("I have.", "I do, two
# years"); "I have a degree ..." or "I am hoping to ..." says nothing about experience.
_BARE_YES = re.compile(r"^(?:i do|i have|i've got|ive got|i have got)(?:\s+indeed)?\s*(?:[,;.!-]|$)")
# Nothing yet, or only plans: no experience today (a described setting wins first).
_NO_EXPERIENCE_YET = re.compile(
    r"\b(?:nothing|none|not yet|not any|no experience|hoping to|hope to|planning to|plan to|"
    r"want to|wanna|would like to|i'd like to|id like to|looking for|looking to|aiming to|"
    r"going to start|about to start|yet to)\b"
)
# Said in passing, in any message: "I volunteer at a shelter", "no relevant experience".
_STATED_EXPERIENCE = re.compile(
    r"\b(?:i|i've|ive)\s+(?:work|worked|volunteer|volunteered|have worked|have volunteered|"
    r"am working|am volunteering|'ve worked|'ve volunteered|have experience|'ve experience|"
    r"have relevant experience)\b|\bi'm\s+(?:working|volunteering)\b"
)
_STATED_NO_EXPERIENCE = re.compile(
    r"\b(?:no|don't have any|dont have any|haven't got any|without any)\s+"
    r"(?:relevant\s+)?experience\b|\bnever worked with\b"
)


def _relevant_setting(clean: str) -> str | None:
    for setting in _RELEVANT_SETTINGS:
        for m in re.finditer(rf"(?<![\w]){re.escape(setting)}", clean):
            if not is_negated(clean, m.start()) and not is_aspiration(clean, m.start()):
                return setting
    return None


@never_raises
def parse_experience(text: Any) -> Parsed:
    """Relevant experience: yes/no, or a described setting (a shelter, a prison ...).

    An answer that neither describes relevant work nor says yes or no ("I have
    been thinking about a change of career ...") is unusable, so it is asked again.
    """
    clean = normalise(text)
    if not clean:
        return fail("empty answer")
    if parse_role(clean).value == "pso":
        return Parsed(True, name="Probation Service Officer")
    setting = _relevant_setting(clean)
    if setting:
        return Parsed(True, name=setting)
    if is_unsure(clean):  # "I don't know": not the "I don't" inside it
        return fail(UNSURE)
    answer = first_phrase(clean, STRONG_YES_NO)
    if answer is not None:
        return Parsed(answer)
    if _BARE_YES.search(clean):
        return Parsed(True)
    if _NO_EXPERIENCE_YET.search(clean):
        return Parsed(False)
    if _JOB.search(clean):  # "I work in retail": a job, but not with people in crisis
        return Parsed(False, note="that work may not count as relevant experience")
    return fail("no experience described")


def read_experience(text: Any) -> Updates:
    """The answer to the experience question; a probation role named in it is kept too."""
    parsed = parse_experience(text)
    updates = {"experience": parsed.value} if parsed.ok else {}
    role = parse_role(text)
    if role.ok:
        updates["role"] = role.value
    return updates


def volunteered_experience(text: str) -> bool | None:
    if _STATED_NO_EXPERIENCE.search(text):
        return False
    if _STATED_EXPERIENCE.search(text) and _relevant_setting(text):
        return True
    return None


# --- a probation role held now ----------------------------------------------------------

_PROBATION_EMPLOYER = re.compile(
    r"\b(?:work|working|employed|job)\s+(?:for|at|in|with)\s+(?:the\s+)?"
    r"(?:national\s+)?(?:probation(?:\s+service)?|nps|hmpps)\b"
    r"|\b(?:nps|probation)\s+(?:admin|administrator|staff)\b"
)
_CURRENT_ROLE = re.compile(
    r"\b(?:i'm|im|i am|i work as|i'm working as|working as|currently|i've been|i have been|"
    r"my job is|my role is|employed as|as an?)\b"
)


@never_raises
def parse_role(text: Any) -> Parsed:
    """The visitor's current probation role: 'pso' or 'probation_staff', if they say so."""
    clean = normalise(text)
    if not clean:
        return fail("empty answer")
    for m in tables().roles.find(clean):
        if is_negated(clean, m.start) or is_aspiration(clean, m.start):
            continue
        if (
            _CURRENT_ROLE.search(clause_before(clean, m.start))
            or clean.strip(" .!") == clean[m.start : m.end]
        ):
            return Parsed(m.key, id=m.key)
    employer = _PROBATION_EMPLOYER.search(clean)
    if employer and not is_negated(clean, employer.start()) and not is_aspiration(clean, employer.start()):
        return Parsed("probation_staff", id="probation_staff")
    return fail("no current probation role stated")
