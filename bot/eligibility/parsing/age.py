"""The visitor's age: as an answer ("31", "twenty five"), stated in passing
("I'm 31"), or in the asking ("am I too old at 60?")."""

from __future__ import annotations

import re
from typing import Any

from bot.eligibility.parsing.tables import tables
from bot.eligibility.parsing.text import (
    NOTHING,
    Parsed,
    Reading,
    clause_before,
    fail,
    never_raises,
    normalise,
    read_corrected,
    straddles,
    unclear,
    words_to_digits,
)
from bot.language import CORRECTION, number_range

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


# Right after a stated age, a correction and the age meant: "I'm 17 - sorry, fat fingers,
# 27 - and ...", "I'm 71, I mean 17". A few words at most between (not "sorry, I've been a
# carer for 15 years"), and no unit after the number.
_CORRECTED_AFTER = re.compile(
    rf"^\s*[-–—,.;!]*\s*(?:{CORRECTION.pattern})(?:[\s,.;:!-]+[a-z']+){{0,3}}?[\s,.;:!-]+(\d{{1,3}})\b"
    r"(?!\s*(?:years?|yrs?|months?|weeks?|hours?|%|k\b|times?|next|soon|in\s+\w+|on\s+\w+|this\s+\w+|tomorrow))"
)


def volunteered_age(numeric: str) -> int | None:
    """An age stated outright ("I'm 25") in text whose number words are digits; a
    correction right after it wins ("I'm 17 - sorry, fat fingers, 27")."""
    stated = _STATED_AGE.search(numeric)
    age = _matched_age(stated)
    if stated is not None and age is not None:
        corrected = _CORRECTED_AFTER.match(numeric[stated.end() :])
        if corrected and plausible(int(corrected.group(corrected.lastindex or 1))):
            return int(corrected.group(corrected.lastindex or 1))
    return age


def age_asked_about(numeric: str) -> int | None:
    """The age in "am I too old at 60?" / "at 45, am I too old?"."""
    for sentence in re.split(r"(?<=[.!?\n])\s+", numeric):
        match = _AGE_ASKED_ABOUT.search(sentence.strip())
        if match:
            return _matched_age(match)
    return None


# --- the answer as a reading: ranges, hedges, "over 18", "not 18 yet" -------------------

_DECADES = {
    "teens": 10,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
}
_DECADE = re.compile(rf"\b(?:(early|mid|mid-|late)\s*)?({'|'.join(_DECADES)}|[1-7]0'?s)\b")
_DECADE_DIGITS = {f"{n}0s": n * 10 for n in range(1, 8)}
_OVER_UNDER = re.compile(
    r"\b(over|above|older than|under|below|younger than|not|not quite|nearly|almost)\s+(\d{1,3})\b(\s*yet)?|\b(\d{1,3})\s*(\+|plus)"
)
_NEXT_BIRTHDAY = re.compile(
    r"\b(\d{1,3})\s+(?:next birthday|next month|next week|next year|soon|in (?:the )?\w+)\b"
)
_AGE_HEDGE = re.compile(
    r"\b(?:i think|probably|maybe|about|around|roughly|approximately|approx|or so)\b|\d\s*ish\b"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|the summer|the spring|the autumn|the winter"
)
_FUTURE_NUMBER = re.compile(
    rf"(?<!turned )(?<!was )(?<!been )\b(\d{{1,3}})\s+(?:in\s+(?:{_MONTHS})|next (?:week|month|year|birthday)|soon)\b"
)


def _age_reading(low: int, high: int, value: int, rests_on: str) -> Reading:
    """An age, or a range of ages: clear unless the range crosses the minimum age."""
    if not (plausible(low) and plausible(high)):
        return NOTHING
    if straddles(low, high, tables().min_age):
        return unclear({"age": value}, "age", rests_on, unsure="unsure_age")
    return Reading({"age": value}, rests_on=rests_on)


