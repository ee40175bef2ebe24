"""The safety reply: short, the numbers the issue asks for, no career content."""

import re

import pytest

from bot.knowledge import load_knowledge
from bot.rasa_names import Forms
from bot.safety import KINDS, load_safety, safety_reply

NUMBERS = ["999", "116 123", "111", "press 2", "0808 2000 247", "0808 80 10 800"]


@pytest.mark.parametrize("kind", [*KINDS, None])
def test_every_reply_gives_every_number_and_999_first(kind):
    reply = safety_reply(kind)
    for number in NUMBERS:
        assert number in reply.text, (kind, number)
    contacts = [line for line in reply.text.splitlines() if line.startswith("- ")]
    assert "999" in contacts[0]


def test_the_contact_for_the_kind_of_risk_comes_straight_after_999():
    assert "Domestic Abuse" in safety_reply("abuse").text.splitlines()[3]
    assert "Samaritans" in safety_reply("self_harm").text.splitlines()[3]


def test_no_career_facts_no_question_and_no_page_cited():
    text = safety_reply("self_harm", paused=Forms.ELIGIBILITY).text
    assert "?" not in text
    kb = load_knowledge()
    assert not any(source.title in text for source in kb.sources.values())
    assert not re.search(r"PQiP|probation|Band|Level [3-6]|0808 164", text, re.I)
    assert "careers questions" in text  # they can come back whenever they like


@pytest.mark.parametrize(
    "paused, title",
    [
        (Forms.ELIGIBILITY, "Carry on with the eligibility check"),
        (Forms.INTERVIEW, "Carry on with interview practice"),
        (None, None),
    ],
)
def test_a_paused_check_or_practice_is_offered_back(paused, title):
    reply = safety_reply("self_harm", paused=paused)
    assert [b.title for b in reply.buttons] == ([title] if title else [])
    assert all(b.payload == "/resume" for b in reply.buttons)


def test_the_numbers_carry_the_date_they_were_checked():
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", load_safety().checked)


def test_the_reply_is_short():
    assert len(safety_reply("abuse", paused=Forms.INTERVIEW).text.split()) < 130
