"""actions/actions.py, each action run as the action server runs it: a real
rasa_sdk Tracker from real Rasa events, a CollectingDispatcher, domain.yml.

What it says and which events it returns; the answers' wording is bot/'s and
is tested there, so these check what the adapter adds: the right reply for
the tracker, the slots Rasa must keep, the follow-up action, the reference code.
"""

import re

import pytest
import yaml
from rasa.shared.core.events import ActiveLoop, SlotSet
from rasa_sdk.executor import ActionExecutor

from actions.actions import (
    ActionAnswerFaq,
    ActionAskKnowledgeAreas,
    ActionClarify,
    ActionEligibilityOutcome,
    ActionExplainOutcome,
    ActionHandoff,
    ActionRestartEligibility,
    ActionShowTriage,
    ActionStartEligibility,
    ActionUpdateProfile,
    ValidateEligibilityForm,
)
from actions.adapter import DialogueForm
from actions.interview import ValidateInterviewForm
from bot.helpline import reference
from bot.knowledge import KNOWLEDGE_DIR, load_knowledge
from bot.rasa_names import Actions, Forms, Intents, RasaBuiltIns, Slots
from tests.components.action_server import DOMAIN, DOMAIN_DICT, Conversation

KB = load_knowledge()
HELPLINE = "0808 164 9883"
REQUESTED = RasaBuiltIns.REQUESTED_SLOT

# Free-text answers to every question of the check: someone on the 15-month PQiP route.
ANSWERS = {
    "age": "I'm 31",
    "right_to_work": "yes",
    "nation": "England",
    "qualification_level": "a BA in criminology",
    "knowledge_areas": "all four",
    "knowledge_modules": "none",
    "experience": "yes, I volunteer at a homeless shelter",
    "level3_vq": "no",
}


def code_in(text: str) -> str:
    [code] = re.findall(r"PC-[A-Z0-9]+", text)
    assert reference.is_code(code)
    return code


def in_the_check(**slots) -> Conversation:
    """A conversation whose eligibility form is active and asking its first question."""
    chat = Conversation(**slots).says("can I become a probation officer?", Intents.CHECK_ELIGIBILITY)
    chat.run(ActionStartEligibility())
    chat.add(ActiveLoop(Forms.ELIGIBILITY))
    chat.run(ValidateEligibilityForm())  # requested_slot None: the form asks what it needs first
    return chat


def answer_every_question(chat: Conversation) -> None:
    while chat.slot(REQUESTED):
        asked = chat.slot(REQUESTED)
        chat.says(ANSWERS[asked], Intents.INFORM, 0.6)
        result = chat.run(ValidateEligibilityForm())
        assert chat.slot(REQUESTED) != asked, (asked, result.messages)
    chat.add(ActiveLoop(None))


def test_every_action_class_is_registered_under_a_name_the_domain_declares():
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) <= set(DOMAIN.user_actions) | {"action_validate_slot_mappings"}
    for module in ("actions", "interview", "insights", "safety"):
        classes = {
            c
            for c in vars(__import__(f"actions.{module}", fromlist=["*"])).values()
            if isinstance(c, type) and c.__module__ == f"actions.{module}"
        }
        assert {c().name() for c in classes} <= set(executor.actions), module


def test_a_form_read_by_a_dialogue_refuses_the_slot_methods_its_run_never_calls():
    assert issubclass(ValidateEligibilityForm, DialogueForm) and issubclass(
        ValidateInterviewForm, DialogueForm
    )
    with pytest.raises(TypeError, match="validate_age"):

        class Ignored(DialogueForm):  # abstract (no read): never registered, even if it lingers
            def validate_age(self, value, dispatcher, tracker, domain):
                return {"age": value}


# --- answering ----------------------------------------------------------------------------------


def test_faq_answer_gives_the_topics_facts_then_feedback_buttons_and_remembers_the_topic():
    result = Conversation().says("how long is the PQiP?", "faq_pqip_length").run(ActionAnswerFaq())
    topic = KB.topics["pqip_length"]
    assert KB.fact(topic.facts[0]).text in result.messages[0]["text"]
    assert [b["payload"] for b in result.buttons] == [
        '/feedback_helpful{"feedback_topic": "pqip_length"}',
        '/feedback_not_helpful{"feedback_topic": "pqip_length"}',
    ]
    assert result.slots == {
        Slots.LAST_TOPIC: "pqip_length",
        Slots.LAST_GAP: None,
        Slots.LAST_ASPECT: "duration",
    }


