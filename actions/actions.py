"""Rasa custom actions: thin adapters between Rasa's tracker and bot/.

All wording and reasoning lives in bot/; these classes only read the tracker,
call bot/, and turn the result into messages and slot events.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.adapter import (
    DialogueForm,
    ReplyAction,
    latest_intent,
    say,
    slot_events,
    slot_values,
    user_text,
)
from actions.nlu_reader import read_parts
from bot.conversation.answering import Answer, Question, answer
from bot.conversation.answers import handoff_reply
from bot.conversation.check_opening import as_a_question, asks_beside_facts, someone_elses
from bot.conversation.clarify import clarify_reply
from bot.conversation.reading import read
from bot.conversation.relevance import unstated_asked
from bot.eligibility import dialogue
from bot.eligibility.fields import read_reading
from bot.helpline import card, reference, turns
from bot.insights.feedback import with_feedback
from bot.knowledge import load_knowledge
from bot.knowledge.gaps import UNLISTED
from bot.rasa_names import Actions, RasaBuiltIns, Slots
from bot.replies import CHECK_ELIGIBILITY, Reply

logger = logging.getLogger(__name__)


def profile_slots(tracker: Tracker) -> dict[str, Any]:
    return slot_values(tracker, dialogue.SLOT_NAMES)


def intent_ranking(tracker: Tracker) -> list[dict[str, Any]]:
    return tracker.latest_message.get("intent_ranking") or []


async def update_profile(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Facts about the visitor given outside the check: update it, or open it. A question
    asked beside them ("I'm a nurse, is the PQiP paid?") is answered; the facts are kept."""
    update = dialogue.update(profile_slots(tracker), user_text(tracker))
    if update.start_check:
        return [FollowupAction(Actions.START_ELIGIBILITY)]
    if asks_beside_facts(user_text(tracker)):
        result = await answer_question(tracker, beside_facts=True)
        if result is not None:
            return answered(dispatcher, result) + slot_events(update.updates)
    say(dispatcher, update.reply)
    return slot_events(update.updates)


def question_asked(tracker: Tracker) -> Question:
    intent, confidence = latest_intent(tracker)
    ranking = [(r.get("name") or "", float(r.get("confidence") or 0.0)) for r in intent_ranking(tracker)]
    return Question(
        user_text(tracker),
        intent,
        confidence,
        ranking,
        tracker.get_slot(Slots.LAST_TOPIC),
        tracker.get_slot(Slots.LAST_ASPECT),
    )


async def answer_question(tracker: Tracker, beside_facts: bool = False) -> Answer | None:
    """The answer to the visitor's latest message, from the knowledge (bot/conversation/answering.py).
    `beside_facts`: the classifier read facts about the visitor ("inform"); the question beside
    them is answered as a question (bot/conversation/check_opening.py as_a_question)."""
    question = question_asked(tracker)
    if beside_facts:
        question = as_a_question(load_knowledge(), question)
    return answer(load_knowledge(), question, await read_parts(question.text))


def answered(dispatcher: CollectingDispatcher, result: Answer, during_check: bool = False) -> list[EventType]:
    """Say the answer and remember what it was about, for follow-ups and the triage card."""
    # "Was this helpful?" buttons after a topic's answer (bot/insights/feedback.py).
    for reply in with_feedback(result.reply, None if result.gap_id else result.last_topic, during_check):
        say(dispatcher, reply)
    return [
        SlotSet(Slots.LAST_TOPIC, result.last_topic),
        SlotSet(Slots.LAST_GAP, result.gap_id),
        SlotSet(Slots.LAST_ASPECT, result.aspect_id),
    ]


def answered_then_checked(
    dispatcher: CollectingDispatcher, tracker: Tracker, result: Answer | None
) -> list[EventType] | None:
    """A question about the visitor's own eligibility ("would I be on the 15-month
    route?", "am I too old at 52?"): its answer, when there is one worth saying, then
    the check opens (bot/eligibility/dialogue.py check_follows_answer); None otherwise."""
    said_gap = result.gap_id if result is not None else None
    # "I have epilepsy, can I still apply?": no listed gap, something no page states named
    # (bot/conversation/answering.py): said, then the check, as for any question nobody listed.
    gap = UNLISTED if said_gap and said_gap.startswith(UNLISTED + ":") else said_gap
    if someone_elses(user_text(tracker)):
        return (
            None  # "my husband is on licence, would they let me apply?": the check asks of the visitor only
        )
    if tracker.active_loop_name or not dialogue.check_follows_answer(
        profile_slots(tracker), user_text(tracker), gap
    ):
        return None
    events: list[EventType] = []
    if result is not None and said_gap != UNLISTED:  # "I can't find that" says nothing: the check answers
        buttons = [b for b in result.reply.buttons if b != CHECK_ELIGIBILITY]  # it opens anyway
        events = answered(dispatcher, replace(result, reply=Reply(result.reply.text, buttons)), True)
    return events + [FollowupAction(Actions.START_ELIGIBILITY)]


