"""One conversation's events, read into what the report counts.

Built on bot/helpline/triage.py's reading of turns (a visitor message and what the bot
did in reply), so the report and the helpline card agree on what a topic, an
unanswered question and a started check are.

What is read, and from which events:
- topics answered: the `last_topic` slot an answer sets, or the FAQ intent that
  `action_answer_faq` answered (stores from before that slot);
- questions missed: turns that got the clarifying "did you mean ...?" or the
  default fallback, the out-of-scope reply, or a "the pages don't cover this"
  answer (the `last_gap` slot);
- feedback: the `feedback` and `feedback_comment` slots (bot/insights/feedback.py);
- the eligibility check: started by `action_start_eligibility` /
  `action_restart_eligibility`, finished when `eligibility_outcome` is set;
  an unfinished one stopped at the last question asked (`requested_slot`);
- hand-offs: a reply that gave the helpline number, with the reason read from
  the action that gave it (or the answer it came with).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from bot.helpline import turns as conversation_turns
from bot.knowledge import Knowledge, KnowledgeError
from bot.rasa_names import Actions, Forms, RasaBuiltIns, Slots

FORM_ACTIONS = {Forms.ELIGIBILITY, Actions.VALIDATE_ELIGIBILITY_FORM}
CHANNEL_NAMES = {"rest": "web", "cmdline": "shell"}

NOT_UNDERSTOOD = "not understood"
OUT_OF_SCOPE = "outside what the bot covers"
NOT_COVERED = "the pages don't cover this"

ASKED_FOR_PERSON = "asked for a person"
STUCK = "not understood twice in a row"
UNUSABLE_ANSWERS = "unusable answers in the check"
WITH_OUTCOME = "given with the eligibility outcome"
WITH_NOT_COVERED = 'with a "the pages don\'t cover this" answer'
IN_AN_ANSWER = "in an FAQ answer (e.g. how to contact the team)"
OTHER = "other"


@dataclass
class Missed:
    text: str  # verbatim, as typed (the report withholds and cuts it)
    how: str  # NOT_UNDERSTOOD / OUT_OF_SCOPE / NOT_COVERED
    gap: str | None = None  # the knowledge/gaps.yml id, or "unlisted"


@dataclass
class Conversation:
    started: datetime | None  # first visitor message, UTC
    channel: str
    messages_by_day: Counter = field(default_factory=Counter)  # date -> visitor messages
    topics: list[str] = field(default_factory=list)  # topic ids, each answer once
    feedback: list[dict[str, Any]] = field(default_factory=list)  # {"topic", "helpful"}
    comments: list[dict[str, Any]] = field(default_factory=list)  # {"topic", "text"}
    missed: list[Missed] = field(default_factory=list)
    check_started: bool = False
    outcome: str | None = None
    stopped_at: str | None = None  # field asked when an unfinished check stopped
    handoffs: list[str] = field(default_factory=list)  # one reason per helpline given

    @property
    def visitor_messages(self) -> int:
        return sum(self.messages_by_day.values())

    @property
    def check_finished(self) -> bool:
        return self.outcome is not None


def helpline_pattern(kb: Knowledge) -> re.Pattern:
    """The helpline number as it appears in replies (digits, any spacing)."""
    found = re.search(r"0\d[\d ]{8,}\d", kb.fact("helpline_number").text)
    if found is None:
        raise KnowledgeError("facts.yml: fact 'helpline_number' has no phone number in it")
    number = found.group()
    return re.compile(r"\s*".join(re.escape(d) for d in number.replace(" ", "")))


def _day(timestamp: float | None):
    if not isinstance(timestamp, (int, float)):
        return None
    return datetime.fromtimestamp(timestamp, timezone.utc)


def _handoff_reason(turn: conversation_turns.VisitorTurn) -> str:
    actions = set(turn.actions)
    if Actions.HANDOFF in actions:
        return ASKED_FOR_PERSON
    if Actions.ELIGIBILITY_OUTCOME in actions:
        return WITH_OUTCOME
    if Actions.CLARIFY in actions:
        return STUCK
    if FORM_ACTIONS & actions:
        return UNUSABLE_ANSWERS
    if turn.slots.get(Slots.LAST_GAP):
        return WITH_NOT_COVERED
    if turn.slots.get(Slots.LAST_TOPIC) or Actions.ANSWER_FAQ in actions:
        return IN_AN_ANSWER
    return OTHER


def _missed(turn: conversation_turns.VisitorTurn) -> Missed | None:
    text = turn.text.strip()
    if not text or text.startswith("/"):  # a button press is not a question
        return None
    if turn.slots.get(Slots.LAST_GAP):
        return Missed(text, NOT_COVERED, str(turn.slots[Slots.LAST_GAP]))
    if turn.slots.get(Slots.LAST_TOPIC):  # answered, e.g. a follow-up read by the clarifier
        return None
    if turn.unanswered:
        return Missed(text, NOT_UNDERSTOOD)
    if Actions.OUT_OF_SCOPE in turn.actions:
        return Missed(text, OUT_OF_SCOPE)
    return None


def read_conversation(
    events: Sequence[Mapping[str, Any]], kb: Knowledge, helpline: re.Pattern | None = None
) -> Conversation:
    helpline = helpline or helpline_pattern(kb)
    turns = conversation_turns.visitor_turns(events)
    first = next((_day(t.timestamp) for t in turns if _day(t.timestamp)), None)
    channel = next((t.channel for t in turns if t.channel), None)
    convo = Conversation(started=first, channel=CHANNEL_NAMES.get(channel or "", channel or "unknown"))
    asking: str | None = None  # the check's question waiting for an answer
    for turn in turns:
        when = _day(turn.timestamp)
        if when:
            convo.messages_by_day[when.date()] += 1
        topic = conversation_turns.answered_topic(kb, turn)
        if topic:
            convo.topics.append(topic.id)
        missed = _missed(turn)
        if missed:
            convo.missed.append(missed)
        if isinstance(turn.slots.get(Slots.FEEDBACK), dict):
            convo.feedback.append(turn.slots[Slots.FEEDBACK])
        if isinstance(turn.slots.get(Slots.FEEDBACK_COMMENT), dict):
            convo.comments.append(turn.slots[Slots.FEEDBACK_COMMENT])
        if conversation_turns.CHECK_STARTED_ACTIONS & set(turn.actions):
            convo.check_started, convo.outcome = True, None  # a restart starts it afresh
        if RasaBuiltIns.REQUESTED_SLOT in turn.slots:
            asking = turn.slots[RasaBuiltIns.REQUESTED_SLOT] or asking
        if turn.slots.get(Slots.ELIGIBILITY_OUTCOME):
            convo.outcome, asking = turn.slots[Slots.ELIGIBILITY_OUTCOME], None
        if any(helpline.search(text) for text in turn.bot_texts):
            convo.handoffs.append(_handoff_reason(turn))
    if convo.check_started and not convo.check_finished:
        convo.stopped_at = asking or "before the first question"
    return convo
