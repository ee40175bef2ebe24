"""Whose circumstances the pages speak of (knowledge/coverage.yml).

The pages say what an applicant needs and must declare. A question about a
relative's record is not answered by the rules for the applicant's own
convictions: the answer says which part the pages cover, and that they don't
cover the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from re import Pattern

from bot.knowledge.base import KNOWLEDGE_DIR, Knowledge
from bot.knowledge.files import KnowledgeError, entries, field, read_yaml, unique

COVERAGE_FILE = "coverage.yml"


@dataclass(frozen=True)
class Person:
    id: str
    names: tuple[Pattern[str], ...]
    says: str


@dataclass(frozen=True)
class Own:
    """What a topic's facts say of the applicant's own circumstances."""

    topic: str
    covers: str
    theirs: str


@dataclass(frozen=True)
class Coverage:
    people: tuple[Person, ...]
    own: dict[str, Own]

    def person_in(self, text: str) -> Person | None:
        """The person other than the visitor whose circumstances `text` names, if any."""
        return next((p for p in self.people if any(n.search(text or "") for n in p.names)), None)


_loaded: dict[int, Coverage] = {}


def load_coverage(kb: Knowledge, directory: Path = KNOWLEDGE_DIR) -> Coverage:
    if id(kb) not in _loaded:
        _loaded[id(kb)] = _read(directory / COVERAGE_FILE, kb)
    return _loaded[id(kb)]


def _read(path: Path, kb: Knowledge) -> Coverage:
    people = []
    for entry in entries(path, "people"):
        person_id = field(path, entry, "id", str)
        try:
            names = tuple(re.compile(p, re.IGNORECASE) for p in field(path, entry, "names", list))
        except re.error as exc:
            raise KnowledgeError(f"{path.name}: person {person_id!r}: bad pattern ({exc})") from None
        people.append(Person(person_id, names, field(path, entry, "says", str)))
    unique(path, (p.id for p in people))
    own = {}
    for topic_id, entry in _mapping(path).items():
        if topic_id not in kb.topics:
            raise KnowledgeError(f"{path.name}: own: unknown topic {topic_id!r}")
        if not isinstance(entry, dict):
            raise KnowledgeError(f"{path.name}: own: {topic_id!r} needs 'covers' and 'theirs'")
        own[topic_id] = Own(topic_id, field(path, entry, "covers", str), field(path, entry, "theirs", str))
    return Coverage(tuple(people), own)


def _mapping(path: Path) -> dict:
    own = read_yaml(path, "own") or {}
    if not isinstance(own, dict):
        raise KnowledgeError(f"{path.name}: 'own' must map topic ids to entries")
    return own
