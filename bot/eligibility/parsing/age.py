"""The visitor's age: as an answer ("31", "twenty five"), stated in passing
("I'm 31"), or in the asking ("am I too old at 60?")."""

from __future__ import annotations

import re
from typing import Any

from bot.eligibility.parsing.text import Parsed, fail, never_raises, normalise, words_to_digits

MIN_AGE, MAX_AGE = 13, 100  # plausible ages for a visitor; school pupils ask too

_NUMBER = re.compile(r"(?<![\w.])(-\s?)?(\d{1,4})(?:\.\d+)?(?![\w])")
_STATED_AGE = re.compile(
    r"\b(?:i'm|im|i am|aged|age|age is|age of)\s+(\d{1,3})\b"
    r"|\b(\d{1,3})\s*(?:years? old|yrs? old|y/?o|yo|years? of age|year-old|yr old)\b"
)
_FUTURE_AGE = re.compile(r"\b(?:i'll be|ill be|i will be|turning|i turn|going to be|gonna be)\s+(\d{1,3})\b")
# "Am I too old at 60?" states an age in the asking.
_AGE_ASKED_ABOUT = re.compile(
    r"\b(?:am i|i'm|im|i am|would i be|will i be)\s+(?:\w+\s+)?(?:too old|too young|old enough)"
    r"\b[^.?!]{0,60}?\bat\s+(\d{1,3})\b(?!\s*(?:hours|%|pm|am\b))"
    r"|^(?:\w+\s+)?at\s+(\d{1,3})\s*,?\s*(?:am i|would i be|will i be)\s+(?:\w+\s+)?"
    r"(?:too old|too young|old enough)\b"
)


def plausible(age: int) -> bool:
    return MIN_AGE <= age <= MAX_AGE


def _matched_age(match: re.Match | None) -> int | None:
    """The age one of the two-group patterns found, if it is a plausible one."""
    if not match:
        return None
    age = int(match.group(1) or match.group(2))
    return age if plausible(age) else None


def _age_result(age: int, note: str = "") -> Parsed:
    if not plausible(age):
        return fail(f"{age} is outside {MIN_AGE}-{MAX_AGE}")
    return Parsed(age, note=note)


@never_raises
def parse_age(text: Any) -> Parsed:
    """An age in years: 'I'm 31', '31', 'twenty five', "I'll be 18 next month" (-> 17)."""
    clean = words_to_digits(normalise(text))
    if not clean:
        return fail("empty answer")
    stated = _STATED_AGE.search(clean)
    if stated:
        return _age_result(int(stated.group(1) or stated.group(2)))
    future = _FUTURE_AGE.search(clean)
    if future:  # "I'll be 18 next month": today they are one year younger
        return _age_result(int(future.group(1)) - 1, note="counted as a year younger for now")
    numbers = list(_NUMBER.finditer(clean))
    if any(m.group(1) for m in numbers):
        return fail("an age can't be negative")
    if len(numbers) != 1:
        return fail("no age found" if not numbers else "more than one number")
    value = int(numbers[0].group(2))
    if value >= 1900:
        return fail("looks like a year of birth; ask for the age in years")
    return _age_result(value)


def volunteered_age(numeric: str) -> int | None:
    """An age stated outright ("I'm 25") in text whose number words are digits."""
    return _matched_age(_STATED_AGE.search(numeric))


def age_asked_about(numeric: str) -> int | None:
    """The age in "am I too old at 60?" / "at 45, am I too old?"."""
    for sentence in re.split(r"(?<=[.!?\n])\s+", numeric):
        match = _AGE_ASKED_ABOUT.search(sentence.strip())
        if match:
            return _matched_age(match)
    return None
