"""What a question can ask about, to be read against what an answer states (knowledge/concepts.yml).

A concept ("a loan", "another country", "powers", "equipment") is recognised by
the same patterns in a visitor's question and in a fact's text, so which
concepts a fact states is read from the fact itself, never listed by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from re import Pattern

from bot.knowledge.base import KNOWLEDGE_DIR, Knowledge
from bot.knowledge.files import KnowledgeError, entries, field, unique

CONCEPTS_FILE = "concepts.yml"


@dataclass(frozen=True)
class Concept:
    id: str
    says: str
    names: tuple[Pattern[str], ...]
    aspect: str | None = None  # the follow_ups.yml aspect it is: stated where a topic answers that aspect
    in_background: bool = False  # asked too when named in a background the question leans on

    def named_in(self, text: str) -> bool:
        return any(n.search(text or "") for n in self.names)


@dataclass(frozen=True)
class Concepts:
    concepts: tuple[Concept, ...]
    by_fact: dict[str, frozenset[str]]  # fact id -> the concepts its text states

    def named_in(self, text: str) -> list[Concept]:
        """The concepts `text` names, in file order."""
        return [c for c in self.concepts if c.named_in(text)]

    def stated_by(self, fact_ids) -> frozenset[str]:
        """The concepts the facts state between them."""
        return frozenset().union(*(self.by_fact.get(f, frozenset()) for f in fact_ids))


_loaded: dict[int, Concepts] = {}


def load_concepts(kb: Knowledge, directory: Path = KNOWLEDGE_DIR) -> Concepts:
    if id(kb) not in _loaded:
        _loaded[id(kb)] = _read(directory / CONCEPTS_FILE, kb)
    return _loaded[id(kb)]


def _read(path: Path, kb: Knowledge) -> Concepts:
    concepts = []
    for entry in entries(path, "concepts"):
        concept_id = field(path, entry, "id", str)
        try:
            names = tuple(re.compile(p, re.IGNORECASE) for p in field(path, entry, "names", list))
        except re.error as exc:
            raise KnowledgeError(f"{path.name}: concept {concept_id!r}: bad pattern ({exc})") from None
        if not names:
            raise KnowledgeError(f"{path.name}: concept {concept_id!r} needs at least one name")
        aspect = entry.get("aspect")
        if aspect is not None and not isinstance(aspect, str):
            raise KnowledgeError(f"{path.name}: concept {concept_id!r}: 'aspect' must be an aspect id")
        in_background = entry.get("in_background", False)
        if not isinstance(in_background, bool):
            raise KnowledgeError(
                f"{path.name}: concept {concept_id!r}: 'in_background' must be true or false"
            )
        concepts.append(Concept(concept_id, field(path, entry, "says", str), names, aspect, in_background))
    unique(path, (c.id for c in concepts))
    by_fact = {
        fact_id: frozenset(c.id for c in concepts if c.named_in(fact.text))
        for fact_id, fact in kb.facts.items()
    }
    return Concepts(tuple(concepts), by_fact)
