"""Whole conversations through the real bot: questions the pages don't answer,
two questions in one message, follow-ups on the last answer, and questions
asked in the middle of the eligibility check.

Each case is a conversation; the checks apply to the reply to its last turn.
Phrasings are our own (none is a line of the shared harness's samples).
"""

import re

import pytest

from tests.integration.conftest import Visitor

HONEST = r"don't cover|don't say|can't find"
HELPLINE = r"0808 164 9883"
ASKED_AGAIN = {
    "right_to_work": r"right to work in the UK\?",
    "age": r"How old are you\?",
}

# (id, turns, must match (all), must not match)
CASES = [
    # --- the pages don't cover it: say so, the closest they say, the helpline; never the check
    ("gap_salary", ["what's the annual salary of a probation officer?"], [HONEST, HELPLINE], [r"How old"]),
    ("gap_pay_pso", ["roughly how much does a PSO take home?"], [HONEST, r"Band 3"], [r"How old"]),
    ("gap_shifts", ["do probation officers work shifts?"], [HONEST, HELPLINE], [r"How old"]),
    ("gap_weekends", ["would I have to work weekends?"], [HONEST], [r"How old"]),
    ("gap_part_time", ["is the PQiP available part time?"], [HONEST], [r"How old"]),
    ("gap_evening_study", ["can I study in the evenings while I keep my day job?"], [HONEST], [r"How old"]),
    (
        "gap_wheelchair",
        ["I'm a wheelchair user, could I still train as a probation officer?"],
        [HONEST, HELPLINE],
        [r"How old", r"Let's see which way"],
    ),
    ("gap_dyslexia", ["I have dyslexia, is extra time given in the online test?"], [HONEST], [r"How old"]),
    ("gap_location", ["do I get to choose which area I work in?"], [HONEST, r"local needs"], [r"How old"]),
    ("gap_relocation", ["will they cover my moving costs if I relocate?"], [HONEST], [r"How old"]),
    ("gap_pension", ["what is the pension scheme like?"], [HONEST], [r"How old"]),
    ("gap_leave", ["how much annual leave would I have?"], [HONEST], [r"places", r"How old"]),
    (
        "gap_visa",
        ["can the probation service sponsor a visa for me?"],
        [HONEST, r"right to work"],
        [r"How old"],
    ),
    ("gap_uniform", ["do PSOs wear a uniform?"], [HONEST], [r"How old"]),
    ("gap_tattoos", ["are visible tattoos allowed in probation?"], [HONEST], [r"How old"]),
    ("gap_driving", ["will I need a full driving licence?"], [HONEST], [r"How old"]),
    ("gap_upper_age", ["is 62 too old to start the PQiP?"], [HONEST, r"18"], [r"Let's see which way"]),
    # --- two questions in one message: both answered, in order, one source line
    (
        "two_length_and_intakes",
        ["how long does the PQiP last and when are the intakes?"],
        [r"15 or 21 months", r"two intakes"],
        [],
    ),
    (
        "two_pso_and_band",
        ["what is a probation service officer? what band are they on?"],
        [r"medium and lower risk", r"Band 3"],
        [],
    ),
    (
        "two_requirements_and_apply",
        ["what do I need to get onto the PQiP, and how do I apply?"],
        [r"Level 5", r"written application"],
        [],
    ),
    (
        "two_fail_and_clearance",
        ["what happens if I fail the PQiP and what does security clearance involve?"],
        [r"asked to leave|return to", r"declar"],
        [],
    ),
    (
        "two_question_and_gap",
        ["how long is the PQiP and what's the salary?"],
        [r"15 or 21 months", HONEST],
        [],
    ),
    # --- follow-ups leaning on the last answer
    (
        "fu_pso_band",
        ["tell me about the probation service officer job", "which band is it?"],
        [r"Band 3"],
        [],
    ),
    (
        "fu_pso_degree",
        ["what's a PSO?", "do I need a degree for that?"],
        [r"don't need any qualification"],
        [],
    ),
    (
        "fu_access_provider",
        ["what's the level 4 access programme?", "who runs it?"],
        [r"De Montfort|Sheffield Hallam|Portsmouth"],
        [],
    ),
    (
        "fu_access_length",
        ["explain the level 5 distance learning course", "how long is it?"],
        [r"a year"],
        [r"15 or 21 months"],
    ),
    ("fu_access_cost", ["tell me about the access route", "what does it cost?"], [r"sponsor|universit"], []),
    ("fu_pqip_length", ["what is the PQiP?", "and how long does it last?"], [r"15 or 21 months"], []),
    (
        "fu_pqip_fail",
        ["what is the professional qualification in probation?", "what if I don't pass it?"],
        [r"asked to leave|return to"],
        [],
    ),
    (
        "fu_officer_become",
        ["what does a probation officer actually do?", "how would I become one?"],
        [r"Level 5"],
        [],
    ),
    (
        "fu_clearance_length",
        ["how does security clearance work?", "how long does it take?"],
        [HONEST],
        [r"15 or 21 months"],
    ),
    # No page gives a PQiP learner's band (002's Band 3 is a PSO's): issue 22.
    (
        "fu_contract_band",
        ["am I employed while I train?", "what band would that be?"],
        [r"don't say a PQiP learner's pay or band"],
        [r"Band 3"],
    ),
    # --- questions in the middle of the check: answered, then the pending question again
    (
        "mid_faq_length",
        ["check if I can apply", "29", "hang on, how long is the training?"],
        [r"15 or 21 months", ASKED_AGAIN["right_to_work"]],
        [r"couldn't use that answer"],
    ),
    (
        "mid_gap_pay",
        ["am I eligible for the PQiP?", "33", "what's the salary like?"],
        [HONEST, ASKED_AGAIN["right_to_work"]],
        [r"couldn't use that answer"],
    ),
    (
        "mid_gap_uniform_age",
        ["could I become a probation officer?", "do officers wear uniforms?"],
        [HONEST, ASKED_AGAIN["age"]],
        [r"couldn't use that answer"],
    ),
    (
        "mid_gap_hours",
        ["check my eligibility please", "41", "what hours would I work each week?"],
        [HONEST, ASKED_AGAIN["right_to_work"]],
        [r"couldn't use that answer"],
    ),
    (
        "mid_two_questions",
        ["can I train as a probation officer?", "what is a PSO and what band are they?"],
        [r"Band 3", ASKED_AGAIN["age"]],
        [r"couldn't use that answer"],
    ),
    (
        "mid_pso",
        ["see if I'm eligible", "27", "wait, what does a probation service officer do?"],
        [r"PSO", ASKED_AGAIN["right_to_work"]],
        [r"couldn't use that answer"],
    ),
    (
        "mid_unknown_question",
        ["am I able to apply?", "35", "is there free parking at the offices?"],
        [ASKED_AGAIN["right_to_work"]],
        [r"couldn't use that answer"],
    ),
    (
        "mid_then_answer",
        ["check my eligibility", "do trainees get a pension?", "31"],
        [r"right to work"],
        [r"couldn't use that answer"],
    ),
]