def test_and_the_access_route_after_how_long_is_the_pqip_asks_how_long_that_takes():
    chat = Conversation()
    chat.says("how long is the PQiP?", "faq_pqip_length").run(ActionAnswerFaq())
    result = chat.says("and the access route?", "faq_access_routes", 0.8).run(ActionAnswerFaq())
    assert KB.fact("access_durations").text in result.text
    assert result.slots[Slots.LAST_ASPECT] == "duration" and result.slots[Slots.LAST_TOPIC] in KB.topics


def test_a_follow_up_is_read_against_the_last_topic():
    chat = Conversation().says("what does a PSO do?", "faq_pso_role")
    chat.run(ActionAnswerFaq())
    result = chat.says("what band is that?", Intents.FOLLOW_UP, 0.7).run(ActionAnswerFaq())
    assert "band" in result.text.lower() and result.slots[Slots.LAST_TOPIC] == "pso_role"


def test_a_follow_up_read_as_why_the_outcome_before_any_check_is_answered_about_the_last_topic():
    chat = Conversation().says("what does a PSO do?", "faq_pso_role")
    chat.run(ActionAnswerFaq())
    result = chat.says("does that pay more?", Intents.EXPLAIN_OUTCOME, 0.6).run(ActionExplainOutcome())
    assert "Band 3" in result.text and "haven't checked" not in result.text
    # with nothing said before, it is still the check's "why?"
    first = Conversation().says("why?", Intents.EXPLAIN_OUTCOME, 0.9).run(ActionExplainOutcome())
    assert "haven't checked your eligibility" in first.text


def test_a_question_naming_a_country_is_answered_before_the_check_opens():
    result = (
        Conversation()
        .says(
            "I did my masters in India, can I still apply for probation officer training?",
            Intents.NOT_COVERED,
        )
        .run(ActionAnswerFaq())
    )
    assert KB.fact("entry_level5").text in result.text and HELPLINE in result.text
    assert "outside the UK" in result.text


def test_a_question_the_pages_dont_cover_says_so_and_records_the_gap():
    result = Conversation().says("is there a uniform?", Intents.NOT_COVERED).run(ActionAnswerFaq())
    assert "don't cover" in result.text and HELPLINE in result.text
    assert result.slots == {Slots.LAST_TOPIC: None, Slots.LAST_GAP: "uniform", Slots.LAST_ASPECT: None}
    # a person to ask, and no "was this helpful?" on an admission
    assert [b["payload"] for b in result.buttons] == ["/request_human"]


def test_facts_about_the_visitor_open_the_check_instead_of_an_answer():
    result = (
        Conversation()
        .says("I am 30 and have a degree, am I eligible?", "faq_entry_requirements")
        .run(ActionAnswerFaq())
    )
    assert result.messages == []
    assert result.events == [{"event": "followup", "timestamp": None, "name": Actions.START_ELIGIBILITY}]


def test_a_question_about_the_visitors_own_route_is_answered_then_the_check_opens():
    result = (
        Conversation()
        .says("would I be on the 15 month route?", "faq_short_route", 0.6)
        .run(ActionAnswerFaq())
    )
    assert KB.fact(KB.topics["short_route"].facts[0]).text in result.messages[0]["text"]
    assert result.buttons == []  # no "was this helpful?": the check's question comes next
    assert result.events[-1] == {"event": "followup", "timestamp": None, "name": Actions.START_ELIGIBILITY}


def test_a_gap_about_what_the_check_asks_is_said_then_the_check_opens_but_not_another_gap():
    too_old = Conversation().says("am I too old at 52?", Intents.NOT_COVERED).run(ActionAnswerFaq())
    assert "upper age limit" in too_old.text
    assert too_old.events[-1]["name"] == Actions.START_ELIGIBILITY
    wheelchair = (
        Conversation().says("I use a wheelchair, can I apply?", Intents.NOT_COVERED).run(ActionAnswerFaq())
    )
    assert not any(e.get("event") == "followup" for e in wheelchair.events)


