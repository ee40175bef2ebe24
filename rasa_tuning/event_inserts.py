"""SQLTrackerStore.save: the same rows, written without the ORM's per-object work.

Rasa 3.6's SQL tracker store saves a turn by counting the events its store
holds for the conversation's current session (an ORM query with a subquery,
built anew each time), then adding one ORM object per new event and flushing
them. On an FAQ question that was 17 % of the Rasa server's time (py-spy, 23
Nov 2026): building and running the count 8 %, the ORM flush and objects 9 %,
for the three or four rows a turn writes.

Here the count is Rasa's own session query, built once per store as a
statement with the sender as a parameter, and the new events go in as one
INSERT executed for all of them: the same columns with the same values, in
the same order (so the same ids), in one transaction, as Rasa writes them.
Both run on the session's connection with the driver's cursor
(rasa_tuning/driver_queries.py). The event broker is told first, as before.
tests/components/test_event_inserts.py compares the stored rows with Rasa's.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from rasa_tuning.driver_queries import DriverQuery
from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_save = SQLTrackerStore.save


def session_events_statement(store: SQLTrackerStore, session: Any, *columns: Any) -> Any:
    """Rasa's query for the events of a conversation's current session (the sender a
    parameter, `sender_id`), reduced to `columns`; built once per store and columns."""
    statements = store.__dict__.setdefault("_session_event_statements", {})
    key = tuple(str(column) for column in columns)
    statement = statements.get(key)
    if statement is None:  # building the ORM query costs more than running it
        statement = statements[key] = (
            store._event_query(session, sa.bindparam("sender_id"), fetch_events_from_all_sessions=False)
            .order_by(None)
            .with_entities(*columns)
            .statement
        )
    return statement


def driver_query(store: SQLTrackerStore, name: str, build: Any) -> DriverQuery:
    """One of the store's statements, compiled once (`build()` makes it)."""
    queries = store.__dict__.setdefault("_driver_queries", {})
    query = queries.get(name)
    if query is None:
        query = queries[name] = build()
    return query


def stored_count(store: SQLTrackerStore, session: Any, sender_id: str) -> int:
    """How many events of the current session the store holds (as `_additional_events` counts)."""
    query = driver_query(
        store,
        "count",
        lambda: DriverQuery(
            session_events_statement(store, session, sa.func.count(store.SQLEvent.id)), store.engine
        ),
    )
    return int(query.one(session, {"sender_id": sender_id})[0])


def insert_rows(store: SQLTrackerStore, session: Any, rows: list[dict[str, Any]]) -> None:
    query = driver_query(
        store,
        "insert",
        lambda: DriverQuery(store.SQLEvent.__table__.insert(), store.engine, column_keys=list(COLUMNS)),
    )
    query.run_for_each(session, rows)


COLUMNS = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")


def event_row(event: Any, sender_id: str) -> dict[str, Any]:
    """The columns Rasa's save writes for one event."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


# wraps: inspect.getsource of this function (other modules' checks) reads Rasa's save
@functools.wraps(_rasas_save)
async def save(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    await self.stream_events(tracker)
    with self.session_scope() as session:
        stored = stored_count(self, session, tracker.sender_id)
        new_events = itertools.islice(tracker.events, stored, len(tracker.events))
        rows = [event_row(event, tracker.sender_id) for event in new_events]
        if rows:
            insert_rows(self, session, rows)
        session.commit()
    logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")


def _written_against_this_rasa() -> bool:
    """Rasa's save still counts, then writes these columns, as described above."""
    return still_contains(
        {
            _rasas_save: [
                "await self.stream_events(tracker)",
                "events = self._additional_events(session, tracker)",
                'data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)',
                'action = data.get("name")',
                'timestamp = data.get("timestamp")',
                "type_name=event.type_name,",
                "data=json.dumps(data),",
                "session.commit()",
            ],
            SQLTrackerStore._additional_events: [
                "fetch_events_from_all_sessions=False\n        ).count()",
                "tracker.events, number_of_events_since_last_session, len(tracker.events)",
            ],
        }
    )


if _written_against_this_rasa():
    SQLTrackerStore.save = save
else:  # a different Rasa: keep its own save rather than guess
    logger.warning("SQLTrackerStore.save has changed; events are saved by Rasa's own code")
