"""Keep each conversation's tracker in memory between turns, instead of replaying it.

Rasa 3.6's SQL tracker store rebuilds the tracker on every turn: it reads every
event of the conversation's current session, decodes each one and replays it
into a new DialogueStateTracker. At message 250 of one conversation that was
60 % of a turn, and it grows with every message.

Here the tracker a turn saved is kept, and the next turn gets that same object
back, but only after one small query shows the store still holds exactly what
it holds: the number of events in the conversation's current session (Rasa's
own session query), the highest event id and the latest event timestamp. So
when anything else changed the conversation (another Rasa server sharing the
store took a message, `make purge` deleted it, a new session was started,
events were aged or replaced), the tracker is read and replayed from the store
as before. What a turn gets is always what the store holds:

- a kept tracker is handed out once (taken out of the cache); a turn that is
  abandoned unsaved (channels/failure_guard.py) leaves nothing behind, and a
  second reader of the same conversation meanwhile reads the store;
- after a save, the tracker is kept only if it was handed out by this store
  (read from it, or created empty because it held nothing) and the store's
  count for the session equals the tracker's events: the stored rows are the
  tracker's events, as Rasa's own save assumes (it writes the events beyond
  the stored count). Any other save drops what was kept;
- a kept tracker whose events changed since it was kept is not used.

Two Rasa servers on one store (the scale-out profile) take turns of one
conversation only under the lock store's lock, so the count and newest id
show any turn the other server took. Saving an empty tracker (Rasa saves a new
conversation's tracker before it holds an event) writes nothing, so it is
skipped. Not cached (Rasa's own code runs): a store with an event broker
(its save reads the tracker back), `retrieve_full_tracker`, other stores.
At most MAX_KEPT_EVENTS events are kept in all, least recently used first out;
a new domain (another model loaded) empties the cache.
"""

from __future__ import annotations

import collections
import json
import logging
import weakref
from typing import Any, NamedTuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

MAX_KEPT_EVENTS = 200_000  # about 1 KB each: a few hundred MB at most, usually far less

_rasas_retrieve = SQLTrackerStore.retrieve
_rasas_save = SQLTrackerStore.save


class StoredKey(NamedTuple):
    """What the store holds for a conversation's current session, in brief."""

    events: int
    last_id: int | None
    last_timestamp: float | None


class Kept(NamedTuple):
    tracker: DialogueStateTracker
    key: StoredKey
    last_event: Event

    def unchanged(self) -> bool:
        """Nothing was added to the tracker since it was kept."""
        events = self.tracker.events
        return len(events) == self.key.events and events[-1] is self.last_event


class TrackerCache:
    """One store's kept trackers (by sender id) and the trackers it handed out."""

    def __init__(self, domain: Any):
        self.domain = domain
        self.kept: collections.OrderedDict[str, Kept] = collections.OrderedDict()
        self.events = 0
        self.lent: dict[str, weakref.ref[DialogueStateTracker]] = {}

    def take(self, sender_id: str) -> Kept | None:
        kept = self.kept.pop(sender_id, None)
        if kept is not None:
            self.events -= kept.key.events
        return kept

    def keep(self, sender_id: str, kept: Kept) -> None:
        self.take(sender_id)
        self.kept[sender_id] = kept
        self.events += kept.key.events
        while self.events > MAX_KEPT_EVENTS and self.kept:
            self.take(next(iter(self.kept)))

    def lend(self, sender_id: str, tracker: DialogueStateTracker) -> None:
        if len(self.lent) > 10_000:  # handed out but never saved (read only): forget them
            self.lent = {s: r for s, r in self.lent.items() if r() is not None}
        self.lent[sender_id] = weakref.ref(tracker)

    def was_lent(self, sender_id: str, tracker: DialogueStateTracker) -> bool:
        ref = self.lent.pop(sender_id, None)
        return ref is not None and ref() is tracker


