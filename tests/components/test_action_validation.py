"""Action-server responses are accepted and refused exactly as Rasa's own check does.

rasa_tuning.action_validation builds Rasa's response validator once instead of
on every response; these compare it with Rasa's original method, response by
response, for valid and malformed responses.
"""
import copy

import pytest
from jsonschema import ValidationError

from rasa.core.actions.action import RemoteAction

from rasa_tuning import action_validation

RASAS = action_validation._rasas_validate_action_result

VALID = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "last_topic", "value": "pay", "timestamp": None}],
     "responses": [{"text": "Trainees are paid.", "buttons": [{"title": "More", "payload": "/more"}]}]},
    {"events": [{"event": "active_loop", "name": "eligibility_form"},
                {"event": "slot", "name": "requested_slot", "value": "age"},
                {"event": "followup", "name": "action_listen"}],
     "responses": [{"response": "utter_ask_age"}]},
]

MALFORMED = [
    [],
    "not an object",
    {"events": "not a list"},
    {"events": [{"name": "no event type"}]},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot"}]},
    {"events": [{"event": "slot", "name": 5, "value": 1}]},
    {"responses": "not a list"},
    {"responses": ["not an object"]},
    {"events": [], "responses": [{"text": "ok"}, 3]},
]


def action():
    return RemoteAction("action_answer_faq", None)


def test_ours_is_what_remote_actions_use():
    assert RemoteAction._validate_action_result is action_validation.validate_action_result


@pytest.mark.parametrize("response", VALID)
def test_valid_responses_pass_both(response):
    assert RASAS(action(), copy.deepcopy(response)) is True
    assert action()._validate_action_result(copy.deepcopy(response)) is True


@pytest.mark.parametrize("response", MALFORMED)
def test_malformed_responses_are_refused_with_the_same_error(response):
    with pytest.raises(ValidationError) as rasas:
        RASAS(action(), copy.deepcopy(response))
    with pytest.raises(ValidationError) as ours:
        action()._validate_action_result(copy.deepcopy(response))
    assert type(ours.value) is type(rasas.value)
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message
    assert list(ours.value.path) == list(rasas.value.path)
    assert list(ours.value.schema_path) == list(rasas.value.schema_path)
    assert str(ours.value) == str(rasas.value)


def test_a_subclass_with_its_own_schema_keeps_rasas_check():
    class Strict(RemoteAction):
        @staticmethod
        def action_response_format_spec():
            return {"type": "object", "required": ["events"]}

    with pytest.raises(ValidationError):
        Strict("x", None)._validate_action_result({"responses": []})
