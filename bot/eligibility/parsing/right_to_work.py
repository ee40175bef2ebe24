"""The right to work in the UK: yes/no, or a status that settles it."""

from __future__ import annotations

import re
from typing import Any

from bot.eligibility.parsing.text import (
    NOTHING,
    Parsed,
    Reading,
    fail,
    first_phrase,
    is_hedged,
    is_negated,
    is_unsure,
    never_raises,
    normalise,
    phrase_pattern,
    read_corrected,
    refuses,
    unclear,
)
from bot.eligibility.parsing.yes_no import STRONG_YES_NO, UNSURE, parse_yes_no

_RIGHT_TO_WORK_PHRASES: dict[str, bool | None] = {
    "british citizen": True,
    "uk citizen": True,
    "british national": True,
    "irish citizen": True,
    "british passport": True,
    "uk passport": True,
    "i'm british": True,
    "im british": True,
    "i am british": True,
    # a bare nationality that carries the right to work answers the question ("British")
    "british": True,
    "uk national": True,
    "settled status": True,
    "pre-settled status": True,
    "presettled status": True,
    "pre settled status": True,
    "indefinite leave": True,
    "ilr": True,
    "right of abode": True,
    "born here": True,
    "born in the uk": True,
    "born and raised": True,
    "born and bred": True,
    "the right to work": True,
    "right to work": True,
    "need a visa": False,
    "needs a visa": False,
    "need visa": False,
    "would need a visa": False,
    "need a work visa": False,
    "require a visa": False,
    "need sponsorship": False,
    "need a sponsor": False,
    "would need sponsorship": False,
    "require sponsorship": False,
    "need visa sponsorship": False,
    "need to be sponsored": False,
    "no visa": False,
    "not allowed to work": False,
    "can't work": False,
    "cannot work": False,
    "no right to work": False,
    "visa": None,
    "waiting for": None,
    "applied for": None,
    "pending": None,
}
# Stated in passing, in any message: "I'm a British citizen", "I'd need a visa".
_STATED_RIGHT_TO_WORK = re.compile(
    r"\b(?:i'm|im|i am)\s+(?:a\s+)?(?:british|uk|irish)\s+(?:citizen|national)\b"
    r"|\bi\s+(?:have|hold|got|'ve got|'ve)\s+(?:the\s+)?(?:right to work|settled status|"
    r"pre-settled status|indefinite leave)\b|\bi'm british\b|\bi am british\b"
)
_STATED_NO_RIGHT_TO_WORK = re.compile(
    r"\bi\s+(?:would\s+)?(?:need|require)\s+(?:a\s+)?(?:visa|sponsorship|sponsor|work visa)\b"
    r"|\bi\s+(?:don't|do not|dont)\s+have\s+(?:the\s+)?right to work\b|\bno right to work\b"
)


def _first_status(text: str) -> tuple[str, bool | None, int] | None:
    """The first right-to-work phrase: (phrase, meaning, where)."""
    hits = [
        (m.start(), -len(p), p, v)
        for p, v in _RIGHT_TO_WORK_PHRASES.items()
        for m in [re.search(phrase_pattern(p), text)]
        if m
    ]
    if not hits:
        return None
    start, _, phrase, meaning = min(hits)
    return phrase, meaning, start


@never_raises
def parse_right_to_work(text: Any) -> Parsed:
    """Yes/no, or a status that settles it ("British citizen" -> yes, "need a visa" -> no)."""
    clean = normalise(text)
    if not clean:
        return fail("empty answer")
    status = _first_status(clean)
    if status is None:
        return parse_yes_no(clean)
    phrase, meaning, start = status
    said = first_phrase(clean, STRONG_YES_NO)
    if meaning is None:  # "I have a visa": only a plain yes/no settles it
        return Parsed(said) if said is not None else fail(UNSURE)
    if meaning and is_negated(clean, start):
        # "I don't have the right to work" is a no; "not a British citizen" says nothing
        return Parsed(False) if "right to work" in phrase else fail(UNSURE)
    return Parsed(meaning)


def volunteered_right_to_work(text: str) -> bool | None:
    if _STATED_NO_RIGHT_TO_WORK.search(text):
        return False
    if _STATED_RIGHT_TO_WORK.search(text):
        return True
    return None


# --- the answer as a reading --------------------------------------------------------------

# What a given visa or status allows is on none of the pages: noted for the helpline.
_VISA_OR_PENDING = re.compile(
    r"\b(?:visa|visas|refugee status|refugee|asylum|humanitarian protection|brp|"
    r"biometric residence permit|work permit|limited leave|leave to remain(?! indefinitely)|"
    r"dependant|dependent|sponsored|tier \d|bno|waiting (?:on|for)|pending|applied for|"
    r"being renewed|renewal|awaiting|my papers|home office)\b"
)
_NEEDS_SPONSOR = re.compile(
    r"\b(?:need|needs|needed|require|would need|i'd need|id need)\s+(?:a\s+|to be\s+)?"
    r"(?:work\s+)?(?:visa|sponsor|sponsorship|sponsored|permit)\b"
    r"|\bno right to work\b|\bnot allowed to work\b|\bcan'?t work\b|\bcannot work\b"
    r"|\b(?:don't|do not|dont)\s+have\s+(?:the\s+)?right to work\b"
)
_INDEFINITE = re.compile(r"\bindefinite leave\b|\bilr\b|\bsettled status\b")


def _read_right_to_work(clean: str) -> Reading:
    if any(not is_negated(clean, m.start()) for m in _NEEDS_SPONSOR.finditer(clean)):
        return Reading({"right_to_work": False}, rests_on=clean)
    if refuses(clean) and not _first_status_true(clean):
        return Reading({"right_to_work": False}, rests_on=clean)  # "no, I'm on a student visa": their own no
    visa = _VISA_OR_PENDING.search(clean)
    if (
        visa
        and not is_negated(clean, visa.start())
        and not (_INDEFINITE.search(clean) and not re.search(r"applied|waiting|pending|awaiting", clean))
    ):
        return Reading({}, "unsure", rests_on=visa.group(0), unsure="unsure_visa")
    if is_unsure(clean) or (is_hedged(clean) and not refuses(clean)):
        return unclear({"right_to_work": True}, "right_to_work", clean, unsure="unsure_right_to_work")
    if _first_status_true(clean):
        return Reading({"right_to_work": True}, rests_on=clean)
    if refuses(clean):
        return Reading({"right_to_work": False}, rests_on=clean)
    parsed = parse_right_to_work(clean)
    if parsed.ok:
        return Reading({"right_to_work": parsed.value}, rests_on=clean)
    return NOTHING


def _first_status_true(clean: str) -> bool:
    """A status that settles it, not negated: "no visa needed, I'm British"."""
    for phrase, meaning in _RIGHT_TO_WORK_PHRASES.items():
        if meaning:
            match = re.search(phrase_pattern(phrase), clean)
            if match and not is_negated(clean, match.start()):
                return True
    return False


def read_right_to_work(text: Any) -> Reading:
    """The answer to "do you have the right to work in the UK?"."""
    clean = normalise(text)
    if not clean:
        return NOTHING
    return read_corrected(clean, _read_right_to_work, lambda r: r.used)
