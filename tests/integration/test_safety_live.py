"""A visitor at risk, through the real bot: the safety reply at the first
message, in the middle of the check and during interview practice; what was
under way is paused and can be resumed; near misses keep their normal reply;
the helpline card flags it without the visitor's words."""

import json
import subprocess
import sys

import pytest

from tests.botprocess import ROOT

SAFETY = "116 123"
NUMBERS = ["999", "116 123", "NHS 111", "0808 2000 247", "0808 80 10 800"]


def texts(visitor, message):
    return "\n".join(m.get("text") or "" for m in visitor.say(message))


@pytest.mark.parametrize(
    "message",
    [
        "i dont feel safe with myself tonight and i need someone to talk to",
        "I can't ask about the course right now, my partner has been hitting me and I'm frightened to go home",
        "how long is the pqip? not that it matters, i wont be around by then",
    ],
)
def test_a_first_message_at_risk_gets_the_safety_reply_and_nothing_else(visitor, message):
    reply = visitor.say_text(message)
    for number in NUMBERS:
        assert number in reply, (number, reply)
    assert "PQiP" not in reply and "How old" not in reply and "?" not in reply, reply


def test_mid_check_the_check_pauses_and_resumes_at_the_same_question(visitor):
    texts(visitor, "check my eligibility")
    asked = texts(visitor, "I'm 27").strip().splitlines()[-1]
    assert asked.endswith("?"), asked
    reply = visitor.say(" no sorry i cant do this any more, i want to end it all")
    assert SAFETY in reply[0]["text"] and "?" not in reply[0]["text"]
    assert [b["title"] for b in reply[-1]["buttons"]] == ["Carry on with the eligibility check"]
    resumed = texts(visitor, "/resume")
    assert resumed.strip().splitlines()[-1] == asked, resumed
    # The age given before the pause still counts: the check carries on, it does not restart.
    assert "How old" not in resumed


def test_during_practice_the_session_pauses_and_resumes_at_its_question(visitor):
    texts(visitor, "can we do a practice interview")
    question = texts(visitor, "PSO interview").strip().splitlines()[-1]
    reply = texts(
        visitor, "my boyfriend said he'll kill me if i go to the interview and i'm scared to go home"
    )
    assert SAFETY in reply and "0808 2000 247" in reply and "Question" not in reply
    resumed = texts(visitor, "carry on")
    assert resumed.strip().splitlines()[-1] == question, resumed


@pytest.mark.parametrize(
    "message, normal",
    [
        ("I volunteer on a crisis line, does that count as experience?", r"experience"),
        ("do probation officers deal with suicide risk?", r"."),
        ("I'd like to specialise in domestic abuse", r"."),
    ],
)
def test_near_misses_keep_their_normal_reply(visitor, message, normal):
    reply = visitor.say_text(message)
    assert SAFETY not in reply, reply


def test_an_experience_answer_about_people_in_crisis_is_read_as_an_answer(visitor):
    texts(visitor, "check my eligibility")
    for answer in ("I'm 30", "yes", "England", "BA in sociology"):
        reply = texts(visitor, answer)
    for _ in range(3):
        if "experience" in reply.strip().splitlines()[-1].lower():
            break
        reply = texts(visitor, "none")
    reply = texts(visitor, "yes, I support women in a refuge whose lives are in crisis, some self harm")
    assert SAFETY not in reply, reply


def test_a_practice_answer_about_a_service_user_who_self_harms_gets_feedback(visitor):
    texts(visitor, "can we do a practice interview")
    texts(visitor, "PSO interview")
    reply = texts(
        visitor,
        "A man I supported at the hostel told me he had been self harming. I listened, "
        "stayed calm, made sure he was safe and followed the safeguarding procedure.",
    )
    assert SAFETY not in reply and "feedback" in reply.lower(), reply


def test_the_card_flags_the_safety_reply_without_the_words(visitor, store):
    words = "honestly i dont want to be here any more"
    visitor.say_text(words)
    code_reply = visitor.say_text("can I talk to a person")
    code = next(w for w in code_reply.replace(".", " ").split() if w.startswith("PC-"))
    result = subprocess.run(
        [sys.executable, "-m", "bot.helpline.triage", code, "--json", "--db", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["safety_reply_given"] and "safety reply given" in card["needs_person_because"]
    assert words not in result.stdout and "be here" not in result.stdout
