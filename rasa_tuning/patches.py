"""The patches to Rasa 3.6 that have no extension point, applied in one place.

Each module's `apply()` replaces one Rasa method with one that does the same
work quicker (its docstring says what and why, with the profile that showed
it), after checking that Rasa's code is still the code it was written
against; it returns False, leaving Rasa alone, otherwise. Only
`apply_all()` calls them, and only `scripts/rasa` (rasa_tuning/__main__.py)
and the tests that compare with Rasa call it.
"""

from __future__ import annotations

from collections.abc import Callable

from rasa_tuning import (
    action_payload,
    action_validation,
    applied_events,
    event_types,
    graph_runner,
    slot_copy,
    slot_mapping_gate,
    tracker_copy,
)

PATCHES: dict[str, Callable[[], bool]] = {
    "graph_runner": graph_runner.apply,  # DaskGraphRunner.run: the graph without dask's scheduler
    "action_validation": action_validation.apply,  # RemoteAction._validate_action_result
    "action_payload": action_payload.apply,  # RemoteAction._action_call_format: the recent events
    "tracker_copy": tracker_copy.apply,  # DialogueStateTracker.copy: the state, not a replay
    "applied_events": applied_events.apply,  # DialogueStateTracker.applied_events, remembered
    "slot_copy": slot_copy.apply,  # Slot.__copy__
    "event_types": event_types.apply,  # Event.resolve_by_type, remembered
    "slot_mapping_gate": slot_mapping_gate.apply,  # ActionExtractSlots._execute_validation_action
}

_applied: dict[str, bool] = {}


def apply_all() -> dict[str, bool]:
    """Apply every patch once per process; which are active (True) and which left Rasa alone."""
    for name, apply in PATCHES.items():
        if name not in _applied:
            _applied[name] = apply()
    return dict(_applied)
