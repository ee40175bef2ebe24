"""Two questions in one message: "what is the PQiP and how do I apply for it?"

Splits a message at a question mark followed by more text, at "and", "also",
"plus" or "as well as" when what follows opens a new question ("how",
"which", "can I" ...) or is a "whether" ("as well as whether I need a
degree"), or at a comma before a question of its own ("how long is the PQiP,
what band is a PSO?"). Each part is then understood and answered on its own, in order.
"""

from __future__ import annotations

import re

_QUESTION_START = (
    r"(?:how|what|what's|whats|which|when|where|who|why|is|are|can|could|do|does|"
    r"did|will|would|should|may|must|am|was|were|tell me|is there|are there)\b"
)
# A break before a new question: "?" then more text, or a joining word before a question word.
_BREAK = re.compile(
    r"\?\s+(?=\S)"
    r"|[,;]?\s+(?:and|also|plus|and also|as well as|along with|and tell me|and I'd like to know)\s+"
    r"(?=" + _QUESTION_START + ")"
    # "... as well as whether I need a degree", "and if there's a minimum age"
    r"|[,;]?\s+(?:and|also|plus|as well as)\s+(?=(?:whether|if)\b)",
    re.IGNORECASE,
)
# "how long is the PQiP, what band is a PSO?": a question, a comma, then a question of its own
# (not "if I fail, can I retake?", nor "I have a degree, can I apply?").
_COMMA_BREAK = re.compile(r"\s*[,;]\s+(?=" + _QUESTION_START + ")", re.IGNORECASE)
_ASKS = re.compile(r"^\W*" + _QUESTION_START, re.IGNORECASE)
# "whether I need a degree" asks "do I need a degree".
_WHETHER = re.compile(r"^(?:whether|if)\s+", re.IGNORECASE)
_MIN_WORDS = 2
_JOINER = re.compile(r"^(?:(?:and|also|plus|as well as|along with)\b\s*)+", re.IGNORECASE)


def split_questions(text: str) -> list[str]:
    """The questions in a message, in order; the message itself when there is only one."""
    pieces: list[str] = []
    for piece in _BREAK.split(text or ""):
        pieces.extend(_COMMA_BREAK.split(piece) if _ASKS.search(piece) else [piece])
    # "? And also am I ...": a joining word left on its own, or opening a part, is no part of it.
    parts = [_JOINER.sub("", p.strip(" ,;.?!")).strip(" ,;.?!") for p in pieces]
    parts = parts[:1] + [_WHETHER.sub("", p) for p in parts[1:]]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p.split()) < _MIN_WORDS for p in parts):
        return [(text or "").strip()]
    return parts
