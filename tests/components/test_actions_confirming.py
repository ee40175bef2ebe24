"""The eligibility check's confirming question (issue 21), through the real
actions: a hedged answer gets ONE short question with buttons, asked by
action_ask_eligibility_confirm; its answer is used; the same field is never
confirmed twice; what stays unsure reaches the outcome next to its headline."""

from rasa.shared.core.events import ActiveLoop

from actions.actions import (
    ActionAskEligibilityConfirm,
    ActionEligibilityOutcome,
    ActionStartEligibility,
    ValidateEligibilityForm,
)
from bot.rasa_names import Forms, Intents, RasaBuiltIns, Slots
from tests.components.action_server import Conversation

REQUESTED = RasaBuiltIns.REQUESTED_SLOT
CONFIRM = Slots.ELIGIBILITY_CONFIRM


def in_the_check_at_modules() -> Conversation:
    """A check that has read age, right to work, nation, a degree and its areas: modules come next."""
    chat = Conversation().says(
        "I'm 30 and have a degree, can I become a probation officer?", Intents.CHECK_ELIGIBILITY
    )
    chat.run(ActionStartEligibility())
    chat.add(ActiveLoop(Forms.ELIGIBILITY))
    chat.run(ValidateEligibilityForm())
    for text in ("yes", "England", "none of them"):
        chat.says(text, Intents.INFORM, 0.7).run(ValidateEligibilityForm())
    assert chat.slot(REQUESTED) == "knowledge_modules"
    return chat


def test_a_hedged_count_gets_one_confirming_question_with_buttons_and_its_answer_is_used():
    chat = in_the_check_at_modules()
    hedged = chat.says("two or three I think", Intents.INFORM, 0.7).run(ValidateEligibilityForm())
    assert hedged.slots[REQUESTED] == CONFIRM and hedged.slots["knowledge_modules"] is None
    assert hedged.messages == []  # nothing said yet: the form asks the confirming question

    question = chat.run(ActionAskEligibilityConfirm())
    assert question.text.endswith("how many knowledge modules have you completed or started?")
    assert [b["title"] for b in question.buttons] == ["All 4", "3", "2", "1", "None"]

    confirmed = chat.says("three", Intents.INFORM, 0.7).run(ValidateEligibilityForm())
    assert confirmed.slots["knowledge_modules"] == 3
    assert confirmed.slots[CONFIRM] is None and confirmed.slots[REQUESTED] == "experience"

    chat.says("yes, I volunteer at a women's refuge", Intents.INFORM, 0.7).run(ValidateEligibilityForm())
    assert chat.slot(REQUESTED) is None
    chat.add(ActiveLoop(None))
    outcome = chat.run(ActionEligibilityOutcome())
    assert outcome.slots["eligibility_outcome"] == "pqip_15_month"
    assert "You meet the entry requirements" in outcome.text


def test_a_confirmation_that_settles_nothing_is_not_asked_again_and_reaches_the_outcome():
    chat = in_the_check_at_modules()
    chat.says("two or three I think", Intents.INFORM, 0.7).run(ValidateEligibilityForm())
    again = chat.says("two or three I think", Intents.INFORM, 0.7).run(ValidateEligibilityForm())
    assert again.slots["knowledge_modules"] == 2  # the lower count
    assert again.slots[REQUESTED] == "experience" and again.slots[CONFIRM] is None
    assert again.slots[Slots.ELIGIBILITY_NOTES]["unsure"] == {"knowledge_modules": "unsure_count"}

    chat.says("no, but I help out at a food bank", Intents.INFORM, 0.7).run(ValidateEligibilityForm())
    assert chat.slot(REQUESTED) == CONFIRM  # experience: a different field, confirmed once too
    hint = chat.run(ActionAskEligibilityConfirm())
    assert 'You mentioned "help out at a food bank"' in hint.text
    chat.says("no, but I help out at a food bank", Intents.INFORM, 0.7).run(ValidateEligibilityForm())
    assert chat.slot(REQUESTED) is None and chat.slot("experience") is False
    chat.add(ActiveLoop(None))
    outcome = chat.run(ActionEligibilityOutcome())
    assert outcome.slots["eligibility_outcome"] == "needs_experience"
    assert "you meet the entry requirements" not in outcome.text.lower()
    headline, rest = outcome.text.split("\n\n", 1)
    assert rest.startswith("Before you rely on this:") and "gone by the lower count" in rest


def test_a_visa_is_noted_for_the_helpline_without_a_question_and_the_headline_is_provisional():
    chat = Conversation().says("check my eligibility", Intents.CHECK_ELIGIBILITY)
    chat.run(ActionStartEligibility())
    chat.add(ActiveLoop(Forms.ELIGIBILITY))
    chat.run(ValidateEligibilityForm())
    for text in (
        "34",
        "I'm on a skilled worker visa",
        "Leeds",
        "MSc criminology",
        "all four",
        "yes, I'm a prison officer",
    ):
        result = chat.says(text, Intents.INFORM, 0.7).run(ValidateEligibilityForm())
        assert result.slots[REQUESTED] != CONFIRM, text
    assert chat.slot(REQUESTED) is None
    chat.add(ActiveLoop(None))
    outcome = chat.run(ActionEligibilityOutcome())
    assert outcome.slots["eligibility_outcome"] == "pqip_15_month"
    assert "you meet the entry requirements" not in outcome.text.lower()
    assert "what a given visa or immigration status allows" in outcome.text.split("Next steps:")[0]
