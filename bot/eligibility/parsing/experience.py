"""Relevant experience (work with people who offend, or in crisis, or with
challenging behaviour), and a probation role the visitor already holds."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from bot.eligibility.parsing.tables import tables
from bot.eligibility.parsing.text import (
    NOTHING,
    Parsed,
    Reading,
    clause_after,
    clause_before,
    fail,
    first_phrase,
    is_aspiration,
    is_hedged,
    is_negated,
    is_unsure,
    never_raises,
    normalise,
    read_corrected,
    refuses,
    unclear,
)
from bot.eligibility.parsing.yes_no import STRONG_YES_NO, UNSURE
from bot.knowledge import load_knowledge

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


def _words(phrases: tuple[str, ...]) -> re.Pattern:
    """Phrases as word starts ("learning disabilit" matches "learning disabilities")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(rf"(?<![\w]){re.escape(p)}" for p in ordered) or r"(?!x)x")


def _whole_words(phrases: tuple[str, ...]) -> re.Pattern:
    """Phrases as whole words, plurals too ("an office" is not "an officer")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(rf"(?<![\w]){re.escape(p)}(?:s|es)?(?![\w])" for p in ordered) or r"(?!x)x")


@functools.lru_cache(maxsize=1)
def _lists() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    words = load_knowledge().eligibility.experience_reading
    others = "|".join(re.escape(w) for w in sorted(words.others, key=len, reverse=True))
    someone_else = re.compile(
        rf"\bmy\s+(?:older\s+|younger\s+|big\s+|little\s+|best\s+)?(?:{others})(?:'s|s)?\b"
        r"|\b(?:he|she|they)(?:'s|'re|\s+(?:is|was|were|are|works|worked|has|had|have))\b"
    )
    return _words(words.qualifying), _whole_words(words.other_work), _words(words.lived), someone_else


@dataclass(frozen=True)
class _Said:
    qualifying: tuple[str, ...]  # the visitor's own work with the people 003 names
    lived: bool  # their own time on the receiving end
    justice: bool  # ... in the justice system (prison, probation, a conviction)
    other_work: bool  # work that isn't with such people
    someone_else: bool  # another person's job
    customer_line: bool = False  # a company's line for its customers, however upset they are


_JUSTICE = re.compile(
    r"prison|probation|inside|time|sentence|conviction|criminal|offender|arrest|licence|remand"
)


# "people on licence", "young people in recovery", "women who were homeless": the words
# for being on the receiving end, said of the people the visitor works with.
_OTHERS_BEFORE = re.compile(
    r"\b(?:(?:most|many|some|all|several|half|lots|a few)(?: of them)?(?=\s+(?:have|had|were|are)\b)|"
    r"people|men|women|lads|girls|boys|clients|residents|service users|users|offenders|those|"
    r"others|kids|children|families|patients|individuals|adults|teenagers|prisoners|tenants|guests)"
    r"\s+(?:(?:who|that)\s*(?:are|were|have been|had been|has been|'re|'ve been|'d been|'s been|"
    r"have|had|'ve|'d)\s+|(?:\w+\s+)?)$"
)


def _own_lived(clean: str, lived_words: re.Pattern) -> list[re.Match]:
    return [
        m
        for m in lived_words.finditer(clean)
        if not _OTHERS_BEFORE.search(clean[max(0, m.start() - 40) : m.start()])
    ]


def _what_is_said(clean: str) -> _Said:
    qualifying_words, other_words, lived_words, someone_else = _lists()
    lived = _own_lived(clean, lived_words)
    others = [m.start() for m in someone_else.finditer(clean)]
    qualifying: list[str] = []
    other_work = False
    for m in other_words.finditer(clean):
        if not is_negated(clean, m.start()) and not is_aspiration(clean, m.start()):
            other_work = True
    customer_line = False
    asked = [q.span() for q in _COUNTS_AS.finditer(clean)]
    for m in qualifying_words.finditer(clean):
        start = m.start()
        if any(a <= start < b for a, b in asked):
            continue  # "... does that count as challenging behaviour?": the visitor's question, not the work
        if any(
            lm.start() <= start < lm.end() + 12 or _LIVED_AND.fullmatch(clean[lm.end() : start])
            for lm in lived
        ):
            continue  # "been to prison", "my own time inside and on probation": on the receiving end
        clause = clause_before(clean, start)
        if _HEARSAY.search(clause):
            continue  # "I've heard about offender management at home": talk, not the work
        if lived and _AS_A_CLIENT.search(clause):
            continue  # "... a community order and saw a probation officer weekly": the client's side
        if is_negated(clean, start) or is_aspiration(clean, start) or _NOTHING_BEFORE.search(clause):
            continue  # "no, nothing with offenders or anything like that": the work denied
        if any(o >= start - len(clause) and o < start for o in others):
            continue  # "my brother works in a prison"
        if re.search(r"\bmyself\b", clause_after(clean, m.end())) and not _JOB.search(clause):
            continue  # "in prison myself"
        around = clause + clean[start : start + 60]
        if other_words.search(clause_after(clean, m.end())) or (
            other_words.search(clause) and not _JOB_WITH.search(clause)
        ):
            continue  # "a helpline for a bank"
        qualifying.append(clean[start : m.end()] if around else clean[start : m.end()])
    if _CUSTOMER_LINE.search(clean) and all(_CALLERS.fullmatch(q) for q in qualifying):
        # "a bank's fraud helpline, people in crisis ring all day": a company's customers in
        # distress, not the practice experience 003 asks for
        qualifying, other_work, customer_line = [], True, True
    return _Said(
        tuple(qualifying),
        bool(lived),
        any(_JUSTICE.search(m.group(0)) for m in lived),
        other_work,
        bool(others),
        customer_line,
    )


# A company's line for its customers: "a bank's helpline", "the helpline for Barclays",
# "customer services for an energy company", "a call centre".
_CUSTOMER_LINE = re.compile(
    r"\b(?:customer|customers|call cent(?:re|er)s?|contact cent(?:re|er)s?|complaints?|billing|"
    r"accounts? (?:team|line|helpline)|fraud (?:line|helpline|team|department))\b"
    r"|\b(?:bank|banks|building society|insurer|insurance|energy|utility|utilities|telecoms?|broadband|"
    r"mobile|phone|retail|airline|company|companies|firm|business|supplier|provider|network)(?:'s|s')?\s+"
    r"(?:\w+\s+)?(?:helpline|help line|phone line|phones|calls|line)\b"
    r"|\b(?:helpline|help line|phone line|calls|phones)\s+(?:for|at)\s+(?:a |an |the )?"
    r"(?:bank|building society|insurer|insurance|energy|utility|telecoms?|broadband|mobile|retail|"
    r"airline|company|firm|business|supplier|provider|network|barclays|natwest|lloyds|hsbc|santander|"
    r"nationwide|halifax|monzo|bt|vodafone|o2|ee|sky|virgin|british gas|octopus|amazon)\b"
)
# What the callers to such a line are: the words that alone would count, said of customers.
_CALLERS = re.compile(
    r"helpline|crisis|people in crisis|vulnerable|at risk|at-risk|lowest point|at their lowest|"
    r"challenging behaviou?r|safeguarding|suicid|self-harm|self harm"
)


# "Nothing with offenders", "none with people in crisis": the people named, to deny the work.
_NOTHING_BEFORE = re.compile(r"\b(?:nothing|none|nobody|no one)\b[^,.;!?]*$")
# Knowing of the work, not doing it: "heard about", "read about", "interested in".
_HEARSAY = re.compile(
    r"\b(?:heard|hear|read|know|knew|learned|learnt|talked|talk|hearing|reading)\s+(?:a lot\s+|all\s+)?"
    r"(?:about|of)\s+(?:\w+\s+)?$|\b(?:interested in|fascinated by|curious about)\s+(?:\w+\s+)?$"
)
# A plain first-person denial of the work itself: "I've never worked or volunteered with offenders".
_DENIES_THE_WORK = re.compile(
    r"\b(?:i've|ive|i have|i)\s+(?:never|not)\s+(?:actually\s+|ever\s+)?(?:worked|volunteered)"
    r"(?:\s+or\s+(?:worked|volunteered))?\s+with\b"
)
# Seeing the professional oneself, said beside one's own sentence or time.
_AS_A_CLIENT = re.compile(
    r"\b(?:saw|seeing|see|had|have|reported to|reporting to|met|meeting|assigned|given)\s+(?:a|my|the|an)\s+$"
)
_JOB_WITH = re.compile(r"\bwith\b")
_ASKS_IF_IT_COUNTS = re.compile(
    r"\b(?:does|would|do|could|will|can|is|might)\s+(?:that|it|this|those|these)\s+"
    r"(?:count|qualify|be relevant|be enough|be classed|be considered|be seen)\b|\bif (?:that|it) counts\b"
)
# The words of 003 in the visitor's own question ("does that count as challenging
# behaviour?", "would it be classed as working with people in crisis?").
_COUNTS_AS = re.compile(r"\b(?:counts?|counted|class(?:ed)?|qualif(?:y|ies)|seen|considered)\s+as\b[^.;!?]*")
# What joins a second setting to one's own time in the first: "my own time inside and on
# probation", "been in prison and then on licence".
_LIVED_AND = re.compile(r"\w*\s+(?:and|or|then|and then|plus)\s+(?:on|in|at|under)\s+(?:the\s+|a\s+)?")


def _described(clean: str) -> str:
    """The visitor's own words for the work they hinted at, for the confirming question."""
    match = re.search(
        r"\b(?:volunteer(?:ing)?|work(?:ing)?|help(?:ing)? out|i'm an?|i am an?)\b[^,.;!?]{0,50}", clean
    )
    return match.group(0).strip() if match else "that work"