def belongs_to_the_check(tracker: Tracker, min_facts: int = 2) -> bool:
    """Facts about the visitor with an eligibility question ("I'm 41 and work in a
    prison, can I train?"), whatever the classifier read; never a circumstance
    the check doesn't ask about ("I use a wheelchair, can I apply?")."""
    text = user_text(tracker)
    kb = load_knowledge()
    reading = read(kb, text)
    background = " ".join(reading.background) if reading.leans_on_background else ""
    return (
        not tracker.active_loop_name
        and reading.gap is None
        # "I did my masters in India, can I still apply?": what the pages say first, when the
        # question leans on a background naming what no page states ("Ex-jockey. Doing nights
        # at a hostel. Anything for me?" has no background apart from its question: the check)
        and not (background and unstated_asked(kb, reading.asking, background))
        and dialogue.is_about_the_visitor(profile_slots(tracker), text, min_facts)
    )


class ActionAnswerFaq(Action):
    """Answers FAQ topics, follow-ups and questions the pages don't cover."""

    def name(self) -> str:
        return Actions.ANSWER_FAQ

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        kb = load_knowledge()
        text = user_text(tracker)
        if belongs_to_the_check(tracker):
            return await update_profile(dispatcher, tracker)
        result = await answer_question(tracker)
        checked = answered_then_checked(dispatcher, tracker, result)
        if checked is not None:
            return checked
        if result is not None:
            return answered(dispatcher, result, bool(tracker.active_loop_name))
        # e.g. a button payload for a topic that was removed
        say(dispatcher, clarify_reply(kb, text, intent_ranking(tracker)))
        return []


def reference_code(tracker: Tracker) -> tuple:
    """(this conversation's reference code, slot events to keep it if it is new)."""
    existing = tracker.get_slot(reference.SLOT)
    code = reference.code_for(existing)
    return code, ([] if code == existing else [SlotSet(reference.SLOT, code)])


class ActionClarify(Action):
    def name(self) -> str:
        return Actions.CLARIFY

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if belongs_to_the_check(tracker, min_facts=1):
            return await update_profile(dispatcher, tracker)
        # Unsure of the topic, yet it may be a follow-up or a question the pages don't cover.
        result = await answer_question(tracker)
        checked = answered_then_checked(dispatcher, tracker, result)
        if checked is not None:
            return checked
        if result is not None:
            return answered(dispatcher, result, bool(tracker.active_loop_name))
        kb = load_knowledge()
        reply = clarify_reply(kb, user_text(tracker), intent_ranking(tracker))
        events: list[EventType] = []
        if turns.fallbacks_in_a_row(tracker.events) >= 2:  # stuck: offer a person
            code, events = reference_code(tracker)
            reply = reference.with_helpline(kb, reply, code)
        say(dispatcher, reply)
        return events


class ActionHandoff(Action):
    def name(self) -> str:
        return Actions.HANDOFF

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        code, events = reference_code(tracker)
        say(dispatcher, handoff_reply(load_knowledge(), code))
        return events


class ActionShowTriage(ReplyAction):
    """`/triage` (staff in `rasa shell`): the helpline's card of this conversation."""

    NAME = Actions.SHOW_TRIAGE

    def reply(self, tracker: Tracker) -> Reply:
        return Reply(card.render(card.build_card(tracker.events)))


class ActionStartEligibility(Action):
    """Opens the check, keeping any facts the visitor already gave."""

    def name(self) -> str:
        return Actions.START_ELIGIBILITY

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        start = dialogue.start(profile_slots(tracker), user_text(tracker))
        say(dispatcher, start.reply)
        return slot_events(start.updates)


