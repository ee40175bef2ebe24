"""The eligibility check end to end, as simulated applicants in free text.

A small driver in the manner of the external harness (shared/eval/harness.py):
send an opening message, then answer each question the bot asks from the
persona's facts, choosing the fact by keywords in the LAST line of the bot's
turn. A question asked a third time, or more than MAX_TURNS turns, fails.
The outcome's wording is read from knowledge/eligibility.yml.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from bot.knowledge import load_knowledge
from tests.integration.questions import question_key, squash

KB = load_knowledge()
OUTCOMES = KB.eligibility.outcomes
MAX_TURNS = 12
QUALIFYING = ("pqip_15_month", "pqip_21_month")

# What a visitor would look for in the outcome (besides its headline).
MARKERS = {
    "pqip_15_month": r"15 months",
    "pqip_21_month": r"21 months",
    "needs_experience": r"what's missing is relevant work",
    "access_route": r"access route is one way",
    "access_via_pso": r"still needs from you is a recognised level 5",
    "pso_route": r"your way in is as a probation service officer",
    "social_work_route": r"social work",
    "no_right_to_work": r"right to work",
    "under_18": r"\b18\b",
}


def headline(outcome_id: str) -> str:
    return squash(OUTCOMES[outcome_id].headline)


def bot_says(visitor, message: str) -> str:
    """The texts of the bot's reply, without button titles, so the question is the last line."""
    return "\n".join(m.get("text") or "" for m in visitor.say(message))


@dataclass
class Conversation:
    visitor: object
    facts: dict[str, str]
    transcript: list[tuple[str, str]] = field(default_factory=list)
    asked: dict[str, int] = field(default_factory=dict)
    pending: str | None = None  # the next message to send
    done: bool = False
    last_bot: str = ""

    def show(self) -> str:
        return "\n".join(f"{who}: {text}" for who, text in self.transcript)

    def step(self) -> None:
        """Send the pending message and pick the answer to whatever is asked next."""
        assert not self.done
        message = self.pending
        assert message is not None
        reply = bot_says(self.visitor, message)
        self.transcript += [("visitor", message), ("bot", reply)]
        self.last_bot = reply
        key = question_key(reply)
        if key is None:
            self.done = True
            return
        self.asked[key] = self.asked.get(key, 0) + 1
        assert self.asked[key] < 3, f"asked about {key} three times:\n{self.show()}"
        assert key in self.facts, f"asked about {key}, which this visitor shouldn't be asked:\n{self.show()}"
        self.pending = self.facts[key]

    def run(self, opening: str) -> str:
        self.pending = opening
        for _ in range(MAX_TURNS):
            self.step()
            if self.done:
                return self.last_bot
        pytest.fail(f"no outcome after {MAX_TURNS} turns:\n{self.show()}")


def converse(visitor, opening: str, facts: dict[str, str]) -> Conversation:
    conversation = Conversation(visitor, facts)
    conversation.run(opening)
    return conversation


def assert_outcome(conversation: Conversation, outcome_id: str) -> None:
    final = conversation.last_bot
    assert squash(headline(outcome_id)) in squash(final), (
        f"expected outcome {outcome_id}:\n{conversation.show()}"
    )
    assert re.search(MARKERS[outcome_id], final, re.I), f"no {MARKERS[outcome_id]!r} in:\n{final}"
    for other in OUTCOMES:
        if other != outcome_id:
            assert headline(other) not in squash(final), f"also shows {other}:\n{final}"
    if outcome_id in QUALIFYING:
        everything = "\n".join(text for _, text in conversation.transcript).lower()
        assert "not eligible" not in everything, conversation.show()


# --- the applicants -----------------------------------------------------------------


@dataclass(frozen=True)
class Applicant:
    """A simulated applicant (eligibility_applicants.yml): the outcome they should reach,
    their opening and their answers, keyed as tests/integration/questions.py reads questions."""

    id: str
    outcome: str
    opening: str
    facts: dict[str, str]


