"""Keep each conversation's tracker in memory between turns, instead of replaying it.

Rasa 3.6's SQL tracker store rebuilds the tracker on every turn: it reads every
event of the conversation's current session, decodes each one and replays it
into a new DialogueStateTracker. At message 250 of one conversation that was
60 % of a turn, and it grows with every message.

Here the tracker a turn saved is kept, and the next turn gets that same object
back, but only after one small query shows the store still holds what it held
when the tracker was kept: the conversation's lowest and highest event id and
the timestamp of the newest event. Each is one lookup in the sender index or
the primary key, whatever the conversation's length (counting the session's
events, as this did before, read every one of them: 8 % of a turn at message
200). So when anything else changed the conversation (another Rasa server
sharing the store took a message or started a new session: a higher id;
`make purge` deleted it: no ids; old events deleted: a higher lowest id;
events aged or replaced: another newest timestamp), the tracker is read and
replayed from the store as before. What a turn gets is always what the store
holds:

- a kept tracker is handed out once (taken out of the cache); a turn that is
  abandoned unsaved (channels/failure_guard.py) leaves nothing behind, and a
  second reader of the same conversation meanwhile reads the store;
- after a save, the tracker is kept only if it was handed out by this store
  (read from it, the store unchanged while it was read) and the rows the
  store gained since it was handed out are the events the tracker gained
  since, one for one (same timestamps, in order), with the same lowest id:
  the stored rows are the tracker's events, as Rasa's own save assumes (it
  writes the events beyond the stored count). Any other save drops what was
  kept;
- a kept tracker whose events changed since it was kept is not used.

Two Rasa servers on one store (the scale-out profile) take turns of one
conversation only under the lock store's lock, so the newest id shows any
turn the other server took. Saving an empty tracker (Rasa saves a new
conversation's tracker before it holds an event) writes nothing, so it is
skipped. Not cached (Rasa's own code runs): a store with an event broker
(its save reads the tracker back), `retrieve_full_tracker`, other stores.
At most MAX_KEPT_EVENTS events are kept in all, least recently used first out;
a new domain (another model loaded) empties the cache.
"""

from __future__ import annotations

import collections
import itertools
import json
import logging
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning.rasa_source import still_contains
from rasa_tuning.store_queries import DriverQuery, compiled, session_rows

logger = logging.getLogger(__name__)

MAX_KEPT_EVENTS = 200_000  # about 1 KB each: a few hundred MB at most, usually far less

_rasas_retrieve = SQLTrackerStore.retrieve
_rasas_save = SQLTrackerStore.save

Write = Callable[[SQLTrackerStore, DialogueStateTracker], Awaitable[None]]


class Probe(NamedTuple):
    """The conversation's rows in the store, in brief: lowest and highest id, newest timestamp."""

    first_id: int | None
    last_id: int | None
    last_timestamp: float | None


class StoredKey(NamedTuple):
    """A tracker's events are the store's rows of its session; the store was as probed."""

    events: int
    probe: Probe


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
        self.lent: dict[str, tuple[weakref.ref[DialogueStateTracker], StoredKey | None]] = {}

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

    def lend(self, sender_id: str, tracker: DialogueStateTracker, key: StoredKey | None) -> None:
        if len(self.lent) > 10_000:  # handed out but never saved (read only): forget them
            self.lent = {s: (r, k) for s, (r, k) in self.lent.items() if r() is not None}
        self.lent[sender_id] = (weakref.ref(tracker), key)

    def lent_key(self, sender_id: str, tracker: DialogueStateTracker) -> StoredKey | None:
        """What the store held when it handed this tracker out (None: not handed out here)."""
        ref, key = self.lent.pop(sender_id, (None, None))
        return key if ref is not None and ref() is tracker else None


def cache_of(store: SQLTrackerStore) -> TrackerCache | None:
    """The store's cache; None where Rasa's own code must run."""
    if store.event_broker is not None or not store.domain:
        return None
    cache = store.__dict__.get("_kept_trackers")
    if cache is None or cache.domain is not store.domain:
        cache = store.__dict__["_kept_trackers"] = TrackerCache(store.domain)
    return cache


def probe(store: SQLTrackerStore, session: Any, sender_id: str) -> Probe:
    """Lowest and highest event id of the conversation, and the newest event's timestamp:
    index lookups (sender index, primary key), not a read of the conversation's events."""

    def build() -> DriverQuery:
        event = store.SQLEvent
        of_sender = event.sender_id == sa.bindparam("sender_id")
        # Separate subqueries: one min() or max() each is what the databases answer from an index.
        first_id = sa.select(sa.func.min(event.id)).where(of_sender).scalar_subquery()
        last_id = sa.select(sa.func.max(event.id)).where(of_sender).scalar_subquery()
        last_timestamp = sa.select(event.timestamp).where(event.id == last_id).scalar_subquery()
        return DriverQuery(sa.select(first_id, last_id, last_timestamp), store.engine)

    first, last, timestamp = compiled(store, "probe", build).one(session, {"sender_id": sender_id})
    return Probe(first, last, timestamp)


