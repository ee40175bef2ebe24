"""What the source pages don't cover, and how to say so (knowledge/gaps.yml).

A visitor asking about pay figures, shifts or a uniform must hear plainly that
the pages don't say, then the closest thing they do say, then the helpline;
never another topic's facts dressed up as the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from re import Pattern

from bot.knowledge.base import KNOWLEDGE_DIR, Knowledge, Topic
from bot.knowledge.files import KnowledgeError, entries, field, unique
from bot.text import content_stems

GAPS_FILE = "gaps.yml"
UNLISTED = "unlisted"  # a question nobody listed, caught by the relevance check


@dataclass(frozen=True)
class Gap:
    id: str
    subject: str
    asks: tuple[Pattern[str], ...]
    closest: tuple[str, ...]
    examples: tuple[str, ...]
    partly_answered_by: tuple[str, ...] = ()  # topic ids that answer it in part

    def hits(self, text: str) -> int:
        return sum(1 for pattern in self.asks if pattern.search(text))


def _compile(path: Path, gap_id: str, pattern: str) -> Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeError(f"{path.name}: gap {gap_id!r}: bad pattern {pattern!r} ({exc})") from None


_loaded: dict[int, list[Gap]] = {}


def load_gaps(kb: Knowledge, directory: Path = KNOWLEDGE_DIR) -> list[Gap]:
    """The gaps, checked against `kb`'s facts; read once per knowledge base."""
    if id(kb) not in _loaded:
        _loaded[id(kb)] = _read(directory / GAPS_FILE, kb)
    return _loaded[id(kb)]


def _read(path: Path, kb: Knowledge) -> list[Gap]:
    listed = entries(path, "gaps")
    unique(path, (field(path, e, "id", str) for e in listed))
    gaps = []
    for entry in listed:
        gap_id = field(path, entry, "id", str)
        closest = tuple(entry.get("closest") or ())
        for fact_id in closest:
            if fact_id not in kb.facts:
                raise KnowledgeError(f"{path.name}: gap {gap_id!r}: unknown fact {fact_id!r} in closest")
        asks = field(path, entry, "asks", list)
        examples = field(path, entry, "examples", list)
        if not asks or not examples:
            raise KnowledgeError(f"{path.name}: gap {gap_id!r}: needs 'asks' and 'examples'")
        partly = tuple(entry.get("partly_answered_by") or ())
        for topic_id in partly:
            if topic_id not in kb.topics:
                raise KnowledgeError(
                    f"{path.name}: gap {gap_id!r}: unknown topic {topic_id!r} in partly_answered_by"
                )
        gaps.append(
            Gap(
                gap_id,
                field(path, entry, "subject", str),
                tuple(_compile(path, gap_id, p) for p in asks),
                closest,
                tuple(str(e) for e in examples),
                partly,
            )
        )
    return gaps


def match_gap(text: str, gaps: Sequence[Gap]) -> Gap | None:
    """The listed gap whose patterns the message matches best (file order breaks ties)."""
    best, best_hits = None, 0
    for gap in gaps:
        hits = gap.hits(text or "")
        if hits > best_hits:
            best, best_hits = gap, hits
    return best


def nearest_gap_by_examples(
    text: str, gaps: Sequence[Gap], generic: frozenset[str] = frozenset()
) -> Gap | None:
    """For a message the classifier read as 'not covered' that no pattern matched:
    the gap one of whose examples shares two or more specific words with it
    (generic words, such as "probation" or "officer", say nothing about which
    gap is meant; one word alone, such as "office", is too weak a sign)."""
    asked = content_stems(text) - generic
    best, best_shared = None, 1
    for gap in gaps:
        for example in gap.examples:
            shared = len(asked & content_stems(example))
            if shared > best_shared:
                best, best_shared = gap, shared
    return best


def gap_paragraphs(
    kb: Knowledge, gap: Gap | None, nearest: Topic | None = None
) -> tuple[list[str], list[str]]:
    """(paragraphs, fact ids cited) saying plainly that the pages don't cover this."""
    if gap is None:
        paragraphs = ["I can't find that in the pages I answer from, so I won't guess."]
        if nearest is not None:
            paragraphs.append(f'The nearest topic I do have is "{nearest.title}".')
        return paragraphs, []
    paragraphs = [f"The pages I answer from don't cover {gap.subject}."]
    if gap.closest:
        paragraphs.append("The closest they say: " + " ".join(kb.fact(f).text for f in gap.closest))
        # As in any answer: what another page claims against those facts.
        paragraphs.extend(note for f in gap.closest for note in kb.conflict_notes(f))
    return paragraphs, list(gap.closest)
