"""The action server gets the same JSON values, written by ujson where it can."""

import asyncio
import json

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig

from channels.failure_guard import GuardedActionEndpoint, json_dumps
from tests.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain"))


def test_a_real_action_call_reads_back_the_same():
    tracker = DialogueStateTracker.from_events(
        "json-test",
        [
            ActionExecuted("action_listen"),
            UserUttered(
                'Je suis née à Cardiff — can I apply? \u2603 </script> "quoted"',
                {"name": "check_eligibility", "confidence": 0.8123456789012345},
                [{"entity": "NATION", "value": "Wales", "start": 1, "end": 2}],
            ),
            ActiveLoop("eligibility_form"),
            SlotSet("age", 31.5),
            SlotSet("nation", None),
            SlotSet("reference_code", "PC-M2HKS"),
            BotUttered("How old are you?", {"buttons": []}),
        ],
        slots=DOMAIN.slots,
    )
    payload = {
        "next_action": "eligibility_form",
        "sender_id": "json-test",
        "tracker": tracker.current_state(EventVerbosity.ALL),
        "domain": DOMAIN.as_dict(),
    }
    assert json.loads(json_dumps(payload)) == json.loads(json.dumps(payload))


def test_odd_values_read_back_as_before():
    for value in ({"x": float("nan")}, {"x": 2**80}, {"x": float("-inf")}, {"x": (1, "a")}, {3: "int key"}):
        assert repr(json.loads(json_dumps(value))) == repr(json.loads(json.dumps(value)))


def test_the_guarded_endpoint_writes_with_it():
    async def serializer():
        async with GuardedActionEndpoint(EndpointConfig("http://127.0.0.1:1/webhook")).session() as session:
            return session._json_serialize

    assert asyncio.new_event_loop().run_until_complete(serializer()) is json_dumps
