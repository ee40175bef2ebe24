"""A tracker copied without replaying is Rasa's replayed copy, attribute by attribute.

Every test story (tests/stories: forms, rejected and interrupted forms, slots)
run one after another in one tracker, with reverted turns, restarts, new
sessions, a paused conversation and a follow-up action mixed in: after every
event the copy is compared with Rasa's own copy (a full replay).
"""

import copy

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    FollowupAction,
    LoopInterrupted,
    Restarted,
    SessionStarted,
    SlotSet,
    StoryExported,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning import tracker_copy


@pytest.fixture(scope="module")
def stories(domain, long_conversation):
    return domain, long_conversation


RASAS_COPY = tracker_copy._rasas_copy


def rasas_copy(tracker):
    return RASAS_COPY(tracker)


def assert_same_copy(ours, rasas, original):
    assert type(ours) is type(rasas)
    state = lambda t: {k for k in vars(t) if not k.endswith("_memo")}  # noqa: E731 (rasa_tuning's remembered results)
    assert state(ours) == state(rasas)
    assert list(ours.events) == list(rasas.events)
    assert all(a is b for a, b in zip(ours.events, rasas.events, strict=True))
    assert ours.events is not original.events and ours.events.maxlen == rasas.events.maxlen
    assert ours.slots.keys() == rasas.slots.keys()
    for name, slot in ours.slots.items():
        assert type(slot) is type(rasas.slots[name]) and vars(slot) == vars(rasas.slots[name]), name
        assert slot is not original.slots[name]
    for name in (
        "sender_id",
        "sender_source",
        "is_rule_tracker",
        "_paused",
        "followup_action",
        "latest_action",
        "model_id",
        "assistant_id",
        "_max_event_history",
    ):
        assert getattr(ours, name) == getattr(rasas, name), name
    assert ours.latest_action is not original.latest_action
    assert ours.active_loop == rasas.active_loop
    assert ours.active_loop is None or ours.active_loop is not original.active_loop
    for name in ("latest_message", "latest_bot_utterance"):
        mine, theirs = getattr(ours, name), getattr(rasas, name)
        assert mine == theirs and type(mine) is type(theirs), name
        from_events = any(theirs is e for e in rasas.events)  # the replay set it to an event
        assert (mine is theirs) if from_events else (mine is not getattr(original, name)), name
    assert ours.current_state() == rasas.current_state()
    assert ours.applied_events() == rasas.applied_events()


def test_every_copy_is_rasas_copy(stories):
    domain, events = stories
    mixed_in = [
        UserUtteranceReverted(),
        ActionReverted(),
        Restarted(),
        SessionStarted(),
        ConversationPaused(),
        ConversationResumed(),
        FollowupAction("utter_greet"),
        AllSlotsReset(),
        UserUttered("again", {"name": "greet", "confidence": 1.0}),
        SlotSet("last_topic", "pay"),
        BotUttered("hello"),
        ActionExecutionRejected("eligibility_form"),
        LoopInterrupted(True),
    ]
    tracker = DialogueStateTracker("copy", domain.slots)
    tracker.model_id = "a model"  # as the processor sets them: stamped on events, not copied
    tracker.assistant_id = "an assistant"
    loops = 0
    for n, event in enumerate(events):
        tracker.update(event)
        if n % 61 == 0:
            tracker.update(mixed_in[(n // 61) % len(mixed_in)])
        loops += tracker.active_loop is not None
        ours, rasas = tracker.copy(), rasas_copy(tracker)
        assert_same_copy(ours, rasas, tracker)
    assert loops > 20  # the forms were active for a good part of it


def test_the_copy_is_independent_of_the_original(stories):
    domain, events = stories
    tracker = DialogueStateTracker.from_events("copy", events[:300], domain.slots)
    loop_events = [e for e in events if getattr(e, "name", None) == "eligibility_form"]
    tracker.update(loop_events[0])
    before = rasas_copy(tracker)
    copied = tracker.copy()
    copied.update(SlotSet("last_topic", "changed"))
    copied.update(ActionExecuted("eligibility_form"))
    copied.active_loop.rejected = True
    copied.latest_action["action_name"] = "edited"
    assert_same_copy(tracker.copy(), before, tracker)
    assert len(tracker.events) == len(before.events)


def test_what_a_replay_would_do_differently_gets_rasas_copy(stories, tmp_path, monkeypatch):
    domain, events = stories
    replayed = []
    monkeypatch.setattr(tracker_copy, "_rasas_copy", lambda t: replayed.append(t) or rasas_copy(t))

    capped = DialogueStateTracker.from_events("copy", events[:50], domain.slots, max_event_history=20)
    late = DialogueStateTracker.from_events("copy", copy.deepcopy(events[:50]), domain.slots)
    late.events[10].timestamp = float("nan")  # Rasa's replay stops at it
    exported = DialogueStateTracker.from_events("copy", events[:50], domain.slots)
    exported.copy()  # its events checked once; the one added next is checked when copied
    monkeypatch.chdir(tmp_path)
    exported.update(StoryExported("story.yml"))  # writes the stories; Rasa's replay writes them again
    (tmp_path / "story.yml").unlink()
    by_hand = DialogueStateTracker.from_events("copy", events[:50], domain.slots)
    by_hand.latest_message = UserUttered("set by hand, not by an event")
    for tracker in (capped, late, exported, by_hand):
        replayed.clear()
        assert tracker.copy().current_state() == rasas_copy(tracker).current_state()
        assert replayed == [tracker]
    assert len(late.copy().events) == 10
    assert (tmp_path / "story.yml").exists()
    plain = DialogueStateTracker.from_events("copy", events[:50], domain.slots)
    replayed.clear()
    plain.copy()
    assert replayed == []  # and the test above compares those copies with Rasa's


def test_rasa_is_the_code_this_was_written_for():
    assert tracker_copy._written_against_this_rasa()
    assert DialogueStateTracker.copy is tracker_copy.copy_tracker