def cache_of(store: SQLTrackerStore) -> TrackerCache | None:
    """The store's cache; None where Rasa's own code must run."""
    if store.event_broker is not None or not store.domain:
        return None
    cache = store.__dict__.get("_kept_trackers")
    if cache is None or cache.domain is not store.domain:
        cache = store.__dict__["_kept_trackers"] = TrackerCache(store.domain)
    return cache


def stored_key(store: SQLTrackerStore, session: Any, sender_id: str) -> StoredKey:
    """Count, newest id and latest timestamp of the session's events (Rasa's session query)."""
    statement = store.__dict__.get("_stored_key_statement")
    if statement is None:  # Rasa's query for any sender, built once: building it costs more than running it
        event = store.SQLEvent
        statement = store.__dict__["_stored_key_statement"] = (
            store._event_query(session, sa.bindparam("sender_id"), fetch_events_from_all_sessions=False)
            .order_by(None)
            .with_entities(sa.func.count(event.id), sa.func.max(event.id), sa.func.max(event.timestamp))
            .statement
        )
    count, last_id, last_timestamp = session.execute(statement, {"sender_id": sender_id}).one()
    return StoredKey(int(count), last_id, last_timestamp)


def starts_its_session(tracker: DialogueStateTracker) -> bool:
    """No session starts after its first event. Rasa reads a conversation from its latest
    session_started on; a tracker with events before that (the first turn of a new
    session has the action_session_start logged before it) is never what it reads."""
    events = tracker.events
    for index in range(len(events) - 1, 0, -1):
        if isinstance(events[index], SessionStarted):
            return False
    return True


async def retrieve(self: SQLTrackerStore, sender_id: str) -> DialogueStateTracker | None:
    """SQLTrackerStore.retrieve: the kept tracker while the store still matches it."""
    cache = cache_of(self)
    if cache is None:
        return await _rasas_retrieve(self, sender_id)
    kept = cache.take(sender_id)
    with self.session_scope() as session:
        if kept is not None and kept.unchanged() and stored_key(self, session, sender_id) == kept.key:
            cache.lend(sender_id, kept.tracker)
            return kept.tracker
        # As Rasa's SQLTrackerStore._retrieve (fetch_events_from_all_sessions=False).
        rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
        events = [json.loads(row.data) for row in rows]
    if not events:
        return None
    tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    cache.lend(sender_id, tracker)
    return tracker


async def save(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """SQLTrackerStore.save, then keep the tracker if the store holds exactly its events."""
    cache = cache_of(self)
    if cache is None:
        return await _rasas_save(self, tracker)
    sender_id = tracker.sender_id
    if not tracker.events:  # Rasa would count the stored events and commit nothing
        cache.lend(sender_id, tracker)  # a new conversation's tracker (create_tracker)
        return
    kept = cache.take(sender_id)
    ours = cache.was_lent(sender_id, tracker) or (kept is not None and kept.tracker is tracker)
    await _rasas_save(self, tracker)
    if not ours or not starts_its_session(tracker):
        return
    with self.session_scope() as session:
        key = stored_key(self, session, sender_id)
    if key.events == len(tracker.events):
        cache.keep(sender_id, Kept(tracker, key, tracker.events[-1]))


def _written_against_this_rasa() -> bool:
    """Rasa's retrieve and save still work as described above."""
    return still_contains(
        {
            SQLTrackerStore._retrieve: [
                "fetch_events_from_all_sessions=fetch_events_from_all_sessions",
                "json.loads(event.data) for event in serialised_events",
                "DialogueStateTracker.from_dict(",
            ],
            _rasas_save: ["self._additional_events(session, tracker)"],
            SQLTrackerStore._additional_events: [
                "fetch_events_from_all_sessions=False",
                "tracker.events, number_of_events_since_last_session",
            ],
            _rasas_retrieve: ["fetch_events_from_all_sessions=False"],
        }
    )


if _written_against_this_rasa():
    SQLTrackerStore.retrieve = retrieve
    SQLTrackerStore.save = save
else:  # a different Rasa: keep its own methods rather than guess
    logger.warning("SQLTrackerStore.retrieve/save have changed; trackers are not kept between turns")
