"""Language helpers every reader of free text shares: number words and
ordinals, clauses, negation and its scope, refusals, hedges, corrections, and
"is this a question?".

Plain Python, no Rasa; written once here. The eligibility readers
(bot/eligibility/parsing/) and the check's dialogue use them. Everything works
on text already lower-cased and cleaned (bot/eligibility/parsing/text.normalise).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# --- numbers and ordinals -----------------------------------------------------------------

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,  # of four: only the counting readers use it, for "all but the last"
}
# Words for a rough share of a whole: (lowest, highest) as a fraction of it.
QUANTITY_WORDS = {
    "a couple": (2, 2),
    "couple": (2, 2),
    "a few": (2, 3),
    "few": (2, 3),
    "several": (2, 3),
    "some": (1, 3),
    "most": (3, 4),
    "the majority": (3, 4),
    "half": (2, 2),
}


def words_to_digits(text: str) -> str:
    """'twenty five' -> '25', 'three' -> '3', so one number pattern reads both."""
    tens = "|".join(TENS)
    units = "|".join(k for k in NUMBER_WORDS if NUMBER_WORDS[k] < 10 and k != "zero")

    def compound(match: re.Match) -> str:
        return str(TENS[match.group(1)] + NUMBER_WORDS[match.group(2)])

    text = re.sub(rf"\b({tens})[\s-]({units})\b", compound, text)
    text = re.sub(rf"\b({tens})\b", lambda m: str(TENS[m.group(1)]), text)
    return re.sub(rf"\b({'|'.join(NUMBER_WORDS)})\b", lambda m: str(NUMBER_WORDS[m.group(1)]), text)


# "two or three", "2-3", "two, or three", "2, maybe 3", "between 2 and 3": (low, high)
_RANGE = re.compile(
    r"(?<![\w.])(\d{1,3})\s*(?:-|–|to|or|,\s*or|or maybe|,\s*maybe|,\s*possibly)\s*(\d{1,3})(?![\w.%])"
    r"|\bbetween (\d{1,3}) and (\d{1,3})\b"
)


def number_range(numeric: str) -> tuple[int, int, int] | None:
    """(low, high, where) of the first range in text whose number words are digits."""
    for m in _RANGE.finditer(numeric):
        low, high = (int(g) for g in (m.groups()[:2] if m.group(1) else m.groups()[2:]))
        if low < high:
            return low, high, m.start()
    return None


# --- clauses and negation -----------------------------------------------------------------

CLAUSE_BREAK = re.compile(r"[,;.!?\n:()]|\s[-–—]\s| but | and | although | though | however | whereas | so ")
NEGATION = re.compile(
    r"\b(no|not|never|without|don't|dont|do not|didn't|didnt|haven't|havent|hasn't|"
    r"have not|hadn't|isn't|aren't|wasn't|won't|can't|cannot|nor|neither)\b"
)


def clause_before(text: str, start: int) -> str:
    """The words between the last clause break and `start`."""
    before = text[:start]
    breaks = list(CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def clause_after(text: str, end: int) -> str:
    """The words from `end` to the next clause break."""
    found = CLAUSE_BREAK.search(text, end)
    return text[end : found.start()] if found else text[end:]


# A bare "no" opening an answer answers the question ("no I'd need a sponsor");
# it does not negate what follows it, unlike "no degree".
_ANSWER_NO = re.compile(
    r"^\s*(?:no+|nope|nah)\s+(?=(?:i|i'd|i'm|i've|im|id|ive|we|it|that|sorry|but|just|only|thanks|"
    r"actually|wait)\b)"
)


def is_negated(text: str, start: int) -> bool:
    """Is the word at `start` inside a negation's scope (its clause, before it)?"""
    clause = clause_before(text, start)
    if len(clause) == start:  # the clause opens the answer
        clause = _ANSWER_NO.sub("", clause)
    return bool(NEGATION.search(clause))


# "No, but ...", "not really - ...", "I wish!": the answer's own yes/no is a no,
# whatever the rest of it describes.
REFUSAL = re.compile(
    r"^(?:well\s+|honestly\s+|um+\s+|erm+\s+)?(?:(?:probably|prob|maybe|i think|i guess|i doubt it|"
    r"doubt it)[\s,]+not\b|i doubt it\b|doubt it\b|no+\b|nope\b|nah\b|not really\b|not yet\b|"
    r"not as such\b|not exactly\b|not at all\b|not that i know of\b|never\b|nothing\b|none\b|"
    # "I wish!" refuses; "I wish it were all choir practice, but ..." wishes something else
    r"i wish\b(?!\s+(?:it|that|this|they)\s+(?:were|was|had been)\b)|sadly not\b|afraid not\b|unfortunately not\b|i'm afraid not\b|"
    r"i don't\b(?!\s+(?:know|remember|think so but))|i dont\b(?!\s+know)|i do not\b(?!\s+know)|i haven't\b|i havent\b|i have not\b|i've not\b|ive not\b|"
    r"not\b(?!\s+sure))"
)


