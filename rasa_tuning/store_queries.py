"""Rasa's tracker-store statements, compiled once and run on the session's own connection.

Used by event_inserts.py (the save) and tracker_cache.py (the read).

Running a statement through SQLAlchemy's ORM session costs far more than
SQLite takes to answer it: the statement's cache key, the execution context,
the result's row processing. For the two or three small queries of a turn,
SQLAlchemy's own work was 18 % of the Rasa server's time on an FAQ question
(py-spy, 23 Nov 2026). Here a statement (Rasa's own query) is compiled once
for the store's engine and run with the database driver's cursor on the
connection of the session's transaction: the same SQL, the same parameters,
in the same transaction. A statement whose parameters SQLAlchemy would
convert before sending them (a bind processor) is run through the session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

# the columns Rasa's save writes for an event (its SQLEvent, but the id)
COLUMNS = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")


class DriverQuery:
    """One statement compiled for one engine, run with the driver's cursor."""

    def __init__(self, statement: Any, engine: Any, column_keys: list[str] | None = None):
        self.statement = statement
        compiled = statement.compile(dialect=engine.dialect, column_keys=column_keys)
        self.sql = compiled.string
        # the values the statement carries itself (the parameters it needs are given per call)
        needed = {name: None for name, bind in compiled.binds.items() if bind.required}
        self.fixed = {k: v for k, v in compiled.construct_params(needed).items() if k not in needed}
        self.order = compiled.positiontup if engine.dialect.positional else None
        self.direct = not compiled._bind_processors  # parameters go to the driver as they are

    def parameters(self, values: Mapping[str, Any]) -> Any:
        merged = {**self.fixed, **values}
        return tuple(merged[name] for name in self.order) if self.order is not None else merged

    def one(self, session: Any, values: Mapping[str, Any]) -> Any:
        """The first row of the statement's result."""
        rows = self.all(session, values)
        return rows[0] if rows else None

    def all(self, session: Any, values: Mapping[str, Any]) -> list[Any]:
        """The rows of the statement's result (tuples, in the statement's column order)."""
        if not self.direct:
            return [tuple(row) for row in session.execute(self.statement, dict(values))]
        cursor = session.connection().connection.cursor()
        try:
            cursor.execute(self.sql, self.parameters(values))
            return cursor.fetchall()
        finally:
            cursor.close()

    def run_for_each(self, session: Any, rows: Iterable[Mapping[str, Any]]) -> None:
        """The statement once per row of parameters (an INSERT of several rows)."""
        rows = list(rows)
        if not self.direct:
            session.execute(self.statement, rows)
            return
        cursor = session.connection().connection.cursor()
        try:
            cursor.executemany(self.sql, [self.parameters(row) for row in rows])
        finally:
            cursor.close()


def session_events_statement(store: SQLTrackerStore, session: Any, *columns: Any, ordered: bool) -> Any:
    """Rasa's query for the events of a conversation's current session (the sender a
    parameter, `sender_id`), reduced to `columns`, in id order or none."""
    query = store._event_query(session, sa.bindparam("sender_id"), fetch_events_from_all_sessions=False)
    return (query if ordered else query.order_by(None)).with_entities(*columns).statement


def compiled(store: SQLTrackerStore, name: str, build: Callable[[], DriverQuery]) -> DriverQuery:
    """One of the store's statements, compiled once (`build()` makes it): building the
    ORM query costs more than running it."""
    queries = store.__dict__.setdefault("_driver_queries", {})
    query = queries.get(name)
    if query is None:
        query = queries[name] = build()
    return query


def stored_count(store: SQLTrackerStore, session: Any, sender_id: str) -> int:
    """How many events of the current session the store holds (as `_additional_events` counts)."""
    query = compiled(
        store,
        "count",
        lambda: DriverQuery(
            session_events_statement(store, session, sa.func.count(store.SQLEvent.id), ordered=False),
            store.engine,
        ),
    )
    return int(query.one(session, {"sender_id": sender_id})[0])


def session_rows(store: SQLTrackerStore, session: Any, sender_id: str) -> list[Any]:
    """(id, timestamp, data) of the current session's events in id order, as Rasa's
    `_retrieve` reads them (fetch_events_from_all_sessions=False)."""
    event = store.SQLEvent
    query = compiled(
        store,
        "rows",
        lambda: DriverQuery(
            session_events_statement(store, session, event.id, event.timestamp, event.data, ordered=True),
            store.engine,
        ),
    )
    return query.all(session, {"sender_id": sender_id})


def insert_rows(store: SQLTrackerStore, session: Any, rows: list[dict[str, Any]]) -> None:
    """Rows of COLUMNS into the store's events table, in order."""
    query = compiled(
        store,
        "insert",
        lambda: DriverQuery(store.SQLEvent.__table__.insert(), store.engine, column_keys=list(COLUMNS)),
    )
    query.run_for_each(session, rows)
