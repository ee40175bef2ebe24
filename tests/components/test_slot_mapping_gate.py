"""action_validate_slot_mappings is called only while it can change something, and
Rasa's slot extraction ends the same either way.

Rasa's ActionExtractSlots runs with the project's domain against our real actions
(rasa_sdk's ActionExecutor with the `actions` package), called in process instead
of over HTTP; each answer is compared with what Rasa's own, ungated method gives.
"""

import asyncio

import pytest
from rasa.core.actions.action import ActionExtractSlots
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor

from actions.insights import ValidateSlotMappings
from bot.insights import feedback
from bot.rasa_names import Slots
from rasa_tuning import slot_mapping_gate
from tests.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain"))
LOOP = asyncio.new_event_loop()


class InProcessActionServer(EndpointConfig):
    """The real action server's code (our `actions` package), without the HTTP hop."""

    def __init__(self):
        super().__init__("http://in-process/webhook")
        self.executor = ActionExecutor()
        self.executor.register_package("actions")
        self.calls = []

    async def request(
        self, method="post", subpath=None, content_type="application/json", compress=False, **kwargs
    ):
        self.calls.append(kwargs["json"]["next_action"])
        return await self.executor.run(kwargs["json"])


def tracker_with(text, intent="faq_pqip_length", **slots):
    events = [ActionExecuted("action_listen")]
    events += [SlotSet(name, value) for name, value in slots.items()]
    events += [
        ActionExecuted("action_answer_faq"),
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": intent, "confidence": 0.9}),
    ]
    return DialogueStateTracker.from_events("gate-test", events, slots=DOMAIN.slots)


def extract(tracker, gated=True):
    server = InProcessActionServer()
    action = ActionExtractSlots(server)
    original = slot_mapping_gate._rasas_execute_validation_action
    with pytest.MonkeyPatch.context() as patch:
        if not gated:
            patch.setattr(ActionExtractSlots, "_execute_validation_action", original)
        events = LOOP.run_until_complete(
            action.run(
                CollectingOutputChannel(),
                TemplatedNaturalLanguageGenerator(DOMAIN.responses),
                tracker,
                DOMAIN,
            )
        )
    return [
        (type(e).__name__, getattr(e, "key", None), getattr(e, "value", getattr(e, "text", None)))
        for e in events
    ], server.calls


def test_no_comment_awaited_no_call_and_the_same_slots():
    for text in ("how long is the PQiP?", "I'm 25 and live in Wales", "thanks"):
        gated, calls = extract(tracker_with(text))
        assert calls == []
        ungated, ungated_calls = extract(tracker_with(text), gated=False)
        assert ungated_calls == ["action_validate_slot_mappings"]
        assert gated == ungated


def test_a_comment_awaited_is_still_taken_by_the_action():
    tracker = tracker_with(
        "I wanted to know the salary", intent="faq_pqip_length", **{Slots.FEEDBACK_COMMENT_FOR: "pqip_length"}
    )
    gated, calls = extract(tracker)
    assert calls == ["action_validate_slot_mappings"]
    assert gated == extract(tracker, gated=False)[0]
    comment = [value for kind, key, value in gated if key == Slots.FEEDBACK_COMMENT]
    assert comment and comment[0]["text"] == "I wanted to know the salary"
    assert ("BotUttered", None, feedback.THANKS_COMMENT) in gated


def test_the_action_does_only_what_the_domain_says_it_does():
    """Every slot the action extracts says in domain.yml when it can be filled
    (`while_slot_set`, naming a slot of the domain), and the action validates nothing."""
    own = {name for name in vars(ValidateSlotMappings) if name.startswith(("extract_", "validate_"))}
    assert own and all(name.startswith("extract_") for name in own), own
    mappings = {slot.name: slot.mappings for slot in DOMAIN.slots}
    for method in own:
        slot = method.removeprefix("extract_")
        gates = [m.get(slot_mapping_gate.WHILE_SLOT_SET) for m in mappings[slot]]
        assert all(gate in mappings for gate in gates) and gates, (slot, gates)
    assert slot_mapping_gate.gating_slots(DOMAIN) == {Slots.FEEDBACK_COMMENT_FOR}


def test_a_domain_that_does_not_say_is_called_as_rasa_calls_it():
    plain = Domain.from_dict({"slots": {"x": {"type": "any", "mappings": [{"type": "custom"}]}}})
    assert slot_mapping_gate.has_work(tracker_with("hi"), plain)


def test_rasa_is_the_code_this_was_written_for():
    assert slot_mapping_gate._written_against_this_rasa()  # (and applied: tests/components/conftest.py)
    assert ActionExtractSlots._execute_validation_action is slot_mapping_gate.execute_validation_action
