"""Does an answer's topic have anything to do with the question? Which fact answers it first?

Two tests. `judge`: what the question asks about (its concepts: a loan, another
country, powers, equipment; knowledge/concepts.yml) against what the chosen
answer's facts state, read from the facts' own text: all of it, part of it
(say which part the pages cover and that they don't cover the rest) or none
of it. Then, for a question naming no such concept, the shared-word test:

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
from bot.knowledge.concepts import Concept, load_concepts
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
        """False when the question names something specific and the topic shares none of it
        (a word sharing its first letters with one of the topic's counts: "empathetic", "empathy")."""
        asked = self.specific(text)
        words = self.by_topic.get(topic.id, frozenset())
        return not asked or bool(asked & words) or bool(_prefixes(asked) & _prefixes(words))

    def known(self, word: str) -> bool:
        """A word some topic uses, or shares its first letters with."""
        return any(word in words for words in self.by_topic.values()) or bool(
            _prefixes({word}) & self.all_prefixes
        )

    @property
    def all_prefixes(self) -> frozenset[str]:
        return _prefixes(frozenset().union(*self.by_topic.values()))


# Two words sharing this many first letters are taken as one ("empathetic", "empathy").
PREFIX = 6


def _prefixes(words) -> frozenset[str]:
    return frozenset(w[:PREFIX] for w in words if len(w) >= PREFIX + 1)


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


@dataclass(frozen=True)
class Judgement:
    """What a question asks about (knowledge/concepts.yml), against what the chosen answer states."""

    asked: tuple[Concept, ...]
    stated: tuple[Concept, ...]

    @property
    def missing(self) -> tuple[Concept, ...]:
        return tuple(c for c in self.asked if c not in self.stated)

    @property
    def answers(self) -> bool:
        """Everything the question names is stated (or it names nothing the concepts know)."""
        return not self.missing

    @property
    def partly(self) -> bool:
        return bool(self.stated) and bool(self.missing)

    @property
    def not_at_all(self) -> bool:
        return bool(self.asked) and not self.stated


def judge(
    kb: Knowledge,
    question: str,
    fact_ids: Sequence[str],
    topic: Topic | None = None,
    background: str = "",
) -> Judgement:
    """Does the answer made of `fact_ids` state what `question` asks about?

    "Can I train part of the PQiP abroad?" against what the PQiP is made of: it asks about
    another country, which those facts never mention: not answered. "Do PSOs get a company
    car, and what band are they?" against the PSO's band: pay is stated, equipment isn't:
    partly answered. A concept that is an aspect (pay) is also stated by the facts that
    knowledge/follow_ups.yml gives for that aspect of `topic`'s subject, where the answer holds
    them ("will I earn money on the PQiP?": the PSO contract). `background`: the visitor's
    background the question leans on; the concepts marked `in_background` it names are asked
    too ("My degree is from Poland. Does it count?")."""
    from bot.knowledge.follow_ups import load_follow_ups

    concepts = load_concepts(kb)
    asked = tuple(
        c for c in concepts.concepts if c.named_in(question) or (c.in_background and c.named_in(background))
    )
    stated_ids = concepts.stated_by(fact_ids)
    follow_ups = load_follow_ups(kb)

    def stated(concept: Concept) -> bool:
        if concept.id in stated_ids:
            return True
        aspect = follow_ups.aspect(concept.aspect) if concept.aspect and topic is not None else None
        answering = (
            follow_ups.facts_for(topic.id, aspect) if aspect is not None and topic is not None else None
        )
        return bool(set(answering or ()) & set(fact_ids))

    return Judgement(asked, tuple(c for c in asked if stated(c)))


def unstated_asked(kb: Knowledge, asking: str, background: str = "") -> list[Concept]:
    """The concepts a question asks about that no fact states ("can I do the PQiP if I'm
    registered blind?"), from the clause that asks and, for the concepts marked
    `in_background`, the background it leans on ("My degree is from Nigeria, can I still apply?")."""
    concepts = load_concepts(kb)
    stated = concepts.stated_by(kb.facts)
    named = concepts.named_in(asking) + [c for c in concepts.named_in(background) if c.in_background]
    return [c for c in dict.fromkeys(named) if c.id not in stated]


def says_of(concepts: Sequence[Concept]) -> str:
    """ "student loans or other debts" / "pensions, nor state benefits ..."."""
    texts = [c.says for c in concepts]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + ", nor " + texts[-1]


def someone_elses_topic(kb: Knowledge, about: str) -> Topic | None:
    """ "My brother is in prison, could I still become a probation officer?": of the topics
    about the applicant's own circumstances (knowledge/coverage.yml `own`), the one the
    question shares specific words with, when it asks about someone else's."""
    from bot.knowledge.coverage import load_coverage

    coverage = load_coverage(kb)
    if coverage.person_in(about) is None:
        return None
    # "prisoner" shares its first six letters with "prison"
    asked = {w[:PREFIX] for w in vocabulary(kb).specific(about)}
    return next(
        (
            kb.topics[t]
            for t in coverage.own
            if asked & {w[:PREFIX] for w in vocabulary(kb).by_topic.get(t, ())}
        ),
        None,
    )


# --- words no page uses ---------------------------------------------------------------
# The intents whose examples are questions the pages DON'T answer: their words are no
# sign that the knowledge knows a thing.
_NOT_ANSWERED_INTENTS = frozenset({"ask_not_covered", "out_of_scope"})
NLU_DIR = FAQ_EXAMPLES.parent
# A word this close to a known one is taken as a typo of it ("qualifcations").
TYPO_CUTOFF = 0.8
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred".split()
)
# Words that say how or where, or frame a question, but name no thing a page could state.
_FRAMING_WORDS = frozenset(
    "elsewhere afterwards afterward beforehand halfway somewhere anywhere everywhere nowhere meanwhile "
    "otherwise whatever whenever wherever although though anyway anyways choice choices option options "
    "lack lacking thing things stuff idea ideas sort kind type matter matters issue issues problem "
    "problems okay alright cheers honest guess wondering wonder curious".split()
)
_known: dict[int, tuple[frozenset[str], list[str]]] = {}


