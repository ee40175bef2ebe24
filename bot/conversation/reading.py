"""One reading of a visitor's message, made once, that every answering decision uses.

"I'm a night shift carer in a care home and I want to know what qualifications
I need for the PQiP" asks about qualifications; working nights is the
visitor's background. The reading keeps them apart:

- `asking`: the clause that asks ("what qualifications I need for the PQiP");
- `background`: the clauses that tell about the visitor ("I'm a night shift
  carer in a care home");
- `leans_on_background`: the asking clause points back at the background
  ("my dad has a conviction, would THAT stop me?"; "I use a wheelchair, could
  I STILL train?"), so what it is about lies there too;
- `about`: the text the question is about: the asking clause, with the
  background when it leans on it. Gap patterns and the relevance check read
  this, never a background clause on its own;
- `person`: whose circumstances the question asks about, when it is not the
  visitor's own (a relative's record), from knowledge/coverage.yml;
- `aspect`: what it asks of its topic (duration, pay, ...), knowledge/follow_ups.yml;
- `gap`: the listed gap (knowledge/gaps.yml) what it is about matches;
- `language`: "en", "cy" (Welsh) or "other" (bot/conversation/language.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.conversation.language import ENGLISH, language_of
from bot.knowledge import Knowledge
from bot.knowledge.coverage import Person, load_coverage
from bot.knowledge.follow_ups import Aspect, load_follow_ups
from bot.knowledge.gaps import Gap, load_gaps, match_gap

_QUESTION_WORD = (
    r"(?:how|what|what's|whats|wat|which|when|where|who|whose|why|is|are|am|can|could|cud|do|does|did|"
    r"will|would|should|shall|may|might|must|has|have|was|were|any)\b"
)
# Words that introduce a question inside a statement: "I want to know what ...".
_ASKING_CUE = re.compile(
    r"\b(?:i(?:\s+(?:want|would like|wanted|need)|\s*['’]?d\s+(?:like|love))\s+to\s+(?:know|ask|find out|check)|i'?m\s+wondering|"
    r"i\s+was\s+wondering|wondering|i\s+wonder|please\s+(?:tell|explain|let)\s+me|tell\s+me|"
    r"can\s+you\s+(?:tell|explain|let)\s+me|could\s+you\s+(?:tell|explain|let)\s+me|"
    r"(?:not|un)\s*sure|no\s+idea|just\s+asking|my\s+question\s+is|question\s*:)\s*(?:about\s+|if\s+|whether\s+|,\s*)?",
    re.IGNORECASE,
)
_STARTS_ASKING = re.compile(r"^\W*" + _QUESTION_WORD, re.IGNORECASE)
# "I have visible tattoos, can I apply?" asks whether the background stands in the way.
_LEANING_ASPECTS = frozenset({"apply"})
_WH_QUESTION = re.compile(
    r"^\W*(?:how|what|what's|whats|wat|which|where|when|who|whose|why)\b", re.IGNORECASE
)
# A clause telling the visitor's background has at least this many words.
_MIN_BACKGROUND_WORDS = 3
# Sentence ends, then clause breaks before a new clause about the visitor or a question.
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSE_BREAK = re.compile(
    r"\s*[,;]\s*(?:and\s+|but\s+|so\s+)?(?=(?:" + _QUESTION_WORD + r"|i\b|i'm|im\b|i've|my\b))"
    r"|\s+(?:-|–)\s+"
    r"|\s+(?:and|but|so)\s+(?=(?:i\s+(?:want|would|'d|was|wonder)|i'?m\s+wondering|" + _QUESTION_WORD + r"))",
    re.IGNORECASE,
)
# A clause of circumstance ahead of the question: "as I work nights, can I ...".
# ("If I fail, can I retake?" asks about failing: a clause with "if" is part of the question.)
_CIRCUMSTANCE = re.compile(r"^\W*(?:as|since|because|given|although|though|while|with)\b", re.IGNORECASE)
_CONDITION = re.compile(r"^\W*(?:if|unless|when|say)\b", re.IGNORECASE)
# The asking clause points back at what came before: "would that stop me?", "could I still train?".
_LEANS = re.compile(
    r"\b(?:that|this|it|those|these|here|still|anyway|even so|despite|regardless|with (?:that|this|it|them))\b"
    # "my partner was inside, will they vet HIM too?": the person of the background
    r"|\b(?:him|her|his|too)\b"
    r"|(?<!is )(?<!are )(?<!be )\bthere\b(?! (?:is|are|be|any)\b)"
    r"|\b(?:affect|matter|count against|stop|bar|prevent|rule me out|hold me back|a problem|an issue)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    text: str
    asking: str
    background: tuple[str, ...]
    leans_on_background: bool
    person: Person | None
    aspect: Aspect | None
    gap: Gap | None
    language: str

    @property
    def about(self) -> str:
        """What the question is about: the asking clause, with the background it leans on."""
        if self.leans_on_background and self.background:
            return " ".join((*self.background, self.asking))
        return self.asking

    @property
    def background_stripped(self) -> bool:
        """The topic is to be read from the asking clause alone (the background is context)."""
        return self.asking != self.text.strip() and not self.leans_on_background

    @property
    def english(self) -> bool:
        return self.language == ENGLISH


def _is_asking(clause: str, sentence: str) -> bool:
    """The clause asks: it ends with "?", or says it asks ("I want to know ..."), or opens with
    a question word in a sentence that isn't a statement ("... and have done for years." is not)."""
    if clause.rstrip().endswith("?") or _ASKING_CUE.search(clause):
        return True
    return bool(_STARTS_ASKING.search(clause)) and not sentence.rstrip().endswith((".", "!"))


