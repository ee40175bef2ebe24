"""A stored conversation read as the helpline reads it: the visitor's turns and
what the bot did in reply, the slots' last values, the times of messages.

Plain Python, no Rasa: events are dicts as Rasa stores them
({"event": "user", "text": ..., "parse_data": ...}). Used by the triage card
(`card.py`), the clarifying fallback (how many failures in a row) and the
insights report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge import Knowledge, Topic
from bot.rasa_names import Actions, Intents, RasaBuiltIns, Slots

# The bot could not tell what was meant (the last_gap slot: the pages don't cover it).
UNANSWERED_ACTIONS = {Actions.CLARIFY, RasaBuiltIns.DEFAULT_FALLBACK}
CHECK_STARTED_ACTIONS = {Actions.START_ELIGIBILITY, Actions.RESTART_ELIGIBILITY}


# --- reading events -------------------------------------------------------------------


@dataclass
class VisitorTurn:
    """One visitor message and the actions the bot ran in reply."""

    text: str
    intent: str | None
    timestamp: float | None
    channel: str | None
    actions: list[str] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)  # slots the bot set in reply
    bot_texts: list[str] = field(default_factory=list)

    @property
    def unanswered(self) -> bool:
        """The bot could not tell what was meant, or said the pages don't cover it."""
        return bool(UNANSWERED_ACTIONS & set(self.actions) or self.slots.get(Slots.LAST_GAP))


def visitor_turns(events: Iterable[Mapping[str, Any]]) -> list[VisitorTurn]:
    """The conversation as turns; `/triage` turns are left out (they are staff looking)."""
    turns: list[VisitorTurn] = []
    current: VisitorTurn | None = None
    for event in events:
        kind = event.get("event")
        if kind == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            current = VisitorTurn(
                event.get("text") or "", intent, event.get("timestamp"), event.get("input_channel")
            )
            if intent != Intents.TRIAGE:
                turns.append(current)
        elif kind == "action" and current is not None:
            name = event.get("name")
            if name and name != RasaBuiltIns.ACTION_LISTEN:
                current.actions.append(name)
        elif kind == "slot" and current is not None:
            current.slots[str(event.get("name"))] = event.get("value")
        elif kind == "bot" and current is not None and event.get("text"):
            current.bot_texts.append(event["text"])
    return turns


def fallbacks_in_a_row(events: Iterable[Mapping[str, Any]]) -> int:
    """For the clarifying action: the message being clarified now, plus the
    messages straight before it that the bot could not answer either."""
    turns = visitor_turns(events)
    count = 1 if turns else 0
    for turn in reversed(turns[:-1]):
        if not turn.unanswered:
            break
        count += 1
    return count


def slot_values(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Each slot's last value; a conversation restart clears them all."""
    values: dict[str, Any] = {}
    for event in events:
        if event.get("event") == "slot":
            values[str(event.get("name"))] = event.get("value")
        elif event.get("event") == "restart":
            values = {}
    return values


def message_times(events: Iterable[Mapping[str, Any]]) -> list[float]:
    return [
        e["timestamp"]
        for e in events
        if e.get("event") in ("user", "bot") and isinstance(e.get("timestamp"), (int, float))
    ]


def answered_topic(kb: Knowledge, turn: VisitorTurn) -> Topic | None:
    """The FAQ topic a turn answered: the `last_topic` slot the answer set, or (stores
    from before that slot) the topic of the intent that `action_answer_faq` answered."""
    if Slots.LAST_TOPIC in turn.slots:  # the topic actually answered (a follow-up's, say)
        return kb.topics.get(turn.slots[Slots.LAST_TOPIC] or "")
    # A fact-laden question that looked like an FAQ may open the check instead.
    answered = Actions.ANSWER_FAQ in turn.actions and not CHECK_STARTED_ACTIONS & set(turn.actions)
    return kb.topic_for_intent(turn.intent or "") if answered else None