def _known_words(kb: Knowledge, nlu_dir: Path = NLU_DIR) -> tuple[frozenset[str], list[str]]:
    """Every stem the knowledge uses: the topics' facts and titles, and the ways visitors say
    anything the bot answers or does (data/nlu, leaving out the not-covered examples)."""
    if id(kb) not in _known:
        known = set().union(*vocabulary(kb).by_topic.values())
        for path in sorted(nlu_dir.glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for block in data.get("nlu") or []:
                if "intent" in block and block["intent"] not in _NOT_ANSWERED_INTENTS:
                    known |= content_stems(str(block.get("examples") or ""))
        _known[id(kb)] = (frozenset(known), sorted(known))
    return _known[id(kb)]


def unmentioned(kb: Knowledge, question: str) -> list[str]:
    """The words of `question` that nothing in the knowledge uses, as the visitor wrote them:
    "do I need an English test like IELTS?" -> ["IELTS"]. Not a word a concept names
    (judge decides those), an adverb ("approximately"), a number word, a short word, or one
    close to a known word (a typo, or another form: "empathetic", "empathy")."""
    import difflib

    from bot.text import stem, words

    known, ordered = _known_words(kb)
    vocab = vocabulary(kb)
    concepts = load_concepts(kb)
    found: list[str] = []
    for word in dict.fromkeys(words(question)):
        s = stem(word)
        if (
            len(word) < 4
            or not word.isalpha()
            or word in _NUMBER_WORDS
            or word in _FRAMING_WORDS
            or word.endswith("ly")
            or not content_stems(word)
            or s in known
            or vocab.known(s)
            or concepts.named_in(word)
            or difflib.get_close_matches(s, ordered, n=1, cutoff=TYPO_CUTOFF)
        ):
            continue
        found.append(_as_written(question, word))
    return found


def _as_written(question: str, word: str) -> str:
    """The word as the visitor typed it ("IELTS", not "ielts")."""
    import re

    match = re.search(rf"\b{re.escape(word)}\b", question, re.IGNORECASE)
    return match.group(0) if match else word
