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
    {
        "events": [{"event": "slot", "name": "last_topic", "value": "pay", "timestamp": None}],
        "responses": [{"text": "Trainees are paid.", "buttons": [{"title": "More", "payload": "/more"}]}],
    },
    {
        "events": [
            {"event": "active_loop", "name": "eligibility_form"},
            {"event": "slot", "name": "requested_slot", "value": "age"},
            {"event": "followup", "name": "action_listen"},
        ],
        "responses": [{"response": "utter_ask_age"}],
    },
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


def rasa_events():
    """One event of every kind an action can return, as Rasa writes them."""
    from rasa.shared.core import events as e

    return [
        e.UserUttered("hi", {"name": "greet", "confidence": 1.0}),
        e.ActionExecuted("utter_greet"),
        e.SlotSet("last_topic", "pay"),
        e.EntitiesAdded([{"entity": "x", "value": "y"}]),
        e.ReminderScheduled("greet", __import__("datetime").datetime(2026, 11, 23)),
        e.ReminderCancelled(name="r"),
        e.ActionExecutionRejected("action_x"),
        e.LoopInterrupted(True),
        e.ActiveLoop("eligibility_form"),
        e.AllSlotsReset(),
        e.ConversationResumed(),
        e.ConversationPaused(),
        e.FollowupAction("action_listen"),
        e.Restarted(),
        e.UserUtteranceReverted(),
        e.ActionReverted(),
        e.BotUttered("hello", {"buttons": [{"title": "A", "payload": "/a"}]}),
        e.SessionStarted(),
        e.AgentUttered("x"),
        e.StoryExported("stories.yml"),
    ]


def test_the_quick_check_is_in_use_and_passes_every_kind_of_valid_event():
    quick = action_validation._QUICK
    assert quick is not None
    for event in rasa_events():
        response = {"events": [event.as_dict()], "responses": []}
        assert action_validation._VALIDATOR.is_valid(response), event
        assert quick.passes(response), event
    for response in VALID:
        assert quick.passes(response)


@pytest.mark.parametrize(
    "response",
    MALFORMED
    + [
        {"events": [{"event": "slot", "name": "x", "value": 1}, {"event": ["slot"]}]},
        {"events": [{"event": "user", "text": "hi", "parse_data": "not an object"}]},
        {"events": [{"event": "slot", "name": "x"}]},
        {"events": [{"event": "action", "name": "utter_greet"}, {"event": "entities"}]},
    ],
)
def test_the_quick_check_never_passes_what_the_full_check_refuses(response):
    assert not action_validation._VALIDATOR.is_valid(response)
    assert not action_validation._QUICK.passes(response)
