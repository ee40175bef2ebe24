"""Questions read against the topic just discussed (knowledge/follow_ups.yml).

"What does a PSO do?" then "what band is that?" asks the pay ASPECT of the
SUBJECT of the last answer. This module finds the aspect a message asks, tells
a follow-up ("who provides it?", "and the cost?") from a new question ("how
long is the PQiP?"), and looks up the facts that answer an aspect of a subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from re import Pattern

from bot import language
from bot.knowledge.base import KNOWLEDGE_DIR, Knowledge
from bot.knowledge.files import KnowledgeError, entries, field, unique
from bot.text import words

FOLLOW_UPS_FILE = "follow_ups.yml"

# A follow-up leans on the last answer with a pronoun ("how long does it
# take?") or is too short to stand alone ("and the cost?").
_ANAPHOR = re.compile(r"\b(it|that|this|they|them|those|these|there|its|one)\b", re.IGNORECASE)
_ELLIPSIS_START = re.compile(r"^\s*(and|what about|how about|also|so)\b", re.IGNORECASE)
# "And what is the PQiP?" asks a question of its own after the "and" (bot/language.py).
_OWN_QUESTION = language.QUESTION_START
_MAX_ELLIPTICAL_WORDS = 4
_MAX_FOLLOW_UP_WORDS = 12


@dataclass(frozen=True)
class Aspect:
    id: str
    says: str
    asks: tuple[Pattern[str], ...]


@dataclass(frozen=True)
class Subject:
    id: str
    names: tuple[Pattern[str], ...]
    topics: tuple[str, ...]
    answers: dict[str, tuple[str, ...]]
    # aspect id -> what the pages leave unsaid about it for this subject, where its
    # facts answer it only in part ("is the PQiP free?": some study is funded; what
    # the PQiP itself costs, no page says).
    unsaid: dict[str, str] = dataclass_field(default_factory=dict)


@dataclass(frozen=True)
class FollowUps:
    aspects: tuple[Aspect, ...]
    subjects: tuple[Subject, ...]

    def aspect_asked(self, text: str) -> Aspect | None:
        """The aspect whose patterns the message matches most (file order breaks ties)."""
        best, best_hits = None, 0
        for aspect in self.aspects:
            hits = sum(1 for p in aspect.asks if p.search(text or ""))
            if hits > best_hits:
                best, best_hits = aspect, hits
        return best

    def subject_of(self, topic_id: str | None) -> Subject | None:
        return next((s for s in self.subjects if topic_id in s.topics), None)

    def names_a_subject(self, text: str) -> bool:
        return any(p.search(text or "") for s in self.subjects for p in s.names)

    def aspect(self, aspect_id: str | None) -> Aspect | None:
        return next((a for a in self.aspects if a.id == aspect_id), None)

    def carried_over(self, text: str) -> Subject | None:
        """ "And the access route?" after "how long is the PQiP?": a short message that
        goes on from the last ("and", "what about") and names a subject but asks nothing
        of its own; the subject, whose answer to the last question's aspect is wanted."""
        start = _ELLIPSIS_START.search(text or "")
        if start is None or len(words(text)) > _MAX_FOLLOW_UP_WORDS:
            return None
        if self.aspect_asked(text) is not None or _OWN_QUESTION.search(text[start.end() :]):
            return None
        return next((s for s in self.subjects if any(p.search(text) for p in s.names)), None)

    def is_follow_up(self, text: str) -> bool:
        """Leans on the previous answer: a pronoun or an elliptical phrase, no subject named."""
        count = len(words(text))
        if count == 0 or count > _MAX_FOLLOW_UP_WORDS or self.names_a_subject(text):
            return False
        return bool(_ANAPHOR.search(text) or _ELLIPSIS_START.search(text) or count <= _MAX_ELLIPTICAL_WORDS)

    def facts_for(self, topic_id: str | None, aspect: Aspect | None) -> list[str] | None:
        """The facts answering `aspect` of the topic's subject; None when the pages don't say."""
        subject = self.subject_of(topic_id)
        if subject is None or aspect is None or aspect.id not in subject.answers:
            return None
        return list(subject.answers[aspect.id])

    def unsaid_for(self, topic_id: str | None, aspect: Aspect | None) -> str | None:
        """What the pages leave unsaid about `aspect` of the topic's subject, where they answer it in part."""
        subject = self.subject_of(topic_id)
        if subject is None or aspect is None:
            return None
        return subject.unsaid.get(aspect.id)


def _patterns(path: Path, owner: str, raw: list[str]) -> tuple[Pattern[str], ...]:
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in raw)
    except re.error as exc:
        raise KnowledgeError(f"{path.name}: {owner}: bad pattern ({exc})") from None


_loaded: dict[int, FollowUps] = {}


def load_follow_ups(kb: Knowledge, directory: Path = KNOWLEDGE_DIR) -> FollowUps:
    """The follow-up table, checked against `kb`; read once per knowledge base."""
    if id(kb) not in _loaded:
        _loaded[id(kb)] = _read(directory / FOLLOW_UPS_FILE, kb)
    return _loaded[id(kb)]


def _read(path: Path, kb: Knowledge) -> FollowUps:
    aspects = []
    for entry in entries(path, "aspects"):
        aspect_id = field(path, entry, "id", str)
        aspects.append(
            Aspect(
                aspect_id,
                field(path, entry, "says", str),
                _patterns(path, f"aspect {aspect_id!r}", field(path, entry, "asks", list)),
            )
        )
    unique(path, (a.id for a in aspects))
    aspect_ids = {a.id for a in aspects}
    subjects = []
    for entry in entries(path, "subjects"):
        subject_id = field(path, entry, "id", str)
        owner = f"subject {subject_id!r}"
        topics = tuple(field(path, entry, "topics", list))
        for topic_id in topics:
            if topic_id not in kb.topics:
                raise KnowledgeError(f"{path.name}: {owner}: unknown topic {topic_id!r}")
        answers = {}
        for aspect_id, fact_ids in (entry.get("answers") or {}).items():
            if aspect_id not in aspect_ids:
                raise KnowledgeError(f"{path.name}: {owner}: unknown aspect {aspect_id!r}")
            for fact_id in fact_ids:
                if fact_id not in kb.facts:
                    raise KnowledgeError(f"{path.name}: {owner}: unknown fact {fact_id!r}")
            answers[aspect_id] = tuple(fact_ids)
        unsaid = {}
        for aspect_id, says in (entry.get("unsaid") or {}).items():
            if aspect_id not in answers or not isinstance(says, str) or not says.strip():
                raise KnowledgeError(
                    f"{path.name}: {owner}: unsaid {aspect_id!r} needs a text and an answer for that aspect"
                )
            unsaid[aspect_id] = " ".join(says.split())
        subjects.append(
            Subject(
                subject_id, _patterns(path, owner, field(path, entry, "names", list)), topics, answers, unsaid
            )
        )
    unique(path, (s.id for s in subjects))
    claimed = [t for s in subjects for t in s.topics]
    twice = sorted({t for t in claimed if claimed.count(t) > 1})
    if twice:
        raise KnowledgeError(f"{path.name}: topics in more than one subject: {', '.join(twice)}")
    return FollowUps(tuple(aspects), tuple(subjects))
