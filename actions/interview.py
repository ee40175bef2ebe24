"""Rasa custom actions for interview practice: thin adapters over bot/interview/.

The session is the form `interview_form`; bot.interview.dialogue decides what
each message is (an answer, skip / repeat / stop, or a question to answer
first) and words every reply.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.adapter import (
    DialogueForm,
    ReplyAction,
    latest_intent,
    say,
    slot_events,
    slot_values,
    user_text,
)
from bot.interview import dialogue
from bot.rasa_names import Actions, Entities, Forms, Intents, RasaBuiltIns
from bot.replies import Reply


def _slots(tracker: Tracker) -> dict[str, Any]:
    return slot_values(tracker, dialogue.SLOT_NAMES)


class ActionStartInterview(Action):
    """Opens a practice session; a button may ask to focus on one skill."""

    def name(self) -> str:
        return Actions.START_INTERVIEW

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        focus = next(tracker.get_latest_entity_values(Entities.INTERVIEW_FOCUS), None)
        if focus is None and latest_intent(tracker)[0] == Intents.AFFIRM:
            focus = tracker.get_slot(dialogue.FOCUS)  # "yes" to the summary's offer
        turn = dialogue.start(_slots(tracker), user_text(tracker), focus=focus)
        say(dispatcher, *turn.replies)
        # The form starts with nothing requested, whatever an earlier form left behind.
        return slot_events(turn.updates) + [SlotSet(RasaBuiltIns.REQUESTED_SLOT, None)]


def _ran_after(tracker: Tracker) -> str:
    """The action the form follows: action_listen for a new message, action_start_interview
    when opening, or the action that answered a question asked mid-practice."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return RasaBuiltIns.ACTION_LISTEN
        if event.get("event") == "action" and event.get("name") not in (Forms.INTERVIEW, None):
            return event["name"]
    return RasaBuiltIns.ACTION_LISTEN


class ValidateInterviewForm(DialogueForm[dialogue.Turn]):
    """Reads each message with bot/, or lets a question through to be answered first."""

    NAME = Actions.VALIDATE_INTERVIEW_FORM

    async def not_read(self, dispatcher, tracker) -> list[EventType] | None:
        if _ran_after(tracker) != RasaBuiltIns.ACTION_LISTEN:
            # Opening, or back after a question was answered: the form asks the first
            # empty slot, which is the style or the current question.
            return []
        return None

    def read(self, tracker) -> dialogue.Turn:
        return dialogue.handle(
            _slots(tracker),
            tracker.get_slot(RasaBuiltIns.REQUESTED_SLOT),
            user_text(tracker),
            *latest_intent(tracker),
        )


class ActionAskInterviewStyle(ReplyAction):
    NAME = Actions.ASK_INTERVIEW_STYLE

    def reply(self, tracker: Tracker) -> Reply:
        return dialogue.ask_style()


class ActionAskInterviewAnswer(ReplyAction):
    """Asks the session's current question (again, after a repeat or a digression)."""

    NAME = Actions.ASK_INTERVIEW_ANSWER

    def reply(self, tracker: Tracker) -> Reply:
        return dialogue.ask_question(_slots(tracker))


class ActionInterviewSummary(Action):
    def name(self) -> str:
        return Actions.INTERVIEW_SUMMARY

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        turn = dialogue.finish(_slots(tracker))
        say(dispatcher, *turn.replies)
        return slot_events(turn.updates)
