"""Facts the visitor states outright in any message ("I'm 25 and have an HND,
can I apply?"), for the opening message and corrections mid-check.

The sentence is first cut to its stating parts (the asking and suppositions
dropped), then each field's module reads what it can.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from bot.eligibility.parsing.age import age_asked_about, volunteered_age
from bot.eligibility.parsing.experience import parse_role, volunteered_experience
from bot.eligibility.parsing.knowledge_areas import volunteered_modules
from bot.eligibility.parsing.nation import volunteered_nation
from bot.eligibility.parsing.qualification import studied_abroad, volunteered_qualification
from bot.eligibility.parsing.right_to_work import volunteered_right_to_work
from bot.eligibility.parsing.text import Updates, is_negated, normalise, words_to_digits

logger = logging.getLogger("bot.eligibility.parsing")

_QUESTION_START = re.compile(
    r"^(?:do|does|did|can|could|is|are|am|what|which|how|should|would|will|must|if|when|"
    r"where|why|who)\b(?!')"
)
# Inside a question sentence: where clauses split, the words that ask, and the
# condition that describes the visitor ("can I apply if I'm 17?").
_CLAUSE_SPLIT = re.compile(r"(\s*[,;:]\s*|\s+(?:so|but|and|or|then)\s+)")
_FILLER = re.compile(r"^(?:(?:so|and|but|or|then|also|please|ok|okay|well|hi|hello|hey|just)\s+)+")
_INVERSION = re.compile(
    r"\b(?:can|could|am|do|does|did|would|should|will|may|might|must|is|are)\s+"
    r"(?:i|it|there|that|this)\b(?!')"
)
_FIRST_PERSON = re.compile(r"^(?:i|i'm|im|i've|ive|i'd|my)\b")
# Only a condition about the present counts: "if I'm 17", "if I have an HND" -
# not a supposition ("what if I'm 17?") or a future ("if I get a degree").
_PRESENT_CONDITION = re.compile(
    r"(?<!what )\bif\s+(?=(?:i'm|im|i am|i have|i've|ive|i live|i work|i volunteer|i hold|"
    r"i already|i need|i'd need|my)\b)"
)


def _statements(clean: str) -> list[str]:
    """The parts of each sentence that state something.

    A plain statement is kept whole. In a question the asking is dropped and
    the facts around it kept: "i'm 25 and have a degree, can i apply?" keeps
    "i'm 25 and have a degree"; "can i apply if i'm 17?" keeps "i'm 17".
    """
    pieces: list[str] = []
    for sentence in re.split(r"(?<=[.!?\n])\s+", clean):
        sentence = sentence.strip()
        if not sentence:
            continue
        if not sentence.endswith("?") and not _QUESTION_START.match(sentence):
            pieces.append(sentence)
        else:
            pieces.extend(_statements_in_question(sentence))
    return pieces


def _statements_in_question(sentence: str) -> list[str]:
    """Runs of stating clauses in a question, each run joined back as written.

    Clauses before the first asking one state facts; after one, a clause counts
    only when it starts a new first-person statement ("can i apply, i'm 25"),
    so "how old must you be, 18 years old?" gives nothing.
    """
    tokens = _CLAUSE_SPLIT.split(sentence)  # clause, separator, clause, ...
    pieces: list[str] = []
    current = ""
    stating = True
    for i in range(0, len(tokens), 2):
        clause = _FILLER.sub("", tokens[i])
        separator = tokens[i - 1] if i else ""
        inversion = _INVERSION.search(clause)
        asks_from = 0 if _QUESTION_START.match(clause) else (inversion.start() if inversion else None)
        if asks_from is None:  # a stating clause
            if stating or _FIRST_PERSON.match(clause):
                current = current + separator + clause if current else clause
                stating = True
            continue
        head = clause[:asks_from].strip()
        if head and (stating or _FIRST_PERSON.match(head)):
            current = current + separator + head if current else head
        if current:
            pieces.append(current)
        condition = _PRESENT_CONDITION.search(clause, asks_from)
        current = clause[condition.end() :] if condition else ""
        stating = bool(condition)
    if current:
        pieces.append(current)
    return pieces


def extract_volunteered(text: Any) -> Updates:
    """Profile fields stated outright in any message, e.g. an opening one.

    Conservative: only explicit statements ("I'm 25", "I live in Wales",
    "I have an HND"), including those around or inside a question ("I'm 25,
    can I apply?", "can I apply if I'm 17?"), never the asking itself, a
    supposition ("what if I'm 17?") or a bare number.
    """
    try:
        clean = normalise(text)
        found: dict[str, Any] = {}
        for sentence in _statements(clean):
            _merge(found, _from_sentence(sentence))
        if "age" not in found:
            age = age_asked_about(words_to_digits(clean))
            if age is not None:
                found["age"] = age
        return found
    except Exception:  # noqa: BLE001 - see text.never_raises
        logger.exception("extract_volunteered failed")
        return {}


def _from_sentence(sentence: str) -> Updates:
    numeric = words_to_digits(sentence)
    role = parse_role(sentence)
    fields = {
        "age": volunteered_age(numeric),
        "right_to_work": volunteered_right_to_work(sentence),
        "nation": volunteered_nation(sentence),
        "knowledge_modules": volunteered_modules(numeric),
        "experience": volunteered_experience(sentence),
        "role": role.value if role.ok else None,
    }
    found = {k: v for k, v in fields.items() if v is not None}
    found.update(volunteered_qualification(sentence))  # its row id may be None: a plain "Level N"
    return found


def _merge(found: Updates, more: Updates) -> None:
    """Earlier sentences win, except a higher qualification level."""
    for key, value in more.items():
        if key not in found:
            found[key] = value
    if more.get("qualification_level", -1) > found.get("qualification_level", -1):
        found["qualification_level"] = more["qualification_level"]
        found["qualification_id"] = more.get("qualification_id")


# --- what the check notes from a message that is not an answer -----------------------------

# The visitor's own record: "I had a caution at 17", "my conviction is spent", "I've got a
# criminal record" (not "no criminal record", "I've never been arrested", "my brother's").
_RECORD = re.compile(
    r"\b(?:convictions?|convicted|cautions?|cautioned|criminal record|a record|reprimand|"
    r"youth caution|conditional discharge|absolute discharge|suspended sentence|"
    r"been arrested|was arrested|got arrested|been in prison|was in prison|served time|did time)\b"
)
_OWN = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i had|i got|my|me)\b")
_DROPPED_I = re.compile(r"(?:got|had|have|received|been given|was given)\b")
_SOMEONE_ELSE = re.compile(
    r"\b(?:my|his|her|their)\s+(?:\w+\s+)?(?:brother|sister|mum|mom|mother|dad|father|partner|husband|"
    r"wife|boyfriend|girlfriend|friend|cousin|son|daughter|uncle|aunt|family|relative)s?\b"
    r"|\b(?:he|she|they|someone|somebody|people|anyone)\b"
)


def mentions_own_record(clean: str) -> bool:
    """Does the message say the visitor has a conviction, caution or the like?"""
    for m in _RECORD.finditer(clean):
        clause = clean[max(0, m.start() - 60) : m.start()]
        own = _OWN.search(clause) or _DROPPED_I.match(clean)  # "got a caution at 17, can I apply?"
        if is_negated(clean, m.start()) or _SOMEONE_ELSE.search(clause) or not own:
            continue
        return True
    return False


def volunteered_notes(text: Any) -> dict[str, Any]:
    """What the check notes from an opening message besides its facts: a qualification
    from outside the UK (the pages don't say how one is recognised: noted as unsure for
    the helpline), and the visitor's own record (security clearance then decides)."""
    try:
        clean = normalise(text)
        notes: dict[str, Any] = {}
        stated = " ".join(_statements(clean))
        if volunteered_qualification(stated) and studied_abroad(clean):
            notes["unsure"] = {"qualification_level": "unsure_overseas_qualification"}
        if mentions_own_record(clean):
            notes["record"] = True
        return notes
    except Exception:  # noqa: BLE001 - see text.never_raises
        logger.exception("volunteered_notes failed")
        return {}
