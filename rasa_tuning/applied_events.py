"""Work out a tracker's applied events once per event added, not on every call.

`DialogueStateTracker.applied_events()` walks every event of the conversation
(folding reverted turns and a form's repeated turns away) and Rasa 3.6 calls it
several times per turn for the same, unchanged tracker: to check the session,
to build the states the rules compare, to find the last user message. In a
long conversation those walks were a fifth of the turn. It depends on the
tracker's events alone, so here its result is remembered on the tracker, and
each caller gets its own copy of the list, as before. When events were only
added since, and none of them is one that changes what came before (a
restart, a new session, a reverted action or message, a form's own action, a
form not seen before), Rasa's walk would append them unchanged: so are they
here. Anything else is worked out afresh by Rasa's method.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import deque
from typing import NamedTuple

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning.rasa_source import source

logger = logging.getLogger(__name__)

_rasas_applied_events = DialogueStateTracker.applied_events


# Events whose place in the walk depends on what came before them.
_RESHAPING = (Restarted, SessionStarted, ActionReverted, UserUtteranceReverted)


class _Remembered(NamedTuple):
    walked: int  # events walked
    newest: Event | None  # the last of them
    loop_names: frozenset[str]  # names of the ActiveLoop events among them
    applied: list[Event]


def _extended(memo: _Remembered, events: deque[Event]) -> list[Event] | None:
    """Rasa's walk over `events`, from the walk over their first memo.walked, or None."""
    if memo.walked > len(events) or (memo.walked and events[memo.walked - 1] is not memo.newest):
        return None
    added = list(itertools.islice(events, memo.walked, None))
    for event in added:
        if (
            isinstance(event, _RESHAPING)
            or (isinstance(event, ActiveLoop) and event.name and event.name not in memo.loop_names)
            or (isinstance(event, ActionExecuted) and event.action_name in memo.loop_names)
        ):
            return None
    return memo.applied + added


def applied_events(self: DialogueStateTracker) -> list[Event]:
    """DialogueStateTracker.applied_events, remembered and extended as events are added."""
    events = self.events
    memo: _Remembered | None = self.__dict__.get("_applied_events_memo")
    if memo is None or memo.walked != len(events) or (events and events[-1] is not memo.newest):
        if memo is not None and (extended := _extended(memo, events)) is not None:
            applied, loop_names = extended, memo.loop_names
        else:
            applied = _rasas_applied_events(self)
            loop_names = frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)
        memo = self.__dict__["_applied_events_memo"] = _Remembered(
            len(events), events[-1] if events else None, loop_names, applied
        )
    return list(memo.applied)


def _written_against_this_rasa() -> bool:
    """Rasa's applied_events (and what it calls) still read nothing but the tracker's events."""
    read_back = [
        source(_rasas_applied_events),
        source(DialogueStateTracker._first_loop_execution_or_unhappy_path),
        source(DialogueStateTracker._undo_till_previous_loop_execution),
    ]
    sources = [text for text in read_back if text is not None]
    if len(sources) < len(read_back):
        return False
    read = {name for source in sources for name in re.findall(r"self\.(\w+)", source)}
    walk = sources[0]
    return all(
        line in walk
        for line in (
            "if isinstance(event, ActiveLoop) and event.name",
            "if isinstance(event, (Restarted, SessionStarted)):",
            "elif isinstance(event, ActionReverted):",
            "elif isinstance(event, UserUtteranceReverted):",
            "and event.action_name in loop_names",
            "applied_events.append(event)",
        )
    ) and read <= {
        "events",
        "_first_loop_execution_or_unhappy_path",
        "_undo_till_previous",
        "_undo_till_previous_loop_execution",
        "_is_within_unhappy_path",
    }


def apply() -> bool:
    """Remember a tracker's applied events (DialogueStateTracker.applied_events).

    False, with Rasa left alone, where its code is not the code this was written against.
    """
    if not _written_against_this_rasa():
        logger.warning("DialogueStateTracker.applied_events has changed; not adjusted")
        return False
    DialogueStateTracker.applied_events = applied_events
    return True
