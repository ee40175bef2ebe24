"""FAQ answers and chit-chat, asked of a real bot over the REST channel.

Every topic in knowledge/topics.yml is asked once, in our own words (none of
these phrasings is a line of data/nlu/*.yml: see
test_phrasings_are_not_training_examples), and must be answered with the
topic's first fact, closed by its "Source:"/"Sources:" line. The facts are
read from knowledge/, never written here.
"""

import re
from pathlib import Path

import pytest
import yaml

from bot.insights import feedback
from bot.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parents[2]
KB = load_knowledge()

# One natural visitor question per topic id in knowledge/topics.yml.
QUESTIONS = {
    "what_is_pqip": "Can you explain what the PQiP actually is?",
    "pqip_length": "How many months does probation officer training last?",
    "short_route": "What decides whether I get the 15 month or the 21 month route?",
    "entry_requirements": "What do I need to have before I can apply for the PQiP?",
    "age_requirement": "Is there a minimum age for becoming a probation officer?",
    "level5_examples": "What sort of qualifications count as Level 5?",
    "qualification_level": "What qualification level is high enough for the PQiP?",
    "what_to_study": "What subject should I study if I want to go into probation?",
    "relevant_experience": "What kind of experience would count for my application?",
    "security_clearance": "Will a criminal record stop me getting a job in probation?",
    "failing_pqip": "Would I lose my job if I failed the PQiP?",
    "recruitment_process": "What does the PQiP selection process involve?",
    "intakes": "When does the next group of trainees start?",
    "places": "How many trainee places are available each year?",
    "contract": "Do I get paid a salary while I'm doing the PQiP?",
    "current_staff": "I already work for the probation service, can I move onto the PQiP?",
    "pso_role": "What is a probation service officer?",
    "access_routes": "Is there another way in if I haven't got a Level 5 qualification?",
    "access_costs": "How much does the access route cost and how long does it take?",
    "universities": "Which universities run the access courses?",
    "study_independently": "Can I do the Community Justice Learning courses without applying for PQiP?",
    "officer_role": "What does a probation officer do day to day?",
    "skills": "What personal qualities make a good probation officer?",
    "job_titles": "What job titles might I have in probation?",
    "progression": "Where can I go in my career after qualifying as a probation officer?",
    "specialisms": "Can probation officers specialise in a particular area?",
    "apprenticeships": "Are there any probation apprenticeships I could do?",
    "scotland_ni": "I live in Scotland, how do I become a probation officer here?",
    "staff_shortage": "Are there enough probation officers at the moment?",
    "contact": "Is there a phone number or email for probation recruitment?",
    "consultation": "Which organisations helped design the PQiP?",
    "sfj_awards": "What does SFJ Awards offer for people in probation?",
    "retired_apprenticeship": "How many months did the probation officer degree apprenticeship last?",
    "standard_duties": "What were a probation officer's duties under the apprenticeship standard?",
    "standard_knowledge": "Which methods and laws did the apprenticeship standard expect officers to know?",
}


def squash(text: str) -> str:
    return " ".join(text.split())


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", squash(text).lower()).strip()


def training_examples() -> set:
    examples = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.add(normalise(line[2:]))
    return examples


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def buttons_of(messages: list) -> list:
    return [b for m in messages for b in (m.get("buttons") or [])]


# --- every topic -------------------------------------------------------------------


def test_every_topic_has_a_question():
    assert set(QUESTIONS) == set(KB.topics), "QUESTIONS must cover exactly the topics in topics.yml"


def test_phrasings_are_not_training_examples():
    examples = training_examples()
    assert examples, "found no NLU training examples"
    copied = {tid: q for tid, q in QUESTIONS.items() if normalise(q) in examples}
    assert not copied, f"these test questions are NLU training lines: {copied}"


@pytest.mark.parametrize("topic_id", sorted(KB.topics))
def test_topic_is_answered_with_its_first_fact_and_source(visitor, topic_id):
    topic = KB.topics[topic_id]
    question = QUESTIONS[topic_id]
    messages = visitor.say(question)
    # The answer closes with its source; the "was this helpful?" buttons, if any (none
    # after "the pages don't cover this"), come after it.
    if messages and messages[-1].get("text") == feedback.PROMPT:
        messages = messages[:-1]
    reply = "\n".join(m.get("text") or "" for m in messages)
    first_fact = KB.fact(topic.facts[0]).text
    assert squash(first_fact) in squash(reply), (
        f"{question!r} (topic {topic_id}) should be answered with {first_fact!r}; got:\n{reply}"
    )
    assert re.match(r"Sources?: \S", last_line(reply)), f"no closing Source line:\n{reply}"


# --- chit-chat ---------------------------------------------------------------------


@pytest.mark.parametrize("greeting", ["Hello there", "hi", "Good morning!"])
def test_greeting_offers_buttons(visitor, greeting):
    messages = visitor.say(greeting)
    text = " ".join(m.get("text") or "" for m in messages)
    assert "probation" in text.lower(), text
    buttons = buttons_of(messages)
    assert buttons, f"greeting has no buttons: {messages}"
    assert all(b.get("title") and b.get("payload") for b in buttons), buttons


def test_what_can_you_do(visitor):
    reply = visitor.say_text("what can you do").lower()
    assert "pqip" in reply or "probation" in reply, reply
    assert "eligibility" in reply, reply


def test_are_you_a_bot(visitor):
    reply = visitor.say_text("are you a bot?").lower()
    assert re.search(r"automated|\bbot\b|not a person|assistant", reply), reply


@pytest.mark.parametrize(
    "message",
    [
        "what's the weather in Leeds?",
        "Can you recommend a good pizza place?",
        "who won the football last night?",
    ],
)
def test_out_of_scope_gets_polite_reply_about_probation(visitor, message):
    reply = visitor.say_text(message).lower()
    assert re.search(r"sorry|afraid|can only|only answer|outside", reply), reply
    assert "probation" in reply, f"{message!r} -> {reply!r}"


@pytest.mark.parametrize(
    "message",
    [
        "Can I speak to a real person please?",
        "I'd rather talk to a human",
    ],
)
def test_asking_for_a_person_gives_the_helpline(visitor, message):
    helpline = KB.fact("helpline_number").text
    number = re.search(r"\d[\d ]{8,}\d", helpline).group(0)
    reply = visitor.say_text(message)
    assert number in reply, f"{message!r} -> {reply!r}"


@pytest.mark.parametrize(
    "message",
    [
        "wibble wobble",
        "flurb glomp vrizzle",
        "asdkj qwpeoiru zxmcnv",
        "zzzz",
    ],
)
def test_gibberish_gets_did_you_mean_with_buttons(visitor, message):
    messages = visitor.say(message)
    text = " ".join(m.get("text") or "" for m in messages).lower()
    assert re.search(r"did you mean|not sure what you mean", text), f"{message!r} -> {text!r}"
    assert buttons_of(messages), f"{message!r}: no buttons in {messages}"
