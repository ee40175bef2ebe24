"""The feedback buttons and the report's parts, over hand-made Rasa event lists
(tests/unit/rasa_events.py). tests/unit/test_insights_report.py builds the whole
report from conversations recorded from the real bot."""

import json
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bot.insights import conversations as convs
from bot.insights import feedback
from bot.insights.grouping import group_questions, key_words
from bot.insights.tables import CONVICTIONS_ROW, FEWER_THAN_5, Insights, collect, example, missed_table, shown
from bot.knowledge import load_knowledge
from bot.rasa_names import Slots
from bot.replies import Reply
from tests.unit.rasa_events import Clock, conversation

KB = load_knowledge()
HELPLINE = KB.fact("helpline_number").text


# --- feedback --------------------------------------------------------------------------


def test_the_buttons_follow_the_answer_and_carry_its_topic():
    answer = Reply("The PQiP takes 15 or 21 months.\n\nSource: X.")
    replies = feedback.with_feedback(answer, "pqip_length")
    assert replies[0] is answer  # the answer still ends with its source line
    prompt = replies[1]
    assert [b.title for b in prompt.buttons] == [feedback.HELPFUL_TITLE, feedback.NOT_HELPFUL_TITLE]
    payload = prompt.buttons[1].payload
    assert payload.startswith("/feedback_not_helpful{")
    assert json.loads(payload[payload.index("{") :]) == {"feedback_topic": "pqip_length"}


def test_the_prompt_asks_nothing_so_it_is_never_in_the_way():
    assert "?" not in feedback.PROMPT


def test_no_buttons_without_a_topic():
    answer = Reply("The pages don't cover annual leave.")
    assert feedback.with_feedback(answer, None) == [answer]


def test_no_buttons_during_the_check():
    answer = Reply("x")
    assert feedback.with_feedback(answer, "pqip_length", during_check=True) == [answer]


def test_yes_is_kept_and_thanked():
    reply, slots = feedback.record(True, "pqip_length")
    assert slots == {"feedback": {"topic": "pqip_length", "helpful": True}}
    assert "?" not in reply.text


def test_no_asks_what_they_were_looking_for_and_waits_for_one_message():
    reply, slots = feedback.record(False, "contract")
    assert slots["feedback"] == {"topic": "contract", "helpful": False}
    assert slots[Slots.FEEDBACK_COMMENT_FOR] == "contract"
    # Optional, and the way on stays open: a question typed instead is answered.
    assert "What were you looking for?" in reply.text and "next question" in reply.text


def test_no_during_the_check_asks_nothing_more():
    reply, slots = feedback.record(False, "contract", during_check=True)
    assert Slots.FEEDBACK_COMMENT_FOR not in slots and "?" not in reply.text


def test_the_next_typed_message_is_the_comment_and_the_wait_ends():
    reply, slots = feedback.take_comment("contract", "  how much   do trainees earn? ")
    assert slots == {
        "feedback_comment_for": None,
        "feedback_comment": {"topic": "contract", "text": "how much do trainees earn?"},
    }
    assert reply.text == feedback.THANKS_COMMENT


@pytest.mark.parametrize("text", ["/faq_pqip_length", "", "   "])
def test_a_button_or_nothing_ends_the_wait_without_a_comment(text):
    reply, slots = feedback.take_comment("contract", text)
    assert reply is None and slots == {"feedback_comment_for": None}


def test_nothing_happens_when_no_comment_is_awaited():
    assert feedback.take_comment(None, "hello") == (None, {})


def test_topic_read_from_the_button_entity():
    assert feedback.topic_from_entities([{"entity": "feedback_topic", "value": "intakes"}]) == "intakes"
    assert feedback.topic_from_entities([]) is None


# --- reading a conversation --------------------------------------------------------------


