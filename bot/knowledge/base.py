"""Load and validate the knowledge base in knowledge/.

Every fact the bot states lives once in knowledge/*.yml. This module reads
those files, checks them (ids unique, sources and references resolvable, no
orphan facts) and fails with a message naming the file and the entry, so a
broken file stops `make run` before the bot says anything wrong.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.knowledge.eligibility_rules import EligibilityRules, load_eligibility_rules
from bot.knowledge.files import KnowledgeError
from bot.knowledge.files import entries as _entries
from bot.knowledge.files import field as _field
from bot.knowledge.files import read_yaml as _read_yaml
from bot.knowledge.files import unique as _unique

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
NATION_ROUTES = {"pqip", "social_work", "outside"}


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    title: str
    official: bool
    retired: bool = False  # a page describing what no longer runs (004's standard)


@dataclass(frozen=True)
class Conflict:
    source: str
    claim: str


@dataclass(frozen=True)
class Fact:
    id: str
    text: str
    source: str
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class Topic:
    id: str
    intent: str
    title: str
    facts: list[str]


@dataclass(frozen=True)
class Qualification:
    id: str
    name: str
    level: int
    aliases: list[str]
    source: str | None  # the page that names it; None = general RQF placement
    stated_on_page: bool
    counts_for_entry: bool = True  # False: only PQiP learners hold it


@dataclass(frozen=True)
class Nation:
    id: str
    name: str
    route: str
    aliases: list[str]
    fact: str | None
    # Words for its people or places used before a noun ("a Nigerian degree", "the
    # Indian system"): only "outside the UK" lists them, for where a qualification is from.
    adjectives: list[str] = field(default_factory=list)


@dataclass
class Knowledge:
    sources: dict[str, Source]
    facts: dict[str, Fact]
    topics: dict[str, Topic]
    qualifications: list[Qualification]
    nations: list[Nation]
    eligibility: EligibilityRules

    def fact(self, fact_id: str) -> Fact:
        try:
            return self.facts[fact_id]
        except KeyError:
            raise KnowledgeError(f"unknown fact id {fact_id!r}") from None

    def source_of(self, fact_id: str) -> Source:
        return self.sources[self.fact(fact_id).source]

    def conflict_notes(self, fact_id: str) -> list[str]:
        """What other pages claim against this fact, and which page the bot follows:
        the one wording for FAQ answers and eligibility caveats alike."""
        fact = self.fact(fact_id)
        followed = self.sources[fact.source]
        # The official page wins where pages disagree; between two others (the
        # minimum age: 001's 18, 002's 20, 003 silent) neither wins, so say whose
        # figure the answer gives and that the official page doesn't settle it.
        settled = (
            f'this answer follows "{followed.title}", which wins where the pages disagree.'
            if followed.official
            else f'the answer above is what "{followed.title}" says, and the official '
            "recruitment FAQ doesn't settle it."
        )
        return [
            f'Note: the page "{self.sources[c.source].title}" says {c.claim}; {settled}'
            for c in fact.conflicts
        ]

    def qualification(self, qualification_id: str | None) -> Qualification | None:
        """The qualifications.yml row with this id (what the profile keeps), if any."""
        return next((q for q in self.qualifications if q.id == qualification_id), None)

    def topic_for_intent(self, intent: str) -> Topic | None:
        return next((t for t in self.topics.values() if t.intent == intent), None)


def _fact_references(node: Any) -> Iterable[str]:
    """Every value under a key named `fact` or `facts`, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "fact" and isinstance(value, str):
                yield value
            elif key == "facts" and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            else:
                yield from _fact_references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _fact_references(item)


def _load_sources(path: Path) -> dict[str, Source]:
    entries = _entries(path, "sources")
    _unique(path, (e.get("id") for e in entries))
    return {
        e["id"]: Source(
            id=_field(path, e, "id", str),
            file=_field(path, e, "file", str),
            title=_field(path, e, "title", str),
            official=bool(e.get("official", False)),
            retired=bool(e.get("retired", False)),
        )
        for e in entries
    }


def _load_facts(path: Path, sources: dict[str, Source]) -> dict[str, Fact]:
    entries = _entries(path, "facts")
    _unique(path, (e.get("id") for e in entries))
    facts = {}
    for e in entries:
        fact_id = _field(path, e, "id", str)
        source = _field(path, e, "source", str)
        if source not in sources:
            raise KnowledgeError(f"{path.name}: fact {fact_id!r} cites unknown source {source!r}")
        conflicts = []
        for c in e.get("conflicts") or []:
            if not isinstance(c, dict) or c.get("source") not in sources or not c.get("claim"):
                raise KnowledgeError(
                    f"{path.name}: fact {fact_id!r} has a conflict without a known source and a claim"
                )
            conflicts.append(Conflict(source=c["source"], claim=str(c["claim"]).strip()))
        facts[fact_id] = Fact(fact_id, _field(path, e, "text", str), source, conflicts)
    return facts


