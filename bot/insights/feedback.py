"""'Was this helpful?' after an FAQ answer: two buttons, then one optional comment.

The buttons are a separate message after the answer, so the answer still ends
with its source line, and a visitor who ignores them simply types the next
question: the feedback intents have no training examples, so only the buttons
(`/feedback_helpful{"feedback_topic": "..."}`) reach them. The prompt asks
nothing ("?"-free): it is an offer, not a question the visitor must answer.

After "no", the bot asks what they were looking for and keeps the next message
typed as the comment (slot `feedback_comment`), whatever it is: a question
typed there is still answered as usual, nothing waits for the comment.

Everything is kept as slot events in the tracker store, so it follows the
conversation's retention and purge:
    feedback          {"topic": "pqip_length", "helpful": true}
    feedback_comment  {"topic": "pqip_length", "text": "what the visitor typed"}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.rasa_names import Entities, Intents, Slots, payload
from bot.replies import Button, Reply

PROMPT = "Let us know if this helped, or just ask your next question."
HELPFUL_TITLE = "Yes, it helped"
NOT_HELPFUL_TITLE = "No, it didn't"
THANKS_HELPFUL = "Thanks for letting us know. Ask me anything else about probation careers."
ASK_COMMENT = (
    "Sorry it didn't help. What were you looking for? Tell me in a few words if "
    "you like (it helps the recruitment team improve these answers), or just ask "
    "your next question."
)
THANKS_NOT_HELPFUL_IN_CHECK = "Thanks for letting us know."
THANKS_COMMENT = "Thanks, I've noted that for the recruitment team."
MAX_COMMENT_CHARS = 500


def feedback_prompt(topic_id: str) -> Reply:
    return Reply(
        PROMPT,
        [
            Button(HELPFUL_TITLE, payload(Intents.FEEDBACK_HELPFUL, {Entities.FEEDBACK_TOPIC: topic_id})),
            Button(
                NOT_HELPFUL_TITLE, payload(Intents.FEEDBACK_NOT_HELPFUL, {Entities.FEEDBACK_TOPIC: topic_id})
            ),
        ],
    )


def with_feedback(reply: Reply, topic_id: str | None, during_check: bool = False) -> list[Reply]:
    """The answer, then the feedback buttons for its topic; none without a topic (a
    "the pages don't cover this" answer, counted in the report anyway) and none
    during the eligibility check, where the check's own question must come last."""
    if topic_id is None or during_check:
        return [reply]
    return [reply, feedback_prompt(topic_id)]


def topic_from_entities(entities: list[Mapping[str, Any]] | None) -> str | None:
    for entity in entities or []:
        if entity.get("entity") == Entities.FEEDBACK_TOPIC and isinstance(entity.get("value"), str):
            return entity["value"]
    return None


def record(helpful: bool, topic_id: str | None, during_check: bool = False):
    """(the reply, the slot values to set) for a click on one of the buttons."""
    slots: dict[str, Any] = {Slots.FEEDBACK: {"topic": topic_id, "helpful": helpful}}
    if helpful:
        return Reply(THANKS_HELPFUL), slots
    if during_check:  # the check's question comes next: no comment asked
        return Reply(THANKS_NOT_HELPFUL_IN_CHECK), slots
    slots[Slots.FEEDBACK_COMMENT_FOR] = topic_id or "unknown"
    return Reply(ASK_COMMENT), slots


def take_comment(awaiting_topic: str | None, text: str | None):
    """Run on every visitor message: (a reply or None, slot values to set).

    Only the first message after "what were you looking for?" is a comment, and
    only if typed (a button payload starts with "/"); either way the wait ends."""
    if not awaiting_topic:
        return None, {}
    slots: dict[str, Any] = {Slots.FEEDBACK_COMMENT_FOR: None}
    text = " ".join((text or "").split())
    if not text or text.startswith("/"):
        return None, slots
    slots[Slots.FEEDBACK_COMMENT] = {"topic": awaiting_topic, "text": text[:MAX_COMMENT_CHARS]}
    return Reply(THANKS_COMMENT), slots
