"""Rasa actions for the "was this helpful?" feedback (bot/insights/feedback.py)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, ValidationAction
from rasa_sdk.events import EventType, SlotSet

from bot.insights import feedback
from bot.rasa_names import Actions, Intents, Slots


def _say_and_set(dispatcher, reply, slots: dict[str, Any]) -> list[EventType]:
    if reply is not None:
        dispatcher.utter_message(text=reply.text, buttons=reply.button_dicts() or None)
    return [SlotSet(name, value) for name, value in slots.items()]


class ActionRecordFeedback(Action):
    """A click on "Yes, it helped" / "No, it didn't" under an FAQ answer."""

    def name(self) -> str:
        return Actions.RECORD_FEEDBACK

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        message = tracker.latest_message or {}
        helpful = (message.get("intent") or {}).get("name") == Intents.FEEDBACK_HELPFUL
        topic = feedback.topic_from_entities(message.get("entities"))
        reply, slots = feedback.record(helpful, topic, during_check=bool(tracker.active_loop_name))
        return _say_and_set(dispatcher, reply, slots)


class ValidateSlotMappings(ValidationAction):
    """Rasa's global slot extraction (`action_validate_slot_mappings`), run after every
    visitor message before a reply is chosen: after "no", the next typed message is
    kept as the comment, and is still answered as usual."""

    async def extract_feedback_comment(self, dispatcher, tracker, domain) -> dict[str, Any]:
        awaiting = tracker.get_slot(Slots.FEEDBACK_COMMENT_FOR)
        if not awaiting:
            return {}
        reply, slots = feedback.take_comment(awaiting, (tracker.latest_message or {}).get("text"))
        if reply is not None:
            dispatcher.utter_message(text=reply.text)
        return slots