def _load_topics(path: Path, facts: dict[str, Fact]) -> dict[str, Topic]:
    entries = _entries(path, "topics")
    _unique(path, (e.get("id") for e in entries))
    _unique(path, (e.get("intent") for e in entries))
    topics = {}
    for e in entries:
        topic_id = _field(path, e, "id", str)
        fact_ids = _field(path, e, "facts", list)
        for fact_id in fact_ids:
            if fact_id not in facts:
                raise KnowledgeError(f"{path.name}: topic {topic_id!r} uses unknown fact {fact_id!r}")
        topics[topic_id] = Topic(
            topic_id, _field(path, e, "intent", str), _field(path, e, "title", str), list(fact_ids)
        )
    return topics


def _load_qualifications(path: Path, sources: dict[str, Source]) -> list[Qualification]:
    entries = _entries(path, "qualifications")
    _unique(path, (e.get("id") for e in entries))
    table = []
    for e in entries:
        qual_id = _field(path, e, "id", str)
        stated = bool(e.get("stated_on_page", True))
        # A level the pages state cites the page; a general RQF placement cites none,
        # so no row claims a page that never names it.
        source = _field(path, e, "source", str) if stated else e.get("source")
        if source is not None and source not in sources:
            raise KnowledgeError(f"{path.name}: qualification {qual_id!r} cites unknown source {source!r}")
        if not stated and source is not None:
            raise KnowledgeError(
                f"{path.name}: qualification {qual_id!r} is not stated on a page but cites {source!r}"
            )
        aliases = [a.strip().lower() for a in _field(path, e, "aliases", list) if str(a).strip()]
        table.append(
            Qualification(
                qual_id,
                _field(path, e, "name", str),
                _field(path, e, "level", int),
                aliases,
                source,
                stated,
                bool(e.get("counts_for_entry", True)),
            )
        )
    return table


def _load_nations(path: Path) -> list[Nation]:
    entries = _entries(path, "nations")
    _unique(path, (e.get("id") for e in entries))
    nations = []
    for e in entries:
        nation_id = _field(path, e, "id", str)
        route = _field(path, e, "route", str)
        if route not in NATION_ROUTES:
            raise KnowledgeError(
                f"{path.name}: nation {nation_id!r} has route {route!r}; "
                f"expected one of {sorted(NATION_ROUTES)}"
            )
        aliases = [a.strip().lower() for a in _field(path, e, "aliases", list) if str(a).strip()]
        adjectives = e.get("adjectives") or []
        if not isinstance(adjectives, list) or not all(isinstance(a, str) and a.strip() for a in adjectives):
            raise KnowledgeError(f"{path.name}: nation {nation_id!r}: 'adjectives' must be a list of words")
        nations.append(
            Nation(
                nation_id,
                _field(path, e, "name", str),
                route,
                aliases,
                e.get("fact"),
                [a.strip().lower() for a in adjectives],
            )
        )
    return nations


def load_knowledge(directory: Path | None = None) -> Knowledge:
    """The knowledge in `directory` (default knowledge/), read once per process."""
    return _load_cached(Path(directory).resolve() if directory else KNOWLEDGE_DIR)


@functools.lru_cache(maxsize=8)
def _load_cached(directory: Path) -> Knowledge:
    """Read and validate every knowledge file; raise KnowledgeError on the first problem."""
    sources = _load_sources(directory / "sources.yml")
    facts = _load_facts(directory / "facts.yml", sources)
    topics = _load_topics(directory / "topics.yml", facts)
    qualifications = _load_qualifications(directory / "qualifications.yml", sources)
    nations = _load_nations(directory / "nations.yml")
    rules_path = directory / "eligibility.yml"
    raw_rules = _read_yaml(rules_path, "eligibility")
    eligibility = load_eligibility_rules(rules_path, raw_rules, (q.id for q in qualifications))

    used = {f for t in topics.values() for f in t.facts}
    for name, node in (("nations.yml", [n.__dict__ for n in nations]), ("eligibility.yml", raw_rules)):
        for fact_id in _fact_references(node):
            if fact_id not in facts:
                raise KnowledgeError(f"{name}: refers to unknown fact {fact_id!r}")
            used.add(fact_id)
    orphans = sorted(set(facts) - used)
    if orphans:
        raise KnowledgeError(f"facts.yml: facts used by no topic or rule (orphans): {', '.join(orphans)}")
    return Knowledge(sources, facts, topics, qualifications, nations, eligibility)


def main() -> int:
    """`python -m bot.knowledge`: validate the files, for `make run` and CI."""
    from bot.knowledge.files import check_command

    return check_command(
        load_knowledge,
        lambda kb: (
            f"knowledge ok: {len(kb.facts)} facts, {len(kb.topics)} topics, "
            f"{len(kb.qualifications)} qualifications, {len(kb.sources)} sources"
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main())
