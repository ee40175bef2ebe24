"""Small text helpers shared by the modules that compare a question with knowledge.

Deliberately simple and explainable: lower-case words, a short stop-word list
and a crude suffix-stripping stem, so "modules"/"module" and "takes"/"take"
compare equal. No model, nothing downloaded.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9£']+")

STOP_WORDS = frozenset(
    """
a about after all also am an and any are as at be been being but by can could did do does
doing done for from get gets getting got had has have having he her here hers him his how i
i'd i'll i'm i've if in into is it it's its just let me might more most much must my no nor
not now of off on once one only or other our out over own please really so some such tell
than that that's the their them then there these they this those to too up us very was we
were what what's when where which while who whom why will with would you you're your yours
yes ok okay thanks thank hi hello sorry exactly actually maybe know want like need
able unable since because although though whether unless until alongside
""".split()
)


def words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower().replace("’", "'"))


def stem(word: str) -> str:
    """A crude stem, enough to match plurals and simple verb forms
    ("provides", "provided", "providing" and "provide" all give "provid")."""
    word = word.strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def content_stems(text: str) -> set[str]:
    """The stems of a text's words, leaving out stop words and bare numbers (an age, say)."""
    return {stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1 and not w.isdigit()}
