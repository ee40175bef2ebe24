"""Read a practice answer with spaCy rules built from the bank's phrase tables.

The tables in knowledge/interview_skills.yml are compiled into one spaCy
Matcher over `spacy.blank("en")` (tokenizer only; nothing downloaded), matched
on lower-cased tokens. Match ids say what was found: `skill:risk`,
`part:result`, `phrase:we`. Everything here is deterministic, so a piece of
feedback can always be traced back to the phrase that caused it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from bot.interview.bank import Bank

OPTIONAL_WORD = "?"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@functools.lru_cache(maxsize=1)
def _nlp() -> Language:
    return spacy.blank("en")


def token_patterns(phrase: str) -> list[dict]:
    """One table phrase as Matcher token patterns.

    `word` matches that word, `pre*` any word starting with "pre", `*ed` any
    word ending in "ed", `?` one optional word. A chunk the tokenizer splits
    ("re-offend*", "i'd") becomes several tokens, the wildcard on the last.
    """
    nlp = _nlp()
    patterns: list[dict] = []
    for chunk in phrase.lower().translate(_APOSTROPHES).split():
        if chunk == OPTIONAL_WORD:
            patterns.append({"IS_PUNCT": False, "OP": "?"})
            continue
        if chunk.startswith("*") and len(chunk) > 1:
            patterns.append({"LOWER": {"REGEX": f"^[a-z]+{re.escape(chunk[1:])}$"}})
            continue
        prefix = chunk.endswith("*")
        words = [t.text for t in nlp.tokenizer(chunk.rstrip("*"))]
        for index, word in enumerate(words):
            if prefix and index == len(words) - 1:
                patterns.append({"LOWER": {"REGEX": f"^{re.escape(word)}"}})
            else:
                patterns.append({"LOWER": word})
    return patterns


@dataclass
class Reading:
    """What the rules found in one answer."""

    words: int
    tokens: list[str]  # lower-cased word tokens
    stop_words: int  # how many are common English words
    skills: dict[str, set[str]] = field(default_factory=dict)  # skill id -> phrases seen
    parts: dict[str, set[str]] = field(default_factory=dict)  # part id -> phrases seen
    phrases: dict[str, int] = field(default_factory=dict)  # table name -> count
    claimed: set[str] = field(default_factory=set)  # skill ids named only in claims or buzzwords
    skill_matches: list[tuple[str, int]] = field(default_factory=list)  # (skill id, token offset)

    def has_part(self, part_id: str) -> bool:
        return part_id in self.parts

    def count(self, table: str) -> int:
        return self.phrases.get(table, 0)


class AnswerReader:
    """The compiled rules for one bank."""

    def __init__(self, bank: Bank):
        self.nlp = _nlp()
        self.matcher = Matcher(self.nlp.vocab)
        for skill in bank.skills.values():
            self._add(f"skill:{skill.id}", skill.markers)
        for part in bank.parts.values():
            self._add(f"part:{part.id}", part.markers)
        for table, phrases in bank.phrases.items():
            self._add(f"phrase:{table}", phrases)

    def _add(self, key: str, phrases: tuple[str, ...]) -> None:
        self.matcher.add(key, [token_patterns(p) for p in phrases])

    def read(self, text: str) -> Reading:
        return self.read_doc(self.doc(text))

    def doc(self, text: str) -> Doc:
        return self.nlp((text or "").translate(_APOSTROPHES))

    def read_doc(self, doc: Doc) -> Reading:
        words = [t for t in doc if t.is_alpha or t.like_num]
        reading = Reading(
            words=len(words), tokens=[t.lower_ for t in words], stop_words=sum(1 for t in words if t.is_stop)
        )
        seen_spans: set[tuple[str, int, int]] = set()
        for match_id, start, end in self.matcher(doc):
            key = self.nlp.vocab.strings[match_id]
            if (key, start, end) in seen_spans:
                continue
            seen_spans.add((key, start, end))
            group, name = key.split(":", 1)
            span = doc[start:end].text.lower()
            if group == "skill":
                reading.skills.setdefault(name, set()).add(span)
                reading.skill_matches.append((name, start))
            elif group == "part":
                reading.parts.setdefault(name, set()).add(span)
            else:
                reading.phrases[name] = reading.phrases.get(name, 0) + 1
        return reading


@functools.lru_cache(maxsize=4)
def reader_for(bank: Bank) -> AnswerReader:
    return AnswerReader(bank)
