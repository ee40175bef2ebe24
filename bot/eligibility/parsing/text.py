"""Text helpers every answer parser shares: clean-up, numbers as words, phrase
tables, clauses and negation. Written once here; the field modules use them."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.limits import ANSWER_CHARS_READ

logger = logging.getLogger("bot.eligibility.parsing")


@dataclass(frozen=True)
class Parsed:
    """One parser's reading: `value` when understood, else a `reason`."""

    value: Any = None
    reason: str = ""  # why nothing could be read; "" when parsed
    name: str = ""  # what was recognised, e.g. "Higher National Diploma (HND)"
    note: str = ""  # something worth telling the visitor about the reading
    id: str = ""  # the knowledge/ row recognised, e.g. "hnd"; "" when none

    @property
    def ok(self) -> bool:
        return not self.reason


Updates = dict[str, Any]  # profile fields an answer sets


def fail(reason: str) -> Parsed:
    return Parsed(reason=reason)


def never_raises(parser: Callable[..., Parsed]) -> Callable[..., Parsed]:
    """A parser bug must cost one re-asked question, not the conversation."""

    @functools.wraps(parser)
    def guarded(text: Any, *args: Any, **kwargs: Any) -> Parsed:
        try:
            return parser(text, *args, **kwargs)
        except Exception:  # noqa: BLE001 - deliberate: any input, any failure
            logger.exception("%s failed on %r", parser.__name__, str(text)[:80])
            return fail("could not read that")

    return guarded


def value_of(field_name: str, parser: Callable[[Any], Parsed]) -> Callable[[Any], Updates]:
    """A reader setting one field from one parser's value."""

    def read(text: Any) -> Updates:
        parsed = parser(text)
        return {field_name: parsed.value} if parsed.ok else {}

    return read


# --- clean-up and numbers ---------------------------------------------------------------

_TAG = re.compile(r"<[^<>]{0,200}>")
_SCRIPT = re.compile(r"<(script|style)\b[^<>]{0,200}>.*?</\1\s*>", re.S | re.I)
_NUMBER_WORDS = {
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
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def normalise(text: Any) -> str:
    """Lower-case, capped, tags and curly quotes removed, spaces collapsed."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _TAG.sub(" ", _SCRIPT.sub(" ", text[:ANSWER_CHARS_READ]))
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


def words_to_digits(text: str) -> str:
    """'twenty five' -> '25', 'three' -> '3', so one number pattern reads both."""
    tens = "|".join(_TENS)
    units = "|".join(k for k in _NUMBER_WORDS if _NUMBER_WORDS[k] < 10 and k != "zero")

    def compound(match: re.Match) -> str:
        return str(_TENS[match.group(1)] + _NUMBER_WORDS[match.group(2)])

    text = re.sub(rf"\b({tens})[\s-]({units})\b", compound, text)
    text = re.sub(rf"\b({tens})\b", lambda m: str(_TENS[m.group(1)]), text)
    return re.sub(rf"\b({'|'.join(_NUMBER_WORDS)})\b", lambda m: str(_NUMBER_WORDS[m.group(1)]), text)


def phrase_pattern(phrase: str) -> str:
    """A phrase as a whole-word regex (works for phrases ending in '.' too)."""
    return rf"(?<![\w]){re.escape(phrase)}(?![\w])"


def has_phrase(text: str, phrase: str) -> bool:
    return re.search(phrase_pattern(phrase), text) is not None


def first_phrase(text: str, phrases: dict[str, Any]) -> Any | None:
    """The value of the phrase that occurs first (longest wins at the same place)."""
    best: tuple[int, int, Any] | None = None
    for phrase, value in phrases.items():
        match = re.search(phrase_pattern(phrase), text)
        if match and (best is None or (match.start(), -len(phrase)) < best[:2]):
            best = (match.start(), -len(phrase), value)
    return best[2] if best else None


# --- matching phrases from the knowledge tables -----------------------------------------


@dataclass(frozen=True)
class Match:
    key: str  # the table row's id
    start: int
    end: int


class PhraseTable:
    """Whole-word phrase lookup; at each place the longest phrase wins."""

    def __init__(self, rows: Iterable[tuple[str, Iterable[str]]]):
        pairs = sorted(
            {(alias.lower(), key) for key, aliases in rows for alias in aliases},
            key=lambda pair: -len(pair[0]),
        )
        self._key_of = {alias: key for alias, key in reversed(pairs)}
        alternatives = "|".join(phrase_pattern(alias) for alias, _ in pairs) or r"(?!x)x"
        self._regex = re.compile(alternatives)

    def find(self, text: str) -> list[Match]:
        return [Match(self._key_of[m.group(0)], m.start(), m.end()) for m in self._regex.finditer(text)]


# --- clauses, negation and cues ---------------------------------------------------------

CLAUSE_BREAK = re.compile(r"[,;.!?\n]| but | and | although | though | however | whereas ")
_NEGATION = re.compile(
    r"\b(no|not|never|without|don't|dont|do not|didn't|didnt|haven't|havent|hasn't|"
    r"have not|hadn't|isn't|aren't|wasn't|won't|can't|cannot|nor|neither)\b"
)
_IN_PROGRESS = re.compile(
    r"\b(studying|doing|currently doing|working towards|working toward|in my \w+ year|"
    r"halfway through|enrolled|starting|about to start|going to do|will do|want to do|"
    r"planning|hope to|hoping to|applying for|apply for)\b"
)
ASPIRATION = re.compile(
    r"\b(want to|wanna|would like to|hope to|hoping to|become|becoming|apply|applying|"
    r"thinking of|thinking about|planning|plan to|how do i|how can i|could i|can i)\b"
)


def clause_before(text: str, start: int) -> str:
    """The words between the last clause break and `start`."""
    before = text[:start]
    breaks = list(CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def is_negated(text: str, start: int) -> bool:
    return bool(_NEGATION.search(clause_before(text, start)))


def is_in_progress(text: str, start: int) -> bool:
    return bool(_IN_PROGRESS.search(clause_before(text, start)))


def is_aspiration(text: str, start: int) -> bool:
    """ "I want to work in a prison": a plan, not something the visitor does now."""
    return bool(ASPIRATION.search(clause_before(text, start)))
