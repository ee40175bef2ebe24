"""Read and index the knowledge before the first visitor, not during their first message.

Everything here is cached after its first use (YAML files, the relevance
vocabulary, the interview bank, its answer reader, the eligibility parsers'
tables; the verdict's models and the safety classifier load from
.build/fitted/, bot/fitted.py, rather than being fitted at each start). Paid
inside a visitor's first turn after the action server (re)starts, that can
pass the 2 s limit after which the visitor gets the degraded reply
(channels/failure_guard.py).
"""

from __future__ import annotations

from bot.conversation.relevance import vocabulary
from bot.eligibility.parsing.tables import tables
from bot.interview.bank import load_bank
from bot.interview.feedback import scorer_for
from bot.interview.reading import reader_for
from bot.knowledge import load_knowledge
from bot.knowledge.concepts import load_concepts
from bot.knowledge.follow_ups import load_follow_ups
from bot.knowledge.gaps import load_gaps
from bot.safety import load_safety
from bot.safety.classifier import trained_classifier


def preload() -> None:
    kb = load_knowledge()
    load_gaps(kb)
    load_follow_ups(kb)
    load_concepts(kb)  # and which concepts each fact states
    vocabulary(kb)
    # The interview answer reader: spaCy's blank English pipeline and its Matcher
    # (~1.3 s), else paid in the first practice answer, near the 2 s limit.
    reader_for(load_bank())
    # The interview verdict's models, fitted on knowledge/interview_rated.yml (~3 s; kept on disk).
    scorer_for(load_bank())
    tables()  # the eligibility parsers' phrase tables (~0.1 s)
    load_safety()
    trained_classifier()  # the safety detector's second reader, fitted on its examples (~3 s; kept on disk)
