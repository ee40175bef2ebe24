"""The names Rasa knows our intents, actions, slots, forms and entities by.

domain.yml and data/ declare them; plain Python that must use one (a button's
payload, the triage card reading the tracker, a digression check, an action's
name) takes it from here. tests/unit/test_rasa_names.py checks that each is
declared in domain.yml (and each intent used in data/), so a rename that
misses one fails a test rather than a visitor's conversation.

The eligibility check's question slots (age, nation, ...) are not here: they
are declared with their questions in the check's field registry.
"""

from __future__ import annotations

import json

FAQ_PREFIX = "faq_"  # every FAQ topic's intent is faq_<topic id> (knowledge/topics.yml)


class Intents:
    CHECK_ELIGIBILITY = "check_eligibility"
    INFORM = "inform"
    AFFIRM = "affirm"
    OUT_OF_SCOPE = "out_of_scope"
    REQUEST_HUMAN = "request_human"
    BOT_CAPABILITIES = "bot_capabilities"
    BOT_CHALLENGE = "bot_challenge"
    RESTART_CHECK = "restart_check"
    EXPLAIN_OUTCOME = "explain_outcome"
    TRIAGE = "triage"  # staff only: "/triage" in rasa shell
    NOT_COVERED = "ask_not_covered"
    FOLLOW_UP = "follow_up"
    PRACTISE_INTERVIEW = "practise_interview"
    FEEDBACK_HELPFUL = "feedback_helpful"
    FEEDBACK_NOT_HELPFUL = "feedback_not_helpful"
    SAFETY_CONCERN = "safety_concern"  # set by nlu/safety_guard.py, never by the classifier
    RESUME = "resume"  # carry on with what the safety reply paused


class Actions:
    ANSWER_FAQ = "action_answer_faq"
    CLARIFY = "action_clarify"
    HANDOFF = "action_handoff"
    SHOW_TRIAGE = "action_show_triage"
    START_ELIGIBILITY = "action_start_eligibility"
    RESTART_ELIGIBILITY = "action_restart_eligibility"
    VALIDATE_ELIGIBILITY_FORM = "validate_eligibility_form"
    ASK_KNOWLEDGE_AREAS = "action_ask_knowledge_areas"
    ELIGIBILITY_OUTCOME = "action_eligibility_outcome"
    ASK_ELIGIBILITY_CONFIRM = "action_ask_eligibility_confirm"
    EXPLAIN_OUTCOME = "action_explain_outcome"
    UPDATE_PROFILE = "action_update_profile"
    START_INTERVIEW = "action_start_interview"
    VALIDATE_INTERVIEW_FORM = "validate_interview_form"
    ASK_INTERVIEW_STYLE = "action_ask_interview_style"
    ASK_INTERVIEW_ANSWER = "action_ask_interview_answer"
    INTERVIEW_SUMMARY = "action_interview_summary"
    RECORD_FEEDBACK = "action_record_feedback"
    SAFETY_REPLY = "action_safety_reply"
    RESUME = "action_resume"
    OUT_OF_SCOPE = "utter_out_of_scope"  # a response, not a custom action


class Forms:
    ELIGIBILITY = "eligibility_form"
    INTERVIEW = "interview_form"


class Slots:
    LAST_TOPIC = "last_topic"  # set by every answer, for follow-ups
    LAST_ASPECT = "last_aspect"  # the aspect the last question asked ("how long"), for "and the PQiP?"
    LAST_GAP = "last_gap"  # set when the answer was "the pages don't cover this"
    REFERENCE_CODE = "reference_code"
    REASK_COUNT = "reask_count"  # the eligibility check's unusable answers in a row
    ELIGIBILITY_OUTCOME = "eligibility_outcome"
    ELIGIBILITY_CONFIRM = "eligibility_confirm"  # the check's pending confirming question
    ELIGIBILITY_NOTES = "eligibility_notes"  # what was confirmed, left unsure, or is in progress
    INTERVIEW_STYLE = "interview_style"
    INTERVIEW_ANSWER = "interview_answer"
    INTERVIEW_PLAN = "interview_plan"
    INTERVIEW_INDEX = "interview_index"
    INTERVIEW_RESULTS = "interview_results"
    INTERVIEW_ASKED = "interview_asked"
    INTERVIEW_FOCUS = "interview_focus"
    INTERVIEW_RETRY = "interview_retry"
    INTERVIEW_STOPPED = "interview_stopped"
    FEEDBACK = "feedback"
    FEEDBACK_COMMENT = "feedback_comment"
    FEEDBACK_COMMENT_FOR = "feedback_comment_for"  # topic id while the comment may come
    PAUSED_ACTIVITY = "paused_activity"  # the form the safety reply paused, to resume


class Entities:
    INTERVIEW_FOCUS = "interview_focus"  # only in the "practise ... again" button's payload
    FEEDBACK_TOPIC = "feedback_topic"  # the topic id a feedback button carries


class RasaBuiltIns:
    """Rasa's own names, declared by Rasa rather than in domain.yml."""

    ACTION_LISTEN = "action_listen"
    DEFAULT_FALLBACK = "action_default_fallback"
    REQUESTED_SLOT = "requested_slot"
    NLU_FALLBACK = "nlu_fallback"  # the intent the FallbackClassifier predicts


def is_faq(intent: str | None) -> bool:
    """An FAQ topic's intent (answered by action_answer_faq through the generated rules)."""
    return intent is not None and intent.startswith(FAQ_PREFIX)


def payload(intent: str, entities: dict[str, str] | None = None) -> str:
    """A button's payload: Rasa reads "/intent" (with entities as JSON) without the NLU."""
    return f"/{intent}" + (json.dumps(entities) if entities else "")


def names(namespace: type) -> set[str]:
    """Every name a namespace class above declares."""
    return {value for key, value in vars(namespace).items() if key.isupper()}
