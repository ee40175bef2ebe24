"""The helpline card says practice happened and which skills, never what was answered."""

import json

from bot.helpline import card as helpline_card
from bot.interview import dialogue
from tests.unit.test_triage import conversation

ANSWER = (
    "When I was volunteering at a night shelter a resident with a conviction for assault "
    "started shouting, and I calmed him down and as a result nobody was hurt."
)


def practice_chat():
    slots = {}
    steps = [
        ("user", "can I do a mock interview?", "practise_interview"),
        ("action", "action_start_interview"),
    ]
    start = dialogue.start(slots, "PSO interview", seed=2)
    slots.update(start.updates)
    steps += [("slot", name, value) for name, value in start.updates.items()]
    steps += [("action", "interview_form"), ("bot", dialogue.ask_question(slots).text)]
    turn = dialogue.handle(slots, dialogue.ANSWER, ANSWER, "inform", 0.4, seed=2)
    slots.update(turn.updates)
    steps += [("user", ANSWER, "inform"), ("action", "interview_form")]
    steps += [("slot", name, value) for name, value in turn.updates.items()]
    steps += [("bot", r.text) for r in turn.replies]
    steps += [
        ("user", "stop", "deny"),
        ("action", "interview_form"),
        ("slot", "interview_stopped", True),
        ("action", "action_interview_summary"),
    ]
    return conversation(*steps), slots


def test_the_card_says_practice_happened_and_which_skills():
    events, slots = practice_chat()
    card = helpline_card.build_card(events)
    first = slots[dialogue.RESULTS][0]["q"]
    assert card.interview_practice.startswith("1 session, 1 question answered; skills practised: ")
    text = helpline_card.render(card)
    assert "Interview practice: 1 session, 1 question answered" in text
    assert first  # a real question was recorded


def test_the_card_never_shows_the_answer():
    events, _ = practice_chat()
    card = helpline_card.build_card(events)
    shown = helpline_card.render(card) + json.dumps(card.as_dict())
    assert "night shelter" not in shown and "assault" not in shown
    assert card.unanswered_questions == [] and card.topics == []


def test_no_practice_no_line():
    events = conversation(("user", "hello", "greet"), ("action", "utter_greet"))
    assert "Interview practice" not in helpline_card.render(helpline_card.build_card(events))
