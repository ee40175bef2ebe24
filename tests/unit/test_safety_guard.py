"""nlu/safety_guard.py over real Rasa messages: a visitor at risk is labelled
safety_concern whatever the classifier read; everyone else keeps their intent."""

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.safety_guard import SafetyGuard


def classified(text, intent, confidence=0.6):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}], add_to_output=True)
    return message


@pytest.mark.parametrize(
    "text, intent",
    [
        ("i dont feel safe with myself tonight and i need someone to talk to", "faq_access_routes"),
        (
            "I can't ask about the course right now, my partner has been hitting me and I'm frightened to go home",
            "faq_pso_role",
        ),
        ("I'm 31 and honestly I don't want to be here any more", "inform"),
        ("yes lots of experience, but right now i want to end my life", "affirm"),
    ],
)
def test_a_visitor_at_risk_is_labelled_whatever_the_classifier_read(text, intent):
    message = SafetyGuard().process([classified(text, intent)])[0]
    assert message.get(INTENT) == {"name": "safety_concern", "confidence": 1.0}
    # The classifier's reading stays in the ranking, second.
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["safety_concern", intent]


@pytest.mark.parametrize(
    "text, intent",
    [
        ("I volunteer on a crisis line", "inform"),
        ("do probation officers deal with suicide risk?", "faq_officer_role"),
        ("I'd like to specialise in domestic abuse", "faq_specialisms"),
        ("", "nlu_fallback"),
    ],
)
def test_everyone_else_keeps_their_intent(text, intent):
    message = SafetyGuard().process([classified(text, intent)])[0]
    assert message.get(INTENT)["name"] == intent
