"""Rasa custom actions for interview practice: thin adapters over bot/interview/.

The session is the form `interview_form`; bot.interview.dialogue decides what
each message is (an answer, skip / repeat / stop, or a question to answer
first) and words every reply.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet

from bot.interview import dialogue

FOCUS_ENTITY = "interview_focus"
FORM = "interview_form"


def _say(dispatcher, reply) -> None:
    dispatcher.utter_message(text=reply.text, buttons=reply.button_dicts() or None)


def _slots(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in dialogue.SLOT_NAMES}


def _slot_events(values: dict[str, Any]) -> list[EventType]:
    return [SlotSet(name, value) for name, value in values.items()]


class ActionStartInterview(Action):
    """Opens a practice session; a button may ask to focus on one skill."""

    def name(self) -> str:
        return "action_start_interview"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        focus = next(tracker.get_latest_entity_values(FOCUS_ENTITY), None)
        if focus is None and (tracker.latest_message.get("intent") or {}).get("name") == "affirm":
            focus = tracker.get_slot(dialogue.FOCUS)  # "yes" to the summary's offer
        turn = dialogue.start(_slots(tracker), tracker.latest_message.get("text") or "", focus=focus)
        for reply in turn.replies:
            _say(dispatcher, reply)
        # The form starts with nothing requested, whatever an earlier form left behind.
        return _slot_events(turn.updates) + [SlotSet("requested_slot", None)]


def _ran_after(tracker: Tracker) -> str:
    """The action the form follows: action_listen for a new message, action_start_interview
    when opening, or the action that answered a question asked mid-practice."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return "action_listen"
        if event.get("event") == "action" and event.get("name") not in (FORM, None):
            return event["name"]
    return "action_listen"


class ValidateInterviewForm(FormValidationAction):
    """Reads each message with bot/, or lets a question through to be answered first."""

    def name(self) -> str:
        return "validate_interview_form"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if _ran_after(tracker) != "action_listen":
            # Opening, or back after a question was answered: the form asks the first
            # empty slot, which is the style or the current question.
            return []
        intent = tracker.latest_message.get("intent") or {}
        turn = dialogue.handle(_slots(tracker), tracker.get_slot("requested_slot"),
                               tracker.latest_message.get("text") or "",
                               intent.get("name"), float(intent.get("confidence") or 0.0))
        if turn.digression:
            return []  # nothing filled: Rasa rejects the form and a rule answers instead
        for reply in turn.replies:
            _say(dispatcher, reply)
        return _slot_events(turn.updates) + [SlotSet("requested_slot", turn.next_slot)]


class ActionAskInterviewStyle(Action):
    def name(self) -> str:
        return "action_ask_interview_style"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        _say(dispatcher, dialogue.ask_style())
        return []


class ActionAskInterviewAnswer(Action):
    """Asks the session's current question (again, after a repeat or a digression)."""

    def name(self) -> str:
        return "action_ask_interview_answer"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        _say(dispatcher, dialogue.ask_question(_slots(tracker)))
        return []


class ActionInterviewSummary(Action):
    def name(self) -> str:
        return "action_interview_summary"

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        turn = dialogue.finish(_slots(tracker))
        for reply in turn.replies:
            _say(dispatcher, reply)
        return _slot_events(turn.updates)