def test_an_unclear_question_about_getting_in_opens_the_check_without_a_did_you_mean():
    result = (
        Conversation()
        .says("can I get on the PQiP?", RasaBuiltIns.NLU_FALLBACK, 0.3, ranking=[("faq_what_is_pqip", 0.28)])
        .run(ActionClarify())
    )
    assert result.messages == []
    assert result.events == [{"event": "followup", "timestamp": None, "name": Actions.START_ELIGIBILITY}]


def test_clarify_offers_the_likeliest_topics_then_a_person_with_a_reference_code():
    chat = Conversation().says(
        "flurb glomp",
        RasaBuiltIns.NLU_FALLBACK,
        0.2,
        ranking=[("faq_pqip_length", 0.2), ("faq_contract", 0.1)],
    )
    first = chat.run(ActionClarify())
    assert [b["payload"] for b in first.buttons] == ["/faq_pqip_length", "/faq_contract", "/request_human"]
    assert first.events == [] and HELPLINE not in first.text

    second = chat.says("zzz qqq", RasaBuiltIns.NLU_FALLBACK, 0.2).run(ActionClarify())
    code = code_in(second.text)
    assert HELPLINE in second.text and second.slots == {Slots.REFERENCE_CODE: code}


def test_handoff_gives_the_helpline_and_one_code_per_conversation():
    chat = Conversation().says("can I talk to someone?", Intents.REQUEST_HUMAN)
    first = chat.run(ActionHandoff())
    code = code_in(first.text)
    assert HELPLINE in first.text and first.slots == {Slots.REFERENCE_CODE: code}
    again = chat.says("a person please", Intents.REQUEST_HUMAN).run(ActionHandoff())
    assert code_in(again.text) == code and again.events == []  # the kept code, not a new one


def test_triage_card_shows_what_the_conversation_asked():
    chat = Conversation().says("how long is the PQiP?", "faq_pqip_length")
    chat.run(ActionAnswerFaq())
    result = chat.says("/triage", Intents.TRIAGE, 1.0).run(ActionShowTriage())
    assert result.text.startswith("Triage card (no reference code given yet)")
    assert f"Topics asked: {KB.topics['pqip_length'].title}" in result.text
    assert result.events == []


# --- the eligibility check --------------------------------------------------------------------


def test_start_keeps_facts_from_the_opening_message_and_clears_the_rest():
    chat = Conversation(eligibility_outcome="under_18")  # an earlier check's outcome is cleared
    result = chat.says("I'm 31, can I become a probation officer?", Intents.CHECK_ELIGIBILITY).run(
        ActionStartEligibility()
    )
    assert "a few quick questions" in result.text
    assert result.slots["age"] == 31 and result.slots["eligibility_outcome"] is None
    assert result.slots["reask_count"] == 0 and result.slots["nation"] is None


def test_the_form_reads_an_answer_and_asks_the_next_question():
    chat = in_the_check()
    assert chat.slot(REQUESTED) == "age"
    result = chat.says("I'm 31", Intents.INFORM, 0.8).run(ValidateEligibilityForm())
    assert result.messages == []
    assert result.slots == {"age": 31, "reask_count": 0, REQUESTED: "right_to_work"}


def test_an_faq_intent_mid_check_is_left_to_its_rule():
    chat = in_the_check()
    result = chat.says("how long is the PQiP?", "faq_pqip_length", 0.9).run(ValidateEligibilityForm())
    assert result.events == [] and result.messages == []  # Rasa rejects the form; the FAQ rule answers


def test_a_question_no_rule_answers_mid_check_is_answered_and_the_question_kept():
    chat = in_the_check()
    chat.says("I'm 31", Intents.INFORM).run(ValidateEligibilityForm())
    chat.says("yes", Intents.AFFIRM).run(ValidateEligibilityForm())
    asked = chat.slot(REQUESTED)
    result = chat.says("is there a uniform?", Intents.INFORM, 0.3).run(ValidateEligibilityForm())
    assert "don't cover uniform" in result.text
    assert result.slots == {
        asked: None,
        REQUESTED: asked,
        Slots.LAST_TOPIC: None,
        Slots.LAST_GAP: "uniform",
        Slots.LAST_ASPECT: None,
    }


