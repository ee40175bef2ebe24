"""Does an answer's topic have anything to do with the question? Which fact answers it first?

The classifier always picks some topic. When a question shares no specific
word with everything that topic is about (its facts, its title, the ways
visitors ask it in data/nlu/faq.yml), the topic is not given as if it were the
answer: "how many days of annual leave do officers get?" is not answered with
the number of PQiP places. Words common to most topics ("probation",
"officer", "training") say nothing about which topic is meant and are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.knowledge import Knowledge, Topic
from bot.text import content_stems

FAQ_EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "nlu" / "faq.yml"
# A word found in this share of topics or more is generic: it can't tell topics apart.
GENERIC_SHARE = 0.25


def _examples_by_intent(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples: dict[str, list[str]] = {}
    for block in data.get("nlu") or []:
        if "intent" in block:
            lines = str(block.get("examples") or "").splitlines()
            examples[block["intent"]] = [line.lstrip("- ").strip() for line in lines if line.strip()]
    return examples


@dataclass(frozen=True)
class Vocabulary:
    by_topic: dict[str, frozenset[str]]
    generic: frozenset[str]

    def specific(self, text: str) -> set[str]:
        return content_stems(text) - self.generic

    def is_about(self, text: str, topic: Topic) -> bool:
        """False when the question names something specific and the topic shares none of it."""
        asked = self.specific(text)
        return not asked or bool(asked & self.by_topic.get(topic.id, frozenset()))


_built: dict[int, Vocabulary] = {}


def vocabulary(kb: Knowledge, examples_file: Path = FAQ_EXAMPLES) -> Vocabulary:
    """Each topic's words, and the generic ones; built once per knowledge base."""
    if id(kb) not in _built:
        examples = _examples_by_intent(examples_file)
        by_topic = {}
        for topic in kb.topics.values():
            text = " ".join(
                [topic.title] + [kb.fact(f).text for f in topic.facts] + examples.get(topic.intent, [])
            )
            by_topic[topic.id] = frozenset(content_stems(text))
        counts: dict[str, int] = {}
        for stems in by_topic.values():
            for s in stems:
                counts[s] = counts.get(s, 0) + 1
        threshold = max(2, GENERIC_SHARE * len(by_topic))
        generic = frozenset(s for s, n in counts.items() if n >= threshold)
        _built[id(kb)] = Vocabulary(by_topic, generic)
    return _built[id(kb)]


def rank_facts(kb: Knowledge, fact_ids: list[str], question: str, lead: Sequence[str] = ()) -> list[str]:
    """The facts in answer order: `lead` (facts known to answer what was asked) first,
    then the fact sharing most specific words with the question, then the rest as written.
    Among several lead facts, the one sharing most words with the question leads ("what
    does the Level 4 apprenticeship involve?": of the apprenticeships' contents, the
    Level 4 one)."""
    asked = vocabulary(kb).specific(question)
    ordered = list(dict.fromkeys(list(lead) + list(fact_ids)))
    if not asked:
        return ordered
    among = len(dict.fromkeys(lead)) or len(ordered)
    # Specific words first; all the question's words break a tie ("youth justice").
    every = content_stems(question)
    scores = [
        (len(asked & content_stems(kb.fact(f).text)), len(every & content_stems(kb.fact(f).text)))
        for f in ordered[:among]
    ]
    best = max(range(among), key=lambda i: (scores[i], -i))
    if scores[best] > scores[0] and scores[best][0] > 0:
        ordered.insert(0, ordered.pop(best))
    return ordered
