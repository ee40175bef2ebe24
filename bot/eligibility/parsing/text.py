"""Text helpers every answer parser shares: clean-up, numbers as words, phrase
tables, clauses and negation. Written once here; the field modules use them."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.language import (  # noqa: F401 - re-exported: the readers' shared helpers
    CLAUSE_BREAK,
    ORDINALS,
    clause_after,
    clause_before,
    is_hedged,
    is_negated,
    is_unsure,
    read_corrected,
    refuses,
    words_to_digits,
)
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

CLEAR = "clear"  # use it
UNCLEAR = "unclear"  # hedged, contradictory or vague: ask one confirming question
UNSURE = "unsure"  # the pages (or, after confirming, the visitor) can't settle it: note it, carry on


@dataclass(frozen=True)
class Reading:
    """What one answer to one question says, and how sure we can be of it.

    `updates` are the profile fields it sets when used; `rests_on` the
    visitor's words it rests on. An UNCLEAR reading names its confirming
    question (`confirm`, bot/eligibility/confirming.py) and what to use if the
    confirmation doesn't settle it (`fallback`, with `unsure`). An UNSURE one
    says what the helpline must confirm (`unsure`: an eligibility.yml
    `to_confirm` id). `notes` carry what the outcome should mention (a course
    in progress, lived experience).
    """

    updates: Updates = field(default_factory=dict)
    certainty: str = CLEAR
    rests_on: str = ""
    confirm: str = ""
    fallback: Updates = field(default_factory=dict)
    unsure: str = ""
    notes: dict[str, Any] = field(default_factory=dict)
    name: str = ""  # what was recognised, in the visitor's terms, for the confirming question

    @property
    def used(self) -> bool:
        """Did the answer say anything the check can act on?"""
        return bool(self.updates) or self.certainty != CLEAR or bool(self.unsure) or bool(self.notes)

    @property
    def clear(self) -> bool:
        return self.certainty == CLEAR and (bool(self.updates) or bool(self.unsure))


NOTHING = Reading()


def unclear(
    updates: Updates,
    confirm: str,
    rests_on: str = "",
    fallback: Updates | None = None,
    unsure: str = "",
    name: str = "",
    notes: dict[str, Any] | None = None,
) -> Reading:
    return Reading(updates, UNCLEAR, rests_on, confirm, dict(fallback or {}), unsure, dict(notes or {}), name)


def reading_of(field_name: str, parsed: Parsed, rests_on: str = "") -> Reading:
    """A plain parser's value as a clear reading of one field (nothing when unread)."""
    return Reading({field_name: parsed.value}, rests_on=rests_on) if parsed.ok else NOTHING


def straddles(low: int, high: int, threshold: int) -> bool:
    """Do values from low to high fall on both sides of a threshold that decides the outcome?"""
    return low < threshold <= high


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


def normalise(text: Any) -> str:
    """Lower-case, capped, tags and curly quotes removed, spaces collapsed."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _TAG.sub(" ", _SCRIPT.sub(" ", text[:ANSWER_CHARS_READ]))
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


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


# --- clauses, negation and cues (the language helpers are bot/language.py) ---------------

_IN_PROGRESS = re.compile(
    r"\b(studying|doing|currently doing|currently|working towards|working toward|in my \w+ year|"
    r"in the \w+ year|final year|halfway through|part way through|part-way through|enrolled|"
    r"starting|about to start|going to do|will do|want to do|planning|hope to|hoping to|"
    r"applying for|apply for|predicted|expecting|finishing|due to finish|on track for|"
    r"signed up for|on course for|i'm on an?|im on an?|i am on an?|will get|will have|"
    r"going to get|about to finish|retaking|resitting|i graduate|i'll graduate|will graduate|"
    r"graduating|i finish|i'll finish|will finish|i qualify|i'll qualify)\b"
)
# A qualification the visitor didn't achieve: failed, left, never finished.
NOT_ACHIEVED_BEFORE = re.compile(
    r"\b(?:failed|fail|dropped out of|dropped|quit|left|withdrew from|unfinished|incomplete|"
    r"part of an?|(?:\w+ )?(?:years?|yrs?|terms?|semesters?|months?) of an?|a year of|some of an?|half an?|half of an?)\b"
)
NOT_ACHIEVED_AFTER = re.compile(
    r"^[^.;!?]{0,60}?\b(?:but|which|that|and|then)?\s*(?:i\s+)?(?:failed|dropped out|left|quit|"
    r"withdrew|never finished|didn't finish|didnt finish|did not finish|never completed|"
    r"didn't complete|didnt complete|did not complete|not finished|unfinished|incomplete|"
    r"had to stop|stopped|gave up|didn't pass|didnt pass|did not pass|packed it in|packed in|jacked it in|"
    r"jacked in|gave it up|pulled out|bailed|abandoned|binned it off|never got it|didn't get it|didnt get it)"
    r"(?:\s+(?:from\s+)?(?:it|that|them|the course|my course|out|uni|university|college|of(?:\s+it)?))?"
    r"(?=\s*(?:[,.;!:)-]|$|\s+(?:because|after|in|when|so|but|and|halfway|partway|early)\b))"
)
IN_PROGRESS_AFTER = re.compile(
    r"^[^.;!?]{0,40}?\b(?:in progress|ongoing|(?:i'm|im|i am) (?:still )?(?:doing|studying|on)(?! an?\b| my\b| the\b)|"
    r"finish(?:ing|es)? (?:in|next|this)|due to finish|graduating|graduate next|"
    r"results? (?:come|are|in|next)|in september|this september|next year|next september|"
    r"starting (?:in|next|this)|next (?:summer|year|month))\b"
)
# The course done but the award not yet made: "... but my dissertation got deferred till
# August so I haven't technically graduated", "all done bar the dissertation".
NOT_YET_AWARDED_AFTER = re.compile(
    r"^[^.;!?]{0,120}?\b(?:(?:haven't|havent|have not|not|never|yet to|still to|still haven't)\s+(?:\w+\s+)?"
    r"(?:graduated|graduate|been awarded|got (?:the|my) (?:certificate|award|degree))|(?:dissertation|final project|"
    r"thesis|resits?|last module)(?:'s)?\s+(?:\w+\s+){0,3}?(?:deferred|outstanding|still to (?:do|go)|to (?:do|go)|left to do|"
    r"pending|due)|all done (?:bar|except|but) (?:the|my))\b"
)
ASPIRATION = re.compile(
    r"\b(want to|wanna|would like to|hope to|hoping to|become|becoming|apply|applying|"
    r"thinking of|thinking about|planning|plan to|how do i|how can i|could i|can i)\b"
)


def is_in_progress(text: str, start: int) -> bool:
    return bool(_IN_PROGRESS.search(clause_before(text, start)))


def is_aspiration(text: str, start: int) -> bool:
    """ "I want to work in a prison": a plan, not something the visitor does now."""
    return bool(ASPIRATION.search(clause_before(text, start)))
