"""actions/safety.py run as the action server runs it (real rasa_sdk Tracker,
CollectingDispatcher, domain.yml): the safety reply pauses a form and keeps
its answers; resuming takes the visitor back to the same question."""

from rasa.shared.core.events import ActiveLoop

from actions.actions import ActionStartEligibility, ValidateEligibilityForm
from actions.interview import ValidateInterviewForm
from actions.safety import ActionResume, ActionSafetyReply
from bot.helpline import reference
from bot.rasa_names import Forms, Intents, RasaBuiltIns, Slots
from tests.components.action_server import Conversation
from tests.components.test_actions_interview import practising

AT_RISK = "sorry, I can't do this any more, I don't want to be here"
REQUESTED = RasaBuiltIns.REQUESTED_SLOT


def mid_check() -> Conversation:
    chat = Conversation().says("can I become a probation officer?", Intents.CHECK_ELIGIBILITY)
    chat.run(ActionStartEligibility())
    chat.add(ActiveLoop(Forms.ELIGIBILITY))
    chat.run(ValidateEligibilityForm())
    chat.says("I'm 31", Intents.INFORM, 0.6).run(ValidateEligibilityForm())
    return chat


def test_a_risk_message_mid_check_is_let_through_not_read_as_an_answer():
    chat = mid_check()
    asked = chat.slot(REQUESTED)
    result = chat.says(AT_RISK, Intents.SAFETY_CONCERN, 1.0).run(ValidateEligibilityForm())
    assert result.events == [] and result.messages == []  # Rasa rejects the form; the rule answers
    assert chat.slot(REQUESTED) == asked


def test_the_safety_reply_pauses_the_check_keeps_the_answers_and_a_silent_code():
    chat = mid_check()
    asked = chat.slot(REQUESTED)
    chat.says(AT_RISK, Intents.SAFETY_CONCERN, 1.0)
    result = chat.run(ActionSafetyReply())
    assert "116 123" in result.text and "999" in result.text
    assert "?" not in result.text  # no check question in it
    assert [b["payload"] for b in result.buttons] == ["/resume"]
    assert {"event": "active_loop", "name": None} in [
        {"event": e["event"], "name": e.get("name")} for e in result.events
    ]
    assert chat.slot(Slots.PAUSED_ACTIVITY) == Forms.ELIGIBILITY
    assert chat.slot("age") == 31  # nothing lost
    code = chat.slot(Slots.REFERENCE_CODE)
    assert reference.is_code(code) and code not in result.text

    resumed = chat.says("/resume", Intents.RESUME).run(ActionResume())
    assert {"event": "followup", "name": Forms.ELIGIBILITY} in [
        {"event": e["event"], "name": e.get("name")} for e in resumed.events
    ]
    assert chat.slot(Slots.PAUSED_ACTIVITY) is None
    # The form, activated again, asks the question it was on.
    chat.add(ActiveLoop(Forms.ELIGIBILITY))
    chat.run(ValidateEligibilityForm())
    assert chat.slot(REQUESTED) == asked


def test_the_safety_reply_pauses_interview_practice_at_its_question():
    chat = practising()
    index = chat.slot(Slots.INTERVIEW_INDEX)
    chat.says(AT_RISK, Intents.SAFETY_CONCERN, 1.0)
    assert chat.run(ValidateInterviewForm()).events == []  # let through, not marked as an answer
    result = chat.run(ActionSafetyReply())
    assert [b["title"] for b in result.buttons] == ["Carry on with interview practice"]
    assert chat.slot(Slots.PAUSED_ACTIVITY) == Forms.INTERVIEW
    assert chat.slot(Slots.INTERVIEW_INDEX) == index and chat.slot(Slots.INTERVIEW_PLAN)


def test_resume_with_nothing_paused_says_so():
    result = Conversation().says("carry on", Intents.RESUME).run(ActionResume())
    assert "nothing paused" in result.text and result.events == []


def test_a_safety_reply_outside_any_form_offers_nothing_to_resume():
    result = Conversation().says(AT_RISK, Intents.SAFETY_CONCERN, 1.0).run(ActionSafetyReply())
    assert result.buttons == [] and "116 123" in result.text
