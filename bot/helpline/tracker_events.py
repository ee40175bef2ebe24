"""Reading and deleting conversations in Rasa's SQL tracker store, on SQLite or PostgreSQL.

Rasa's SQLTrackerStore keeps one row per event in a table `events` (id,
sender_id, type_name, timestamp, intent_name, action_name, data: the event as
JSON), the same on every database, so the queries here are plain portable SQL
run through SQLAlchemy. Two ways in:

    connect(Path("var/tracker.db"))      the SQLite file `make run` writes
    connect_url(parse_url("postgresql://rasa@127.0.0.1:5461/rasa"))
                                         any SQLAlchemy URL: `make run-scaled`'s PostgreSQL

A URL without a password takes PostgreSQL's own PGPASSWORD or ~/.pgpass, so the
password need not appear on a command line.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parents[2]


class StoreMissing(Exception):
    """There is no SQLite tracker store file yet."""


def default_db() -> Path:
    """$TRACKER_DB as scripts/serve.sh reads it: relative to the project root."""
    path = Path(os.environ.get("TRACKER_DB") or "var/tracker.db")
    return path if path.is_absolute() else ROOT / path


def connect(path: Path, write: bool = False) -> Connection:
    """The SQLite store at `path`, read-only unless `write`; never creates the file."""
    if not path.is_file():
        raise StoreMissing(str(path))
    uri = path.resolve().as_uri() + ("?mode=rw" if write else "?mode=ro")
    # The bot may be writing at the same time: wait for its lock rather than fail.
    engine = sa.create_engine(
        "sqlite://", poolclass=NullPool, creator=lambda: sqlite3.connect(uri, uri=True, timeout=30)
    )
    return engine.connect()


def parse_url(text: str) -> URL:
    """An SQLAlchemy URL; ValueError if `text` is not one (the error does not repeat
    the text: it may hold a password)."""
    try:
        return sa.engine.make_url(text)
    except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ValueError("not a database URL") from None


def connect_url(url: URL, write: bool = False) -> Connection:
    """The store at an SQLAlchemy URL; a DBAPIError when it cannot be reached."""
    if url.get_backend_name() == "sqlite" and url.database:
        return connect(Path(url.database), write)  # read-only and secure_delete as above
    conn = sa.create_engine(url, poolclass=NullPool).connect()
    if not write and conn.dialect.name == "postgresql":
        conn = conn.execution_options(postgresql_readonly=True)  # looking changes nothing
    return conn


# --- choosing the store on a command line (bot.helpline.triage, bot.insights.report) ----------


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db", type=Path, help="SQLite tracker store (default: $TRACKER_DB or var/tracker.db)"
    )
    where.add_argument(
        "--db-url",
        metavar="URL",
        help="SQLAlchemy URL of an SQL tracker store, e.g. "
        "postgresql://rasa@127.0.0.1:5461/rasa (default: $TRACKER_DB_URL; "
        "a URL without password takes $PGPASSWORD)",
    )


def store_from_arguments(args: argparse.Namespace) -> tuple[URL | None, Path, str]:
    """(URL or None, SQLite path, the store's name for messages: a URL's password
    hidden). ValueError, with a message for the user, for a malformed URL."""
    url_text = args.db_url or (None if args.db else os.environ.get("TRACKER_DB_URL"))
    try:
        url = parse_url(url_text) if url_text else None
    except ValueError:
        raise ValueError(
            "--db-url / $TRACKER_DB_URL is not a database URL: it looks like "
            "postgresql://USER@HOST:PORT/DATABASE."
        ) from None
    db = args.db or default_db()
    return url, db, (url.render_as_string(hide_password=True) if url else str(db))


def reason(exc: Exception) -> str:
    """The database's own words, on one line, without SQLAlchemy's statement and help link."""
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return "; ".join(line.strip() for line in lines if line.strip())


# --- reading --------------------------------------------------------------------------


def has_events(conn: Connection) -> bool:
    """False for a store with no conversation yet, or no `events` table (Rasa
    creates it when it first starts on the database)."""
    if not sa.inspect(conn).has_table("events"):
        return False
    return bool(conn.execute(sa.text("SELECT 1 FROM events LIMIT 1")).first())


def events(conn: Connection, sender_id: str) -> list[dict[str, Any]]:
    """One conversation's events, in the order Rasa stored them."""
    rows = conn.execute(
        sa.text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"), {"sender": sender_id}
    )
    return [json.loads(data) for (data,) in rows if data]


def conversations(
    conn: Connection, since: float | None = None, until: float | None = None
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(sender id, events in order) of every conversation whose first event is in
    [since, until) (Unix times; None: unbounded), read in one streamed query."""
    where, params = [], {}
    if since is not None:
        where.append("MIN(timestamp) >= :since")
        params["since"] = since
    if until is not None:
        where.append("MIN(timestamp) < :until")
        params["until"] = until
    having = f" HAVING {' AND '.join(where)}" if where else ""
    rows = conn.execution_options(stream_results=True).execute(
        sa.text(
            "SELECT sender_id, data FROM events WHERE sender_id IN "
            f"(SELECT sender_id FROM events GROUP BY sender_id{having}) "
            "ORDER BY sender_id, id"
        ),
        params,
    )
    sender = ""  # no sender id is empty: the first row always starts a conversation
    batch: list[dict[str, Any]] = []
    for sender_id, data in rows:
        if sender_id != sender:
            if batch:
                yield sender, batch
            sender, batch = sender_id, []
        if data:
            batch.append(json.loads(data))
    if batch:
        yield sender, batch


def slot_events_containing(conn: Connection, text: str) -> list[tuple[str, dict[str, Any]]]:
    """(sender id, event) of every slot event whose JSON contains `text` (LIKE
    wildcards in `text` are not escaped: callers pass reference codes)."""
    rows = conn.execute(
        sa.text(
            "SELECT sender_id, data FROM events WHERE type_name = 'slot' AND data LIKE :pattern ORDER BY id"
        ),
        {"pattern": f"%{text}%"},
    )
    return [(sender_id, json.loads(data)) for sender_id, data in rows]


def senders_newest_first(conn: Connection) -> list[str]:
    rows = conn.execute(
        sa.text(
            "SELECT sender_id, MAX(timestamp) AS last_event FROM events "
            "GROUP BY sender_id ORDER BY last_event DESC"
        )
    )
    return [sender_id for sender_id, _last in rows]


def senders_idle_since(conn: Connection, cutoff: float) -> list[str]:
    """Conversations whose last event is older than `cutoff` (a Unix time)."""
    rows = conn.execute(
        sa.text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"),
        {"cutoff": cutoff},
    )
    return [sender_id for (sender_id,) in rows]


def delete_conversations(conn: Connection, sender_ids: Iterable[str]) -> int:
    """Delete every event of these conversations in one transaction; returns how many events."""
    if conn.dialect.name == "sqlite":
        # Overwrite deleted rows rather than leave the text in free pages of the file.
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    deleted = 0
    with conn.begin():
        for sender_id in sender_ids:
            deleted += conn.execute(
                sa.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id}
            ).rowcount
    return deleted