class ActionRestartEligibility(Action):
    def name(self) -> str:
        return Actions.RESTART_ELIGIBILITY

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        restart = dialogue.restart()
        say(dispatcher, restart.reply)
        return (
            [ActiveLoop(None)] + slot_events(restart.updates) + [SlotSet(RasaBuiltIns.REQUESTED_SLOT, None)]
        )


class ValidateEligibilityForm(DialogueForm[dialogue.Turn]):
    """Reads each answer with bot/, decides what to ask next, or lets a digression through."""

    NAME = Actions.VALIDATE_ELIGIBILITY_FORM

    async def not_read(self, dispatcher, tracker) -> list[EventType] | None:
        requested = tracker.get_slot(RasaBuiltIns.REQUESTED_SLOT)
        if not requested or read(load_knowledge(), user_text(tracker)).english:
            return None
        if read_reading(requested, user_text(tracker)).used:
            return None  # "licenciatura en trabajo social": an answer, whatever its language
        # "Nac ydw", "Diolch" mid-check: not an answer; the language reply, then the question
        # again (the empty slot tells the form the message was read).
        result = await answer_question(tracker)
        said = answered(dispatcher, result, during_check=True) if result is not None else []
        return [SlotSet(requested, None), SlotSet(RasaBuiltIns.REQUESTED_SLOT, requested), *said]

    def read(self, tracker) -> dialogue.Turn:
        intent, confidence = latest_intent(tracker)
        return dialogue.interpret(
            slots=profile_slots(tracker),
            requested=tracker.get_slot(RasaBuiltIns.REQUESTED_SLOT),
            text=user_text(tracker),
            intent=intent,
            confidence=confidence,
        )

    async def respond(self, dispatcher, tracker, turn: dialogue.Turn) -> list[EventType]:
        if turn.question:
            # A question no rule answers: answer it here; the form then asks its question again.
            # Read as facts or a request for the check, it is answered as a question (the
            # likeliest topic that answers it), never admitted on the classifier's label alone.
            result = await answer_question(tracker, beside_facts=True)
            if result is not None:
                return answered(dispatcher, result, during_check=True)
            say(dispatcher, clarify_reply(load_knowledge(), user_text(tracker), intent_ranking(tracker)))
            return []
        code_events: list[EventType] = []
        if turn.replies and (
            turn.offers_helpline or (turn.updates.get("reask_count") or 0) >= dialogue.REASK_BEFORE_HELP
        ):
            # This re-ask offers the helpline: give the code to quote with it.
            code, code_events = reference_code(tracker)
            turn.replies[-1] = reference.with_code(turn.replies[-1], code)
        say(dispatcher, *turn.replies)
        return code_events


class ActionAskKnowledgeAreas(ReplyAction):
    NAME = Actions.ASK_KNOWLEDGE_AREAS

    def reply(self, tracker: Tracker) -> Reply:
        return dialogue.ask_knowledge_areas()


class ActionAskEligibilityConfirm(ReplyAction):
    """The check's one confirming question for an unclear answer (bot/eligibility/confirming.py)."""

    NAME = Actions.ASK_ELIGIBILITY_CONFIRM

    def reply(self, tracker: Tracker) -> Reply:
        return dialogue.ask_confirm(profile_slots(tracker))


class ActionEligibilityOutcome(Action):
    def name(self) -> str:
        return Actions.ELIGIBILITY_OUTCOME

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        outcome = dialogue.outcome(profile_slots(tracker))
        code, code_events = reference_code(tracker)
        say(dispatcher, reference.with_outcome_line(load_knowledge(), outcome.reply, code))
        return slot_events(outcome.updates) + code_events


class ActionExplainOutcome(Action):
    """Why the check gave its outcome. Before any check, "what does that mean?" after an
    answer is a question about that answer: answered (bot/conversation/answering.py)."""

    def name(self) -> str:
        return Actions.EXPLAIN_OUTCOME

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if not tracker.get_slot(Slots.ELIGIBILITY_OUTCOME) and tracker.get_slot(Slots.LAST_TOPIC):
            result = await answer_question(tracker)
            if result is not None:
                return answered(dispatcher, result)
        say(dispatcher, dialogue.explain(profile_slots(tracker)))
        return []


class ActionUpdateProfile(Action):
    """Facts volunteered outside the check ("actually I'm 19") update the profile."""

    def name(self) -> str:
        return Actions.UPDATE_PROFILE

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        return await update_profile(dispatcher, tracker)
