"""Rasa custom actions: thin adapters between Rasa's tracker and bot/.

All wording and reasoning lives in bot/; these classes only read the tracker,
call bot/, and turn the result into messages and slot events.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import eligibility_dialogue as dialogue
from bot import reference, triage
from bot.answers import faq_reply, handoff_reply
from bot.clarify import clarify_reply
from bot.insights.feedback import with_feedback
from bot.knowledge import load_knowledge
from bot.replies import Reply

logger = logging.getLogger(__name__)


def say(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    dispatcher.utter_message(text=reply.text, buttons=reply.button_dicts() or None)


def user_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def latest_intent(tracker: Tracker) -> Dict[str, Any]:
    return tracker.latest_message.get("intent") or {}


def profile_slots(tracker: Tracker) -> Dict[str, Any]:
    return {name: tracker.get_slot(name) for name in dialogue.SLOT_NAMES}


def slot_events(values: Dict[str, Any]) -> List[EventType]:
    return [SlotSet(name, value) for name, value in values.items()]


def update_profile(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Facts about the visitor given outside the check: update it, or open it."""
    update = dialogue.update(profile_slots(tracker), user_text(tracker))
    if update.start_check:
        return [FollowupAction("action_start_eligibility")]
    say(dispatcher, update.reply)
    return slot_events(update.updates)


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if not tracker.active_loop_name and dialogue.is_about_the_visitor(
                profile_slots(tracker), user_text(tracker)):
            return update_profile(dispatcher, tracker)
        kb = load_knowledge()
        topic = kb.topic_for_intent(latest_intent(tracker).get("name") or "")
        if topic is None:  # e.g. a button payload for a topic that was removed
            say(dispatcher, clarify_reply(kb, user_text(tracker), []))
            return []
        for reply in with_feedback(faq_reply(kb, topic, user_text(tracker)), topic.id,
                                   during_check=bool(tracker.active_loop_name)):
            say(dispatcher, reply)
        return []


def reference_code(tracker: Tracker) -> tuple:
    """(this conversation's reference code, slot events to keep it if it is new)."""
    existing = tracker.get_slot(reference.SLOT)
    code = reference.code_for(existing)
    return code, ([] if code == existing else [SlotSet(reference.SLOT, code)])


class ActionClarify(Action):
    def name(self) -> Text:
        return "action_clarify"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        kb = load_knowledge()
        ranking = tracker.latest_message.get("intent_ranking") or []
        reply = clarify_reply(kb, user_text(tracker), ranking)
        events: List[EventType] = []
        if triage.fallbacks_in_a_row(tracker.events) >= 2:  # stuck: offer a person
            code, events = reference_code(tracker)
            reply = reference.with_helpline(kb, reply, code)
        say(dispatcher, reply)
        return events


class ActionHandoff(Action):
    def name(self) -> Text:
        return "action_handoff"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        code, events = reference_code(tracker)
        say(dispatcher, handoff_reply(load_knowledge(), code))
        return events


class ActionShowTriage(Action):
    """`/triage` (staff in `rasa shell`): the helpline's card of this conversation."""

    def name(self) -> Text:
        return "action_show_triage"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        dispatcher.utter_message(text=triage.render(triage.build_card(tracker.events)))
        return []


class ActionStartEligibility(Action):
    """Opens the check, keeping any facts the visitor already gave."""

    def name(self) -> Text:
        return "action_start_eligibility"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        start = dialogue.start(profile_slots(tracker), user_text(tracker))
        say(dispatcher, start.reply)
        return slot_events(start.updates)


class ActionRestartEligibility(Action):
    def name(self) -> Text:
        return "action_restart_eligibility"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        restart = dialogue.restart()
        say(dispatcher, restart.reply)
        return [ActiveLoop(None)] + slot_events(restart.updates) + [SlotSet("requested_slot", None)]


class ValidateEligibilityForm(FormValidationAction):
    """Reads each answer with bot/, decides what to ask next, or lets a digression through."""

    def name(self) -> Text:
        return "validate_eligibility_form"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        intent = latest_intent(tracker)
        turn = dialogue.interpret(
            slots=profile_slots(tracker),
            requested=tracker.get_slot("requested_slot"),
            text=user_text(tracker),
            intent=intent.get("name"),
            confidence=float(intent.get("confidence") or 0.0),
        )
        if turn.digression:
            return []  # nothing filled: Rasa rejects the form and a rule answers instead
        code_events: List[EventType] = []
        if turn.replies and (turn.updates.get("reask_count") or 0) >= dialogue.REASK_BEFORE_HELP:
            # This re-ask offers the helpline: give the code to quote with it.
            code, code_events = reference_code(tracker)
            turn.replies[-1] = reference.with_code(turn.replies[-1], code)
        for reply in turn.replies:
            say(dispatcher, reply)
        return (slot_events(turn.updates) + [SlotSet("requested_slot", turn.next_field)]
                + code_events)


class ActionAskKnowledgeAreas(Action):
    def name(self) -> Text:
        return "action_ask_knowledge_areas"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        say(dispatcher, dialogue.ask_knowledge_areas())
        return []


class ActionEligibilityOutcome(Action):
    def name(self) -> Text:
        return "action_eligibility_outcome"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        outcome = dialogue.outcome(profile_slots(tracker))
        code, code_events = reference_code(tracker)
        say(dispatcher, reference.with_outcome_line(load_knowledge(), outcome.reply, code))
        return slot_events(outcome.updates) + code_events


class ActionExplainOutcome(Action):
    def name(self) -> Text:
        return "action_explain_outcome"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        say(dispatcher, dialogue.explain(profile_slots(tracker)))
        return []


class ActionUpdateProfile(Action):
    """Facts volunteered outside the check ("actually I'm 19") update the profile."""

    def name(self) -> Text:
        return "action_update_profile"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        return update_profile(dispatcher, tracker)
