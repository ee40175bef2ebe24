"""Rasa custom actions for a visitor at risk: thin adapters over bot/safety/.

nlu/safety_guard.py labels such a message `safety_concern`; the forms let it
through (bot/eligibility/dialogue.py, bot/interview/dialogue.py) and a rule
runs `action_safety_reply`, which pauses the form. `action_resume` takes the
visitor back to it when they choose.
"""

from __future__ import annotations

from rasa_sdk import Action
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet

from actions.actions import reference_code
from actions.adapter import say, user_text
from bot.rasa_names import Actions, Forms, RasaBuiltIns, Slots
from bot.replies import Reply
from bot.safety import assess, safety_reply


class ActionSafetyReply(Action):
    """999, Samaritans, NHS 111, the domestic abuse lines; what was under way waits."""

    def name(self) -> str:
        return Actions.SAFETY_REPLY

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        risk = assess(user_text(tracker))
        form = tracker.active_loop_name
        # A second safety reply keeps the first pause.
        paused = (
            form if form in (Forms.ELIGIBILITY, Forms.INTERVIEW) else tracker.get_slot(Slots.PAUSED_ACTIVITY)
        )
        say(dispatcher, safety_reply(risk.kind if risk else None, paused))
        # A reference code, kept but not shown (the reply gives no career contact): it puts
        # the conversation on the helpline's follow-up list, flagged "safety reply given".
        _, code_events = reference_code(tracker)
        events: list[EventType] = [SlotSet(Slots.PAUSED_ACTIVITY, paused), *code_events]
        if form:
            events += [ActiveLoop(None), SlotSet(RasaBuiltIns.REQUESTED_SLOT, None)]
        return events


class ActionResume(Action):
    """Back to the check or the practice the safety reply paused, where it was."""

    def name(self) -> str:
        return Actions.RESUME

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        paused = tracker.get_slot(Slots.PAUSED_ACTIVITY)
        if paused == Forms.ELIGIBILITY:
            say(dispatcher, Reply("Welcome back. Let's carry on with the check where we left it."))
        elif paused == Forms.INTERVIEW:
            say(dispatcher, Reply("Welcome back. Here is the practice question we were on."))
        else:
            say(
                dispatcher,
                Reply("There's nothing paused to carry on with. Ask me anything about probation careers."),
            )
            return []
        return [SlotSet(Slots.PAUSED_ACTIVITY, None), FollowupAction(paused)]
