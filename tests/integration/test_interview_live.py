"""Interview practice end to end on the real bot: a whole session through the REST
channel with repeat, skip, a question asked mid-practice, stop, and the summary;
then the tracker store as the helpline card reads it.

Questions are picked at random, so the test reads the question number from each
turn rather than expecting particular questions.
"""

import os
import re

from bot.helpline import card as helpline_card
from bot.helpline import tracker_events
from bot.knowledge import load_knowledge

KB = load_knowledge()
STAGES = "a written application, an online test and an assessment centre"
QUESTION = re.compile(r"Question (\d) of (\d) \((motivational|situational|behavioural)\): (.+)")
STRONG = (
    "When I was volunteering at a homeless shelter last year, a resident started shouting at "
    "another man. I stepped between them calmly, spoke quietly and asked him to come outside "
    "so the others were safe. I listened, explained what I could do and called my manager to "
    "find him a bed. As a result he calmed down and nobody was hurt, and I learned that "
    "listening first works. I recorded it and we reviewed it with the police and housing team."
)


def question_in(text):
    found = QUESTION.findall(text)
    assert found, f"no practice question in:\n{text}"
    number, total, kind, words = found[-1]
    return int(number), int(total), words


def test_a_whole_practice_session(visitor, bot_url, tracker_db):
    welcome = visitor.say_text("hello")
    assert "Practise an interview" in welcome

    opening = visitor.say_text("/practise_interview")
    assert "not how the real assessment is scored" in opening
    assert "PSO interview" in opening and "PQiP assessment centre" in opening  # the style buttons

    first = visitor.say_text("PSO interview")
    assert question_in(first)[:2] == (1, 5)
    assert "Skip" in first and "Repeat the question" in first and "Stop" in first

    repeated = visitor.say_text("repeat the question")
    assert question_in(repeated) == question_in(first)

    answered = visitor.say_text(STRONG)
    assert "Practice feedback on question 1 of 5" in answered
    assert "To improve:" in answered and "You said \u201c" in answered
    assert "Show the full breakdown" in answered and "A strong answer would cover:" not in answered
    assert question_in(answered)[0] == 2

    # The button's payload: the rest of the feedback, then the same question again.
    breakdown = visitor.say_text("show the full breakdown")
    assert "The full breakdown." in breakdown and "A strong answer would cover:" in breakdown
    assert "homeless shelter" not in breakdown  # built from the record: no answer text kept
    assert question_in(breakdown)[0] == 2

    skipped = visitor.say_text("skip")
    assert "Skipped. For next time, a strong answer would cover:" in skipped
    third = question_in(skipped)
    assert third[0] == 3

    # A question mid-practice is answered from knowledge/, then the practice carries on.
    digression = visitor.say_text("how long does the PQiP take?")
    assert "15 or 21 months" in digression
    assert question_in(digression) == third

    # A long answer full of probation words is taken as the answer, not as a question.
    long_answer = visitor.say_text(
        "I would check the risk assessment and the licence conditions first because the risk to "
        "the public matters most, then I would speak to my manager and the police so that we share "
        "information, and I would record everything and review it at the next appointment."
    )
    assert "Practice feedback on question 3 of 5" in long_answer
    assert question_in(long_answer)[0] == 4

    stopped = visitor.say_text("stop")
    assert "Practice stopped: 2 answered, 1 skipped." in stopped
    assert "Strengths:" in stopped and "Areas to work on:" in stopped
    assert STAGES in stopped and "isn't a prediction of your result" in stopped
    assert "Practise another interview" in stopped

    # The form is over: an ordinary question gets an ordinary answer.
    after = visitor.say_text("what is the PQiP?")
    assert "Professional Qualification in Probation" in after and "Question" not in after

    if os.environ.get("BOT_URL"):
        return  # the store is the running bot's, not ours
    with tracker_events.connect(tracker_db) as conn:
        events = tracker_events.events(conn, visitor.sender)
    card = helpline_card.build_card(events)
    assert card.interview_practice.startswith("1 session, 2 questions answered; skills practised:")
    shown = helpline_card.render(card)
    assert "homeless shelter" not in shown and "licence conditions" not in shown


def test_free_text_opens_practice_and_names_the_style(visitor):
    reply = visitor.say_text("can I do a mock PQiP assessment centre?")
    assert "PQiP assessment-centre practice" in reply
    assert question_in(reply)[:2] == (1, 5)
    ended = visitor.say_text("stop")
    assert "nothing to sum up" in ended


def test_asking_for_a_person_mid_practice_carries_on(visitor):
    visitor.say_text("I'd like to practise for my interview")
    first = visitor.say_text("PSO interview")
    reply = visitor.say_text("can I talk to a person?")
    assert KB.fact("helpline_number").text in reply
    assert question_in(reply) == question_in(first)


def test_the_eligibility_outcome_offers_practice(visitor):
    answers = iter(
        [
            "I'm 31",
            "yes",
            "England",
            "a BA in criminology",
            "all four",
            "yes I volunteer with young offenders",
        ]
    )
    reply = visitor.say_text("could I become a probation officer?")
    for _ in range(8):
        if "Practise an interview" in reply:
            break
        reply = visitor.say_text(next(answers))
    assert "Practise an interview" in reply


def test_yes_to_the_offer_practises_the_weakest_skill_again(visitor):
    visitor.say_text("mock PSO interview please")
    visitor.say_text("I like helping people.")
    ended = visitor.say_text("stop")
    offer = re.search(r"Want another go at (.+), your weakest area this time\?", ended)
    assert offer, ended
    again = visitor.say_text("yes")
    assert f"Let's practise {offer.group(1)} again" in again
    assert question_in(again)[0] == 1


def test_the_practise_again_button_focuses_on_one_skill(visitor):
    reply = visitor.say_text('/practise_interview{"interview_focus": "risk"}')
    assert "Let's practise assessing and managing risk again" in reply
    assert "Which would you like to practise" in reply  # no style yet in this conversation
    first = visitor.say_text("PQiP assessment centre")
    assert question_in(first)[:2] == (1, 3)
