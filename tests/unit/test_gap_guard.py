"""nlu/gap_guard.py over real Rasa messages: a gap question never opens the check."""

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.gap_guard import GapGuard


def classified(text, intent, confidence=0.6):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}], add_to_output=True)
    return message


@pytest.mark.parametrize(
    "text, intent",
    [
        ("I'm a wheelchair user, could I still train as a probation officer?", "check_eligibility"),
        ("I have visible tattoos, can I apply?", "check_eligibility"),
        ("I'm on a student visa", "inform"),
        ("is there a uniform", "nlu_fallback"),
        ("does a nose piercing matter at interview", "practise_interview"),
        ("will someone with a stammer be supported in the interview", "practise_interview"),
    ],
)
def test_gap_questions_are_relabelled(text, intent):
    message = GapGuard().process([classified(text, intent)])[0]
    assert message.get(INTENT)["name"] == "ask_not_covered"
    assert message.get(INTENT_RANKING_KEY)[1]["name"] == intent


@pytest.mark.parametrize(
    "text, intent",
    [
        ("could I become a probation officer?", "check_eligibility"),
        ("what's the salary of a PSO", "faq_pso_role"),  # the FAQ answer checks gaps itself
        ("yes I drive for a homeless charity", "affirm"),
        # Asking to practise starts practice, whatever else the message says.
        ("I'm dyslexic, can we do a mock interview?", "practise_interview"),
        ("I have a stammer and want to practise for my interview", "practise_interview"),
        ("ask me interview questions about working with tattooed offenders", "practise_interview"),
    ],
)
def test_other_messages_keep_their_intent(text, intent):
    assert GapGuard().process([classified(text, intent)])[0].get(INTENT)["name"] == intent


# --- a question about something no page states (knowledge/concepts.yml), no gap listed ---------


@pytest.mark.parametrize(
    "text, intent",
    [
        ("can I do the PQiP if I'm registered blind?", "check_eligibility"),
        ("do I get feedback if I fail the interview?", "practise_interview"),
        ("can probation officers carry a knife for protection?", "out_of_scope"),
        ("I'm a police officer, can I transfer straight across without retraining?", "check_eligibility"),
    ],
)
def test_a_question_about_what_no_page_states_never_opens_the_check_or_practice(text, intent):
    message = GapGuard().process([classified(text, intent)])[0]
    assert message.get(INTENT)["name"] == "ask_not_covered"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("can we do a mock interview with feedback?", "practise_interview"),
        ("I'm dyslexic, can we do a mock interview?", "practise_interview"),
        ("I have epilepsy and a degree in nursing", "inform"),  # not a question: the check reads it
    ],
)
def test_practice_and_answers_stay_what_they_are(text, intent):
    assert GapGuard().process([classified(text, intent)])[0].get(INTENT)["name"] == intent


def test_a_question_about_a_relatives_record_never_opens_the_check():
    message = GapGuard().process(
        [
            classified(
                "my brother is in prison, could I still become a probation officer?", "check_eligibility"
            )
        ]
    )[0]
    assert message.get(INTENT)["name"] == "ask_not_covered"


def test_can_i_try_again_asks_about_retaking_not_to_restart_the_check():
    assert GapGuard().process([classified("can I try again?", "restart_check")])[0].get(INTENT)["name"] == (
        "ask_not_covered"
    )
    assert GapGuard().process([classified("can we start again?", "restart_check")])[0].get(INTENT)[
        "name"
    ] == ("restart_check")


@pytest.mark.parametrize("text", ["what about cautions?", "and the fees?", "how about security clearance"])
def test_an_elliptical_message_read_as_asking_what_the_bot_does_follows_the_last_answer(text):
    assert GapGuard().process([classified(text, "bot_capabilities")])[0].get(INTENT)["name"] == "follow_up"


@pytest.mark.parametrize("text", ["what can you do?", "what about you?", "help"])
def test_asking_what_the_bot_does_stays_so(text):
    assert (
        GapGuard().process([classified(text, "bot_capabilities")])[0].get(INTENT)["name"]
        == "bot_capabilities"
    )


@pytest.mark.parametrize(
    "text",
    ["does that pay more?", "how long does that take?", "who pays for it?", "what band is that then"],
)
def test_a_follow_up_asking_an_aspect_read_as_why_the_outcome_is_a_follow_up(text):
    message = GapGuard().process([classified(text, "explain_outcome")])[0]
    assert message.get(INTENT)["name"] == "follow_up"


@pytest.mark.parametrize(
    "text", ["why?", "why is my route 21 months", "what was that based on", "explain that"]
)
def test_asking_why_the_outcome_stays_so(text):
    message = GapGuard().process([classified(text, "explain_outcome")])[0]
    assert message.get(INTENT)["name"] == "explain_outcome"


@pytest.mark.parametrize(
    "text",
    [
        "My degree is from Nigeria, can I still apply for the PQiP?",
        "I did my masters in India, could I still become a probation officer with it?",
    ],
)
def test_a_country_in_the_background_the_question_leans_on_never_opens_the_check(text):
    message = GapGuard().process([classified(text, "check_eligibility")])[0]
    assert message.get(INTENT)["name"] == "ask_not_covered"
