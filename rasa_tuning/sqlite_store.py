"""SQLite tracker store: write-ahead log, no disk flush on every commit, and
connections kept open between turns.

Rasa saves the tracker twice per visitor message (after NLU, after the reply),
each a commit. In SQLite's default rollback-journal mode with full sync each
commit waits for the disk (fsync) twice or more: about a fifth of the server's
time per message under load. In WAL mode with `synchronous=NORMAL`, a commit
appends to the log and the disk is flushed at checkpoints.

SQLAlchemy 1.4 gives a file-based SQLite engine no connection pool (NullPool):
every session Rasa opens (three per turn) connected, set the journal mode, and
on closing made SQLite check the log: together 14 % of the Rasa server's time
on an FAQ question (py-spy, 23 Nov 2026). The tracker store's engine now keeps
its connections in a QueuePool, as SQLAlchemy 2.0 does by default; a pooled
connection is only ever used by one session at a time, so it may move between
threads (`check_same_thread=False`, which 2.0 also sets). Each session still
begins its own transaction, so it sees what other processes (`make purge`, a
second server) committed.

What this trades: a conversation survives the bot being killed at any moment
(`tests/integration/test_crash_recovery.py` kills it with -9); after a power
cut or an operating-system crash, the last few messages before it may be lost.
Readers (`bot/helpline/triage.py`) no longer wait for writers. Only the tracker
store's own SQLite engine is touched (rasa_tuning/tracker_store.py makes it with
`tuned_engine`); other engines in the process, and the scale-out profile's
PostgreSQL, keep their settings.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import rasa.core.tracker_store
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import QueuePool

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_engine_kwargs = rasa.core.tracker_store.create_engine_kwargs


def _wal_and_normal_sync(dbapi_connection, _connection_record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.OperationalError:
        # A read-only connection in the same process (the triage or report
        # reader, mode=ro) cannot change the journal; it reads either way.
        pass
    finally:
        cursor.close()


def is_sqlite_file(url: Any) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")


def engine_kwargs(url: Any) -> dict[str, Any]:
    """Rasa's create_engine arguments, plus a pool for a SQLite file."""
    kwargs = _rasas_engine_kwargs(url)
    if is_sqlite_file(url):
        kwargs.setdefault("poolclass", QueuePool)
        kwargs.setdefault("connect_args", {}).setdefault("check_same_thread", False)
    return kwargs


def tuned_engine(url: Any) -> Engine:
    """The engine Rasa's SQLTrackerStore makes for `url`, pooled and writing ahead for a SQLite file."""
    engine = sa.create_engine(url, **engine_kwargs(url))
    if is_sqlite_file(url):
        event.listen(engine, "connect", _wal_and_normal_sync)
    return engine


def written_against_this_rasa() -> bool:
    """Rasa's store still makes its engine from create_engine_kwargs and binds its sessions to it."""
    return still_contains(
        {
            rasa.core.tracker_store.SQLTrackerStore.__init__: [
                "self.engine = sa.create_engine(engine_url, **create_engine_kwargs(engine_url))",
                "self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)",
            ]
        }
    )