def test_an_unusable_answer_is_asked_again_then_left_for_the_helpline_with_a_code():
    chat = in_the_check()
    first = chat.says("banana", Intents.INFORM, 0.5).run(ValidateEligibilityForm())
    assert "couldn't use that answer" in first.text and HELPLINE not in first.text
    assert first.slots == {"age": None, "reask_count": 1, REQUESTED: "age"}

    # never asked a third time: noted for the helpline (with the code to quote), and on
    second = chat.says("banana again", Intents.INFORM, 0.5).run(ValidateEligibilityForm())
    code = code_in(second.text)
    assert HELPLINE in second.text
    assert second.slots == {
        "age": None,
        "reask_count": 0,
        REQUESTED: "right_to_work",
        Slots.REFERENCE_CODE: code,
        Slots.ELIGIBILITY_NOTES: {
            "unsure": {"age": "unsure_unread"},
            "asked": [],
            "names": {"age": "your age"},
        },
    }


def test_restart_closes_the_form_and_clears_every_answer():
    chat = in_the_check()
    chat.says("I'm 31", Intents.INFORM).run(ValidateEligibilityForm())
    result = chat.says("restart", Intents.RESTART_CHECK).run(ActionRestartEligibility())
    assert result.text == "No problem, let's start again."
    assert result.events[0] == {"event": "active_loop", "timestamp": None, "name": None}
    assert result.slots["age"] is None and result.slots[REQUESTED] is None


def test_knowledge_areas_question_names_the_four_areas():
    result = Conversation().run(ActionAskKnowledgeAreas())
    rules = yaml.safe_load((KNOWLEDGE_DIR / "eligibility.yml").read_text())["eligibility"]
    areas = rules["knowledge_areas"]["names"]
    assert [line[2:] for line in result.text.splitlines() if line.startswith("- ")] == areas
    assert result.events == []


def test_outcome_then_why_after_a_whole_check():
    chat = in_the_check()
    answer_every_question(chat)
    outcome = chat.run(ActionEligibilityOutcome())
    code = code_in(outcome.text)
    assert "15 months" in outcome.text and HELPLINE in outcome.text
    assert outcome.slots == {"eligibility_outcome": "pqip_15_month", Slots.REFERENCE_CODE: code}
    assert [b["payload"] for b in outcome.buttons] == ["/practise_interview"]

    why = chat.says("why?", "explain_outcome").run(ActionExplainOutcome())
    assert "Why:" in why.text and "(Official probation recruitment FAQ (HMPPS))" in why.text
    assert why.events == []


def test_a_correction_after_the_outcome_updates_the_profile_and_the_outcome():
    chat = in_the_check()
    answer_every_question(chat)
    chat.run(ActionEligibilityOutcome())
    result = chat.says("actually I'm 17", Intents.INFORM).run(ActionUpdateProfile())
    assert result.text.startswith("Thanks, I've updated that.") and "18" in result.text
    assert result.slots == {"age": 17, "eligibility_outcome": "under_18"}


def test_the_slots_the_actions_set_are_in_the_domain():
    chat = in_the_check()
    answer_every_question(chat)
    chat.run(ActionEligibilityOutcome())
    set_slots = {e.key for e in chat.events if isinstance(e, SlotSet)}
    assert set_slots <= set(DOMAIN_DICT["slots"]) | {REQUESTED}


def test_a_question_beside_facts_is_answered_and_the_facts_kept():
    text = "I'm 29 and I've got a foundation degree. How long would the probation officer training take?"
    result = (
        Conversation()
        .says(text, Intents.INFORM, 0.5, ranking=[(Intents.INFORM, 0.5), ("faq_pqip_length", 0.4)])
        .run(ActionUpdateProfile())
    )
    assert "15 or 21 months" in result.text and "Thanks, noted" not in result.text
    assert result.slots.get("age") == 29 and result.slots.get("qualification_level") == 5


def test_a_question_beside_facts_that_no_page_answers_is_admitted():
    text = "I'm 40 and a nurse. Do I have to register with a professional body once qualified?"
    result = Conversation().says(text, Intents.INFORM, 0.6).run(ActionUpdateProfile())
    assert HELPLINE in result.text and "Thanks, noted" not in result.text