def test_a_conversation_read_for_the_report():
    clock = Clock(1_763_000_000.0)  # 13 Nov 2025
    events = conversation(
        ("user", "how long is the pqip", "faq_pqip_length"),
        ("action", "action_answer_faq"),
        ("bot", "15 or 21 months"),
        ("bot", feedback.PROMPT),
        ("user", '/feedback_not_helpful{"feedback_topic":"pqip_length"}', "feedback_not_helpful"),
        ("action", "action_record_feedback"),
        ("slot", "feedback", {"topic": "pqip_length", "helpful": False}),
        ("slot", "feedback_comment_for", "pqip_length"),
        ("bot", feedback.ASK_COMMENT),
        ("user", "is it paid?", "faq_contract"),
        ("action", "action_extract_slots"),
        ("slot", "feedback_comment_for", None),
        ("slot", "feedback_comment", {"topic": "pqip_length", "text": "is it paid?"}),
        ("action", "action_answer_faq"),
        ("slot", "last_topic", "contract"),
        ("bot", "answer"),
        ("user", "flurb glomp", "nlu_fallback"),
        ("action", "action_clarify"),
        ("bot", "did you mean"),
        ("user", "zint zorb", "nlu_fallback"),
        ("action", "action_clarify"),
        ("bot", f"did you mean... {HELPLINE}"),
        ("user", "do you pay relocation?", "faq_contract"),
        ("action", "action_answer_gap"),
        ("slot", "last_gap", "relocation"),
        ("bot", "the pages don't cover this"),
        ("user", "check my eligibility", "check_eligibility"),
        ("action", "action_start_eligibility"),
        ("action", "eligibility_form"),
        ("slot", "requested_slot", "age"),
        ("bot", "How old are you?"),
        ("user", "30", "inform"),
        ("action", "eligibility_form"),
        ("slot", "age", 30),
        ("slot", "requested_slot", "right_to_work"),
        ("bot", "Right to work?"),
        clock=clock,
    )
    c = convs.read_conversation(events, KB)
    assert c.channel == "web" and c.visitor_messages == 8
    assert c.started.date() == date(2025, 11, 13)
    assert c.topics == ["pqip_length", "contract"]
    assert c.feedback == [{"topic": "pqip_length", "helpful": False}]
    assert c.comments == [{"topic": "pqip_length", "text": "is it paid?"}]
    assert [(m.text, m.how, m.gap) for m in c.missed] == [
        ("flurb glomp", convs.NOT_UNDERSTOOD, None),
        ("zint zorb", convs.NOT_UNDERSTOOD, None),
        ("do you pay relocation?", convs.NOT_COVERED, "relocation"),
    ]
    assert c.check_started and not c.check_finished and c.stopped_at == "right_to_work"
    assert c.handoffs == [convs.STUCK]


def test_a_finished_check_and_a_request_for_a_person():
    events = conversation(
        ("user", "can I apply", "check_eligibility"),
        ("action", "action_start_eligibility"),
        ("slot", "requested_slot", "age"),
        ("bot", "How old are you?"),
        ("user", "17", "inform"),
        ("action", "eligibility_form"),
        ("slot", "requested_slot", None),
        ("action", "action_eligibility_outcome"),
        ("slot", "eligibility_outcome", "under_18"),
        ("bot", f"You need to be 18. {HELPLINE} quote PC-7K3QX"),
        ("user", "can I talk to someone", "request_human"),
        ("action", "action_handoff"),
        ("bot", HELPLINE),
    )
    c = convs.read_conversation(events, KB)
    assert c.check_finished and c.outcome == "under_18" and c.stopped_at is None
    assert c.handoffs == [convs.WITH_OUTCOME, convs.ASKED_FOR_PERSON]


def test_a_clarifier_turn_that_answered_a_follow_up_is_not_missed():
    events = conversation(
        ("user", "who runs it?", "nlu_fallback"),
        ("action", "action_clarify"),
        ("slot", "last_topic", "universities"),
        ("slot", "last_gap", None),
        ("bot", "De Montfort..."),
    )
    c = convs.read_conversation(events, KB)
    assert c.missed == [] and c.topics == ["universities"]


def test_the_helpline_in_a_gap_answer_or_an_faq_answer_is_a_hand_off_with_its_reason():
    events = conversation(
        ("user", "is there a uniform?", "ask_not_covered"),
        ("action", "action_answer_faq"),
        ("slot", "last_topic", None),
        ("slot", "last_gap", "uniform"),
        ("bot", f"The pages don't cover uniforms. {HELPLINE}"),
        ("user", "how do I contact the team", "faq_contact"),
        ("action", "action_answer_faq"),
        ("slot", "last_topic", "contact"),
        ("slot", "last_gap", None),
        ("bot", HELPLINE),
    )
    assert convs.read_conversation(events, KB).handoffs == [convs.WITH_NOT_COVERED, convs.IN_AN_ANSWER]


