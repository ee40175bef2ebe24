"""Unusable, hostile or odd input, at the top level and in the middle of the
eligibility check: the bot always answers, never leaks an error, and loses
nothing of the conversation.
"""

import re

import pytest

from bot.knowledge import load_knowledge

HELPLINE = load_knowledge().fact("helpline_number").text
LONG_MESSAGE = (
    "I have been thinking about a change of career for a while now and "
    "people keep telling me I would be good at working with people. "
) * 40
LONG_MESSAGE = LONG_MESSAGE[:5000]
assert len(LONG_MESSAGE) == 5000

BAD_INPUTS = {
    "empty": "",
    "whitespace": "   \t \n  ",
    "emoji_only": "😀🎉👍🙈",
    "5000_chars": LONG_MESSAGE,
    "script_tag": "<script>alert(1)</script>",
    "img_onerror": "<img src=x onerror=alert(1)>",
    "spanish": "¿Cómo puedo ser oficial de libertad condicional?",
    "russian": "Как стать офицером пробации?",
    "control_chars": "hello\x00\x01\x07\x08\x1b[31m\x7f world\u202e\ufeff",
    "unknown_intent_payload": "/nonexistent_intent",
    "payload_with_junk_entities": '/nonexistent_intent{"age": "abc"}',
}

ERROR_TEXT = re.compile(r"traceback|exception|\berror\b", re.IGNORECASE)


def texts(messages: list) -> list:
    return [m.get("text") or "" for m in messages]


def assert_healthy_reply(sent: str, messages: list) -> None:
    assert isinstance(messages, list) and messages, f"no reply to {sent[:60]!r}"
    assert any(t.strip() for t in texts(messages)), f"only empty texts for {sent[:60]!r}: {messages}"
    everything = "\n".join(
        texts(messages) + [b.get("title", "") for m in messages for b in m.get("buttons") or []]
    )
    assert not ERROR_TEXT.search(everything), f"{sent[:60]!r} -> {everything!r}"


def assert_still_answers_length(visitor) -> None:
    reply = visitor.say_text("how long is the PQiP?")
    assert "15" in reply and "21" in reply, reply


@pytest.mark.parametrize("message", list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
def test_bad_input_gets_a_reply_and_the_conversation_survives(visitor, message):
    messages = visitor.say(message)  # Visitor.say asserts HTTP 200
    assert_healthy_reply(message, messages)
    assert_still_answers_length(visitor)


@pytest.mark.parametrize(
    "message", [BAD_INPUTS["script_tag"], BAD_INPUTS["img_onerror"]], ids=["script_tag", "img_onerror"]
)
def test_markup_is_not_echoed_back(visitor, message):
    reply = visitor.say_text(message).lower()
    assert "<script" not in reply and "onerror" not in reply, reply


def test_several_bad_inputs_in_a_row_lose_nothing(visitor):
    for message in BAD_INPUTS.values():
        assert_healthy_reply(message, visitor.say(message))
    assert_still_answers_length(visitor)


# --- mid-form ------------------------------------------------------------------------


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


AGE_Q = re.compile(r"how old", re.I)
RTW_Q = re.compile(r"right to work", re.I)
NATION_Q = re.compile(r"where do you want to work", re.I)
QUAL_Q = re.compile(r"highest qualification", re.I)
AREAS_Q = re.compile(r"knowledge modules|\(0 to 4\)", re.I)
EXPERIENCE_Q = re.compile(r"experience", re.I)


def ask(visitor, message: str, expect_question: re.Pattern) -> str:
    messages = visitor.say(message)
    assert_healthy_reply(message, messages)
    reply = "\n".join(texts(messages))
    assert expect_question.search(last_line(reply)), (
        f"after {message[:60]!r} expected a question matching {expect_question.pattern!r}, got:\n{reply}"
    )
    return reply


@pytest.mark.parametrize("bad_age", ["banana", "-3", "200"])
def test_unusable_age_is_asked_again(visitor, bad_age):
    ask(visitor, "check my eligibility", AGE_Q)
    reply = ask(visitor, bad_age, AGE_Q)
    assert re.search(r"couldn't use|number", reply, re.I), reply


def test_a_bad_age_then_a_good_one_is_accepted_and_earlier_answers_kept(visitor):
    ask(visitor, "check my eligibility", AGE_Q)
    ask(visitor, "banana", AGE_Q)
    ask(visitor, "31", RTW_Q)
    ask(visitor, "yes", NATION_Q)
    # 5,000 characters with no place in them, mid-form: answered, then the same
    # question again.
    ask(visitor, LONG_MESSAGE, NATION_Q)
    ask(visitor, "England", QUAL_Q)
    ask(visitor, "BA in criminology", AREAS_Q)
    ask(visitor, "all four", EXPERIENCE_Q)
    outcome = visitor.say_text("yes, I volunteer at a homeless shelter")
    # 15 months needs every earlier answer (adult, right to work, England,
    # Level 6, four areas): a lost answer would be asked again or change this.
    assert "15 months" in outcome, outcome
    assert "not eligible" not in outcome.lower(), outcome
    why = visitor.say_text("why").lower()
    assert "at least 18" in why and "right to work" in why and "level 5" in why, why


def test_a_second_unusable_answer_leaves_the_question_and_carries_on(visitor):
    ask(visitor, "check my eligibility", AGE_Q)
    ask(visitor, "banana", AGE_Q)
    # Never asked a third time (issue 21): noted as unsure, the helpline, the next question.
    reply = ask(visitor, "-3", RTW_Q)
    assert re.search(r"leave your age out", reply, re.I) and HELPLINE in reply, reply
    ask(visitor, "yes", NATION_Q)


def test_long_rambling_answer_to_experience_is_asked_again(visitor):
    ask(visitor, "check my eligibility", AGE_Q)
    ask(visitor, "31", RTW_Q)
    ask(visitor, "yes", NATION_Q)
    ask(visitor, "England", QUAL_Q)
    ask(visitor, "BA in criminology", AREAS_Q)
    ask(visitor, "all four", EXPERIENCE_Q)
    ask(visitor, LONG_MESSAGE, EXPERIENCE_Q)


def test_hostile_and_foreign_answers_mid_form_keep_earlier_answers(visitor):
    ask(visitor, "check my eligibility", AGE_Q)
    # One hostile or foreign message at each question (a second would have the check
    # carry on without that answer: test_a_second_unusable_answer_...).
    for bad, answer, next_question in (
        (BAD_INPUTS["control_chars"], "40", RTW_Q),
        (BAD_INPUTS["empty"], "yes", NATION_Q),
        (BAD_INPUTS["script_tag"], "I live in Leeds", QUAL_Q),
        (BAD_INPUTS["emoji_only"], "GCSEs", EXPERIENCE_Q),
    ):
        messages = visitor.say(bad)
        assert_healthy_reply(bad, messages)
        ask(visitor, answer, next_question)
    messages = visitor.say(BAD_INPUTS["russian"])
    assert_healthy_reply(BAD_INPUTS["russian"], messages)
    outcome = visitor.say_text("no")
    # Below Level 5, no experience, adult with the right to work in England: the PSO route.
    assert "Probation Service Officer" in outcome and "without a Level 5" in outcome, outcome