APPLICANTS = [
    Applicant(**entry)
    for entry in yaml.safe_load((Path(__file__).parent / "eligibility_applicants.yml").read_text())[
        "applicants"
    ]
]
BY_ID = {a.id: a for a in APPLICANTS}


def test_applicants_cover_every_outcome():
    covered = {a.outcome for a in APPLICANTS}
    expected = set(OUTCOMES) - {"incomplete"}
    assert expected <= covered, f"no applicant for {expected - covered}"
    assert set(MARKERS) == expected


@pytest.mark.parametrize("applicant", APPLICANTS, ids=[a.id for a in APPLICANTS])
def test_applicant_reaches_expected_outcome(visitor, applicant):
    conversation = converse(visitor, applicant.opening, applicant.facts)
    assert_outcome(conversation, applicant.outcome)


# --- after the outcome ----------------------------------------------------------------

QUALIFIER = BY_ID["15m_cardiff_third_module"]


def test_why_shows_reasons_with_sources(visitor):
    conversation = converse(visitor, QUALIFIER.opening, QUALIFIER.facts)
    assert_outcome(conversation, QUALIFIER.outcome)
    why = visitor.say_text("why")
    assert "Why:" in why, why
    reasons = why.split("Why:", 1)[1].split("Worth knowing:", 1)[0]
    bullets = [line.strip() for line in reasons.splitlines() if line.strip().startswith("- ")]
    assert len(bullets) >= 3, why
    titles = {source.title for source in KB.sources.values()}
    for bullet in bullets:
        cited = re.search(r"\(([^()]*(?:\([^()]*\))?[^()]*)\)$", bullet)
        assert cited and cited.group(1) in titles, f"reason without a known source: {bullet!r}"
    assert squash(KB.fact("entry_min_age").text) in squash(why), why
    assert "not eligible" not in why.lower()


def test_actually_17_after_outcome_reassesses_to_under_18(visitor):
    applicant = BY_ID["21m_foundation_youth_worker"]
    conversation = converse(visitor, applicant.opening, applicant.facts)
    assert_outcome(conversation, "pqip_21_month")
    reply = visitor.say_text("actually I'm 17")
    assert headline("under_18") in squash(reply), reply
    assert headline("pqip_21_month") not in squash(reply), reply


# --- mid-form behaviour -----------------------------------------------------------------


def test_faq_mid_form_is_answered_then_same_question_again(visitor):
    facts = dict(QUALIFIER.facts)
    conversation = Conversation(visitor, facts)
    conversation.pending = "check my eligibility"
    conversation.step()
    assert question_key(conversation.last_bot) == "age", conversation.show()
    conversation.step()  # sends the age
    assert question_key(conversation.last_bot) == "right_to_work", conversation.show()

    reply = bot_says(visitor, "how long is the training?")
    assert "15" in reply and "21" in reply, reply
    assert question_key(reply) == "right_to_work", f"form did not ask again:\n{reply}"

    conversation.asked["right_to_work"] -= 1  # the repeat after the FAQ is expected
    conversation.transcript += [("visitor", "how long is the training?"), ("bot", reply)]
    for _ in range(MAX_TURNS):
        conversation.step()
        if conversation.done:
            break
    assert_outcome(conversation, "pqip_15_month")


def test_restart_mid_form_starts_over(visitor):
    assert question_key(bot_says(visitor, "check my eligibility")) == "age"
    assert question_key(bot_says(visitor, "31")) == "right_to_work"
    assert question_key(bot_says(visitor, "yes")) == "nation"
    assert question_key(bot_says(visitor, "England")) == "qualification"
    reply = bot_says(visitor, "restart")
    assert question_key(reply) == "age", f"restart did not go back to the first question:\n{reply}"
    # Earlier answers are gone: the right-to-work question comes again, and a new
    # answer decides the outcome.
    assert question_key(bot_says(visitor, "40")) == "right_to_work"
    final = visitor.say_text("no")
    assert headline("no_right_to_work") in squash(final), final