@pytest.mark.parametrize("case_id, turns, must, must_not", CASES, ids=[c[0] for c in CASES])
def test_conversation(bot_url, case_id, turns, must, must_not):
    visitor = Visitor(bot_url)
    reply = ""
    for turn in turns:
        reply = visitor.say_text(turn)
    for pattern in must:
        assert re.search(pattern, reply, re.IGNORECASE), f"{case_id}: expected /{pattern}/ in:\n{reply}"
    for pattern in must_not:
        assert not re.search(pattern, reply, re.IGNORECASE), f"{case_id}: unexpected /{pattern}/ in:\n{reply}"


def test_two_answers_close_with_one_source_line(bot_url):
    reply = Visitor(bot_url).say_text("how long does the PQiP take and how many places are there?")
    assert len(re.findall(r"^Sources?:", reply, re.MULTILINE)) == 1


def test_a_check_interrupted_by_questions_still_reaches_an_outcome(bot_url):
    visitor = Visitor(bot_url)
    visitor.say_text("can I apply to be a probation officer?")
    visitor.say_text("is there a dress code?")
    for answer in ("30", "yes", "England"):
        visitor.say_text(answer)
    reply = visitor.say_text("how much do trainees earn?")
    assert re.search(HONEST, reply) and re.search(r"qualification", reply, re.IGNORECASE)
