"""Rasa actions for the "was this helpful?" feedback (bot/insights/feedback.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, ValidationAction
from rasa_sdk.events import EventType

from actions.adapter import latest_intent, say, slot_events, user_text
from bot.insights import feedback
from bot.rasa_names import Actions, Intents, Slots


class ActionRecordFeedback(Action):
    """A click on "Yes, it helped" / "No, it didn't" under an FAQ answer."""

    def name(self) -> str:
        return Actions.RECORD_FEEDBACK

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        helpful = latest_intent(tracker)[0] == Intents.FEEDBACK_HELPFUL
        topic = feedback.topic_from_entities(tracker.latest_message.get("entities"))
        reply, slots = feedback.record(helpful, topic, during_check=bool(tracker.active_loop_name))
        if reply is not None:
            say(dispatcher, reply)
        return slot_events(slots)


class ValidateSlotMappings(ValidationAction):
    """Rasa's global slot extraction (`action_validate_slot_mappings`), run after every
    visitor message before a reply is chosen: after "no", the next typed message is
    kept as the comment, and is still answered as usual."""

    async def extract_feedback_comment(self, dispatcher, tracker, domain) -> dict[str, Any]:
        awaiting = tracker.get_slot(Slots.FEEDBACK_COMMENT_FOR)
        if not awaiting:
            return {}
        reply, slots = feedback.take_comment(awaiting, user_text(tracker))
        if reply is not None:
            say(dispatcher, reply)
        return slots
