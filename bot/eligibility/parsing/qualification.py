"""The visitor's highest qualification, and the relevant Level 3 vocational one.

Qualifications are read by their knowledge/qualifications.yml aliases (the
row id is what the profile keeps) or as a plain "Level N"; negated names
("no degree") and courses still in progress don't count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.eligibility.parsing.tables import tables
from bot.eligibility.parsing.text import (
    Parsed,
    Updates,
    clause_before,
    fail,
    is_in_progress,
    is_negated,
    never_raises,
    normalise,
    value_of,
)
from bot.eligibility.parsing.yes_no import parse_yes_no
from bot.knowledge import Qualification

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


def qualifications_found(clean: str) -> list[Found]:
    """Every qualification named, by alias or as "Level N", in order of the table then levels."""
    found, covered = [], []
    for m in tables().qualifications.find(clean):
        if _LEVEL_NUMBER_AFTER.match(clean, m.end) and clean[m.start : m.end].endswith("level"):
            continue  # "a level 3 certificate" is a Level 3, not A levels
        row = tables().qualification_by_id[m.key]
        covered.append((m.start, m.end))
        # The Level 5 Diploma in Probation Practice is part of the PQiP: never an
        # entry qualification, and its "level 5" is not read as one either.
        if row.level > 0 and row.counts_for_entry and not is_negated(clean, m.start):
            found.append(Found(row.level, row.name, row.id, is_in_progress(clean, m.start), m.start))
    for g in _GENERIC_LEVEL.finditer(clean):
        if any(s <= g.start() < e for s, e in covered) or is_negated(clean, g.start()):
            continue
        level = int(next(group for group in g.groups() if group))
        if level > 0:
            found.append(
                Found(level, f"Level {level} qualification", "", is_in_progress(clean, g.start()), g.start())
            )
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
    completed = [f for f in found if not f.in_progress]
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


def read_qualification(text: Any) -> Updates:
    """The answer to "what is your highest qualification?"."""
    parsed = parse_qualification(text)
    return qualification_updates(parsed.value, parsed.id) if parsed.ok else {}


def volunteered_qualification(clean: str) -> Updates:
    """The highest qualification a sentence says the visitor holds ("I have an HND")."""
    held = [
        f
        for f in qualifications_found(clean)
        if not f.in_progress and _POSSESSION.search(clause_before(clean, f.start))
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


def _names_other_level3(clean: str) -> bool:
    """A Level 3 named in a subject other than probation, or a Level 3 that isn't a VQ by name."""
    if "probation" in clean:
        return False
    named = [f for f in qualifications_found(clean) if f.level == 3]
    return bool(_SUBJECT.search(clean)) or any(f.qualification_id for f in named)


def read_level3_vq(text: Any) -> Updates:
    """A relevant Level 3 vocational qualification: yes / no, or named.

    Only the probation ones count by name; "yes, a Level 3 certificate in
    hairdressing" names another subject, which the access route's "relevant"
    does not cover, so it is a no (the outcome says to ask the helpline).
    """
    named = parse_qualification(text)
    if named.ok and is_level3_vq(named.id):
        return {"level3_vq": True}
    answer = value_of("level3_vq", parse_yes_no)(text)
    if answer.get("level3_vq") is not False and _names_other_level3(normalise(text)):
        return {"level3_vq": False}
    return answer
