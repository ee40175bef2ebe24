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
from bot.rasa_names import Actions, Entities, Forms, Intents, RasaBuiltIns


def _say(dispatcher, reply) -> None:
    dispatcher.utter_message(text=reply.text, buttons=reply.button_dicts() or None)


def _slots(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in dialogue.SLOT_NAMES}


def _slot_events(values: dict[str, Any]) -> list[EventType]:
    return [SlotSet(name, value) for name, value in values.items()]


class ActionStartInterview(Action):
    """Opens a practice session; a button may ask to focus on one skill."""

    def name(self) -> str:
        return Actions.START_INTERVIEW

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        focus = next(tracker.get_latest_entity_values(Entities.INTERVIEW_FOCUS), None)
        if focus is None and (tracker.latest_message.get("intent") or {}).get("name") == Intents.AFFIRM:
            focus = tracker.get_slot(dialogue.FOCUS)  # "yes" to the summary's offer
        turn = dialogue.start(_slots(tracker), tracker.latest_message.get("text") or "", focus=focus)
        for reply in turn.replies:
            _say(dispatcher, reply)
        # The form starts with nothing requested, whatever an earlier form left behind.
        return _slot_events(turn.updates) + [SlotSet(RasaBuiltIns.REQUESTED_SLOT, None)]


def _ran_after(tracker: Tracker) -> str:
    """The action the form follows: action_listen for a new message, action_start_interview
    when opening, or the action that answered a question asked mid-practice."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return RasaBuiltIns.ACTION_LISTEN
        if event.get("event") == "action" and event.get("name") not in (Forms.INTERVIEW, None):
            return event["name"]
    return RasaBuiltIns.ACTION_LISTEN


class ValidateInterviewForm(FormValidationAction):
    """Reads each message with bot/, or lets a question through to be answered first."""

    def name(self) -> str:
        return Actions.VALIDATE_INTERVIEW_FORM

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if _ran_after(tracker) != RasaBuiltIns.ACTION_LISTEN:
            # Opening, or back after a question was answered: the form asks the first
            # empty slot, which is the style or the current question.
            return []
        intent = tracker.latest_message.get("intent") or {}
        turn = dialogue.handle(_slots(tracker), tracker.get_slot(RasaBuiltIns.REQUESTED_SLOT),
                               tracker.latest_message.get("text") or "",
                               intent.get("name"), float(intent.get("confidence") or 0.0))
        if turn.digression:
            return []  # nothing filled: Rasa rejects the form and a rule answers instead
        for reply in turn.replies:
            _say(dispatcher, reply)
        return _slot_events(turn.updates) + [SlotSet(RasaBuiltIns.REQUESTED_SLOT, turn.next_slot)]


class ActionAskInterviewStyle(Action):
    def name(self) -> str:
        return Actions.ASK_INTERVIEW_STYLE

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        _say(dispatcher, dialogue.ask_style())
        return []


class ActionAskInterviewAnswer(Action):
    """Asks the session's current question (again, after a repeat or a digression)."""

    def name(self) -> str:
        return Actions.ASK_INTERVIEW_ANSWER

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        _say(dispatcher, dialogue.ask_question(_slots(tracker)))
        return []


class ActionInterviewSummary(Action):
    def name(self) -> str:
        return Actions.INTERVIEW_SUMMARY

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        turn = dialogue.finish(_slots(tracker))
        for reply in turn.replies:
            _say(dispatcher, reply)
        return _slot_events(turn.updates)
