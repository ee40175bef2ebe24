"""Rasa's tracker-store statements, compiled once and run on the session's own connection.

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

from collections.abc import Iterable, Mapping
from typing import Any


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
        if not self.direct:
            return session.execute(self.statement, dict(values)).first()
        cursor = session.connection().connection.cursor()
        try:
            cursor.execute(self.sql, self.parameters(values))
            return cursor.fetchone()
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
