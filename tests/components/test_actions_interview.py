"""actions/interview.py run as the action server runs it (tests/components/action_server.py):
interview practice as the form `interview_form` drives it."""

from rasa.shared.core.events import ActiveLoop, SlotSet

from actions.interview import (
    ActionAskInterviewAnswer,
    ActionAskInterviewStyle,
    ActionInterviewSummary,
    ActionStartInterview,
    ValidateInterviewForm,
)
from bot.interview.bank import load_bank
from bot.rasa_names import Entities, Forms, Intents, RasaBuiltIns, Slots
from tests.components.action_server import Conversation

BANK = load_bank()
REQUESTED = RasaBuiltIns.REQUESTED_SLOT
ANSWER = (
    "I want to help people turn their lives around. When I volunteered at a youth centre I "
    "listened to a young man who kept missing school, and I helped him set small goals; as a "
    "result he went back to college."
)


def practising(style_choice: str = "PSO interview") -> Conversation:
    """A session opened, its style chosen, its first question asked."""
    chat = Conversation().says("can I do a mock interview?", Intents.PRACTISE_INTERVIEW)
    chat.run(ActionStartInterview())
    chat.add(ActiveLoop(Forms.INTERVIEW))
    chat.run(ValidateInterviewForm())
    chat.add(SlotSet(REQUESTED, Slots.INTERVIEW_STYLE))  # the form asks the first empty slot
    chat.run(ActionAskInterviewStyle())
    chat.says(style_choice, Intents.INFORM, 0.4)
    chat.run(ValidateInterviewForm())
    chat.add(SlotSet(REQUESTED, Slots.INTERVIEW_ANSWER))
    chat.run(ActionAskInterviewAnswer())
    return chat


def test_start_says_what_practice_is_and_resets_the_session():
    chat = Conversation(**{Slots.INTERVIEW_INDEX: 3, REQUESTED: "age"})
    result = chat.says("can I do a mock interview?", Intents.PRACTISE_INTERVIEW).run(ActionStartInterview())
    assert (
        result.text.startswith("Let's practise.") and "not how the real assessment is scored" in result.text
    )
    assert result.slots[Slots.INTERVIEW_INDEX] == 0 and result.slots[Slots.INTERVIEW_PLAN] == []
    assert result.slots[REQUESTED] is None  # whatever an earlier form left behind


def test_a_focus_button_starts_a_session_on_that_skill():
    chat = Conversation(**{Slots.INTERVIEW_STYLE: "pso"})
    result = chat.says(
        '/practise_interview{"interview_focus": "risk"}',
        Intents.PRACTISE_INTERVIEW,
        1.0,
        entities=[{"entity": Entities.INTERVIEW_FOCUS, "value": "risk"}],
    ).run(ActionStartInterview())
    plan = result.slots[Slots.INTERVIEW_PLAN]
    assert result.slots[Slots.INTERVIEW_FOCUS] == "risk" and plan
    assert all("risk" in BANK.questions[q].skills for q in plan)
    assert f"{BANK.skills['risk'].name.lower()} again: {len(plan)} question" in result.text


def test_the_form_opening_is_left_to_the_form():
    chat = Conversation().says("mock interview please", Intents.PRACTISE_INTERVIEW)
    chat.run(ActionStartInterview())
    chat.add(ActiveLoop(Forms.INTERVIEW))
    result = chat.run(ValidateInterviewForm())  # after action_start_interview, not a new message
    assert result.events == [] and result.messages == []


def test_style_question_offers_both_styles_as_buttons():
    result = Conversation().run(ActionAskInterviewStyle())
    assert "PSO" in result.text and [b["title"] for b in result.buttons] == [
        "PSO interview",
        "PQiP assessment centre",
    ]
    assert result.events == []


def test_choosing_a_style_plans_the_session_and_asks_its_first_question():
    chat = practising("PSO interview")
    assert chat.slot(Slots.INTERVIEW_STYLE) == "pso"
    plan = chat.slot(Slots.INTERVIEW_PLAN)
    assert len(plan) == 5 and BANK.questions[plan[0]].kind == "motivational"
    asked = chat.run(ActionAskInterviewAnswer())
    assert BANK.questions[plan[0]].text in asked.text and asked.events == []


def test_an_answer_gets_feedback_and_moves_on():
    chat = practising()
    first = chat.slot(Slots.INTERVIEW_PLAN)[0]
    result = chat.says(ANSWER, Intents.INFORM, 0.3).run(ValidateInterviewForm())
    assert result.text.startswith("Practice feedback on question 1 of 5")
    assert "To improve:" in result.text and "A strong answer would cover:" not in result.text
    assert [b["title"] for b in result.buttons][:1] == ["Show the full breakdown"]
    assert result.slots[Slots.INTERVIEW_INDEX] == 1 and result.slots[Slots.INTERVIEW_ANSWER] is None
    [record] = result.slots[Slots.INTERVIEW_RESULTS]
    assert record["q"] == first and ANSWER not in str(record)  # ids and verdicts, never the words
    assert result.slots[REQUESTED] == Slots.INTERVIEW_ANSWER


def test_a_question_mid_practice_is_left_to_its_rule():
    chat = practising()
    result = chat.says("how long is the PQiP?", "faq_pqip_length", 0.9).run(ValidateInterviewForm())
    assert result.events == [] and result.messages == []


def test_stop_then_the_summary():
    chat = practising()
    chat.says(ANSWER, Intents.INFORM, 0.3).run(ValidateInterviewForm())
    stopped = chat.says("stop", Intents.INFORM, 0.5).run(ValidateInterviewForm())
    assert stopped.slots[Slots.INTERVIEW_STOPPED] is True and stopped.slots[REQUESTED] is None
    chat.add(ActiveLoop(None))
    summary = chat.run(ActionInterviewSummary())
    assert summary.text.startswith("Practice stopped: 1 answered.") and "Areas to work on:" in summary.text
    assert "written application, an online test and an assessment centre" in summary.text
    payloads = [b["payload"] for b in summary.buttons]
    assert "/check_eligibility" in payloads and any('"interview_focus"' in p for p in payloads)
    assert summary.slots[Slots.INTERVIEW_PLAN] == [] and summary.slots[Slots.INTERVIEW_STOPPED] is False