# A rough age, then the exact one: "fifty or so - 51", "thirty something, 34", "late
# forties... 48 actually". The exact number is the answer.
_ROUGH_THEN_EXACT = re.compile(
    r"^(?P<rough>.*?(?:\d|teens|twenties|thirties|forties|fifties|sixties|seventies).*?)"
    r"\s*(?:[-–—,:;]|\.\.\.|\.)\s*(?:(?:well|so|i'm|im|i am|actually|exactly|precisely|to be exact|"
    r"if you want it exactly|i'll be honest)[\s,]+)*(?P<exact>\d{1,3})"
    r"(?:\s*(?:exactly|actually|precisely|to be exact|to be precise|in truth|honestly|really|tbh|"
    r"years?(?: old)?|yrs?))*\s*[.!]*$"
)
_ROUGH = re.compile(
    r"\b(?:something|odd|or so|ish|about|around|roughly|nearly|almost|over|under|early|mid|late)\b|ish\b|\d+s\b"
)


def _rough_then_exact(numeric: str) -> Reading | None:
    match = _ROUGH_THEN_EXACT.match(numeric.strip())
    if not match or not (_ROUGH.search(match.group("rough")) or _DECADE.search(match.group("rough"))):
        return None
    age = int(match.group("exact"))
    rough = [int(n) for n in re.findall(r"\d{1,3}", match.group("rough"))]
    if not plausible(age) or any(abs(n - age) > 10 for n in rough):
        return None
    return Reading({"age": age}, rests_on=match.group(0))


# "45ish", "30-ish": the number and its hedge apart, so both are read.
_NUMBER_ISH = re.compile(r"(\d)\s*-?\s*ish\b")


def _read_age(clean: str) -> Reading:
    numeric = _NUMBER_ISH.sub(r"\1 ish", words_to_digits(clean))
    exact = _rough_then_exact(numeric)
    if exact is not None:
        return exact
    decade = _DECADE.search(numeric)
    if decade:
        word = decade.group(2).replace("'", "")
        base = _DECADES.get(word) or _DECADE_DIGITS.get(word, 0)
        part = (decade.group(1) or "").rstrip("-")
        low, high = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}.get(part, (0, 9))
        if base == 10:
            low, high = max(low, 3), high  # the teens run from 13
        value = base + {"early": 1, "mid": 5, "late": 8}.get(part, 5)
        return _age_reading(base + low, base + high, value, decade.group(0))
    bound = _OVER_UNDER.search(numeric)
    if bound and not _STATED_AGE.search(numeric[: bound.start()]):
        if bound.group(4):  # "18+"
            n = int(bound.group(4))
            return _age_reading(n, MAX_AGE, n + 1 if n >= tables().min_age else n, bound.group(0))
        word, n = bound.group(1), int(bound.group(2))
        if word in ("over", "above", "older than"):
            return _age_reading(n + 1, MAX_AGE, n + 1, bound.group(0))
        if (
            word in ("under", "below", "younger than")
            or bound.group(3)
            or word in ("not quite", "nearly", "almost")
        ):
            return _age_reading(MIN_AGE, n - 1, n - 1, bound.group(0))
    spread = number_range(numeric)
    if spread and spread[1] - spread[0] <= 20:
        low, high, _ = spread
        return _age_reading(low, high, (low + high) // 2, numeric)
    # "16 but 17 in june": the number about the future is not today's age
    future = [m.start(1) for m in _FUTURE_NUMBER.finditer(numeric)]
    if future and not _FUTURE_AGE.search(numeric):
        others = [m for m in _NUMBER.finditer(numeric) if m.start(2) not in future]
        if len(others) == 1:
            numeric = numeric[: others[0].end()]
        else:
            birthday = _NEXT_BIRTHDAY.search(numeric)
            if birthday:
                n = int(birthday.group(1)) - 1
                return _age_reading(n, n, n, birthday.group(0))
    parsed = parse_age(numeric)
    if not parsed.ok:
        return NOTHING
    age = int(parsed.value)
    number = re.search(rf"\b{age + (1 if parsed.note else 0)}\b", numeric)
    hedged = number is not None and _AGE_HEDGE.search(
        clause_before(numeric, number.start()) + numeric[number.end() : number.end() + 5]
    )
    if hedged:
        return _age_reading(age - 1, age + 1, age, numeric)
    return Reading({"age": age}, rests_on=numeric)


def read_age(text: Any) -> Reading:
    """The answer to "how old are you?", corrections and ranges included."""
    clean = normalise(text)
    if not clean:
        return NOTHING
    return read_corrected(clean, _read_age, lambda r: r.used)
