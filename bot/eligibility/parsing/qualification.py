"""The visitor's highest qualification, and the relevant Level 3 vocational one.

Qualifications are read by their knowledge/qualifications.yml aliases (the
row id is what the profile keeps) or as a plain "Level N"; negated names
("no degree") and courses still in progress don't count.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from bot.eligibility.parsing.tables import tables
from bot.eligibility.parsing.text import (
    IN_PROGRESS_AFTER,
    NOT_ACHIEVED_AFTER,
    NOT_ACHIEVED_BEFORE,
    NOT_YET_AWARDED_AFTER,
    NOTHING,
    Parsed,
    Reading,
    Updates,
    clause_before,
    fail,
    is_hedged,
    is_in_progress,
    is_negated,
    is_unsure,
    never_raises,
    normalise,
    read_corrected,
    refuses,
    unclear,
)
from bot.eligibility.parsing.yes_no import parse_yes_no
from bot.knowledge import Qualification, load_knowledge

_GENERIC_LEVEL = re.compile(r"\b(?:rqf\s+)?level\s*-?\s*([0-8])\b|\bl([1-8])\b|\bnvq\s*([1-5])\b")
_NONE_ANSWERS = {
    "none",
    "nothing",
    "no",
    "nope",
    "n/a",
    "na",
    "not any",
    "none at all",
    "nothing at all",
    "no none",
    "zero",
    "nil",
    "no i don't",
    "i don't have any",
    "i dont have any",
    "i have none",
    "not really",
}
_NO_QUALIFICATIONS = re.compile(
    r"\b(?:no|not any|don't have any|dont have any|haven't got any|havent got any|"
    r"without any|never got any|left school with no|left school without)\s+"
    r"(?:formal\s+|real\s+)?(?:qualifications?|quals)\b|\bleft school with nothing\b"
)
_LEVEL_NUMBER_AFTER = re.compile(r"\s*-?\s*\d")
# Said in passing, a qualification counts only when the visitor holds it.
_POSSESSION = re.compile(
    r"\b(?:i have|i've|ive|i've got|i got|i hold|i did|i've done|i completed|i finished|"
    r"i studied|i graduated|graduated|i gained|i achieved|i passed|i earned|i've a|"
    r"my|with an?|got an?|have an?|hold an?)\b"
)


@dataclass(frozen=True)
class Found:
    level: int
    name: str
    qualification_id: str  # "" for a plain "Level N"
    in_progress: bool
    start: int
    not_achieved: bool = False  # failed, left, never finished
    end: int = 0


_STILL_STUDYING = re.compile(
    r"\b(?:graduating|i graduate|i'll graduate|will graduate|predicted|final year|in my \w+ year|"
    r"still studying|studying for|finishing (?:it|my|in|this|next)|results (?:are|come) out|"
    r"(?:first|second|third|final) year (?:of|at))\b"
)
# A degree's class names a degree: "I'm predicted a 2:1", "got a first in law".
_DEGREE_CLASS = re.compile(r"\b(?:2:1|2:2|2\.1|2\.2|a first(?= in| class|$)|first class|third class)")


# A qualification awarded on leaving a longer course: "left after two years with the
# DipHE", "dropped out but came away with a CertHE", "quit in third year, got the DipHE".
_AWARDED_ON_LEAVING = re.compile(
    r"\b(?:left|leaving|dropped out|quit|stopped|exited|came out|walked away|finished early)\b"
    r"[^.;!?]{0,50}?\b(?:with|got|get|getting|gained|awarded|given|gave me|received|came away with|took)\s+(?:me\s+)?"
    r"(?:an?\s+|the\s+|my\s+|\d+\s+|just\s+(?:an?\s+|the\s+)?|only\s+(?:an?\s+|the\s+)?)?$"
    r"|\b(?:came away with|walked away with|left with|exited with|was awarded|were awarded|got awarded|"
    r"was given|exit award(?:\s+of)?|an exit)\s+(?:an?\s+|the\s+|my\s+)?$"
)
_EXIT_AWARD = re.compile(r"\bexit (?:award|qualification)\b|\bcame away with\b|\bleft with\b|\bawarded\b")
_AWARDED_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?:as an exit award|as my exit award|when i left|on leaving|instead|"
    r"(?:which|that) i (?:was awarded|got|received) when i left)\b"
)


def _status(clean: str, start: int, end: int, next_start: int) -> tuple[bool, bool]:
    """(in progress, not achieved) for the qualification named at start..end."""
    before = clause_before(clean, start)
    after = clean[end:next_start]
    not_achieved = bool(NOT_ACHIEVED_BEFORE.search(before) or NOT_ACHIEVED_AFTER.search(after))
    if not_achieved and (_AWARDED_ON_LEAVING.search(before) or _AWARDED_AFTER.search(after)):
        not_achieved = False  # "I left after 2 years with the DipHE": awarded on leaving (003: Level 5)
    # "a degree and I'm studying for a master's": what follows a new "I" is about something else
    own = re.split(r"(?:,|;|\band\b|\bbut\b|\bplus\b)\s+(?:i|i'm|im|i've|ive|i am|currently)\b", after)[0]
    in_progress = not not_achieved and (
        is_in_progress(clean, start)
        or bool(IN_PROGRESS_AFTER.search(own) or NOT_YET_AWARDED_AFTER.search(own))
    )
    if re.search(r"\bstarted\b", before) and not not_achieved:
        in_progress = True  # "I started a degree" (and said no more): not finished
    return in_progress, not_achieved


def qualifications_found(clean: str) -> list[Found]:
    """Every qualification named, by alias or as "Level N", with whether it was achieved."""
    named: list[tuple[int, int, int, str, str]] = []  # start, end, level, name, id
    covered: list[tuple[int, int]] = []
    for m in tables().qualifications.find(clean):
        if _LEVEL_NUMBER_AFTER.match(clean, m.end) and clean[m.start : m.end].endswith("level"):
            continue  # "a level 3 certificate" is a Level 3, not A levels
        row = tables().qualification_by_id[m.key]
        covered.append((m.start, m.end))
        # The Level 5 Diploma in Probation Practice is part of the PQiP: never an
        # entry qualification, and its "level 5" is not read as one either.
        if row.level > 0 and row.counts_for_entry and not is_negated(clean, m.start):
            named.append((m.start, m.end, row.level, row.name, row.id))
    for g in _GENERIC_LEVEL.finditer(clean):
        if any(s <= g.start() < e for s, e in covered) or is_negated(clean, g.start()):
            continue
        level = int(next(group for group in g.groups() if group))
        if level > 0:
            named.append((g.start(), g.end(), level, f"Level {level} qualification", ""))
    if not any(level == 6 for _, _, level, _, _ in named):
        bachelors = tables().qualification("bachelors")
        for d in _DEGREE_CLASS.finditer(clean):
            if bachelors and not is_negated(clean, d.start()):
                named.append((d.start(), d.end(), bachelors.level, bachelors.name, bachelors.id))
    named.sort()
    found = []
    # One qualification named and the answer speaks of studying it ("graduating next
    # year, BSc psychology"): it is the course in progress, whichever clause says so.
    studying = (
        len({row_id or name for _, _, _, name, row_id in named}) == 1
        and _STILL_STUDYING.search(clean)
        and not _EXIT_AWARD.search(clean)  # "dropped out in final year, awarded a DipHE": no longer studying
    )
    for i, (start, end, level, name, row_id) in enumerate(named):
        next_start = named[i + 1][0] if i + 1 < len(named) else len(clean)
        in_progress, not_achieved = _status(clean, start, end, next_start)
        in_progress = in_progress or (bool(studying) and not not_achieved)
        found.append(Found(level, name, row_id, in_progress, start, not_achieved, end))
    return found


def _rows_named(clean: str) -> list[Qualification]:
    return [tables().qualification_by_id[m.key] for m in tables().qualifications.find(clean)]


def _no_qualifications() -> Qualification | None:
    return next((q for q in tables().qualification_by_id.values() if q.level == 0), None)


@never_raises
def parse_qualification(text: Any) -> Parsed:
    """The highest RQF level named (value), what it was (name) and its row (id).

    Negated names ("no degree") and ones still in progress ("studying for a
    degree") don't count; "none" / "no qualifications" is level 0.
    """
    clean = normalise(text)
    if not clean:
        return fail("empty answer")
    found = qualifications_found(clean)
    completed = [f for f in found if not f.in_progress and not f.not_achieved]
    if completed:
        best = max(completed, key=lambda f: f.level)
        note = "a course still in progress isn't counted" if len(completed) < len(found) else ""
        return Parsed(best.level, name=best.name, note=note, id=best.qualification_id)
    if found:
        return fail("in progress: ask for the highest finished")
    if any(not row.counts_for_entry for row in _rows_named(clean)):
        return fail("part of the PQiP, not an entry qualification")
    if (
        clean.strip(" .!") in _NONE_ANSWERS
        or _NO_QUALIFICATIONS.search(clean)
        or any(row.level == 0 for row in _rows_named(clean))
    ):
        none = _no_qualifications()
        return Parsed(0, name=none.name if none else "No formal qualifications", id=none.id if none else "")
    return fail("no qualification recognised")


def is_part_of_pqip(text: Any) -> bool:
    """Does the text name a qualification only PQiP learners hold (not an entry one)?"""
    return any(not row.counts_for_entry for row in _rows_named(normalise(text)))


def is_level3_vq(qualification_id: str | None) -> bool:
    """Is this qualifications.yml row one of the relevant Level 3 vocational qualifications?"""
    return bool(qualification_id) and qualification_id in tables().level3_vq_ids


def qualification_updates(level: int, qualification_id: str) -> Updates:
    """The profile fields a qualification sets: its level, its row, and a relevant
    Level 3 VQ when it is one."""
    updates: Updates = {"qualification_level": level, "qualification_id": qualification_id or None}
    if is_level3_vq(qualification_id):
        updates["level3_vq"] = True
    return updates


_STUDY = re.compile(r"\b(?:uni|university|college|course|studies|school of)\b")
# Studied outside the UK: the pages don't say how such qualifications are recognised.
_ABROAD = re.compile(r"\b(?:abroad|overseas|another country|outside the uk|back home)\b")
_ABROAD_PLACE = re.compile(r"\b(?:from|in|at)\s+(?:a\s+|the\s+)?(?:\w+\s+){0,3}$")
# What a word for a country's people qualifies when it names where study was done.
_STUDY_NOUN = (
    r"(?:university|universities|uni|college|polytechnic|institute|school|degree|bachelor'?s?|"
    r"master'?s?|diploma|qualifications?|llb|ba|bsc|ma|msc|mba|phd|system|education|board|exams?)"
)


@functools.lru_cache(maxsize=1)
def _abroad_adjective() -> re.Pattern:
    """ "an American university", "a Nigerian degree", "the Indian system": the words
    for the people of places outside the UK (knowledge/nations.yml), before a noun of study."""
    words = sorted(
        {a for n in load_knowledge().nations if n.route == "outside" for a in n.adjectives},
        key=len,
        reverse=True,
    )
    if not words:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(w) for w in words)
    # one word may come between ("a Romanian law degree"), unless it makes a subject
    # ("International Relations degree", "French literature degree")
    between = r"(?:(?!studies|relations|literature|languages?|history|politics|culture|and\b)\w+\s+)?"
    return re.compile(rf"(?<![\w.])(?:{alternatives})\s+{between}{_STUDY_NOUN}\b")


# Qualifications named in another country's own terms: "a licenciatura in psychology", "a
# Diplom", "laurea triennale", "the Abitur", "WASSCE". No page says what level they are, nor
# how they are recognised: unsure, never a level guessed and never asked again.
_OVERSEAS_NAME = re.compile(
    r"\b(?:licenciatura|licenciado|licenciada|licenciate|laurea|diplom|diplôme|diplome|magister|magistr|"
    r"magisterium|bakalavr|bakalar|bakalář|baccalaureat|baccalauréat|abitur|matura|maturita|staatsexamen|"
    r"kandidat|candidatura|ingeniero|ingenieur|título|titulo|grado en|grau|licence (?:en|de|d)|"
    r"waec|wassce|neco|cbse|icse|gaokao|spm|stpm|matric|hbo|mbo|vwo|havo|"
    r"(?:ba|bsc|ma|msc|degree|diploma|bachelor'?s?|master'?s?) (?:from|in) (?:a |the )?(?:foreign|non-uk|non uk))\b"
)


def studied_abroad(text: Any) -> bool:
    """Does the text say a qualification is from outside the UK ("a degree from Nigeria",
    "masters from a university in Poland", "the Indian system", "studied abroad")?"""
    clean = normalise(text)
    if _ABROAD.search(clean) or _abroad_adjective().search(clean) or _OVERSEAS_NAME.search(clean):
        return True
    return any(
        tables().nation_routes.get(m.key) == "outside"
        and _ABROAD_PLACE.search(clean[max(0, m.start - 40) : m.start])
        for m in tables().nations.find(clean)
    )


def _read_qualification(clean: str) -> Reading:
    found = qualifications_found(clean)
    completed = [f for f in found if not f.in_progress and not f.not_achieved]
    unfinished = [f for f in found if f.in_progress]
    notes: dict[str, Any] = {}
    if unfinished:
        course = max(unfinished, key=lambda f: f.level)
        notes["in_progress"] = {"name": course.name, "level": course.level}
    if completed:
        best = max(completed, key=lambda f: f.level)
        updates = qualification_updates(best.level, best.qualification_id)
        rests_on = clean[best.start : best.end]
        if studied_abroad(clean):
            return Reading(updates, "unsure", rests_on, unsure="unsure_overseas_qualification", notes=notes)
        if is_unsure(clean) or is_hedged(clause_before(clean, best.start) + clean[best.end : best.end + 25]):
            return unclear(
                updates,
                "qualification_level",
                clean,
                fallback=updates,
                unsure="unsure_qualification_level",
                name=best.name,
                notes=notes,
            )
        if notes and notes["in_progress"]["level"] <= best.level:
            notes = {}
        return Reading(updates, rests_on=rests_on, notes=notes)
    if found:  # only courses failed, left or not finished yet
        return unclear(
            {},
            "highest_finished",
            clean,
            unsure="unsure_qualification_unfinished",
            name=max(found, key=lambda f: f.level).name,
            notes=notes,
        )
    if any(not row.counts_for_entry for row in _rows_named(clean)):
        return NOTHING  # the PQiP's own diploma: asked again, saying why
    if any(
        tables().qualification_by_id[m.key].level <= 2 and is_negated(clean, m.start)
        for m in tables().qualifications.find(clean)
    ):
        none = _no_qualifications()  # "no GCSEs even": nothing at all
        return Reading(qualification_updates(0, none.id if none else ""), rests_on=clean)
    study = _STUDY.search(clean)
    if study and (
        NOT_ACHIEVED_BEFORE.search(clean)
        or NOT_ACHIEVED_AFTER.search(clean[study.end() :])
        or is_in_progress(clean, study.start())
        or IN_PROGRESS_AFTER.search(clean[study.end() :])
    ):
        # "I dropped out of uni", "I'm in my second year at college": nothing finished named
        return unclear({}, "highest_finished", clean, unsure="unsure_qualification_unfinished")
    parsed = parse_qualification(clean)
    if parsed.ok:
        return Reading(qualification_updates(parsed.value, parsed.id), rests_on=clean)
    if re.match(r"^(?:none|nothing|nowt|zilch)\b", clean) or (
        refuses(clean) and _NO_QUALIFICATIONS.search(clean)
    ):
        none = _no_qualifications()
        return Reading(qualification_updates(0, none.id if none else ""), rests_on=clean)
    if studied_abroad(clean) and not refuses(clean):
        # "a licenciatura from Brazil", "a degree from back home": none the table names, from
        # abroad: the pages say nothing of its level or recognition (noted, the check goes on)
        return Reading({}, "unsure", clean, unsure="unsure_overseas_qualification")
    if is_unsure(clean) or re.search(r"\b(?:diploma|certificate|qualification|course)\b", clean):
        return unclear({}, "qualification_level", clean, unsure="unsure_qualification_level")
    if _NOT_YET.match(clean):
        # "not yet", "none so far": nothing finished named, asked once what the highest finished is
        return unclear({}, "highest_finished", clean, unsure="unsure_qualification_unfinished")
    return NOTHING


_NOT_YET = re.compile(
    r"^\W*(?:no,?\s+)?(?:not yet|not as yet|not so far|nothing yet|nothing so far|none so far|not finished)\b"
)


def read_qualification(text: Any) -> Reading:
    """The answer to "what is your highest qualification?": the highest one achieved."""
    clean = normalise(text)
    if not clean:
        return NOTHING
    return read_corrected(clean, _read_qualification, lambda r: r.clear)


def volunteered_qualification(clean: str) -> Updates:
    """The highest qualification a sentence says the visitor holds ("I have an HND")."""
    held = [
        f
        for f in qualifications_found(clean)
        if not f.in_progress and not f.not_achieved and _POSSESSION.search(clause_before(clean, f.start))
    ]
    if not held:
        return {}
    best = max(held, key=lambda f: f.level)
    return qualification_updates(best.level, best.qualification_id)


# --- the relevant Level 3 vocational qualification --------------------------------------

# "a certificate in hairdressing", "yes, in beauty therapy": a subject named
# right after the qualification, or after the yes.
_SUBJECT = re.compile(
    r"(?:\b(?:certificate|diploma|qualification|vq|nvq|btec|award|level 3|3)|^(?:yes|yeah|yep|yh|i do)),?"
    r"\s+(?:in|of)\s+(?!my\b|the\b|a\b|an\b|it\b)[a-z]"
)


_VOCATIONAL_LEVEL3 = re.compile(
    r"\b(?:level\s*3|l3|nvq\s*3|nvq level 3|btec|diploma|certificate|vq|nvq|city (?:and|&) guilds)\b"
    r"|^(?:yes|yeah|yep|yh|ye|i do|i have)\b,?\s+(?:in|a|an|one in)\b"
)


def _read_level3_vq(clean: str) -> Reading:
    named = parse_qualification(clean)
    if named.ok and is_level3_vq(named.id):
        return Reading({"level3_vq": True}, rests_on=named.name)
    found = qualifications_found(clean)
    level3 = [f for f in found if f.level == 3 and f.qualification_id != "a_level"]
    held = [f for f in level3 if not f.in_progress and not f.not_achieved]
    if level3 and not held:  # failed, or still studying: not held yet
        return Reading({"level3_vq": False}, rests_on=clean)
    induction = re.search(r"\binduction\b", clean)
    if induction and not refuses(clean) and not is_negated(clean, induction.start()):
        return Reading({"level3_vq": True}, rests_on=clean)  # the PSO induction's VQ in Probation Practice
    if "probation" in clean and not refuses(clean) and not is_negated(clean, clean.index("probation")):
        return Reading({"level3_vq": True}, rests_on=clean)
    if re.search(r"\b(?:which|what) (?:ones?|counts?|qualifies)\b|\bwhat counts\b|\bwhich count\b", clean):
        return Reading({}, "unsure", rests_on=clean, unsure="unsure_level3_vq")
    answer = parse_yes_no(clean)
    if refuses(clean) or answer.value is False:
        return Reading({"level3_vq": False}, rests_on=clean)
    if (held or _SUBJECT.search(clean) or _VOCATIONAL_LEVEL3.search(clean)) and not re.search(
        r"\blevel\s*[12]\b", clean
    ):
        # a Level 3 in another subject: the FAQ doesn't list which count as "relevant"
        return Reading({}, "unsure", rests_on=clean, unsure="unsure_level3_vq")
    if is_unsure(clean) or is_hedged(clean) or answer.reason == "unsure":
        return unclear({}, "level3_vq", clean, unsure="unsure_level3_vq")
    if answer.ok:
        return Reading({"level3_vq": answer.value}, rests_on=clean)
    if re.search(r"\b(?:a levels?|gcses?|only|just)\b", clean):
        return Reading({"level3_vq": False}, rests_on=clean)
    return NOTHING


def read_level3_vq(text: Any) -> Reading:
    """A relevant Level 3 vocational qualification: yes, no, or one the pages can't judge.

    Only the probation ones count by name. A Level 3 in another subject (health
    and social care, childcare, hairdressing) may or may not be "relevant": the
    FAQ doesn't list which are, so it is noted for the helpline, not decided.
    """
    clean = normalise(text)
    if not clean:
        return NOTHING
    return read_corrected(clean, _read_level3_vq, lambda r: r.used)