def _after_cue(clause: str) -> str:
    """ "I want to know what qualifications I need" -> "what qualifications I need"."""
    cue = _ASKING_CUE.search(clause)
    if cue is None:
        return clause
    rest = clause[cue.end() :].strip(" ,:")
    return rest if len(rest.split()) >= 2 else clause


def _clauses_with_sentences(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for sentence in _SENTENCE.split(text.strip()):
        out.extend((p.strip(), sentence) for p in _CLAUSE_BREAK.split(sentence) if p and p.strip(" ,;."))
    return out


def clauses(text: str) -> list[str]:
    """The message's sentences, each split where a new clause about the visitor or a question opens."""
    return [clause for clause, _ in _clauses_with_sentences(text)]


def split_asking(text: str) -> tuple[str, tuple[str, ...]]:
    """(the asking clause, the background clauses) of a message."""
    pairs = _clauses_with_sentences(text)
    parts = [clause for clause, _ in pairs]
    if len(parts) < 2:
        only = parts[0] if parts else text.strip()
        return _after_cue(only), ()
    asks = [_is_asking(clause, sentence) for clause, sentence in pairs]
    asking_at = [i for i, part in enumerate(parts) if asks[i] and not _CIRCUMSTANCE.search(part)]
    if not asking_at:
        asking_at = [i for i in range(len(parts)) if asks[i]]
    if not asking_at:
        return text.strip(), ()
    first = asking_at[0]
    while first > 0 and _CONDITION.search(parts[first - 1]):
        first -= 1
    # The asking clause runs from the first that asks to the end: "can I do the PQiP, or is it
    # only for graduates?" stays one question; what came before is background.
    if any(len(part.split()) < _MIN_BACKGROUND_WORDS for part in parts[:first]):
        first = 0  # "PSOs - what grade and what do they handle?": a heading, not a background
    start = text.find(parts[first]) if first else 0
    asking = _after_cue(text[max(start, 0) :].strip())
    return asking.strip(), tuple(p.strip(" ,;") for p in parts[:first])


def read(kb: Knowledge, text: str) -> Reading:
    """The one reading of `text` that the answering decisions use."""
    text = text or ""
    language = language_of(text)
    asking, background = split_asking(text)
    follow_ups = load_follow_ups(kb)
    aspect = follow_ups.aspect_asked(asking)
    # A yes-or-no question about the visitor asks about what it follows ("I'm deaf, would I
    # get support at the assessment centre?", "I work for probation now, do I resign to do
    # the PQiP?"), unless it asks an aspect of its own ("..., do I need a degree?"); a
    # what/how/which question asks one of its own ("I work nights ... what qualifications
    # do I need for the PQiP?"), and the background stays background.
    stands_alone = bool(_WH_QUESTION.search(asking)) or (
        aspect is not None and aspect.id not in _LEANING_ASPECTS
    )
    leans = bool(background) and (bool(_LEANS.search(asking)) or not stands_alone)
    about = " ".join((*background, asking)) if leans else asking
    gap = match_gap(about, load_gaps(kb))
    return Reading(
        text,
        asking,
        background,
        leans,
        load_coverage(kb).person_in(about),
        aspect,
        gap,
        language,
    )
