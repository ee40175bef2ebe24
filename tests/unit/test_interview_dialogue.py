"""Interview practice as a conversation: commands, digressions, a whole session, the summary."""

import random

import pytest

from bot.interview import dialogue as d
from bot.interview import selection, summary
from bot.interview.bank import load_bank
from bot.knowledge import load_knowledge

STRONG_TRUST = (
    "In my job as a youth worker there was a 16-year-old who refused to speak to any staff. I kept "
    "turning up every week, listened without judging and was open and honest about what I could do. "
    "After six weeks he opened up about problems at home, and as a result I was able to refer him to "
    "a support service. He still attends the club and now helps younger members."
)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def run(slots, requested, text, intent="inform", confidence=0.9):
    turn = d.handle(slots, requested, text, intent, confidence, seed=7)
    slots.update(turn.updates)
    return turn


def started(style_text="PSO interview please"):
    slots = {}
    turn = d.start(slots, style_text, seed=3)
    slots.update(turn.updates)
    return slots, turn


# --- commands and digressions ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,command",
    [
        ("skip", "skip"),
        ("Skip!", "skip"),
        ("next question", "skip"),
        ("pass", "skip"),
        ("I don't know", "skip"),
        ("can we skip this one?", "skip"),
        ("repeat", "repeat"),
        ("repeat the question", "repeat"),
        ("Could you repeat that?", "repeat"),
        ("what was the question?", "repeat"),
        ("pardon?", "repeat"),
        ("stop", "stop"),
        ("STOP", "stop"),
        ("end the interview", "stop"),
        ("I'm done", "stop"),
        ("stop the practice please", "stop"),
        ("quit", "stop"),
    ],
)
def test_commands(text, command):
    assert d.command_in(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "I would stop and think before I acted, then skip the small talk and repeat back what they said.",
        "I'd pass it to my manager",
        "Next I would call the police",
        "stop them from leaving",
    ],
)
def test_answers_that_contain_command_words_are_answers(text):
    assert d.command_in(text) is None


@pytest.mark.parametrize(
    "text,intent,confidence,expected",
    [
        ("how long is the pqip?", "faq_pqip_length", 0.9, True),
        ("what does a PSO earn", "faq_pso_role", 0.8, True),
        ("can I talk to a person", "request_human", 0.9, True),
        ("I'd like to speak to someone", "request_human", 0.9, True),
        ("how long is the pqip?", "faq_pqip_length", 0.3, False),  # not confident
        # A long answer full of probation words is the answer, whatever the classifier thinks.
        (
            "When I was volunteering with people on probation I supported a man whose risk was rising, I "
            "spoke to his probation officer and we reviewed his plan, and as a result he stayed in his hostel.",
            "faq_officer_role",
            0.95,
            False,
        ),
        ("I would check the risk assessment and talk to my manager.", "faq_officer_role", 0.9, False),
    ],
)
def test_digressions(text, intent, confidence, expected):
    assert d.is_digression(text, intent, confidence) is expected


def test_a_digression_fills_nothing_so_a_rule_can_answer_it():
    slots, _ = started()
    turn = run(slots, d.ANSWER, "how long is the PQiP?", "faq_pqip_length", 0.93)
    assert turn.digression and not turn.updates and not turn.replies
    assert slots[d.INDEX] == 0  # the same question is asked again afterwards


# --- a whole session --------------------------------------------------------------------


def test_style_from_the_opening_message_skips_the_style_question():
    slots, turn = started("can I do a mock PQiP assessment centre?")
    assert slots[d.STYLE] == "pqip" and turn.next_slot == d.ANSWER
    assert len(slots[d.PLAN]) == 5
    assert "not how the real assessment is scored" in turn.replies[0].text


def test_style_is_asked_when_not_given_and_a_bad_reply_is_asked_again():
    slots, turn = started("can I do a mock interview?")
    assert turn.next_slot == d.STYLE and not slots[d.PLAN]
    assert [b.title for b in d.ask_style().buttons] == ["PSO interview", "PQiP assessment centre"]
    again = run(slots, d.STYLE, "banana")
    assert again.next_slot == d.STYLE and "didn't catch" in again.replies[0].text
    chosen = run(slots, d.STYLE, "PSO interview")
    assert chosen.next_slot == d.ANSWER and slots[d.STYLE] == "pso" and len(slots[d.PLAN]) == 5


