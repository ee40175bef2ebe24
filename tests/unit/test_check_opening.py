"""A question is answered; only a visitor asking to be checked opens the eligibility check
(bot/conversation/check_opening.py, used by bot/eligibility/dialogue.py asks_about_eligibility)."""

import pytest

from bot.conversation.check_opening import answered_not_checked, asks_beside_facts, someone_elses
from bot.eligibility import dialogue

NO_SLOTS = {name: None for name in dialogue.SLOT_NAMES}


@pytest.mark.parametrize(
    "text",
    [
        # a condition or a time ahead of the real question
        "If I qualify as a PO and then want to move into youth work, is the PQiP recognised there?",
        "once I become a probation officer could I switch to part-time?",
        "can I read up on the four knowledge areas before I apply?",
        "would I need references when applying?",
        # becoming or joining something else
        "could I use my PQiP to become a social worker one day?",
        "could I become a solicitor after a few years in probation?",
        "can I join a union when I start?",
        # what the job or the process asks of the visitor
        "would I have to give up my part-time bar job if I became a PSO?",
        "do I have to tell them about a speeding fine when I apply?",
        "can I get onto the PQiP without a degree?",
        # the asking clause is a how / when / who question
        "I've been a youth worker for six years with a foundation degree, how long would training take someone like me?",
        # becoming a PSO: the pages answer it outright
        "I only have GCSEs, could I still become a probation services officer?",
    ],
)
def test_questions_with_words_of_getting_in_are_answered_not_checked(text):
    assert not dialogue.asks_about_eligibility(text)
    assert not dialogue.check_follows_answer(NO_SLOTS, text, None)


@pytest.mark.parametrize(
    "text",
    [
        "can I become a probation officer?",
        "I'm 35 with an HND, am I eligible?",
        "would I be on the 15 month route?",
        "I had a caution when I was 16, could I still apply?",
        "am I too old at 58 to train?",
        "can I join?",
        "can I become a probation officer if I have a caution?",
    ],
)
def test_asking_whether_they_could_get_in_still_opens_the_check(text):
    assert dialogue.asks_about_eligibility(text)


def test_the_decision_reads_the_asking_clause():
    assert answered_not_checked("I work in a hostel. Would I have to move to do the PQiP?")
    assert not answered_not_checked("I work in a hostel. Could I get on the PQiP?")


def test_a_question_beside_facts_is_a_question():
    assert asks_beside_facts("I'm a nurse on nights, is the PQiP paid?")
    assert not asks_beside_facts("I'm a nurse on nights")


def test_someone_elses_circumstances():
    assert someone_elses("my brother is in prison, would they still let me apply?")
    assert not someone_elses("I had a caution at 17, can I still apply?")
