"""Work out a tracker's applied events once per event added, not on every call.

`DialogueStateTracker.applied_events()` walks every event of the conversation
(folding reverted turns and a form's repeated turns away) and Rasa 3.6 calls it
several times per turn for the same, unchanged tracker: to check the session,
to build the states the rules compare, to find the last user message. In a
long conversation those walks were a fifth of the turn. It depends on the
tracker's events alone, so here its result is remembered on the tracker until
the events change (their number, or the newest one), and each caller gets its
own copy of the list, as before.
"""
from __future__ import annotations

import inspect
import logging
import re
from typing import List

from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

_rasas_applied_events = DialogueStateTracker.applied_events


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """DialogueStateTracker.applied_events, remembered until an event is added."""
    events = self.events
    count, newest = len(events), (events[-1] if events else None)
    memo = self.__dict__.get("_applied_events_memo")
    if memo is None or memo[0] != count or memo[1] is not newest:
        memo = self.__dict__["_applied_events_memo"] = (count, newest, _rasas_applied_events(self))
    return list(memo[2])


def _written_against_this_rasa() -> bool:
    """Rasa's applied_events (and what it calls) still read nothing but the tracker's events."""
    try:
        sources = [inspect.getsource(_rasas_applied_events),
                   inspect.getsource(DialogueStateTracker._first_loop_execution_or_unhappy_path),
                   inspect.getsource(DialogueStateTracker._undo_till_previous_loop_execution)]
    except (OSError, TypeError):
        return False
    read = {name for source in sources for name in re.findall(r"self\.(\w+)", source)}
    return "for event in self.events:" in sources[0] and read <= {
        "events", "_first_loop_execution_or_unhappy_path", "_undo_till_previous",
        "_undo_till_previous_loop_execution", "_is_within_unhappy_path"}


if _written_against_this_rasa():
    DialogueStateTracker.applied_events = applied_events
else:  # a different Rasa: keep its own method rather than guess
    logger.warning("DialogueStateTracker.applied_events has changed; not adjusted")
