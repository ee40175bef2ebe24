"""Call `action_validate_slot_mappings` only while it can change something.

Rasa 3.6 runs the global slot-mapping action after every visitor message, in
`ActionExtractSlots._execute_validation_action`: it replays the whole
conversation into a new tracker, sends it all to the action server and waits
for the answer, before a reply is even chosen. Ours is
`ValidateSlotMappings` (actions/insights.py): after "No, it didn't", it keeps
the next typed message as the feedback comment. It does something only while
the slot `feedback_comment_for` is set (bot/insights/feedback.py, the name in
bot/rasa_names.py); otherwise
its `extract_feedback_comment` returns nothing, it has no `validate_` method,
and so (rasa_sdk's ValidationAction) it answers with the slot candidates Rasa
sent, unchanged, which Rasa then returns.

So while that slot is empty the call is skipped and Rasa's own result for
that answer is returned: the extracted slot candidates. While it is set, Rasa
calls the action as before. tests/components/test_slot_mapping_gate.py checks
the action still has only that one method; a new extract_ or validate_ method
there must come with a new condition here.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.actions.action import ActionExtractSlots
from rasa.shared.core.constants import ACTION_VALIDATE_SLOT_MAPPINGS
from rasa.shared.core.events import Event, SlotSet

from bot.rasa_names import Slots
from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_execute_validation_action = ActionExtractSlots._execute_validation_action


def has_work(tracker: Any, domain: Any) -> bool:
    """Whether our action_validate_slot_mappings could change anything now."""
    if Slots.FEEDBACK_COMMENT_FOR not in {slot.name for slot in domain.slots}:
        return True  # another domain: not the action this was written for
    return bool(tracker.get_slot(Slots.FEEDBACK_COMMENT_FOR))


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