VOLUNTEERING_OPENINGS = [
    pytest.param(
        "I'm 25 and I have a psychology degree. Am I eligible?", {"age", "qualification"}, id="two_sentences"
    ),
    pytest.param(
        "I want to work in Wales and I'm 30. Could I become a probation officer?",
        {"age", "nation"},
        id="wales_and_age",
    ),
    pytest.param(
        "I'm 22, I'm moving to Bristol and I have a BA in criminology. Can I apply for the PQiP?",
        {"age", "nation", "qualification"},
        id="three_facts",
    ),
    pytest.param(
        "I'm 25 and have a degree in psychology, can I apply?",
        {"age", "qualification"},
        id="question_after_comma",
    ),
    pytest.param(
        "I'm 30 with an HND, could I train as a probation officer?",
        {"age", "qualification"},
        id="hnd_question_after_comma",
    ),
]


def graduate(**changes: str) -> dict[str, str]:
    """A graduate in England with experience, as changed: the 21-month route unless changed."""
    return {
        **dict(
            age="25",
            right_to_work="yes",
            nation="England",
            qualification="BA in psychology",
            modules="none",
            experience="yes",
        ),
        **changes,
    }


FULL_FACTS = graduate()


@pytest.mark.parametrize("opening,volunteered", VOLUNTEERING_OPENINGS)
def test_facts_in_the_opening_are_not_asked_again(visitor, opening, volunteered):
    facts = {k: v for k, v in FULL_FACTS.items() if k not in volunteered}
    conversation = Conversation(visitor, facts)
    conversation.pending = opening
    conversation.step()
    assert not conversation.done, f"the opening did not start the check:\n{conversation.show()}"
    for _ in range(MAX_TURNS):
        if conversation.done:
            break
        conversation.step()  # fails if it asks about a volunteered fact
    assert conversation.done, conversation.show()
    outcome = conversation.last_bot
    assert "21 months" in outcome or "15 months" in outcome, conversation.show()


@pytest.fixture
def second_visitor(bot_url, visitor):
    return type(visitor)(bot_url)


def test_two_interleaved_visitors_keep_their_own_answers(visitor, second_visitor):
    first = Conversation(visitor, QUALIFIER.facts, pending="Could I become a probation officer?")
    second = Conversation(
        second_visitor, BY_ID["pso_route_no_qualifications"].facts, pending="check my eligibility"
    )
    assert visitor.sender != second_visitor.sender
    for _ in range(MAX_TURNS):
        for conversation in (first, second):
            if not conversation.done:
                conversation.step()
        if first.done and second.done:
            break
    assert_outcome(first, "pqip_15_month")
    assert_outcome(second, "pso_route")
    # "why" explains each visitor's own outcome, not the other's.
    first_why = visitor.say_text("why")
    second_why = second_visitor.say_text("why")
    assert headline("pqip_15_month") in squash(first_why), first_why
    assert headline("pso_route") in squash(second_why), second_why
    assert headline("pso_route") not in squash(first_why), first_why
    assert headline("pqip_15_month") not in squash(second_why), second_why


@pytest.mark.parametrize(
    "answer",
    [
        "I have a degree but nothing like that",
        "I am hoping to get some soon",
    ],
)
def test_answer_without_experience_is_not_read_as_experience(visitor, answer):
    facts = graduate(age="30", qualification="BA in history", experience=answer)
    conversation = converse(visitor, "check my eligibility", facts)
    final = conversation.last_bot
    assert "21 months" not in final and "15 months" not in final, conversation.show()


# --- issue 21c: a question about the visitor's own way in: the answer, then the check ---------


@pytest.mark.parametrize(
    "question, says, first_question",
    [
        ("Is my qualification high enough to get onto the PQiP?", "Level 5", "age"),
        ("am I too old at 52?", "upper age limit", "right_to_work"),  # 52 kept: not asked again
        ("I had a caution when I was 16, could I still train?", "automatic", "age"),
    ],
)
def test_a_question_about_the_visitors_own_way_in_is_answered_then_the_check_asks(
    visitor, question, says, first_question
):
    reply = bot_says(visitor, question)
    assert says in reply, reply
    assert question_key(reply) == first_question, reply