def read_experience_answer(text: Any) -> Reading:
    """The experience answer as a reading: yes, no, or what to confirm.

    003 asks for practice experience of working with offenders or with people
    whose behaviour is challenging or whose lives are in crisis. A refusal
    ("no, but ...", "not really", "I wish") is never a yes; lived experience
    (prison, probation, homelessness, recovery), someone else's job or work with
    no such people is not that experience; lived experience or a refusal that
    also hints at such work ("... and now I volunteer at a hostel") is asked about.
    """
    clean = normalise(text)
    if not clean:
        return NOTHING
    if _NO_CONTACT.search(clean) and parse_role(clean).value != "pso":
        # the setting, not the work 003 asks for (read whole: "never actually deal with ..."
        # is no correction)
        return Reading({"experience": False}, rests_on=clean)
    return read_corrected(clean, _read_experience, lambda r: r.clear)


# Work in such a setting but not with its people: "IT for a prison ... I don't have any
# contact with prisoners", "not client-facing".
_NO_CONTACT = re.compile(
    r"\b(?:no|not any|don't have any|dont have any|do not have any|never have any|without any|"
    r"zero|not allowed any|not allowed|not permitted any|not permitted|never allowed any|"
    r"allowed no|barred from any|barred from)\s+(?:direct\s+|real\s+|actual\s+|day-to-day\s+)?"
    r"(?:contact|dealings|interaction)\s+with\b"
    r"|\b(?:don't|dont|do not|never)\s+(?:actually\s+|really\s+|directly\s+)?"
    r"(?:work|deal|meet|see|talk)\s+(?:directly\s+)?with\s+(?:the\s+)?"
    r"(?:prisoners|offenders|inmates|residents|clients|service users|patients|them|people)\b"
    r"|\bnot (?:client|public|patient|customer)[- ]facing\b|\bbehind the scenes\b"
)