def test_topics_come_from_faq_intents_in_stores_without_last_topic():
    events = conversation(
        ("user", "what is a PSO", "faq_pso_role"), ("action", "action_answer_faq"), ("bot", "...")
    )
    assert convs.read_conversation(events, KB).topics == ["pso_role"]


def test_the_shell_is_a_channel_and_staff_triage_is_not_a_message():
    events = conversation(
        ("user", "hi", "greet"),
        ("action", "utter_greet"),
        ("bot", "Hello"),
        ("user", "/triage", "triage"),
        ("action", "action_show_triage"),
    )
    for event in events:
        if event["event"] == "user":
            event["input_channel"] = "cmdline"
    c = convs.read_conversation(events, KB)
    assert c.channel == "shell" and c.visitor_messages == 1


# --- grouping -------------------------------------------------------------------------


def test_rephrasings_sit_together_and_different_questions_apart():
    groups = group_questions(
        [
            ("how much annual leave do probation officers get?", None),
            ("annual leave entitlement", None),
            ("How many days of annual leave?", None),
            ("is there a uniform?", None),
            ("do you have to wear a uniform", None),
            ("what's the salary", None),
            ("salaries for trainees", None),
            ("can I do the training in the evenings only", None),
        ]
    )
    as_sets = [set(g.wordings) for g in groups]
    assert {
        "how much annual leave do probation officers get?",
        "annual leave entitlement",
        "How many days of annual leave?",
    } in as_sets
    assert {"is there a uniform?", "do you have to wear a uniform"} in as_sets
    assert {"what's the salary", "salaries for trainees"} in as_sets
    assert {"can I do the training in the evenings only"} in as_sets


def test_the_same_listed_gap_is_one_group_whatever_the_words():
    groups = group_questions(
        [
            ("does the service pay relocation costs?", "relocation"),
            ("will they cover my moving expenses", "relocation"),
            ("moving house help", "unlisted"),
        ]
    )
    assert groups[0].count == 2 and groups[0].gap == "relocation"


def test_grouping_is_deterministic_and_most_asked_first():
    qs = [("uniform?", None), ("salary", None), ("salary", None), ("the salary?", None)]
    first = group_questions(qs)
    assert [g.leader for g in first] == ["salary", "uniform?"]
    assert [g.leader for g in group_questions(list(reversed(qs)))] == ["salary", "uniform?"]
    assert first[0].count == 3


def test_key_words_drop_common_words_and_cut_to_stems():
    assert key_words("How much do probation officers get paid?") == {"paid"}
    assert key_words("salaries") == key_words("salary")


# --- privacy in the tables ------------------------------------------------------------


@pytest.mark.parametrize(
    "count, expected", [(0, 0), (1, FEWER_THAN_5), (4, FEWER_THAN_5), (5, 5), (120, 120)]
)
def test_small_counts_are_not_shown(count, expected):
    assert shown(count) == expected


def test_convictions_are_counted_never_shown_and_contact_details_blanked():
    ins = Insights(
        missed=[
            convs.Missed("can I apply with a conviction for theft?", convs.NOT_UNDERSTOOD),
            convs.Missed("I was in prison in 2010, flurb", convs.NOT_UNDERSTOOD),
            convs.Missed("mail me at jo.bloggs@example.org or 07700 900123", convs.OUT_OF_SCOPE),
        ]
    )
    table = missed_table(ins)
    text = json.dumps(table.rows)
    assert "theft" not in text and "prison" not in text
    assert "jo.bloggs" not in text and "900123" not in text and "[e-mail]" in text
    assert [CONVICTIONS_ROW, FEWER_THAN_5, convs.NOT_UNDERSTOOD, ""] in table.rows
    assert example("I have a caution from 2015") is None


def test_collect_counts_conversations_not_senders():
    events = conversation(("user", "hi", "greet"), ("action", "utter_greet"), ("bot", "Hello"))
    ins = collect(convs.read_conversation(events, KB) for _ in range(6))
    assert ins.conversations == 6 and ins.messages == 6
    assert ins.channels == Counter({"web": 6})


def test_control_characters_a_visitor_typed_never_reach_the_report():
    from bot.insights.render import write_csv
    from bot.insights.tables import Table, example

    assert example("is there\x00 a uniform\x1b?") == "is there a uniform?"
    written = write_csv([Table("t", "T", ["Question"], [[example("a\x00b")]])], Path(tempfile.mkdtemp()))
    assert written[0].read_text().splitlines()[1] == "ab"