def test_full_session_with_skip_repeat_a_question_and_stop(bank):
    slots, _ = started()
    first = d.ask_question(slots).text
    assert first.startswith("Question 1 of 5 (motivational):")
    assert [b.title for b in d.ask_question(slots).buttons] == ["Skip", "Repeat the question", "Stop"]

    repeat = run(slots, d.ANSWER, "repeat the question")
    assert repeat.next_slot == d.ANSWER and not repeat.replies and d.ask_question(slots).text == first

    answer = run(
        slots,
        d.ANSWER,
        "I want to be a PSO because I believe people can change and I want to "
        "protect the public. When I volunteered with a charity I supported "
        "prison leavers to find homes, which was rewarding.",
    )
    assert answer.replies[0].text.startswith("Practice feedback on question 1 of 5")
    assert slots[d.INDEX] == 1 and d.ask_question(slots).text.startswith("Question 2 of 5")

    skipped = run(slots, d.ANSWER, "skip")
    assert skipped.replies[0].text.startswith("Skipped. For next time, a strong answer would cover:")
    assert slots[d.RESULTS][-1] == {"q": slots[d.PLAN][1], "skipped": True}

    unmatched = run(slots, d.ANSWER, "what's the weather like?", "out_of_scope", 0.6)
    assert "looks like a question" in unmatched.replies[0].text and slots[d.INDEX] == 2

    stop = run(slots, d.ANSWER, "stop")
    assert stop.next_slot is None and slots[d.STOPPED] is True

    end = d.finish(slots)
    text = end.replies[0].text
    assert text.startswith("Practice stopped: 1 answered, 1 skipped.")
    assert "written application, an online test and an assessment centre" in text
    assert "isn't a prediction of your result" in text
    assert [b.title for b in end.replies[0].buttons][-2:] == [
        "Practise another interview",
        "Check my eligibility",
    ]


def test_five_answers_end_the_session_with_strengths_and_areas():
    slots, _ = started("PQiP assessment centre")
    for _number in range(5):
        turn = run(slots, d.ANSWER, STRONG_TRUST)
    assert turn.next_slot is None and slots[d.INDEX] == 5
    text = d.finish(slots).replies[0].text
    assert text.startswith("That's the end of the practice: 5 answered.")
    assert "Strengths:" in text and "Areas to work on:" in text


def test_a_non_answer_is_asked_again_once_then_the_session_moves_on():
    slots, _ = started()
    first = run(slots, d.ANSWER, "asdf qwer zxcv")
    assert "doesn't look like words" in first.replies[0].text and slots[d.INDEX] == 0
    second = run(slots, d.ANSWER, "asdf qwer zxcv")
    assert slots[d.INDEX] == 1 and slots[d.RESULTS][-1]["skipped"] is True
    assert second.next_slot == d.ANSWER


def test_no_answer_text_is_kept_in_any_slot():
    slots, _ = started()
    run(slots, d.ANSWER, STRONG_TRUST)
    assert "youth worker" not in repr(slots)


def test_stop_at_the_style_question_ends_with_nothing_to_sum_up():
    slots, _ = started("mock interview")
    turn = run(slots, d.STYLE, "stop")
    assert turn.next_slot is None
    assert "nothing to sum up" in d.finish(slots).replies[0].text


# --- variety and focus --------------------------------------------------------------------


def test_sessions_mix_kinds_and_vary(bank):
    plans = set()
    asked = []
    for seed in range(6):
        plan = selection.plan_session(bank, "pso", random.Random(seed), asked)
        kinds = [bank.questions[q].kind for q in plan]
        assert kinds == list(selection.SESSION_MIX)
        assert all("pso" in bank.questions[q].styles for q in plan)
        plans.add(tuple(plan))
        asked += plan
    assert len(plans) == 6


def test_the_next_session_prefers_questions_not_yet_asked(bank):
    first = selection.plan_session(bank, "pqip", random.Random(1))
    second = selection.plan_session(bank, "pqip", random.Random(1), asked=first)
    fresh_situational = [
        q
        for q in bank.questions.values()
        if "pqip" in q.styles and q.kind == "situational" and q.id not in first
    ]
    assert len(set(first) & set(second)) <= max(0, 2 - len(fresh_situational)) + 1


