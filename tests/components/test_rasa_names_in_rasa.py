"""bot/rasa_names.py against Rasa itself: its built-in names, and our button
payloads read by Rasa's own handler for "/intent{...}" messages."""

import json
from pathlib import Path

import pytest
from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.core.constants import ACTION_DEFAULT_FALLBACK_NAME, ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.insights.feedback import feedback_prompt
from bot.interview.bank import load_bank
from bot.interview.summary import PRACTISE_AGAIN, focus_button
from bot.rasa_names import RasaBuiltIns
from bot.replies import CHECK_ELIGIBILITY, PRACTISE_INTERVIEW, TALK_TO_PERSON

ROOT = Path(__file__).resolve().parents[2]


def test_built_in_names_are_rasas():
    assert RasaBuiltIns.ACTION_LISTEN == ACTION_LISTEN_NAME
    assert RasaBuiltIns.DEFAULT_FALLBACK == ACTION_DEFAULT_FALLBACK_NAME
    assert RasaBuiltIns.REQUESTED_SLOT == REQUESTED_SLOT
    assert RasaBuiltIns.NLU_FALLBACK == DEFAULT_NLU_FALLBACK_INTENT_NAME


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain"))


def read_payload(payload: str, domain: Domain) -> Message:
    [message] = RegexMessageHandler().process([Message(data={TEXT: payload})], domain)
    return message


@pytest.mark.parametrize(
    "button",
    [
        CHECK_ELIGIBILITY,
        TALK_TO_PERSON,
        PRACTISE_INTERVIEW,
        PRACTISE_AGAIN,
        *feedback_prompt("pqip_length").buttons,
        focus_button(load_bank(), "risk"),
    ],
)
def test_every_button_payload_is_an_intent_rasa_reads(button, domain):
    message = read_payload(button.payload, domain)
    intent = button.payload[1:].split("{")[0]
    assert message.get(INTENT)["name"] == intent and message.get(INTENT)["confidence"] == 1.0
    sent = button.payload[len(intent) + 1 :]
    if sent:  # every entity the payload carries is one the domain knows, so Rasa keeps it
        assert {e["entity"] for e in message.get(ENTITIES)} == set(json.loads(sent))
