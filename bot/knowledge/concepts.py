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
    # The facts the pages do give that come closest, said after "the pages don't cover ..."
    # ("does a degree from Poland count?": the level needed, the right to work).
    closest: tuple[str, ...] = ()

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


# Aliases of "outside the UK" that name no place ("can I work elsewhere alongside?"), and
# adjectives that are also common words ("tell us"), or names ("Sofia").
_NOT_A_PLACE = frozenset({"somewhere else", "elsewhere", "us", "u.s.", "sofia", "the republic"})
# What a place's adjective qualifies when it says where something is from.
_FROM_A_PLACE = (
    r"(?:degrees?|qualifications?|diplomas?|masters?|bachelors?|phd|certificates?|universit(?:y|ies)|college|"
    r"convictions?|records?|police|experience|nursing|teaching|law|social work)"
)


def _place_names(kb: Knowledge, route: str) -> tuple[Pattern[str], ...]:
    """Patterns for the places knowledge/nations.yml lists for `route` ("outside": countries
    and large cities, and the words for their people before what they qualify: "a Nigerian
    degree"), so a question about any of them names the concept, not only the few written here.
    "Northern Ireland" is a UK nation: "ireland" after "northern" is not a place abroad."""
    nations = [n for n in kb.nations if n.route == route]
    aliases = sorted({a for n in nations for a in n.aliases if a not in _NOT_A_PLACE}, key=len, reverse=True)
    adjectives = sorted(
        {a for n in nations for a in n.adjectives if a not in _NOT_A_PLACE}, key=len, reverse=True
    )
    out = []
    if aliases:
        out.append(
            re.compile(r"(?<!northern )\b(?:" + "|".join(map(re.escape, aliases)) + r")\b", re.IGNORECASE)
        )
    if adjectives:
        out.append(
            re.compile(
                r"(?<!northern )\b(?:"
                + "|".join(map(re.escape, adjectives))
                + r")(?: \w+)? "
                + _FROM_A_PLACE
                + r"\b",
                re.IGNORECASE,
            )
        )
    return tuple(out)


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
        places = entry.get("places")
        if places is not None:
            if not any(n.route == places for n in kb.nations):
                raise KnowledgeError(
                    f"{path.name}: concept {concept_id!r}: 'places' must be a nations.yml route"
                )
            names += _place_names(kb, places)
        closest = entry.get("closest") or []
        if not isinstance(closest, list) or any(f not in kb.facts for f in closest):
            raise KnowledgeError(
                f"{path.name}: concept {concept_id!r}: 'closest' must list fact ids from facts.yml"
            )
        concepts.append(
            Concept(concept_id, field(path, entry, "says", str), names, aspect, in_background, tuple(closest))
        )
    unique(path, (c.id for c in concepts))
    by_fact = {
        fact_id: frozenset(c.id for c in concepts if c.named_in(fact.text))
        for fact_id, fact in kb.facts.items()
    }
    return Concepts(tuple(concepts), by_fact)
