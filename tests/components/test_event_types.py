"""Events are turned back into the same classes with the remembered lookup."""

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered, deserialise_events
from rasa.shared.utils.common import all_subclasses

from rasa_tuning import event_types


def test_every_event_type_resolves_to_rasas_class_twice():
    for cls in all_subclasses(Event):
        expected = event_types._rasas_resolve_by_type(cls.type_name)
        assert Event.resolve_by_type(cls.type_name) is expected
        assert Event.resolve_by_type(cls.type_name) is expected  # remembered


def test_unknown_names_still_fail_or_default_as_in_rasa():
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None
    assert "no_such_event" not in event_types._found


def test_stored_events_come_back_as_the_same_events():
    events = [
        UserUttered("hi", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("action_listen"),
        SlotSet("last_topic", "pay"),
    ]
    assert deserialise_events([e.as_dict() for e in events]) == events


def test_rasa_is_the_code_this_was_written_for():
    assert event_types._written_against_this_rasa()
    assert Event.resolve_by_type is event_types.resolve_by_type
