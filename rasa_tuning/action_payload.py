"""The action server gets the recent part of the conversation, unless an action reads it all.

Rasa 3.6 sends the whole conversation (every event of the session, as JSON)
with every call to the action server. At message 150-300 of one conversation
building that payload and writing it was 40 % of the Rasa server's time, and
the action server's reading it grew from 5 to 20-45 ms a message (py-spy,
23 Nov 2026): the one cost left that grows with the conversation.

Our actions read the conversation's events in three places, all in
actions/: the helpline card (`action_show_triage`) reads every turn; the
clarifying action counts the unanswered messages straight before the current
one (it needs two); interview practice looks back to the latest visitor
message. Rasa SDK's forms look back over the slots set since the latest
action. Everything else an action reads (slots, the latest message, the
active form, the latest action) is sent apart from the events, in full.

So an action that asks the domain for everything Rasa can send it
(`send_domain: true` in domain.yml's `actions:`, Rasa's own flag for an action
that needs all of the context) gets Rasa's payload as it is; any other gets the
events from the RECENT_VISITOR_MESSAGES-th latest visitor message on (all of
them in a shorter conversation), and everything else as Rasa sends it. Which
actions read the whole conversation is said once, in the domain, beside the
action (tests/components/test_actions_payload.py runs each action with what
it is sent). tests/components/test_action_payload.py compares the payloads
with Rasa's; tests/integration/test_long_conversation_live.py runs a long
conversation through the check and the card.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

RECENT_VISITOR_MESSAGES = 10  # the clarifying action needs 2, the others 1

_rasas_call_format = RemoteAction._action_call_format


def recent_events(events: Sequence[Event]) -> list[Event]:
    """The events from the RECENT_VISITOR_MESSAGES-th latest visitor message on."""
    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            seen += 1
            if seen == RECENT_VISITOR_MESSAGES:
                return list(itertools.islice(events, index, None))
    return list(events)


class RecentPart:
    """What Rasa's `_action_call_format` reads of a tracker, with the recent events only."""

    def __init__(self, tracker: DialogueStateTracker):
        self.tracker = tracker
        self.sender_id = tracker.sender_id

    def current_state(self, event_verbosity: EventVerbosity = EventVerbosity.NONE) -> dict[str, Any]:
        state = self.tracker.current_state(EventVerbosity.NONE)  # all but the events
        state["events"] = [event.as_dict() for event in recent_events(self.tracker.events)]
        return state


def reads_whole_conversation(action_name: str, domain: Any) -> bool:
    """The domain says the action needs everything (`- action_name: {send_domain: true}`).

    Rasa counts every `validate_<form>` action as asking for the domain; those are
    Rasa SDK's form validations, which read the slots set since the latest action:
    they get the recent part."""
    needs_everything = getattr(domain, "does_custom_action_explicitly_need_domain", None)
    if needs_everything is None:
        return True  # not a domain this was written for: Rasa's payload
    return bool(needs_everything(action_name)) and not action_name.startswith("validate_")


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Any) -> dict[str, Any]:
    """RemoteAction._action_call_format, with the recent events unless the action reads them all."""
    if reads_whole_conversation(self.name(), domain):
        return _rasas_call_format(self, tracker, domain)
    return _rasas_call_format(self, RecentPart(tracker), domain)


def _written_against_this_rasa() -> bool:
    """Rasa's payload still takes the tracker's state with every event, and nothing else of it."""
    return still_contains(
        {
            _rasas_call_format: [
                "tracker_state = tracker.current_state(EventVerbosity.ALL)",
                '"sender_id": tracker.sender_id,',
                '"tracker": tracker_state,',
            ],
            DialogueStateTracker.current_state: [
                "events = self._events_for_verbosity(event_verbosity)",
                "events_as_dict = [e.as_dict() for e in events] if events is not None else None",
                '"events": events_as_dict,',
            ],
        }
    )


def apply() -> bool:
    """Send each action the recent part of the conversation (RemoteAction._action_call_format).

    False, with Rasa left alone, where its code is not the code this was written against.
    """
    if not _written_against_this_rasa():
        logger.warning("RemoteAction._action_call_format has changed; the whole conversation is sent")
        return False
    RemoteAction._action_call_format = action_call_format
    return True
