"""Two questions in one message: "what is the PQiP and how do I apply for it?"

Splits a message at a question mark followed by more text, or at "and",
"also" or "plus" when what follows opens a new question ("how", "which",
"can I" ...). Each part is then understood and answered on its own, in order.
"""

from __future__ import annotations

import re

_QUESTION_START = (
    r"(?:how|what|what's|whats|which|when|where|who|why|is|are|can|could|do|does|"
    r"did|will|would|should|may|must|am|was|were|tell me|is there|are there)\b"
)
# A break before a new question: "?" then more text, or a joining word before a question word.
_BREAK = re.compile(
    r"\?\s+(?=\S)|[,;]?\s+(?:and|also|plus|and also)\s+(?=" + _QUESTION_START + ")", re.IGNORECASE
)
_MIN_WORDS = 2


def split_questions(text: str) -> list[str]:
    """The questions in a message, in order; the message itself when there is only one."""
    parts = [p.strip(" ,;.?!") for p in _BREAK.split(text or "")]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p.split()) < _MIN_WORDS for p in parts):
        return [(text or "").strip()]
    return parts