_LITTLE_CONTACT = re.compile(
    r"\b(?:not much|not a lot of|very little|hardly any|little|some|occasional)\s+(?:direct\s+)?"
    r"(?:contact|dealings|interaction)\s+with\b"
)


def _read_experience(clean: str) -> Reading:
    if parse_role(clean).value == "pso":
        return Reading({"experience": True}, rests_on=clean)
    if _LITTLE_CONTACT.search(clean):  # "not much contact with residents": asked, never guessed
        return unclear({"experience": True}, "experience", clean, unsure="unsure_experience")
    said = _what_is_said(clean)
    refused = refuses(clean)
    lived_note = {"lived": "justice" if said.justice else "other"} if said.lived else {}
    if said.customer_line and not said.lived:
        # "yes, a bank's fraud helpline, people in crisis all day": a company's customers,
        # not the practice experience of working with offenders or people in crisis (003)
        return Reading({"experience": False}, rests_on=clean)
    if said.qualifying and said.other_work and _ASKS_IF_IT_COUNTS.search(clean):
        # "a bank helpline, some callers are in crisis - does that count?": asked, never a yes
        return unclear({"experience": True}, "experience", clean, unsure="unsure_experience")
    if said.qualifying and _DENIES_THE_WORK.search(clean) and not refused:
        # work named and denied in one answer: asked, never a yes
        return unclear({"experience": False}, "experience", clean, unsure="unsure_experience")
    if said.qualifying:
        name = _described(clean)
        if refused and not said.lived and _NOT_AS_A_JOB.search(clean):
            # "no, not paid, but I volunteer at a night shelter": 003 counts voluntary work
            return Reading({"experience": True}, rests_on=said.qualifying[0])
        if refused or said.lived:  # "no, but I help at a food bank"; "I did time, now I volunteer"
            return unclear(
                {"experience": True},
                "experience_hint",
                clean,
                fallback={},
                unsure="unsure_experience_hint",
                name=name,
                notes=lived_note,
            )
        return Reading({"experience": True}, rests_on=said.qualifying[0])
    if refused and is_unsure(clean):  # "no, not sure it counts"
        return unclear({"experience": False}, "experience", clean, unsure="unsure_experience")
    if refused:
        return Reading({"experience": False}, rests_on=clean, notes=lived_note)
    if said.lived or said.someone_else:
        return Reading({"experience": False}, rests_on=clean, notes=lived_note)
    if is_unsure(clean) or is_hedged(clean):  # "sort of", "not sure if it counts"
        return unclear({"experience": True}, "experience", clean, unsure="unsure_experience")
    answer = first_phrase(clean, STRONG_YES_NO)
    if answer is True and said.other_work:  # "yes, I work in retail": yes to what?
        return unclear({"experience": True}, "experience", clean, unsure="unsure_experience")
    if answer is not None:
        return Reading({"experience": answer}, rests_on=clean)
    if _BARE_YES.search(clean):
        return Reading({"experience": True}, rests_on=clean)
    if _NO_EXPERIENCE_YET.search(clean) or said.other_work:
        return Reading({"experience": False}, rests_on=clean)
    if _JOB.search(clean) or _WORKED_AS.search(clean):
        # "I'm a nurse", "worked as a bouncer": a job the word lists don't settle; asked, never guessed
        return unclear({"experience": True}, "experience", clean, unsure="unsure_experience")
    return NOTHING