def rows_after(store: SQLTrackerStore, session: Any, sender_id: str, last_id: int | None) -> list[Any]:
    """(id, timestamp) of the conversation's rows with an id above last_id, in id order."""

    def build() -> DriverQuery:
        event = store.SQLEvent
        return DriverQuery(
            sa.select(event.id, event.timestamp)
            .where(event.sender_id == sa.bindparam("sender_id"), event.id > sa.bindparam("last_id"))
            .order_by(event.id),
            store.engine,
        )

    return compiled(store, "rows_after", build).all(
        session, {"sender_id": sender_id, "last_id": last_id or 0}
    )


def starts_its_session(tracker: DialogueStateTracker) -> bool:
    """No session starts after its first event. Rasa reads a conversation from its latest
    session_started on; a tracker with events before that (the first turn of a new
    session has the action_session_start logged before it) is never what it reads.
    Each event is looked at once: how far the tracker was found to start its session
    is remembered on it, and only events added since are looked at next time."""
    events = tracker.events
    checked, last = tracker.__dict__.get("_starts_its_session_memo", (1, None))
    if checked > len(events) or (last is not None and events[checked - 1] is not last):
        checked = 1
    if any(isinstance(event, SessionStarted) for event in itertools.islice(events, checked, None)):
        return False
    if events:
        tracker.__dict__["_starts_its_session_memo"] = (len(events), events[-1])
    return True


async def retrieve(self: SQLTrackerStore, sender_id: str) -> DialogueStateTracker | None:
    """SQLTrackerStore.retrieve: the kept tracker while the store still matches it."""
    cache = cache_of(self)
    if cache is None:
        return await _rasas_retrieve(self, sender_id)
    kept = cache.take(sender_id)
    with self.session_scope() as session:
        before = probe(self, session, sender_id)
        if kept is not None and kept.unchanged() and before == kept.key.probe:
            cache.lend(sender_id, kept.tracker, kept.key)
            return kept.tracker
        # As Rasa's SQLTrackerStore._retrieve (fetch_events_from_all_sessions=False).
        rows = session_rows(self, session, sender_id)  # (id, timestamp, data)
        events = [json.loads(data) for _, _, data in rows]
    if not events:
        return None
    tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    # The newest row read is the newest probed: nothing was added while reading.
    unchanged = tuple(rows[-1][:2]) == (before.last_id, before.last_timestamp)
    cache.lend(sender_id, tracker, StoredKey(len(events), before) if unchanged else None)
    return tracker


async def save(self: SQLTrackerStore, tracker: DialogueStateTracker, write: Write = _rasas_save) -> None:
    """SQLTrackerStore.save with `write` (Rasa's save, or one that writes the same rows),
    then keep the tracker if the store holds exactly its events."""
    cache = cache_of(self)
    if cache is None:
        return await write(self, tracker)
    sender_id = tracker.sender_id
    if not tracker.events:  # Rasa would count the stored events and commit nothing
        return
    kept = cache.take(sender_id)
    lent = cache.lent_key(sender_id, tracker)
    if lent is None and kept is not None and kept.tracker is tracker:
        lent = kept.key  # saved again in the same turn
    await write(self, tracker)
    if lent is None or not starts_its_session(tracker):
        return
    with self.session_scope() as session:
        added = rows_after(self, session, sender_id, lent.probe.last_id)
        after = probe(self, session, sender_id)
    gained = list(itertools.islice(tracker.events, lent.events, None))
    if (
        [timestamp for _, timestamp in added] == [event.timestamp for event in gained]
        and after.first_id == lent.probe.first_id
        and after.last_id == (added[-1][0] if added else lent.probe.last_id)
    ):
        cache.keep(sender_id, Kept(tracker, StoredKey(len(tracker.events), after), tracker.events[-1]))


def written_against_this_rasa(write: Write) -> bool:
    """Rasa's retrieve still works as described above, and `write` is a save that writes the
    events beyond the stored count of the current session: Rasa's own (checked here) or
    rasa_tuning/event_inserts.write (which checks itself against Rasa's)."""
    from rasa_tuning import event_inserts

    expected: dict[Callable[..., Any], list[str]] = {
        SQLTrackerStore._retrieve: [
            "fetch_events_from_all_sessions=fetch_events_from_all_sessions",
            "json.loads(event.data) for event in serialised_events",
            "DialogueStateTracker.from_dict(",
        ],
        _rasas_retrieve: ["fetch_events_from_all_sessions=False"],
    }
    if write is _rasas_save:
        expected[_rasas_save] = ["self._additional_events(session, tracker)"]
        expected[SQLTrackerStore._additional_events] = [
            "fetch_events_from_all_sessions=False",
            "tracker.events, number_of_events_since_last_session",
        ]
    elif write is not event_inserts.write:
        return False  # a write this was not written around
    return still_contains(expected)
