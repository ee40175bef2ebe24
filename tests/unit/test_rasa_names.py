"""bot/rasa_names.py against the domain (domain/) and data/: every name plain Python uses is declared."""

import re
from pathlib import Path

import pytest

from bot.knowledge import load_knowledge
from bot.rasa_names import (
    FAQ_PREFIX,
    Actions,
    Entities,
    Forms,
    Intents,
    Slots,
    is_faq,
    names,
    payload,
)
from tests.domain_files import domain_yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain():
    return domain_yaml()


@pytest.fixture(scope="module")
def training_data() -> str:
    return "\n".join(p.read_text() for p in sorted((ROOT / "data").rglob("*.yml")))


def test_every_intent_is_declared_and_used_in_the_training_data(domain, training_data):
    for intent in names(Intents):
        assert intent in domain["intents"], intent
        assert re.search(rf"intent: {intent}\b", training_data), (
            f"{intent} is in no NLU example, rule or story"
        )


def test_every_action_is_declared(domain):
    # an action is a name, or a name with its settings ({name: {send_domain: true}})
    actions = {name for entry in domain["actions"] for name in ([entry] if isinstance(entry, str) else entry)}
    for action in names(Actions):
        assert action in (domain["responses"] if action.startswith("utter_") else actions), action


def test_every_form_slot_and_entity_is_declared(domain):
    assert names(Forms) <= set(domain["forms"])
    assert names(Slots) <= set(domain["slots"]), names(Slots) - set(domain["slots"])
    assert names(Entities) <= set(domain["entities"])


def test_every_topic_intent_counts_as_faq():
    topics = load_knowledge().topics.values()
    assert all(is_faq(t.intent) and t.intent.startswith(FAQ_PREFIX) for t in topics)
    assert not any(is_faq(i) for i in names(Intents)) and not is_faq(None)


def test_payloads():
    assert payload(Intents.REQUEST_HUMAN) == "/request_human"
    assert (
        payload(Intents.PRACTISE_INTERVIEW, {Entities.INTERVIEW_FOCUS: "risk"})
        == '/practise_interview{"interview_focus": "risk"}'
    )


def test_names_lists_only_the_declared_constants():
    assert names(Forms) == {"eligibility_form", "interview_form"}


def test_the_chat_widgets_greeting_payload_is_a_declared_intent(domain):
    """bot/web/chat.js cannot import bot/rasa_names.py: its one payload is checked here."""
    script = (ROOT / "bot" / "web" / "chat.js").read_text()
    payloads = re.findall(r'"/([a-z_]+)"', script)
    assert payloads == ["greet"] and "greet" in domain["intents"]