# A refusal scoped to pay or a job title, then one's own work described: "no, not
# paid work, but ...", "no - well, not as a job", "nope, unless mentoring ... counts".
# So is a refusal scoped to one of the two kinds of people 003 names, then work with
# the other: "not with offenders, no. But I've worked nights at a crisis house".
_NOT_AS_A_JOB = re.compile(
    r"^(?:(?:sadly|unfortunately|honestly|well)[\s,]+)?"
    r"(?:(?:no|nope|nah|not really|not exactly)\b[\s,.;:!-]*(?:well[\s,.-]*)?)?"
    # "sadly not in an office sense, but I've done waking nights at a hostel ..."
    r"(?:not\s+in\s+(?:an?|the)\s+(?:\w+\s+){0,2}?(?:sense|way)\b|"
    r"not\s+(?:in\s+|as\s+|for\s+)?(?:a\s+|my\s+|the\s+)?(?:main\s+|proper\s+|real\s+|day\s+)?(?:paid|job|professionally|officially|"
    r"formally|for money|full[- ]time|as such|(?:(?:directly\s+|really\s+)?with\s+)?(?:offenders|"
    r"ex-offenders|criminals|people who offend|people with convictions))\b"
    r"|(?:no|nope|nah)\b[\s,.;:!-]*(?:unless\b|only\s+(?:as\s+a\s+)?volunt))"
)
_WORKED_AS = re.compile(
    r"\b(?:worked|working|work|job) as\b|\b(?:i'm|im|i am|i was) (?:an?|the)\b"
    r"|\bvolunteer(?:ed|ing|s)?\b|\b(?:unemployed|not working|between jobs|out of work)\b"
)


@never_raises
def parse_experience(text: Any) -> Parsed:
    """Relevant experience as a plain yes/no (a clear reading only)."""
    reading = read_experience_answer(text)
    if reading.clear and "experience" in reading.updates:
        value = reading.updates["experience"]
        clean = normalise(text)
        work = value is False and (_what_is_said(clean).other_work or _JOB.search(clean))
        return Parsed(value, note="that work may not count as relevant experience" if work else "")
    if reading.certainty != "clear":
        return fail(UNSURE)
    return fail("no experience described")


def _relevant_setting(clean: str) -> str | None:
    said = _what_is_said(clean)
    return said.qualifying[0] if said.qualifying and not refuses(clean) else None


def read_experience(text: Any) -> Reading:
    """The answer to the experience question; a probation role named in it is kept too."""
    reading = read_experience_answer(text)
    role = parse_role(text)
    if role.ok:
        return replace(reading, updates={**reading.updates, "role": role.value})
    return reading


# Said in passing, a setting alone ("I work for a prison") may be payroll or IT: the
# experience question is asked unless the work itself is named (eligibility.yml
# experience.reading.work: "I volunteer at a shelter", "I'm a support worker").
@functools.lru_cache(maxsize=1)
def _the_work_itself() -> re.Pattern:
    words = load_knowledge().eligibility.experience_reading.work
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(rf"(?<![\w]){re.escape(w)}" for w in ordered) or r"(?!x)x")


def describes_own_work(text: Any) -> bool:
    """Beside the visitor's own lived experience, their own work described with the
    people it is with ("for the last 2 years I've worked on a street outreach team going
    out to rough sleepers, lots of them with drug problems"), not only a setting ("now I
    help out at a hostel"): said again when asked about, it is the work 003 counts."""
    clean = normalise(text)
    said = _what_is_said(clean)
    return (
        not refuses(clean)
        and not said.other_work
        and not said.someone_else
        and len(set(said.qualifying)) >= 2
        and bool(_STATED_EXPERIENCE.search(clean))
    )


def volunteered_experience(text: str) -> bool | None:
    if _STATED_NO_EXPERIENCE.search(text) or _NO_CONTACT.search(text):
        return False
    if _STATED_EXPERIENCE.search(text) and _relevant_setting(text) and _the_work_itself().search(text):
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