def test_practise_the_weakest_again_focuses_on_that_skill(bank):
    slots, _ = started()
    run(slots, d.ANSWER, "I like helping people.")
    run(slots, d.ANSWER, "stop")
    end = d.finish(slots)
    focus_buttons = [b for b in end.replies[0].buttons if "interview_focus" in b.payload]
    assert focus_buttons
    skill = focus_buttons[0].payload.split('"interview_focus": "')[1].rstrip('"}')
    assert end.updates[d.FOCUS] == skill  # kept for a "yes" to the offer
    again = d.start(slots, focus_buttons[0].payload, focus=skill, seed=1)
    slots.update(again.updates)
    assert again.next_slot == d.ANSWER  # keeps the last style
    assert all(skill in bank.questions[q].skills for q in slots[d.PLAN])


def test_summary_ties_strengths_and_gaps_to_skills(bank):
    results = [
        {
            "q": "calmed_situation",
            "verdict": "strong",
            "parts": ["situation", "action", "result"],
            "missed_parts": [],
            "skills": ["pressure", "communication", "risk"],
            "missed": [],
        },
        {
            "q": "worked_with_agency",
            "verdict": "weak",
            "parts": ["action"],
            "missed_parts": ["situation", "result"],
            "skills": [],
            "missed": ["partnerships", "s11", "b4"],
        },
        {
            "q": "built_trust",
            "verdict": "developing",
            "parts": ["action"],
            "missed_parts": ["situation", "result"],
            "skills": ["communication"],
            "missed": ["b2", "empathy"],
        },
    ]
    s = summary.summarise(bank, results)
    assert s.strengths[0] == ("communication", 2, 2)  # 2 of 2 before 1 of 1
    assert [x[0] for x in s.strengths[1:]] == ["pressure", "risk"]
    assert s.weakest == "partnerships"
    assert s.weak_part == ("situation", 2)
    text, buttons = summary.render(load_knowledge(), bank, s, stopped=False)
    assert "Working with colleagues and other agencies (PSO skills list, page 002): shown in 0" in text
    assert buttons[0].payload == '/practise_interview{"interview_focus": "partnerships"}'


def test_practised_skills_for_the_helpline_card(bank):
    names = bank.practised_skills(
        [{"q": "calmed_situation", "verdict": "weak"}, {"q": "built_trust", "skipped": True}]
    )
    assert names == [
        "Working under pressure",
        "Communication and getting on with people",
        "Assessing and managing risk",
    ]


def test_practise_a_skill_again_with_no_style_kept_asks_the_style_without_a_count(bank):
    skill = next(iter(bank.skills))
    again = d.start({}, f'/practise_interview{{"interview_focus": "{skill}"}}', focus=skill, seed=1)
    assert again.next_slot == d.STYLE
    intro = again.replies[0].text
    assert intro.startswith(f"Let's practise {bank.skills[skill].name.lower()} again.")
    assert "0 questions" not in intro


# --- issue 24: short feedback, the full breakdown on request ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "show the full breakdown",
        "Show the full breakdown",
        "breakdown",
        "more detail please",
        "can I see the full feedback",
    ],
)
def test_the_breakdown_command(text):
    assert d.command_in(text) == "breakdown"


def test_show_the_full_breakdown_after_feedback_then_the_next_question(bank):
    slots, _ = started()
    before = run(slots, d.ANSWER, "show the full breakdown")
    assert "no answer with feedback to break down yet" in before.replies[0].text and slots[d.INDEX] == 0
    answer = run(slots, d.ANSWER, STRONG_TRUST)
    feedback = answer.replies[0]
    assert [b.title for b in feedback.buttons] == ["Show the full breakdown"]
    assert "A strong answer would cover" not in feedback.text
    breakdown = run(slots, d.ANSWER, feedback.buttons[0].payload)
    text = breakdown.replies[0].text
    assert text.startswith("The full breakdown.") and "A strong answer would cover" in text
    assert breakdown.next_slot == d.ANSWER and slots[d.INDEX] == 1  # the form asks question 2 again
    assert "youth worker" not in text and "youth worker" not in repr(slots)  # built from the record


def test_the_last_answer_gets_its_breakdown_inline_as_no_turn_follows(bank):
    slots, _ = started("PQiP assessment centre")
    for _ in range(5):
        turn = run(slots, d.ANSWER, STRONG_TRUST)
    assert turn.next_slot is None
    assert not turn.replies[0].buttons and "The full breakdown." in turn.replies[0].text
