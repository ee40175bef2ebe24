"""Call `action_validate_slot_mappings` only while it can change something.

Rasa 3.6 runs the global slot-mapping action after every visitor message, in
`ActionExtractSlots._execute_validation_action`: it replays the whole
conversation into a new tracker, sends it all to the action server and waits
for the answer, before a reply is even chosen. Ours is
`ValidateSlotMappings` (actions/insights.py): after "No, it didn't", it keeps
the next typed message as the feedback comment.

The domain says when it has work: a slot it fills has a custom mapping with
`while_slot_set: <slot>` (domain.yml: `feedback_comment` while
`feedback_comment_for` is set). While none of those slots is set, an action
with no `validate_` method (rasa_sdk's ValidationAction) answers with the slot
candidates Rasa sent, unchanged, which Rasa then returns: so the call is
skipped and that is returned. A domain with no such mapping is called as
Rasa calls it. tests/components/test_slot_mapping_gate.py checks that every
`extract_` method of the action is for a slot that says when, and that it has
no `validate_` method.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.actions.action import ActionExtractSlots
from rasa.shared.core.constants import ACTION_VALIDATE_SLOT_MAPPINGS
from rasa.shared.core.events import Event, SlotSet

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_execute_validation_action = ActionExtractSlots._execute_validation_action


WHILE_SLOT_SET = "while_slot_set"  # the mapping key in domain.yml


def gating_slots(domain: Any) -> set[str]:
    """The slots whose value lets the slot-mapping action fill a slot (`while_slot_set`)."""
    return {
        mapping[WHILE_SLOT_SET]
        for slot in domain.slots
        for mapping in slot.mappings
        if isinstance(mapping, dict) and isinstance(mapping.get(WHILE_SLOT_SET), str)
    }


def has_work(tracker: Any, domain: Any) -> bool:
    """Whether action_validate_slot_mappings could change anything now, as the domain says."""
    gates = gating_slots(domain)
    if not gates:
        return True  # the domain does not say: call it, as Rasa does
    return any(tracker.get_slot(name) for name in gates)


async def execute_validation_action(
    self: ActionExtractSlots,
    extraction_events: list[Event],
    output_channel: Any,
    nlg: Any,
    tracker: Any,
    domain: Any,
) -> list[Event]:
    """ActionExtractSlots._execute_validation_action, without the call while it has no work."""
    if ACTION_VALIDATE_SLOT_MAPPINGS in domain.user_actions and not has_work(tracker, domain):
        return [event for event in extraction_events if isinstance(event, SlotSet)]
    return await _rasas_execute_validation_action(
        self, extraction_events, output_channel, nlg, tracker, domain
    )


def _written_against_this_rasa() -> bool:
    """Rasa's method still returns the candidates the action leaves unchanged."""
    return still_contains(
        {
            _rasas_execute_validation_action: [
                "if ACTION_VALIDATE_SLOT_MAPPINGS not in domain.user_actions:",
                "ACTION_VALIDATE_SLOT_MAPPINGS, output_channel, nlg, _tracker, domain",
                "return validate_events + [",
                "event for event in slot_events if event.key not in validated_slot_names",
            ]
        }
    )


def apply() -> bool:
    """Skip action_validate_slot_mappings while it has no work (ActionExtractSlots._execute_validation_action).

    False, with Rasa left alone, where its code is not the code this was written against.
    """
    if not _written_against_this_rasa():
        logger.warning("ActionExtractSlots._execute_validation_action has changed; not adjusted")
        return False
    ActionExtractSlots._execute_validation_action = execute_validation_action
    return True
