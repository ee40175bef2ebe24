"""A tracker's applied events, remembered, are always what Rasa works out afresh.

Every test story (tests/stories) run one after another in one tracker, with
reverted turns, a restart and a new session mixed in: after each event the
remembered list is compared with Rasa's own method.
"""

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning import applied_events


def test_remembered_applied_events_are_rasas_after_every_event(domain, long_conversation):
    events = long_conversation
    undo = [
        UserUtteranceReverted(),
        ActionReverted(),
        Restarted(),
        SessionStarted(),
        UserUttered("again", {"name": "greet", "confidence": 1.0}),
        SlotSet("last_topic", "pay"),
    ]
    tracker = DialogueStateTracker("applied", domain.slots)
    for n, event in enumerate(events):
        tracker.update(event)
        if n % 97 == 0:  # now and then a reverted turn, a restart, a new session
            tracker.update(undo[(n // 97) % len(undo)])
        ours = tracker.applied_events()
        assert ours == applied_events._rasas_applied_events(tracker), n
        ours.clear()  # each caller gets its own list
        assert tracker.applied_events() == applied_events._rasas_applied_events(tracker)
    assert any(isinstance(e, ActionExecuted) for e in tracker.applied_events())


def test_rasa_is_the_code_this_was_written_for():
    assert applied_events._written_against_this_rasa()
    assert DialogueStateTracker.applied_events is applied_events.applied_events
