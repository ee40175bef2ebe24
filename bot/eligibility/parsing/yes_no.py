"""Yes, no and "not sure": the answer to the check's yes/no questions, and the
doubt check every field's parser uses."""

from __future__ import annotations

from typing import Any

from bot.eligibility.parsing.text import Parsed, fail, first_phrase, has_phrase, never_raises, normalise

UNSURE = "unsure"
YES_NO_PHRASES: dict[str, bool | None] = {
    # unsure first in spirit: these are longer than the yes/no words they contain
    "maybe": None,
    "not sure": None,
    "unsure": None,
    "don't know": None,
    "dont know": None,
    "do not know": None,
    "no idea": None,
    "dunno": None,
    "idk": None,
    "perhaps": None,
    "possibly": None,
    "i think so but": None,
    "kind of": None,
    "sort of": None,
    "i have no idea": None,
    "it depends": None,
    "depends": None,
    "not certain": None,
    # yes
    "yes": True,
    "y": True,
    "yep": True,
    "yeah": True,
    "yea": True,
    "ya": True,
    "yup": True,
    "yh": True,
    "ye": True,
    "yas": True,
    "yesss": True,
    "aye": True,
    "sure": True,
    "of course": True,
    "definitely": True,
    "absolutely": True,
    "certainly": True,
    "i do": True,
    "i have": True,
    "i am": True,
    "i've got": True,
    "ive got": True,
    "i have got": True,
    "indeed": True,
    "correct": True,
    "that's right": True,
    "i think so": True,
    "i believe so": True,
    "affirmative": True,
    "yes please": True,
    "ok": True,
    "okay": True,
    "true": True,
    # no
    "no": False,
    "n": False,
    "nope": False,
    "nah": False,
    "nay": False,
    "not yet": False,
    "i don't": False,
    "i dont": False,
    "i do not": False,
    "i haven't": False,
    "i havent": False,
    "i have not": False,
    "i'm not": False,
    "i am not": False,
    "none": False,
    "never": False,
    "not really": False,
    "negative": False,
    "of course not": False,
    "definitely not": False,
    "absolutely not": False,
    "certainly not": False,
    "i don't think so": False,
    "i dont think so": False,
    "not at all": False,
    "no way": False,
    "i have no": False,
    "false": False,
    "i've not": False,
    "ive not": False,
    "not yet no": False,
}

# "I am" / "I have" answer a yes/no question, but also start job descriptions.
_WEAK_YES_NO = {"i do", "i have", "i am", "i've got", "ive got", "i have got"}
STRONG_YES_NO = {p: v for p, v in YES_NO_PHRASES.items() if p not in _WEAK_YES_NO}


def is_unsure(clean: str) -> bool:
    """Any sign of doubt ("I don't know", "maybe"), which wins over the yes/no inside it."""
    return any(v is None and has_phrase(clean, p) for p, v in YES_NO_PHRASES.items())


def yes_no(clean: str) -> bool | None:
    """True / False / None (unsure or not said), from the first yes/no phrase."""
    if is_unsure(clean):
        return None
    return first_phrase(clean, YES_NO_PHRASES)


def _has_yes_no(clean: str) -> bool:
    return any(has_phrase(clean, p) for p in YES_NO_PHRASES)


@never_raises
def parse_yes_no(text: Any) -> Parsed:
    clean = normalise(text)
    if not clean:
        return fail("empty answer")
    if not _has_yes_no(clean):
        return fail("no yes or no found")
    answer = yes_no(clean)
    return fail(UNSURE) if answer is None else Parsed(answer)