def refuses(clean: str) -> bool:
    """Does the answer open with a no ("no, but ...", "not really", "I wish")?"""
    return bool(REFUSAL.match(clean.strip()))


# --- hedges and doubt ---------------------------------------------------------------------

UNSURE = re.compile(
    r"\b(?:not sure|unsure|not certain|don't know|dont know|do not know|dunno|no idea|idk|"
    r"can't remember|cant remember|don't remember|not too sure|no clue|it depends|depends|"
    r"can't think what|cant think what|forget what|forgotten what)\b"
)
HEDGE = re.compile(
    r"\b(?:i think|i believe|i guess|i reckon|i suppose|probably|prob|maybe|perhaps|possibly|"
    r"might be|may be|kind of|kinda|sort of|sorta|if i remember|iirc|i'm not sure|roughly|"
    r"more or less|ish|or so|something like|not sure if)\b"
    r"|" + UNSURE.pattern
)


def is_unsure(clean: str) -> bool:
    """ "I don't know", "not sure": doubt about the whole answer."""
    return bool(UNSURE.search(clean))


def is_hedged(clean: str) -> bool:
    """ "I think", "probably", "sort of": the answer is not a certainty."""
    return bool(HEDGE.search(clean))


# --- corrections --------------------------------------------------------------------------

# Where a correction starts: "I'm 17 - no wait, I'm 21"; "three - no, two";
# "England, sorry, I mean Wales"; "yes. actually no". The corrected part runs
# from here to the end.
CORRECTION = re.compile(
    r"\bno wait\b|\bwait\b|\bsorry\b|\bi mean\b|\bi meant\b|\bactually\b|\bcorrection\b|"
    r"\bscratch that\b|\bor rather\b|\bmy mistake\b|\bmy bad\b|\boops\b|\bi misread\b|\btypo\b"
    r"|(?<=[-–—.,;!]\s)no\b(?=[\s,!-])|(?<=[-–—.,;!])no\b(?=[\s,!-])|(?<=\.\.\.\s)no\b"
)


def correction_starts(clean: str) -> list[int]:
    """Where each correction marker starts, last first."""
    return [m.start() for m in reversed(list(CORRECTION.finditer(clean)))]


def read_corrected(clean: str, read: Callable[[str], T], usable: Callable[[T], bool]) -> T:
    """The reading of the corrected part of an answer, or of the whole.

    From the last correction marker back, the first part after one that gives
    a usable reading wins ("I'm 17 - no wait, I'm 21" is 21); otherwise the
    whole answer is read. When the tail after a marker is not usable because of
    what a later marker adds (an apology after it: "17 - no wait, 21, sorry,
    typing with one hand"), the part up to that later marker is read too.
    """
    starts = correction_starts(clean)
    for i, start in enumerate(starts):
        reading = read(clean[start:])
        if usable(reading):
            return reading
        if i > 0:
            reading = read(clean[start : starts[i - 1]])
            if usable(reading):
                return reading
    return read(clean)


# --- is this a question? ------------------------------------------------------------------

# Opening words of a question ("what", "can", "tell me"): the interview, the follow-ups
# and the check all read a question's start with this one pattern.
QUESTION_START = re.compile(
    r"^\W*(?:what|what's|whats|how|when|where|who|why|which|can|could|do|does|did|is|are|will|"
    r"would|should|may|am i|have i|has|tell me|tell|explain)\b",
    re.IGNORECASE,
)
# Narrower, for answers in the check: "is it", "can i", not a bare "is" or "did" that
# also opens an answer ("did a degree").
QUESTION = re.compile(
    r"\?\s*$|^\s*(how|what|what's|whats|which|when|where|who|why|is there|are there|"
    r"is it|are they|can i|could i|do i|does|do you|will i|would i|should i)\b",
    re.IGNORECASE,
)


def opens_as_question(text: str) -> bool:
    """Does the text open with a question word ("how long...", "and what about" excluded)?"""
    return bool(QUESTION_START.match(text or ""))


def looks_like_question(text: str, max_words: int | None = None) -> bool:
    """Shaped like a question: ends with "?" or opens with a question word.

    With `max_words` (the interview's answers are long), only messages that
    short count, and any question word opens one; without it, the check's
    narrower openings are used.
    """
    stripped = (text or "").strip()
    if max_words is None:
        return bool(QUESTION.search(stripped))
    words = len(stripped.split())
    return 0 < words <= max_words and (stripped.endswith("?") or opens_as_question(stripped))
