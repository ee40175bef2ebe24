"""Copy a tracker by copying its state, not by replaying every event into a new one.

Before running each action, Rasa 3.6's processor takes `tracker.copy()` (so
that a rejected action's events can be dropped), and a form takes one too.
`copy()` is `travel_back_in_time(inf)`: a new tracker with every event of the
conversation applied again, one by one. At message 200 of one conversation that
replay was a tenth of a turn, and it grows with every message.

A tracker's state is what its events made of it (Rasa's rule: it "MUST be
re-creatable by processing all the events"), and applying an event changes the
tracker, not the event. So here the copy is Rasa's own empty copy
(`init_copy`) given the same events (a new deque of the same event objects) and
the state the replay would have produced: the slots copied as `init_copy`
copies them (with their values), the active loop copied (Rasa changes it in
place), the latest action as a new dict, the latest user and bot messages as
the same event objects (the replay sets them to those events; an empty one is a
new empty one), paused and the follow-up action. Rasa's own copy runs whenever
that might not hold: a tracker subclass, slots made up on demand
(`AnySlotDict`), a capped event history (a replay of a capped history forgets
what the dropped events did), an event whose timestamp would stop the replay
early (each event is checked once, when first copied: Rasa never changes an
event's timestamp once it is on a tracker), an event type not Rasa's own or one that does more than change the
tracker (`StoryExported` writes a file), or latest messages that are not
events of the tracker. tests/components/test_tracker_copy.py compares the two
copies after every event of every test story.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import itertools
import logging

from rasa.shared.core import events as rasa_events
from rasa.shared.core.events import BotUttered, Event, StoryExported, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_copy = DialogueStateTracker.copy
_INFINITY = float("inf")

# Rasa's own event classes, whose `apply_to` changes nothing but the tracker it is given.
_STATE_ONLY_EVENTS = frozenset(
    cls
    for cls in vars(rasa_events).values()
    if inspect.isclass(cls) and issubclass(cls, Event) and cls.__module__ == rasa_events.__name__
) - {StoryExported}


def _replayable(tracker: DialogueStateTracker) -> bool:
    """Rasa's replay would apply every event, and each only changes the tracker.

    Checked once per event: the events checked are remembered on the tracker (how many,
    and the last of them), and only events added since are checked next time."""
    events = tracker.events
    checked, last = tracker.__dict__.get("_replayable_memo", (0, None))
    if checked > len(events) or (checked and events[checked - 1] is not last):
        checked = 0
    try:
        if not all(
            type(e) in _STATE_ONLY_EVENTS and e.timestamp <= _INFINITY
            for e in itertools.islice(events, checked, None)
        ):
            return False
    except TypeError:  # a timestamp that is not a number: Rasa's own copy fails as it fails
        return False
    if events:
        tracker.__dict__["_replayable_memo"] = (len(events), events[-1])
    return True


def _latest_messages(tracker: DialogueStateTracker) -> tuple[UserUttered, BotUttered] | None:
    """The latest user and bot messages a replay would leave: the same event objects,
    or new empty ones where the tracker holds empty ones; None if neither fits."""
    user, bot = tracker.latest_message, tracker.latest_bot_utterance
    user_found, bot_found = False, False
    for event in reversed(tracker.events):
        user_found = user_found or event is user
        bot_found = bot_found or event is bot
        if user_found and bot_found:
            break
    if not user_found:
        if type(user) is not UserUttered or user != UserUttered.empty():
            return None
        user = UserUttered.empty()
    if not bot_found:
        if type(bot) is not BotUttered or bot != BotUttered.empty():
            return None
        bot = BotUttered.empty()
    return user, bot


def copy_tracker(self: DialogueStateTracker) -> DialogueStateTracker:
    """DialogueStateTracker.copy, without replaying the events where the state can be copied."""
    if (
        type(self) is not DialogueStateTracker
        or type(self.slots) is not dict
        or self._max_event_history is not None
        or not _replayable(self)
    ):
        return _rasas_copy(self)
    latest = _latest_messages(self)
    if latest is None:
        return _rasas_copy(self)
    copied = self.init_copy()  # as Rasa's copy starts: same sender, slots, history cap, rule flag
    copied.events.extend(self.events)
    copied.slots = {name: copy.copy(slot) for name, slot in self.slots.items()}  # init_copy's copy, unreset
    copied._paused = self._paused
    copied.followup_action = self.followup_action
    copied.latest_action = dict(self.latest_action) if self.latest_action is not None else None
    copied.latest_message, copied.latest_bot_utterance = latest
    copied.active_loop = dataclasses.replace(self.active_loop) if self.active_loop is not None else None
    return copied


def _written_against_this_rasa() -> bool:
    """Rasa's copy is still a full replay into init_copy, and the state it rebuilds is the state copied here."""
    return still_contains(
        {
            _rasas_copy: ['return self.travel_back_in_time(float("inf"))'],
            DialogueStateTracker.travel_back_in_time: [
                "tracker = self.init_copy()",
                "for event in self.events:",
                "if event.timestamp <= target_time:",
                "tracker.update(event)",
            ],
            DialogueStateTracker.init_copy: [
                "self.slots.values(),",
                "self._max_event_history,",
                "is_rule_tracker=self.is_rule_tracker,",
            ],
            DialogueStateTracker.__init__: [
                "self.slots = {slot.name: copy.copy(slot) for slot in slots}",
                "self._paused = False",
                "self.followup_action: Optional[Text] = ACTION_LISTEN_NAME",
                "self.latest_action: Optional[Dict[Text, Text]] = None",
                "self.latest_message: Optional[UserUttered] = None",
                "self.latest_bot_utterance: Optional[BotUttered] = None",
                "self.active_loop: Optional[TrackerActiveLoop] = None",
                "self.model_id: Optional[Text] = None",
                "self.assistant_id: Optional[Text] = None",
            ],
            DialogueStateTracker._reset: [
                "self.latest_message = UserUttered.empty()",
                "self.latest_bot_utterance = BotUttered.empty()",
            ],
            DialogueStateTracker.update: ["self.events.append(event)", "event.apply_to(self)"],
        }
    )


def apply() -> bool:
    """Copy a tracker's state instead of replaying it (DialogueStateTracker.copy).

    False, with Rasa left alone, where its code is not the code this was written against.
    """
    if not _written_against_this_rasa():
        logger.warning("DialogueStateTracker.copy has changed; not adjusted")
        return False
    DialogueStateTracker.copy = copy_tracker
    return True
